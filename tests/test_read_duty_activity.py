"""The duty-activity reader (部门职责-工作活动绩效目标, seed 000 layout) on small hand-written tables."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.model.document import SectionKind
from jixiao.read import read_text
from jixiao.read.base import TextInput
from jixiao.read.decode import decode
from jixiao.read.duty_activity import DutyActivityReader

SAMPLES = Path(__file__).parents[1] / "src" / "jixiao" / "samples"
READER = DutyActivityReader()
IND = "\u3000\u3000"
HEADER = ["职责活动", "年度", "内容描述", "绩效目标", "绩效指标", "评价标准"]
GRADES_ROW = ["", "", "", "", "", "优", "良", "中", "差"]
GRADES = ["100%", "85%", "75%", "75%以下"]


def cells(*cells: str) -> str:
    """One block of the cell-per-line layout: every cell on its own TAB-led line."""
    return "\n".join("\t" + c for c in cells)


def table(*blocks: str, pre: str = "部门职责-工作活动绩效目标\n\n" + cells("314某县民政局"), header: bool = True) -> str:
    head = [cells(*HEADER), cells(*GRADES_ROW)] if header else []
    return "\n\n".join([pre, *head, *blocks]) + "\n"


def read(text: str):
    return READER.extract(TextInput("t.txt", text))


def codes(result) -> list[str]:
    return [f.code for f in result.findings]


BASIC = table(
    cells("社会救助", "100.00", "职责描述", "职责目标", "", "", "", "", ""),
    cells(IND + "低保", "60.00", "低保描述", "低保目标", "低保保障率", *GRADES),
    cells(IND + "医疗救助", "40.00", "医疗描述", "医疗目标", "参保资助率", "100%", "95%", "85%", "75%"),
    cells("社会福利", "5", "福利描述", "福利目标", "", "", "", "", ""),
)


def test_identify_samples():
    for path in sorted(SAMPLES.glob("*.txt")):
        text, _, _ = decode(path.read_bytes(), path.name)
        recognition = READER.identify(TextInput(path.name, text))
        expected = path.name.startswith("000_")
        assert (recognition.score >= 0.9) is expected, (path.name, recognition)
        assert (recognition.score == 0) is not expected, (path.name, recognition)
        assert recognition.reason


@pytest.mark.parametrize("text", ["", "\t", "评价标准", "\t评价标准\n\n\t优", "\x00\x01评价标准\t\t\n\n"])
def test_identify_never_raises(text):
    assert READER.identify(TextInput("x.txt", text)).score < 0.9


def test_header_without_grade_row_is_recognised_and_read():
    text = table(cells("社会救助", "1", "描述", "目标", "保障率", *GRADES), header=False)
    text = text.replace(cells("社会救助"), cells(*HEADER) + "\n\n" + cells("社会救助"), 1)
    assert 0 < READER.identify(TextInput("t.txt", text)).score < 0.9
    result = read(text)
    assert result.documents[0].sections[0].indicators[0].grades.poor == "75%以下"
    assert not result.findings


def test_registry_chooses_this_reader_for_seed_000():
    path = next(SAMPLES.glob("000_*.txt"))
    result = read_text(path.read_text(encoding="utf-8"), path.name)
    assert result.reader == "duty_activity"


def test_sections_nesting_amounts_and_grades():
    result = read(BASIC)
    doc = result.documents[0]
    assert not result.findings
    assert (doc.title, doc.organisation, doc.year, doc.money_unit) == ("部门职责-工作活动绩效目标", "某县民政局", None, "")
    assert doc.units[0].code == "314" and doc.fields["org_cell"] == "314某县民政局"
    kinds = [(s.name, s.kind, s.parent_key) for s in doc.sections]
    top, low, med, welfare = doc.sections
    assert kinds == [
        ("社会救助", SectionKind.FUNCTION, ""),
        ("低保", SectionKind.ACTIVITY, top.key),
        ("医疗救助", SectionKind.ACTIVITY, top.key),
        ("社会福利", SectionKind.FUNCTION, ""),
    ]
    assert len({s.key for s in doc.sections}) == 4
    assert top.amounts.total.raw == "100.00" and top.amounts.total.value == Decimal("100.00")
    assert (low.purpose, low.goal) == ("低保描述", "低保目标")
    assert top.indicators == [] and welfare.indicators == []
    ind = low.indicators[0]
    assert ind.level3 == "低保保障率" and ind.target_raw == "" and ind.level1 == ""
    assert (ind.grades.excellent, ind.grades.good, ind.grades.fair, ind.grades.poor) == tuple(GRADES)
    assert med.indicators[0].grades.poor == "75%"
    # src_line: the name cell of a section, the indicator-name cell of an indicator
    lines = BASIC.split("\n")
    assert lines[low.source.line - 1] == "\t" + IND + "低保"
    assert lines[ind.source.line - 1] == "\t低保保障率"
    assert ind.source.file == "t.txt" and ind.source.table == 1


def test_rows_split_by_blank_lines_anywhere():
    text = table(
        cells("社会救助", "10", "描述", "目标", "", "", "", "", ""),
        cells(IND + "低保", "10"),  # 2 + 7 cells, then 4 + 5 cells with two blank lines between
        cells("低保描述", "低保目标", "保障率", *GRADES),
        cells(IND + "医疗", "0", "医疗描述", "医疗目标") + "\n\n",
        cells("资助率", *GRADES),
    )
    result = read(text)
    assert not result.findings
    low, med = result.documents[0].sections[1:]
    assert (low.purpose, low.goal, low.indicators[0].level3) == ("低保描述", "低保目标", "保障率")
    assert (med.purpose, med.indicators[0].level3, med.indicators[0].grades.poor) == ("医疗描述", "资助率", "75%以下")
    assert (low.indicators[0].source.column, med.indicators[0].source.column) == (5, 5)


def test_continuation_rows_add_indicators_and_fill_empty_values():
    text = table(
        cells("社会救助", "10", "描述", "", "", "", "", "", ""),
        cells(IND + "低保", "10", "低保描述", "", "", "", "", "", ""),  # indicator follows (J-000-2)
        cells("", "", "", "", "保障率", *GRADES),
        cells("", "", "", "补写的目标", "覆盖率", "", "", "", ""),
        cells("", "", "", "", "", "", "", "", ""),  # empty rows are skipped
        cells("", "", "另一描述", "", "完成率", *GRADES),
    )
    result = read(text)
    low = result.documents[0].sections[1]
    assert [i.level3 for i in low.indicators] == ["保障率", "覆盖率", "完成率"]
    assert not low.indicators[1].grades.any()
    assert low.goal == "补写的目标" and low.purpose == "低保描述"
    assert codes(result) == ["JX014"]
    assert result.findings[0].evidence == "另一描述"


def test_block_holding_two_rows_is_cut():
    text = table(cells("社会救助", "1", "a", "b", "率1", *GRADES, IND + "低保", "1", "c", "d", "率2", *GRADES))
    sections = read(text).documents[0].sections
    assert [(s.name, s.indicators[0].level3) for s in sections] == [("社会救助", "率1"), ("低保", "率2")]


def test_short_row_is_padded_and_reported():
    text = table(
        cells("社会救助", "1", "描述", "目标", "率1", "100%", "85%", "75%"),  # 8 cells
        cells(IND + "低保", "1", "描述", "目标", "率2", *GRADES),
    )
    result = read(text)
    top, low = result.documents[0].sections
    assert top.indicators[0].grades.poor == "" and top.indicators[0].grades.fair == "75%"
    assert low.indicators[0].level3 == "率2"
    assert codes(result) == ["JX011"]
    assert "8个单元格" in result.findings[0].message and "率1" in result.findings[0].evidence


def test_trailing_fragment_is_reported():
    result = read(table(cells("社会救助", "1", "描述", "目标", "率1", *GRADES), cells("多余")))
    assert codes(result) == ["JX011"] and result.findings[0].evidence == "多余"


def test_rows_without_owner_and_bad_amount():
    text = table(
        cells("", "", "", "", "孤儿指标", *GRADES),
        cells(IND + "低保", "约十万", "描述", "目标", "率", *GRADES),
    )
    result = read(text)
    (low,) = result.documents[0].sections
    assert low.kind is SectionKind.ACTIVITY and low.parent_key == ""
    assert low.amounts.total.raw == "约十万" and low.amounts.total.value is None
    assert codes(result) == ["JX013", "JX016", "JX015"]
    assert result.findings[0].evidence.startswith("孤儿指标")


def test_deeper_indentation_nests_under_the_nearest_shallower_row():
    text = table(
        cells("职责", "3", "", "", "", "", "", "", ""),
        cells(IND + "活动", "3", "", "", "", "", "", "", ""),
        cells(IND + IND + "子活动", "3", "", "", "率", *GRADES),
        cells(IND + "活动二", "0", "", "", "", "", "", "", ""),
    )
    top, act, sub, act2 = read(text).documents[0].sections
    assert (act.parent_key, sub.parent_key, act2.parent_key) == (top.key, act.key, top.key)


def test_free_text_title_year_and_money_unit():
    pre = (
        "绩效总体目标：\n目标一。\n\n    二、实现年度发展规划目标的保障措施\n\n措施正文。\n\n"
        "2021年部门职责-工作活动绩效目标\n\n" + cells("深泽县民政局") + "\n\n" + cells("单位：万元")
    )
    doc = read(table(cells("职责", "3", "", "", "", "", "", "", ""), pre=pre)).documents[0]
    assert (doc.title, doc.year, doc.money_unit, doc.organisation) == ("2021年部门职责-工作活动绩效目标", 2021, "万元", "深泽县民政局")
    assert doc.units[0].code == ""
    assert [(t.label, t.text, t.source.line) for t in doc.texts] == [
        ("绩效总体目标", "目标一。", 1),
        ("保障措施标题", "二、实现年度发展规划目标的保障措施", 4),
        ("保障措施", "措施正文。", 6),
    ]


def test_missing_org_and_missing_header():
    result = read(table(cells("职责", "3", "描述", "目标", "率", *GRADES), pre="标题", header=False))
    doc = result.documents[0]
    assert doc.organisation == "" and doc.sections[0].indicators[0].level3 == "率"
    assert codes(result) == ["JX010", "JX017"]


def test_missing_header_keeps_the_org_cell_out_of_the_rows():
    result = read(table(cells("职责", "3", "描述", "目标", "率", *GRADES), header=False))
    doc = result.documents[0]
    assert doc.organisation == "某县民政局" and [s.name for s in doc.sections] == ["职责"]
    assert codes(result) == ["JX010"]


def test_first_indicator_on_the_duty_row_reads_like_the_old_empty_first_row():
    """jixiao now writes a duty's first indicator on the duty's own row (the duty's cells merged
    down, so the rows below leave them empty); files written before have an empty indicator row
    first. Both give the same sections and indicators."""
    new = table(
        cells("社会救助", "100.00", "职责描述", "职责目标", "救助率", *GRADES),
        cells("", "", "", "", "覆盖率", "100%", "95%", "85%", "75%"),
        cells(IND + "低保", "60.00", "低保描述", "低保目标", "低保保障率", *GRADES),
        cells("社会福利", "5", "福利描述", "福利目标", "", "", "", "", ""),  # no indicator: one row
    )
    old = table(
        cells("社会救助", "100.00", "职责描述", "职责目标", "", "", "", "", ""),
        cells("", "", "", "", "救助率", *GRADES),
        cells("", "", "", "", "覆盖率", "100%", "95%", "85%", "75%"),
        cells(IND + "低保", "60.00", "低保描述", "低保目标", "", "", "", "", ""),
        cells("", "", "", "", "低保保障率", *GRADES),
        cells("社会福利", "5", "福利描述", "福利目标", "", "", "", "", ""),
    )
    results = [read(text) for text in (new, old)]

    def shape(result):
        return [
            (s.kind, s.name, s.amounts.total.value, s.purpose, s.goal, [(i.level3, i.grades) for i in s.indicators])
            for s in result.documents[0].sections
        ]

    assert shape(results[0]) == shape(results[1])
    assert [len(s.indicators) for s in results[0].documents[0].sections] == [2, 1, 0]
    assert not results[0].findings and not results[1].findings
