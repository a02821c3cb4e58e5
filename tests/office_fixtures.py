"""Word and Excel files of a seed's layout, built from the seed's text grid (python-docx, openpyxl).

The seeds are text extracted from Word and Excel; these builders go the other way, as an office
clerk's file would be: a row shorter than the table is one cell spanning the rest (``gridSpan`` /
merged range), an empty first cell under a filled one is a vertically merged category cell, and in
Excel amounts and percentages are numbers with a number format, not text.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import docx
import openpyxl
from openpyxl.utils import get_column_letter

from jixiao.read.grid import cell_blocks, clean, split_lines

SAMPLES = Path(__file__).parents[1] / "src" / "jixiao" / "samples"
_BOOKMARK = re.compile(r"^\s*(?:\[bookmark:[^\]]*\]\s*)+")
_AMOUNT = re.compile(r"^\d+\.\d{2}$")
_PERCENT = re.compile(r"^\d+%$")


def seed_text(prefix: str) -> str:
    return next(SAMPLES.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@dataclass
class Part:
    """Paragraphs followed by a table (rows of cell texts; the table may be empty)."""

    paragraphs: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def cell_per_line_parts(text: str) -> list[Part]:
    """Seeds 000, 002, 004: a block of TAB-led cells is a row; free lines start a new part."""
    parts: list[Part] = []
    for block in cell_blocks(split_lines(text)):
        if block.free or not parts:
            parts.append(Part([_BOOKMARK.sub("", c.text) for c in block.free if c.text]))
        if block.cells:
            parts[-1].rows.append([c.raw.strip("\n") for c in block.cells])
    return parts


def row_per_line_parts(text: str) -> list[Part]:
    """Seeds 001, 003: lines before the first TAB line are paragraphs, the rest is one table."""
    part = Part()
    for line in split_lines(text):
        if "\t" in line or part.rows:
            if line.strip():
                part.rows.append(line.split("\t"))
        elif clean(line):
            part.paragraphs.append(clean(line))
    return [part]


def _vertical(rows: list[list[str]], r: int) -> bool:
    """Is the first cell of row ``r`` the continuation of a category cell above it?"""
    return r > 0 and len(rows[r]) > 1 and len(rows[r - 1]) > 1 and not clean(rows[r][0])


def to_docx(parts: list[Part]) -> bytes:
    document = docx.Document()
    for part in parts:
        for paragraph in part.paragraphs:
            document.add_paragraph(paragraph)
        if not part.rows:
            continue
        table = document.add_table(rows=len(part.rows), cols=part.width)
        table.style = "Table Grid"  # ruled, as official tables are
        for r, row in enumerate(part.rows):
            cells = table.rows[r].cells
            for c, text in enumerate(row):
                cells[c].text = text
            if len(row) < part.width:
                cells[len(row) - 1].merge(cells[part.width - 1])
        for r in range(len(part.rows)):  # after the horizontal merges: grid positions are settled
            if _vertical(part.rows, r):
                table.cell(r - 1, 0).merge(table.cell(r, 0))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _put(sheet, row: int, column: int, text: str) -> None:
    cell = sheet.cell(row, column)
    value = clean(text)
    if _AMOUNT.match(value):
        cell.value, cell.number_format = float(value), "0.00"
    elif _PERCENT.match(value):
        cell.value, cell.number_format = int(value[:-1]) / 100, "0%"
    elif value:
        cell.value = text.strip(" \t")


def to_xlsx(parts: list[Part], one_sheet: bool = False) -> bytes:
    """One sheet per table (its last paragraph as the title row), other paragraphs on text sheets;
    or, ``one_sheet``, everything on one sheet with an empty row between text and tables."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    single = book.create_sheet("绩效文本") if one_sheet else None
    top = 1
    for number, part in enumerate(parts, 1):
        paragraphs, title = part.paragraphs, []
        if part.rows and paragraphs:
            paragraphs, title = paragraphs[:-1], paragraphs[-1:]
        if paragraphs:
            sheet = single or book.create_sheet(f"说明{number}")
            top = top if single else 1
            for paragraph in paragraphs:
                sheet.cell(top, 1, paragraph)
                top += 1
            top += 1
        if part.rows:
            sheet = single or book.create_sheet(f"表{number}")
            top = _table_rows(sheet, top if single else 1, title, part) + 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _table_rows(sheet, top: int, title: list[str], part: Part) -> int:
    """Write a titled table from row ``top``; the next free row."""
    if title:
        sheet.cell(top, 1, title[0])
        sheet.merge_cells(start_row=top, start_column=1, end_row=top, end_column=part.width)
        top += 1
    open_from: int | None = None  # first row of the vertical merge running in column A
    for r, row in enumerate(part.rows):
        for c, text in enumerate(row, 1):
            _put(sheet, top + r, c, text)
        if 0 < len(row) < part.width:
            sheet.merge_cells(start_row=top + r, start_column=len(row), end_row=top + r, end_column=part.width)
        if _vertical(part.rows, r):
            open_from = top + r - 1 if open_from is None else open_from
        elif open_from is not None:
            sheet.merge_cells(start_row=open_from, start_column=1, end_row=top + r - 1, end_column=1)
            open_from = None
    end = top + len(part.rows)
    if open_from is not None:
        sheet.merge_cells(start_row=open_from, start_column=1, end_row=end - 1, end_column=1)
    for c in range(1, part.width + 1):
        sheet.column_dimensions[get_column_letter(c)].width = 18
    return end


# The ways web pages indent a cell's text by ``n`` characters: (attributes of the cell, its content).
INDENTS = {
    "nbsp": lambda n, body: ("", "&nbsp;" * 2 * n + body),
    "full-width": lambda n, body: ("", "\u3000" * n + body),
    "td-padding-left": lambda n, body: (f' style="border:1px solid; padding-left:{n}em"', body),
    "p-text-indent": lambda n, body: ("", f'<p style="margin:0;text-indent:{16 * n}px">{body}</p>'),
    "p-margin-left": lambda n, body: ("", f'<p style="margin-left:{12 * n}pt">{body}</p>'),
    "pre": lambda n, body: ("", f"<pre>{'  ' * n}{body}</pre>"),
    "white-space-pre": lambda n, body: (' style="white-space:pre"', "\t" * n + body),
}


def to_html(parts: list[Part], indent: str = "") -> bytes:
    """A page as government sites publish tables: GB2312 declared, ``colspan`` for short rows,
    ``rowspan`` for the category cells, ``<br>`` inside cells; a cell's leading spaces written
    the ``INDENTS`` way named by ``indent`` (or dropped)."""
    out = ['<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
           "<title>绩效目标</title><style>td {border: 1px solid}</style></head><body>"]
    for part in parts:
        out += [f"<p>{html.escape(p)}</p>" for p in part.paragraphs]
        if not part.rows:
            continue
        out.append("<table>")
        spans = {r: 1 for r in range(len(part.rows))}
        anchor = 0
        for r in range(len(part.rows)):
            if _vertical(part.rows, r):
                spans[anchor] += 1
                spans[r] = 0
            else:
                anchor = r
        for r, row in enumerate(part.rows):
            cells = []
            for c, text in enumerate(row):
                if c == 0 and not spans[r]:
                    continue
                attrs = f' rowspan="{spans[r]}"' if c == 0 and spans[r] > 1 else ""
                if c == len(row) - 1 and len(row) < part.width:
                    attrs += f' colspan="{part.width - c}"'
                body = "<br>".join(html.escape(line.strip()) for line in text.split("\n"))
                depth = len(text) - len(text.lstrip(" \u3000"))
                if indent and depth and body:
                    extra, body = INDENTS[indent](depth, body)
                    attrs += extra
                cells.append(f"<td{attrs}>{body}</td>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out).encode("gb18030")
