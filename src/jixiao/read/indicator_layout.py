"""The ways a copied indicator table arrives as text, each turned into grid rows.

* ``tab`` — cells split at TABs (web page or Excel copy); empty cells keep their place.
* ``pipe`` — ``| a | b |`` rows (Markdown, some web copies); lines without pipes are kept as
  one-cell rows so titles and notes are not lost.
* ``cells`` — one cell per TAB-led line, rows separated by blank lines (Word → text); a line
  without a TAB continues the cell above.
* ``lines`` — one cell per line without TABs: empty cells cannot be written, so short rows are
  placed by what their first cell is (see :meth:`Layout.align`).
* ``space`` — cells split at runs of 2+ spaces or U+3000 (PDF copy): empty cells vanish, so
  short rows are placed by the screen column where each cell starts.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from jixiao.model.categories import is_level1, is_level2
from jixiao.read.base import TextInput
from jixiao.read.grid import Cell, Row, cell_blocks, clean, pipe_rows, space_rows, tab_rows
from jixiao.read.indicator_header import LEVEL1, LEVEL2, LEVEL3


@dataclass(slots=True)
class Layout:
    name: str
    rows: list[Row]
    lines: list[str]

    def align(
        self, header: Row, row: Row, fields: dict[int, str] | None = None
    ) -> tuple[list[Cell | None], list[Cell]]:
        """``row``'s cells by header position (None = no cell), plus cells beyond the header.

        ``fields`` (the header's columns) lets a short row of the ``lines`` layout start at the
        column its first cell belongs to."""
        width = len(header)
        cells = list(row.cells)
        if len(cells) < width and self.name == "space":
            slots = _by_offset(self.lines, header, row)
            return [next((c for c, s in zip(cells, slots) if s == i), None) for i in range(width)], []
        if len(cells) < width and self.name == "lines" and fields:
            start = min(_semantic_start(cells[0].text, fields), width - len(cells))
            cells = [None] * start + cells
        placed = cells[:width] + [None] * (width - len(cells))
        return placed, cells[width:]


def layouts(source: TextInput) -> list[Layout]:
    """Every reading of the text, in order of preference when two recognise the header equally."""
    lines = source.lines
    blocks = cell_blocks(lines)
    tab_led = any(b.cells for b in blocks)
    block_rows: list[Row] = []
    for block in blocks:
        if tab_led:
            block_rows.extend(Row([c], c.line) for c in block.free)
            if block.cells:
                block_rows.append(Row(block.cells, block.cells[0].line))
        else:
            block_rows.append(Row(_renumber(block.free), block.line))
    return [
        Layout("tab", source.shared(tab_rows), lines),  # read only: other readers share it
        Layout("pipe", _with_plain_lines(pipe_rows(lines), lines), lines),
        Layout("cells" if tab_led else "lines", block_rows, lines),
        Layout("space", space_rows(lines), lines),
    ]


def _renumber(cells: list[Cell]) -> list[Cell]:
    for i, cell in enumerate(cells, 1):
        cell.column = i
    return cells


def _with_plain_lines(rows: list[Row], lines: list[str]) -> list[Row]:
    """Add the non-table lines (titles, notes) of a pipe table as one-cell rows."""
    taken = {r.line for r in rows}
    for number, line in enumerate(lines, 1):
        text = clean(line)
        if text and number not in taken and "|" not in text:
            rows.append(Row([Cell(text, number, 1, False, line)], number))
    return sorted(rows, key=lambda r: r.line)


def _semantic_start(text: str, fields: dict[int, str]) -> int:
    """Where a short row of the ``lines`` layout begins: at the column its first cell belongs to."""
    want = LEVEL1 if is_level1(text) else LEVEL2 if is_level2(text) else LEVEL3
    return next((i for i, f in sorted(fields.items()) if f == want), 0)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _starts(line: str, row: Row) -> list[int]:
    """Screen column where each cell of a space-separated row starts (wide characters count 2)."""
    starts, pos = [], 0
    for cell in row.cells:
        found = line.find(cell.text, pos) if cell.text else -1
        found = pos if found < 0 else found
        starts.append(_width(line[:found]))
        pos = found + len(cell.text)
    return starts


def _by_offset(lines: list[str], header: Row, row: Row) -> list[int]:
    """Header position of each cell of a short row: the nearest header column, in order."""
    heads = _starts(lines[header.line - 1], header)
    slots, prev = [], -1
    for k, start in enumerate(_starts(lines[row.line - 1], row)):
        last = len(heads) - (len(row.cells) - k)
        choices = range(prev + 1, last + 1)
        prev = min(choices, key=lambda j: abs(heads[j] - start))
        slots.append(prev)
    return slots
