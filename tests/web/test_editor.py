"""The section editor: what it refuses (amounts, plan values), what it shows (every input wide
enough to read, the indicator description), and where it sends the user back to."""

from __future__ import annotations

from django.urls import reverse

from jixiao_web.models import Role, TargetSection
from jixiao_web.services import imports
from tests_web_helpers import login, seed_path


def _seed_002(tenant):
    seed = seed_path("002")
    return imports.import_file(tenant.users[Role.FILER], tenant.unit, seed.read_bytes(), seed.name)


def _planned_section(tenant) -> TargetSection:
    documents = _seed_002(tenant)
    return next(s for d in documents for s in d.sections.all() if s.plan and s.amount_total)


def form_of(client, section) -> dict:
    page = client.get(reverse("section_edit", kwargs={"pk": section.pk}))
    assert page.status_code == 200
    data = {"version": section.version, "row_count": len(page.context["rows"])}
    data.update(page.context["values"])
    data.update({f"plan-{i}": v for i, (_, v, _) in enumerate(page.context["plan"])})
    for i, (row, *_) in enumerate(page.context["rows"]):
        data.update({f"row-{i}-{n}": v for n, v in row.items()})
    return data


def test_nonsense_amounts_and_plan_values_are_refused_at_their_inputs_and_kept(own):
    section = _planned_section(own)
    client = login(own.users[Role.FILER])
    stored = (section.amount_total, section.plan, section.version)
    form = form_of(client, section)
    form.update({"amount_total": "abc万元", "plan-0": "一半", "plan-1": "120%"})
    response = client.post(reverse("section_edit", kwargs={"pk": section.pk}), form)
    page = response.content.decode()
    assert response.status_code == 200 and "已保存，" not in page and "当前已保存的指标" not in page
    assert "有 3 处填写不正确，未保存" in page
    assert "金额合计：“abc万元”不是金额" in page and "“一半”不是百分比" in page and "“120%”超出范围" in page
    assert 'value="abc万元"' in page and 'value="一半"' in page  # what was typed stays in the form
    assert page.count('aria-invalid="true"') == 3
    section.refresh_from_db()
    assert (section.amount_total, section.plan, section.version) == stored  # nothing saved


def test_amounts_are_exact_decimals_in_the_documents_unit(own):
    section = _planned_section(own)
    client = login(own.users[Role.FILER])
    form = form_of(client, section)
    form.update({"amount_total": "1,748.60", "amount_fiscal": "42.00万元", "amount_other": " 0 ", "plan-0": "37.5", "plan-1": "60％"})
    assert client.post(reverse("section_edit", kwargs={"pk": section.pk}), form).status_code == 302
    section.refresh_from_db()
    assert (section.amount_total, section.amount_fiscal, section.amount_other) == ("1,748.60", "42.00", "0")
    assert [raw for _, raw, _ in section.plan[:2]] == ["37.5%", "60%"]
    assert [pct for _, _, pct in section.plan[:2]] == ["37.5", "60"]
    page = client.get(reverse("document", kwargs={"pk": section.document_id})).content.decode()
    assert "1,748.60万元" in page and "万元万元" not in page
    for bad in ("-5", "12abc", "约10", "10元"):
        form = form_of(client, section) | {"amount_total": bad}
        assert client.post(reverse("section_edit", kwargs={"pk": section.pk}), form).status_code == 200, bad
    section.refresh_from_db()
    assert section.amount_total == "1,748.60"
