"""An office file's content (Word, Excel, HTML, PDF) as paragraphs and tables.

Each format module turns its file into :class:`Paragraph` and :class:`Table` blocks. A table is a
full grid: a position covered by a merged cell is ``merged`` ("no cell here, the cell to the left /
above spans it"), which is not the same as an empty cell. Every block knows its
:class:`~jixiao.model.source.Origin` (table or sheet, row, column) so that locations can point into
the original file.
"""

from __future__ import annotations

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
