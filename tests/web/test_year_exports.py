"""The year's reports (运行监控报告, 绩效自评表) measure approved targets: before 已批复 there is
nothing to export, as the pages say — single download, API and bulk zip alike."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse

from jixiao_web.models import AuditEntry, DocState, ExportItem, ExportJob, Role, TargetDocument
from jixiao_web.services import bulk_export, imports, tokens
from jixiao_web.services.audit import EXPORT
from tests_web_helpers import login, seed_path

YEAR_FORMATS = ("monitor-xlsx", "score-xlsx")


@pytest.mark.parametrize("path, doing", [("monitor", "查看监控预警"), ("score", "查看自评得分")])
def test_the_api_gives_no_monitoring_or_score_of_a_draft(own, path, doing):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {tokens.issue(own.users[Role.AUDITOR], 'test')}"}
    url = f"/api/documents/{own.document.pk}/{path}"
    answer = login(own.users[Role.AUDITOR]).get(url, **headers)
    assert answer.status_code == 400 and answer.json()["detail"] == f"文档当前为“草稿”，批复后才能{doing}：监控和自评对照的是批复的绩效目标。"
    TargetDocument.objects.filter(pk=own.document.pk).update(state=DocState.APPROVED)
    assert login(own.users[Role.AUDITOR]).get(url, **headers).status_code == 200


@pytest.mark.parametrize("fmt, what", [("monitor-xlsx", "运行监控报告"), ("score-xlsx", "绩效自评表")])
def test_a_draft_has_no_monitor_report_or_self_evaluation_to_download(own, fmt, what):
    document, filer = own.document, own.users[Role.FILER]
    assert document.state == DocState.DRAFT
    client = login(filer)
    url = reverse("export", kwargs={"pk": document.pk, "fmt": fmt})
    response = client.get(url)
    assert response.status_code == 302 and response.url == reverse("document", kwargs={"pk": document.pk})
    page = client.get(url, follow=True).content.decode()
    assert f"文档当前为“草稿”，批复后才能导出{what}" in page

    headers = {"HTTP_AUTHORIZATION": f"Bearer {tokens.issue(filer, 'test')}"}
    answer = client.get(f"/api/documents/{document.pk}/export/{fmt}", **headers)
    assert answer.status_code == 400 and f"批复后才能导出{what}" in answer.json()["detail"]
    assert not AuditEntry.objects.filter(action=EXPORT).exists()  # nothing taken out, nothing recorded

    TargetDocument.objects.filter(pk=document.pk).update(state=DocState.APPROVED)
    assert client.get(url).status_code == 200
    assert client.get(f"/api/documents/{document.pk}/export/{fmt}", **headers).status_code == 200


@pytest.mark.django_db(transaction=True)  # the worker commits, as in production
def test_a_bulk_self_evaluation_lists_drafts_as_not_exported_with_the_reason(own):
    seed = seed_path("003")
    approved = imports.import_file(own.users[Role.FILER], own.unit, seed.read_bytes(), seed.name)[0]
    TargetDocument.objects.filter(pk=approved.pk).update(state=DocState.APPROVED)
    client = login(own.users[Role.FILER])
    for fmt in YEAR_FORMATS:
        client.post(reverse("export_bulk"), {"fmt": fmt})
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    for fmt in YEAR_FORMATS:
        job = ExportJob.objects.get(fmt=fmt)
        assert (job.progress()["exported"], job.progress()["failed"]) == (1, 1)
        draft = ExportItem.objects.get(job=job, document=own.document)
        assert draft.status == ExportItem.Status.FAILED and "批复后才能导出" in draft.message
        archive = zipfile.ZipFile(io.BytesIO(client.get(reverse("export_job_download", kwargs={"pk": job.pk})).content))
        rows = {r["文档"]: r for r in csv.DictReader(io.StringIO(archive.read(bulk_export.MANIFEST).decode("utf-8-sig")))}
        assert rows[str(own.document)]["文件"] == "" and rows[str(own.document)]["状态"] == "草稿"
        assert rows[str(own.document)]["结果"].startswith("未导出：文档当前为“草稿”，批复后才能导出")
        assert rows[str(approved)]["结果"] == "已导出" and rows[str(approved)]["文件"] in archive.namelist()
        assert len(archive.namelist()) == 2  # the approved document's file and the 清单: nothing written for the draft
        page = client.get(reverse("export_job", kwargs={"pk": job.pk})).content.decode()
        assert "批复后才能导出" in page
