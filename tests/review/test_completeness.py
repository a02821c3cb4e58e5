"""Completeness rules JX100–JX109 (src/jixiao/review/rules/completeness.py)."""

from __future__ import annotations

import pytest
from builders import (
    doc,
    ind,
    plan,
    project,
    run_rule,
    section,
    seed_documents,
    seed_hits,
)
from clean_examples import EXAMPLES

from jixiao.findings import Severity
from jixiao.model.document import BudgetLine, DocKind, Money, SectionKind, TextBlock
from jixiao.review import review

CODES = (*(f"JX10{n}" for n in range(10)), "JX118")  # JX119 reads the values-only template of 004 as it is

FULL = (
    ind("数量指标", "城乡低保保障人数", "≥1200人"),
    ind("质量指标", "低保金发放准确率", "≥98%"),
    ind("时效指标", "低保金按月发放及时率", "≥95%"),
    ind("成本指标", "城市低保标准", "≤8712元/人·年"),
    ind("社会效益指标", "困难群众基本生活保障率", "100%"),
    ind("服务对象满意度指标", "低保对象满意度", "≥90%"),
)


def without(*level2s: str):
    return tuple(i for i in FULL if i.level2 not in level2s)


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_clean_examples_raise_nothing(example):
    assert [f for f in review([EXAMPLES[example]()]) if f.code in CODES] == []


# --- JX100 / JX101: the three levels ------------------------------------------------------------


def test_missing_outcome_is_an_error_at_the_section():
    hits = run_rule("JX100", doc(project(*without("社会效益指标"))))
    assert [(h.row_no, h.field) for h in hits] == [(None, "level1")]
    assert "效益指标" in hits[0].message and "社会效益指标" in hits[0].suggestion


def test_project_without_any_indicator_is_an_error():
    hits = run_rule("JX100", doc(project()))
    assert len(hits) == 1 and "没有填写绩效指标" in hits[0].message


def test_full_table_and_uncategorised_tables_pass_jx100():
    assert run_rule("JX100", doc(project(*FULL))) == []
    graded = section(ind("", "城乡居民低保保障率", "", grades=("100%", "85%", "75%", "75%以下")),
                     kind=SectionKind.ACTIVITY)  # fmt: skip
    assert run_rule("JX100", doc(graded)) == []


def test_missing_satisfaction_is_a_warning():
    hits = run_rule("JX101", doc(project(*without("服务对象满意度指标"))))
    assert len(hits) == 1 and hits[0].field == "level1"
    assert run_rule("JX101", doc(project(*FULL))) == []


def test_old_template_satisfaction_under_outcomes_counts():
    old = ind("社会公益或服务对象满意度指标", "", "100%", level1="效益指标")
    assert run_rule("JX101", doc(project(*without("服务对象满意度指标"), old))) == []


# --- JX102 / JX103: output dimensions and cost ----------------------------------------------------


def test_outputs_without_timeliness():
    hits = run_rule("JX102", doc(project(*without("时效指标"))))
    assert len(hits) == 1 and "时效指标" in hits[0].message and "时效指标" in hits[0].suggestion
    assert run_rule("JX102", doc(project(*FULL))) == []


def test_outputs_without_level2_are_not_judged():
    rows = [ind("", "", "民政管理事务支出839万元", level1="产出指标"), ind("", "", "稳步提升", level1="效益指标")]
    assert run_rule("JX102", doc(section(*rows, kind=SectionKind.DEPARTMENT))) == []


def test_cost_hint_only_where_there_is_money():
    hits = run_rule("JX103", doc(project(*without("成本指标"))))
    assert len(hits) == 1 and hits[0].field == "level2"
    assert run_rule("JX103", doc(project(*without("成本指标"), amount="0"))) == []
    assert run_rule("JX103", doc(project(*FULL))) == []


def test_cost_hint_for_a_department_table_with_a_budget():
    document = doc(section(*without("成本指标"), kind=SectionKind.DEPARTMENT, name="部门整体绩效指标"))
    assert run_rule("JX103", document) == []  # no budget, no money to cost
    document.budget.append(BudgetLine("项目支出", Money.parse("15,268.25")))
    assert len(run_rule("JX103", document)) == 1


# --- JX104 / JX105 / JX106: required parts ------------------------------------------------------------


def test_empty_goal_of_a_project():
    hits = run_rule("JX104", doc(project(*FULL, goal="")))
    assert [(h.row_no, h.field) for h in hits] == [(None, "goal")]
    assert run_rule("JX104", doc(project(*FULL))) == []


def test_empty_goal_demanded_only_where_the_layout_has_goals():
    bare = [section(*FULL, kind=SectionKind.FUNCTION, name=f"职能{n}", goal="") for n in (1, 2)]
    assert run_rule("JX104", doc(*bare)) == []  # seed 001's 职能 rows have no goal column
    mixed = [section(*FULL, kind=SectionKind.ACTIVITY, name="临时救助", goal="缓解特殊困难家庭的生活困难"),
             section(*FULL, kind=SectionKind.ACTIVITY, name="医疗救助", goal="")]  # fmt: skip
    assert [h.section.name for h in run_rule("JX104", doc(*mixed))] == ["医疗救助"]


def test_project_needs_code_name_and_amount():
    hits = run_rule("JX105", doc(project(*FULL, code="", amount=None)))
    assert {h.field for h in hits} == {"code", "amount"}
    assert run_rule("JX105", doc(project(*FULL))) == []


def test_amount_demanded_when_siblings_have_amounts():
    rows = [section(kind=SectionKind.ACTIVITY, name="灾民救助", amount="2.00"),
            section(kind=SectionKind.ACTIVITY, name="防灾减灾及救灾准备")]  # fmt: skip
    assert [(h.section.name, h.field) for h in run_rule("JX105", doc(*rows))] == [("防灾减灾及救灾准备", "amount")]
    no_amounts = [section(kind=SectionKind.FUNCTION, name=f"职能{n}") for n in (1, 2)]
    assert run_rule("JX105", doc(*no_amounts)) == []


def test_project_without_spending_plan():
    hits = run_rule("JX106", doc(project(*FULL, plan_points=plan("", "", "", ""))))
    assert [(h.row_no, h.field) for h in hits] == [(None, "plan")]
    assert run_rule("JX106", doc(project(*FULL))) == []


# --- JX107: basis ----------------------------------------------------------------------------------


def test_missing_basis_where_the_layout_has_a_basis_column():
    rows = [ind("数量指标", "低保保障人数", "≥1200人", basis="年度工作计划"),
            ind("服务对象满意度指标", "特困人员满意程度", "≥90%")]  # fmt: skip
    hits = run_rule("JX107", doc(project(*rows)))
    assert [(h.row_no, h.field) for h in hits] == [(2, "basis")]


def test_no_basis_column_means_no_finding():
    assert run_rule("JX107", doc(project(*FULL))) == []


def test_a_table_without_any_basis_is_one_finding():
    with_basis = project(ind("数量指标", "低保保障人数", "≥1200人", basis="年度工作计划"), name="甲")
    bare = project(*FULL, name="乙")
    hits = run_rule("JX107", doc(with_basis, bare))
    assert [(h.section.name, h.row_no) for h in hits] == [("乙", None)]


# --- JX108 / JX109: document year and money unit --------------------------------------------------------


def test_document_without_year():
    hits = run_rule("JX108", doc(project(*FULL), year=None, title="部门整体预算绩效目标申报表"))
    assert len(hits) == 1 and hits[0].section is None and "2024年部门整体预算绩效目标申报表" in hits[0].suggestion
    assert run_rule("JX108", doc(project(*FULL))) == []


def test_amounts_without_unit():
    assert len(run_rule("JX109", doc(project(*FULL), money_unit=""))) == 1
    assert run_rule("JX109", doc(project(*FULL))) == []


def test_amounts_that_carry_their_unit_or_no_amounts_at_all():
    document = doc(section(kind=SectionKind.DEPARTMENT, name="部门整体"), money_unit="")
    assert run_rule("JX109", document) == []  # no amounts anywhere (seed 001)
    document.budget.append(BudgetLine("资金总额", Money.parse("1593.88万元")))
    assert run_rule("JX109", document) == []


def test_empty_review_opinion_is_not_the_units_finding():
    document = doc(project(*FULL), kind=DocKind.DEPT_TARGET_DECLARATION)
    document.texts += [TextBlock("财政部门审核意见.业务股室意见", ""), TextBlock("财政部门审核意见.绩效股意见", "")]
    assert [f for f in review([document]) if f.code.startswith("JX1") and "审核意见" in f.location.field] == []


# --- the seeds (notes.md §4) -------------------------------------------------------------------------


def test_o_000_15_and_o_003_8_no_year():
    assert seed_hits("JX108", "000") == {("", None, "title")}
    assert seed_hits("JX108", "003") == {("", None, "title")}
    assert run_rule("JX108", *seed_documents("000"))[0].severity in (None, Severity.HINT)

def test_seeds_have_the_three_levels():
    for prefix in ("000", "001", "002", "003"):
        assert seed_hits("JX100", prefix) == set()
        assert seed_hits("JX101", prefix) == set()
    # 004 part 3: two paragraphs under 产出/效益, no satisfaction indicator
    assert seed_hits("JX101", "004") == {("dept", None, "level1")}


# --- JX118 / JX119: the two value columns, values without names --------------------------------------


def test_jx118_one_of_two_columns():
    rows = [ind("数量指标", f"指标{n}人数", "≥10人", cycle="≥10人") for n in range(3)]
    rows.append(ind("质量指标", "发放准确率", "≥90%"))
    hits = run_rule("JX118", doc(project(*rows)))
    assert [(h.row_no, h.field) for h in hits] == [(4, "cycle_target")] and "实施期指标值为空" in hits[0].message


def test_jx118_quiet_when_the_table_uses_one_column():
    assert run_rule("JX118", doc(project(ind("数量指标", "低保人数", "≥10人"), ind("质量指标", "发放准确率", "≥90%")))) == []


def test_jx119_values_without_names_one_finding_per_section():
    hits = run_rule("JX119", doc(project(ind("数量指标", "", "3500人"), ind("质量指标", "低保金发放准确率", "100%"), ind("时效指标", "", "按月发放"))))
    assert [(h.row_no, h.field) for h in hits] == [(1, "level3")] and hits[0].message.startswith("第1、3行")


def test_jx119_quiet_with_names():
    assert run_rule("JX119", doc(project(ind("数量指标", "低保人数", "3500人")))) == []
