"""Text going into files other programs open: no formulas, no characters XML cannot hold.

A cell text starting with = + - @ (or a tab / carriage return before one) is read as a formula by
spreadsheet programs, which turns an imported document into code that runs on the reader's machine.
Worksheets get such text as a typed string (:func:`set_text`): Excel, LibreOffice and openpyxl show
and read it exactly as written and never evaluate it. Only CSV, which has no cell types, needs the
leading ' of :func:`safe_cell` — in a worksheet that ' would show as part of the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a CSV needs no spreadsheet library loaded
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# XML 1.0 has no place for C0 controls other than tab, newline and carriage return
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


# A value as targets write it: a comparator alone (=), or a sign or comparator, a number and a unit
# (=100%, -5%, =3500米, =100.00(%)). No letters, references, pipes or further operators: nothing
# a spreadsheet could run, and the = is data (the comparator column of a target).
_PLAIN_VALUE = re.compile(r"[=+\-]?[=<>]?|[=+\-][=<>]?\s*\d[\d.,]*\s*[^A-Za-z|!=+\-@\t\r]{0,12}")


def safe_cell(text: str) -> str:
    """For CSV, which has no cell types: a formula-looking text gets a leading ' (shown as text);
    a plain value (=100%, -5%) stays as written."""
    if text[:1] in FORMULA_STARTS and not _PLAIN_VALUE.fullmatch(text):
        return "'" + text
    return text


def set_text(cell: Cell, text: str) -> None:
    """Put text in a worksheet cell as a string, never a formula; the text itself stays unchanged."""
    cell.value = xml_text(text)
    cell.data_type = "s"  # openpyxl would otherwise store a text starting with = as a formula
    if cell.value[:1] in FORMULA_STARTS:
        cell.quotePrefix = True  # so it stays text when someone edits the cell in a spreadsheet program


def append_row(ws: Worksheet, values: Sequence[object]) -> None:
    """``ws.append``, with every text put in by :func:`set_text`."""
    ws.append([None if isinstance(v, str) else v for v in values])
    row = ws.max_row
    for column, value in enumerate(values, 1):
        if isinstance(value, str):
            set_text(ws.cell(row, column), value)
