"""Hostile uploads and forms are refused before the work starts, with a Chinese message, nothing
changed — an office file that unpacks to far more than a table, a text of 175,000
rows, a section form claiming ten million rows, a bulk import too large in all.

Regression: an 8 MB workbook of 256 MB XML took minutes and gigabytes; a 10 MB text took 46 s to
preview and 110 s to import (its editor 17 s at 20,000 rows); the editor's row_count=10000000 ran
unbounded. The tests make the dear step fail if it is reached, rather than time it: how fast a
refusal is belongs in benchmarks, and a timed test fails on a loaded machine."""

from __future__ import annotations

import io
import json
import random
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from jixiao_web.models import ImportBatch, Role, TargetDocument
from jixiao_web.services import actuals, editing, imports, tokens
from tests_web_helpers import login, seed_path

@pytest.fixture
def never(monkeypatch):
    """``never(module, name)``: reaching that function fails the test (the refusal came too late)."""
    def forbid(module, name: str) -> None:
        def reached(*args, **kwargs):
            raise AssertionError(f"{name} was reached: the input should have been refused before it")
        monkeypatch.setattr(module, name, reached)
    return forbid


@pytest.fixture(scope="module")
def bloated_xlsx() -> bytes:
    """A workbook whose one sheet is 40 MB of XML without a <dimension> (and compresses less than 100:1)."""
    rng = random.Random(4)
    rows = "".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>{rng.getrandbits(64):x}</t></is></c></row>' for i in range(1, 520_000))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        book.writestr("xl/workbook.xml", "<workbook/>")
        book.writestr("xl/worksheets/sheet1.xml", f"<worksheet><sheetData>{rows}</sheetData></worksheet>")
    return buffer.getvalue()


LONG_TEXT = ("一级指标\t二级指标\t三级指标\t指标值\n" + "".join(f"产出指标\t数量指标\t救助人数{i}\t≥{i}人\n" for i in range(175_000))).encode()


def _api(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {tokens.issue(user, 'test')}"}


@pytest.mark.parametrize("name", ["bloated.xlsx", "long.txt"])
def test_an_oversized_file_is_refused_before_it_is_read_on_the_page_and_in_the_api(own, bloated_xlsx, name, never):
    data = bloated_xlsx if name.endswith("xlsx") else LONG_TEXT
    said = "MB，超过 32 MB 的上限（绩效目标表和填报表远小于此），未读取" if name.endswith("xlsx") else "有 175001 行，超过 20000 行的上限"
    filer, before = own.users[Role.FILER], TargetDocument.objects.count()
    client = login(filer)
    never(imports, "read_bytes")
    never(actuals, "read_actuals")
    page = client.post(reverse("import"), {"file": SimpleUploadedFile(name, data)}, follow=True).content.decode()
    assert said in page
    reply = Client().post(f"/api/units/{own.unit.pk}/import", {"file": SimpleUploadedFile(name, data)}, **_api(filer))
    assert reply.status_code == 400 and said in reply.json()["detail"]
    reply = Client().post(f"/api/documents/{own.document.pk}/actuals/upload", {"file": SimpleUploadedFile(name, data)}, **_api(filer))
    assert reply.status_code == 400 and said in reply.json()["detail"]
    assert TargetDocument.objects.count() == before


def test_a_file_with_more_rows_than_its_pages_can_show_is_refused_before_its_review(own, settings, never):
    """Regression: 20,000 rows in one section took 10 s to import, and its editor 17 s and 17 MB."""
    text = ("一级指标\t二级指标\t三级指标\t指标值\n" + "".join(f"产出指标\t数量指标\t人数{i}\t≥{i}人\n" for i in range(19_000))).encode()
    api = Client()
    never(imports, "review")
    reply = api.post(f"/api/units/{own.unit.pk}/import", {"file": SimpleUploadedFile("rows.txt", text)}, **_api(own.users[Role.FILER]))
    assert reply.status_code == 400 and "有 1 节超过一节 2000 行指标的上限，未导入" in reply.json()["detail"]
    settings.JIXIAO_MAX_FILE_ROWS = 10  # seed 003 has 15 indicator rows in all
    reply = api.post(f"/api/units/{own.unit.pk}/import", {"file": SimpleUploadedFile("003.txt", seed_path("003").read_bytes())}, **_api(own.users[Role.FILER]))
    assert reply.status_code == 400 and "共有 15 行指标，超过一个文件 10 行的上限" in reply.json()["detail"]


def test_a_section_form_claiming_ten_million_rows_is_refused_at_once(own, never):
    section = own.document.sections.filter(indicators__isnull=False).first()
    never(editing, "SectionEdit")  # the rows are built for it: the count is refused before
    reply = login(own.users[Role.FILER]).post(reverse("section_edit", kwargs={"pk": section.pk}), {"version": section.version, "row_count": "10000000"})
    assert reply.status_code == 400 and "一节最多 2000 行指标，提交的是 10000000 行" in reply.content.decode()
    section.refresh_from_db()
    assert section.version == 1


def test_a_bulk_import_too_large_in_all_is_refused_before_any_file_is_stored(own, settings):
    settings.JIXIAO_MAX_BULK_BYTES = 1024 * 1024
    files = [SimpleUploadedFile(f"{i}.txt", b"x" * 400_000) for i in range(3)]
    page = login(own.users[Role.FILER]).post(reverse("import_bulk"), {"unit": own.unit.pk, "files": files}, follow=True).content.decode()
    assert "这批文件共 1 MB，超过一次 1 MB 的上限，未开始导入" in page
    assert not ImportBatch.objects.exists()


def test_the_limits_are_what_the_settings_say(own, settings):
    settings.JIXIAO_MAX_LINES = 10
    text = "".join(f"产出指标\t数量指标\t人数{i}\t≥1人\n" for i in range(11)).encode()
    reply = Client().post(f"/api/units/{own.unit.pk}/import", {"file": SimpleUploadedFile("a.txt", text)}, **_api(own.users[Role.FILER]))
    assert reply.status_code == 400 and json.loads(reply.content)["details"] == ["请按单位或项目拆成几个文件再导入。"]
