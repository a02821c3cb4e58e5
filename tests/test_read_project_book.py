"""The project-book reader (部门整体绩效目标 + 项目支出绩效目标表, seed 002 layout) on small inputs."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.model.document import DocKind, SectionKind
from jixiao.read import read_path, read_text
from jixiao.read.base import TextInput
from jixiao.read.decode import decode
from jixiao.read.project_book import ProjectBookReader

SAMPLES = Path(__file__).parents[1] / "src" / "jixiao" / "samples"
READER = ProjectBookReader()
HEADER = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]
ORG = "314001民政部门某某县民政局本级"


def cells(*texts: str) -> str:
    """One block of the cell-per-line layout: every cell on its own TAB-led line."""
    return "\n".join("\t" + t for t in texts)


def project(number: int, name: str, *rows: str, code: str = "13030322P00391410001H", org: str = ORG,
            plan: tuple[tuple[str, ...], tuple[str, ...]] | None = (("3月底", "6月底", "10月底", "12月底"),
                                                                    ("", "", "50%", "", "100%")),
            amounts: tuple[str, str, str] = ("1.00", "1.00", " "), goal: str = "1.目标") -> str:
    total, fiscal, other = amounts
    blocks = [
        f"[bookmark: _Toc_4_4_{number}]{number}.{name}绩效目标表\n" + cells(org, "单位：万元"),
        cells("项目编码", code, "项目名称", name),
        cells("预算规模及资金用途", "预算数", total, "其中：财政    资金", fiscal, "其他资金", other),
        cells("", "用途"),
    ]
    if plan is not None:
        blocks += [cells("资金支出计划（%）", *plan[0]), cells(*plan[1])]
    blocks += [cells("绩效目标", goal), cells(*HEADER), *rows]
    return "\n\n".join(blocks) + "\n\n\n \n"


ROWS = (
    cells("产出指标", "数量指标", "人数", "保障人数", "10人", "计划"),
    cells("", "质量指标", "准确率", "发放准确率", "≥95%", "计划"),
    cells("满意度指标", "服务对象满意度指标", "满意度", "满意度", "≥85%", "调查"),
)


def book(*tables: str, part1: str = "") -> str:
    return part1 + "".join(tables)


def read(text: str):
    return READER.extract(TextInput("t.txt", text))


def codes(result) -> list[str]:
    return [f.code for f in result.findings]


def the_book(result):
    return next(d for d in result.documents if d.kind == DocKind.PROJECT_TARGETS_BOOK)


# --- identify ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name[:3])
def test_identify_samples(path):
    text, _, _ = decode(path.read_bytes(), path.name)
    recognition = READER.identify(TextInput(path.name, text))
    assert recognition.reason
    if path.name.startswith("002"):
        assert recognition.score >= 0.9
    else:
        assert recognition.score == 0


def test_identify_small_book_and_junk():
    assert READER.identify(TextInput("t.txt", project(1, "某项目", *ROWS))).score >= 0.9
    assert READER.identify(TextInput("t.txt", "一级指标\t二级指标\n")).score == 0
    assert READER.identify(TextInput("t.txt", "")).score == 0


# --- the seed ---------------------------------------------------------------------------------


def test_seed_002():
    result = read_path(SAMPLES / "002_df8bd7cbddbfb745.txt")
    overall, projects = result.documents
    assert (overall.kind, overall.title, overall.part, overall.year) == (DocKind.DEPT_OVERALL_TARGETS, "部门整体绩效目标", 1, 2022)
    assert [s.kind for s in overall.sections] == [SectionKind.FUNCTION] * 6
    assert [t.label for t in overall.texts] == ["总体绩效目标", "工作保障措施"]
    assert (projects.title, projects.money_unit, projects.year, projects.organisation) == ("", "万元", 2022, "秦皇岛市山海关区民政局")
    assert [u.code for u in projects.units] == ["314001", "314004"]
    assert len(projects.sections) == 36 and sum(len(s.indicators) for s in projects.sections) == 335
    p01, p36 = projects.sections[0], projects.sections[-1]
    assert p01.goal == "1.保障车辆工作\n2.提高工作效率"
    assert p01.amounts.total.value == Decimal("0.40") and p01.amounts.other is None
    assert [(p.checkpoint, p.raw, p.percent) for p in p01.plan][:2] == [("3月底", "", None), ("6月底", "100%", Decimal("100"))]
    assert p36.unit.code == "314004" and p36.indicators[-1].basis == "" and p36.indicators[-1].target_raw == "≤100%"
    assert codes(result) == ["JX038"]
    assert result.findings[0].location.row_no == 9


# --- part 1 -----------------------------------------------------------------------------------

PART1 = """ 第一部分
部门整体绩效目标
 
[bookmark: _Toc_1]一、总体绩效目标
总体目标第一段。
（一）以保障为重点，完善体系。
[bookmark: _Toc_2]二、分项绩效目标
（一）社会救助                        
主要职责：负责救助。
绩效目标：应保尽保。
绩效指标：保障率、准确率。
（二）养老服务
主要职责：养老。
三、工作保障措施
一、完善制度，建立机制。
二、加强管理。
"""


def test_part1_functions_and_texts():
    result = read(book(project(1, "某项目", *ROWS), part1=PART1))
    overall = result.documents[0]
    assert overall.fields == {"part_label": "第一部分"}
    assert [(t.label, t.text) for t in overall.texts] == [
        ("总体绩效目标", "总体目标第一段。\n（一）以保障为重点，完善体系。"),
        ("工作保障措施", "一、完善制度，建立机制。\n二、加强管理。"),
    ]
    f1, f2 = overall.sections
    assert (f1.name, f1.purpose, f1.goal, f1.fields) == (
        "社会救助", "负责救助。", "应保尽保。", {"label": "（一）", "绩效指标": "保障率、准确率。"})
    assert f1.source.line == 8
    assert f2.goal == "" and "JX032" in codes(result)  # 养老服务 has no 绩效目标
    assert overall.organisation == "某某县民政局" and overall.year == 2022


def test_part2_heading_and_written_year():
    part1 = "第一部分 2021年部门整体绩效目标\n一、总体绩效目标\n目标。\n第二部分 项目支出绩效目标\n说明文字。\n"
    result = read(book(project(1, "提前下达2022年某资金", *ROWS), part1=part1))
    overall, projects = result.documents
    assert (overall.title, overall.year) == ("2021年部门整体绩效目标", 2021)
    assert (projects.title, projects.year, projects.fields) == ("项目支出绩效目标", 2022, {"part_label": "第二部分"})
    assert [t.text for t in projects.texts] == ["说明文字。"]


def test_money_units_that_disagree():
    result = read(project(1, "甲", *ROWS) + project(2, "乙", *ROWS) + project(3, "丙", *ROWS).replace("单位：万元", "单位：元"))
    assert the_book(result).money_unit == "万元"
    assert the_book(result).sections[2].fields["unit"] == "元" and "JX039" in codes(result)


def test_book_without_part1_is_part_1():
    result = read(project(1, "某项目", *ROWS))
    assert [(d.kind, d.part) for d in result.documents] == [(DocKind.PROJECT_TARGETS_BOOK, 1)]


# --- project tables ---------------------------------------------------------------------------


def test_project_values():
    result = read(project(1, "某项目", *ROWS, amounts=("12.50", "10.00", "2.50")))
    section = the_book(result).sections[0]
    assert (section.name, section.code, section.purpose, section.goal) == ("某项目", "13030322P00391410001H", "用途", "1.目标")
    assert (section.unit.code, section.unit.name, section.unit.raw) == ("314001", "某某县民政局本级", ORG)
    assert [m.value for m in (section.amounts.total, section.amounts.fiscal, section.amounts.other)] == [
        Decimal("12.50"), Decimal("10.00"), Decimal("2.50")]
    assert [(p.checkpoint, p.raw) for p in section.plan] == [("3月底", ""), ("6月底", "50%"), ("10月底", ""), ("12月底", "100%")]
    assert section.fields == {"table_title": "1.某项目绩效目标表", "unit": "万元"}
    second = section.indicators[1]
    assert (second.level1, second.level2, second.level3, second.target_raw) == ("产出指标", "质量指标", "准确率", "≥95%")
    assert (second.level1_raw, second.source.line, second.source.table) == ("产出指标", section.indicators[0].source.line + 7, 1)
    assert result.findings == []


def test_rows_broken_by_blank_lines_and_continued_cells():
    rows = (
        cells("产出指标", "数量指标", "人数", "保障人数") + "\n\n" + cells("10人") + "\n\n\n" + cells("计划"),
        cells("效益指标", "经济效益指标", "比例", "描述", "") + "\n按规定时限完成\n" + cells("依据"),
        cells("", "社会效益指标", "名称", "") + "\n使用部门满意度\n\n" + cells("是/否", "依据"),
    )
    section = the_book(read(project(1, "某项目", *rows))).sections[0]
    assert [(i.level3, i.description, i.target_raw, i.basis) for i in section.indicators] == [
        ("人数", "保障人数", "10人", "计划"),
        ("比例", "描述", "按规定时限完成", "依据"),
        ("名称", "使用部门满意度", "是/否", "依据"),
    ]
    assert section.indicators[2].level1 == "效益指标"


def test_short_row_in_the_middle_does_not_shift_the_rest():
    rows = (cells("产出指标", "数量指标", "人数", "保障人数", "10人"), *ROWS[1:])
    result = read(project(1, "某项目", *rows))
    section = the_book(result).sections[0]
    assert [(i.level3, i.basis) for i in section.indicators] == [("人数", ""), ("准确率", "计划"), ("满意度", "调查")]
    assert codes(result) == ["JX031"]


def test_table_cut_off_at_end_of_file():
    text = project(1, "某项目", *ROWS).rstrip() + "\n\n" + cells("", "", "新指标", "描述")
    result = read(text)
    section = the_book(result).sections[0]
    assert section.indicators[-1].level3 == "新指标" and section.indicators[-1].target_raw == ""
    assert codes(result) == ["JX038"]


def test_table_cut_off_before_indicator_header():
    text = project(1, "甲", *ROWS) + "2.乙绩效目标表\n" + cells(ORG, "单位：万元") + "\n\n" + cells("项目编码", "X1", "项目名称", "乙")
    result = read(text)
    first, second = the_book(result).sections
    assert len(first.indicators) == 3 and (second.name, second.code, second.indicators) == ("乙", "X1", [])
    assert "JX030" in codes(result)


def test_missing_plan_columns_and_no_plan():
    two = project(1, "甲", *ROWS, plan=(("6月底", "12月底"), ("", "40%", "100%")))
    none = project(2, "乙", *ROWS, plan=None)
    first, second = the_book(read(two + none)).sections
    assert [(p.checkpoint, p.percent) for p in first.plan] == [("6月底", Decimal("40")), ("12月底", Decimal("100"))]
    assert second.plan == [] and second.goal == "1.目标"


def test_plan_value_problems():
    result = read(project(1, "甲", *ROWS, plan=(("6月底", "10月底", "12月底"), ("", "过半"))))
    section = the_book(result).sections[0]
    # Fewer values than checkpoints: read from the left (a blank 6月底 or a blank row-label cell
    # cannot be told apart), the missing ones blank.
    assert [(p.raw, p.percent) for p in section.plan] == [("", None), ("过半", None), ("", None)]
    assert codes(result).count("JX034") == 2  # a missing value and a value that is not a percent


def test_extra_blank_lines_and_title_apart_from_table():
    text = project(1, "甲", *ROWS).replace("\n\n", "\n\n\n\n").replace("绩效目标表\n", "绩效目标表\n\n")
    result = read(text)
    section = the_book(result).sections[0]
    assert (section.name, section.fields["table_title"], len(section.indicators)) == ("甲", "1.甲绩效目标表", 3)
    assert result.findings == []


def test_amounts_and_required_fields():
    result = read(project(1, "甲", *ROWS, amounts=("约十万", "", "")).replace(cells("项目编码", "13030322P00391410001H") + "\n", ""))
    section = the_book(result).sections[0]
    assert section.amounts.total.raw == "约十万" and section.amounts.total.value is None
    assert section.amounts.fiscal is None and section.amounts.other is None
    assert {"JX032", "JX033"} <= set(codes(result))


def test_numbering_gap_and_two_units():
    other = "314004某某县特困人口集中供养中心"
    result = read(project(1, "甲", *ROWS) + project(3, "丙", *ROWS, org=other))
    document = the_book(result)
    assert [u.name for u in document.units] == ["某某县民政局本级", "某某县特困人口集中供养中心"]
    assert [s.unit.code for s in document.sections] == ["314001", "314004"]
    assert "JX036" in codes(result)


def test_repeated_header_and_unknown_column():
    rows = (ROWS[0], cells(*HEADER), ROWS[1])
    section = the_book(read(project(1, "甲", *rows))).sections[0]
    assert [i.level3 for i in section.indicators] == ["人数", "准确率"]

    text = project(1, "甲").replace(cells(*HEADER), cells(*HEADER, "分值")) + cells("产出指标", "数量指标", "人数", "描述", "10人", "计划", "5")
    result = read(text)
    assert the_book(result).sections[0].indicators[0].weight_raw == "5"

    text = project(1, "甲").replace(cells(*HEADER), cells(*HEADER, "备注")) + cells("产出指标", "数量指标", "人数", "描述", "10人", "计划", "x")
    result = read(text)
    assert the_book(result).sections[0].indicators[0].basis == "计划" and "JX037" in codes(result)


# --- year ---------------------------------------------------------------------------------------


def test_year_is_the_most_frequent_plausible_year():
    text = (project(1, "提前下达2023年某资金", *ROWS, code="13030322P0001A")
            + project(2, "提前下达2023年另一资金", *ROWS, code="13030323P0002B")
            + project(3, "丙", *ROWS, code="X3"))
    assert the_book(read(text)).year == 2023


def test_year_unknown_is_reported():
    result = read(project(1, "甲", *ROWS, code="X1"))
    assert the_book(result).year is None and "JX039" in codes(result)


def test_read_text_chooses_this_reader():
    result = read_text(project(1, "甲", *ROWS), "t.txt")
    assert result.reader == "project_book"
    assert the_book(result).sections[0].indicators[0].target.number == Decimal("10")


def test_header_without_description_column():
    header = ["一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据"]
    rows = cells("产出指标", "数量指标", "人数") + "\n\n" + cells("10人", "计划")
    text = project(1, "甲").replace(cells(*HEADER), cells(*header)) + rows
    result = read(text)
    indicator = the_book(result).sections[0].indicators[0]
    assert (indicator.level3, indicator.description, indicator.target_raw, indicator.basis) == ("人数", "", "10人", "计划")
    assert result.findings == []
