"""Money and spending-plan rules JX150–JX159 (src/jixiao/review/rules/money.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from builders import (
    doc,
    money,
    plan,
    project,
    run_rule,
    section,
    seed_documents,
    seed_hits,
)
from clean_examples import EXAMPLES, clean_special_funds

from jixiao.findings import Severity
from jixiao.model.document import BudgetLine, DocKind, Money, PlanPoint, SectionKind
from jixiao.review import review
from jixiao.review.rules.money import label_key, month_of

CODES = tuple(f"JX{n}" for n in range(150, 160))


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_clean_examples_raise_nothing(example):
    assert [f for f in review([EXAMPLES[example]()]) if f.code in CODES] == []


def test_clean_special_funds_raise_nothing():
    assert [f for f in review(clean_special_funds()) if f.code in CODES] == []


def _keys(hits):
    return {(h.section.key if h.section else "", h.row_no, h.field) for h in hits}


def _duties(*amounts: str | None, parent: str = "10.00"):
    sections = [section(kind=SectionKind.FUNCTION, name="社会救助政策及管理", key="A01", amount=parent)]
    for n, raw in enumerate(amounts, 2):
        sections.append(section(kind=SectionKind.ACTIVITY, name=f"活动{n}", key=f"A{n:02d}", parent_key="A01", amount=raw))
    return doc(*sections, kind=DocKind.DEPT_OVERALL_TARGETS)


def _budget(*lines: tuple[str, str, str], **kw):
    document = doc(kind=DocKind.DEPT_TARGET_DECLARATION, **kw)
    document.budget = [BudgetLine(label, Money.parse(raw), group) for label, raw, group in lines]
    return document


# --- helpers ------------------------------------------------------------------------------------------


def test_budget_labels_are_compared_without_numbering_units_and_colons():
    assert label_key(" 一、资金总额（万元）：") == "资金总额"
    assert label_key("其中：基本支出") == "基本支出"


def test_checkpoints_are_read_as_months():
    assert [month_of(c) for c in ("3月底", "6 月", "第三季度", "上半年", "全年", "某时")] == [3, 6, 9, 6, 12, None]


# --- JX150 children add up to the parent ----------------------------------------------------------------


def test_children_that_do_not_add_up():
    hits = run_rule("JX150", _duties("6.00", "4.01"))
    assert _keys(hits) == {("A01", None, "amount")}
    assert "10.01" in hits[0].message and "0.01" in hits[0].message and "10.01" in hits[0].suggestion


def test_children_that_add_up_exactly():
    assert run_rule("JX150", _duties("6.00", "4.00")) == []
    assert run_rule("JX150", _duties("6.00", "4.01"), params={"tolerance": "0.01"}) == []


def test_a_blank_child_may_hold_the_difference_but_not_an_excess():
    assert run_rule("JX150", _duties("6.00", None)) == []
    assert _keys(run_rule("JX150", _duties("12.00", None))) == {("A01", None, "amount")}


def test_seed_000_amounts_add_up():
    assert run_rule("JX150", *seed_documents("000")) == []


# --- JX151 blank amounts ----------------------------------------------------------------------------------


def test_blank_child_amount_with_the_amount_it_should_have():
    hits = run_rule("JX151", _duties("6.00", None))
    assert _keys(hits) == {("A03", None, "amount")}
    assert "4.00" in hits[0].suggestion


def test_no_amounts_anywhere_is_not_a_blank_amount():
    assert run_rule("JX151", doc(section(kind=SectionKind.FUNCTION, name="社会救助", key="F1"), section(kind=SectionKind.FUNCTION, name="社会福利", key="F2"))) == []


def test_seed_000_a19_amount_blank():  # O-000-12
    hits = run_rule("JX151", *seed_documents("000"))
    assert _keys(hits) == {("A19", None, "amount")}
    assert "0.00" in hits[0].suggestion


# --- JX152 资金总额 = 基本支出 + 项目支出 --------------------------------------------------------------------


def test_total_off_by_one_cent():
    document = _budget(("资金总额", "1593.88万元", "年度预算申请"), ("基本支出", "327万元", "按支出性质分"), ("项目支出", "1266.87万元", "按支出性质分"))
    hits = run_rule("JX152", document)
    assert [(h.section, h.row_no, h.field) for h in hits] == [(None, None, "资金总额")]
    assert "0.01" in hits[0].message and "1,593.87" in hits[0].suggestion


def test_total_that_agrees():
    document = _budget(("资金总额", "1593.87万元", ""), ("基本支出", "327万元", ""), ("项目支出", "1266.87万元", ""))
    assert run_rule("JX152", document) == []

# --- JX153 sources = uses -------------------------------------------------------------------------------


def _declaration(extra: str = "16,108.04"):
    return _budget(
        ("基本支出", "2,212.16", "部门预算支出"),
        ("项目支出", "15,268.25", "部门预算支出"),
        ("财政拨款", "33,588.45", "收入来源"),
        ("其他资金", "0.00", "收入来源"),
        ("财政专项资金", "0.00", "事业发展性支出"),
        ("其他事业发展性支出", extra, "事业发展性支出"),
        ("区本级使用资金", "33,588.45", "按预算级次划分"),
        ("拟用于对下转移支付资金", "0.00", "按预算级次划分"),
    )


def test_sources_balance_only_with_a_third_spending_block():
    hits = run_rule("JX153", _declaration())
    assert [(h.section, h.field) for h in hits] == [(None, "财政拨款")]
    assert "第三块支出" in hits[0].message and "人工核实" in hits[0].message
    assert "不可能是项目支出的一部分" in hits[0].message


def test_sources_and_uses_that_do_not_reconcile_at_all():
    hits = run_rule("JX153", _declaration("1.00"))
    assert len(hits) == 1 and "不一致" in hits[0].message


def test_sources_equal_to_uses():
    document = _budget(("基本支出", "300", "部门预算支出"), ("项目支出", "700", "部门预算支出"), ("财政拨款", "1000", "收入来源"), ("其他资金", "0", "收入来源"))
    assert run_rule("JX153", document) == []


def test_a_breakdown_that_does_not_add_up_to_the_sources():
    document = _budget(("财政拨款", "1000", "收入来源"), ("区本级使用资金", "900", "按预算级次划分"), ("拟用于对下转移支付资金", "0", "按预算级次划分"))
    hits = run_rule("JX153", document)
    assert [h.field for h in hits] == ["区本级使用资金"]


def test_seed_003_sources_and_uses():  # O-003-1
    hits = run_rule("JX153", *seed_documents("003"))
    assert _keys(hits) == {("", None, "财政拨款")} and "16,108.04" in hits[0].message


# --- JX154 key tasks vs 项目支出 --------------------------------------------------------------------------


def test_key_tasks_that_match_no_budget_figure():
    document = _budget(("基本支出", "100", ""), ("项目支出", "900", ""))
    document.sections = [
        section(kind=SectionKind.KEY_TASK, name="任务一", key="T1", amount="500"),
        section(kind=SectionKind.KEY_TASK, name="任务二", key="T2", amount="300"),
    ]
    hits = run_rule("JX154", document)
    assert [(h.field, h.severity) for h in hits] == [("项目支出", None)] and "800" in hits[0].message
    document.sections[1].amounts.total = money("400")
    assert run_rule("JX154", document) == []


def test_seed_003_key_tasks_total():  # O-003-2
    hits = run_rule("JX154", *seed_documents("003"))
    assert _keys(hits) == {("", None, "项目支出")} and "14,050.91" in hits[0].message


# --- JX155 one amount stated twice ------------------------------------------------------------------------


def test_total_is_not_fiscal_plus_other():
    table = project(amount="20.59")
    table.amounts.fiscal = money("20.95")
    hits = run_rule("JX155", doc(table))
    assert _keys(hits) == {(table.key, None, "amount")} and "0.36" in hits[0].message
    table.amounts.fiscal = money("18.59")
    table.amounts.other = money("2.00")
    assert run_rule("JX155", doc(table)) == []


def test_special_fund_and_its_direction_disagree():
    summary, directions = clean_special_funds()
    directions.sections[0].amounts.total = money("66")
    hits = run_rule("JX155", summary, directions)
    assert _keys(hits) == {("D1", None, "amount")} and "城市低保金" in hits[0].message


def test_special_fund_linked_by_name_and_split_over_two_directions():
    summary, directions = clean_special_funds()
    for d in directions.sections:
        d.fields = {"所属专项名称": "城市低保金"}
    hits = run_rule("JX155", summary, directions)
    assert _keys(hits) == {("S1", None, "amount")} and "120" in hits[0].message


def test_seeds_002_and_004_amounts_stated_twice_agree():
    assert run_rule("JX155", *seed_documents("002"), *seed_documents("004")) == []


# --- JX156–JX159 spending plans ------------------------------------------------------------------------------


def _plan(*raws: str):
    table = project(plan_points=plan(*raws))
    return table, doc(table)


def test_project_without_any_plan():
    table, document = _plan("", "", "", "")
    assert _keys(run_rule("JX156", document)) == {(table.key, None, "plan")}
    other = project(name="另一个项目", plan_points=plan("25%", "50%", "75%", "100%"))
    bare = project(name="没有计划栏的项目")
    bare.plan = []
    assert _keys(run_rule("JX156", doc(other, bare))) == {(bare.key, None, "plan")}
    bare_only = project(name="模板没有计划栏")
    bare_only.plan = []
    assert run_rule("JX156", doc(bare_only)) == []


def test_blank_in_the_middle():
    _, document = _plan("", "50%", "", "100%")
    hits = run_rule("JX157", document)
    assert [(h.field, h.severity) for h in hits] == [("plan", None), ("plan", Severity.HINT)]
    assert "10月底" in hits[0].message and "50%" in hits[0].suggestion and "100%" in hits[0].suggestion


def test_leading_blanks_are_only_a_hint():
    hits = run_rule("JX157", _plan("", "", "", "100%")[1])
    assert [h.severity for h in hits] == [Severity.HINT] and "0%" in hits[0].suggestion
    assert run_rule("JX157", _plan("0%", "50%", "50%", "100%")[1]) == []


def test_plan_that_drops_back_or_exceeds_100():
    hits = run_rule("JX158", _plan("30%", "20%", "60%", "100%")[1])
    assert len(hits) == 1 and "6月底" in hits[0].message
    hits = run_rule("JX158", _plan("25%", "50%", "75%", "120%")[1])
    assert len(hits) == 1 and "120%" in hits[0].message


def test_plan_blank_after_a_filled_checkpoint_is_not_cumulative():
    hits = run_rule("JX158", _plan("", "100%", "", "")[1])
    assert len(hits) == 1 and "10月底、12月底" in hits[0].message


def test_cumulative_plans_pass():
    for raws in (("25%", "50%", "75%", "100%"), ("", "50%", "50%", "100%"), ("0%", "100%", "100%", "100%")):
        _, document = _plan(*raws)
        assert run_rule("JX158", document) == run_rule("JX159", document) == []


def test_plan_not_reaching_100_at_year_end():
    hits = run_rule("JX159", _plan("25%", "50%", "75%", "90%")[1])
    assert len(hits) == 1 and "90%" in hits[0].message
    assert len(run_rule("JX159", _plan("", "100%", "", "")[1])) == 1


def test_checkpoints_are_put_in_calendar_order():
    table = project()
    table.plan = [PlanPoint("12月底", "100%", Decimal(100)), PlanPoint("6月底", "50%", Decimal(50))]
    assert run_rule("JX158", doc(table)) == run_rule("JX159", doc(table)) == []


def test_seed_002_spending_plans():  # O-002-8
    assert seed_hits("JX158", "002") == {("P34", None, "plan")}
    assert seed_hits("JX159", "002") == {("P34", None, "plan")}
    hits = run_rule("JX157", *seed_documents("002"))
    assert {h.section.key for h in hits if h.severity is None} == {"P36"}
    leading = {h.section.key for h in hits if h.severity is Severity.HINT}
    assert leading == {"P01", "P03", "P05", "P07", "P13", "P15", "P17", "P19", "P20", "P24", "P28", "P32", "P34", "P36"}
    assert run_rule("JX156", *seed_documents("002")) == []
