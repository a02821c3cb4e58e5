"""Office content (Word, Excel, HTML, PDF) → the text forms the layout readers already recognise.

Each format module turns its file into :class:`Paragraph` and :class:`Table` blocks. A table is a
full grid: a position covered by a merged cell is ``merged`` ("no cell here, the cell to the left /
above spans it"), which is not the same as an empty cell. The blocks are then written out in the
two text forms the readers know, so that layout recognition and layout reading stay in one place:

* **cell per line** (Word exported as text; seeds 000, 002, 004): a table row is a run of
  ``TAB cell`` lines ended by a blank line; a horizontally merged cell appears once, a vertically
  merged position as an empty cell — exactly what the seeds show;
* **row per line** (seeds 001, 003): a table row is one line of TAB-separated cells, merged
  positions empty, so that a reader's column is the grid column (grids start at column 1).

Every text line keeps its :class:`~jixiao.model.source.Origin` (table or sheet, row, column) so
that locations can point into the original file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from jixiao.model.source import Origin

LEFT, ABOVE = "left", "above"


@dataclass(slots=True)
class TableCell:
    text: str = ""
    merged: str = ""  # "" a real cell; LEFT / ABOVE: no cell here, the one left / above spans it


@dataclass(slots=True)
class Table:
    part: str  # the table as the user names it: 第3个表格, 工作表“汽车保险费”
    rows: list[list[TableCell]]
    row_numbers: list[int] = field(default_factory=list)  # original row numbers (default 1, 2, …)

    def origin(self, index: int, column: int | None = None) -> Origin:
        return Origin(self.part, self.row_numbers[index] if self.row_numbers else index + 1, column)


@dataclass(slots=True)
class Paragraph:
    text: str
    origin: Origin


Block = Paragraph | Table


@dataclass(slots=True)
class Rendering:
    """One text form of a file's content, with the origin of every line (index = line - 1)."""

    form: str
    text: str
    origins: list[Origin | None]


class _Lines:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.origins: list[Origin | None] = []

    def add(self, line: str, origin: Origin | None = None) -> None:
        self.lines.append(line)
        self.origins.append(origin)

    def paragraph(self, block: Paragraph) -> None:
        for line in _text_lines(block.text):
            self.add(line, block.origin)

    def rendering(self, form: str) -> Rendering:
        return Rendering(form, "\n".join(self.lines), self.origins)


def _text_lines(text: str) -> list[str]:
    """Non-blank lines of a cell or paragraph; a TAB inside text would read as a cell break."""
    return [line for line in text.replace("\t", " ").split("\n") if line.strip()]


def _render(blocks: list[Block], form: str, write_row: Callable[[_Lines, Table, int], None]) -> Rendering:
    """Paragraphs line by line; tables row by row through ``write_row``, a blank line after each."""
    out = _Lines()
    for block in blocks:
        if isinstance(block, Paragraph):
            out.paragraph(block)
            continue
        for r in range(len(block.rows)):
            write_row(out, block, r)
        out.add("")
    return out.rendering(form)


def _cells_of_row(out: _Lines, table: Table, r: int) -> None:
    for c, cell in enumerate(table.rows[r]):
        if cell.merged == LEFT:
            continue
        lines = [] if cell.merged else _text_lines(cell.text)
        origin = table.origin(r, c + 1)
        out.add("\t" + (lines[0] if lines else ""), origin)
        for line in lines[1:]:  # a line without a TAB continues the cell above
            out.add(line, origin)
    out.add("")


def _row_line(out: _Lines, table: Table, r: int) -> None:
    texts = ["" if cell.merged else " ".join(_text_lines(cell.text)) for cell in table.rows[r]]
    out.add("\t".join(texts), table.origin(r))


def cell_per_line(blocks: list[Block]) -> Rendering:
    return _render(blocks, "每格一行", _cells_of_row)


def row_per_line(blocks: list[Block]) -> Rendering:
    return _render(blocks, "每行一行", _row_line)


RENDERINGS = (cell_per_line, row_per_line)
