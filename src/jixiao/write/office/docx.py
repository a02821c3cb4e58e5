"""The official layouts as a Word document, the department's 绩效文本 book: a title page, a
contents field, one part per document, one table per project with merged category cells, and page
numbers in the footer."""

from __future__ import annotations

import io
import math
from decimal import Decimal

from docx import Document as new_document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt
from docx.text.paragraph import Paragraph as WordParagraph

from jixiao.write.layouts import Book, Heading, Paragraph, Style, Table
from jixiao.write.office.measure import text_width
from jixiao.write.safe import xml_text

FONT = "宋体"
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Cm(21), Cm(29.7), Cm(2)
HEAD_SHADE = "E7E6E6"
TABLE_FONT_SIZE = Pt(9)  # 小五, as official tables are printed
# cell padding in twentieths of a point: text a little off the rules (Word's Table Grid has none
# above and below)
CELL_MARGINS = {"top": 40, "bottom": 40, "left": 100, "right": 100}
LINE = 9 * 1.35  # points a wrapped line of 9 pt table text takes
TOC_LEVELS = 2  # the contents list part headings and table titles (TOC \o "1-2")


def _east_asian(element, font: str = FONT) -> None:
    """Word picks the font of Chinese text from w:eastAsia, which python-docx does not set."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), font)


def _field_char(paragraph: WordParagraph, kind: str) -> None:
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(el)


def _field(paragraph: WordParagraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE …): Word and LibreOffice fill it in when the document is opened."""
    _field_char(paragraph, "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = instruction
    paragraph.add_run()._r.append(instr)
    _field_char(paragraph, "separate")
    paragraph.add_run(placeholder)
    _field_char(paragraph, "end")


def contents_entries(book: Book) -> list[tuple[str, int]]:
    """The headings the contents list, with their levels: what Word's TOC field would collect."""
    entries: list[tuple[str, int]] = []
    for part in book.parts:
        entries.append((part.heading, 1))
        for block in part.blocks:
            if isinstance(block, Table):
                entries.append((block.title, 2))
            elif isinstance(block, Heading) and block.level <= TOC_LEVELS:
                entries.append((block.text, block.level))
    return entries


def _contents(doc: WordDocument, book: Book) -> None:
    """The TOC field with its entries already in it, one paragraph each, so that the page is not
    empty where nothing updates fields (LibreOffice printing the file unopened). Page numbers are
    left to Word, which updates the field when the file is opened (w:updateFields)."""
    entries = contents_entries(book) or [("（打开文件后右键“更新域”生成目录）", 1)]
    for index, (text, level) in enumerate(entries):
        p = doc.add_paragraph()
        p.paragraph_format.left_indent = Pt(21 * (level - 1))
        p.paragraph_format.space_after = Pt(2)
        if index == 0:
            _field_char(p, "begin")
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f'TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u'
            p.add_run()._r.append(instr)
            _field_char(p, "separate")
        p.add_run(xml_text(text)).bold = level == 1
        if index == len(entries) - 1:
            _field_char(p, "end")


def _setup(doc: WordDocument) -> None:
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        style = doc.styles[name]
        style.font.name = FONT
        _east_asian(style.element)
        if name.startswith("Heading") or name == "Title":
            style.font.color.rgb = None
    doc.styles["Normal"].font.size = Pt(10.5)
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("第 ")
    _field(footer, "PAGE", "1")
    footer.add_run(" 页")
    # ask Word to refresh the contents and page fields on opening
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    doc.settings.element.append(update)


def _title_page(doc: WordDocument, book: Book) -> None:
    for _ in range(8):
        doc.add_paragraph()
    for text, size in ((book.organisation, 22), (f"{book.year}年度" if book.year else "", 18), (book.title, 26)):
        if text:
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(xml_text(text))
            run.bold, run.font.size = True, Pt(size)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    contents = doc.add_paragraph()
    contents.alignment = WD_ALIGN_PARAGRAPH.CENTER
    contents.add_run("目  录").bold = True
    _contents(doc, book)


def _orient(doc: WordDocument, landscape: bool) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long, short = PAGE_HEIGHT, PAGE_WIDTH
    section.page_width, section.page_height = (long, short) if landscape else (short, long)


def _shade(cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def word_tables(table: Table) -> list[tuple[int, int, int]]:
    """The Word tables one layout table is drawn as: (first row, end row, header rows). Word repeats
    only a table's top rows on each page, so a head below the form's top part (001's indicator
    header) starts a second table right under the first — unless a cell spans over the cut."""
    start = table.head_start
    if start and not any(c.row < start < c.row + c.rowspan for c in table.cells):
        return [(0, start, 0), (start, table.rows, table.head_rows)]
    return [(0, table.rows, len(table.repeated_rows) if not start else 0)]


def _joint(doc: WordDocument) -> None:
    """The paragraph Word needs between two tables (adjacent tables would become one): 1 pt high."""
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing, fmt.line_spacing_rule = Pt(1), WD_LINE_SPACING.EXACTLY
    fmt.keep_with_next = True


def row_heights(table: Table, widths: list[int]) -> list[float]:
    """Each row's height in points as Word wraps its 9 pt text, about: a cell merged down over
    several rows shares its lines among them."""
    lines = [1.0] * table.rows
    pad = (CELL_MARGINS["left"] + CELL_MARGINS["right"]) * 635  # twips → EMU
    half = Pt(TABLE_FONT_SIZE.pt / 2)  # a digit or Latin letter; a Chinese character takes two
    for c in table.cells:
        room = max((sum(widths[c.col : c.col + c.colspan]) - pad) / half, 1)
        needed = sum(max(1, math.ceil(text_width(line) / room)) for line in c.text.split("\n")) / c.rowspan
        for r in range(c.row, c.row + c.rowspan):
            lines[r] = max(lines[r], needed)
    margins = (CELL_MARGINS["top"] + CELL_MARGINS["bottom"]) / 20
    return [n * LINE + margins for n in lines]


def _table(doc: WordDocument, table: Table, width, height) -> None:
    # the title and the note line stay on the page of the table's first rows
    doc.add_heading(xml_text(table.title), level=2).paragraph_format.keep_with_next = True
    if table.note_left or table.note_right:
        note = doc.add_paragraph(xml_text(table.note_left))
        note.paragraph_format.keep_with_next = True
        if table.note_right:
            note.add_run("\t" + xml_text(table.note_right))
            note.paragraph_format.tab_stops.add_tab_stop(width, alignment=2)  # right-aligned tab
    total = sum(table.widths)
    widths = [int(width * w / total) for w in table.widths]
    # a row moves whole to the next page, unless it is taller than a page holds below the
    # repeated header: Word then breaks it
    heights = row_heights(table, widths)
    room = height - sum(heights[r] for r in table.repeated_rows)
    whole = [h < room for h in heights]
    for index, (first, end, header_rows) in enumerate(word_tables(table)):
        if index:
            _joint(doc)
        cells = [c for c in table.cells if first <= c.row < end]
        _grid(doc, table, cells, first, end - first, header_rows, widths, whole[first:end])


def _cell_margins(grid) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side, twips in CELL_MARGINS.items():
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(twips))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tblPr = grid._tbl.tblPr
    look = tblPr.find(qn("w:tblLook"))  # the schema puts tblCellMar before tblLook
    if look is None:
        tblPr.append(margins)
    else:
        look.addprevious(margins)


def _grid(doc: WordDocument, table: Table, layout_cells: list, first: int, rows: int, header_rows: int,
          widths: list[int], whole: list[bool]) -> None:
    grid = doc.add_table(rows=rows, cols=table.cols)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    _cell_margins(grid)
    for row, keep in zip(grid.rows, whole):
        if keep:
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    # grid.cell() walks the whole table on every call: take the cells once, before any merge
    flat = grid._cells
    cells = [flat[r * table.cols : (r + 1) * table.cols] for r in range(rows)]
    for col, column in enumerate(grid.columns):
        column.width = widths[col]
    for row in cells:
        for col, cell in enumerate(row):
            cell.width = widths[col]
    for row in grid.rows[:header_rows]:
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(header)
    for c in layout_cells:
        r = c.row - first
        cell = cells[r][c.col]
        if c.rowspan > 1 or c.colspan > 1:
            cell = cell.merge(cells[r + c.rowspan - 1][c.col + c.colspan - 1])
        paragraph = cell.paragraphs[0]
        run = paragraph.add_run(xml_text(c.text))
        run.bold = c.style in (Style.HEAD, Style.LABEL)
        run.font.size = TABLE_FONT_SIZE
        if r < header_rows:  # the header stays with the first row below it
            paragraph.paragraph_format.keep_with_next = True
        if c.style in (Style.HEAD, Style.LABEL, Style.CATEGORY):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif isinstance(c.value, Decimal):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if c.style is Style.HEAD:  # before vAlign, where the schema puts w:shd
            _shade(cell, HEAD_SHADE)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def book_docx(book: Book) -> bytes:
    doc = new_document()
    _setup(doc)
    _title_page(doc, book)
    for part in book.parts:
        landscape = any(t.landscape for t in part.tables())
        _orient(doc, landscape)
        width = (PAGE_HEIGHT if landscape else PAGE_WIDTH) - 2 * MARGIN
        height = Emu((PAGE_WIDTH if landscape else PAGE_HEIGHT) - 2 * MARGIN).pt
        doc.add_heading(xml_text(part.heading), level=1)
        for block in part.blocks:
            if isinstance(block, Table):
                _table(doc, block, width, height)
            elif isinstance(block, Heading):
                doc.add_heading(xml_text(block.text), level=block.level)
            elif isinstance(block, Paragraph):
                doc.add_paragraph(xml_text(block.text))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
