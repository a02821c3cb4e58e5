"""Category plausibility rules JX130–JX135 (src/jixiao/review/rules/categories.py)."""

from __future__ import annotations

import pytest
from builders import doc, ind, project, run_rule, section, seed_hits
from clean_examples import EXAMPLES

from jixiao.model.categories import is_level2
from jixiao.model.document import SectionKind
from jixiao.review import review
from jixiao.review.rules.categories import category_lexicon, scores
from jixiao.review.rules.values import lexicon

# JX136 is left out: the clean duty table's function names 低保, 特困 and 临时救助 but funds one
# activity, which the rule rightly notes (a hint).
CATEGORY_CODES = ("JX130", "JX131", "JX132", "JX133", "JX134", "JX135", "JX137")


def fires(code: str, *indicators, **section_kw) -> list:
    return run_rule(code, doc(project(*indicators, **section_kw)))


def rows(hits) -> list[tuple[int | None, str]]:
    return [(h.row_no, h.field) for h in hits]


# --- the lexicon ---------------------------------------------------------------------------------


def test_lexicon_names_only_known_level2_with_positive_weights():
    entries = category_lexicon()
    assert entries and all(is_level2(e.level2) and e.weight > 0 and e.keyword for e in entries)
    assert set(lexicon()["ecology"]) == {"words", "unrelated_projects"}
    assert all(lexicon()["objects"].values()) and all(lexicon()["topics"].values())


@pytest.mark.parametrize(
    ("name", "best"),
    [
        ("政策知晓率", "社会效益指标"),
        ("资金按时发放率", "时效指标"),
        ("决算金额是否控制在预算内", "成本指标"),
        ("补助标准：3000元/具", "成本指标"),
        ("未成年人保护工作培训人次", "数量指标"),
        ("补贴社会化发放率", "质量指标"),
        ("受益人数占婚姻登记人数比率", None),  # a ratio of counts is not a count
    ],
)
def test_lexicon_scores(name, best):
    found = scores(name)
    assert (max(found, key=found.get) if found else None) == best


def test_extra_lexicon_from_profile(tmp_path):
    extra = tmp_path / "lexicon.toml"
    extra.write_text('[[category]]\nlevel2 = "社会效益"\nweight = 3\nkeywords = ["就业安置"]\n', encoding="utf-8")
    document = doc(project(ind("质量指标", "退役士兵就业安置", "≥95%")))
    assert run_rule("JX130", document) == []
    hits = run_rule("JX130", document, params={"extra_lexicon": str(extra)})
    assert rows(hits) == [(1, "level3")] and "社会效益指标" in hits[0].suggestion


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_clean_examples_raise_nothing(example):
    findings = [f for f in review([EXAMPLES[example]()]) if f.code in CATEGORY_CODES]
    assert findings == []


# --- JX130 wrong level-2 -------------------------------------------------------------------------


def test_jx130_fires_and_names_the_likely_category():
    hits = fires(
        "JX130",
        ind("服务对象满意度指标", "政策知晓率", "≥98%"),
        ind("社会效益指标", "资金按时发放率", "100%"),
        ind("时效指标", "决算金额是否控制在预算内", "≥90%"),
        ind("质量指标", "培训人次", "≥200人次"),
        ind("成本指标", "补贴社会化发放率", "100%"),
    )
    assert rows(hits) == [(n, "level3") for n in range(1, 6)]
    assert [h.suggestion.split("”下")[0] for h in hits] == [
        "移到“效益指标/社会效益指标",
        "移到“产出指标/时效指标",
        "移到“产出指标/成本指标",
        "移到“产出指标/数量指标",
        "移到“产出指标/质量指标",
    ]


def test_jx130_quiet_when_the_category_fits_or_nothing_is_known():
    hits = fires(
        "JX130",
        ind("社会效益指标", "政策知晓率", "≥90%"),
        ind("时效指标", "困难群众基本生活救助按时发放率", "100%"),
        ind("质量指标", "符合条件的残疾人及时纳入保障范围", "100%"),
        ind("社会效益指标", "受惠人数占婚姻登记人数比率", "≥60%"),
        ind("可持续影响指标", "持续发挥作用的期限", "≥12个月"),
        ind("社会效益指标", "实施动态化管理,让更多受助对象享受政策", "100%"),
        ind("数量指标", "户籍居民每具减免金额", "≤1680元"),  # JX134 reports it
    )
    assert hits == []

# --- JX131 ecology that is not ecology -----------------------------------------------------------


def test_jx131_fires_on_non_environmental_wording():
    hits = fires(
        "JX131",
        ind("生态效益指标", "保障孤儿基本生活", "≥85%", description="提高孤儿生活标准"),
        ind("生态效益指标", "保障社会发展", "进一步保障", description="有效提供后勤保障"),
    )
    assert rows(hits) == [(1, "level3"), (2, "level3")]
    assert "社会效益指标" in hits[0].suggestion


def test_jx131_suggests_deleting_a_copy_of_another_benefit():
    hits = fires(
        "JX131",
        ind("社会效益指标", "保障孤儿基本生活", "≥85%"),
        ind("生态效益指标", "保障孤儿基本生活", "≥85%"),
    )
    assert rows(hits) == [(2, "level3")] and hits[0].suggestion.startswith("本表“社会效益指标”下已有同一指标，删去这一行")


def test_jx131_quiet_on_environmental_wording():
    hits = fires(
        "JX131",
        ind("生态效益指标", "节约成本", "是/否", description="节约水、电等资源，降低能耗，实现绿色办公"),
        ind("生态效益指标", "减少环境污染环境的危害", "是/否"),
        ind("社会效益指标", "保障孤儿基本生活", "≥85%"),
    )
    assert hits == []

# --- JX132 ecology the project cannot have -------------------------------------------------------


def test_jx132_fires_for_insurance_projects():
    hits = fires(
        "JX132",
        ind("生态效益指标", "节能减排", "是/否"),
        name="汽车保险费",
        purpose="保障车辆工作、提高工作效率",
        goal="1.保障车辆工作",
    )
    assert rows(hits) == [(1, "level3")]


def test_jx132_quiet_for_environmental_projects_and_duty_tables():
    assert fires("JX132", ind("生态效益指标", "节能减排", "≥5%"), name="公务用车节能改造", purpose="更换新能源车辆") == []
    duty = doc(section(ind("生态效益指标", "节能减排", "≥5%"), kind=SectionKind.ACTIVITY, name="车辆保险"))
    assert run_rule("JX132", duty) == []

# --- JX133 object not in the project -------------------------------------------------------------


def test_jx133_fires_when_the_project_does_not_pay_for_the_object():
    hits = fires(
        "JX133",
        ind("服务对象满意度指标", "对殡葬基础设施的满意度", "≥85%"),
        ind("质量指标", "办公设备正常运行率", "≥95%"),
        name="惠民殡葬",
        purpose="对特殊困难群众给予基本殡葬费用减免",
        goal="1.对特殊困难群众给予基本殡葬费用减免",
    )
    assert rows(hits) == [(1, "level3"), (2, "level3")]


def test_jx133_quiet_when_the_project_names_the_object():
    hits = fires(
        "JX133",
        ind("质量指标", "消防设施完好率", "100%"),
        ind("质量指标", "办公设备正常运行率", "≥95%"),
        name="供养中心消防设施改造及设备维护经费",
        purpose="供养中心消防设施改造及设备维护经费",
    )
    assert hits == []

# --- JX134 money under 数量指标 ------------------------------------------------------------------


def test_jx134_fires_and_says_when_cost_is_empty():
    hits = fires(
        "JX134",
        ind("数量指标", "天然气费", "5"),
        ind("数量指标", "户籍困难群众每具减免金额", "≤3030元"),
        ind("数量指标", "冬季取暖用煤140吨", "吨/1300元"),
    )
    assert rows(hits) == [(1, "level3"), (2, "level3"), (3, "level3")]
    assert all(h.suggestion.startswith("本表成本指标为空") for h in hits)


def test_jx134_quiet_on_counts_and_when_cost_is_there():
    hits = fires(
        "JX134",
        ind("数量指标", "为全县符合条件的遗属发放补助金", "50人"),
        ind("数量指标", "公安部门认定的无名尸的殡殓费用", "100%"),  # JX121 reports it
        ind("成本指标", "户籍困难群众每具减免金额", "≤3030元"),
    )
    assert hits == []

def test_jx134_seed_003_unit_costs_under_quantity_with_cost_empty():
    """O-003-4: rows 6, 7 (≤3030元, ≤1680元 每具减免金额) under 数量指标 while 成本指标 is empty."""
    from builders import seed_documents

    hits = run_rule("JX134", *seed_documents("003"))
    assert {(h.section.key, h.row_no, h.field) for h in hits} == {("dept", 6, "level3"), ("dept", 7, "level3")}
    assert all("成本指标为空" in h.suggestion for h in hits)


# --- JX135 indicator under another duty ----------------------------------------------------------


def _duties(*indicators):
    return doc(
        section(kind=SectionKind.ACTIVITY, name="优待抚恤", key="A14"),
        section(*indicators, kind=SectionKind.ACTIVITY, name="复员退伍军人及军休安置", key="A15"),
    )


def test_jx135_fires_and_names_the_duty():
    hits = run_rule("JX135", _duties(ind("", "光荣院设施设备完好率", "", grades=("100%", "85%", "75%", "75%以下"))))
    assert rows(hits) == [(1, "level3")] and hits[0].suggestion == "移到“优待抚恤”（A14）下。"


def test_jx135_quiet_on_own_topic_and_in_projects():
    assert run_rule("JX135", _duties(ind("", "自主就业退役士兵补助率", ""), ind("", "教育培训补助率", ""))) == []
    books = doc(project(name="优待抚恤资金"), project(ind("质量指标", "光荣院设施设备完好率", "100%"), name="退役士兵安置"))
    assert run_rule("JX135", books) == []

@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_category_finding_outside_the_expected_seeds(prefix):
    """Keep false positives low: 003 and 004 have no category finding except O-003-4 and O-004-9 (JX134)."""
    found = {code: seed_hits(code, prefix) for code in CATEGORY_CODES}
    if prefix == "003":
        assert {c for c, hits in found.items() if hits} == {"JX134"}
    if prefix == "004":
        assert {c: hits for c, hits in found.items() if hits} == {"JX134": {("D7", 2, "level3")}}


def test_unreadable_extra_lexicon_is_a_profile_error(tmp_path):
    from jixiao.review import ProfileError

    with pytest.raises(ProfileError, match="extra_lexicon"):
        run_rule("JX130", doc(project()), params={"extra_lexicon": str(tmp_path / "missing.toml")})


def test_jx130_quiet_on_debatable_placements():
    hits = fires(
        "JX130",
        ind("时效指标", "补贴按月发放率", "100%"),
        ind("质量指标", "年度预算执行率", "≥95%"),
        ind("时效指标", "年度预算执行率", "≥95%"),
        ind("质量指标", "服务质量达到国家标准", "100%"),
        ind("社会效益指标", "政策覆盖率", "≥95%"),
    )
    assert hits == []


# --- JX136 / JX137 duties and their activities -------------------------------------------------------


def _function(key, name, purpose="", goal=""):
    return section(kind=SectionKind.FUNCTION, name=name, key=key, purpose=purpose, goal=goal)


def _activity(key, parent, name, goal=""):
    return section(kind=SectionKind.ACTIVITY, name=name, key=key, parent_key=parent, goal=goal)


def test_jx136_duties_no_activity_carries():
    document = doc(
        _function("A16", "社会管理与服务", purpose="承担社会组织登记管理；负责行政区划和地名管理；负责婚姻登记；指导基层政权和社区建设"),
        _activity("A17", "A16", "社会事务管理", goal="做好区划地名管理和婚姻登记"),
    )
    hits = run_rule("JX136", document)
    assert [(h.section.key, h.row_no, h.field) for h in hits] == [("A16", None, "purpose")]
    assert "基层政权、社会组织" in hits[0].message


def test_jx136_quiet_when_every_duty_has_an_activity():
    document = doc(
        _function("A13", "双拥优抚安置政策及管理", purpose="组织优抚对象的优待、抚恤；负责退役士兵接收安置"),
        _activity("A14", "A13", "优待抚恤"),
        _activity("A15", "A13", "复员退伍军人及军休安置"),
    )
    assert run_rule("JX136", document) == []


def test_jx137_activity_under_another_duty():
    document = doc(
        _function("A06", "社会福利政策及管理", purpose="对残疾人、孤儿等特殊群体权益保护，推进殡葬改革"),
        _activity("A11", "A06", "拥军优属", goal="慰问重点优抚对象"),
        _activity("A12", "A06", "殡葬"),
        _function("A13", "双拥优抚安置政策及管理", purpose="组织县级拥军优属活动"),
    )
    hits = run_rule("JX137", document)
    assert [(h.section.key, h.field) for h in hits] == [("A11", "name")] and "双拥优抚安置政策及管理" in hits[0].suggestion


def test_jx137_quiet_without_a_better_duty():
    document = doc(_function("A06", "社会福利政策及管理", purpose="推进殡葬改革"), _activity("A11", "A06", "拥军优属"))
    assert run_rule("JX137", document) == []
