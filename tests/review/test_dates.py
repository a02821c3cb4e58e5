"""Date and text-quality rules JX180–JX186 (src/jixiao/review/rules/dates.py)."""

from __future__ import annotations

import pytest
from builders import doc, ind, project, run_rule, section, seed_documents
from clean_examples import EXAMPLES

from jixiao.findings import Severity
from jixiao.model.document import SectionKind
from jixiao.review import review
from jixiao.review.rules.dates import deadline_years, lexicon, typo_finder

CODES = ("JX180", "JX181", "JX182", "JX183", "JX184", "JX185", "JX186", "JX187", "JX188")
P05_FAMILY = ("P05", "P09", "P14", "P25", "P26")


def on_row(code: str, year: int | None = 2022, **ind_kw):
    ind_kw.setdefault("level2", "数量指标")
    return run_rule(code, doc(project(ind(**ind_kw)), year=year))


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_clean_examples_raise_nothing(example):
    assert [f for f in review([EXAMPLES[example]()]) if f.code in CODES] == []


# --- JX180 / JX181: years ----------------------------------------------------------------------------------


def test_deadline_years_skip_titles_and_document_numbers():
    assert deadline_years("2020年底前完成", lexicon().deadline_after) == ((2020, 0),)
    assert deadline_years("《关于提前下达2021年资金的通知》秦财社〔2020〕855号", lexicon().deadline_after) == ()
    assert deadline_years("80周岁以上老年人", lexicon().deadline_after) == ()


def test_old_deadline_in_an_indicator():
    hits = on_row("JX180", name="2020年底前，国有企业退休人员移交社会化管理的比例", target="100%")
    assert [(h.row_no, h.field) for h in hits] == [(1, "level3")]
    assert "2022年底前" in hits[0].suggestion


def test_current_and_future_years_pass():
    assert on_row("JX180", target="2022年底前完成") == []
    assert on_row("JX180", target="2023年6月底前完成") == []
    assert on_row("JX180", year=None, target="2019年底前完成") == []


def test_advance_funds_of_an_earlier_year():
    name = "提前下达2021年养老服务体系建设经费预算指标（秦财社字【2020】855号）"
    hits = run_rule("JX181", doc(project(name=name), year=2022))
    assert [(h.row_no, h.field, h.severity) for h in hits] == [(None, "name", None)]
    assert run_rule("JX181", doc(project(name="《关于提前下达2022年省级专项福利彩票公益金预算的通知》"), year=2022)) == []


# --- JX182: template words -----------------------------------------------------------------------------------


def test_template_word_in_a_description():
    hits = on_row("JX182", description="反映在某月前将补助发放到位")
    assert [(h.row_no, h.field) for h in hits] == [(1, "description")]
    assert "6月底前" in hits[0].suggestion


def test_xx_and_stars_and_enterprise_templates():
    assert on_row("JX182", name="XX社区老年人数") and on_row("JX182", description="**年度目标")
    hits = on_row("JX182", level2="服务对象满意度指标", name="本集团所属企业的综合满意程度", target="≥85%")
    assert "企业的模板" in hits[0].message


def test_ordinary_text_and_whole_placeholder_values_pass_jx182():
    assert on_row("JX182", name="某些困难群众救助人数", description="总分*100%") == []
    assert on_row("JX182", target="XX") == []  # the whole value is a placeholder: JX110's finding


# --- JX183: typos ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("反应决算金额是否超过预算额度", "反应", "反映"),
        ("对需就医人员给与持续救治", "给与", "给予"),
        ("符合结算标准及时拔付", "拔付", "拨付"),
        ("做到应保尽保存，100%覆盖", "应保尽保存", "应保尽保"),
        ("运营签证合同时支付50%", "签证合同", "签订合同"),
        ("社会组织双随便一公开检查完成率", "双随便", "双随机"),
    ],
)
def test_typos_with_their_correction(text, wrong, right):
    hits = on_row("JX183", description=text)
    assert len(hits) == 1 and hits[0].field == "description"
    assert f"“{wrong}”应为“{right}”" in hits[0].message
    assert text.replace(wrong, right) in hits[0].suggestion


def test_typo_context_exceptions():
    find = typo_finder(lexicon().typos)
    assert find("建立快速反应机制") == () and find("应急反应时间") == ()
    assert [t.right for t, _ in find("反应决算金额")] == ["反映"]
    assert on_row("JX183", description="按月足额发放低保金") == []


def test_profile_can_add_typos():
    document = doc(project(ind(description="帐号核对")))
    assert run_rule("JX183", document) == []
    assert len(run_rule("JX183", document, params={"typos": [{"wrong": "帐号", "right": "账号"}]})) == 1


# --- JX184: HTML ---------------------------------------------------------------------------------------------------


def test_html_tags_in_a_document_text():
    document = doc(project(), texts={"总体绩效目标": "<p>目标1：做好救助工作。</p> <p>目标2：健全养老服务体系。</p>"})
    hits = run_rule("JX184", document)
    assert [(h.section, h.field) for h in hits] == [(None, "总体绩效目标")]
    assert "<p>" not in hits[0].suggestion and "目标1：做好救助工作" in hits[0].suggestion


def test_comparators_are_not_tags():
    assert on_row("JX184", target="<100%", description="3<x 且 y>2") == []


# --- JX185: repeated words ------------------------------------------------------------------------------------------


def test_word_typed_twice():
    hits = on_row("JX185", level2="服务对象满意度指标", name="改造困难老年人老年人满意度", target="≥80%")
    assert [(h.row_no, h.field) for h in hits] == [(1, "level3")]
    assert "改造困难老年人满意度" in hits[0].suggestion


def test_repeated_place_level_is_a_hint():
    document = doc(project(), texts={"总体绩效目标": "积极协调区、区财政资金，争取提高高龄津贴标准。"})
    hits = run_rule("JX185", document)
    assert len(hits) == 1 and hits[0].severity == Severity.HINT


def test_compound_boundaries_and_county_lists_pass():
    assert on_row("JX185", name="养老服务服务对象满意度", target="≥90%") == []  # 养老服务|服务对象
    assert on_row("JX185", description="各县、县直各部门") == []


# --- JX186: numbering and stray quotes -------------------------------------------------------------------------------


def test_double_numbering_and_stray_quote():
    goal = '1.1.稳步推进城乡低保提标。\n2.规范实施临时救助政策。"'
    hits = run_rule("JX186", doc(project(goal=goal)))
    assert [(h.field, "编号" in h.message) for h in hits] == [("goal", True), ("goal", False)]
    assert "1.稳步推进" in hits[0].suggestion


def test_hierarchical_numbering_and_quoted_words_pass():
    assert run_rule("JX186", doc(project(goal="1.1.总体目标\n1.2.年度目标"))) == []
    assert run_rule("JX186", doc(project(goal="擦亮“花城有囍”品牌"))) == []


# --- the seeds (notes.md §4) ---------------------------------------------------------------------------------------------


def test_o_002_9_double_numbering_and_stray_quote():
    hits = run_rule("JX186", *seed_documents("002"))
    assert sorted((h.section.key, h.field) for h in hits) == [
        ("P06", "goal"), ("P08", "goal"), ("P18", "goal"), ("P18", "goal"),
    ]  # fmt: skip
    assert sum("引号" in h.message for h in hits) == 1


def test_no_text_findings_on_special_fund_summary():
    # 004 part 1 repeats part 2's names and goals: nothing to report on the S rows
    kinds = {SectionKind.SPECIAL_FUND}
    for code in CODES:
        hits = [h for h in run_rule(code, *seed_documents("004")) if h.section and h.section.kind in kinds]
        assert hits == [], code


def test_text_cells_include_section_fields_but_not_metadata():
    sec = section(kind=SectionKind.FUNCTION, name="社会治理", fields={"绩效指标": "社会组织双随便一公开检查完成率", "label": "反应"})
    hits = run_rule("JX183", doc(sec))
    assert [h.field for h in hits] == ["绩效指标"]


# --- JX187 / JX188: text copied from a twin table or another place --------------------------------------


def _direction(name: str, value: str):
    return doc(section(ind("社会效益指标", "", value), kind=SectionKind.SPENDING_DIRECTION, name=name, key="D3"))


def test_jx187_rural_table_says_urban():
    hits = run_rule("JX187", _direction("农村低保户", "通过每月定时发放农村低保金，有效保障城市困难群众的基本生活"))
    assert [(h.row_no, h.field) for h in hits] == [(1, "target")] and hits[0].suggestion == "核对后把“城市”改为“农村”。"


def test_jx187_quiet_on_own_side_and_on_both_sides_in_the_name():
    assert run_rule("JX187", _direction("农村低保户", "有效保障农村困难群众的基本生活")) == []
    assert run_rule("JX187", _direction("城乡低保（城市、农村）", "城市8712元/年；农村5000元/年")) == []


def test_jx188_county_document_speaks_of_the_district():
    document = doc(organisation="渚源县民政局", texts={"年度整体绩效目标": "进一步深化全区殡葬改革，推行节地生态安葬"})
    hits = run_rule("JX188", document)
    assert [(h.section, h.field) for h in hits] == [(None, "年度整体绩效目标")] and "全县" in hits[0].suggestion


def test_jx188_quiet_on_own_level():
    assert run_rule("JX188", doc(organisation="渚源县民政局", texts={"目标": "进一步深化全县殡葬改革"})) == []
    assert run_rule("JX188", doc(organisation="广州市天河区民政局", texts={"目标": "健全区、街、社区三级网络，服务全区老人"})) == []


def test_jx186_mixed_numbering():
    hits = run_rule("JX186", doc(texts={"绩效总体目标": "一、做到应保尽保。2、保障孤儿生活。3、保障优抚对象生活。"}))
    assert [(h.field, h.suggestion) for h in hits] == [("绩效总体目标", "统一编号，如“1、……2、……3、……”。")]
    assert run_rule("JX186", doc(texts={"目标": "一、做到应保尽保。二、保障孤儿生活，覆盖2.5万人。"})) == []


def test_jx187_profile_adds_pairs():
    document = _direction("男性护理补贴", "女性护理补贴标准每月100元")
    assert run_rule("JX187", document) == []
    assert len(run_rule("JX187", document, params={"opposites": [["男性", "女性"]]})) == 1


def test_jx188_profile_adds_kinds():
    document = doc(organisation="某市民政局", texts={"目标": "推进全县殡葬改革"})
    assert run_rule("JX188", document) == []  # 市 is not a county-level kind by default
    assert len(run_rule("JX188", document, params={"kinds": ["市"]})) == 1
