"""Excel 97–2003 ``.xls`` → one block list per visible sheet (xlrd, with formatting for merges
and number formats)."""

from __future__ import annotations

import xlrd

from jixiao.read.containers import check_cells
from jixiao.read.blocks import Block
from jixiao.read.sheet_grid import sheet_blocks, show_value


def read_xls(data: bytes, name: str) -> list[Block]:
    book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    check_cells(name, sum(book.sheet_by_index(i).nrows * book.sheet_by_index(i).ncols for i in range(book.nsheets)))
    blocks: list[Block] = []
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        if sheet.visibility != 0:
            continue
        texts = {}
        for r in range(sheet.nrows):
            for c in range(sheet.ncols):
                texts[(r + 1, c + 1)] = _text(book, sheet.cell(r, c))
        # xlrd ranges are half-open and 0-based: (rlo, rhi, clo, chi)
        merges = [(rlo + 1, clo + 1, rhi, chi) for rlo, rhi, clo, chi in sheet.merged_cells]
        blocks += sheet_blocks(name, f"工作表“{sheet.name}”", texts, merges)
    return blocks


def _text(book: xlrd.book.Book, cell: xlrd.sheet.Cell) -> str:
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        xf = book.xf_list[cell.xf_index]
        return show_value(cell.value, book.format_map[xf.format_key].format_str)
    if cell.ctype == xlrd.XL_CELL_DATE:
        return show_value(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return show_value(bool(cell.value))
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    return str(cell.value)
