"""Workbooks read back with openpyxl: sheets, merges, money as numbers, frozen header, A4 printing."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from jixiao.write.layouts import build_book
from jixiao.write.office.xlsx import INDEX_SHEET, book_xlsx

from .conftest import SEED_IDS


def workbook(book):
    return load_workbook(io.BytesIO(book_xlsx(book)))


@pytest.fixture(scope="module")
def wb002(books):
    return workbook(books["002"])


def test_index_sheet_then_one_sheet_per_project(wb002):
    names = wb002.sheetnames
    assert names[0] == INDEX_SHEET
    assert names[1] == "部门整体绩效目标"  # the text part of the book
    assert names[2] == "1.汽车保险费" and len(names) == 2 + 36
    assert all(len(n) <= 31 for n in names)
    index = wb002[INDEX_SHEET]
    links = [index.cell(r, 4).hyperlink.location for r in range(5, 5 + 37)]
    assert links[1] == "'1.汽车保险费'!A1"


def test_project_sheet_merges_money_and_header(wb002):
    ws = wb002["1.汽车保险费"]
    assert ws["A1"].value == "1.汽车保险费绩效目标表"
    assert ws["A2"].value == "314001民政部门秦皇岛市山海关区民政局本级" and ws["F2"].value == "单位：万元"
    # grid starts on row 3: code spans B:C, budget amounts are numbers shown with two decimals
    assert ws["B3"].value == "13030322P00391410001H" and "B3:C3" in ws.merged_cells
    assert ws["C4"].data_type == "n" and Decimal(str(ws["C4"].value)) == Decimal("0.40")
    assert ws["C4"].number_format == "0.00"
    assert "A4:A5" in ws.merged_cells  # 预算规模及资金用途
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "一级指标")
    assert [ws.cell(header, k).value for k in range(1, 7)] == ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]
    assert f"A{header + 1}:A{header + 4}" in ws.merged_cells  # 产出指标 over its four rows
    assert ws.cell(header + 1, 1).value == "产出指标"
    assert ws.cell(header + 1, 1).alignment.wrap_text
    assert ws.cell(header + 1, 1).border.left.style == "thin"


def test_print_setup(wb002):
    ws = wb002["1.汽车保险费"]
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.orientation == "portrait"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_area == "'1.汽车保险费'!$A$1:$G$" + str(ws.max_row)


def test_wide_tables_print_landscape_with_frozen_repeated_header(books):
    ws = workbook(books["004"])["支出方向"]
    assert ws.page_setup.orientation == "landscape"
    assert ws.freeze_panes == "A6"  # title, note, three header rows
    assert ws.print_title_rows == "$3:$5"
    assert "H3:P3" in ws.merged_cells and "H4:K4" in ws.merged_cells and "L4:P4" in ws.merged_cells
    assert ws["H4"].value == "产出指标" and ws["P5"].value == "社会公益或服务对象满意度指标"


@pytest.mark.parametrize("seed", SEED_IDS)
def test_no_money_is_stored_as_text(books, seed):
    book = books[seed]
    wb = workbook(book)
    money_cells = sum(isinstance(c.value, Decimal) for t in book.tables() for c in t.cells)
    numbers = [
        cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row if cell.data_type == "n" and cell.value is not None
    ]
    assert len(numbers) == money_cells
    assert money_cells > 0 or seed == "001"  # the approval table has no amounts
    assert all(cell.number_format.startswith("0.00") for cell in numbers)


def test_formula_texts_stay_text(hostile):
    wb = workbook(build_book(hostile.documents))
    values = {c.value: c.data_type for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for text in ("=SUM(A1:A9)", "@cmd", "+救助人数", "-5", "-依据"):
        assert values.get(text) == "s", text
    assert not any(t == "f" for t in values.values())


def test_approval_indicator_header_is_printed_on_every_page(books):
    """001's 核心职能 / 一级指标 … 指标值 rows stand below the form's top part: they are the
    sheet's print titles (they were none), and nothing above them is frozen."""
    ws = workbook(books["001"])["批复表"]
    first, last = (int(n) for n in ws.print_title_rows.replace("$", "").split(":"))
    assert last == first + 1
    assert ws.cell(first, 1).value == "核心职能" and ws.cell(first, 3).value == "年度绩效指标"
    assert [ws.cell(last, k).value for k in (3, 4, 5, 7)] == ["一级指标", "二级指标", "三级指标", "指标值"]
    assert ws.freeze_panes in (None, "A3")


@pytest.mark.parametrize("seed", SEED_IDS)
def test_no_table_cell_sits_at_the_bottom(books, seed):
    """Body text, amounts, notes and titles are centred vertically like the category cells beside
    them; a worksheet's default (no vertical alignment) puts text at the bottom of its cell."""
    wb = workbook(books[seed])
    tables = {t.sheet for t in books[seed].tables()}
    for ws in wb.worksheets[1:]:
        if not any(ws.title.startswith(name[:28]) for name in tables):
            continue  # a text sheet: paragraphs at the top, one per row
        placed = {c.alignment.vertical for row in ws.iter_rows() for c in row if c.value is not None}
        assert placed == {"center"}, ws.title
