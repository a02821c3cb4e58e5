"""Bulk import through the database task queue and its worker, with progress for the page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from jixiao_web.models import ImportBatch, ImportFile, Role, TargetDocument
from tests_web_helpers import login, seed_path


def _run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@pytest.mark.django_db(transaction=True)  # the worker commits and closes connections, as in production
def test_bulk_import_runs_in_the_worker_and_reports_each_file(own):
    client = login(own.users[Role.FILER])
    files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in (seed_path("003"), seed_path("004"))]
    files.append(SimpleUploadedFile("坏文件.txt", "不是目标表".encode()))
    before = TargetDocument.objects.count()
    response = client.post(reverse("import_bulk"), {"unit": own.unit.pk, "files": files})
    batch = ImportBatch.objects.get()
    assert response.url == reverse("import_batch", kwargs={"pk": batch.pk})
    queued = client.get(reverse("import_batch_progress", kwargs={"pk": batch.pk})).json()
    assert (queued["state"], queued["finished"], queued["total"], queued["percent"]) == ("queued", 0, 3, 0)
    assert TargetDocument.objects.count() == before  # nothing imported until the worker runs

    _run_worker()

    done = client.get(reverse("import_batch_progress", kwargs={"pk": batch.pk})).json()
    assert (done["state"], done["imported"], done["failed"], done["percent"]) == ("done", 2, 1, 100)
    assert TargetDocument.objects.count() == before + 1 + 3  # seed 003: one part, seed 004: three
    bad = ImportFile.objects.get(name="坏文件.txt")
    assert bad.status == ImportFile.Status.FAILED and "无法读取" in bad.message
    page = client.get(reverse("import_batch", kwargs={"pk": batch.pk})).content.decode()
    assert "已完成" in page and "无法读取" in page


def test_bulk_import_refuses_roles_and_other_units(own, other):
    files = [SimpleUploadedFile("a.txt", b"x")]
    assert login(own.users[Role.AUDITOR]).post(reverse("import_bulk"), {"unit": own.unit.pk, "files": files}).status_code == 403
    response = login(own.users[Role.FILER]).post(reverse("import_bulk"), {"unit": other.unit.pk, "files": files})
    assert response.status_code == 404
    assert not ImportBatch.objects.exists()
