"""Text going into files other programs open: no formulas, no characters XML cannot hold.

A cell text starting with = + - @ (or a tab / carriage return before one) is read as a formula by
spreadsheet programs, which turns an imported document into code that runs on the reader's machine.
"""

from __future__ import annotations

import re

from openpyxl.cell.cell import Cell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# XML 1.0 has no place for C0 controls other than tab, newline and carriage return
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def safe_cell(text: str) -> str:
    """For CSV, which has no cell types: a formula-looking text gets a leading ' (shown as text)."""
    return "'" + text if text[:1] in FORMULA_STARTS else text


def set_text(cell: Cell, text: str) -> None:
    """Put text in a worksheet cell as a string, never a formula; the text itself stays unchanged."""
    cell.value = xml_text(text)
    cell.data_type = "s"
