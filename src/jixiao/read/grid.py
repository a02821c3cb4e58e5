"""The shared grid stage: text (later Word, Excel, HTML, PDF) → rows × cells.

A :class:`Cell` with ``merged=True`` means "no cell here, the one above (or left) spans it"; an
empty cell has ``text == ""`` and ``merged=False``. Text input cannot tell the two apart, so text
builders only make plain cells; office readers mark merges.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, repeat
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


class Row:
    """The cells of one row. A row split from a text line keeps the texts of its TAB-separated
    parts and makes the ``Cell`` objects only when asked for them: the layout readers' identify
    reads the texts of the first 400 lines, mostly to find it is not their layout."""

    __slots__ = ("line", "_cells", "_texts", "_parts")

    def __init__(self, cells: list[Cell] | None, line: int, parts: list[str] | None = None):
        """``cells``, or None and the ``parts`` of a text line split at TABs."""
        self.line = line
        self._cells = cells
        self._parts = parts or []
        self._texts = list(map(str.strip, self._parts, repeat(_TRIM)))

    @property
    def cells(self) -> list[Cell]:
        if self._cells is None:
            self._cells = [Cell(text, self.line, column, False, raw)
                           for column, (text, raw) in enumerate(zip(self._texts, self._parts), 1)]
        return self._cells

    def texts(self) -> list[str]:
        return self._texts if self._cells is None else [c.text for c in self._cells]

    def nonempty(self) -> list[Cell]:
        return [c for c in self.cells if c.text]

    def __len__(self) -> int:
        return len(self._parts) if self._cells is None else len(self._cells)


# A cell's text and its 1-based line: what the project book reads of most cells (a tuple costs
# about a sixth of a Cell, and a book has a cell per line).
Spot = tuple[str, int]


class Block:
    """A run of non-blank lines in the cell-per-line layout (seeds 000, 002, 004).

    ``free`` holds lines that start without a TAB before the first cell (titles, headings);
    ``cells`` holds the TAB-led cells, a line without a TAB continuing the cell before it.
    A block split from text keeps its cells as ``spots`` and the text's lines, and makes the
    ``Cell`` objects (with each cell's lines as written) only when asked for them; an office
    file's input builds the cells.
    """

    __slots__ = ("line", "free", "_cells", "_spots", "_lines", "_end")

    def __init__(self, line: int, free: list[Cell] | None = None, cells: list[Cell] | None = None,
                 spots: list[Spot] | None = None, lines: list[str] | None = None, end: int = 0):
        """``cells`` (none yet when not given), or the cells' ``spots`` with the ``lines`` of the
        text they were split from (numbered from 1) and the number of the block's last line."""
        self.line = line
        self.free: list[Cell] = [] if free is None else free
        self._cells = cells if cells is not None or spots is not None else []
        self._spots: list[Spot] = spots or []
        self._lines: list[str] = lines or []
        self._end = end

    @property
    def cells(self) -> list[Cell]:
        if self._cells is None:
            # A cell's lines run from its own to the next cell's (or the block's end); its raw text
            # is what follows the leading TAB.
            ends = [line for _, line in self._spots[1:]]
            ends.append(self._end + 1)
            self._cells = [Cell(text, line, column, False, "\n".join(self._lines[line - 1:end - 1])[1:])
                           for column, ((text, line), end) in enumerate(zip(self._spots, ends), 1)]
        return self._cells

    @property
    def spots(self) -> list[Spot]:
        """The cells' texts and lines."""
        return self._spots if self._cells is None else [(c.text, c.line) for c in self._cells]

    def texts(self) -> list[str]:
        return [text for text, _ in self.spots]


def _one_line_end(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def split_lines(text: str) -> list[str]:
    """The lines of a text, each repeated line one string (interned): tables repeat many lines, and
    the lines are kept while a file is read (seed 002: 4,258 lines, 324 KB apart, 70 KB shared)."""
    return list(map(intern, _one_line_end(text).split("\n")))


def first_lines(text: str, count: int) -> list[str]:
    """The first ``count`` lines of :func:`split_lines`, without splitting the rest."""
    return _one_line_end(text).split("\n", count)[:count]


_PIECE = 1 << 11  # characters of text split into lines at once by iter_lines: a few dozen lines


def iter_lines(text: str) -> Iterator[str]:
    """The lines of :func:`split_lines`, not interned, split a piece of the text at a time: for a
    reader that takes each line once, so that the lines of the whole text are never all alive."""
    return chain.from_iterable(piece.split("\n") for piece in _pieces(_one_line_end(text)))


def _pieces(text: str) -> Iterator[str]:
    """``text`` cut at line ends into pieces of about :data:`_PIECE` characters or more."""
    start = 0
    while (end := text.find("\n", start + _PIECE)) >= 0:
        yield text[start:end]
        start = end + 1
    yield text[start:]


def tab_rows(lines: list[str], start: int = 1) -> list[Row]:
    """One row per line, cells split at TABs; blank lines give no row."""
    rows = []
    for number, line in enumerate(lines, start):
        if not line.strip(_TRIM):
            continue
        rows.append(Row(None, number, line.split("\t")))
    return rows


def cell_blocks(lines: list[str]) -> list[Block]:
    """Group the cell-per-line layout into blocks separated by blank lines.

    A line is blank when it holds only whitespace *and no TAB*: ``"\\t"`` alone is an empty cell.
    """
    return [Block(free[0].line if free else spots[0][1], free, None, spots, lines, end)
            for free, spots, end in block_parts(lines)]


# A block's parts: its free lines, its cells' spots and the number of its last line (see Block).
BlockParts = tuple[list[Cell], list[Spot], int]


def block_parts(lines: Iterable[str], start: int = 1) -> Iterator[BlockParts]:
    """The parts of each block of :func:`cell_blocks`, one block at a time, each once it is
    complete, without the :class:`Block`: a reader of every block of a book (a block a table row)
    saves making them, and one that is done with a block before it asks for the next keeps the
    cells of one part of a file, not all."""
    free: list[Cell] = []
    spots: list[Spot] = []
    raw = ""  # the last cell's lines as written, for a line that continues it
    known: dict[str, str] = {}  # a TAB-led line → its cell's text
    number = start - 1
    # Hot loop (every line of a book): TAB-led lines first, a cell made as a (text, line) tuple.
    for number, line in enumerate(lines, start):
        # Indicator sets pasted into many projects repeat the same lines: their cell texts are made
        # once, and the model holds each once (seed 002: 250 KB of strings, 69 KB distinct); a line
        # seen before is known to be TAB-led without looking at it.
        text = known.get(line)
        if text is None and line[:1] == "\t":
            text = known[line] = line.strip(_TRIM)
        if text is not None:
            spots.append((text, number))
            raw = line
            continue
        if not line or "\t" not in line and not line.strip(_TRIM):  # blank (an empty line most often)
            if spots or free:
                yield free, spots, number - 1
                free, spots = [], []
            continue
        if spots:
            # A line without a leading TAB continues the cell above (multi-line cell).
            raw += "\n" + line
            spots[-1] = (clean(raw), spots[-1][1])
        else:
            free.append(Cell(clean(line), number, 0, False, line))
    if spots or free:
        yield free, spots, number


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
        if not pending and len(fragment) == width:
            yield fragment  # a fragment that is one row (most): no copies
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
