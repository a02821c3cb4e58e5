"""Every error a user can meet is told in Chinese: a bad number in a form or query (400), a text
longer than its column (refused before PostgreSQL would answer 500), a data folder that cannot be
written (503), anything unforeseen (500) — on the pages and in the API."""

from __future__ import annotations

import errno
import json

import pytest
from django.db import OperationalError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from jixiao_web.models import Organisation, Role, TargetDocument
from jixiao_web.services import logins, tokens
from tests_web_helpers import edit_of, login, seed_path

BIG = "9" * 25


def _api(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {tokens.issue(user, 'test')}"}


def _unsafe(user) -> Client:
    """A client that gets the server's error page instead of the exception."""
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.mark.parametrize("value", ["abc", BIG, "²", "-1", "1e20"])
def test_a_bad_number_in_a_form_is_a_400_that_says_which_input(own, value):
    filer = own.users[Role.FILER]
    client = login(filer)
    section = own.document.sections.filter(indicators__isnull=False).first()
    pending = client.post(reverse("import"), {"file": SimpleUploadedFile("a.txt", seed_path("003").read_bytes())}).url
    posts = [
        (pending, {"unit": value}, "导入单位"),
        (reverse("import_bulk"), {"unit": value}, "导入单位"),
        (reverse("section_edit", kwargs={"pk": section.pk}), {"version": "1", "row_count": value}, "行数"),
        (reverse("section_edit", kwargs={"pk": section.pk}), {"version": value, "row_count": "0"}, "版本号"),
        (reverse("document_edit", kwargs={"pk": own.document.pk}), {"version": value}, "版本号"),
        (reverse("api_tokens"), {"revoke": value}, "令牌"),
    ]
    reviewer = login(own.users[Role.DEPT_APPROVER])
    for url, data, what in posts:
        reply = client.post(url, data)
        assert reply.status_code == 400 and f"“{what}”应为 0 到 2147483647 之间的整数" in reply.content.decode(), (url, data)
    for data in ({"text": "意见", "section": value}, {"text": "意见", "section": str(section.pk), "row": value}):
        reply = reviewer.post(reverse("comment", kwargs={"pk": own.document.pk}), data)
        assert reply.status_code == 400 and "应为 0 到 2147483647 之间的整数" in reply.content.decode()


def test_a_row_position_that_is_no_number_is_a_new_row_not_a_500(own):
    section = own.document.sections.filter(indicators__isnull=False).first()
    count = section.indicators.count()
    data = {"version": section.version, "row_count": "1", "row-0-position": "²", "row-0-level3": "新指标", "row-0-target_raw": "≥1个"}
    assert login(own.users[Role.FILER]).post(reverse("section_edit", kwargs={"pk": section.pk}), data).status_code in (200, 302)
    assert list(section.indicators.values_list("level3", flat=True)) == ["新指标"] and count > 1


def test_a_number_too_large_for_the_database_in_a_filter_or_offset_is_told_not_a_500(own):
    filer = own.users[Role.FILER]
    page = login(filer).get(reverse("documents"), {"year": BIG})
    assert page.status_code == 400 and "“年度”应为" in page.content.decode()
    api = Client()
    listing = api.get("/api/documents", {"year": BIG}, **_api(filer))
    assert listing.status_code == 400 and "“年度”应为" in listing.json()["detail"]
    assert api.get("/api/documents", {"offset": BIG}, **_api(filer)).json() == []  # past the end: an empty page
    malformed = api.get("/api/documents", {"offset": "1e20"}, **_api(filer))
    assert malformed.status_code == 422 and malformed.json()["details"] == ["query.offset：应为整数"]


def test_a_title_longer_than_its_column_is_refused_in_chinese_and_nothing_is_saved(own):
    filer, document = own.users[Role.FILER], own.document
    title = "很长的标题" * 120  # 600 characters: PostgreSQL refused it with a 500
    page = login(filer).post(reverse("document_edit", kwargs={"pk": document.pk}), {"version": document.version, "title": title}, follow=True)
    assert "有 1 处内容过长，未保存：标题最长 500 个字，现在有 600 个字。" in page.content.decode()
    reply = Client().put(
        f"/api/documents/{document.pk}", json.dumps({"version": document.version, "values": {"title": title}}),
        content_type="application/json", **_api(filer),
    )  # fmt: skip
    assert reply.status_code == 400 and "标题最长 500 个字" in reply.json()["detail"]
    section = document.sections.filter(indicators__isnull=False).first()
    with pytest.raises(Exception, match="指标1 三级指标最长 500 个字"):
        from jixiao_web.services import editing

        editing.save_section(filer, section, edit_of(section, {(1, "level3"): "长" * 501}))
    document.refresh_from_db()
    assert document.title != title and document.version == 1


def test_a_file_with_a_cell_longer_than_its_column_is_not_imported(own):
    text = seed_path("003").read_text(encoding="utf-8").replace("部门整体预算绩效目标申报表", "申报表" * 200, 1)
    reply = Client().post(
        f"/api/units/{own.unit.pk}/import", {"file": SimpleUploadedFile("long.txt", text.encode())}, **_api(own.users[Role.FILER])
    )
    assert reply.status_code == 400 and "内容过长，未导入：标题最长 500 个字，现在有 600 个字" in reply.json()["detail"]
    assert not TargetDocument.objects.filter(source_file="long.txt").exists()


def test_an_organisation_name_longer_than_its_column_is_refused(own):
    admin = login(own.users[Role.ADMIN])
    page = admin.post(reverse("people_add_org"), {"parent": own.department.pk, "name": "单位" * 101}, follow=True)
    assert "名称最长 200 个字" in page.content.decode()
    assert not Organisation.objects.filter(name="单位" * 101).exists()


@pytest.mark.parametrize("error", [OSError(errno.EROFS, "Read-only file system"), OperationalError("attempt to write a readonly database")])
def test_a_data_folder_that_cannot_be_written_is_a_chinese_page_at_login(own, monkeypatch, error):
    def read_only(*args, **kwargs):
        raise error

    monkeypatch.setattr(logins, "admit", read_only)  # the login's first write
    reply = Client(raise_request_exception=False).post(reverse("login"), {"username": "甲_filer", "password": "wrong"})
    assert reply.status_code == 503 and "服务器无法写入数据（数据目录只读" in reply.content.decode()


def test_an_unforeseen_error_is_a_chinese_500_on_the_pages_and_in_the_api(own, monkeypatch):
    from jixiao_web.services import workflow

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(workflow, "available", broken)
    page = _unsafe(own.users[Role.FILER]).get(reverse("document", kwargs={"pk": own.document.pk}))
    assert page.status_code == 500 and "服务器出错" in page.content.decode() and "boom" not in page.content.decode()
    monkeypatch.setattr(workflow, "perform", broken)
    reply = Client(raise_request_exception=False).post(
        f"/api/documents/{own.document.pk}/transitions/submit", json.dumps({}), content_type="application/json", **_api(own.users[Role.FILER])
    )
    assert reply.status_code == 500 and reply.json()["detail"].startswith("服务器处理这次请求时出错")
