"""Indicator names that do not name one measurable indicator: JX114–JX117, JX129 (rules/names.py)."""

from __future__ import annotations

import pytest
from builders import findings_on_example, doc, ind, project, run_rule, section
from clean_examples import EXAMPLES

from jixiao.model.document import SectionKind
from jixiao.review.rules.names import lexicon

CODES = ("JX114", "JX115", "JX116", "JX117", "JX129")
SCALE = ("100%", "85%", "75%", "75%以下")


def hits_of(code: str, *indicators, params: dict | None = None):
    return [(h.row_no, h.field) for h in run_rule(code, doc(project(*indicators)), params=params)]


def graded(*indicators):
    return doc(section(*indicators, kind=SectionKind.ACTIVITY, name="殡葬", key="A12"))


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_clean_examples_raise_nothing(example):
    assert findings_on_example(example, CODES) == []


def test_lexicon_is_data_with_the_lists_the_rules_read():
    lex = lexicon()
    assert {"慰问", "改造"} <= set(lex["activity"]["verbs"]) and "足额" in lex["absolute"]["words"]
    assert lex["packed"]["max_part_chars"] > 0 and "以下" in lex["grades"]["range_words"]


# --- JX114 -------------------------------------------------------------------------------------------


def test_jx114_category_name_as_indicator():
    assert hits_of("JX114", ind("服务对象满意度指标", "服务对象满意度指标", "≥90%")) == [(1, "level3")]
    assert hits_of("JX114", ind("数量指标", "数量", "≥10人")) == [(1, "level3")]  # 数量 reads as 数量指标


def test_jx114_quiet_on_real_names():
    assert hits_of("JX114", ind("服务对象满意度指标", "救助对象满意度", "≥90%"), ind("数量指标", "低保人数", "≥10人")) == []


# --- JX115 -------------------------------------------------------------------------------------------


def test_jx115_two_indicators_in_one_name():
    hits = run_rule("JX115", graded(ind("", "火化率，设备更新改造", "", grades=SCALE), ind("", "报灾时效性和准确性", "", grades=SCALE)))
    assert [(h.row_no, h.field) for h in hits] == [(1, "level3"), (2, "level3")]
    assert "“火化率”、“设备更新改造”" in hits[0].message and hits[0].suggestion == "拆成2行，每行一个指标、一个指标值。"


def test_jx115_quiet_on_one_indicator_with_commas_or_and():
    assert hits_of(
        "JX115",
        ind("数量指标", "2020年底前，尚未实行社会化管理的国有企业已退休人员移交比例", "100%"),
        ind("数量指标", "残疾人生活和护理补贴", "≥3000人次"),
        ind("质量指标", "农村留守儿童、困境儿童纳入监测范围率", "≥85%"),
    ) == []


def test_jx115_part_length_is_a_profile_threshold():
    row = ind("质量指标", "城乡低保对象动态管理工作完成率，困难群众救助政策宣传知晓率", "≥90%")
    assert hits_of("JX115", row) == []
    assert hits_of("JX115", row, params={"max_part_chars": 20}) == [(1, "level3")]


# --- JX116 -------------------------------------------------------------------------------------------


def test_jx116_work_or_wish_graded_as_rate():
    hits = run_rule("JX116", graded(ind("", "重点优抚对象慰问", "", grades=("100%", "95%", "85%", "75%"))))
    assert [(h.row_no, h.field) for h in hits] == [(1, "grades")] and "重点优抚对象慰问覆盖率" in hits[0].suggestion
    assert hits_of("JX116", ind("质量指标", "救助水平逐年提高", "≥99%")) == [(1, "target")]


def test_jx116_quiet_on_rates_counts_and_profile_words():
    assert hits_of("JX116", ind("质量指标", "设备更新改造完成率", "100%"), ind("数量指标", "慰问重点优抚对象人数", "≥120人")) == []
    assert hits_of("JX116", ind("数量指标", "重点优抚对象慰问", "≥120人次")) == []  # a count, not a rate
    assert hits_of("JX116", ind("质量指标", "困难群众走访", "100%"), params={"verbs": ["走访"]}) == [(1, "target")]


# --- JX117 -------------------------------------------------------------------------------------------


def test_jx117_poor_grade_as_one_value():
    hits = run_rule("JX117", graded(ind("", "火化率", "", grades=("100%", "95%", "85%", "75%"))))
    assert [(h.row_no, h.field) for h in hits] == [(1, "grades")] and hits[0].suggestion.startswith("写成“85%以下”")


def test_jx117_quiet_on_ranges():
    cells = [("100%", "85%", "75%", "75%以下"), ("100%", "90%", "80%", "<80%"), ("100%", "90%", "80%", "低于80%")]
    assert run_rule("JX117", graded(*(ind("", f"指标{n}率", "", grades=g) for n, g in enumerate(cells)))) == []


# --- JX129 -------------------------------------------------------------------------------------------


def test_jx129_full_payment_below_100():
    hits = run_rule("JX129", doc(project(ind("质量指标", "每月为在册社区工作人员足额发放工资待遇", "95%"))))
    assert [(h.row_no, h.field) for h in hits] == [(1, "target")] and "“足额”" in hits[0].message


def test_jx129_quiet_at_100_and_without_absolute_words():
    assert hits_of("JX129", ind("质量指标", "工资足额发放率", "100%"), ind("质量指标", "工资发放准确率", "≥95%")) == []
    assert hits_of("JX129", ind("质量指标", "应补尽补率", "≥95%"), params={"words": ["应补尽补"]}) == [(1, "target")]
