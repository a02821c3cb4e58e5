"""Helpers for row-per-line TAB tables whose cells drift from column to column (seeds 001, 003).

These exports shift cells left or right from one line to the next, so a cell is recognised by what
it says — a level-1 or level-2 category name, a labelled field, a header word — and not by the
column it happens to stand in.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache

from jixiao.model.categories import is_level1, is_level2, normalise_level1, normalise_level2, parent_of
from jixiao.findings import Finding
from jixiao.model.document import Document, Indicator
from jixiao.model.source import Source
from jixiao.read.base import problem
from jixiao.read.grid import Cell, Row
from jixiao.read.patterns import YEAR

# Header cells of an indicator table (and of the column block above it).
HEADER_WORDS = frozenset(
    {
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "实施周期指标值",
        "年度指标值",
        "绩效指标",
        "年度绩效指标",
        "核心职能",
    }
)

# Name of the section that holds a document-level indicator table (no function, project or task).
DEPARTMENT_SECTION = "部门整体绩效指标"

_TRAILING_NOTE = re.compile(r"\([^()]*\)$")
_WHITESPACE = re.compile(r"\s+")


@lru_cache(maxsize=8192)  # called on every cell of the head lines by two readers' identify()
def label_key(text: str) -> str:
    """Compare labels loosely: no whitespace, ASCII brackets, no trailing colon or ``(可选填)``."""
    key = _WHITESPACE.sub("", text).replace("（", "(").replace("）", ")").rstrip(":：")
    stripped = _TRAILING_NOTE.sub("", key)
    return stripped or key


def labelled_values(row: Row, labels: Collection[str]) -> tuple[list[tuple[Cell, Cell | None]], list[Cell]]:
    """(label, value) for every cell of ``row`` whose :func:`label_key` is in ``labels``, and the
    non-empty cells that are neither (so that a caller can report them).

    The value is the next non-empty cell, unless that cell is itself a label (the field is empty).
    """
    cells = row.nonempty()
    pairs = []
    for i, cell in enumerate(cells):
        if label_key(cell.text) not in labels:
            continue
        nxt = cells[i + 1] if i + 1 < len(cells) else None
        pairs.append((cell, None if nxt is None or label_key(nxt.text) in labels else nxt))
    used = {id(c) for pair in pairs for c in pair if c is not None}
    return pairs, [c for c in cells if id(c) not in used]


def is_header_row(row: Row) -> bool:
    """A row of indicator-table header words only (一级指标 / 三级指标 / 指标值 / 核心职能 …)."""
    words = {label_key(text) for text in row.texts() if text}
    return bool(words) and words <= HEADER_WORDS


def header_columns(row: Row) -> dict[str, int]:
    """Header word → column of a header row (first occurrence)."""
    columns: dict[str, int] = {}
    for cell in row.nonempty():
        columns.setdefault(label_key(cell.text), cell.column)
    return columns


@dataclass(frozen=True, slots=True)
class Heading:
    """The free lines above the table: title, an optional subtitle like ``(2024年度)``, the year."""

    title: str = ""
    subtitle: str = ""
    year: int | None = None
    extra: tuple[Cell, ...] = ()  # further free lines that are neither
    size: int = 0  # how many rows the heading takes

    def apply(self, document: Document, code: str) -> list[Finding]:
        """Set the document's title, year and subtitle; report the other free lines under ``code``."""
        document.title, document.year = self.title, self.year
        if self.subtitle:
            document.fields["subtitle"] = self.subtitle
        return [
            problem(code, "标题下方有一行无法识别的文字，未读取。", Source(document.source_file, 1, None, None, c.line), evidence=c.text)
            for c in self.extra
        ]


def heading(rows: list[Row]) -> Heading:
    """Title and subtitle: the single-cell rows before the first row with TAB-separated cells."""
    free: list[Cell] = []
    for row in rows:
        if len(row) > 1:
            break
        free.append(row.cells[0])
    title = free[0].text if free else ""
    subtitle = free[1].text if len(free) > 1 else ""
    match = YEAR.search(title) or YEAR.search(subtitle)
    return Heading(title, subtitle, int(match.group(1)) if match else None, tuple(free[2:]), len(free))


def is_category(text: str) -> bool:
    return is_level1(text) or is_level2(text)


def leading_categories(cells: list[Cell]) -> list[Cell]:
    """The run of category-name cells at the start of ``cells`` (non-empty cells only)."""
    run = []
    for cell in cells:
        if not is_category(cell.text):
            break
        run.append(cell)
    return run


@dataclass(frozen=True, slots=True)
class LevelChange:
    level1: Cell | None = None
    level2: Cell | None = None
    # The row named only a level-2 that belongs to another level-1 than the one carried down; the
    # level-1 was switched to the level-2's parent (e.g. 社会效益指标 printed before 效益指标).
    inferred_level1: str = ""


@dataclass(slots=True)
class Levels:
    """Level-1 / level-2 labels carried down from row to row (merged cells written once)."""

    level1_raw: str = ""
    level2_raw: str = ""
    inferred_level1: str = field(default="", repr=False)

    @property
    def level1(self) -> str:
        return self.inferred_level1 or normalise_level1(self.level1_raw)

    @property
    def level2(self) -> str:
        return normalise_level2(self.level2_raw)

    def indicator(self, **values: object) -> Indicator:
        """A new indicator under the current levels."""
        return Indicator(
            level1=self.level1,
            level2=self.level2,
            level1_raw=self.level1_raw,
            level2_raw=self.level2_raw,
            **values,  # type: ignore[arg-type]
        )

    def reset(self) -> None:
        self.level1_raw = self.level2_raw = self.inferred_level1 = ""

    def update(self, categories: list[Cell]) -> LevelChange:
        """Take the level labels of one row (as found by :func:`leading_categories`).

        成本指标 and 满意度指标 are names of both levels: such a cell is the level-1 when another
        category follows it in the row, else the level-2 when it belongs under the level-1 already
        given, else the level-1.
        """
        one: Cell | None = None
        two: Cell | None = None
        for i, cell in enumerate(categories):
            as1, as2 = is_level1(cell.text), is_level2(cell.text)
            if as1 and not as2:
                one = cell
            elif as2 and not as1:
                two = cell
            elif i + 1 < len(categories):
                one = cell
            elif one is not None or parent_of(normalise_level2(cell.text)) == self.level1:
                two = cell
            else:
                one = cell
        inferred = ""
        if one is not None:
            if normalise_level1(one.text) != self.level1:
                self.level2_raw = ""
            self.level1_raw, self.inferred_level1 = one.text, ""
        if two is not None:
            self.level2_raw = two.text
            parent = parent_of(self.level2)
            if one is None and parent and parent != self.level1:
                if self.level1:
                    inferred = parent  # a contradiction worth reporting; a first row is not
                self.level1_raw, self.inferred_level1 = "", parent
        return LevelChange(one, two, inferred)
