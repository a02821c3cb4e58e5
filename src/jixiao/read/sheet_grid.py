"""Spreadsheet sheets (``.xlsx``, ``.xls``) → blocks, and numbers shown as the sheet shows them.

A sheet is one grid. Two things a reader of Word tables gets for free are decided here:

* an empty row separates tables, as people lay several tables out on one sheet;
* rows that never hold two filled cells are text (a part-one sheet of goals and measures), so
  they become paragraphs;
* rows holding a single cell above and below a table are text: its title — the heading paragraph
  a Word table has above it (``1.汽车保险费绩效目标表``) — and lines of text pasted in column A.

Numbers stored as numbers are written as the cell's number format shows them (``0.00`` →
``0.40``, ``#,##0.00`` → ``1,748.60``, ``0%`` → ``100%``), through :class:`~decimal.Decimal` so no
binary-float digits appear; numbers stored as text are taken as written.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from jixiao.model.source import Origin
from jixiao.read.containers import check_cells
from jixiao.read.blocks import ABOVE, LEFT, Block, Paragraph, Table, TableCell

_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_DECIMALS = re.compile(r"0\.(0+)")


def show_number(value: int | float, number_format: str = "General") -> str:
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:  # inf / nan cannot come from a sane sheet; show what is there
        return str(value)
    if not number.is_finite():
        return str(value)
    fmt = _QUOTED.sub("", number_format.split(";")[0])
    places = _DECIMALS.search(fmt)
    digits = len(places.group(1)) if places else None
    percent = "%" in fmt
    if percent:
        number *= 100
    if digits is None:
        if fmt.lower() != "general" and "0" in fmt:
            digits = 0
        else:  # General: as many digits as the value has, never an exponent
            text = format(number.normalize(), "f")
            return text + ("%" if percent else "")
    text = format(number, f"{',' if ',' in fmt else ''}.{digits}f")
    return text + ("%" if percent else "")


def show_value(value: object, number_format: str = "General") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return show_number(value, number_format)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def sheet_blocks(name: str, part: str, texts: dict[tuple[int, int], str],
                 merges: list[tuple[int, int, int, int]]) -> list[Block]:
    """Blocks of one sheet from its cell texts by 1-based (row, column) and its merged ranges
    (first row, first column, last row, last column). Empty rows separate tables."""
    filled = {key: text for key, text in texts.items() if text.strip()}
    if not filled:
        return []
    last_row = max(r for r, _ in filled)
    last_col = max(c for _, c in filled)
    for r1, c1, r2, c2 in merges:
        if (r1, c1) in filled:
            last_row, last_col = max(last_row, r2), max(last_col, c2)
    check_cells(name, last_row * last_col)  # one stray cell at XFD1048576 makes a huge grid
    grid = {r: [TableCell() for _ in range(last_col)] for r in range(1, last_row + 1)}
    for (r, c), text in filled.items():
        grid[r][c - 1].text = text
    for r1, c1, r2, c2 in merges:
        for r in range(r1, min(r2, last_row) + 1):
            for c in range(c1, min(c2, last_col) + 1):
                if (r, c) != (r1, c1):
                    grid[r][c - 1] = TableCell(merged=LEFT if r == r1 else ABOVE)
    blocks: list[Block] = []
    run: list[int] = []
    for r in [*grid, None]:
        if r is not None and any(cell.text.strip() or cell.merged for cell in grid[r]):
            run.append(r)
        elif run:
            blocks += _run_blocks(part, grid, run)
            run = []
    return blocks


def _run_blocks(part: str, grid: dict[int, list[TableCell]], run: list[int]) -> list[Block]:
    """A run of rows between empty rows: a table, with the one-cell rows above and below it (a
    title, lines of text pasted in column A) as text, or text only."""
    numbers = [r for r in run if any(cell.text.strip() for cell in grid[r])]
    counts = {r: sum(1 for cell in grid[r] if cell.text.strip()) for r in numbers}
    if not numbers:
        return []
    if max(counts.values()) < 2:
        return [Paragraph(_row_text(grid[r]), Origin(part, r)) for r in numbers]

    def heading(r: int) -> bool:  # one cell (a title spans the width), not merged over the row below
        return counts[r] == 1 and not any(cell.merged == ABOVE for cell in grid.get(r + 1, []))

    def pasted(r: int) -> bool:  # a line in column A alone; a cell spanning the table is the table's
        return counts[r] == 1 and grid[r][0].text.strip() != "" and not any(cell.merged for cell in grid[r])

    start = 0
    while heading(numbers[start]):
        start += 1
    end = len(numbers)
    while pasted(numbers[end - 1]):
        end -= 1
    paragraph = [Paragraph(_row_text(grid[r]), Origin(part, r)) for r in numbers]
    return [*paragraph[:start], Table(part, [grid[r] for r in numbers[start:end]], numbers[start:end]), *paragraph[end:]]


def _row_text(row: list[TableCell]) -> str:
    return " ".join(cell.text.strip() for cell in row if cell.text.strip())
