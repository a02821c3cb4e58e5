"""Office files imported in the web app (page, API, bulk): the core's own xlsx / docx / PDF exports
of a seed and a public workbook; each read back from the database with its original's places.

Regression: every office import answered 500 (a stored location's ``origin`` came back as a dict)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from jixiao.cli.export import render
from jixiao.read import read_path
from jixiao_web.models import ImportFile, Role, TargetDocument
from jixiao_web.services import bulk, imports, tokens
from jixiao_web.services.findings import core_findings
from jixiao_web.services.store import to_core
from tests_web_helpers import login, seed_path

ZHANJIANG = Path(__file__).parents[1] / "corpus" / "office" / "zhanjiang_2024.xlsx"  # public: 湛江市 2024 部门整体支出绩效目标


@pytest.fixture(scope="module")
def office_files() -> dict[str, bytes]:
    """Seed 003 exported by the core as the three office formats, and the public workbook."""
    result = read_path(seed_path("003"))
    files = {f"003.{fmt}": render(result, fmt) for fmt in ("xlsx", "docx", "pdf")}
    return files | {ZHANJIANG.name: ZHANJIANG.read_bytes()}


def _placed_in_original(stored: TargetDocument) -> None:
    """The document comes back from its rows with the original's places, and its findings say them."""
    core = to_core(stored)
    assert core.sections and all(s.source.origin is not None for s in core.sections)
    assert any(i.source.origin for s in core.sections for i in s.indicators)
    found = core_findings([stored])
    assert found and any(f.location.describe() for f in found)


@pytest.mark.parametrize("name", ["003.xlsx", "003.docx", "003.pdf", ZHANJIANG.name])
def test_an_office_file_is_imported_through_the_page(own, office_files, name):
    client = login(own.users[Role.FILER])
    upload = client.post(reverse("import"), {"file": SimpleUploadedFile(name, office_files[name])})
    preview = client.get(upload.url)
    assert preview.status_code == 200 and "原文件" in preview.content.decode()  # findings placed in the original
    reply = client.post(upload.url, {"unit": own.unit.pk})
    stored = TargetDocument.objects.filter(source_file=name).order_by("pk").first()
    assert stored is not None and reply.url == reverse("document", kwargs={"pk": stored.pk})
    page = client.get(reply.url)
    assert page.status_code == 200 and stored.title in page.content.decode()
    _placed_in_original(stored)
    section = stored.sections.first()
    assert client.get(reverse("section_edit", kwargs={"pk": section.pk})).status_code == 200


@pytest.mark.parametrize("name", ["003.xlsx", "003.docx", "003.pdf", ZHANJIANG.name])
def test_an_office_file_is_imported_through_the_api(own, office_files, name):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {tokens.issue(own.users[Role.FILER], 'test')}"}
    client = Client()
    reply = client.post(f"/api/units/{own.unit.pk}/import", {"file": SimpleUploadedFile(name, office_files[name])}, **headers)
    assert reply.status_code == 200, reply.content.decode()
    [first, *_] = reply.json()
    detail = client.get(f"/api/documents/{first['id']}", **headers)
    assert detail.status_code == 200 and detail.json()["title"] == first["title"]
    _placed_in_original(TargetDocument.objects.get(pk=first["id"]))


@pytest.mark.django_db(transaction=True)  # the worker commits, as in production
def test_a_bulk_import_of_office_files_goes_past_a_bad_one(own, office_files):
    files = [("坏的.xlsx", b"PK\x03\x04 not a workbook"), *office_files.items()]
    reply = login(own.users[Role.FILER]).post(
        reverse("import_bulk"), {"unit": own.unit.pk, "files": [SimpleUploadedFile(n, d) for n, d in files]}
    )
    assert reply.status_code == 302
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    outcome = {f.name: (f.status, f.message) for f in ImportFile.objects.all()}
    assert outcome["坏的.xlsx"][0] == ImportFile.Status.FAILED and "无法读取" in outcome["坏的.xlsx"][1]
    # the core's three exports of one seed are three different files, each imported on its own
    assert all(outcome[name][0] == ImportFile.Status.IMPORTED for name in office_files), outcome


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("step", ["preview", "store_preview"])
def test_a_file_that_breaks_the_reader_or_the_store_does_not_stop_the_files_after_it(own, office_files, monkeypatch, step):
    real = getattr(imports, step)

    def flaky(*args):
        if any("坏的.docx" in (a, getattr(a, "name", "")) for a in args):  # the file's name, or a preview of it
            raise AttributeError("a fault in the reader")
        return real(*args)

    monkeypatch.setattr(imports, step, flaky)
    bulk.start(own.users[Role.FILER], own.unit, [("坏的.docx", office_files["003.xlsx"]), ("003.docx", office_files["003.docx"])])
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    outcome = {f.name: (f.status, f.message) for f in ImportFile.objects.all()}
    assert outcome["坏的.docx"] == (ImportFile.Status.FAILED, "导入这个文件时程序出错，未导入；请把文件交给系统管理员查看。")
    assert outcome["003.docx"][0] == ImportFile.Status.IMPORTED
