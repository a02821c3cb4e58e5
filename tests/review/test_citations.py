"""Citation rules JX170–JX175 (src/jixiao/review/rules/citations.py)."""

from __future__ import annotations

import pytest
from builders import doc, ind, project, run_rule, seed_documents, seed_hits
from clean_examples import EXAMPLES

from jixiao.review import review
from jixiao.review.rules.citations import find_citations

CODES = ("JX170", "JX171", "JX172", "JX173", "JX174", "JX175", "JX176")
TITLE = "秦皇岛市人民政府《关于调整80周岁以上老年人高龄津贴的通知》"
ORG = "秦皇岛市山海关区民政局"


def basis_rows(*bases: str):
    return [ind("数量指标", f"指标{n}", "≥10人", basis=b) for n, b in enumerate(bases, 1)]


def hits_of(code: str, *bases: str, **project_kw):
    return run_rule(code, doc(project(*basis_rows(*bases), **project_kw), organisation=ORG))


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_clean_examples_raise_nothing(example):
    assert [f for f in review([EXAMPLES[example]()]) if f.code in CODES] == []


# --- reading 文号 --------------------------------------------------------------------------------------


def test_all_bracket_forms_read_as_one():
    forms = ("冀民〔2019〕97号", "冀民[2019]97号", "冀民【2019】97号", "冀民（2019）97号", "冀民(2019)97号")
    assert {find_citations(f)[0].canonical() for f in forms} == {"冀民〔2019〕97号"}


def test_prefix_stops_at_title_marks_and_separators():
    found = find_citations("《关于深化…的实施意见》（秦政发[2015]8号）、冀民[2019]107号")
    assert [c.prefix for c in found] == ["秦政发", "冀民"]
    assert find_citations("…的通知民发〔2014〕132号")[0].glued == "的通知"


# --- JX170: malformed numbers ------------------------------------------------------------------------------


def test_title_glued_to_the_number():
    hits = hits_of("JX170", "《生活无着的流浪乞讨人员救助管理机构工作规程》的通知民发〔2014〕132号")
    assert [(h.row_no, h.field) for h in hits] == [(1, "basis")]
    assert "书名号" in hits[0].message and "（民发〔2014〕132号）" in hits[0].suggestion


def test_bad_year_missing_hao_and_future_year():
    assert "四位年份" in hits_of("JX170", "冀民〔219〕97号")[0].message
    assert "漏写“号”" in hits_of("JX170", "依据冀民〔2019〕97，年度计划")[0].message
    assert "晚于预算年度" in hits_of("JX170", "冀民〔2030〕1号")[0].message


def test_well_formed_numbers_pass():
    assert hits_of("JX170", "冀民[2019]97号", "《关于…的意见》（秦政发[2015]8号）、冀民〔2019〕107号") == []
    # a missing 、 before 冀民 is not worth a finding (O-002-19, P27)
    assert hits_of("JX170", "《关于…的实施意见》（秦政发[2015]8号）冀民[2019]107号") == []


# --- JX171: one document, several numbers -----------------------------------------------------------------


def test_drag_filled_numbers_all_reported():
    hits = hits_of("JX171", *(f"{TITLE}亲政函【2014】{n}号" for n in (92, 93, 94, 98)))
    assert [h.row_no for h in hits] == [1, 2, 3, 4]
    assert "下拉" in hits[0].message


def test_minority_number_reported_against_the_majority():
    base = "《关于深化财政支持养老服务体系建设改革的实施意见》（秦政发[2015]8号）、冀民[2019]{}号"
    hits = hits_of("JX171", base.format(107), base.format(107), base.format(107), base.format(108))
    assert [(h.row_no, h.field) for h in hits] == [(4, "basis")]
    assert "冀民〔2019〕107号" in hits[0].message


def test_bare_numbers_are_different_documents():
    assert hits_of("JX171", "冀民[2019]97号", "冀民[2019]107号") == []
    assert hits_of("JX171", *(f"{TITLE}秦政函〔2014〕92号" for _ in range(3))) == []


# --- JX172: prefix typo ----------------------------------------------------------------------------------


def test_prefix_whose_first_character_is_no_place():
    hits = hits_of("JX172", "秦政[2007]87号、秦民[2018]89号", "秦政发[2015]8号", f"{TITLE}亲政函【2014】92号")
    assert [(h.row_no, h.field) for h in hits] == [(3, "basis")]
    assert "秦政函〔2014〕92号" in hits[0].suggestion


def test_known_issuers_pass():
    assert hits_of("JX172", "冀民[2019]97号", "民发〔2014〕132号", "国办发〔2016〕36号", "秦政发[2015]8号") == []
    # an unknown first character with nothing similar in the document: no guess, no finding
    assert hits_of("JX172", "亲政函【2014】92号") == []


# --- JX173: another project's fund document ----------------------------------------------------------------


def test_basis_cites_another_projects_fund_document():
    own = project(*basis_rows("秦办字[2019]59号/秦财企[2020]857号"), name="《关于提前下达2022年…的通知》秦财企【2021】637号")
    other = project(*basis_rows("秦办字[2019]59号/秦财企[2020]857号"), name="提前下达2021年…（秦财企【2020】857号）")
    hits = run_rule("JX173", doc(own, other, organisation=ORG))
    assert [(h.section.name[-13:], h.row_no, h.field) for h in hits] == [("秦财企【2021】637号", 1, "basis")]


def test_basis_citing_its_own_or_an_unrelated_document_passes():
    own = project(*basis_rows("秦财企〔2021〕637号"), name="…秦财企【2021】637号")
    policy = project(*basis_rows("秦财企〔2019〕12号"), name="…秦财企【2021】638号")
    assert run_rule("JX173", doc(own, policy, organisation=ORG)) == []


# --- JX174 / JX175: a basis that is not a basis -----------------------------------------------------------


def test_basis_repeating_the_name_or_description():
    rows = [ind("服务对象满意度指标", "人员满意度", "≥85%", basis="人员满意度"),
            ind("数量指标", "基层社会救助经办机构个数", "100%", description="基层社会救助经办机构数量",
                basis="区基层社会救助经办机构数量")]  # fmt: skip
    hits = run_rule("JX174", doc(project(*rows)))
    assert [(h.row_no, h.field) for h in hits] == [(1, "basis"), (2, "basis")]


def test_real_bases_pass_jx174():
    rows = [ind("数量指标", "投保车辆数量", "1辆", basis="车辆编制审批表"),
            ind("服务对象满意度指标", "使用部门满意度", "≥85%", basis="抽样调查"),
            ind("质量指标", "车辆运行状况", "≥95%", basis="车辆状况")]  # fmt: skip
    assert run_rule("JX174", doc(project(*rows))) == []


def test_company_document_as_basis_is_one_finding_per_table():
    text = "国网冀北电力有限公司文件冀北《河北省人民政府进一步健全特困人员供养制度实施意见》"
    hits = hits_of("JX175", text, text, "年度工作计划", text)
    assert [(h.row_no, h.field, h.rows) for h in hits] == [(1, "basis", (1, 2, 4))]
    assert "国网冀北电力有限公司" in hits[0].message and "第1–2、4行" in hits[0].message


def test_seed_002_company_basis_location_names_all_nine_rows():  # O-002-18
    findings = [f for f in review(list(seed_documents("002"))) if f.code == "JX175"]
    assert [(f.location.row_no, f.location.covered()) for f in findings] == [(1, tuple(range(1, 10)))]
    assert "指标第1–9行" in findings[0].location.describe() and "第1–9行" in findings[0].message


def test_company_quotation_is_a_basis():
    assert hits_of("JX175", "保险公司报价单", "年度工作计划") == []


# --- the seeds (notes.md §4) -------------------------------------------------------------------------------


def test_other_seeds_have_no_citation_findings():
    for prefix in ("000", "001", "003", "004"):
        for code in CODES:
            assert seed_hits(code, prefix) == set(), (prefix, code)


# --- JX176: basis about another topic -------------------------------------------------------------------

LOW_INCOME_GUIDE = "《关于深化农村低保精准认定精准核查机制改革的指导意见》、秦政[2007]87号"


def test_jx176_basis_about_another_topic():
    rows = [
        ind("数量指标", "流浪乞讨人员救助人次", "≥60人次", basis=LOW_INCOME_GUIDE),
        ind("成本指标", "临时救助资金投入水平", "不低于上年", basis="《生活无着的流浪乞讨人员救助管理机构工作规程》"),
    ]
    hits = run_rule("JX176", doc(project(*rows)))
    assert [(h.row_no, h.field) for h in hits] == [(1, "basis"), (2, "basis")]
    assert "流浪乞讨" in hits[0].message and "基本生活救助" in hits[0].message


def test_jx176_quiet_on_same_topic_untitled_or_topicless():
    rows = [
        ind("数量指标", "低保对象人数", "≥1200人", basis=LOW_INCOME_GUIDE),
        ind("数量指标", "特困供养人数", "≥300人", basis=LOW_INCOME_GUIDE),  # both are basic-living assistance
        ind("数量指标", "流浪乞讨人员救助人次", "≥60人次", basis="冀民[2019]97号"),  # no title to read
        ind("质量指标", "资金发放准确率", "≥98%", basis=LOW_INCOME_GUIDE),  # the indicator names no topic
    ]
    assert run_rule("JX176", doc(project(*rows))) == []


def test_jx176_profile_adds_topics():
    row = ind("数量指标", "慈善捐赠项目数", "≥5个", basis=LOW_INCOME_GUIDE)
    assert run_rule("JX176", doc(project(row))) == []
    assert len(run_rule("JX176", doc(project(row)), params={"topics": {"慈善": ["慈善"]}})) == 1
