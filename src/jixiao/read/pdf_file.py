"""Text PDFs → paragraphs and tables page by page (pdfplumber's ruled-table finder).

A position pdfplumber finds no cell for is covered by a merged cell: from the left when the cell
before it in the row reaches over it, otherwise from above. Lines outside tables are paragraphs,
in reading order with the tables. Line breaks inside a cell are where the text wrapped, so
they are joined without a space (Chinese and codes wrap anywhere), except between Latin words.
A row that a page break cuts in two comes back as two rows (the readers report the short one).
Page numbers (第 3 页, 第3页 共9页, - 3 -) are page furniture and are left out.
A PDF without any text but with images is a scan: it is refused with a clear "needs OCR" message
rather than read as empty.
"""

from __future__ import annotations

import io
import re

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from jixiao.model.source import Origin
from jixiao.read.containers import MAX_PDF_PAGES, check_cells, refuse
from jixiao.read.office_text import ABOVE, LEFT, Block, Paragraph, Table, TableCell

_PAGE_NUMBER = re.compile(r"^(?:第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|[-—]\s*\d+\s*[-—])$")


def read_pdf(data: bytes, name: str) -> list[Block]:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        if any(isinstance(arg, PDFPasswordIncorrect) for arg in exc.args):
            raise refuse(name, "JX084", "PDF 文件设置了打开密码（已加密），无法读取。",
                         "请取消密码后另存一份 PDF，或直接提供原始的 Word/Excel 文件。") from None
        raise
    with pdf:
        if len(pdf.pages) > MAX_PDF_PAGES:
            raise refuse(name, "JX086", f"PDF 共 {len(pdf.pages)} 页，超过 {MAX_PDF_PAGES} 页的上限，未导入。")
        blocks: list[Block] = []
        chars = images = cells = 0
        for number, page in enumerate(pdf.pages, 1):
            chars += len(page.chars)
            images += len(page.images)
            placed: list[tuple[float, int, Block]] = []
            found = page.find_tables()
            for k, table in enumerate(found, 1):
                rows = _rows(table)
                cells += sum(len(r) for r in rows)
                check_cells(name, cells)
                placed.append((table.bbox[1], len(placed), Table(f"第{number}页 第{k}个表格", rows)))
            outside = page.filter(lambda obj: not any(_inside(obj, t.bbox) for t in found))
            for k, line in enumerate(outside.extract_text_lines(), 1):
                if not _PAGE_NUMBER.match(line["text"].strip()):
                    placed.append((line["top"], len(placed), Paragraph(line["text"], Origin(f"第{number}页 表格外第{k}行"))))
            blocks += [block for _, _, block in sorted(placed, key=lambda item: item[:2])]
        if not chars:
            if images:
                raise refuse(name, "JX087", "这是扫描件或图片型 PDF，里面没有可复制的文字，需要先做文字识别（OCR）才能读取。",
                             "请提供原始的 Word/Excel 文件，或先用 OCR 软件把 PDF 转成可复制文字的 PDF。")
            raise refuse(name, "JX088", "PDF 中没有任何文字。")
        return blocks


# Where text wrapped inside a cell: no space, except between two Latin words. Chinese, numbers
# and codes (1303032 / 2P00391) wrap anywhere.
_WRAP = re.compile(r"(?<![A-Za-z])\n|\n(?![A-Za-z])")


def unwrap(text: str) -> str:
    return _WRAP.sub("", text).replace("\n", " ")


def _inside(obj: dict, bbox: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = bbox
    mid_x, mid_y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return x0 <= mid_x <= x1 and top <= mid_y <= bottom


def _rows(table) -> list[list[TableCell]]:
    texts = table.extract()
    boxes = [row.cells for row in table.rows]
    lefts = _column_lefts(boxes)
    out = []
    for r, row in enumerate(texts):
        cells = []
        for c, text in enumerate(row):
            if boxes[r][c] is not None:
                cells.append(TableCell(unwrap(text or "")))
                continue
            before = next((boxes[r][k] for k in range(c - 1, -1, -1) if boxes[r][k] is not None), None)
            reaches = before is not None and c < len(lefts) and before[2] > lefts[c] + 1
            cells.append(TableCell(merged=LEFT if reaches else ABOVE))
        out.append(cells)
    return out


def _column_lefts(boxes: list[list]) -> list[float]:
    """Left edge of every grid column: the distinct left edges of the cells, when there is one per
    column (the usual case); otherwise the leftmost cell found in each column."""
    width = len(boxes[0]) if boxes else 0
    edges = sorted({round(box[0], 1) for row in boxes for box in row if box is not None})
    if len(edges) == width:
        return edges
    return [min((row[c][0] for row in boxes if row[c] is not None), default=float("inf")) for c in range(width)]
