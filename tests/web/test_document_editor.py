"""The document editor (/documents/<id>/edit/): the document's own fields, texts and budget lines,
which a document-level error (JX152 资金总额, JX184 in 年度整体绩效目标) needs to be fixed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jixiao_web.models import AuditEntry, DocState, Role, TargetDocument
from jixiao_web.services import editing, imports
from jixiao_web.services.errors import StaleVersion
from tests_web_helpers import login, seed_path


def _declaration(tenant) -> TargetDocument:
    """Seed 004 part 3, 部门整体支出绩效申报表: 资金总额 1593.88万元 ≠ 327万元 + 1266.87万元 (JX152)."""
    seed = seed_path("004")
    return imports.import_file(tenant.users[Role.FILER], tenant.unit, seed.read_bytes(), seed.name)[2]


def form_of(client, document) -> dict:
    page = client.get(reverse("document_edit", kwargs={"pk": document.pk}))
    assert page.status_code == 200
    c = page.context
    data = {"version": c["version"]} | {name: value for name, _, value, *_ in c["fields"]}
    data.update({f"budget-{i}": value for i, _, _, value, *_ in c["budget"]})
    data.update({f"text-{i}": value for i, _, value, *_ in c["texts"]})
    data.update({f"field-{i}": value for i, _, value, *_ in c["labelled"]})
    return data


def test_a_document_level_total_is_fixed_in_the_document_editor_and_the_document_submits(own):
    document = _declaration(own)
    assert list(document.findings.filter(severity="error").values_list("code", "field")) == [("JX152", "资金总额")]
    client = login(own.users[Role.FILER])
    # refused, the refusal links 全文 · 资金总额 to its input in the document editor
    client.post(reverse("transition", kwargs={"pk": document.pk, "action": "submit"}))
    page = client.get(reverse("document", kwargs={"pk": document.pk})).content.decode()
    link = reverse("document_edit", kwargs={"pk": document.pk}) + "#budget-0"
    assert f'<a href="{link}">全文 · 资金总额</a>' in page
    # the page shows the budget lines and offers the editor
    assert "1593.88万元" in page and "1266.87万元" in page and "万元万元" not in page
    editor = client.get(reverse("document_edit", kwargs={"pk": document.pk})).content.decode()
    assert 'id="budget-0"' in editor and 'name="budget-0" value="1593.88万元"' in editor and "JX152" in editor
    assert "整体绩效目标" in editor and "财政部门审核意见" not in editor  # the finance bureau's cells are not the unit's
    form = form_of(client, document) | {"budget-0": "1593.87"}
    assert client.post(reverse("document_edit", kwargs={"pk": document.pk}), form).status_code == 302
    document.refresh_from_db()
    assert document.budget[0] == ["资金总额", "1593.87", "年度预算申请"] and document.budget[1][1] == "327万元"
    assert not document.findings.filter(code="JX152").exists() and document.error_count == 0  # findings refreshed
    entry = AuditEntry.objects.filter(document=document, action="edit").latest("pk")
    assert entry.before == {"预算 年度预算申请 · 资金总额": "1593.88万元"} and entry.after == {"预算 年度预算申请 · 资金总额": "1593.87"}
    history = client.get(reverse("history", kwargs={"pk": document.pk})).content.decode()
    assert "预算 年度预算申请 · 资金总额" in history
    client.post(reverse("transition", kwargs={"pk": document.pk, "action": "submit"}))
    document.refresh_from_db()
    assert document.state == DocState.SUBMITTED


def test_document_amounts_are_checked_as_the_section_editor_checks_them(own):
    document = _declaration(own)
    client = login(own.users[Role.FILER])
    url = reverse("document_edit", kwargs={"pk": document.pk})
    form = form_of(client, document) | {"budget-0": "abc", "budget-1": "99999999999999", "year": "二〇一九"}
    response = client.post(url, form)
    page = response.content.decode()
    assert response.status_code == 200 and "有 3 处填写不正确，未保存" in page
    assert "“abc”不是金额" in page and "“99999999999999”过大" in page and "不是年度" in page
    assert 'value="abc"' in page and page.count('aria-invalid="true"') == 3  # kept as typed, marked
    document.refresh_from_db()
    assert document.budget[0][1] == "1593.88万元" and document.version == 1
    form = form_of(client, document) | {"budget-0": "１５９３．８７", "year": "２０１９年"}
    assert client.post(url, form).status_code == 302
    document.refresh_from_db()
    assert (document.budget[0][1], document.year) == ("1593.87", 2019)


def test_a_left_over_tag_in_a_document_text_is_fixed_and_its_finding_goes(own):
    document = own.document  # seed 001: 年度整体绩效目标 starts with <p> (JX184)
    finding = document.findings.get(code="JX184")
    client = login(own.users[Role.FILER])
    editor = client.get(reverse("document_edit", kwargs={"pk": document.pk}))
    i = next(i for i, label, *_ in editor.context["texts"] if label == finding.field)
    assert finding in editor.context["texts"][i][4]  # shown at its input
    form = form_of(client, document)
    form[f"text-{i}"] = form[f"text-{i}"].replace("<p>", "").replace("</p>", "")
    assert client.post(reverse("document_edit", kwargs={"pk": document.pk}), form).status_code == 302
    document.refresh_from_db()
    assert "<p>" not in dict(document.texts)[finding.field]
    assert not document.findings.filter(code="JX184").exists()


def test_a_stale_document_save_keeps_what_was_typed_and_says_so(own):
    document = _declaration(own)
    client = login(own.users[Role.FILER])
    form = form_of(client, document) | {"budget-0": "1593.87"}
    editing.save_document_fields(own.users[Role.ADMIN], document, editing.DocumentEdit(document.version, {"title": "另一个标题"}))
    response = client.post(reverse("document_edit", kwargs={"pk": document.pk}), form)
    page = response.content.decode()
    assert response.status_code == 200 and "其他人已保存了这份文档" in page
    assert 'name="budget-0" value="1593.87"' in page and "当前已保存：1593.88万元" in page
    document.refresh_from_db()
    assert document.budget[0][1] == "1593.88万元" and document.title == "另一个标题"
    assert response.context["version"] == document.version  # a deliberate re-save works
    with pytest.raises(StaleVersion):
        editing.save_document_fields(own.users[Role.FILER], document, editing.DocumentEdit(1, {"title": "x"}))


def test_document_editor_roles(own, other):
    document = own.document
    for role in Role:
        status = login(own.users[role]).get(reverse("document_edit", kwargs={"pk": document.pk})).status_code
        assert status == (200 if role in (Role.FILER, Role.ADMIN) else 403), role
        assert login(other.users[role]).get(reverse("document_edit", kwargs={"pk": document.pk})).status_code == 404
