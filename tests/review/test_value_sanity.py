"""Value sanity rules JX120–JX128 (src/jixiao/review/rules/values.py).

(Named test_value_sanity.py, not test_values.py: tests/test_values.py already holds the parser tests
and two test modules with one basename cannot be collected together.)
"""

from __future__ import annotations

import pytest
from builders import doc, ind, project, run_rule, section
from clean_examples import EXAMPLES

from jixiao.model.document import SectionKind
from jixiao.review import review
from jixiao.review.rules.values import lower_is_better, measure_kind, unit_class

VALUE_CODES = ("JX120", "JX121", "JX122", "JX123", "JX124", "JX125", "JX126", "JX127", "JX128")
P05_FAMILY = ("P05", "P09", "P14", "P25", "P26")


def fires(code: str, *indicators, **section_kw) -> list:
    return run_rule(code, doc(project(*indicators, **section_kw)))


def rows(hits) -> list[tuple[int | None, str]]:
    return [(h.row_no, h.field) for h in hits]


# --- the lexicon ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("困难残疾人和重度残疾人保障率", "rate"),
        ("满意度人员占总职工人数", "satisfaction"),
        ("散居孤儿人数", "count"),
        ("严重精神障碍患者的监护人人次", "count"),
        ("天然气费", "money"),
        ("特困慰问标准", "standard"),
        ("改革任务完成时限", "time"),
        ("为全县符合条件的遗属发放补助金", ""),  # an activity counted in people
        ("8个社区日间照料中心", ""),
    ],
)
def test_measure_kind_reads_the_head_noun(name, kind):
    assert measure_kind(name) == kind


def test_polarity_and_units():
    assert lower_is_better("国有企业退休人员实际成本") and lower_is_better("补贴发放差错率")
    assert not lower_is_better("成本控制率") and not lower_is_better("资金支付及时率")
    assert [unit_class(u) for u in ("%", "元/人·年", "万/年", "人次", "个社区", "个月", "")] == [
        "percent", "money", "money", "people", "count", "time", "",
    ]  # fmt: skip


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_clean_examples_raise_nothing(example):
    findings = [f for f in review([EXAMPLES[example]()]) if f.code in VALUE_CODES]
    assert findings == []


# --- JX120 percentage above 100 % ------------------------------------------------------------------


def test_jx120_fires_on_at_least_hundred_and_above_hundred():
    hits = fires(
        "JX120",
        ind("质量指标", "管理服务工作与原企业分离的比例", "≥100%"),
        ind("质量指标", "补助发放覆盖率", "120%"),
        ind("服务对象满意度指标", "职工满意度", "≥100%"),
    )
    assert rows(hits) == [(1, "target"), (2, "target"), (3, "target")]
    assert "100%" in hits[0].suggestion and "≥98%" in hits[0].suggestion
    assert "≥90%" in hits[2].suggestion


def test_jx120_quiet_on_hundred_and_growth():
    hits = fires(
        "JX120",
        ind("质量指标", "补助发放覆盖率", "100%"),
        ind("经济效益指标", "村集体收入增长率", "≥120%"),
        ind("数量指标", "纳保人次", "≥10000人次"),
    )
    assert hits == []

# --- JX121 percentage under 数量指标 -------------------------------------------------------------


def test_jx121_fires_on_percent_count_and_rate():
    hits = fires(
        "JX121",
        ind("数量指标", "散居孤儿人数", "≥85%"),
        ind("数量指标", "符合救助条件的救助率", "100%"),
        ind("数量指标", "殡殓费用", "100%"),
    )
    assert rows(hits) == [(1, "target"), (2, "target"), (3, "target")]
    assert "≥N人" in hits[0].suggestion
    assert "质量指标" in hits[1].suggestion
    assert "成本指标" in hits[2].suggestion


def test_jx121_quiet_on_counts_and_on_rates_elsewhere():
    hits = fires("JX121", ind("数量指标", "散居孤儿人数", "≥60人"), ind("质量指标", "孤儿保障率", "≥90%"))
    assert hits == []

# --- JX122 unit does not fit ---------------------------------------------------------------------


def test_jx122_fires_on_misfitting_units():
    hits = fires(
        "JX122",
        ind("时效指标", "改革任务完成时限", "≥100%"),
        ind("成本指标", "国有企业退休人员实际成本", "≥100%"),
        ind("质量指标", "未成年人保护工作培训人次", "≥200人"),
        ind("质量指标", "特困慰问标准", "≥90%"),
        ind("质量指标", "补贴发放准确率", "≥200元"),
    )
    assert rows(hits) == [(1, "target"), (2, "target"), (3, "target"), (4, "target"), (5, "target")]
    assert "≥200人次" in hits[2].suggestion


def test_jx122_quiet_on_fitting_units_and_percent_under_quantity():
    hits = fires(
        "JX122",
        ind("可持续影响指标", "持续发挥作用的期限", "≥12个月"),
        ind("成本指标", "城市低保标准", "城市8712元/年；农村5000元/年"),
        ind("数量指标", "纳保人次", "≥10000人次"),
        ind("数量指标", "散居孤儿人数", "≥85%"),  # JX121 reports it
        ind("数量指标", "为全县符合条件的遗属发放补助金", "50人"),
    )
    assert hits == []

# --- JX123 wrong direction -----------------------------------------------------------------------


def test_jx123_fires_both_ways():
    hits = fires(
        "JX123",
        ind("服务对象满意度指标", "特困人员满意程度", "≤100%"),
        ind("质量指标", "资金支付及时率", "<95%"),
        ind("成本指标", "人均办案天数", "≥15天"),
        ind("成本指标", "单位运行成本", "稳步提升"),
    )
    assert rows(hits) == [(1, "target"), (2, "target"), (3, "target"), (4, "target")]
    assert hits[0].suggestion == "改为“≥90%”。"
    assert hits[1].suggestion == "改为“≥95%”。"
    assert hits[2].suggestion == "改为“≤15天”。"


def test_jx123_quiet_on_right_direction():
    hits = fires(
        "JX123",
        ind("服务对象满意度指标", "特困人员满意度", "≥90%"),
        ind("成本指标", "每具减免金额", "≤3030元"),
        ind("质量指标", "成本控制率", "≥95%"),
        ind("成本指标", "项目预算控制数", "<100万元"),
    )
    assert hits == []

# --- JX124 missing unit --------------------------------------------------------------------------


def test_jx124_fires_on_bare_numbers_and_suggests_the_unit():
    hits = fires(
        "JX124",
        ind("数量指标", "天然气费", "5"),
        ind("服务对象满意度指标", "退休职工满意度", ">80"),
        ind("数量指标", "散居孤儿人数", "60"),
        ind("成本指标", "护理保险补助", "全额资助参保；特殊困难老人护理险320/年"),
    )
    assert rows(hits) == [(1, "target"), (2, "target"), (3, "target"), (4, "target")]
    assert [h.suggestion for h in hits[:3]] == ["写成“5万元”（请核实是元还是万元）。", "写成“>80%”。", "写成“60人”。"]
    assert hits[3].suggestion == "写成“320元/年”。"


def test_jx124_reads_a_time_limit_shown_as_a_spreadsheets_date_serial():
    # Excel shows a date cell formatted as a number as its day count from 1899-12-30
    hits = fires("JX124", ind("时效指标", "资金到位时间", "= 44,561"), ind("时效指标", "项目完成时限", "30"))
    assert [h.suggestion for h in hits] == [
        "“44561”像是电子表格把日期显示成了序号（即2021年12月31日）：写成“2021年12月31日前完成”。",
        "补上单位，如“30天”或“30个月”。"]


def test_jx124_quiet_with_units_and_scores():
    hits = fires(
        "JX124",
        ind("数量指标", "天然气费", "≤5万元"),
        ind("质量指标", "服务质量评分", "≥90"),
        ind("成本指标", "参保资助标准", "220元/年"),
    )
    assert hits == []

# --- JX125 mixed cell ----------------------------------------------------------------------------


def test_jx125_fires_on_mixed_inverted_and_stray():
    hits = fires(
        "JX125",
        ind("数量指标", "单位自聘人员工资", "3人/年/6.3"),
        ind("数量指标", "单位自聘人员工资", "2人/年/4.2万"),
        ind("数量指标", "冬季取暖用煤", "吨/1300元"),
        ind("成本指标", "农村低保补差标准", "一类补差标准260元/月.人；三类补差标准160元/月.人60"),
    )
    assert rows(hits) == [(1, "target"), (2, "target"), (3, "target"), (4, "target")]
    assert "“3人”" in hits[0].suggestion and "6.3万元" in hits[0].suggestion
    assert "“≤4.2万元/年”" in hits[1].suggestion
    assert "“1300元/吨”" in hits[2].suggestion
    assert "“60”" in hits[3].message


def test_jx125_quiet_on_compound_units():
    hits = fires(
        "JX125",
        ind("成本指标", "补贴标准", "66元/人/月和60元/人/月"),
        ind("成本指标", "高龄津贴标准", "80-89周岁600元/人·年；90-99周岁1200元/人·年"),
        ind("成本指标", "社区惠民资金", "10万/年"),
        ind("成本指标", "低保补差标准", "A类补差标准450-520元/月.人；B类补差标准400-450元/月.人"),
    )
    assert hits == []

# --- JX126 quantity in the name ------------------------------------------------------------------


def test_jx126_fires_when_the_name_repeats_the_target():
    hits = fires(
        "JX126",
        ind("数量指标", "8个社区日间照料中心", "≥8个"),
        ind("数量指标", "冬季取暖用煤140吨", "吨/1300元"),
    )
    assert rows(hits) == [(1, "level3"), (2, "level3")]
    assert hits[0].suggestion.startswith("名称写“社区日间照料中心数量”")


def test_jx126_quiet_on_other_numbers_in_names():
    hits = fires(
        "JX126",
        ind("数量指标", "1-4级伤病残购建房补助人数", "≥12人"),
        ind("数量指标", "80岁以上老人高龄津贴发放人数", "≥900人"),
        ind("数量指标", "对8个社区工作人员发放工资待遇", "≥73人"),
    )
    assert hits == []

# --- JX127 satisfaction 100 % --------------------------------------------------------------------


def test_jx127_fires_on_hundred_percent_satisfaction():
    hits = run_rule(
        "JX127",
        doc(project(ind("服务对象满意度指标", "受益群体满意度", "100%"))),
        doc(section(ind("社会公益或服务对象满意度指标", "", "100%"), kind=SectionKind.SPENDING_DIRECTION)),
    )
    assert rows(hits) == [(1, "target"), (1, "target")]


def test_jx127_quiet_on_realistic_satisfaction_and_on_other_rates():
    hits = fires(
        "JX127",
        ind("服务对象满意度指标", "受益群体满意度", "≥95%"),
        ind("服务对象满意度指标", "政策知晓率", "100%"),
        ind("质量指标", "补助发放覆盖率", "100%"),
    )
    assert hits == []

# --- JX128 no comparator -------------------------------------------------------------------------


def test_jx128_fires_on_rate_without_comparator():
    hits = fires("JX128", ind("服务对象满意度指标", "改造困难老年人满意度", "80%"), ind("质量指标", "发放准确率", "95%"))
    assert [h.suggestion for h in hits] == ["写成“≥80%”。", "写成“≥95%”。"]


def test_jx128_quiet_on_hundred_and_with_comparator():
    hits = fires(
        "JX128",
        ind("服务对象满意度指标", "改造困难老年人满意度", "≥80%"),
        ind("质量指标", "发放准确率", "100%"),
        ind("数量指标", "低保保障人数", "1200人"),
    )
    assert hits == []

def test_findings_carry_location_and_evidence_through_the_engine():
    """O-002-12 end to end: the finding names the project, row, field and the cell as written."""
    from builders import seed_documents

    findings = [f for f in review(list(seed_documents("002"))) if f.code == "JX123"]
    p36 = [f for f in findings if f.location.section_name == "供养人员医疗费用"]
    located = {(f.location.row_no, f.location.field, f.evidence) for f in p36}
    assert located == {(3, "target", "≤100%"), (9, "target", "≤100%")}
    assert all(f.severity == "error" and f.suggestion for f in p36)


def test_jx122_persons_and_names_are_the_same_unit():
    assert fires("JX122", ind("数量指标", "救助人数", "≥200名"), ind("数量指标", "培训人次", "≥200人次")) == []
