"""The shared grid stage: text (later Word, Excel, HTML, PDF) → rows × cells.

A :class:`Cell` with ``merged=True`` means "no cell here, the one above (or left) spans it"; an
empty cell has ``text == ""`` and ``merged=False``. Text input cannot tell the two apart, so text
builders only make plain cells; office readers mark merges.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from sys import intern

# Whitespace trimmed from cell text: ASCII space/tab, NBSP and the ideographic space U+3000.
_TRIM = " \t\r\n\u00a0\u3000"


def clean(text: str) -> str:
    """Trim surrounding whitespace (including U+3000) from a cell, keep what is inside."""
    return text.strip(_TRIM)


@dataclass(slots=True)
class Cell:
    text: str
    line: int  # 1-based text line (or sheet row) where the cell starts
    column: int = 0  # 1-based position in its row
    merged: bool = False
    raw: str = ""  # text before trimming (indentation carries meaning in seed 000)

    @property
    def empty(self) -> bool:
        return not self.text


@dataclass(slots=True)
class Row:
    cells: list[Cell]
    line: int

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    def nonempty(self) -> list[Cell]:
        return [c for c in self.cells if c.text]

    def __len__(self) -> int:
        return len(self.cells)


@dataclass(slots=True)
class Block:
    """A run of non-blank lines in the cell-per-line layout (seeds 000, 002, 004).

    ``free`` holds lines that start without a TAB before the first cell (titles, headings);
    ``cells`` holds the TAB-led cells, a line without a TAB continuing the cell before it.
    """

    line: int
    free: list[Cell] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


def split_lines(text: str) -> list[str]:
    """The lines of a text, each repeated line one string (interned): tables repeat many lines, and
    the lines are kept while a file is read (seed 002: 4,258 lines, 324 KB apart, 70 KB shared)."""
    return list(map(intern, text.replace("\r\n", "\n").replace("\r", "\n").split("\n")))


def tab_rows(lines: list[str], start: int = 1) -> list[Row]:
    """One row per line, cells split at TABs; blank lines give no row."""
    rows = []
    for number, line in enumerate(lines, start):
        if not line.strip(_TRIM):
            continue
        parts = line.split("\t")
        cells = [Cell(p.strip(_TRIM), number, i, False, p) for i, p in enumerate(parts, 1)]
        rows.append(Row(cells, number))
    return rows


def cell_blocks(lines: list[str], start: int = 1) -> list[Block]:
    """Group the cell-per-line layout into blocks separated by blank lines.

    A line is blank when it holds only whitespace *and no TAB*: ``"\\t"`` alone is an empty cell.
    """
    return list(iter_cell_blocks(lines, start))


def iter_cell_blocks(lines: list[str], start: int = 1) -> Iterator[Block]:
    """:func:`cell_blocks` one block at a time, each once it is complete: a reader that is done
    with a block before it asks for the next keeps the cells of one part of a file, not all."""
    current: Block | None = None
    cells: list[Cell] = []  # current.cells
    known: dict[str, tuple[str, str]] = {}  # a TAB-led line → its cell's text and raw text
    # Hot loop (every line of a book): TAB-led lines first, Cell arguments positional.
    for number, line in enumerate(lines, start):
        if line[:1] == "\t":
            if current is None:
                current = Block(number)
                cells = current.cells
            # Indicator sets pasted into many projects repeat the same lines: their cell texts are
            # made once, and the model holds each once (seed 002: 250 KB of strings, 69 KB distinct).
            texts = known.get(line)
            if texts is None:
                body = line[1:]
                text = body.strip(_TRIM)
                texts = known[line] = (text, text if len(text) == len(body) else body)
            cells.append(Cell(texts[0], number, len(cells) + 1, False, texts[1]))
            continue
        if "\t" not in line and not line.strip(_TRIM):
            if current is not None:
                yield current
            current = None
            continue
        if current is None:
            current = Block(number)
            cells = current.cells
        if cells:
            # A line without a leading TAB continues the cell above (multi-line cell).
            prev = cells[-1]
            prev.raw += "\n" + line
            prev.text = clean(prev.raw)
        else:
            current.free.append(Cell(clean(line), number, 0, False, line))
    if current is not None:
        yield current


def join_fragments(fragments: Iterable[list[Cell]], width: int) -> Iterator[list[Cell]]:
    """Join the blank-line fragments of the cell-per-line layout into rows of ``width`` cells.

    Exports break rows at blank lines anywhere (``描述`` ⏎⏎ ``指标值`` ⏎⏎ ``依据``). Fragments are
    joined while they fit; one that would overflow the pending cells closes them as a short row,
    and a fragment holding several full rows is cut into rows. Short rows come back short, for
    the caller to report.
    """
    pending: list[Cell] = []
    for fragment in fragments:
        if not fragment:
            continue
        if pending and len(pending) + len(fragment) > width:
            yield pending
            pending = []
        pending = pending + list(fragment)
        while len(pending) >= width:
            yield pending[:width]
            pending = pending[width:]
    if pending:
        yield pending
