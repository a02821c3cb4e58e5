"""Goal rules JX160–JX164 (src/jixiao/review/rules/goals.py)."""

from __future__ import annotations

import pytest
from builders import doc, ind, project, run_rule, section, seed_documents, seed_hits
from clean_examples import EXAMPLES

from jixiao.findings import Severity
from jixiao.model.document import DocKind, SectionKind
from jixiao.review import review
from jixiao.review.rules.goals import content_bigrams, money_phrase, split_clauses

CODES = ("JX160", "JX161", "JX162", "JX163", "JX164", "JX165")


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_clean_examples_raise_nothing(example):
    assert [f for f in review([EXAMPLES[example]()]) if f.code in CODES] == []


# --- the text helpers ----------------------------------------------------------------------------------


def test_goal_split_into_numbered_items_and_sentences():
    assert split_clauses("1.保障车辆工作\n2.提高工作效率") == ["保障车辆工作", "提高工作效率"]
    assert split_clauses("<p>目标1: 一是规范低保;二是做好供养</p>") == ["规范低保", "做好供养"]
    assert split_clauses("（一）完成民政规划；（二）贯彻执行方针政策。") == ["完成民政规划", "贯彻执行方针政策"]


def test_content_bigrams_drop_generic_words_and_cross_word_pairs():
    assert content_bigrams("保障车辆工作") == {"车辆"}
    assert "评估" not in content_bigrams("开展社会组织等级评估")  # a measure word, not a subject
    assert "品牌" in content_bigrams("品牌创建")


def test_money_phrase():
    assert money_phrase("1.汽车保险费") and money_phrase("老龄事务方面的支出")
    assert not money_phrase("保障人事代理人员工资、保险等")


# --- JX160: goals measured by indicators -------------------------------------------------------------


def test_goal_clause_without_indicator_is_reported_as_a_hint():
    rows = (ind("数量指标", "低保保障人数", "≥1200人"), ind("服务对象满意度指标", "低保对象满意度", "≥90%"))
    goal = "1.按时足额发放城乡低保金。2.开展社会组织等级评估和品牌创建。"
    hits = run_rule("JX160", doc(project(*rows, name="城乡低保资金", goal=goal)))
    assert [(h.row_no, h.field, h.severity) for h in hits] == [(None, "goal", Severity.HINT)]
    assert "社会组织等级评估" in hits[0].evidence and "低保" not in hits[0].evidence


def test_goal_entirely_unmeasured_is_a_warning():
    rows = (ind("数量指标", "改造困难老年人家庭数", "≥20户"),)
    hits = run_rule("JX160", doc(project(*rows, name="适老化改造", goal="1.保障全区重点项目的顺利实施")))
    assert len(hits) == 1 and hits[0].severity is None  # the rule's own severity: warning


def test_measured_goal_passes():
    rows = (ind("数量指标", "投保车辆数量", "1辆"), ind("效益指标", "工作效率提高情况", "稳步提升", level1="效益指标"))
    assert run_rule("JX160", doc(project(*rows, name="汽车保险费", goal="1.保障车辆工作\n2.提高工作效率"))) == []


def test_generic_row_is_read_with_the_section_name():
    rows = (ind("社会效益指标", "业务保障能力", "100%"),)
    goal = "1.保障地名工作业务正常开展，单位正常运转"
    assert run_rule("JX160", doc(project(*rows, name="地名工作业务经费", goal=goal))) == []


def test_key_tasks_are_measured_by_the_department_table():
    dept = section(ind("数量指标", "婚姻家庭辅导服务活动频次", "≥4次"), kind=SectionKind.DEPARTMENT, name="部门整体", key="dept")
    task = section(kind=SectionKind.KEY_TASK, name="社会组织", key="T3", goal="开展社会组织等级评估和品牌创建工作")
    covered = section(kind=SectionKind.KEY_TASK, name="婚姻", key="T4", goal="推动婚姻家庭辅导社区示范点建设")
    assert [h.section.key for h in run_rule("JX160", doc(task, covered, dept))] == ["T3"]


def test_overall_goal_checked_only_when_sections_have_no_goal():
    rows = section(ind("数量指标", "城市低保", "≥10141人次"), kind=SectionKind.FUNCTION, name="社会救助")
    texts = {"年度整体绩效目标": "目标1: 规范城乡低保政策实施。目标3: 深化殡葬改革，推行节地生态安葬。"}
    hits = run_rule("JX160", doc(rows, texts=texts))
    assert [(h.section, h.field) for h in hits] == [(None, "年度整体绩效目标")]
    assert "殡葬" in hits[0].evidence and "低保" not in hits[0].evidence


# --- JX161: indicators the goal does not mention -------------------------------------------------------


def test_indicator_unrelated_to_a_two_part_goal():
    rows = (ind("数量指标", "投保车辆数量", "1辆"), ind("生态效益指标", "节能减排降低能耗", "是", level1="效益指标"))
    hits = run_rule("JX161", doc(project(*rows, name="汽车保险费", purpose="保障车辆工作", goal="1.保障车辆工作\n2.提高工作效率")))
    assert [(h.row_no, h.field) for h in hits] == [(2, "level3")]


def test_one_line_goals_and_generic_rows_are_not_judged():
    rows = (ind("生态效益指标", "节能减排降低能耗", "是", level1="效益指标"),)
    assert run_rule("JX161", doc(project(*rows, goal="1.保障车辆工作"))) == []
    rows = (ind("服务对象满意度指标", "使用部门满意度", "≥85%"),)
    assert run_rule("JX161", doc(project(*rows, goal="1.保障车辆工作\n2.提高工作效率"))) == []


# --- JX162: goal repeats the purpose or the name ------------------------------------------------------


def test_goal_that_is_the_project_name():
    hits = run_rule("JX162", doc(project(name="汽车保险费", purpose="汽车保险费", goal="1.汽车保险费")))
    assert [(h.row_no, h.field, h.evidence) for h in hits] == [(None, "goal", "1.汽车保险费")]


def test_activity_goal_that_repeats_budget_boilerplate():
    act = section(kind=SectionKind.ACTIVITY, name="老龄事务", purpose="反映老龄事务方面的支出.", goal="老龄事务方面的支出")
    assert len(run_rule("JX162", doc(act))) == 1


def test_function_goal_identical_to_duties():
    text = "拟定并组织实施特困人口集中供养中心发展规划和各项规章制度；集中供养特困人员。"
    assert len(run_rule("JX162", doc(section(kind=SectionKind.FUNCTION, name="供养中心", purpose=text, goal=text)))) == 1


def test_project_goal_sharing_a_real_sentence_with_its_purpose_passes():
    text = "保障人事代理人员工资、保险等"
    assert run_rule("JX162", doc(project(name="人事代理专项补助", purpose=text, goal="1." + text))) == []


# --- JX163: target copies the goal -------------------------------------------------------------------------


def test_target_that_is_the_goal():
    rows = (ind("数量指标", "", "36个社区"), ind("社会效益指标", "", "按文件用好惠民资金"))
    sd = section(*rows, kind=SectionKind.SPENDING_DIRECTION, name="辖区惠民资金", goal="按文件用好惠民资金")
    assert [(h.row_no, h.field) for h in run_rule("JX163", doc(sd))] == [(2, "target")]


def test_department_row_that_is_the_overall_goal():
    goal = "加强民政队伍建设，严格依法行政；切实保障弱势群体基本生活。"
    dept = section(ind("", "", goal, level1="效益指标"), kind=SectionKind.DEPARTMENT, name="部门整体", key="dept")
    assert [(h.row_no, h.field) for h in run_rule("JX163", doc(dept, texts={"整体绩效目标": goal}))] == [(1, "target")]


def test_measurable_target_passes_jx163():
    sd = section(ind("社会效益指标", "", "100%"), kind=SectionKind.SPENDING_DIRECTION, name="惠民", goal="按文件用好惠民资金")
    assert run_rule("JX163", doc(sd)) == []


# --- JX164: text copied from another section -------------------------------------------------------------


def test_two_functions_with_identical_text():
    text = "承担对社会组织的登记管理；负责县级行政区划、行政区域界线和地名管理工作"
    a = section(kind=SectionKind.FUNCTION, name="社会救助政策及管理", key="A01", purpose=text, goal=text + "。")
    b = section(kind=SectionKind.FUNCTION, name="社会管理与服务", key="A16", purpose=text, goal=text + "。")
    hits = run_rule("JX164", doc(a, b))
    assert [(h.section.key, h.field) for h in hits] == [("A01", "purpose"), ("A16", "purpose")]
    assert "社会管理与服务" in hits[0].message


def test_different_texts_and_projects_are_not_compared():
    a = section(kind=SectionKind.FUNCTION, name="甲", purpose="负责城乡低保和特困人员供养工作", goal="")
    b = section(kind=SectionKind.FUNCTION, name="乙", purpose="负责婚姻登记和收养登记工作事项", goal="")
    assert run_rule("JX164", doc(a, b)) == []
    text = "1.稳步推进城乡低保提标，精准落实农村困难群体特惠政策"
    assert run_rule("JX164", doc(project(name="中央资金", goal=text), project(name="省级资金", goal=text))) == []


# --- the seeds (notes.md §4) -------------------------------------------------------------------------------


def test_o_003_8_no_indicator_covers_t3_or_parts_of_t4():
    hits = {h.section.key: h for h in run_rule("JX160", *seed_documents("003"))}
    assert hits["T3"].field == "goal" and hits["T3"].severity is None  # all of T3: warning
    assert "社会组织等级评估" in hits["T3"].evidence
    assert "地名" in hits["T4"].evidence and "祭扫" in hits["T4"].evidence
    assert hits["T4"].severity == Severity.HINT
    assert "T1" not in hits

def test_seed_001_overall_goal_and_quiet_seeds():
    hits = run_rule("JX160", *seed_documents("001"))
    assert [(h.section, h.field) for h in hits] == [(None, "年度整体绩效目标")]
    assert "殡葬" in hits[0].evidence
    assert seed_hits("JX163", "002") == set() and seed_hits("JX164", "002") == set()


# --- JX165: one fund, two goals -----------------------------------------------------------------------


def _fund_and_direction(fund_goal: str, direction_goal: str):
    return doc(
        section(kind=SectionKind.SPECIAL_FUND, name="城市低保金", key="S2", amount="60", goal=fund_goal),
        section(kind=SectionKind.SPENDING_DIRECTION, name="城市低保户", key="D2", amount="60", goal=direction_goal,
                fields={"所属专项名称": "城市低保金", "special_fund_section": "S2"}),
        kind=DocKind.SPECIAL_FUND_TARGETS,
    )


def test_jx165_one_fund_two_goals():
    hits = run_rule("JX165", _fund_and_direction("按文件做好困难群众生活保障工作", "保障全年城市低保资金的有效规范发放"))
    assert [(h.section.key, h.field) for h in hits] == [("D2", "goal")]


def test_jx165_quiet_when_the_goals_agree_up_to_punctuation():
    assert run_rule("JX165", _fund_and_direction("按月足额发放城市低保金。", "按月足额发放城市低保金")) == []
