"""Word, Excel, HTML and PDF files → paragraphs and tables (:mod:`jixiao.read.blocks`), read as
grids by :mod:`jixiao.read.target_tables` and handed to the layout readers as the structures they
read (:class:`TableInput`): rows, cell blocks and the text-table reader's cells, built from the
tables, never written out as text to be split again.

Two forms of the tables are offered, as the readers know them from text files:

* **cells one after another** (Word exported as text; seeds 000, 002, 004): a table row is a block
  of cells, a horizontally merged cell appears once, a vertically merged position as an empty cell;
* **rows in their columns** (seeds 001, 003): a table row is a row of cells in the grid's columns,
  merged positions empty.

Cells and paragraph lines are numbered in reading order, a row's or table's end taking a number
too, as lines are in a text file: the readers' ``line`` is that place, and :func:`relocate` gives
the locations they make the :class:`Origin` (table or sheet, row, column) of their place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, is_dataclass, replace
from importlib import import_module

from jixiao.findings import ReadError
from jixiao.model.source import Origin, Source
from jixiao.read.base import TextInput
from jixiao.read.blocks import LEFT, Block, Paragraph, Table
from jixiao.read.containers import DOCX, HTML, KIND_NAMES, PDF, XLS, XLSX, refuse
from jixiao.read.grid import Block as CellBlock, Cell, Row, Spot, clean
from jixiao.read.text_cells import CELL, ROW_END, TAB_LED, TABLE_BREAK, CellText, Token, cells
from jixiao.read.project_book_overall import PART_HEADING

# Imported when first needed: the office libraries take most of a second to import, and reading
# a text file needs none of them.
EXTRACTORS = {
    DOCX: "jixiao.read.docx_file:read_docx",
    XLSX: "jixiao.read.xlsx_file:read_xlsx",
    XLS: "jixiao.read.xls_file:read_xls",
    HTML: "jixiao.read.html_file:read_html",
    PDF: "jixiao.read.pdf_file:read_pdf",
}


def _without_part_headings(blocks: list[Block]) -> list[Block]:
    """Drop a book's part heading (第一部分 X) that stands right above the title X it repeats."""
    def repeats(block: Block, after: Block) -> bool:
        match = isinstance(block, Paragraph) and PART_HEADING.match(block.text.strip())
        return bool(match) and isinstance(after, Paragraph) and after.text.strip() == match.group(2).strip()
    return [b for b, after in zip(blocks, [*blocks[1:], None]) if not repeats(b, after)]


def _text_tables_as_text(blocks: list[Block]) -> list[Block]:
    """A table none of whose rows holds two filled cells is a box of text, not a grid (a page's
    lines, one cell per line, put in a table), as a sheet's such rows are (:mod:`sheet_grid`): its
    cells are paragraphs, for the readers of text layouts."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Table) and all(sum(1 for cell in row if cell.text.strip()) < 2 for row in block.rows):
            out += [Paragraph(cell.text, block.origin(r, c)) for r, row in enumerate(block.rows)
                    for c, cell in enumerate(row, 1) if cell.text.strip()]
        else:
            out.append(block)
    return out


def _extractor(kind: str) -> Callable[[bytes, str], list[Block]]:
    module, function = EXTRACTORS[kind].split(":")
    return getattr(import_module(module), function)


def office_blocks(kind: str, data: bytes, name: str) -> list[Block]:
    """The file's paragraphs and tables, or :class:`ReadError` when it cannot be read at all."""
    extract = _extractor(kind)  # outside the try: a missing library is not a damaged file
    try:
        blocks = extract(data, name)
    except ReadError:
        raise
    except Exception as exc:  # the libraries raise many kinds of error on a damaged file
        raise refuse(name, "JX080", f"{KIND_NAMES[kind]}已损坏或格式不正确，无法读取。",
                     "请用 Word/WPS/Excel 打开原文件确认能正常显示后另存一份，再导入。",
                     f"{type(exc).__name__}: {exc}"[:300]) from None
    if not any(block.text.strip() if isinstance(block, Paragraph) else block.rows for block in blocks):
        raise refuse(name, "JX088", f"{KIND_NAMES[kind]}中没有可读取的文字或表格。")
    return _without_part_headings(_text_tables_as_text(blocks))


# The forms' names, for read --explain.
CELLS_FORM = "每格一行：合并的格只写一次"
ROWS_FORM = "每行一行：各格在表格的列中"


@dataclass(slots=True)
class _Layout:
    """One form of a file's blocks: the readers' structures, and the origin of every place."""

    origins: list[Origin | None] = field(default_factory=list)  # by place - 1
    free: dict[int, str] = field(default_factory=dict)  # a paragraph's lines by place
    blanks: set[int] = field(default_factory=set)  # the places where a table row or table ends
    filled: list[int] = field(default_factory=list)  # a table's places with text
    rows: list[Row] = field(default_factory=list)
    blocks: list[CellBlock] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    form: str = ""  # the cell stream's form, for read --explain
    empties: bool = True  # whether the stream writes empty cells (then cells count by position)

    def place(self, origin: Origin | None, line: str | None = None) -> int:
        self.origins.append(origin)
        if line is not None:
            self.free[len(self.origins)] = line
        return len(self.origins)

    def end(self) -> None:
        self.blanks.add(self.place(None))


def _text_lines(text: str) -> list[str]:
    """Non-blank lines of a cell or paragraph; a TAB inside text is a space (the readers of text
    take a TAB for a cell break)."""
    return [line for line in text.replace("\t", " ").split("\n") if line.strip()]


def _cells_form(content: list[Block]) -> _Layout:
    """Cells one after another, each row a block of its own (:func:`jixiao.read.grid.cell_blocks`):
    a horizontally merged cell once, a vertically merged position empty. A run of paragraphs is
    one cell of the stream, as in Word's text export."""
    out = _Layout(form=TAB_LED)  # read as Word's export is: rows end at blank places
    block: CellBlock | None = None  # the block being filled: paragraphs join the row below them
    run: Token | None = None  # the stream's cell of the paragraphs being read
    for item in content:
        if isinstance(item, Paragraph):
            for line in _text_lines(item.text):
                number = out.place(item.origin, line)
                block = block or _new_block(out, number)
                block.free.append(Cell(clean(line), number, 0, False, line))
                if run is None:
                    run = Token(CELL, clean(line), number)
                    out.tokens.append(run)
                else:
                    run.text += "\n" + clean(line)
            continue
        for r, row in enumerate(item.rows):
            for c, cell in enumerate(row):
                if cell.merged == LEFT:
                    continue
                lines = [] if cell.merged else _text_lines(cell.text)
                origin = item.origin(r, c + 1)
                number = out.place(origin)
                for _ in lines[1:]:
                    out.place(origin)
                out.filled += range(number, number + len(lines))
                block = block or _new_block(out, number)
                raw = "\n".join(lines)
                block.cells.append(Cell(clean(raw), number, len(block.cells) + 1, bool(cell.merged), raw))
                out.tokens.append(Token(CELL, "\n".join(clean(line) for line in lines), number))
            out.end()
            block = run = None
        out.end()
    return out


def _new_block(out: _Layout, number: int) -> CellBlock:
    out.blocks.append(block := CellBlock(number))
    return block


def _rows_form(content: list[Block]) -> _Layout:
    """Each table row a row of cells in the grid's columns, merged positions empty; a paragraph's
    line a row of one cell. The stream ends a row where two cells of it are filled (as a text line
    holding several cells does); a paragraph's line is split as a line of text is."""
    out = _Layout(form=ROWS_FORM, empties=False)
    run: list[str] = []  # the lines of the paragraphs being read

    def paragraphs() -> None:
        start = len(out.origins) - len(run)
        stream = cells(run)
        out.tokens.extend(replace(t, line=t.line + start) for t in stream.tokens)
        out.empties |= bool(run) and stream.empties_kept
        run.clear()

    for item in content:
        if isinstance(item, Paragraph):
            for line in _text_lines(item.text):
                number = out.place(item.origin, line)
                out.rows.append(Row([Cell(clean(line), number, 1, False, line)], number))
                run.append(line)
            continue
        paragraphs()
        for r, row in enumerate(item.rows):
            number = out.place(item.origin(r))
            texts = ["" if cell.merged else " ".join(_text_lines(cell.text)) for cell in row]
            if not any(map(clean, texts)):
                continue
            out.filled.append(number)
            out.rows.append(Row([Cell(clean(t), number, k, bool(cell.merged), t)
                                 for k, (t, cell) in enumerate(zip(texts, row), 1)], number))
            filled = [t for t in map(clean, texts) if t]
            if len(filled) < 2:
                out.tokens.append(Token(CELL, filled[0], number))
                continue
            while not clean(texts[-1]):  # the row's cells end at its last filled one
                texts.pop()
            out.empties |= not all(map(clean, texts))
            out.tokens += [Token(CELL, clean(t), number, k) for k, t in enumerate(texts, 1)]
            out.tokens.append(Token(ROW_END, "", number))
        if out.tokens and out.tokens[-1].kind == CELL:  # the table's end ends its last row
            out.tokens.append(Token(TABLE_BREAK, "", len(out.origins) + 1))
        out.end()
    paragraphs()
    return out


@dataclass(slots=True)
class TableInput(TextInput):
    """An office file's blocks in one form (``encoding`` names it), handed to the readers: the
    structures they read built from its tables, and its paragraphs' lines. It has no text. The
    cells form has no rows and the rows form no cell blocks: each is read by the readers of its
    layout, and both by the text-table reader."""

    layout: _Layout = field(default_factory=_Layout)
    limit: int | None = None  # the first places only (a head, to recognise the layout from)

    def __post_init__(self) -> None:
        self._lines = []  # no text to split

    @property
    def origins(self) -> list[Origin | None]:
        return self.layout.origins

    def head(self, count: int) -> TableInput:
        return TableInput(self.name, "", self.encoding, layout=self.layout, limit=count)

    def _within(self, items: list, limit: int | None = None) -> list:
        limit = min((n for n in (self.limit, limit) if n is not None), default=None)
        return items if limit is None else [item for item in items if item.line <= limit]

    def rows(self, limit: int | None = None) -> list[Row]:
        return self._within(self.layout.rows, limit)

    def blocks(self) -> list[CellBlock]:
        return self._within(self.layout.blocks)

    def each_block(self) -> Iterator[tuple[list[Cell], list[Spot]]]:
        return ((block.free, block.spots) for block in self.blocks())  # built with the tables already

    def cells(self) -> CellText:
        return CellText(self._within(self.layout.tokens), self.layout.form, self.layout.empties)

    def mentions(self, word: str) -> bool:
        return any(word in text for n, text in self.layout.free.items() if self.limit is None or n <= self.limit) or any(
            word in cell.text for block in self.blocks() for cell in block.cells)

    def may_hold(self, pattern: re.Pattern[str], times: int = 1) -> bool:
        return True  # no text to tell from

    def glued_lines(self) -> list[str]:
        """The paragraphs' lines in their places (a table's cells are marked, "" there), when most
        places with text are paragraphs' lines without a pipe."""
        size = len(self.origins) if self.limit is None else min(self.limit, len(self.origins))
        free = [text for n, text in self.layout.free.items() if n <= size]
        marked = sum(1 for n in self.layout.filled if n <= size)
        if (marked + sum(1 for text in free if "|" in text)) * 2 > marked + len(free):
            return []
        return [self.layout.free.get(n, "") for n in range(1, size + 1)]

    def free_line(self, line: int) -> str | None:
        return self.layout.free.get(line)

    def blank(self, line: int) -> bool:
        return line in self.layout.blanks


def table_inputs(content: list[Block], name: str, corrections: dict[str, dict[int, str]]) -> list[TableInput]:
    """The file's blocks in both forms, for the readers of text layouts to choose from."""
    return [TableInput(name, "", form, corrections=corrections, layout=build(content))
            for form, build in ((CELLS_FORM, _cells_form), (ROWS_FORM, _rows_form))]


def relocate(obj, origins: list[Origin | None]):
    """``obj`` with every :class:`Source` in it given the origin of its place (``line``): where
    its cell or paragraph stands in the file."""

    def fix(source: Source) -> Source:
        if source.line is None or not 0 < source.line <= len(origins) or origins[source.line - 1] is None:
            return source
        origin = origins[source.line - 1]
        if origin.column is None and source.column is not None and origin.row is not None:
            origin = replace(origin, column=source.column)  # a row's place: the reader's column
        return replace(source, origin=origin)

    def walk(value):
        if isinstance(value, Source):
            return fix(value)
        if isinstance(value, list):
            new = [walk(v) for v in value]
            return value if all(a is b for a, b in zip(new, value)) else new
        if isinstance(value, dict):
            new = {k: walk(v) for k, v in value.items()}
            return value if all(new[k] is v for k, v in value.items()) else new
        if is_dataclass(value) and not isinstance(value, type):
            changes = {}
            for f in fields(value):
                old = getattr(value, f.name)
                if (new := walk(old)) is not old:
                    changes[f.name] = new
            return replace(value, **changes) if changes else value
        return value

    return walk(obj)
