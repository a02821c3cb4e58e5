"""The format-neutral layouts: grids are whole, categories merged as the seeds print them, and
nothing of the model is left out."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

import pytest

from jixiao.write.layouts import Style, Table, money_text
from jixiao.write.layouts.model import Label
from jixiao.write.office.measure import text_width

from .conftest import SEED_IDS


def covered(table: Table) -> dict[tuple[int, int], int]:
    counts: dict[tuple[int, int], int] = {}
    for c in table.cells:
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                counts[(r, k)] = counts.get((r, k), 0) + 1
    return counts


@pytest.mark.parametrize("seed", SEED_IDS)
def test_every_grid_position_is_covered_exactly_once(books, seed):
    for table in books[seed].tables():
        counts = covered(table)
        assert set(counts) == {(r, k) for r in range(table.rows) for k in range(table.cols)}, table.title
        assert set(counts.values()) == {1}, table.title


@pytest.mark.parametrize("seed", SEED_IDS)
def test_every_indicator_value_and_name_is_in_the_book(books, results, seed):
    shown = books[seed].all_text()
    for document in results[seed].documents:
        for section in document.sections:
            for ind in section.indicators:
                for text in (ind.level3, ind.target_raw, ind.cycle_target_raw, ind.basis, ind.grades.excellent):
                    assert text in shown, (section.name, text)


def test_project_table_of_seed_002_as_printed(books):
    tables = books["002"].tables()
    assert len(tables) == 36
    first = tables[0]
    assert first.title == "1.汽车保险费绩效目标表"
    assert first.note_left == "314001民政部门秦皇岛市山海关区民政局本级"
    assert first.note_right == "单位：万元"
    at = {(c.row, c.col): c for c in first.cells}
    assert at[(0, 1)].value == "13030322P00391410001H" and at[(0, 1)].colspan == 2
    assert at[(0, 4)].value == "汽车保险费"
    assert at[(1, 2)].value == Decimal("0.40") and at[(1, 4)].value == Decimal("0.40")
    assert at[(1, 0)].rowspan == 2  # 预算规模及资金用途 over the budget and its use
    header = next(c.row for c in first.cells if c.value == "一级指标")
    assert [at[(header, k)].value for k in (0, 1, 2, 3, 4, 5)] == [
        "一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据",
    ]
    # P01: four 产出 rows, four 效益 rows, one 满意度 row (gold rows 1–9)
    level1 = [(c.value, c.rowspan) for c in first.cells if c.col == 0 and c.row > header]
    assert level1 == [("产出指标", 4), ("效益指标", 4), ("满意度指标", 1)]
    assert all(c.style is Style.CATEGORY for c in first.cells if c.col in (0, 1) and c.row > header)


def test_level2_runs_end_where_level1_changes(books):
    """001 F1: 效益指标 → 可持续影响指标 and 满意度指标 → 服务对象满意度指标 are separate merges."""
    table = books["001"].tables()[0]
    level2 = [(c.value, c.rowspan) for c in table.cells if c.col == 3 and c.style is Style.CATEGORY]
    assert level2[:6] == [("数量指标", 7), ("质量指标", 1), ("时效指标", 2), ("社会效益指标", 2), ("可持续影响指标", 1), ("服务对象满意度指标", 2)]


def test_special_fund_directions_spread_indicators_over_columns(books):
    directions = books["004"].parts[1].tables()[0]
    assert directions.header_rows == 3 and directions.cols == 16
    first = {c.col: c.value for c in directions.cells if c.row == 3}
    assert first[1] == "残疾人" and first[4] == Decimal("90")
    assert first[7] == "两项补贴各2000人"  # 数量指标
    assert first[15] == "100%"  # 社会公益或服务对象满意度指标


def test_duty_activity_grades_under_the_rating_header(books):
    table = [t for t in books["000"].tables()][0]
    at = {(c.row, c.col): c.value for c in table.cells}
    assert at[(0, 5)] == "评价标准" and [at[(1, k)] for k in range(5, 9)] == ["优", "良", "中", "差"]
    assert at[(2, 0)] == "社会救助政策及管理" and at[(2, 1)] == Decimal("1748.60")
    assert at[(3, 0)] == "\u3000\u3000城乡居民最低生活保障"
    assert [at[(3, k)] for k in range(4, 9)] == ["城乡居民低保保障率", "100%", "85%", "75%", "75%以下"]


def test_duty_activity_has_no_empty_band_above_the_first_indicator(books, results):
    """Each duty or activity's first indicator stands on its own row, its name, 年度, 内容描述 and
    绩效目标 merged down over its indicator rows; one without an indicator keeps its one row."""
    table = books["000"].tables()[0]
    sections = results["000"].documents[0].sections
    by_row: dict[int, dict[int, object]] = {}
    for c in table.cells:
        by_row.setdefault(c.row, {})[c.col] = c
    names = {c.row: c for c in table.cells if c.col == 0 and c.row >= table.header_rows}
    assert len(names) == len(sections)
    assert table.rows == table.header_rows + sum(max(1, len(s.indicators)) for s in sections)
    for section, (row, name) in zip(sections, sorted(names.items())):
        assert name.rowspan == max(1, len(section.indicators)), section.name
        assert all(by_row[row][k].rowspan == name.rowspan for k in range(1, 4)), section.name
        first = by_row[row][4].value
        assert first == (section.indicators[0].level3 if section.indicators else ""), section.name
    # no row of the body is an empty indicator row next to a section's first cells
    for row in range(table.header_rows, table.rows):
        cells = by_row[row]
        if row not in names:
            assert set(cells) == set(range(4, 9)) and cells[4].value, row


def test_declaration_budget_side_by_side(books):
    table = books["003"].tables()[0]
    rows = {}
    for c in table.cells:
        rows.setdefault(c.row, []).append(c.value)
    assert ["基本支出", Decimal("2212.16"), "财政拨款", Decimal("33588.45")] in [r[-4:] for r in rows.values()]


def test_short_declaration_form_as_seed_004_prints_it(books):
    """Indicators that are a category and a text each: the form of seed 004, row by row, with no
    一级/二级/三级指标 header row (a reader would take it for an indicator)."""
    table = books["004"].parts[2].tables()[0]
    rows: dict[int, list] = {}
    for c in sorted(table.cells, key=lambda c: (c.row, c.col)):
        rows.setdefault(c.row, []).append(c.value)
    assert [r[:3] for r in rows.values()] == [
        ["部门名称", "石峰区民政局"],
        ["年度预算申请", "资金总额：", Decimal("1593.88")],
        ["按支出性质分：", ""],
        ["其中：基本支出：", Decimal("327")],
        ["项目支出：", Decimal("1266.87")],
        ["整体绩效目标", rows[5][1]],
        ["部门整体支出年度绩效指标", "产出指标", rows[6][2]],
        ["效益指标", rows[7][1]],
        ["财政部门审核意见", "业务股室意见：", ""],
        ["绩效股意见：", ""],
    ]
    assert rows[6][2].startswith("民政管理事务支出839万元")


@pytest.mark.parametrize(
    ("value", "text"),
    [("0.4", "0.40"), ("90", "90.00"), ("2212.16", "2212.16"), ("1.005", "1.005"), ("-3.5", "-3.50")],
)
def test_money_text_keeps_every_digit(value, text):
    assert money_text(Decimal(value)) == text


def test_a_row_must_fill_the_table():
    table = Table("t", "t", (1.0, 1.0, 1.0))
    table.add_row(Label("a"), ("b", 2))
    with pytest.raises(ValueError):
        table.add_row("a", "b")


# a number, a percentage, a year or an amount with its unit: broken over two lines it misreads
SHORT_VALUE = re.compile(r"^[≥≤<>＞＜]?[\d.,]+\s*(%|年|元|万元|人|个|次|天|户)?(以下|以上)?$")
CM = 72 / 2.54  # points


def _word_room(table: Table, cell) -> float:
    """Points a cell's text has on one line in the Word export: the column's share of the page,
    less the cell's left and right padding (with some to spare for LibreOffice's fonts)."""
    page = (29.7 if table.landscape else 21.0) - 4.0
    share = sum(table.widths[cell.col : cell.col + cell.colspan]) / sum(table.widths)
    return page * CM * share - 0.45 * CM


def _word_need(text: str, size: float = 9.0) -> float:
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else size * 0.6 for ch in text)


@pytest.mark.parametrize("seed", SEED_IDS)
def test_short_values_are_not_broken_mid_token(books, seed):
    """004's 专项实施期 printed 2019年 as 201/9年 and 000's 差 column 75%以/下: a column holds each
    short value (number, percentage, year) on one line, in Word (9 pt) and in a worksheet."""
    broken = []
    for table in books[seed].tables():
        for c in table.cells:
            if not SHORT_VALUE.match(c.text.strip()):
                continue
            width = sum(table.widths[c.col : c.col + c.colspan])
            if _word_need(c.text) > _word_room(table, c) or text_width(c.text) > width * 1.1 - 1:
                broken.append((table.title, c.col, c.text))
    assert broken == []


def test_declaration_level3_column_is_not_squeezed(books):
    """003's 三级指标 holds the longest indicator texts: its column is wider than 二级指标's and
    holds at least 11 characters a line in Word (it had 6)."""
    table = books["003"].tables()[0]
    head = next(c for c in table.cells if c.text == "三级指标")
    level2 = next(c for c in table.cells if c.text == "二级指标")
    assert table.widths[head.col] > table.widths[level2.col]
    assert _word_room(table, head) >= 11 * 9


def test_approval_indicator_header_is_marked_for_repeating(books):
    """001's indicator header stands below the form's top part, so header_rows (top rows) cannot
    name it: the table marks it as its repeated rows; other tables repeat their top rows."""
    table = books["001"].tables()[0]
    assert table.header_rows == 0 and len(table.repeated_rows) == 2
    at = {(c.row, c.col): c.text for c in table.cells}
    first = table.repeated_rows.start
    assert at[(first, 0)] == "核心职能" and at[(first + 1, 2)] == "一级指标"
    assert books["004"].tables()[1].repeated_rows == range(3)
