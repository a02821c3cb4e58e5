"""The official layouts as an Excel workbook: an index sheet, then one sheet per table (one per
project), with merged category cells, borders, widths, wrapping, a frozen header and A4 printing.
Money is written as numbers with two decimals, never as text."""

from __future__ import annotations

import io
import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.write.layouts import Book, Heading, Paragraph, Style, Table
from jixiao.write.office.measure import line_count
from jixiao.write.safe import set_text, xml_text

INDEX_SHEET = "目录"
LINE_HEIGHT = 17.0  # points per wrapped line at 10.5 pt (CJK fonts have tall line boxes)
TEXT_WIDTH = 80  # a text sheet's one column: wider does not fit A4 portrait in LibreOffice
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="E7E6E6")
_ALIGN = {
    Style.HEAD: Alignment(horizontal="center", vertical="center", wrap_text=True),
    Style.LABEL: Alignment(horizontal="center", vertical="center", wrap_text=True),
    Style.CATEGORY: Alignment(horizontal="center", vertical="center", wrap_text=True),
    Style.BODY: Alignment(vertical="center", wrap_text=True),
}
# Every cell of a table sheet is centred vertically, body text as the categories beside it: a
# spreadsheet's default puts text at the bottom of its cell.
_FONT = Font(name="宋体", size=10.5)
_BOLD = Font(name="宋体", size=10.5, bold=True)
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def number_format(value: Decimal) -> str:
    exponent = value.as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    return "0." + "0" * places


def _sheet_title(name: str, taken: set[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique regardless of case."""
    base = _SHEET_FORBIDDEN.sub("_", xml_text(name)).strip("'") or "表"
    title, n = base[:31], 2
    while title.lower() in taken:
        suffix = f"({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def _merged(ws: Worksheet, row: int, col: int, last_col: int, text: str, font: Font, align: Alignment) -> None:
    cell = ws.cell(row, col)
    set_text(cell, text)
    cell.font, cell.alignment = font, align
    if last_col > col:
        ws.merge_cells(start_row=row, start_column=col, end_row=row, end_column=last_col)


def _write_table(ws: Worksheet, table: Table) -> None:
    cols = table.cols
    for index, width in enumerate(table.widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    title_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
    _merged(ws, 1, 1, cols, table.title, Font(name="宋体", size=14, bold=True), title_align)
    # a 14 pt title takes about 1.4 times the room of body text
    ws.row_dimensions[1].height = 24 * line_count(table.title, sum(table.widths) / 1.4)
    top = 2
    if table.note_left or table.note_right:
        split = max(cols - 2, 1)
        _merged(ws, 2, 1, split, table.note_left, _FONT, Alignment(horizontal="left", vertical="center"))
        if cols > split:
            _merged(ws, 2, split + 1, cols, table.note_right, _FONT, Alignment(horizontal="right", vertical="center"))
        top = 3
    lines = [1] * table.rows
    for c in table.cells:
        r, col = top + c.row, 1 + c.col
        cell = ws.cell(r, col)
        if isinstance(c.value, Decimal):
            cell.value = c.value
            cell.number_format = number_format(c.value)
        else:
            set_text(cell, c.value)
        cell.font = _BOLD if c.style in (Style.HEAD, Style.LABEL) else _FONT
        cell.alignment = _ALIGN[c.style]
        if c.style is Style.HEAD:
            cell.fill = _HEAD_FILL
        if c.rowspan > 1 or c.colspan > 1:
            ws.merge_cells(start_row=r, start_column=col, end_row=r + c.rowspan - 1, end_column=col + c.colspan - 1)
        width = sum(table.widths[c.col : c.col + c.colspan])
        # Excel does not grow rows for wrapped text in merged cells: give each row room for its text
        needed = -(-line_count(c.text, width) // c.rowspan)
        for k in range(c.rowspan):
            lines[c.row + k] = max(lines[c.row + k], needed)
    for index in range(table.rows):
        ws.row_dimensions[top + index].height = LINE_HEIGHT * lines[index] + 3
        for col in range(1, cols + 1):
            ws.cell(top + index, col).border = _BORDER
    ws.freeze_panes = ws.cell(top + table.header_rows, 1)
    repeated = table.repeated_rows
    if repeated:  # a head below the top part (001) too: spreadsheets print titles from any rows
        ws.print_title_rows = f"{top + repeated.start}:{top + repeated.stop - 1}"
    _print_setup(ws, table.landscape)
    ws.print_area = f"A1:{get_column_letter(cols)}{top + table.rows - 1}"


def _print_setup(ws: Worksheet, landscape: bool) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def _write_texts(ws: Worksheet, heading: str, blocks: list[Heading | Paragraph]) -> None:
    ws.column_dimensions["A"].width = TEXT_WIDTH
    _merged(ws, 1, 1, 1, heading, Font(name="宋体", size=14, bold=True), Alignment(horizontal="center"))
    for row, block in enumerate(blocks, 2):
        bold = isinstance(block, Heading)
        _merged(ws, row, 1, 1, block.text, _BOLD if bold else _FONT, Alignment(wrap_text=True, vertical="top"))
        ws.row_dimensions[row].height = LINE_HEIGHT * line_count(block.text, TEXT_WIDTH) + 3
    _print_setup(ws, landscape=False)


def book_xlsx(book: Book) -> bytes:
    wb = Workbook()
    index = wb.active
    index.title = INDEX_SHEET
    taken = {INDEX_SHEET.lower()}
    set_text(index.cell(1, 1), book.title)
    index.cell(1, 1).font = Font(name="宋体", size=14, bold=True)
    set_text(index.cell(2, 1), " ".join(p for p in (book.organisation, f"{book.year}年" if book.year else "") if p))
    heads = ("序号", "部分", "表名", "工作表")
    for col, (head, width) in enumerate(zip(heads, (6, 30, 50, 30)), 1):
        index.column_dimensions[get_column_letter(col)].width = width
        set_text(index.cell(4, col), head)
        index.cell(4, col).font, index.cell(4, col).fill, index.cell(4, col).border = _BOLD, _HEAD_FILL, _BORDER
    row = 5
    for part in book.parts:
        texts = [b for b in part.blocks if isinstance(b, (Heading, Paragraph))]
        sheets: list[tuple[str, str]] = []
        if texts:
            title = _sheet_title(part.heading.split(" ", 1)[-1], taken)
            _write_texts(wb.create_sheet(title), part.heading, texts)
            sheets.append((part.heading, title))
        for table in part.tables():
            title = _sheet_title(table.sheet, taken)
            _write_table(wb.create_sheet(title), table)
            sheets.append((table.title, title))
        for name, title in sheets:
            values = (str(row - 4), part.heading, name, title)
            for col, value in enumerate(values, 1):
                set_text(index.cell(row, col), value)
                index.cell(row, col).border = _BORDER
            link = index.cell(row, 4)
            quoted = title.replace("'", "''")
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{quoted}'!A1")
            link.font = Font(color="0563C1", underline="single")
            row += 1
    index.freeze_panes = "A5"
    _print_setup(index, landscape=False)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
