"""Text PDFs → paragraphs and tables page by page (pdfplumber's ruled-table finder).

A position pdfplumber finds no cell for is covered by a merged cell: from the left when the cell
before it in the row reaches over it, otherwise from above; a merged cell drawn in pieces, its
label repeated on each, is one merged cell. Lines outside tables are paragraphs,
in reading order with the tables. Line breaks inside a cell are where the text wrapped, so
they are joined without a space (Chinese and codes wrap anywhere), except between Latin words.
A table that goes on over a page break is put back together (see ``_join_page_breaks``): a
header repeated on the next page is dropped and a row the break cut in two is one row again.
Page numbers (第 3 页, 第3页 共9页, - 3 -) are page furniture and are left out, and so are a
cover and a table of contents at the start (see ``_front_matter``). A cell's leading full-width
spaces (an activity's indentation) are kept.
Wrapped text running over the rows above and below a row too low for it goes back to its own
cell (``_overflow``).
A PDF without any text but with images is a scan: it is refused with a clear "needs OCR" message
rather than read as empty.
"""

from __future__ import annotations

import bisect
import io
import re

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from jixiao.model.source import Origin
from jixiao.read.containers import MAX_PDF_PAGES, check_cells, refuse
from jixiao.read.blocks import ABOVE, LEFT, Block, Paragraph, Table, TableCell

_FULL_WIDTH_SPACE = "\u3000"
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
        pages: list[tuple[list[Block], Table | None]] = []  # a page's blocks, and the table it ends with
        lefts: dict[int, list[float]] = {}  # id of a Table → left edges of its columns
        chars = images = cells = 0
        for number, page in enumerate(pdf.pages, 1):
            chars += len(page.chars)
            images += len(page.images)
            placed: list[tuple[float, int, Block]] = []
            foot: tuple[float, Table | None] = (0.0, None)  # the lowest foot of a table or line on the page
            found = _find_tables(page)
            for k, table in enumerate(found, 1):
                boxes = [row.cells for row in table.rows]
                columns = _column_lefts(boxes)
                rows = _rows(_overflow(page, table.extract(), boxes), boxes, columns, _indents(page, boxes))
                block = Table(f"第{number}页 第{k}个表格", _whole_spans(rows))
                lefts[id(block)] = columns
                cells += sum(len(r) for r in block.rows)
                check_cells(name, cells)
                placed.append((table.bbox[1], len(placed), block))
                foot = max(foot, (table.bbox[3], block), key=lambda item: item[0])
            # text drawn off the page is not shown (a merged cell's label centred over a page break)
            outside = page.filter(lambda obj: _inside(obj, page.bbox) and not any(_inside(obj, t.bbox) for t in found))
            lines = [line for line in outside.extract_text_lines() if not _PAGE_NUMBER.match(line["text"].strip())]
            for k, line, text in _paragraph_lines(lines):
                placed.append((line["top"], len(placed), Paragraph(text, Origin(f"第{number}页 表格外第{k}行"))))
                foot = max(foot, (line["top"], None), key=lambda item: item[0])
            pages.append(([block for _, _, block in sorted(placed, key=lambda item: item[:2])], foot[1]))
        if not chars:
            if images:
                raise refuse(name, "JX087", "这是扫描件或图片型 PDF，里面没有可复制的文字，需要先做文字识别（OCR）才能读取。",
                             "请提供原始的 Word/Excel 文件，或先用 OCR 软件把 PDF 转成可复制文字的 PDF。")
            raise refuse(name, "JX088", "PDF 中没有任何文字。")
        return _join_page_breaks(pages[_front_matter(pages):], lefts)


# An entry of a table of contents: dot leaders, then the page number.
_CONTENTS_ENTRY = re.compile(r"(?:\.\s*){4,}\d+$")


def _is_contents(blocks: list[Block], entries: int) -> bool:
    lines = [b.text.strip() for b in blocks if isinstance(b, Paragraph)]
    return len(lines) == len(blocks) and sum(1 for line in lines if _CONTENTS_ENTRY.search(line)) >= entries


def _front_matter(pages: list[tuple[list[Block], Table | None]]) -> int:
    """How many pages at the start are a cover and a table of contents: navigation and front
    matter, left out as the Word reader leaves them out. The contents are pages of paragraphs
    only, with dot-leader entries; none of the pages up to them holds a table."""
    start = next((i for i, (blocks, _) in enumerate(pages) if _is_contents(blocks, 2)), None)
    if start is None or any(isinstance(b, Table) for blocks, _ in pages[:start] for b in blocks):
        return 0
    end = start + 1
    while end < len(pages) and _is_contents(pages[end][0], 1):
        end += 1
    return end


def _paragraph_lines(lines: list[dict]) -> list[tuple[int, dict, str]]:
    """The lines outside tables as (number, first line, text), a paragraph that wrapped one text
    again: a line goes on in the next when it reaches the right edge of the page's text (within
    a character and a half) and the next follows at line spacing. A contents entry does not."""
    right = max((line["x1"] for line in lines), default=0.0)
    out: list[tuple[int, dict, str]] = []
    previous = None
    for k, line in enumerate(lines, 1):
        size = line["chars"][0]["size"]
        if (previous is not None and previous["x1"] >= right - 1.5 * size and not _CONTENTS_ENTRY.search(previous["text"])
                and 0 <= line["top"] - previous["bottom"] <= 0.8 * size):
            number, first, text = out[-1]
            out[-1] = (number, first, unwrap(f"{text}\n{line['text']}"))
        else:
            out.append((k, line, line["text"]))
        previous = line
    return out


# Where text wrapped inside a cell: no space, except between two Latin words. Chinese, numbers
# and codes (1303032 / 2P00391) wrap anywhere.
_WRAP = re.compile(r"(?<![A-Za-z])\n|\n(?![A-Za-z])")


def unwrap(text: str) -> str:
    return _WRAP.sub("", text).replace("\n", " ")


def _find_tables(page) -> list:
    """The page's ruled tables, with a rule supplied across the head or foot of a table where a
    page break cut a row and no rule was drawn there (reportlab draws none, Word does): without
    it the cut row is not a table row, and a row taller than a page has no table at all."""
    rules = []
    for x0, top, x1, bottom in _column_runs(page.vertical_edges):
        for y in (top, bottom):
            if not any(abs(e["top"] - y) <= 1 and e["x0"] <= x0 + 1 and e["x1"] >= x1 - 1 for e in page.horizontal_edges):
                rules.append({"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0})
    return page.find_tables({"explicit_horizontal_lines": rules} if rules else {})


def _column_runs(edges: list[dict]) -> list[tuple[float, float, float, float]]:
    """Boxes (x0, top, x1, bottom) of the groups of two or more column rules that overlap in height."""
    runs: list[list[dict]] = []
    for edge in sorted(edges, key=lambda e: e["top"]):
        if runs and edge["top"] <= max(e["bottom"] for e in runs[-1]):
            runs[-1].append(edge)
        else:
            runs.append([edge])
    return [(min(e["x0"] for e in run), min(e["top"] for e in run), max(e["x1"] for e in run), max(e["bottom"] for e in run))
            for run in runs if len(run) > 1]


def _inside(obj: dict, bbox: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = bbox
    mid_x, mid_y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return x0 <= mid_x <= x1 and top <= mid_y <= bottom


def _indents(page, boxes: list[list]) -> dict[tuple[int, int], str]:
    """The full-width spaces that start cells, by (row, column): pdfplumber's cell text leaves them
    out, but they are the indentation that marks an activity under its duty (jixiao's writer and
    Word draw them as characters)."""
    spaces = [ch for ch in page.chars if ch["text"] == _FULL_WIDTH_SPACE]
    out: dict[tuple[int, int], str] = {}
    for r, row in enumerate(boxes if spaces else []):
        for c, box in enumerate(row):
            if box is None or not any(_inside(ch, box) for ch in spaces):
                continue
            chars = [ch for ch in page.chars if _inside(ch, box)]
            top = min(ch["top"] for ch in chars)
            first_line = sorted((ch for ch in chars if ch["top"] - top < 1), key=lambda ch: ch["x0"])
            leading = next((k for k, ch in enumerate(first_line) if ch["text"] != _FULL_WIDTH_SPACE), 0)
            if leading:
                out[r, c] = _FULL_WIDTH_SPACE * leading
    return out


_TOUCH = 1.0  # points: lines of one cell's text stand further apart than this


def _overflow(page, texts: list[list[str | None]], boxes: list[list]) -> list[list[str | None]]:
    """The cell texts with text drawn over the rows above and below its cell put back in it: a row
    printed too low for its wrapped text runs over its neighbours, clipped from view but in the
    file, and each cell would hold pieces of theirs. A text line across a border between two rows
    of a column, drawn over another line, tells it. There the column's lines are given back to its cells in order: a line
    wholly inside a cell is that cell's, a line across a border goes to a cell it touches, two
    lines that overlap or touch (one cell's text over another's) are different cells', and of the
    ways that leaves, the one whose cells' texts stand nearest their cells' middles (a row's
    text is centred in it) is taken. Columns without such a line keep their texts."""
    found = [box for row in boxes for box in row if box is not None]
    if not found:
        return texts
    borders = sorted({box[3] for box in found})
    left, right = min(box[0] for box in found), max(box[2] for box in found)

    def across(ch: dict) -> bool:  # a character across a row border (first a cheap look at every one)
        k = bisect.bisect_right(borders, ch["top"] + 0.5)
        return k < len(borders) and borders[k] < ch["bottom"] - 0.5 and left <= ch["x0"] <= right
    crossing = [ch for ch in page.chars if across(ch)]
    for c in range(max((len(row) for row in boxes), default=0) if crossing else 0):
        run: list[tuple[int, tuple]] = []
        for r, row in enumerate([*boxes, []]):
            box = row[c] if c < len(row) else None
            if run and (box is None or (box[0], box[2]) != (run[-1][1][0], run[-1][1][2])):
                if len(run) > 1 and any(_inside(ch, (run[0][1][0], run[0][1][1], run[0][1][2], run[-1][1][3]))
                                        for ch in crossing):
                    _overflow_run(page, texts, c, run)
                run = []
            if box is not None:
                run.append((r, box))
    return texts


def _overflow_run(page, texts: list[list[str | None]], c: int, run: list[tuple[int, tuple]]) -> None:
    """One column's cells of the same width one under another (see :func:`_overflow`)."""
    x0, x1 = run[0][1][0], run[0][1][2]
    lines = sorted(page.crop((x0, run[0][1][1], x1, run[-1][1][3])).extract_text_lines(y_tolerance=0.5),  # lines may overlap
                   key=lambda line: line["top"])
    borders = [box[3] for _, box in run[:-1]]
    # overflow: two lines drawn over each other, one of them across a border (a line a little
    # across it alone is text set close to its rule)
    across = [any(line["top"] < b - 0.5 and line["bottom"] > b + 0.5 for b in borders) for line in lines]
    if not any(a["bottom"] - b["top"] > 0.5 and (across[k] or across[k + 1])
               for k, (a, b) in enumerate(zip(lines, lines[1:]))):
        return
    allowed = [{k for k, (_, box) in enumerate(run) if line["top"] < box[3] - 0.5 and line["bottom"] > box[1] + 0.5}
               for line in lines]
    middles = [(box[1] + box[3]) / 2 for _, box in run]
    n, m = len(lines), len(run)
    # best[i][k]: least cost of giving lines[:i] to cells, the last of them to cell k (-1: none yet)
    best: dict[tuple[int, int], tuple[float, tuple[int, int] | None]] = {(0, -1): (0.0, None)}
    for i in range(n):
        for (done, k), (cost, _) in sorted((key, value) for key, value in best.items() if key[0] == i):
            for cell in range(k + 1, m):
                for end in range(i + 1, n + 1):
                    group = lines[i:end]
                    if cell not in allowed[end - 1] or (end - i > 1 and group[-1]["top"] - group[-2]["bottom"] < _TOUCH):
                        break
                    total = cost + abs((group[0]["top"] + group[-1]["bottom"]) / 2 - middles[cell])
                    if total < best.get((end, cell), (float("inf"), None))[0]:
                        best[end, cell] = (total, (i, k))
    ends = [key for key in best if key[0] == n and key[1] >= 0]
    if not ends:
        return  # no way to give every line a cell: keep what was there
    placed: dict[int, list[str]] = {r: [] for r, _ in run}
    key = min(ends, key=lambda item: best[item][0])
    while key[1] >= 0:
        start, before = best[key][1]
        placed[run[key[1]][0]] = [line["text"] for line in lines[start:key[0]]]
        key = (start, before)
    for r, found in placed.items():
        texts[r][c] = "\n".join(found)


def _rows(texts: list[list[str | None]], boxes: list[list], lefts: list[float],
          indents: dict[tuple[int, int], str]) -> list[list[TableCell]]:
    out = []
    for r, row in enumerate(texts):
        cells = []
        for c, text in enumerate(row):
            if boxes[r][c] is not None:
                cells.append(TableCell(indents.get((r, c), "") + unwrap(text or "")))
                continue
            before = next((boxes[r][k] for k in range(c - 1, -1, -1) if boxes[r][k] is not None), None)
            reaches = before is not None and c < len(lefts) and before[2] > lefts[c] + 1
            cells.append(TableCell(merged=LEFT if reaches else ABOVE))
        out.append(cells)
    return out


def _whole_spans(rows: list[list[TableCell]]) -> list[list[TableCell]]:
    """A merged cell cut into pieces at row boundaries with its label repeated on each piece is one
    merged cell again. jixiao's PDFs written before December 2026 cut a category cell taller than
    half a page so, also in the middle of a page (they now cut one only at a page break, see
    ``_go_on``); read as pieces, the label would start a new row group in the middle of the
    category. The last piece may be one row high (a duty of seed 000 cut above its last
    indicator): such a cell is taken for a piece only when every cell left of it in its row is
    merged too, so that a new row that merely starts with the same amount as the one above keeps it."""
    for c in range(max((len(r) for r in rows), default=0)):
        label = None  # the text of the merged cell running down column c, if one is
        for r, row in enumerate(rows):
            cell = row[c] if c < len(row) else TableCell(merged=LEFT)
            if cell.merged == ABOVE:
                continue
            spans = r + 1 < len(rows) and c < len(rows[r + 1]) and rows[r + 1][c].merged == ABOVE
            repeats = not cell.merged and cell.text.strip() and cell.text == label
            if repeats and (spans or all(k.merged for k in row[:c])):
                row[c] = TableCell(merged=ABOVE)
                continue
            label = cell.text if spans and not cell.merged else None
    return rows


def _column_lefts(boxes: list[list]) -> list[float]:
    """Left edge of every grid column: the distinct left edges of the cells, when there is one per
    column (the usual case); otherwise the leftmost cell found in each column."""
    width = len(boxes[0]) if boxes else 0
    edges = sorted({round(box[0], 1) for row in boxes for box in row if box is not None})
    if len(edges) == width:
        return edges
    return [min((row[c][0] for row in boxes if row[c] is not None), default=float("inf")) for c in range(width)]


def _join_page_breaks(pages: list[tuple[list[Block], Table | None]], lefts: dict[int, list[float]]) -> list[Block]:
    """The blocks of all pages, a table that goes on over a page break put back together.

    A table that ends a page (nothing below it) goes on in the table that starts the next page
    when their columns lie at the same places. There the rows repeating the table's header are
    dropped, and the row cut by the break — its first part ends the page, the rest starts the
    next — becomes one row again, with the location of its first part. A part is recognised by
    its key cells holding no text: the leading cells up to the level-3 name (or the 指标1:
    numbering), found as the first column that is never merged down and has text in nearly
    every row around the break. A new row under merged category cells at the top of a page has
    empty category cells too, but it has its name. Either part may be the one with the key
    cells: reportlab draws them in the middle of the row, Word at its top.
    """
    out: list[Block] = []
    chain: list[Table] = []  # the parts of the table the previous page ended with, first part first
    for blocks, ending in pages:
        tables = [block for block in blocks if isinstance(block, Table)]
        for i, block in enumerate(blocks):
            grid = _common_grid(lefts[id(block)], lefts[id(chain[0])]) if i == 0 and chain and isinstance(block, Table) else None
            if grid is not None:
                for table in (*chain, block):
                    _regrid(table, lefts[id(table)], grid)
                    lefts[id(table)] = grid
                block = _go_on(chain, block)
                lefts[id(block)] = grid
                chain.append(block)
                if not block.rows:  # wholly the rest of the cut row
                    continue
            elif isinstance(block, Table):
                chain = [block]
            out.append(block)
        if ending is None or ending is not tables[-1]:
            chain = []
    return out


def _same_columns(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= 1.5 for x, y in zip(a, b))


def _common_grid(a: list[float], b: list[float]) -> list[float] | None:
    """The columns two parts of a table share: the same, or those of the one whose column lefts
    include all of the other's. A form broken over a page may have rows of more columns on one
    page than on the other (seed 003: key tasks of four columns above the page break, indicators
    of five below it). None for parts that do not line up."""
    if _same_columns(a, b):
        return b
    small, big = sorted((a, b), key=len)
    if small and abs(small[0] - big[0]) <= 1.5 and all(any(abs(x - y) <= 1.5 for y in big) for x in small):
        return big
    return None


def _regrid(table: Table, lefts: list[float], grid: list[float]) -> None:
    """``table``'s rows on the columns of ``grid``, which include its own (``lefts``): a column
    that lies inside one of the table's is covered by that column's cell."""
    if len(lefts) == len(grid):
        return
    index = [next(k for k, y in enumerate(grid) if abs(x - y) <= 1.5) for x in lefts] + [len(grid)]
    for r, row in enumerate(table.rows):
        cells: list[TableCell] = []
        for j, cell in enumerate(row[: len(lefts)]):
            cells.append(cell)
            cells += [TableCell(merged=ABOVE if cell.merged == ABOVE else LEFT) for _ in range(index[j] + 1, index[j + 1])]
        table.rows[r] = cells


def _go_on(chain: list[Table], part: Table) -> Table:
    """``part`` without the header rows it repeats and the rest of the row the page cut, which
    is joined to the last row of the chain's last part that has rows."""
    numbers = part.row_numbers or list(range(1, len(part.rows) + 1))
    rows = part.rows
    header = chain[0].rows
    repeated = 0
    while repeated < min(len(rows), len(header) - 1) and rows[repeated] == header[repeated]:
        repeated += 1
    repeated = repeated or _repeated_head(chain, rows)
    rows, numbers = rows[repeated:], numbers[repeated:]
    before = next((t for t in reversed(chain) if t.rows), None)
    if rows and before is not None:
        for c, cell in enumerate(rows[0]):  # a merged cell going on, its label drawn again (_whole_spans)
            if not cell.merged and cell.text.strip() and cell.text == _running_label(before.rows, c):
                rows[0][c] = TableCell(merged=ABOVE)
        merged = {c for t in [*chain, part] for row in t.rows for c, cell in enumerate(row) if cell.merged == ABOVE}
        shape = [cell.merged == LEFT for cell in rows[0]]  # rows merged across alike: indicator rows
        earlier = [row for t in chain for row in t.rows]  # a part may be one row: a row over several pages
        key = _key_column([r for r in earlier[-7:-1] + rows[1:7] if [c.merged == LEFT for c in r] == shape], merged)
        # the two parts of a cut row are merged across alike; a row of other merged cells
        # (the project goal under the spending plan, its 3月底 empty) starts a row of its own
        alike = [cell.merged == LEFT for cell in before.rows[-1]] == shape
        if alike and (_cut(before.rows[-1], key) or _cut(rows[0], key)):
            before.rows[-1] = [_joined(a, b) for a, b in zip(before.rows[-1], rows[0])]
            rows, numbers = rows[1:], numbers[1:]
    return Table(part.part, rows, numbers)


def _repeated_head(chain: list[Table], rows: list[list[TableCell]]) -> int:
    """How many of ``rows`` (a page's top) repeat a header that stood below the top of the table
    (001's 核心职能 / 一级指标 … 指标值 rows under the form's top part, drawn again on each page
    the indicators go on to): two or more rows found together earlier in the chain, else 0."""
    earlier = [row for t in chain for row in t.rows]
    most = 0
    for i in range(len(earlier)):
        k = 0
        while k < len(rows) and i + k < len(earlier) and earlier[i + k] == rows[k]:
            k += 1
        most = max(most, k)
    return most if most >= 2 else 0


def _running_label(rows: list[list[TableCell]], c: int) -> str | None:
    """The text of the merged cell that runs down column ``c`` to the last of ``rows``, if one does."""
    r = len(rows) - 1
    while r > 0 and c < len(rows[r]) and rows[r][c].merged == ABOVE:
        r -= 1
    return rows[r][c].text if r < len(rows) - 1 and c < len(rows[r]) and not rows[r][c].merged else None


def _key_column(rows: list[list[TableCell]], merged: set[int]) -> int | None:
    """The first column with text in nearly every one of ``rows`` (the rows around the break) and
    never merged down (``merged``: the category columns): the level-3 name, or 指标1: numbering.
    None when there is no such column: then only a part without any text counts as cut."""
    rows = [r for r in rows if not _cut(r, None)]  # slivers of cut rows say nothing
    width = max((len(r) for r in rows), default=0)
    filled = [sum(1 for r in rows if c < len(r) and not r[c].merged and r[c].text.strip()) for c in range(width)]
    return next((c for c, n in enumerate(filled) if c not in merged and 5 * n >= 4 * len(rows)), None)


def _cut(row: list[TableCell], key: int | None) -> bool:
    """Is ``row`` part of a row that a page break cut: no text in its key cells?"""
    return not any(cell.text.strip() and not cell.merged for cell in (row if key is None else row[: key + 1]))


def _joined(first: TableCell, rest: TableCell) -> TableCell:
    """One cell from its two parts. A cell merged from above or the left stays merged: text in its
    second part is the merged cell's label, drawn again in the middle of the part on the new page."""
    if first.merged:
        return first
    if rest.merged or not rest.text:
        return first
    return TableCell(unwrap(f"{first.text}\n{rest.text}") if first.text else rest.text)
