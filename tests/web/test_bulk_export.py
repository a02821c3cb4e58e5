"""Bulk export through the database task queue and its worker: one zip per job, one file per
document, a 清单, progress for the page, and the job visible to its starter only."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import docx
import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from jixiao_web.models import DocState, ExportItem, ExportJob, Membership, Role, TargetDocument
from jixiao_web.services import bulk_export, imports, tokens
from jixiao_web.services.export import EXPORTERS
from tests_web_helpers import login, seed_path


def _run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def _import(tenant, prefix):
    seed = seed_path(prefix)
    return imports.import_file(tenant.users[Role.FILER], tenant.unit, seed.read_bytes(), seed.name)


def _zip(client, job) -> zipfile.ZipFile:
    response = client.get(reverse("export_job_download", kwargs={"pk": job.pk}))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(response.content))


def _opens(name: str, content: bytes) -> None:
    """Each layout read back by the library that reads that kind of file."""
    extension = name.rsplit(".", 1)[1]
    if extension == "xlsx":
        assert openpyxl.load_workbook(io.BytesIO(content)).sheetnames
    elif extension == "docx":
        assert docx.Document(io.BytesIO(content)).paragraphs
    elif extension == "pdf":
        assert content.startswith(b"%PDF-")
    elif extension == "json":
        assert json.loads(content)["documents"]
    else:
        assert list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def _manifest(archive: zipfile.ZipFile) -> list[dict]:
    return list(csv.DictReader(io.StringIO(archive.read(bulk_export.MANIFEST).decode("utf-8-sig"))))


@pytest.mark.django_db(transaction=True)  # the worker commits and closes connections, as in production
def test_bulk_export_in_every_format_runs_in_the_worker(own, other):
    _import(own, "004")  # three parts of one file: three documents, three distinct names
    TargetDocument.objects.filter(unit=own.unit).update(state=DocState.APPROVED)  # the year's reports follow approval
    client = login(own.users[Role.FILER])
    expected = 4
    jobs = {}
    for fmt in EXPORTERS:
        response = client.post(reverse("export_bulk"), {"fmt": fmt, "unit": str(own.unit.pk), "q": ""})
        jobs[fmt] = ExportJob.objects.get(fmt=fmt)
        assert response.url == reverse("export_job", kwargs={"pk": jobs[fmt].pk})
    queued = client.get(reverse("export_job_progress", kwargs={"pk": jobs["pdf"].pk})).json()
    assert (queued["state"], queued["finished"], queued["total"], queued["percent"]) == ("queued", 0, expected, 0)
    assert client.get(reverse("export_job_download", kwargs={"pk": jobs["pdf"].pk})).status_code == 404  # not ready

    _run_worker()

    for fmt, job in jobs.items():
        done = client.get(reverse("export_job_progress", kwargs={"pk": job.pk})).json()
        assert (done["state"], done["exported"], done["failed"], done["percent"]) == ("done", expected, 0, 100), fmt
        archive = _zip(client, job)
        files = [n for n in archive.namelist() if n != bulk_export.MANIFEST]
        assert len(set(files)) == expected and all(n.endswith("." + EXPORTERS[fmt].extension) for n in files)
        assert all(n.startswith("甲民政局本级-") for n in files)  # the other bureau's document is not there
        for name in files:
            _opens(name, archive.read(name))
        rows = _manifest(archive)
        assert sorted(r["文件"] for r in rows) == sorted(files)
        assert {(r["单位"], r["状态"], r["结果"]) for r in rows} == {("甲民政局本级", "已批复", "已导出")}
    page = client.get(reverse("export_job", kwargs={"pk": jobs["xlsx"].pk})).content.decode()
    assert "已完成" in page and reverse("export_job_download", kwargs={"pk": jobs["xlsx"].pk}) in page


@pytest.mark.django_db(transaction=True)
def test_a_document_that_cannot_be_written_is_reported_and_the_others_are_exported(own, monkeypatch):
    broken = _import(own, "003")[0]
    written = bulk_export.export

    def export(rows, fmt):
        if rows[0].pk == broken.pk:
            raise ValueError("表格结构异常")
        return written(rows, fmt)

    monkeypatch.setattr(bulk_export, "export", export)
    client = login(own.users[Role.AUDITOR])
    client.post(reverse("export_bulk"), {"fmt": "xlsx"})
    job = ExportJob.objects.get()
    _run_worker()

    job.refresh_from_db()
    progress = job.progress()
    assert (progress["state"], progress["exported"], progress["failed"]) == ("done", 1, 1)
    failed = ExportItem.objects.get(document=broken)
    assert failed.status == ExportItem.Status.FAILED and "表格结构异常" in failed.message and "正式表样" in failed.message
    archive = _zip(client, job)
    assert failed.name not in archive.namelist() and len(archive.namelist()) == 2
    assert [r["结果"] for r in _manifest(archive) if not r["文件"]] == [f"未导出：{failed.message}"]
    page = client.get(reverse("export_job", kwargs={"pk": job.pk})).content.decode()
    assert "表格结构异常" in page and 'class="finding sev-error"' in page


@pytest.mark.django_db(transaction=True)
def test_a_job_that_breaks_off_is_marked_failed_and_keeps_no_zip(own, monkeypatch):
    def manifest(items):
        raise OSError("磁盘已满")

    monkeypatch.setattr(bulk_export, "manifest", manifest)
    client = login(own.users[Role.FILER])
    client.post(reverse("export_bulk"), {"fmt": "json"})
    _run_worker()

    job = ExportJob.objects.get()
    assert job.state == ExportJob.State.FAILED and bytes(job.data) == b""
    assert client.get(reverse("export_job_download", kwargs={"pk": job.pk})).status_code == 404
    assert "导出中断" in client.get(reverse("export_job", kwargs={"pk": job.pk})).content.decode()


def test_only_what_the_filters_match_and_nothing_when_nothing_matches(own):
    _import(own, "004")
    client = login(own.users[Role.FILER])
    listing = client.get(reverse("documents"), {"unit": own.unit.pk, "q": "民政"}).content.decode()
    assert 'action="/documents/export/"' in listing and "导出这 4 份（zip）" in listing
    assert f'<input type="hidden" name="unit" value="{own.unit.pk}">' in listing and '<option value="score-xlsx">' in listing
    response = client.post(reverse("export_bulk"), {"fmt": "json", "state": "published", "unit": str(own.unit.pk)})
    assert response.status_code == 302 and response.url == f"{reverse('documents')}?unit={own.unit.pk}&state=published"
    assert not ExportJob.objects.exists()
    assert client.post(reverse("export_bulk"), {"fmt": "no-such"}).status_code == 302 and not ExportJob.objects.exists()

    client.post(reverse("export_bulk"), {"fmt": "json", "q": own.document.source_file})
    job = ExportJob.objects.get()
    assert list(job.items.values_list("document", flat=True)) == [own.document.pk]
    assert job.filters == {"q": own.document.source_file}


def test_the_job_belongs_to_its_starter(own, other):
    client = login(own.users[Role.FILER])
    client.post(reverse("export_bulk"), {"fmt": "json"})
    job = ExportJob.objects.get()
    ExportJob.objects.filter(pk=job.pk).update(state=ExportJob.State.DONE, data=b"PK")
    for name in ("export_job", "export_job_progress", "export_job_download"):
        url = reverse(name, kwargs={"pk": job.pk})
        assert client.get(url).status_code == 200
        for stranger in (own.users[Role.ADMIN], other.users[Role.FILER]):  # same unit's admin too: 404
            assert login(stranger).get(url).status_code == 404, (name, stranger)


@pytest.mark.django_db(transaction=True)
def test_the_zip_is_not_downloadable_once_the_users_grant_is_revoked(own):
    """Regression: the zip stayed downloadable after the role that saw its documents was revoked."""
    filer = own.users[Role.FILER]
    client = login(filer)
    client.post(reverse("export_bulk"), {"fmt": "json"})
    _run_worker()
    job = ExportJob.objects.get()
    assert len(_zip(client, job).namelist()) == 2  # the document and the 清单
    Membership.objects.filter(user=filer).delete()
    for url in (reverse("export_job_download", kwargs={"pk": job.pk}), f"/api/exports/{job.pk}/download"):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {tokens.issue(filer, 'test')}"} if url.startswith("/api") else {}
        refused = login(filer).get(url, **headers)
        said = refused.json()["detail"] if headers else refused.content.decode()
        assert refused.status_code == 403 and "1 份文档您已无权查看" in said


def test_job_page_query_count_does_not_grow_with_documents(own, django_assert_num_queries):
    for prefix in ("003", "004"):
        _import(own, prefix)
    client = login(own.users[Role.FILER])
    client.post(reverse("export_bulk"), {"fmt": "xlsx"})
    job = ExportJob.objects.get()
    assert job.items.count() == 5
    url = reverse("export_job", kwargs={"pk": job.pk})
    client.get(url)  # shows (and so clears) the "started" message; the page's reloads look like this:
    # session, user, job, progress counts, the user's memberships (menu), items with documents and units
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200


def test_older_finished_jobs_are_dropped(own):
    client = login(own.users[Role.FILER])
    for _ in range(bulk_export.KEEP_JOBS + 2):
        client.post(reverse("export_bulk"), {"fmt": "json"})
        ExportJob.objects.update(state=ExportJob.State.DONE)
    assert ExportJob.objects.count() == bulk_export.KEEP_JOBS


def test_file_names_are_unique_and_safe(own):
    document = own.document
    document.title = '绩效目标/2025:"草案"'
    names = bulk_export.file_names([document, document, document], "pdf")
    assert names[0] == "甲民政局本级-绩效目标_2025_草案_-正式表样.pdf"
    assert names[1:] == ["甲民政局本级-绩效目标_2025_草案_-正式表样（2）.pdf", "甲民政局本级-绩效目标_2025_草案_-正式表样（3）.pdf"]


def test_one_document_downloads_in_every_format_under_different_names_as_in_the_zip(own):
    """正式表样, 审核意见表, 运行监控报告 and 绩效自评表 are all .xlsx and the two CSVs share an
    extension: the name says what the file is, the same for a single download and a zip entry."""
    from urllib.parse import unquote

    from jixiao_web.models import DocState

    type(own.document).objects.filter(pk=own.document.pk).update(state=DocState.APPROVED)  # every format offered
    client = login(own.users[Role.FILER])
    names = {}
    for fmt, exporter in EXPORTERS.items():
        response = client.get(reverse("export", kwargs={"pk": own.document.pk, "fmt": fmt}))
        assert response.status_code == 200, fmt
        names[fmt] = unquote(response["Content-Disposition"].split("filename*=UTF-8''", 1)[1])
        assert names[fmt].endswith(f"-{exporter.what}.{exporter.extension}"), names[fmt]
        assert names[fmt] == bulk_export.file_names([own.document], fmt)[0]
    assert len(set(names.values())) == len(EXPORTERS)
    assert names["review-xlsx"] == f"{own.unit.name}-{own.document}-审核意见表.xlsx"
