"""Targets that are not targets: JX110–JX113 (rules/placeholders.py)."""

from __future__ import annotations

import pytest
from builders import findings_on_example, doc, ind, project, run_rule
from clean_examples import EXAMPLES

from jixiao.review.rules.placeholders import unmeasurable_lexicon

CODES = ("JX110", "JX111", "JX112", "JX113")


def hits_of(code: str, *indicators, params: dict | None = None):
    return [(h.row_no, h.field) for h in run_rule(code, doc(project(*indicators)), params=params)]


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_clean_examples_raise_nothing(example):
    assert findings_on_example(example, CODES) == []


def test_jx110_placeholders_with_a_measurable_suggestion():
    hits = run_rule("JX110", doc(project(ind("质量指标", "车辆完好率", "是/否"), ind("数量指标", "补贴人数", "人数"))))
    assert [(h.row_no, h.field) for h in hits] == [(1, "target"), (2, "target")]
    assert "≥95%" in hits[0].suggestion and "≥1200人" in hits[1].suggestion


def test_jx110_quiet_on_values():
    assert hits_of("JX110", ind("质量指标", "车辆完好率", "≥95%"), ind("数量指标", "补贴人数", "≥1200人")) == []


def test_jx111_empty_target():
    assert hits_of("JX111", ind("质量指标", "补助资金发放准确率", "")) == [(1, "target")]
    assert hits_of("JX111", ind("质量指标", "补助资金发放准确率", "", cycle="≥98%")) == []


def test_jx113_target_repeats_the_name():
    assert hits_of("JX113", ind("社会效益指标", "促进公平竞争", "促进公平竞争")) == [(1, "target")]
    assert hits_of("JX113", ind("社会效益指标", "改革任务完成率", "100%")) == []


# --- JX112 -------------------------------------------------------------------------------------------


def test_jx112_lexicon_is_data():
    lex = unmeasurable_lexicon()
    assert "进一步保障" in lex["phrases"] and "较好" in lex["vague_words"] and "依据" in lex["procedure_prefixes"]


@pytest.mark.parametrize(
    ("row", "why"),
    [
        (ind("社会效益指标", "保障社会发展", "进一步保障"), "表态"),
        (ind("可持续影响指标", "提升服务水平", "设施完善，入住人员得到周到照顾"), "表态"),  # one part is a phrase
        (ind("时效指标", "救助资金下达", "提前下达"), "表态"),
        (ind("时效指标", "运行考核", "依据运营管理办法考核"), "如何确定目标"),
        (ind("时效指标", "发放及时率", "及时"), "比率"),
        (ind("经济效益指标", "服务费的比例", "按规定时限完成"), "比率"),  # a deadline with no date on a rate
        (ind("服务对象满意度指标", "奖补对象满意度", "抽样调查"), "比率"),
        (ind("数量指标", "低保对象人数", "应保尽保"), "不是数量"),
        (ind("社会效益指标", "提高供养水平", "较好的为特困人员提供服务"), "描述"),
    ],
)
def test_jx112_fires(row, why):
    hits = run_rule("JX112", doc(project(row)))
    assert [(h.row_no, h.field) for h in hits] == [(1, "target")] and why in hits[0].message


def test_jx112_quiet_on_values_deadlines_and_directed_words():
    assert hits_of(
        "JX112",
        ind("时效指标", "低保金发放时间", "每月10日前发放"),
        ind("时效指标", "项目完成时间", "2024年6月底前完成"),
        ind("社会效益指标", "困难群众生活水平", "稳步提升"),
        ind("数量指标", "单位自聘人员工资", "3人/年/6.3"),  # digits: JX125's cell
        ind("质量指标", "发放准确率", "≥98%"),
    ) == []


def test_jx112_profile_adds_phrases():
    row = ind("社会效益指标", "社会影响", "影响深远")
    assert hits_of("JX112", row) == []
    assert hits_of("JX112", row, params={"phrases": ["影响深远"]}) == [(1, "target")]
