"""The reader contract: each layout family says whether it recognises an input, then extracts it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Protocol

from jixiao.findings import Finding, Location, Severity
from jixiao.model.document import Document
from jixiao.model.source import Source
from jixiao.read.grid import (Block, Cell, Row, Spot, block_parts, cell_blocks, first_lines, iter_lines,
                              split_lines, tab_rows)

if TYPE_CHECKING:
    from jixiao.read.text_cells import CellText


@dataclass(slots=True)
class TextInput:
    """A decoded text file handed to the readers.

    Readers take its content through the accessors: :meth:`rows` (cells split at TABs, one row a
    line), :meth:`blocks` (the cell-per-line layout), :meth:`cells` (the text-table reader's cell
    stream), and :meth:`free_line` / :meth:`blank` for what the text says around them. An office
    file's input (:class:`jixiao.read.office.TableInput`) builds the same structures from its
    tables, so that readers never split its text.
    """

    name: str  # file name used in locations (no directories)
    text: str
    encoding: str = "utf-8"
    # The text's lines (split_lines), split when first asked for: a reader of blocks takes them
    # from the text a piece at a time (each_block), and never needs them all.
    _lines: list[str] | None = field(default=None, repr=False, compare=False)
    # A user's corrections of column roles: header signature (or ANY_TABLE) → {0-based column: role}.
    corrections: dict[str, dict[int, str]] = field(default_factory=dict)
    # Splittings already built by shared(), keyed by (builder, line count).
    _shared: dict[tuple[Callable, int], Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = split_lines(self.text)
        return self._lines

    def shared(self, build: Callable[[list[str]], Any], limit: int | None = None) -> Any:
        """``build(lines[:limit])``, built once per input and handed to every caller.

        Several readers split the same lines the same way (at TABs); building that once per file
        saves most of their work. The result is shared: callers only read it.
        """
        count = len(self.lines) if limit is None else min(limit, len(self.lines))
        key = (build, count)
        if key not in self._shared:
            self._shared[key] = build(self.lines[:count])
        return self._shared[key]

    def head(self, count: int) -> TextInput:
        """The input's first ``count`` lines, which readers recognise a layout from."""
        lines = self.lines[:count] if self._lines is not None else first_lines(self.text, count)
        return TextInput(self.name, "\n".join(lines), self.encoding, lines)

    # The accessors' results are shared by every reader of the input: callers only read them.

    def rows(self, limit: int | None = None) -> list[Row]:
        """One row per line (of the first ``limit``), cells split at TABs."""
        return self.shared(tab_rows, limit)

    def blocks(self) -> list[Block]:
        """The cell-per-line layout: runs of TAB-led cells and free lines."""
        return self.shared(cell_blocks)

    def each_block(self) -> Iterator[tuple[list[Cell], list[Spot]]]:
        """The free lines and cells' spots of each of :meth:`blocks`, one block at a time, for a
        reader that is done with each block before it takes the next: split as they are taken, so
        that the cells (and lines) of the whole text are not all alive."""
        return map(_FREE_SPOTS, block_parts(iter_lines(self.text) if self._lines is None else self._lines))

    def cells(self) -> CellText:
        """The cells of the text's tables in reading order (:mod:`jixiao.read.text_cells`)."""
        from jixiao.read.text_cells import cells  # the general reader's, imported with it

        return self.shared(cells)

    def mentions(self, word: str) -> bool:
        """Whether the input says ``word`` anywhere (a sign of a layout)."""
        return word in self.text

    def may_hold(self, pattern: re.Pattern[str], times: int = 1) -> bool:
        """False when the text has fewer than ``times`` matches of ``pattern``: a reader whose layout
        needs them somewhere in its lines knows it is not its layout before splitting any line."""
        return next(islice(pattern.finditer(self.text), times - 1, None), None) is not None

    def glued_lines(self) -> list[str]:
        """The lines to read as a table whose cells run together (:mod:`jixiao.read.glued`): none
        when most text lines hold a TAB or a pipe, their cells marked."""
        text = [line for line in self.lines if line.strip()]
        return [] if sum(1 for line in text if "\t" in line or "|" in line) * 2 > len(text) else self.lines

    def free_line(self, line: int) -> str | None:
        """Line ``line`` as written, for readers that place cells by where they stand in it."""
        return self.lines[line - 1]

    def blank(self, line: int) -> bool:
        """Whether line ``line`` is blank (Word's export ends a table row with one)."""
        return not self.lines[line - 1].strip()


_FREE_SPOTS = itemgetter(0, 1)


# General readers (any indicator table) score below this; a reader made for one layout that
# recognises its layout scores at or above it, and wins without the general readers being asked.
GENERAL_CEILING = 0.5


@dataclass(frozen=True, slots=True)
class Recognition:
    """How sure a reader is that it can read an input (0 = not at all, 1 = certain), and why."""

    score: float
    reason: str
    near: str = ""  # what nearly is the reader's layout, said when no reader can read the input


ANY_TABLE = "*"  # a correction for every table of the input


@dataclass(frozen=True, slots=True)
class TableColumns:
    """An indicator table's header as read: the cells, the role of each column and the signature
    that names its layout (the header cells, folded), so that a user's correction of a role can be
    kept and applied to later files of the same layout."""

    signature: str
    names: tuple[str, ...]
    roles: tuple[str, ...]
    line: int = 0


@dataclass(slots=True)
class ReadResult:
    documents: list[Document]
    findings: list[Finding] = field(default_factory=list)
    reader: str = ""
    encoding: str = ""
    explain: list[str] = field(default_factory=list)
    tables: list[TableColumns] = field(default_factory=list)  # the indicator tables' columns


class Reader(Protocol):
    name: str
    description: str

    def identify(self, source: TextInput) -> Recognition: ...

    def extract(self, source: TextInput) -> ReadResult: ...


def problem(
    code: str,
    message: str,
    source: Source,
    *,
    severity: Severity = Severity.WARNING,
    evidence: str = "",
    suggestion: str = "",
    unit: str = "",
    section_code: str = "",
    section_name: str = "",
    row_no: int | None = None,
    field_name: str = "",
) -> Finding:
    """A reading problem (code ``JX0xx``) at a place in the file."""
    return Finding(
        code,
        severity,
        message,
        Location(source, unit, section_code, section_name, row_no, field_name),
        suggestion,
        evidence,
    )
