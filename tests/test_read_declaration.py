"""The declaration-table reader (部门整体预算绩效目标申报表, seed 003) on small hand-written inputs."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.model.document import DocKind, SectionKind
from jixiao.read.base import TextInput
from jixiao.read.declaration_form import DeclarationReader

SAMPLES = Path(__file__).parents[1] / "src" / "jixiao" / "samples"

HEAD = [
    "",
    "部门整体预算绩效目标申报表",
    "",
    "部门名称\t某区民政局\t\t\t",
    "预算整体情况\t部门预算支出\t预算金额（万元）\t收入来源\t预算金额（万元）",
    "\t基本支出\t1,000.00\t财政拨款\t3,000.00",
    "\t项目支出\t2,000.00\t其他资金\t0.00",
    "\t事业发展性支出\t预算金额（万元）\t按预算级次划分\t预算金额（万元）",
    "\t财政专项资金\t0.00\t区本级使用资金\t3,000.00",
    "总体绩效目标\t<p>目标1：做好救助工作。</p>\t\t\t",
    "年度重点工作任务\t名称\t主要实施内容\t拟投入的资金（万元）\t期望达到的目标（概述）",
    "\t做好救助工作\t发放补贴\t1,500.50\t应保尽保",
    "",
    "\t提升服务水平\t更新数据库\t99.5\t服务提升。\t",
    "其他需完成的任务（可选填）\t\t\t\t\t",
]
INDICATOR_HEADER = "绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值"


def read(*rows: str, head: list[str] = HEAD):
    return DeclarationReader().extract(TextInput("t.txt", "\n".join([*head, *rows])))


def table(result):
    (section,) = [s for s in result.documents[0].sections if s.kind is SectionKind.DEPARTMENT]
    return [(i.level1, i.level2, i.level3, i.cycle_target_raw, i.target_raw, i.source.line) for i in section.indicators]


def codes(result):
    return [f.code for f in result.findings]


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name[:3])
def test_identify_only_the_declaration_layout(path):
    recognition = DeclarationReader().identify(TextInput(path.name, path.read_text(encoding="utf-8")))
    if path.name.startswith("003"):
        assert recognition.score >= 0.9
    elif path.name.startswith("001"):
        assert recognition.score <= 0.3  # a TAB indicator header, nothing else of this layout
    else:
        assert recognition.score == 0.0
    assert recognition.reason


def test_identify_empty_input_does_not_raise():
    assert DeclarationReader().identify(TextInput("x.txt", "")).score == 0.0


def test_document_budget_and_texts():
    result = read(INDICATOR_HEADER, "\t产出指标\t数量指标\t纳保人次\t≥100人次\t≥100人次")
    doc = result.documents[0]
    assert doc.kind is DocKind.DEPT_TARGET_DECLARATION
    assert (doc.title, doc.organisation, doc.year, doc.money_unit) == ("部门整体预算绩效目标申报表", "某区民政局", None, "万元")
    assert [(b.group, b.label, b.money.raw, b.money.value) for b in doc.budget] == [
        ("部门预算支出", "基本支出", "1,000.00", Decimal("1000.00")),
        ("部门预算支出", "项目支出", "2,000.00", Decimal("2000.00")),
        ("收入来源", "财政拨款", "3,000.00", Decimal("3000.00")),
        ("收入来源", "其他资金", "0.00", Decimal("0.00")),
        ("事业发展性支出", "财政专项资金", "0.00", Decimal("0.00")),
        ("按预算级次划分", "区本级使用资金", "3,000.00", Decimal("3000.00")),
    ]
    assert doc.budget[0].money.source.line == 6
    assert [(t.label, t.text) for t in doc.texts] == [
        ("总体绩效目标", "<p>目标1：做好救助工作。</p>"),
        ("其他需完成的任务（可选填）", ""),
    ]
    assert result.findings == []


def test_key_tasks_across_a_blank_line_with_trailing_tab():
    result = read(INDICATOR_HEADER)
    tasks = [s for s in result.documents[0].sections if s.kind is SectionKind.KEY_TASK]
    assert [(s.name, s.purpose, s.amounts.total.raw, s.goal, s.key, s.source.line) for s in tasks] == [
        ("做好救助工作", "发放补贴", "1,500.50", "应保尽保", "T1", 12),
        ("提升服务水平", "更新数据库", "99.5", "服务提升。", "T2", 14),
    ]
    assert tasks[0].amounts.total.value == Decimal("1500.50")


def test_shifted_key_task_is_realigned_on_its_amount():
    head = [*HEAD[:12], "做好救助工作\t发放补贴\t1,500.50\t应保尽保"]
    result = read(INDICATOR_HEADER, head=head)
    task = next(s for s in result.documents[0].sections if s.kind is SectionKind.KEY_TASK)
    assert (task.name, task.purpose, task.amounts.total.raw, task.goal) == ("做好救助工作", "发放补贴", "1,500.50", "应保尽保")
    assert codes(result) == ["JX044"]


def test_indicator_table_with_drifting_rows():
    result = read(
        INDICATOR_HEADER,
        "\t产出指标\t数量指标\t救助率\t100%\t100%",
        "\t\t\t纳保人次\t≥10000人次\t≥10000人次",
        "\t\t\t质量指标\t发放准确率\t≥90%",  # shifted right, lone value in the 年度 column
        "\t服务评估等级\t合格及以上\t\t合格及以上\t",  # shifted left with a gap between the values
        "\t时效指标\t发放及时率\t及时\t及时\t",  # shifted left
        "\t成本指标\t\t\t\t",  # category only
        "\t效益指标\t经济效益指标\t\t\t",  # category only
        "\t\t社会效益指标\t核发率\t≥95%\t≥95%",
        "生态效益指标\t\t\t\t\t",  # category only, in the first column
        "满意度指标\t服务对象满意度指标\t服务满意率\t≥90%\t≥90%\t",
    )
    assert table(result) == [
        ("产出指标", "数量指标", "救助率", "100%", "100%", 17),
        ("产出指标", "数量指标", "纳保人次", "≥10000人次", "≥10000人次", 18),
        ("产出指标", "质量指标", "发放准确率", "", "≥90%", 19),
        ("产出指标", "质量指标", "服务评估等级", "合格及以上", "合格及以上", 20),
        ("产出指标", "时效指标", "发放及时率", "及时", "及时", 21),
        ("效益指标", "社会效益指标", "核发率", "≥95%", "≥95%", 24),
        ("满意度指标", "服务对象满意度指标", "服务满意率", "≥90%", "≥90%", 26),
    ]
    dept = result.documents[0].sections[-1]
    assert (dept.name, dept.code, dept.source.line) == ("部门整体绩效指标", "", 16)
    assert codes(result) == ["JX041", "JX040", "JX040", "JX040", "JX042", "JX042", "JX042", "JX040"]
    assert [f.evidence for f in result.findings if f.code == "JX042"] == ["成本指标", "效益指标 | 经济效益指标", "生态效益指标"]


def test_lone_value_in_the_cycle_column_is_the_cycle_value():
    result = read(INDICATOR_HEADER, "\t产出指标\t数量指标\t救助率\t100%\t")
    assert table(result) == [("产出指标", "数量指标", "救助率", "100%", "", 17)]
    assert codes(result) == ["JX041"]


def test_single_value_column_and_extra_values():
    result = read(
        "绩效指标\t一级指标\t二级指标\t三级指标\t指标值",
        "\t产出指标\t数量指标\t救助率\t100%",
        "\t\t\t纳保人次\t≥10人次\t≥20人次\t≥30人次",
    )
    assert table(result) == [
        ("产出指标", "数量指标", "救助率", "", "100%", 17),
        ("产出指标", "数量指标", "纳保人次", "", "≥10人次", 18),
    ]
    assert codes(result) == ["JX043"]
    assert result.findings[0].evidence == "≥20人次 | ≥30人次"


def test_more_values_than_value_columns():
    result = read(INDICATOR_HEADER, "\t产出指标\t数量指标\t纳保人次\t≥10人次\t≥20人次\t≥30人次")
    assert table(result) == [("产出指标", "数量指标", "纳保人次", "≥10人次", "≥20人次", 17)]
    assert [(f.code, f.evidence) for f in result.findings] == [("JX043", "≥30人次")]


def test_level2_of_another_level1_switches_level1():
    result = read(INDICATOR_HEADER, "\t产出指标\t数量指标\t甲\t1\t1", "\t\t社会效益指标\t乙\t2\t2")
    assert [(r[0], r[1]) for r in table(result)] == [("产出指标", "数量指标"), ("效益指标", "社会效益指标")]
    assert codes(result) == ["JX047"]


def test_budget_problems_and_unknown_rows_are_findings():
    head = [
        "部门整体预算绩效目标申报表",
        "部门名称\t某区民政局",
        "预算整体情况\t部门预算支出\t预算金额（万元）",
        "\t基本支出\t\t",
        "\t12.5",
        "不知道是什么\t内容",
    ]
    result = read(INDICATOR_HEADER, head=head)
    budget = result.documents[0].budget
    assert [(b.label, b.money.raw, b.money.value) for b in budget] == [("基本支出", "", None)]
    assert codes(result) == ["JX045", "JX045", "JX046"]


def test_missing_organisation_and_indicator_table_are_findings():
    result = read(head=["部门整体预算绩效目标申报表", "总体绩效目标\t目标"])
    assert codes(result) == ["JX048", "JX048"]
    assert result.documents[0].sections == []


def test_unknown_cells_in_labelled_rows_are_findings():
    head = [HEAD[1], "部门名称\t某区民政局\t联系人\t张三"]
    result = read(INDICATOR_HEADER, "\t产出指标\t数量指标\t甲\t1\t1", head=head)
    assert result.documents[0].organisation == "某区民政局"
    assert [(f.code, f.evidence) for f in result.findings] == [("JX046", "联系人 | 张三")]
