"""Web pages (``.html``) → paragraphs and tables, rowspan / colspan laid out on a grid.

lxml's HTML parser (libxml2) is used: it is already installed with python-docx, it repairs the
broken markup government sites publish as browsers do, and it neither loads external resources
nor expands entities beyond HTML's own. Tables are laid out with the HTML table algorithm:
a cell with ``colspan``/``rowspan`` fills the positions it covers (merged from the left / above);
``rowspan="0"`` reaches the last row; spans are clamped as browsers clamp them.

Whitespace collapses as browsers collapse it, but a cell keeps the indentation a reader sees,
because it carries meaning (seed 000 nests activities under duties by it): leading ``&nbsp;`` and
full-width spaces, spaces inside ``<pre>`` or ``white-space: pre``, and ``padding-left`` /
``margin-left`` / ``text-indent`` on the cell or a block inside it, written as full-width spaces
(one per character width, 1em = 16px = 12pt; less than half a character is cell padding, not
indentation).
"""

from __future__ import annotations

import re

import lxml.html

from jixiao.model.source import Origin
from jixiao.read.containers import MAX_CELLS, check_cells
from jixiao.read.decode import decode
from jixiao.read.blocks import ABOVE, LEFT, Block, Paragraph, Table, TableCell

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "caption", "section",
                    "article", "header", "footer", "blockquote", "pre", "dt", "dd", "center", "title"})
_SKIP = frozenset({"script", "style", "noscript", "template", "head"})
_MAX_COLSPAN = 1000
_SPACES = re.compile(r"[ \t\r\n\f]+")
_INDENT_CSS = re.compile(r"(?:^|;)\s*(padding-left|margin-left|text-indent)\s*:\s*(-?[\d.]+)\s*(em|rem|ch|px|pt|cm|mm)\b", re.I)
_EM = {"em": 1.0, "rem": 1.0, "ch": 1.0, "px": 16.0, "pt": 12.0, "cm": 0.42, "mm": 4.2}  # one character
_PRE = re.compile(r"(?:^|;)\s*white-space\s*:\s*(?:pre|pre-wrap|break-spaces)\b", re.I)
_LEADING = re.compile(r"^[ \t]+", re.M)


def read_html(data: bytes, name: str) -> list[Block]:
    root = lxml.html.document_fromstring(_text(data, name), parser=lxml.html.HTMLParser(no_network=True, remove_comments=True))
    reading = _Reading(name)
    reading.walk(root)
    reading.flush()
    return reading.blocks


def _text(data: bytes, name: str) -> str:
    """Decode by the page's declared charset (GB2312 pages are common), else as a text file."""
    declared = _CHARSET.search(data[:4096])
    if declared:
        encoding = declared.group(1).decode("ascii").lower()
        if encoding in ("gb2312", "gbk"):
            encoding = "gb18030"  # the superset: pages labelled GB2312 hold GBK characters
        try:
            return data.decode(encoding, errors="replace")
        except LookupError:
            pass
    return decode(data, name)[0]


class _Reading:
    def __init__(self, name: str):
        self.name = name
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.tables = 0
        self.paragraphs = 0
        self.cells = 0

    def flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.buffer)).strip()
        self.buffer = []
        if text:
            self.paragraphs += 1
            self.blocks.append(Paragraph(text, Origin(f"正文第{self.paragraphs}段")))

    def walk(self, element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIP:
            return
        if tag == "table":
            self.flush()
            self.table(element, "")
            return
        if tag in _BLOCK or tag == "br":
            self.flush()
        self.buffer.append(element.text or "")
        for child in element:
            self.walk(child)
            self.buffer.append(child.tail or "")
        if tag in _BLOCK:
            self.flush()

    def table(self, element, within: str) -> None:
        self.tables += 1
        part = f"第{self.tables}个表格" + (f"（嵌套在{within}中）" if within else "")
        rows = [tr for tr in element.iter("tr") if _owner(tr) is element]
        grid: dict[tuple[int, int], TableCell] = {}
        nested = []
        for r, tr in enumerate(rows):
            c = 0
            for td in tr:
                if td.tag not in ("td", "th"):
                    continue
                while (r, c) in grid:
                    c += 1
                rowspan = _span(td.get("rowspan"), len(rows) - r, zero_means_rest=True)
                colspan = _span(td.get("colspan"), _MAX_COLSPAN)
                self.cells += rowspan * colspan
                check_cells(self.name, self.cells)
                grid[(r, c)] = TableCell(_cell_text(td))
                for dr in range(rowspan):
                    for dc in range(colspan):
                        if dr or dc:
                            grid.setdefault((r + dr, c + dc), TableCell(merged=LEFT if dr == 0 else ABOVE))
                nested += [t for t in td.iter("table") if _owner(t) is element]
                c += colspan
        widths: dict[int, int] = {}
        for r, c in grid:
            widths[r] = max(widths.get(r, 0), c + 1)
        table = [[grid.get((r, c), TableCell()) for c in range(widths.get(r, 0))] for r in range(len(rows))]
        self.blocks.append(Table(part, table))
        for inner in nested:
            self.table(inner, part)


def _owner(element):
    """The nearest enclosing table (a row belongs to one table, not to the tables around it)."""
    parent = element.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _span(value: str | None, limit: int, zero_means_rest: bool = False) -> int:
    match = re.match(r"\s*(\d+)", value or "")
    span = int(match.group(1)) if match else 1
    if span == 0 and zero_means_rest:
        return max(1, limit)
    return max(1, min(span, limit, MAX_CELLS))


def _cell_text(td) -> str:
    """Text of a cell without nested tables; ``<br>`` and block elements start new lines, and
    lines keep their indentation (module doc)."""
    chunks: list[str] = []

    def visit(element, pre: bool, margin: float) -> None:
        """``margin``: characters of padding and margin of the blocks around ``element``."""
        style = element.get("style", "")
        pre = pre or element.tag == "pre" or bool(_PRE.search(style))
        if element is td or element.tag in _BLOCK:
            margin += _css_width(style, "padding-left", "margin-left")
            chunks.append("\n" + _indent(margin + _css_width(style, "text-indent")))
        elif element.tag == "br":
            chunks.append("\n" + _indent(margin))
        chunks.append(_spaces(element.text, pre))
        for child in element:
            if child.tag not in ("table", *_SKIP):  # nested tables are read as tables of their own
                visit(child, pre, margin)
            if child.tag in _BLOCK:  # text after a block starts a line of its own
                chunks.append("\n" + _indent(margin))
            chunks.append(_spaces(child.tail, pre))

    visit(td, False, 0.0)
    lines = "".join(chunks).split("\n")
    return "\n".join(line.lstrip(" ").rstrip() for line in lines if line.strip())


def _spaces(text: str | None, pre: bool) -> str:
    """Collapsed as a browser collapses it; in preformatted text, leading spaces kept (as
    no-break spaces, which nothing collapses or trims)."""
    if not pre:
        return _SPACES.sub(" ", text or "")
    return _LEADING.sub(lambda m: "\u00a0" * len(m.group().expandtabs(4)), (text or "").replace("\r", ""))


def _css_width(style: str, *properties: str) -> float:
    """Characters of indentation the inline style gives by these properties together."""
    return sum(float(value) / _EM[unit.lower()] for name, value, unit in _INDENT_CSS.findall(style)
               if name.lower() in properties)


def _indent(width: float) -> str:
    return "\u3000" * max(0, round(width))
