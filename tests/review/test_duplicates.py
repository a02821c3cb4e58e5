"""Duplicate rules JX140–JX145 (src/jixiao/review/rules/duplicates.py) and the similarity join."""

from __future__ import annotations

import random

import pytest
from builders import doc, ind, project, run_rule, section, seed_documents
from clean_examples import EXAMPLES, clean_special_funds

from jixiao.findings import Severity
from jixiao.model.document import DocKind, SectionKind
from jixiao.review import review
from jixiao.review.similarity import (
    jaccard,
    near_duplicate_groups,
    normalise,
    text_shingles,
)

CODES = ("JX140", "JX141", "JX142", "JX143", "JX144", "JX145")


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_clean_examples_raise_nothing(example):
    assert [f for f in review([EXAMPLES[example]()]) if f.code in CODES] == []


def test_clean_examples_reviewed_together_raise_nothing():
    documents = [make() for make in EXAMPLES.values()] + clean_special_funds()
    assert [f for f in review(documents) if f.code in CODES] == []


def _keys(hits):
    return {(h.section.key, h.row_no, h.field) for h in hits}


# --- the similarity join -------------------------------------------------------------------------


def test_normalise_drops_spaces_punctuation_and_width():
    assert normalise("≥ 95 ％") == "95" and normalise("Ａ、b。") == "ab"


def test_groups_are_exact_and_led_by_the_first_item():
    base = frozenset(range(100))
    sets = [base, frozenset(range(5, 105)), frozenset(range(200, 300)), base, frozenset(range(50, 150))]
    groups = near_duplicate_groups(len(sets), sets.__getitem__, 0.8)
    assert [g.members for g in groups] == [(0, 3, 1)]
    group = groups[0]
    assert group.similarity[3] == 1.0 and group.similarity[1] == pytest.approx(95 / 105)
    assert group.fingerprint[0] == group.fingerprint[3] != group.fingerprint[1]


def test_groups_find_every_pair_above_the_threshold():
    """Against brute force on random near-copies: nothing above the threshold is missed."""
    r = random.Random(7)
    originals = [frozenset(r.sample(range(10**6), r.randint(30, 200))) for _ in range(60)]
    sets = []
    for s in originals:
        sets.append(s)
        for _ in range(r.randint(0, 3)):
            changed = set(s)
            for _ in range(r.randint(0, len(s) // 8)):
                changed.discard(r.choice(sorted(changed)))
                changed.add(r.randrange(10**6))
            sets.append(frozenset(changed))
    r.shuffle(sets)
    groups = near_duplicate_groups(len(sets), sets.__getitem__, 0.8)
    leader = {m: g.members[0] for g in groups for m in g.members}
    for group in groups:
        for member in group.members:
            assert jaccard(sets[member], sets[group.members[0]]) >= 0.8
    for i in range(len(sets)):  # every item close to an earlier leader-less item was grouped
        for j in range(i):
            if jaccard(sets[i], sets[j]) >= 0.8 and j not in leader and i not in leader:
                pytest.fail(f"{j} and {i} are similar but not grouped")


def test_empty_sets_are_never_grouped():
    assert near_duplicate_groups(3, lambda i: frozenset(), 0.8) == []


def test_shingles_ignore_punctuation():
    assert text_shingles("车辆到期续保及时率。") == text_shingles("车辆到期 续保及时率")


# --- JX140 the same indicator twice in one table ----------------------------------------------------


def test_duplicate_row_is_reported_on_the_copy():
    table = project(
        ind("数量指标", "地名普查数据准确率", "100%"),
        ind("质量指标", "界线联检完成率", "100%"),
        ind("质量指标", "地名普查数据准确率", "100%"),
    )
    hits = run_rule("JX140", doc(table))
    assert _keys(hits) == {(table.key, 3, "level3")}
    assert hits[0].severity is None and "删除第3行" in hits[0].suggestion


def test_same_indicator_under_three_benefit_categories():
    row = {"description": "提高孤儿生活标准"}
    table = project(
        ind("经济效益指标", "保障孤儿基本生活", "≥85%", **row),
        ind("社会效益指标", "保障孤儿基本生活", "≥85%", **row),
        ind("生态效益指标", "保障孤儿基本生活", "≥85%", **row),
    )
    hits = run_rule("JX140", doc(table))
    assert _keys(hits) == {(table.key, 2, "level3"), (table.key, 3, "level3")}
    assert "经济效益指标、社会效益指标、生态效益指标" in hits[0].message


def test_same_indicator_with_two_values_is_an_error():
    table = project(ind("数量指标", "单位自聘人员工资", "3人/年/6.3"), ind("数量指标", "单位自聘人员工资", "2人/年/4.2万"))
    hits = run_rule("JX140", doc(table))
    assert [(h.row_no, h.severity) for h in hits] == [(2, Severity.ERROR)]
    assert "3人/年/6.3" in hits[0].message and "2人/年/4.2万" in hits[0].message


def test_rows_without_names_and_distinct_descriptions_are_not_duplicates():
    table = project(
        ind("成本指标", "保障标准", "≥8712元/年", description="城市低保标准"),
        ind("成本指标", "保障标准", "≥5000元/年", description="农村低保标准"),
        ind("数量指标", "", "3500人"),
        ind("数量指标", "", "3500人"),
    )
    assert run_rule("JX140", doc(table)) == []

def test_seed_001_f4_self_employed_wages_twice_with_different_values():  # O-001-4
    hits = run_rule("JX140", *seed_documents("001"))
    assert [(h.section.key, h.row_no, h.field, h.severity) for h in hits] == [("F4", 10, "level3", Severity.ERROR)]
    assert "单位自聘人员工资" in hits[0].message


# --- JX141 one indicator table pasted into several projects ---------------------------------------


def _template(**kw):
    return project(
        ind("数量指标", "支付业务经费人数", "人数", description="支付业务经费人数"),
        ind("质量指标", "办公设备正常运行率", "≥95%", description="办公设备正常运行率"),
        ind("时效指标", "按项目计划完成工作", "100%", description="按照工作要求按时完成预定计划"),
        ind("成本指标", "项目控制预算数", "是/否", description="不超过财政支持经费"),
        ind("经济效益指标", "提高工作效率", "是/否", description="是否能提高工作效率"),
        ind("服务对象满意度指标", "使用部门满意度", "≥95%"),
        **kw,
    )


def test_pasted_tables_are_grouped_and_each_copy_names_the_others():
    a = _template(name="地名工作业务经费", code="13030322P00385510010L")
    b = _template(name="婚姻登记管理经费", code="13030322P00385510008M")
    c = _template(name="社会救助业务费", code="13030322P003855100118")
    c.indicators[0] = ind("数量指标", "支付业务经费人数", "≥3人", description="支付业务经费人数")
    other = project(
        ind("数量指标", "城乡低保保障人数", "≥1200人"),
        ind("质量指标", "低保金发放准确率", "≥98%"),
        ind("时效指标", "低保金按月发放率", "100%"),
        name="城乡低保资金",
    )
    hits = run_rule("JX141", doc(a, b, c, other))
    assert {(h.section.name, h.row_no, h.field) for h in hits} == {
        ("地名工作业务经费", None, "level3"),
        ("婚姻登记管理经费", None, "level3"),
        ("社会救助业务费", None, "level3"),
    }
    message = next(h.message for h in hits if h.section is a)
    assert "“婚姻登记管理经费”（13030322P00385510008M）完全相同" in message
    assert "“社会救助业务费”（13030322P003855100118）（相似度" in message and "基本相同" in message


def test_sharing_only_generic_indicators_is_not_a_copy():
    generic = (ind("可持续影响指标", "持续发挥作用的期限", "≥12个月"), ind("服务对象满意度指标", "满意度", "≥90%"))
    a = project(*generic, ind("数量指标", "城乡低保保障人数", "≥1200人"), name="城乡低保")
    b = project(*generic, ind("数量指标", "高龄津贴发放人数", "≥3000人"), name="高龄津贴")
    assert run_rule("JX141", doc(a, b)) == []


def test_same_template_with_own_values_is_not_a_copy():
    names = ("保障人数", "发放准确率", "发放及时率", "人均补助标准", "资金到位率")
    a = project(*(ind("数量指标", f"低保{n}", v) for n, v in zip(names, ("≥1200人", "≥98%", "100%", "≤600元", "100%"))), name="甲")
    b = project(*(ind("数量指标", f"低保{n}", v) for n, v in zip(names, ("≥350人", "≥95%", "≥90%", "≤480元", "≥95%"))), name="乙")
    assert run_rule("JX141", doc(a, b)) == []


def test_copies_in_documents_of_different_years_are_next_years_tables():
    assert run_rule("JX141", doc(_template(name="地名经费"), year=2023), doc(_template(name="地名经费"), year=2024)) == []
    assert len(run_rule("JX141", doc(_template(name="地名经费")), doc(_template(name="婚姻经费")))) == 2


def test_threshold_is_a_profile_parameter():
    a = _template(name="甲")
    b = _template(name="乙")
    b.indicators[1] = ind("质量指标", "登记档案合格率", "100%", description="婚姻登记档案合格率")
    assert run_rule("JX141", doc(a, b)) == []
    assert len(run_rule("JX141", doc(a, b), params={"threshold": 0.6})) == 2


def test_seed_002_pasted_indicator_tables():  # O-002-10
    expected = [
        {"P05", "P09", "P14", "P25", "P26"},
        {"P06", "P08", "P18"},
        {"P07", "P19"},
        {"P10", "P16", "P20", "P21", "P30", "P22", "P23"},  # P22 = P23 ≈ the P10 family (98 %)
        {"P27", "P31"},
        {"P02", "P04", "P35"},
        {"P01", "P34"},
    ]
    hits = run_rule("JX141", *seed_documents("002"))
    assert {(h.row_no, h.field) for h in hits} == {(None, "level3")}
    flagged = {h.section.key for h in hits}
    assert flagged == set().union(*expected)
    by_key = {h.section.key: h.message for h in hits}
    documents = seed_documents("002")
    name = {s.key: s.name for d in documents for s in d.sections}
    for group in expected:
        for key in group:
            for other in group - {key}:
                assert f"“{name[other][:38]}" in by_key[key], (key, other)
    assert "“汽车保险费”" in by_key["P01"] and "完全相同" in by_key["P22"] and "基本相同" in by_key["P22"]


def test_no_pasted_tables_in_the_other_seeds():
    for prefix in ("000", "001", "003", "004"):
        assert run_rule("JX141", *seed_documents(prefix)) == []


# --- JX142–JX144 project codes ---------------------------------------------------------------------


def test_duplicate_code_names_the_other_project():
    a = project(name="汽车保险费", code="13030322P00391410001H", unit="314001某县民政局本级")
    b = project(name="汽车保险费", code="13030322P00391410001H", unit="314004某县供养中心")
    c = project(name="地名经费", code="13030322P00385510010L")
    hits = run_rule("JX142", doc(a, b, c))
    assert [(h.section.unit.code, h.field, h.evidence) for h in hits] == [
        ("314001", "code", "13030322P00391410001H"),
        ("314004", "code", "13030322P00391410001H"),
    ]
    assert "某县供养中心" in hits[0].message


def test_duplicate_code_across_documents_reviewed_together():
    a = doc(project(name="甲", code="13030322P00391410001H"), source_file="a.txt")
    b = doc(project(name="乙", code="13030322P00391410001H"), source_file="b.txt")
    hits = run_rule("JX142", a, b)
    assert len(hits) == 2 and "b.txt" in hits[0].message
    assert run_rule("JX142", doc(project(code="13030322P00391410001H")), doc(project(code="13030322P00391410002H"))) == []

def _codes(*codes, year=2022, names=None):
    names = names or [f"项目{i}" for i in range(len(codes))]
    return doc(*(project(name=n, code=c) for n, c in zip(names, codes)), year=year)


def test_code_off_the_usual_pattern():
    book = _codes("13030322P00391410001H", "13030322P00385410001N", "13030322P003854100055", "13030321C4DP4GO08RMB2")
    hits = run_rule("JX143", book)
    assert [(h.section.code, h.field) for h in hits] == [("13030321C4DP4GO08RMB2", "code")]


def test_other_code_schemes_are_left_alone():
    assert run_rule("JX143", _codes("A-001", "A-002", "A-003", "B/17")) == []
    assert run_rule("JX143", _codes("A-001", "A-002"), params={"pattern": r"^A-\d{3}$"}) == []

def test_code_year_segment_disagrees_with_the_budget_year():
    book = _codes("13030322P00391410001H", "13030321P00382910009U", "13030321P002084100021",
                  names=["汽车保险费", "提前下达2022年困难群众补助资金", "下达2020-2021年国企退休人员补助（清算）"])
    hits = run_rule("JX144", book)
    assert [(h.section.code, h.field) for h in hits] == [("13030321P00382910009U", "code")]
    assert run_rule("JX144", _codes("13030322P00391410001H", "13030322P00382910009U")) == []


def test_code_year_uses_the_common_segment_when_the_year_is_unknown():
    book = _codes("13030322P00391410001H", "13030322P00385410001N", "13030322P003854100055", "13030320P00382910009U", year=None)
    assert [h.section.code for h in run_rule("JX144", book)] == ["13030320P00382910009U"]

# --- JX145 copied texts ---------------------------------------------------------------------------


def test_identical_duty_texts_of_two_functions():
    text = "承担对社会组织的登记管理；负责县级行政区划、行政区域界线和地名管理工作。"
    a = section(kind=SectionKind.FUNCTION, name="社会救助政策及管理", key="A01", purpose=text)
    b = section(kind=SectionKind.FUNCTION, name="社会管理与服务", key="A16", purpose=text)
    c = section(kind=SectionKind.FUNCTION, name="防灾减灾救灾", key="A18", purpose="负责防灾减灾救灾的组织协调工作。")
    hits = run_rule("JX145", doc(a, b, c, kind=DocKind.DEPT_OVERALL_TARGETS))
    assert _keys(hits) == {("A01", None, "purpose"), ("A16", None, "purpose")}
    assert all(h.severity is None for h in hits) and "社会管理与服务" in hits[0].message


def test_goal_copying_the_duty_text():
    text = "拟定并组织实施特困人口集中供养中心发展规划和各项规章制度。"
    hits = run_rule("JX145", doc(section(kind=SectionKind.FUNCTION, name="供养中心", key="F6", purpose=text, goal=text)))
    assert _keys(hits) == {("F6", None, "goal")}


def test_projects_sharing_a_policy_text_get_a_hint_and_short_texts_are_ignored():
    goal = "1.国有企业退休人员管理工作与原企业分离"
    a = project(name="中央补助", goal=goal, purpose="中央财政补助国企退休人员社会化管理。")
    b = project(name="省级补助", goal=goal, purpose="省级财政补助国企退休人员社会化管理。")
    hits = run_rule("JX145", doc(a, b))
    assert {h.severity for h in hits} == {Severity.HINT} and len(hits) == 2
    a = project(name="甲", goal="1.做好低保工作", purpose="城市低保")
    b = project(name="乙", goal="1.做好低保工作", purpose="农村低保")
    assert run_rule("JX145", doc(a, b)) == []


def test_a_fund_and_its_spending_direction_may_share_their_goal():
    assert run_rule("JX145", *clean_special_funds()) == []


def test_texts_in_other_files_are_not_compared_unless_asked():
    goal = "1.按时足额发放城乡低保金，保障困难群众基本生活。"
    a = doc(section(kind=SectionKind.FUNCTION, name="甲", key="F1", goal=goal), source_file="a.txt")
    b = doc(section(kind=SectionKind.FUNCTION, name="乙", key="F1", goal=goal), source_file="b.txt")
    assert run_rule("JX145", a, b) == []
    assert len(run_rule("JX145", a, b, params={"scope": "all"})) == 2

def test_seed_002_f6_goal_equals_its_duties():  # O-002-3
    hits = run_rule("JX145", *seed_documents("002"))
    assert ("F6", None, "goal") in _keys(hits)
    assert {h.severity for h in hits if h.section.kind is SectionKind.PROJECT} == {Severity.HINT}
