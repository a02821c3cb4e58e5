"""The reader contract: each layout family says whether it recognises an input, then extracts it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from jixiao.findings import Finding, Location, Severity
from jixiao.model.document import Document
from jixiao.model.source import Source
from jixiao.read.grid import split_lines


@dataclass(slots=True)
class TextInput:
    """A decoded text file handed to the readers."""

    name: str  # file name used in locations (no directories)
    text: str
    encoding: str = "utf-8"
    lines: list[str] = field(default_factory=list)
    # A user's corrections of column roles: header signature (or ANY_TABLE) → {0-based column: role}.
    corrections: dict[str, dict[int, str]] = field(default_factory=dict)
    # Splittings already built by shared(), keyed by (builder, line count).
    _shared: dict[tuple[Callable, int], Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.lines:
            self.lines = split_lines(self.text)

    def shared(self, build: Callable[[list[str]], Any], limit: int | None = None) -> Any:
        """``build(lines[:limit])``, built once per input and handed to every caller.

        Several readers' identify() split the same head lines the same way (at TABs); building
        that once per file saves most of their work. The result is shared: callers only read it.
        """
        count = len(self.lines) if limit is None else min(limit, len(self.lines))
        key = (build, count)
        if key not in self._shared:
            self._shared[key] = build(self.lines[:count])
        return self._shared[key]


# General readers (any indicator table) score below this; a reader made for one layout that
# recognises its layout scores at or above it, and wins without the general readers being asked.
GENERAL_CEILING = 0.5


@dataclass(frozen=True, slots=True)
class Recognition:
    """How sure a reader is that it can read an input (0 = not at all, 1 = certain), and why."""

    score: float
    reason: str


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
