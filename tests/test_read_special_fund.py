"""The special-fund reader (专项资金汇总表 / 支出方向绩效目标表 / 部门整体支出绩效申报表, seed 004 layout)
on small hand-written inputs in the cell-per-line layout."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.model.document import DocKind, SectionKind
from jixiao.read import read_path
from jixiao.read.base import TextInput
from jixiao.read.special_fund import SpecialFundReader

SAMPLES = Path(__file__).parents[1] / "src" / "jixiao" / "samples"
READER = SpecialFundReader()


def cells(*texts: str) -> str:
    """One block of the cell-per-line layout: every cell on its own TAB-led line."""
    return "\n".join("\t" + t for t in texts)


def blocks(*parts: str) -> str:
    return "\n\n".join(parts) + "\n"


def read(text: str):
    return READER.extract(TextInput("t.txt", text))


def codes(result) -> list[str]:
    return [f.code for f in result.findings]


def indicators(section) -> list[tuple[str, str, str, str]]:
    return [(i.level1, i.level2, i.level3, i.target_raw) for i in section.indicators]


SUMMARY = blocks(
    "2020年专项资金绩效目标汇总表",
    "某县民政局          单位：万元\n" + cells("专项支出名称", "序号", "年度绩效目标", "资金总额", "支出方向"),
    cells("低保金", "1", "目标A", "10.5", "城市低保户"),
    cells("低保金", "2", "目标B", "5", "农村低保户"),
    cells("合计", "", "", "15.5", ""),
)

# Level-2 row only, in another column order; 服务对象满意度指标 is its own level 1 here.
DIRECTIONS = blocks(
    "2020年专项资金支出方向绩效目标表",
    "某县民政局          单位：万元\n" + cells("支出方向", "所属专项名称", "支出方向年度金额", "年度绩效目标", "绩效指标"),
    cells("", "", "", "", "数量指标", "时效指标", "服务对象满意度指标"),
    cells("农村低保户", "低 保金", "5", "方向目标B", "100人"),  # the row is cut by a blank line
    cells("", "≥95%"),
    cells("城市低保户", "低保金", "10.5", "方向目标A", "200人", "按月发放", "100%"),
)

FORM = blocks(
    "部门整体支出绩效申报表\n" + cells("部门名称", "某县民政局"),
    cells("年度预算申请", "资金总额：", "100万元"),
    cells("", "按支出性质分："),
    cells("", "其中：基本支出：", "40万元"),
    cells("", "项目支出：", "60万元"),
    cells("整体绩效目标", "做好救助工作。"),
    cells("部门整体支出年度绩效指标", "产出指标", "    发放补贴100人。"),
    cells("", "效益指标", "社会效益指标", "生活改善", "明显改善"),
    cells("财政部门审核意见", "业务股室意见:"),
    cells("", "绩效股意见：", "同意"),
)


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name[:3])
def test_identify_only_the_special_fund_layout(path):
    recognition = READER.identify(TextInput(path.name, path.read_text(encoding="utf-8")))
    if path.name.startswith("004"):
        assert recognition.score >= 0.9
    else:
        assert recognition.score == 0.0
    assert recognition.reason


@pytest.mark.parametrize("text", ["", "\t", "支出方向", "\x00支出方向\t\t\n\n\t专项", cells("支出方向", "专项名称")])
def test_identify_never_raises_and_refuses_fragments(text):
    assert READER.identify(TextInput("x.txt", text)).score == 0.0


def test_identify_the_hand_written_tables():
    assert READER.identify(TextInput("t.txt", SUMMARY)).score >= 0.9
    assert "支出方向绩效目标表" in READER.identify(TextInput("t.txt", DIRECTIONS)).reason
    assert READER.identify(TextInput("t.txt", FORM)).score == 0.6  # the form alone, below more specific readers


def test_registry_reads_seed_004_with_this_reader():
    result = read_path(next(SAMPLES.glob("004_*.txt")))
    assert result.reader == "special_fund"
    assert [d.kind for d in result.documents] == [DocKind.SPECIAL_FUND_TARGETS] * 2 + [DocKind.DEPT_TARGET_DECLARATION]
    assert codes(result) == ["JX056"]  # part 3's year is inferred, nothing else is a reading problem


def test_summary_columns_by_header_words_and_total_row():
    (doc,) = read(SUMMARY).documents
    assert (doc.title, doc.organisation, doc.year, doc.money_unit) == ("2020年专项资金绩效目标汇总表", "某县民政局", 2020, "万元")
    assert [(s.kind, s.key, s.name, s.amounts.total.value, s.goal) for s in doc.sections] == [
        (SectionKind.SPECIAL_FUND, "S1", "低保金", Decimal("10.5"), "目标A"),
        (SectionKind.SPECIAL_FUND, "S2", "低保金", Decimal("5"), "目标B"),
    ]
    assert doc.sections[1].fields == {"序号": "2", "支出方向": "农村低保户"}
    assert doc.sections[1].source.line == 16  # the row's first line
    assert [(b.label, b.money.value) for b in doc.budget] == [("合计", Decimal("15.5"))]


def test_directions_indicators_spread_across_columns_and_linked_to_funds():
    result = read(SUMMARY + "\n" + DIRECTIONS)
    assert not result.findings
    summary, directions = result.documents
    assert directions.part == 2
    first, second = directions.sections
    assert (first.kind, first.key, first.name, first.amounts.total.raw, first.goal) == (
        SectionKind.SPENDING_DIRECTION, "D1", "农村低保户", "5", "方向目标B")
    # The two funds share a name: the direction decides (农村低保户 → S2).
    assert first.fields == {"所属专项名称": "低 保金", "special_fund_section": "S2"}
    assert second.fields["special_fund_section"] == "S1"
    assert indicators(first) == [("产出指标", "数量指标", "", "100人"), ("满意度指标", "服务对象满意度指标", "", "≥95%")]
    assert [(i.source.line, i.source.column) for i in first.indicators] == [(49, 5), (52, 7)]  # the value cells
    assert [i.level2 for i in second.indicators] == ["数量指标", "时效指标", "服务对象满意度指标"]


def test_two_category_rows_without_leading_empty_cells():
    text = blocks(
        "专项资金支出方向绩效目标表",
        cells("主管部门", "支出方向", "所 属专项名称", "支出方向年度金额", "绩效指标"),
        cells("产出指标", "效益指标"),
        cells("数量\n指标", "社会效益指标", "社会公益或服务对象满意度指标"),
        cells("区民政局", "残疾人", "两项补贴", "3", "10人", "改善生活", "100%"),
    )
    result = read(text)
    (section,) = result.documents[0].sections
    # Merged level-1 cells: the satisfaction column stays under 效益指标, as the header places it.
    assert indicators(section) == [
        ("产出指标", "数量指标", "", "10人"),
        ("效益指标", "社会效益指标", "", "改善生活"),
        ("效益指标", "社会公益或服务对象满意度指标", "", "100%"),
    ]
    assert section.indicators[0].level2_raw == "数量\n指标"
    assert section.fields == {"主管部门": "区民政局", "所属专项名称": "两项补贴"}
    # No summary table in the file: nothing to link, nothing to report but the missing org line.
    assert codes(result) == ["JX051"]


def test_reading_problems_are_findings():
    text = blocks(
        DIRECTIONS.strip(),
        cells("", "不存在的专项", "待定", "目标", "1人", "", ""),
    )
    result = read(SUMMARY + "\n" + text)
    unnamed = result.documents[1].sections[-1]
    assert (unnamed.name, unnamed.amounts.total.raw, unnamed.amounts.total.value) == ("", "待定", None)
    assert "special_fund_section" not in unnamed.fields
    assert indicators(unnamed) == [("产出指标", "数量指标", "", "1人")]
    assert [(f.code, f.evidence) for f in result.findings] == [
        ("JX054", "待定"),
        ("JX053", "不存在的专项 | 待定 | 目标 | 1人"),
        ("JX055", "不存在的专项"),
    ]


def test_short_last_row_and_unknown_category():
    text = blocks(
        "专项资金支出方向绩效目标表",
        "某县民政局\n" + cells("支出方向", "所属专项名称", "支出方向年度金额", "绩效指标"),
        cells("", "", "", "数量指标", "其他特色指标"),
        cells("残疾人", "两项补贴", "3", "10人"),
    )
    result = read(text)
    section = result.documents[0].sections[0]
    assert indicators(section) == [("产出指标", "数量指标", "", "10人")]
    assert [f.code for f in result.findings] == ["JX058", "JX052"]
    assert result.findings[0].evidence == "其他特色指标"


def test_declaration_form():
    result = read(SUMMARY + "\n" + FORM)
    form = result.documents[1]
    assert (form.kind, form.title, form.organisation, form.year, form.money_unit) == (
        DocKind.DEPT_TARGET_DECLARATION, "部门整体支出绩效申报表", "某县民政局", 2020, "万元")
    assert [(b.label, b.money.value, b.group) for b in form.budget] == [
        ("资金总额", Decimal("100"), "年度预算申请"),
        ("基本支出", Decimal("40"), "按支出性质分"),
        ("项目支出", Decimal("60"), "按支出性质分"),
    ]
    assert form.text("整体绩效目标") == "做好救助工作。"
    assert form.fields == {"财政部门审核意见.业务股室意见": "", "财政部门审核意见.绩效股意见": "同意"}
    (section,) = form.sections
    assert (section.kind, section.name) == (SectionKind.DEPARTMENT, "部门整体绩效指标")
    assert indicators(section) == [("产出指标", "", "", "发放补贴100人。"), ("效益指标", "社会效益指标", "生活改善", "明显改善")]
    assert codes(result) == ["JX056"]


@pytest.mark.parametrize("unit_line", ["单位：万元\n", cells("", "", "单位：万元") + "\n\n"], ids=["line", "row"])
def test_form_money_unit_from_the_line_above(unit_line):
    """Amounts written as bare numbers take the unit of a 单位：万元 line (Word) or row (Excel) above."""
    form = blocks("部门整体支出绩效申报表\n" + unit_line + cells("部门名称", "某县民政局"), cells("年度预算申请", "资金总额：", "100"))
    result = read(SUMMARY + "\n" + form)
    doc = result.documents[1]
    assert (doc.money_unit, doc.texts, [(b.label, b.money.value) for b in doc.budget]) == ("万元", [], [("资金总额", Decimal("100"))])
    assert codes(result) == ["JX056"]


def test_form_alone_keeps_no_year():
    result = read(FORM)
    assert result.documents[0].year is None
    assert not result.findings


def test_text_outside_tables_and_unknown_parts():
    text = "附件1\n" + SUMMARY + "\n" + blocks("另一张表", cells("甲", "乙"))
    result = read(text)
    assert len(result.documents) == 1
    assert result.documents[0].title == "2020年专项资金绩效目标汇总表"
    assert [(f.code, f.evidence) for f in result.findings] == [("JX059", "附件1"), ("JX050", "另一张表 | 甲 | 乙")]


def test_header_only_table():
    result = read(blocks("专项资金绩效目标汇总表", cells("专项支出名称", "支出方向", "资金总额（万元）")))
    (doc,) = result.documents
    assert (doc.sections, doc.money_unit) == ([], "万元")


def test_form_indicators_under_a_header_row_and_form_alone():
    """A form whose indicators have a header row (as seed 003 writes them) reads by its columns: the
    header is no indicator. Standing alone, the form is this reader's, below seed 003's reader."""
    form = blocks(
        "部门整体支出绩效申报表\n" + cells("部门名称", "某县民政局"),
        cells("绩效指标", "一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"),
        cells("", "产出指标", "数量指标", "救助人数", "≥300人", "≥100人"),
        cells("", "", "", "发放准确率", "", "100%"),
        cells("", "效益指标", "社会效益指标", "生活改善", "明显改善", "明显改善", "多出一格"),
    )
    recognition = READER.identify(TextInput("t.txt", form))
    assert 0.5 <= recognition.score < 0.9 and "部门名称、绩效指标" in recognition.reason
    result = read(form)
    (section,) = result.documents[0].sections
    assert [(*row, i.cycle_target_raw) for row, i in zip(indicators(section), section.indicators)] == [
        ("产出指标", "数量指标", "救助人数", "≥100人", "≥300人"),
        ("产出指标", "数量指标", "发放准确率", "100%", ""),
        ("效益指标", "社会效益指标", "生活改善", "明显改善", "明显改善"),
    ]
    assert [(f.code, f.evidence) for f in result.findings] == [("JX057", "多出一格")]
