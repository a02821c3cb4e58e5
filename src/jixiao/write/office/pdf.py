"""The official layouts as a PDF, from the same description as the Word and Excel files: a title
page, one part per document, every table with merged category cells, header rows repeated on each
page, wide tables on landscape pages, page numbers at the foot."""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib import textsplit
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, LayoutError, NextPageTemplate, PageBreak, PageTemplate, Spacer
from reportlab.platypus import Paragraph as Para
from reportlab.platypus import Table as PdfTable
from reportlab.platypus.tableofcontents import TableOfContents
from reportlab.platypus import TableStyle, paragraph

from jixiao.write.layouts import Book, Cell, Heading, Paragraph, Style, Table
from jixiao.write.office import ExportError
from jixiao.write.office.fonts import register_fonts
from jixiao.write.safe import xml_text

# Characters a line must not start with: reportlab's CJK wrap keeps such a character on the line
# before, hanging past the wrap width (see _Styles), but its list lacks the full-width comma,
# semicolon, colon, ! and ?, closing quotes and 》, so lines of 003 and 004 began with ，or ；.
# Added to reportlab's own list (read where it wraps a line), for the whole process.
NO_LINE_START = "，；：！？”’》〉%"
textsplit.ALL_CANNOT_START += "".join(ch for ch in NO_LINE_START if ch not in textsplit.ALL_CANNOT_START)
paragraph.ALL_CANNOT_START = textsplit.ALL_CANNOT_START

MARGIN = 1.8 * cm
HEAD_SHADE = colors.HexColor("#E7E6E6")
WIDE_COLUMNS = 12
PADDING = 3  # inside every table cell


class _Styles:
    def __init__(self, regular: str, bold: str, size: float = 9) -> None:
        # rightIndent: reportlab lets a closing 。，） that does not fit hang one character past the
        # wrap width; kept inside the cell, it is drawn inside the rule and read back with the cell
        base = dict(fontName=regular, fontSize=size, leading=size * 1.33, wordWrap="CJK", rightIndent=size)
        self.body = ParagraphStyle("body", **base)
        self.money = ParagraphStyle("money", **{**base, "rightIndent": 0}, alignment=TA_RIGHT)
        self.centre = ParagraphStyle("centre", **base, alignment=TA_CENTER)
        self.bold = ParagraphStyle("bold", **{**base, "fontName": bold}, alignment=TA_CENTER)
        self.text = ParagraphStyle("text", **{**base, "fontSize": 10.5, "leading": 16}, spaceAfter=4)
        self.note = ParagraphStyle("note", **base)
        self.note_right = ParagraphStyle("note_right", **base, alignment=TA_RIGHT)
        self.h1 = ParagraphStyle("h1", fontName=bold, fontSize=16, leading=22, spaceAfter=10, wordWrap="CJK")
        self.h2 = ParagraphStyle("h2", fontName=bold, fontSize=12.5, leading=18, spaceBefore=8, spaceAfter=4, wordWrap="CJK")
        self.h3 = ParagraphStyle("h3", fontName=bold, fontSize=10.5, leading=16, spaceBefore=4, wordWrap="CJK")
        self.cover = ParagraphStyle("cover", fontName=bold, fontSize=24, leading=36, alignment=TA_CENTER, wordWrap="CJK")

        # the same without rightIndent, for a text with nothing to hang (100%, 75%以下 in 000's
        # narrow 优/良/中/差 columns broke in two, squeezed by the indent)
        self.tight = {s.name: ParagraphStyle(f"{s.name}_tight", parent=s, rightIndent=0) for s in (self.body, self.centre, self.bold)}

    def cell(self, cell: Cell, width: float) -> ParagraphStyle:
        """The style of ``cell``, ``width`` wide."""
        if cell.style in (Style.HEAD, Style.LABEL):
            style = self.bold
        elif cell.style is Style.CATEGORY:
            style = self.centre
        else:
            style = self.money if isinstance(cell.value, Decimal) else self.body
        return style if style.rightIndent and _may_hang(cell.text, style, width - 2 * PADDING) else self.tight.get(style.name, style)


def _may_hang(text: str, style: ParagraphStyle, width: float) -> bool:
    """May a character of ``text`` hang past the wrap width: one that cannot start a line, in a
    text that wraps (a text on one line that fits hangs nothing)."""
    return any(ch in textsplit.ALL_CANNOT_START for ch in text) and (
        "\n" in text or stringWidth(text, style.fontName, style.fontSize) > width)


def _para(text: str, style: ParagraphStyle) -> Para:
    # leading full-width spaces (an activity under its duty) as character references: reportlab
    # drops leading whitespace but draws these, so the indentation shows and can be read back
    body = escape(xml_text(text))
    indent = len(body) - len(body.lstrip("\u3000"))
    return Para(("&#x3000;" * indent + body[indent:]).replace("\n", "<br/>"), style)


def _footer(regular: str):
    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(regular, 9)
        # the page's own width: doc.pagesize is the portrait A4 of the document, also on landscape pages
        canvas.drawCentredString(canvas._pagesize[0] / 2, MARGIN / 2, f"第 {doc.page} 页")
        canvas.restoreState()

    return draw


def _rules(rows: int, continuations: set[int]) -> list[tuple]:
    """A grid's rules, but none above a continuation row (see ``_continued``)."""
    commands = [("BOX", (0, 0), (-1, -1), 0.5, colors.black), ("LINEAFTER", (0, 0), (-1, -1), 0.5, colors.black)]
    start = 0
    for row in sorted(continuations) + [rows + 1]:
        if start <= row - 2:
            commands.append(("LINEBELOW", (0, start), (-1, row - 2), 0.5, colors.black))
        start = row
    return commands


def _grid(table: Table, cells: list[Cell], widths: list[float], st: _Styles, rowspans: bool, split_rows: bool,
          continuations: set[int], heights: list[float | None] | None = None) -> PdfTable:
    """The reportlab table; ``heights``: row heights already known (None: to be measured)."""
    grid: list[list] = [[""] * table.cols for _ in range(table.rows)]
    commands = _rules(table.rows, continuations) + [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PADDING),
    ]
    for c in cells:
        grid[c.row][c.col] = _para(c.text, st.cell(c, sum(widths[c.col : c.col + c.colspan])))
        if not rowspans:
            c = replace(c, rowspan=1)
        last = (c.col + c.colspan - 1, c.row + c.rowspan - 1)
        if c.rowspan > 1 or c.colspan > 1:
            commands.append(("SPAN", (c.col, c.row), last))
        if c.style is Style.HEAD:
            commands.append(("BACKGROUND", (c.col, c.row), last, HEAD_SHADE))
    pdf_table = PdfTable(grid, colWidths=widths, rowHeights=heights, repeatRows=_top(table), hAlign="CENTER",
                         splitInRow=int(split_rows))
    pdf_table.setStyle(TableStyle(commands))
    return pdf_table


def _top(table: Table) -> int:
    """How many rows at the top of ``table`` are a header repeated on each page."""
    repeated = table.repeated_rows
    return len(repeated) if repeated.start == 0 else 0


def _text_height(text: str, style: ParagraphStyle, width: float) -> float:
    return _para(text, style).wrap(width - 2 * PADDING, 1e9)[1] + 2 * PADDING


def _pieces(text: str, style: ParagraphStyle, width: float, height: float) -> list[str]:
    """``text`` cut into pieces that each fill at most ``height`` in a cell ``width`` wide, cut
    where a line wraps (never inside a Latin word), so the pieces drawn one under another read
    as the text wrapped in one cell."""
    lines = max(1, int((height - 2 * PADDING) // style.leading))
    most = lines * int(width / (style.fontSize * 0.25) + 1)  # no character is narrower than 1/4 em
    pieces = []
    while text:
        if len(text) <= most and _text_height(text, style, width) <= height:
            pieces.append(text)
            break
        low, high = 1, min(len(text), most)  # the longest head that fits: a binary search
        while low < high:
            middle = (low + high + 1) // 2
            if _text_height(text[:middle], style, width) <= height:
                low = middle
            else:
                high = middle - 1
        cut = low
        while 0 < cut - 1 and low - cut < 30 and text[cut - 1 : cut + 1].isascii() and text[cut - 1 : cut + 1].isalnum():
            cut -= 1
        cut = cut if cut > 1 else low
        pieces.append(text[:cut])
        text = text[cut:].lstrip("\n")
    return pieces


def _continued(table: Table, widths: list[float], st: _Styles, limit: float) -> tuple[Table, set[int]]:
    """``table`` with a row whose text is taller than ``limit`` (what a page holds below the
    header) drawn as that row and continuation rows below it, each holding the next piece of
    the long text, with no rule between them: the row as it would look wrapped and broken over
    pages, but every row one a page can hold. reportlab can only break a tall row by splitting
    its cells (splitInRow), which next to merged cells took gigabytes of memory and crashed.
    Also returns the continuation rows' indexes."""
    pieces: dict[Cell, list[str]] = {}
    for c in table.cells:
        if c.row >= _top(table) and isinstance(c.value, str) and len(c.value) > 100:
            width = sum(widths[c.col : c.col + c.colspan])
            if _text_height(c.value, st.cell(c, width), width) > limit:
                pieces[c] = _pieces(c.value, st.cell(c, width), width, limit)
    extra: dict[int, int] = {}  # row → continuation rows it gets (a merged cell's go below its last row)
    for c, texts in pieces.items():
        last = c.row + c.rowspan - 1
        extra[last] = max(extra.get(last, 0), len(texts) - 1)
    if not extra:
        return table, set()

    def moved(row: int) -> int:
        return row + sum(n for r, n in extra.items() if r < row)

    cells: list[Cell] = []
    for c in table.cells:
        last = c.row + c.rowspan - 1
        if c.rowspan > 1 and c in pieces:
            # a merged cell (000's 绩效目标 over its indicators): the first piece in its own rows,
            # the rest in the continuation rows below them; without this one page-tall merged
            # cell left reportlab no row to break at and the layout never ended
            inside = sum(n for r, n in extra.items() if c.row <= r < last)
            cells.append(replace(c, row=moved(c.row), rowspan=c.rowspan + inside, value=pieces[c][0]))
            cells += [replace(c, row=moved(last) + k, rowspan=1, value=pieces[c][k] if k < len(pieces[c]) else "")
                      for k in range(1, extra[last] + 1)]  # fmt: skip
            continue
        covered = sum(n for r, n in extra.items() if c.row <= r < c.row + c.rowspan)
        if c.rowspan > 1 or c.row not in extra:
            cells.append(replace(c, row=moved(c.row), rowspan=c.rowspan + covered))
            continue
        texts = pieces.get(c, [c.value])
        for k in range(extra[c.row] + 1):
            value = texts[k] if k < len(texts) else ""
            cells.append(replace(c, row=moved(c.row) + k, value=value if k == 0 or c in pieces else ""))
    start = None if table.head_start is None else moved(table.head_start)
    again = replace(table, cells=cells, rows=table.rows + sum(extra.values()), head_start=start)
    return again, {moved(r) + k for r, n in extra.items() for k in range(1, n + 1)}


def _row_heights(table: Table, widths: list[float], st: _Styles, page_height: float, continuations: set[int]) -> list[float]:
    """Row heights as drawn, merged-down cells counted in their first row only."""
    measure = _grid(table, table.cells, widths, st, rowspans=False, split_rows=False, continuations=continuations)
    measure.wrap(sum(widths), page_height)
    return list(measure._rowHeights)


class _FormTable(Flowable):
    """A jixiao table drawn by reportlab that breaks over a page as a printed form does: at the
    last row boundary that fits, also inside a merged cell, which is then drawn in two pieces, its
    label repeated at the top of the next page below the repeated header rows. reportlab itself
    cannot break a table inside a merged cell; cutting merged cells beforehand (at half a page)
    drew a label twice on one page where no page broke. An amount is not repeated: the piece on
    the next page is left empty, so that a page's amounts add up to no more than its rows. A
    piece beside a continuation row (see ``_continued``) is left empty too: the row goes on
    there, and a reader takes a row with its key cells empty for the rest of one."""

    def __init__(self, table: Table, widths: list[float], st: _Styles, continuations: set[int], split_rows: bool,
                 heights: list[float | None] | None = None) -> None:
        super().__init__()
        self.table, self.widths, self.st = table, widths, st
        self.continuations, self.split_rows = continuations, split_rows
        self.pdf = _grid(table, table.cells, widths, st, rowspans=True, split_rows=split_rows, continuations=continuations,
                         heights=heights)
        self.hAlign = "CENTER"
        self.spaceAfter = 10  # before what follows on the page; a Spacer went onto a page of its own (002's last)

    def wrap(self, availWidth, availHeight):
        self.width, self.height = self.pdf.wrap(availWidth, availHeight)
        return self.width, self.height

    def drawOn(self, canvas, x, y, _sW=0) -> None:
        self.pdf.drawOn(canvas, x, y, _sW)

    def start_height(self, page_height: float) -> float:
        """The height of the header and the first rows (after a wrap): three, or fewer when they
        fill a quarter of ``page_height`` (004's rows of long texts)."""
        heights = self.pdf._rowHeights
        top = end = _top(self.table)
        while end < len(heights) and end < top + 3 and sum(heights[top:end]) < page_height / 4:
            end += 1
        return sum(heights[:end])

    def split(self, availWidth, availHeight):
        self.pdf.wrap(availWidth, availHeight)
        heights = list(self.pdf._rowHeights)
        heights += [None] * (self.table.rows - len(heights))  # reportlab measures a long table only as far as needed
        used, fit = 0.0, 0
        for height in heights:
            if height is None:
                break  # the rows that fit in what is left of the page
            if used + height > availHeight + 1e-6:
                break
            used, fit = used + height, fit + 1
        head = self.table.repeated_rows
        for cut in range(min(fit, self.table.rows - 1), _top(self.table), -1):
            if head.start < cut <= head.stop and head.start > 0:
                continue  # not inside a header below the top part, nor right under it with no row of its own
            top, bottom = self._cut(cut, heights)
            if top.wrap(availWidth, availHeight)[1] <= availHeight + 1e-6:  # a cut merged cell may need more room
                return [top, bottom]
        if self.split_rows:  # a row taller than a page: reportlab breaks it inside the row
            return self.pdf.split(availWidth, availHeight)
        return []

    def _cut(self, cut: int, heights: list[float | None]) -> tuple[_FormTable, _FormTable]:
        """The rows above ``cut``, and the header with the rows from ``cut`` on. The rows keep
        their ``heights`` (measuring every row again at each page took minutes for a cell of
        many pages), but those of a cut merged cell that needs more room than they have left are
        measured again."""
        table, repeated = self.table, self.table.repeated_rows
        # the header goes on the next page when the cut is below it (001's stands below the form's top)
        copied = repeated if repeated and cut >= repeated.stop else range(0)
        head = len(copied)
        above: list[Cell] = []
        below: list[Cell] = [replace(c, row=c.row - copied.start) for c in table.cells
                             if c.row in copied and c.row + c.rowspan <= copied.stop]
        heights_above, heights_below = heights[:cut], heights[copied.start : copied.stop] + heights[cut:]
        for c in table.cells:
            if c.row + c.rowspan <= cut:
                above.append(c)
            elif c.row >= cut:
                below.append(replace(c, row=c.row - cut + head))
            else:  # a merged cell the page break cuts
                above.append(replace(c, rowspan=cut - c.row))
                empty = cut in self.continuations or isinstance(c.value, Decimal)
                below.append(replace(c, row=head, rowspan=c.row + c.rowspan - cut, value="" if empty else c.value))
                width = sum(self.widths[c.col : c.col + c.colspan])
                need = _text_height(c.text, self.st.cell(c, width), width)
                for start, end, rows in ((c.row, cut, heights_above), (head, head + c.row + c.rowspan - cut, heights_below)):
                    if (start == head and empty) or None in rows[start:end]:
                        continue
                    if sum(rows[start:end]) < need:
                        rows[start:end] = [None] * (end - start)
        pieces = (
            (replace(table, cells=above, rows=cut), {r for r in self.continuations if r < cut}, heights_above),
            (replace(table, cells=below, rows=table.rows - cut + head, header_rows=head,
                     head_start=None if head or table.head_start is None else table.head_start - cut,
                     head_rows=0 if head else table.head_rows),
             {r - cut + head for r in self.continuations if r > cut}, heights_below),
        )
        return tuple(_FormTable(t, self.widths, self.st, rows, self.split_rows, h) for t, rows, h in pieces)


class _Titled(KeepTogether):
    """A table with its title and notes. A table shorter than a page is kept on one page with
    them (started on the next page when it does not fit in what is left); a taller one is broken,
    but its title stays with the header and first rows."""

    def __init__(self, flowables: list, table: _FormTable, page_height: float) -> None:
        super().__init__(flowables)
        self.form, self.page_height = table, page_height

    def wrap(self, aW, aH):
        size = super().wrap(aW, aH)
        if self._H > self.page_height:
            self._H += self.form.start_height(self.page_height) - self.form.height
        return size


def _table(table: Table, width: float, page_height: float, st: _Styles) -> list:
    total = sum(table.widths)
    widths = [width * w / total for w in table.widths]
    heights = _row_heights(table, widths, st, page_height, set())
    # room for a row on a page below the title and header
    room = page_height - sum(heights[r] for r in table.repeated_rows) - 60
    table, continuations = _continued(table, widths, st, room * 0.9)
    if continuations:
        heights = _row_heights(table, widths, st, page_height, continuations)
    # a row still taller than that (a merged cell of long texts) is broken across pages by
    # reportlab; other rows move whole to the next page, which reads better
    form = _FormTable(table, widths, st, continuations, split_rows=max(heights, default=0) > room)
    flow: list = [_para(table.title, st.h2)]
    if table.note_left or table.note_right:
        notes = PdfTable(
            [[_para(table.note_left, st.note), _para(table.note_right, st.note_right)]],
            colWidths=[width * 0.75, width * 0.25],
            splitInRow=1,
        )
        notes.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        flow.append(notes)
    return [_Titled(flow + [form], form, page_height)]


class _BookTemplate(BaseDocTemplate):
    """Reports part and table headings to the contents page as they are placed on their pages."""

    def afterFlowable(self, flowable) -> None:
        if isinstance(flowable, Para) and flowable.style.name in ("h1", "h2"):
            level = 0 if flowable.style.name == "h1" else 1
            self.notify("TOCEntry", (level, escape(flowable.getPlainText()), self.page))


def _contents(st: _Styles) -> TableOfContents:
    toc = TableOfContents(dotsMinLevel=0)
    toc.levelStyles = [
        ParagraphStyle("toc1", parent=st.bold, alignment=0, fontSize=10.5, leading=16),
        ParagraphStyle("toc2", parent=st.body, fontSize=9, leading=13, leftIndent=18),
    ]
    return toc


def book_pdf(book: Book) -> bytes:
    regular, bold = register_fonts(book.all_text())
    st = _Styles(regular, bold)
    small = _Styles(regular, bold, size=7.5)  # for tables of many columns (004's sixteen)
    out = io.BytesIO()
    doc = _BookTemplate(
        out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
        title=book.title, author=book.organisation,
    )
    footer = _footer(regular)
    templates = []
    for name, size in (("portrait", A4), ("landscape", landscape(A4))):
        frame = Frame(MARGIN, MARGIN, size[0] - 2 * MARGIN, size[1] - 2 * MARGIN, id=name)
        templates.append(PageTemplate(id=name, frames=[frame], pagesize=size, onPage=footer))
    doc.addPageTemplates(templates)
    story: list = [Spacer(1, 7 * cm)]
    for text in (book.organisation, f"{book.year}年度" if book.year else "", book.title):
        if text:
            story.append(_para(text, st.cover))
    story += [PageBreak(), _para("目  录", st.cover), Spacer(1, 12), _contents(st)]
    for part in book.parts:
        wide = any(t.landscape for t in part.tables())
        story += [NextPageTemplate("landscape" if wide else "portrait"), PageBreak()]
        size = landscape(A4) if wide else A4
        width, height = size[0] - 2 * MARGIN, size[1] - 2 * MARGIN
        story.append(_para(part.heading, st.h1))
        for block in part.blocks:
            if isinstance(block, Table):
                story += _table(block, width, height, small if block.cols >= WIDE_COLUMNS else st)
            elif isinstance(block, Heading):
                story.append(_para(block.text, st.h2 if block.level <= 2 else st.h3))
            elif isinstance(block, Paragraph):
                story.append(_para(block.text, st.text))
    try:
        doc.multiBuild(story)  # a second pass puts the page numbers into the contents
    except LayoutError as exc:  # a cell taller than a page even when its row is broken
        raise ExportError(
            "有一个单元格的内容太长，一页 PDF 放不下，无法排版。请缩短该单元格的文字，或改为导出 Word / Excel。"
        ) from exc
    return out.getvalue()
