"""The section editor's inputs: an emptied 指标值 is reviewed as an empty cell of a file is
(JX111), amounts typed with full-width digits or far too many of them, and the comment form
offering only the document's own columns, named as the page heads them."""

from __future__ import annotations

import re

from django.urls import reverse

from jixiao_web.models import DocState, Role
from jixiao_web.services import editing, imports
from test_editor import form_of
from tests_web_helpers import edit_of, login, seed_path


def _import(tenant, prefix: str):
    seed = seed_path(prefix)
    return imports.import_file(tenant.users[Role.FILER], tenant.unit, seed.read_bytes(), seed.name)


def test_an_emptied_target_is_an_error_and_the_document_does_not_submit(own):
    """Seed 003 has 实施周期指标值 beside 年度指标值: the editor hid it and kept it, so a row whose
    指标值 was cleared still had a target and the review (JX111) let it pass."""
    document = _import(own, "003")[0]
    section = next(s for s in document.sections.all() if s.indicators.exists())
    client = login(own.users[Role.FILER])
    url = reverse("section_edit", kwargs={"pk": section.pk})
    page = client.get(url).content.decode()
    assert "<th>实施周期指标值</th>" in page and 'name="row-0-cycle_target_raw"' in page
    form = form_of(client, section) | {"row-0-target_raw": "", "row-0-cycle_target_raw": ""}
    assert client.post(url, form).status_code == 302
    row = section.indicators.get(position=1)
    assert (row.target_raw, row.cycle_target_raw) == ("", "") and row.level3  # the row keeps its name
    assert document.findings.filter(section=section, row_no=1, code="JX111", severity="error").exists()
    client.post(reverse("transition", kwargs={"pk": document.pk, "action": "submit"}))
    document.refresh_from_db()
    assert document.state == DocState.DRAFT


def test_a_cell_not_sent_is_kept(own):
    """The API (and a page without that column) sends no 实施周期指标值: the stored one stays."""
    document = _import(own, "003")[0]
    section = next(s for s in document.sections.all() if s.indicators.exists())
    edit = edit_of(section, {(1, "target_raw"): "≥99%"})
    for row in edit.rows:
        del row["cycle_target_raw"], row["description"]
    editing.save_section(own.users[Role.FILER], section, edit)
    row = section.indicators.get(position=1)
    assert (row.target_raw, row.cycle_target_raw) == ("≥99%", "100%")


def test_full_width_amounts_are_made_plain_and_absurd_ones_refused(own):
    section = next(s for s in own.document.sections.all())
    client = login(own.users[Role.FILER])
    url = reverse("section_edit", kwargs={"pk": section.pk})
    response = client.post(url, form_of(client, section) | {"amount_total": "99999999999999"})
    page = response.content.decode()
    assert response.status_code == 200 and "金额合计：“99999999999999”过大" in page and "1,000,000,000万元" in page
    assert client.post(url, form_of(client, section) | {"amount_total": "999999999.99"}).status_code == 302
    section.refresh_from_db()
    response = client.post(url, form_of(client, section) | {"amount_total": "１２３", "amount_fiscal": "１，７４８．６０万元"})
    assert response.status_code == 302, [str(m) for m in response.context["messages"]]
    section.refresh_from_db()
    assert (section.amount_total, section.amount_fiscal) == ("123", "1,748.60")
    page = client.get(reverse("document", kwargs={"pk": section.document_id})).content.decode()
    assert "金额 123" in page and "１２３" not in page  # 001 names no money unit


def _options(page: str, row_form: str) -> list[str]:
    form = page[page.index(row_form) :]
    select = form[: form.index("</select>")]
    return re.findall(r'<option value="(\w*)">([^<]*)</option>', select)


def test_the_comment_form_offers_the_documents_columns_named_as_its_headers(own):
    document = _import(own, "004")[1]  # no 指标描述
    page = login(own.users[Role.PERFORMANCE]).get(reverse("document", kwargs={"pk": document.pk})).content.decode()
    table = page[page.index('<table class="grid indicators">') :]
    headers = re.findall(r"<th>([^<]*)</th>", table[: table.index("</thead>")])
    options = _options(table, 'name="row" value="1"')
    assert ("description", "指标描述") not in options and "指标描述" not in headers
    assert [label for name, label in options if name] == [h for h in headers if h not in ("#", "解析")]
    described = _import(own, "002")[1]  # its tables have 指标描述
    page = login(own.users[Role.PERFORMANCE]).get(reverse("document", kwargs={"pk": described.pk})).content.decode()
    assert "<th>指标描述</th>" in page and ("description", "指标描述") in _options(page, 'name="row" value="1"')
    section = document.sections.first()
    response = login(own.users[Role.PERFORMANCE]).post(
        reverse("comment", kwargs={"pk": document.pk}), {"section": section.pk, "row": 1, "field": "description", "text": "x"}, follow=True
    )
    assert "不在这里" in response.content.decode() and not document.comments.exists()
