"""Excel ``.xlsx`` → one block list per visible sheet (openpyxl).

The sheet size is counted first in openpyxl's streaming (read-only) mode, stopping at the limit,
so that a huge sheet is refused before the whole workbook is built in memory; only then is the
workbook loaded normally, because merged ranges are only available there. Cached formula results
are read (``data_only``), not the formulas — unless there is no cached result. A contents sheet
(one linking to every other sheet, as ``jixiao export`` writes first) is navigation and is not read.
"""

from __future__ import annotations

import io

import openpyxl

from jixiao.read.containers import check_cells
from jixiao.read.blocks import Block
from jixiao.read.sheet_grid import sheet_blocks, show_value


def read_xlsx(data: bytes, name: str) -> list[Block]:
    formulas = _count_cells_and_formulas(data, name)
    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    blocks: list[Block] = []
    visible = [sheet for sheet in book.worksheets if sheet.sheet_state == "visible"]
    for sheet in visible:
        if _is_contents(sheet, {other.title for other in visible} - {sheet.title}):
            continue
        texts = {}
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    texts[cell.row, cell.column] = show_value(cell.value, cell.number_format)
                elif (formula := formulas.get((sheet.title, cell.row, cell.column))) is not None:
                    texts[cell.row, cell.column] = formula
        merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in sheet.merged_cells.ranges]
        blocks += sheet_blocks(name, f"工作表“{sheet.title}”", texts, merges)
    return blocks


def _is_contents(sheet, others: set[str]) -> bool:
    linked = {cell.hyperlink.location.split("!")[0].strip("'").replace("''", "'")
              for row in sheet.iter_rows() for cell in row if cell.hyperlink and cell.hyperlink.location}
    return bool(others) and others <= linked


def _count_cells_and_formulas(data: bytes, name: str) -> dict[tuple[str, int, int], str]:
    """Count the cells, refusing a huge workbook before it is built in memory, and note formulas.

    A formula never calculated (a file written by a program and not saved by Excel or WPS since)
    has no value to read; its formula text is shown instead of an empty cell, so that the readers
    report it rather than an amount silently missing.
    """
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    formulas: dict[tuple[str, int, int], str] = {}
    try:
        count = 0
        for sheet in book.worksheets:
            sheet.reset_dimensions()  # count the cells present, not the size a header claims
            for row in sheet.iter_rows():
                count += max(1, len(row))
                check_cells(name, count)
                for cell in row:
                    if cell.data_type == "f":
                        formulas[sheet.title, cell.row, cell.column] = str(cell.value)
    finally:
        book.close()
    return formulas
