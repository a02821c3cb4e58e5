"""Word ``.docx`` → paragraphs and tables in document order (python-docx for the package and XML).

Cells are read from the table XML, one ``w:tc`` element at a time: python-docx's ``row.cells``
repeats a merged cell once per grid position (python-docx#232), which would duplicate merged
category cells. A ``w:tc`` spanning columns (``gridSpan``) is one cell followed by positions
merged from the left; a ``w:tc`` continuing a vertical merge (``vMerge``) is a position merged
from above. A table nested in a cell becomes a table of its own, after the table holding it. Paragraph text
includes tracked insertions, fields, content controls and hyperlinks (python-docx's own
paragraph text skips all but hyperlinks) and leaves out tracked deletions. A table of contents
(a ``TOC`` field) is navigation, and the cover page before it front matter: neither is read.
"""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn

from jixiao.model.source import Origin
from jixiao.read.containers import check_cells
from jixiao.read.blocks import ABOVE, LEFT, Block, Paragraph, Table, TableCell

_P, _TBL, _SDT, _SDT_CONTENT = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent")
_FIELD_TYPE, _INSTR = qn("w:fldCharType"), qn("w:instrText")


def _text(p) -> str:
    """Text of a paragraph: its runs wherever they sit, except tracked deletions."""
    return "".join(run.text for run in p.xpath(".//w:r[not(ancestor::w:del)]"))


def read_docx(data: bytes, name: str) -> list[Block]:
    body = docx.Document(io.BytesIO(data)).element.body
    reading = _Reading(name)
    reading.container(body)
    return reading.blocks


class _Reading:
    def __init__(self, name: str):
        self.name = name
        self.blocks: list[Block] = []
        self.paragraphs = 0
        self.tables = 0
        self.cells = 0
        self.toc_depth = 0  # field nesting inside a table of contents (its entries hold PAGEREF fields)

    def in_contents(self, p) -> bool:
        """Whether paragraph ``p`` belongs to a table of contents; a TOC's start drops the cover."""
        inside = self.toc_depth > 0
        for element in p.iter(qn("w:fldChar"), _INSTR):
            if element.tag == _INSTR and element.text and element.text.split()[:1] == ["TOC"]:
                inside, self.toc_depth = True, 1
                self.blocks = [b for b in self.blocks if isinstance(b, Table)]
            elif self.toc_depth and element.get(_FIELD_TYPE) == "begin":
                self.toc_depth += 1
            elif self.toc_depth and element.get(_FIELD_TYPE) == "end":
                self.toc_depth -= 1
        return inside

    def container(self, element) -> None:
        for child in element.iterchildren():
            if child.tag == _P:
                self.paragraphs += 1
                if self.in_contents(child):
                    continue
                if text := _text(child).strip():
                    self.blocks.append(Paragraph(text, Origin(f"正文第{self.paragraphs}段")))
            elif child.tag == _TBL:
                self.table(child, "")
            elif child.tag == _SDT:  # content controls wrap paragraphs and tables
                for content in child.iterchildren(_SDT_CONTENT):
                    self.container(content)

    def table(self, tbl, within: str) -> None:
        self.tables += 1
        part = f"第{self.tables}个表格" + (f"（嵌套在{within}中）" if within else "")
        rows: list[list[TableCell]] = []
        nested = []
        for tr in tbl.tr_lst:
            row = [TableCell() for _ in range(tr.grid_before)]
            for tc in tr.tc_lst:
                if tc.vMerge == "continue":
                    row.append(TableCell(merged=ABOVE))
                else:
                    row.append(TableCell("\n".join(_text(p) for p in tc.p_lst).strip("\n")))
                row.extend(TableCell(merged=LEFT) for _ in range(tc.grid_span - 1))
                nested.extend(tc.tbl_lst)
            self.cells += len(row)
            check_cells(self.name, self.cells)
            rows.append(row)
        self.blocks.append(Table(part, rows))
        for inner in nested:
            self.table(inner, part)
