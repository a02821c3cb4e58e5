"""Format-neutral description of an official document: parts of headings, paragraphs and tables.

A table is a grid of cells; a cell may span rows and columns (merged category cells). The xlsx,
docx and pdf renderers draw the same description, so the three outputs cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple


class Style(StrEnum):
    HEAD = "head"  # column header: bold, centred, shaded
    LABEL = "label"  # a row label in a form-like table (项目名称, 绩效目标): bold
    BODY = "body"  # ordinary text, wrapped
    CATEGORY = "category"  # merged 一级/二级指标 cells: centred vertically


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell placed at (row, col) of its table. ``value`` is text, or money as an exact Decimal."""

    row: int
    col: int
    value: str | Decimal
    rowspan: int = 1
    colspan: int = 1
    style: Style = Style.BODY

    @property
    def text(self) -> str:
        return money_text(self.value) if isinstance(self.value, Decimal) else self.value


def money_text(value: Decimal) -> str:
    """Money shown with two decimals, more only when the amount has more (nothing is rounded away)."""
    exponent = value.as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    return f"{value:.{places}f}"


class Label(NamedTuple):
    """A row label inside a form-like table (项目名称, 绩效目标), drawn bold."""

    value: str
    span: int = 1


@dataclass(slots=True)
class Table:
    title: str  # heading above the table, e.g. 1.汽车保险费绩效目标表
    sheet: str  # short name for a worksheet
    widths: tuple[float, ...]  # column widths in characters
    note_left: str = ""  # the line between title and table: org line …
    note_right: str = ""  # … and 单位：万元
    header_rows: int = 0  # top rows repeated on every page and frozen in a worksheet
    landscape: bool = False
    cells: list[Cell] = field(default_factory=list)
    rows: int = 0
    # a header standing below the form's top part, repeated on every page after it: the first of
    # its rows (001's 核心职能 / 一级指标 … 指标值 rows under 部门名称, 职能 and 目标); None: the
    # header_rows at the top are the repeated ones
    head_start: int | None = None
    head_rows: int = 0

    @property
    def cols(self) -> int:
        return len(self.widths)

    @property
    def repeated_rows(self) -> range:
        """The rows to repeat at the top of each page: the head below the top part, or the top
        header rows (in a worksheet: its print titles; in Word: its repeated header rows)."""
        if self.head_start is not None:
            return range(self.head_start, self.head_start + self.head_rows)
        return range(self.header_rows)

    def mark_head(self, start: int, rows: int) -> None:
        """Rows ``start`` … ``start + rows - 1`` are the header of the rows below them."""
        self.head_start, self.head_rows = start, rows

    def add_row(self, *cells: Label | tuple[str | Decimal, int] | str | Decimal | None, style: Style = Style.BODY) -> int:
        """Append a row. Each item is a value (one column), ``(value, colspan)``, a :class:`Label`, or
        ``None`` for a column covered by a cell merged down from above. Returns the row index."""
        row, col = self.rows, 0
        for item in cells:
            if item is None:
                col += 1
                continue
            value, span = item if isinstance(item, tuple) else (item, 1)
            kind = Style.LABEL if isinstance(item, Label) else style
            self.cells.append(Cell(row, col, value, 1, span, kind))
            col += span
        if col != self.cols:
            raise ValueError(f"row {row} of {self.title!r} covers {col} of {self.cols} columns")
        self.rows += 1
        return row

    def merge_down(self, row: int, col: int, rowspan: int, style: Style | None = None) -> None:
        """Let the cell at (row, col) span ``rowspan`` rows (the rows below left it empty)."""
        for index, cell in enumerate(self.cells):
            if cell.row == row and cell.col == col:
                self.cells[index] = Cell(row, col, cell.value, rowspan, cell.colspan, style or cell.style)
                return
        raise ValueError(f"no cell at ({row}, {col}) of {self.title!r}")


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str


Block = Heading | Paragraph | Table


@dataclass(slots=True)
class Part:
    """One document of the input: 第一部分 部门整体绩效目标, 第二部分 项目支出绩效目标表 …"""

    heading: str
    blocks: list[Block] = field(default_factory=list)

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


@dataclass(slots=True)
class Book:
    title: str
    organisation: str = ""
    year: int | None = None
    parts: list[Part] = field(default_factory=list)

    def tables(self) -> list[Table]:
        return [t for p in self.parts for t in p.tables()]

    def all_text(self) -> str:
        """Every character the book shows (the PDF font is cut down to these)."""
        chunks = [self.title, self.organisation, str(self.year or "")]
        for part in self.parts:
            chunks.append(part.heading)
            for block in part.blocks:
                if isinstance(block, Table):
                    chunks += [block.title, block.note_left, block.note_right, *(c.text for c in block.cells)]
                else:
                    chunks.append(block.text)
        return "".join(chunks)
