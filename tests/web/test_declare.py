"""Declaring in the browser: a new project from the form (drafted from the indicator library or
not), the library page, suggestions, drafted rows for a section, and the library learning every
document as it is imported and saved."""

from __future__ import annotations

from django.urls import reverse

from jixiao.findings import Severity
from jixiao_web.models import DocState, LearnedDocument, Role, TargetDocument
from jixiao_web.services import library, workflow
from tests_web_helpers import login

FORM = {
    "year": "2025", "period": "2025年1月—2025年12月", "name": "城乡低保资金", "code": "13030325P00385310004U",
    "amount_total": "120.50", "amount_fiscal": "120.50", "amount_other": "0",
    "purpose": "发放城乡低保金，保障困难群众基本生活", "goal": "", "period_goal": "困难群众基本生活得到保障",
    "plan-0": "25", "plan-1": "50", "plan-2": "75", "plan-3": "100",
}  # fmt: skip


def _new(client, tenant, **changes):
    return client.post(reverse("new_project"), {**FORM, "unit": tenant.unit.pk, "draft": "1", **changes})


def test_a_drafted_new_project_has_every_category_no_error_and_can_be_submitted(own):
    client = login(own.users[Role.FILER])
    assert "新建申报" in client.get(reverse("dashboard")).content.decode()
    response = _new(client, own)
    document = TargetDocument.objects.latest("pk")
    section = document.sections.get()
    assert response.status_code == 302 and response["Location"] == reverse("section_edit", kwargs={"pk": section.pk})
    assert (document.kind, document.state, document.year, document.money_unit) == ("project_targets_book", DocState.DRAFT, 2025, "万元")
    assert (section.name, section.code, section.amount_total, section.amount_other) == ("城乡低保资金", "13030325P00385310004U", "120.50", "0")
    assert [raw for _, raw, _ in section.plan] == ["25%", "50%", "75%", "100%"] and section.goal.startswith("2025年发放城乡低保金")
    assert dict(section.fields) == {"实施周期": "2025年1月—2025年12月", "实施期绩效目标": "困难群众基本生活得到保障"}
    level2s = set(section.indicators.values_list("level2", flat=True))
    assert {"数量指标", "质量指标", "时效指标", "成本指标", "服务对象满意度指标"} <= level2s
    assert section.indicators.get(level2="成本指标").target_raw == "≤120.50万元"
    assert document.error_count == 0 and not document.findings.filter(severity=Severity.ERROR).exists()
    assert LearnedDocument.objects.filter(document=document).exists()  # learned as soon as it is saved
    workflow.submit(own.users[Role.FILER], document)


def test_a_blank_new_project_is_refused_with_its_errors_until_indicators_are_written(own):
    client = login(own.users[Role.FILER])
    client.post(reverse("new_project"), {**FORM, "unit": own.unit.pk, "blank": "1"})
    document = TargetDocument.objects.latest("pk")
    assert document.sections.get().indicators.count() == 0 and document.error_count >= 1


def test_bad_inputs_are_named_at_their_inputs_and_nothing_is_saved(own):
    client = login(own.users[Role.FILER])
    before = TargetDocument.objects.count()
    page = _new(client, own, name="", amount_total="十万", year="25", **{"plan-1": "120"}).content.decode()
    assert "有 4 处填写不正确" in page and "请填写项目名称" in page and "不是金额" in page and "不是年度" in page and "超出范围" in page
    assert 'value="十万"' in page and TargetDocument.objects.count() == before


def test_a_new_project_only_in_a_unit_one_may_edit(own, other):
    client = login(own.users[Role.FILER])
    assert _new(client, own, unit=other.unit.pk).status_code == 404
    reviewer = login(own.users[Role.BUSINESS_REVIEWER])
    assert reviewer.post(reverse("new_project"), {**FORM, "unit": own.unit.pk}).status_code == 403


def test_library_page_search_and_where_each_indicator_was_written(own, other):
    client = login(own.users[Role.FILER])
    page = client.get(reverse("library"), {"q": "满意度"}).content.decode()
    assert "指标库" in page and "满意度" in page and "越高越好" in page
    row = next(r for r in client.get(reverse("library"), {"q": "满意度"}).context["rows"] if r[2])  # one with hidden places
    entry, shown, hidden, *_ = row
    urls = [p.url for p in shown if p.url]
    assert hidden >= 1 and all(u != reverse("document", kwargs={"pk": other.document.pk}) for u in urls)
    assert "没有找到" in client.get(reverse("library"), {"q": "完全不相干的词语"}).content.decode()


def test_suggestions_while_typing_a_name(own):
    client = login(own.users[Role.FILER])
    found = client.get(reverse("library_suggest"), {"q": "资金"}).json()["suggestions"]
    assert found and all("资金" in s["name"] for s in found) and found[0]["target"]
    assert client.get(reverse("library_suggest"), {"q": ""}).json() == {"suggestions": []}


def test_draft_button_adds_the_missing_categories_to_a_section(own):
    client = login(own.users[Role.FILER])
    client.post(reverse("new_project"), {**FORM, "unit": own.unit.pk, "blank": "1"})
    section = TargetDocument.objects.latest("pk").sections.get()
    response = client.post(reverse("section_draft", kwargs={"pk": section.pk}))
    assert response.status_code == 302
    section.refresh_from_db()
    count = section.indicators.count()
    assert count >= 6 and section.version == 2 and section.goal
    assert TargetDocument.objects.get(pk=section.document_id).error_count == 0
    client.post(reverse("section_draft", kwargs={"pk": section.pk}))  # again: nothing it has already is added twice
    assert section.indicators.values("level3").distinct().count() == section.indicators.count()


def test_the_library_learns_imports_and_saves_and_forgets_deleted_documents(own):
    learned = LearnedDocument.objects.get(document=own.document)
    assert learned.observations and learned.observations[0]["doc"] == str(own.document.pk)
    assert str(own.document.pk) in library.current().documents
    own.document.delete()
    assert not LearnedDocument.objects.filter(pk=learned.pk).exists()
    assert str(learned.document_id) not in library.current().documents


def test_the_api_searches_suggests_declares_and_drafts(own, other):
    from django.test import Client

    from jixiao_web.services import tokens

    token = tokens.issue(own.users[Role.FILER], "测试")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    found = api.get("/api/library", {"q": "满意度"}).json()
    assert found and {"name", "target", "documents", "hidden"} <= set(found[0])
    assert api.get("/api/library/suggest", {"q": "资金"}).json()[0]["name"].startswith("资金")
    body = {k: v for k, v in FORM.items() if not k.startswith("plan-")} | {"plan": ["25", "50", "75", "100"]}
    made = api.post(f"/api/units/{own.unit.pk}/projects", body, content_type="application/json")
    assert made.status_code == 200 and made.json()["error_count"] == 0
    refused = api.post(f"/api/units/{own.unit.pk}/projects", body | {"amount_total": "十万"}, content_type="application/json")
    assert refused.status_code == 400 and "amount_total" in refused.json()["details"][0]
    assert api.post(f"/api/units/{other.unit.pk}/projects", body, content_type="application/json").status_code == 404
    section = TargetDocument.objects.get(pk=made.json()["id"]).sections.get()
    drafted = api.post(f"/api/sections/{section.pk}/draft")
    assert drafted.status_code == 200 and len(drafted.json()["indicators"]) == section.indicators.count()


def test_a_target_weaker_than_the_units_last_year_is_found_when_the_new_year_comes_in(own):
    from pathlib import Path

    from jixiao_web.services import imports

    office = Path(__file__).resolve().parents[1] / "corpus" / "office"
    filer = own.users[Role.FILER]
    for name in ("zhanjiang_2023.xlsx", "zhanjiang_2024.xlsx"):
        imports.import_file(filer, own.unit, (office / name).read_bytes(), name)
    later = TargetDocument.objects.get(source_file="zhanjiang_2024.xlsx")
    found = later.findings.filter(code="JX191")
    assert found.count() == 2 and any("≥200元每人每月" in f.message for f in found)
    assert not TargetDocument.objects.get(source_file="zhanjiang_2023.xlsx").findings.filter(code="JX191").exists()


def test_a_new_whole_department_declaration(own):
    client = login(own.users[Role.FILER])
    form = {"layout": "department", "unit": own.unit.pk, "year": "2025", "amount_total": "1,748.60",
            "purpose": "负责社会救助、社会福利和社会事务管理", "draft": "1"}  # fmt: skip
    response = client.post(reverse("new_project"), form)
    document = TargetDocument.objects.latest("pk")
    section = document.sections.get()
    assert response.status_code == 302 and (document.kind, section.kind) == ("dept_target_declaration", "department")
    assert document.budget == [["资金总额", "1,748.60", ""]] and [label for label, _ in document.texts] == ["部门职能概述", "总体绩效目标"]
    assert section.indicators.filter(level2="成本指标", target_raw="≤1748.60万元").exists()
    assert document.error_count == 0
    assert client.post(reverse("section_draft", kwargs={"pk": section.pk})).status_code == 302  # nothing missing: nothing added
    assert TargetDocument.objects.get(pk=document.pk).error_count == 0


def test_the_library_page_takes_a_fixed_number_of_queries(own, django_assert_max_num_queries):
    client = login(own.users[Role.FILER])
    client.get(reverse("library"), {"q": "率"})  # the library assembled once
    with django_assert_max_num_queries(12):
        page = client.get(reverse("library"), {"q": "率"})
    assert len(page.context["rows"]) > 10
