"""Where an element of a document came from: file, table, row, column and text line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Origin:
    """The place in a Word, Excel, HTML or PDF file that a line of its text form came from.

    ``part`` names the table as the user sees it (``第3个表格``, ``工作表“汽车保险费”``,
    ``第2页 第1个表格``, ``正文``); ``row`` and ``column`` count from 1 within it.
    """

    part: str
    row: int | None = None
    column: int | None = None

    def describe(self) -> str:
        parts = [self.part]
        if self.row is not None:
            parts.append(f"第{self.row}行")
        if self.column is not None:
            parts.append(f"第{self.column}列")
        return " ".join(parts)


@dataclass(slots=True, unsafe_hash=True)
class Source:
    """A place in an input file.

    ``table`` counts tables (or document parts) from 1, ``row`` and ``column`` count grid rows and
    cells from 1 within that table, ``line`` is the 1-based text line (or sheet row) where the
    element starts. Any of them may be unknown (``None``). For office files the text lines are
    an internal form, so ``origin`` says where in the original file the element stands.

    A value: never changed once made (make another with :func:`dataclasses.replace`), and hashed
    by its fields. It is not declared frozen because reading makes one for nearly every cell it
    keeps (about 600 for a book of 36 projects): a frozen dataclass can only set its fields
    through descriptor calls, which made its construction twice as costly (6.4 k instructions
    against 3 k) and a twentieth of all the work of reading a book.
    """

    file: str = ""
    table: int | None = None
    row: int | None = None
    column: int | None = None
    line: int | None = None
    origin: Origin | None = None

    def describe(self) -> str:
        """Human-readable location, e.g. ``seed.txt 第2表 第5行 第3列 (行号 88)``."""
        parts = [self.file] if self.file else []
        if self.table is not None:
            parts.append(f"第{self.table}表")
        if self.row is not None:
            parts.append(f"第{self.row}行")
        if self.column is not None:
            parts.append(f"第{self.column}列")
        if place := self.place():
            parts.append(f"({place})")
        return " ".join(parts)

    def place(self) -> str:
        """Where to look in the file as the user has it: the original's table/sheet, row and
        column for office files, the text line otherwise; empty when unknown."""
        if self.origin is not None:
            return f"原文件{self.origin.describe()}"
        return f"文本第{self.line}行" if self.line is not None else ""
