"""Indicator tables read straight from the grids of a Word, Excel, HTML or PDF file.

The office readers give paragraphs and tables whose merged positions are marked ("the cell to the
left / above spans this place", not an empty cell; :mod:`jixiao.read.blocks`). Every table is
looked at here, and each indicator table among them — found by its header (三级指标/指标名称 and a
value column, :mod:`jixiao.read.indicator_header`) — becomes a section:

* the form above the header, in the same table or in a table of its own just before it, gives the
  project's name, units, amounts and goal: a label takes the cell to its right, or the cell below
  when its row is a row of labels over a row of values; every labelled cell is kept in the fields;
* a header may be written over up to three rows: a word broken over them (指标 over 值, 年度指标 over
  值), a cell over several columns naming their values (指标值 over 比较符 | 数值 | 计量单位, over
  实施期 | 年度) or saying whose they are (中期目标 over 三级指标 | 指标值);
* the header gives the columns their roles; a column whose header names no known role gets one
  from the words of its name (全年完成值 is the actual, 中期目标值 the period target) or from what it
  holds (comparators are a 比较符 column, category names before the name a category column), and
  of several target columns the 年度 one is the target;
* every row below is an indicator: a 一级/二级 cell written once (merged over its rows, or left blank
  below) carries down, a level 2 alone gives its level 1, split value columns join into the target
  as comparator, value and unit;
* a header repeated further down (a page break) goes on with the same section, a new form above it
  starts the next one; a total or a note (合计, 说明 …) ends the rows; a 中长期 table and a 年度 table
  of one project — one after another, one under another in a table each under its title, or two
  blocks of columns side by side under one header — are one section, the year's values its
  targets and the period's its 实施期指标值.

Tables that are no indicator tables (the income and spending tables of a budget book) are skipped
and named in the explanation. A header lacking its name or value column, a column not read and a
row without a name are findings at their place in the file, never a silently wrong table.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from jixiao.findings import FIELD_LABELS, Finding, Severity
from jixiao.lazy_re import compile_later
from jixiao.model.categories import clean_label, is_level1, is_level2, normalise_level1, normalise_level2, parent_of
from jixiao.model.document import Amounts, DocKind, Document, Indicator, Money, Section, SectionKind, TextBlock, Unit
from jixiao.model.source import Origin, Source
from jixiao.read.base import ReadResult, problem
from jixiao.read.grid import clean
from jixiao.read.indicator_header import (
    ACTUAL, BASIS, COMPARATOR, CYCLE, DESCRIPTION, DEVIATION, GROUP, LEVEL1, LEVEL2, LEVEL3, MEASURE, NUMBER,
    SCORE, SEQ, TARGET, VALUE_FIELDS, WEIGHT, column_field, fold, is_header, missing, strength,
)
from jixiao.read.indicator_preamble import FORM_LABELS, LABELLED, PROJECT_LABELS, money_unit
from jixiao.read.blocks import ABOVE, LEFT, Block, Paragraph, Table
from jixiao.read.patterns import PAGE_NUMBER, YEAR
from jixiao.read.tabbed import DEPARTMENT_SECTION
from jixiao.values.parse import is_comparator, is_placeholder, parse_target

NAME = "target_tables"
DESCRIPTION_TEXT = "办公文件中的绩效指标表（按表格读取：项目表单、合并单元格、一页多表）"

_ROLES = {LEVEL1, LEVEL2, LEVEL3, DESCRIPTION, TARGET, CYCLE, BASIS, WEIGHT, ACTUAL, SCORE, DEVIATION,
          COMPARATOR, NUMBER, MEASURE, SEQ, GROUP}
_VALUES = (TARGET, CYCLE, NUMBER, ACTUAL, SCORE, WEIGHT)
_ROLE_NAMES = {CYCLE: FIELD_LABELS["cycle_target"], COMPARATOR: "比较符", NUMBER: "数值", MEASURE: "计量单位",
               SEQ: "序号", GROUP: "分组标题"}
# 管理类指标, 社会效益目标: a category the standard does not name
_CATEGORY = compile_later(r"^[\u4e00-\u9fff、]{1,12}(?:指标|目标)$")
# 指标1:, 1., (1): a row label written in a cell of its own before the name
_ROW_LABEL = re.compile(r"^(?:指标|目标)?[（(]?\d{1,3}[）)]?[:：.、]?$")
_ROWS_END = re.compile(r"^(?:合计|总计|总分|得分合计|自评总分|说明|备注|注|填表人|填报人|审核人|联系人|联系电话)(?:[：:].*)?$")
# A money label: its value is an amount (项目资金总额, 其中：财政资金, 全年预算数（A）, 项目总预算).
_TOTAL = re.compile(r"资金总额|资金申请总额|总预算|^全年预算数$|^年度预算数?$|^预算数$|^项目当年预算$")
_FISCAL = re.compile(r"^(?:当年)?财政(?:资金|拨款)(?:资金)?$")
_OTHER = re.compile(r"^其他资金$")
_BUDGET_COLUMN = re.compile(r"预算数?$|金额$")  # 全年预算数, 年初预算数, 预算金额: not 执行数, 分值
_PREFIX = re.compile(r"^其中[：:]?")
_YEAR_VALUE = re.compile(r"^((?:19|20)\d{2})$")  # 年度 | 2023


def _is_number(text: str) -> bool:
    return Money.parse(text).exact


def _role_name(role: str) -> str:
    return _ROLE_NAMES.get(role) or FIELD_LABELS.get(role, role)


# -- the grid ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Grid:
    """One table with its merged positions resolved to the cell that spans them."""

    table: Table
    index: int  # 1-based among the file's tables
    width: int = 0

    def __post_init__(self) -> None:
        self.width = max((len(row) for row in self.table.rows), default=0)

    def __len__(self) -> int:
        return len(self.table.rows)

    def merged(self, r: int, c: int) -> str:
        row = self.table.rows[r]
        return row[c].merged if c < len(row) else ""

    def anchor(self, r: int, c: int) -> tuple[int, int]:
        """The position of the real cell that covers (r, c)."""
        while (kind := self.merged(r, c)) and (r if kind == ABOVE else c) > 0:
            r, c = (r - 1, c) if kind == ABOVE else (r, c - 1)
        return r, c

    def text(self, r: int, c: int) -> str:
        """Text of the cell covering (r, c), wherever that cell starts."""
        return self.own(*self.anchor(r, c))

    def own(self, r: int, c: int) -> str:
        """Text of a cell that starts at (r, c); '' for an empty or a merged position."""
        row = self.table.rows[r]
        return clean(row[c].text) if c < len(row) and not row[c].merged else ""

    def cells(self, r: int) -> list[tuple[int, str]]:
        """(column, text) of the non-empty cells that start in row ``r``."""
        return [(c, text) for c in range(self.width) if (text := self.own(r, c))]

    def origin(self, r: int, c: int | None = None) -> Origin:
        return self.table.origin(r, None if c is None else c + 1)


# -- headers and column roles -----------------------------------------------------------------


@dataclass(slots=True)
class _Header:
    row: int
    depth: int  # how many rows the header is written over
    fields: dict[int, str]  # grid column → field named above it
    cells: list[tuple[int, list[int], str]]  # (column, columns it spans, text) of each header cell
    # grid column → words over its own cell saying whose values the column holds (中期目标 over 三级指标 | 指标值)
    over: dict[int, str] = field(default_factory=dict)


def _fields(grid: _Grid, r: int, own: bool) -> dict[int, str]:
    read = grid.own if own else grid.text
    return {c: f for c in range(grid.width) if (f := column_field(read(r, c)))}


def _header_at(grid: _Grid, r: int) -> _Header | None:
    """The header starting at row ``r``: one row, and each row below it in which every cell that
    starts there names a column, alone or with the cell above it (指标值 over 比较符 | 数值 |
    计量单位, 指标 over 值, 中期目标 over 三级指标 | 指标值)."""
    fields, depth = _named(_fields(grid, r, own=False)), 1
    if not fields and not _qualifiers(grid, r):
        return None
    labels: dict[int, str] = {}
    over: dict[int, str] = {}
    while depth < _MAX_DEPTH and r + depth < len(grid) and (stacked := _stacked(grid, r + depth - 1)) is not None \
            and _is_header(grid, r + depth, both := _named({**fields, **stacked[0]})):
        fields, depth = both, depth + 1
        labels.update(stacked[1])
        over.update(stacked[2])
    if not fields or not _is_header(grid, r + depth - 1, fields):
        return None
    return _Header(r, depth, fields, _header_cells(grid, r, depth, labels), over)


_MAX_DEPTH = 3  # header rows: 绩效指标 over 一级指标 | … | 指标值 over 比较符 | 数值 | 计量单位

# Words of a cell over a block of columns saying whose values they are: the whole period's or the year's.
_QUALIFIER = re.compile("中长期|中期|实施期|实施周期|年度|当年")


def _spans(grid: _Grid, r: int, c: int) -> bool:
    """Whether the cell covering (r, c) covers other columns too."""
    first = grid.anchor(r, c)[1]
    return first != c or (c + 1 < grid.width and grid.merged(r, c + 1) == LEFT)


def _qualifiers(grid: _Grid, r: int) -> bool:
    """A row of short cells over blocks of columns, naming no column themselves (中期目标 | 年度目标):
    the upper row of a header. One cell across the whole table is its title (2023年度绩效目标)."""
    cells = grid.cells(r)
    whole = len(cells) == 1 and all(grid.anchor(r, c) == grid.anchor(r, cells[0][0]) for c in range(grid.width))
    return bool(cells) and not whole and all(
        len(fold(text)) <= _HEADER_LENGTH and _QUALIFIER.search(text) and _spans(grid, r, c) for c, text in cells)


def _stacked(grid: _Grid, r: int) -> tuple[dict[int, str], dict[int, str], dict[int, str]] | None:
    """The fields of the row below ``r`` when every cell starting there names a column alone or
    with the cell above it — a word broken over the rows (指标 over 值, 年度 over 指标值), or a cell
    over several columns that qualifies them (指标值 over 中期 | 年度, 中期目标 over 指标值, the
    whole period's) — with the labels put together and the qualifying words; None when it is no
    header row."""
    owned = grid.cells(r + 1)
    if not owned:
        return None
    fields: dict[int, str] = {}
    labels: dict[int, str] = {}
    over: dict[int, str] = {}
    for c, lower in owned:
        upper, spans = grid.text(r, c), _spans(grid, r, c)
        joined = lower + upper if spans else upper + lower
        if upper and (role := column_field(joined)):
            fields[c], labels[c] = role, joined
        elif role := column_field(lower):
            if _QUALIFIER.search(upper):  # over a block, or a title in its first cell only
                over[c] = upper
                role = CYCLE if role == TARGET and _PERIOD.search(upper) else role
                if spans and role in VALUE_FIELDS:
                    labels[c] = f"{upper} {lower}"
            fields[c] = role
        elif spans and column_field(upper) in VALUE_FIELDS and (role := _word_role(joined, {})):
            fields[c], labels[c] = role, joined
        else:
            return None
    return fields, labels, over


def _named(fields: dict[int, str]) -> dict[int, str]:
    """The fields, with a 绩效指标 column right of the categories as the name column (一级指标 |
    二级指标 | 绩效指标 | 指标值) where no column is named 三级指标/指标名称."""
    categories = [c for c, f in fields.items() if f in (LEVEL1, LEVEL2)]
    if LEVEL3 in fields.values() or not categories:
        return fields
    return {c: LEVEL3 if f == GROUP and c > max(categories) else f for c, f in fields.items()}


def _is_header(grid: _Grid, r: int, fields: dict[int, str]) -> bool:
    """A header names a name and a value column; a value column may be named by its words
    (指标目标值, 全年目标值)."""
    worded = {c: role for c in range(grid.width) if c not in fields and (role := _word_role(grid.text(r, c), {}))}
    return is_header({**fields, **worded})


def _header_cells(grid: _Grid, r: int, depth: int, labels: dict[int, str]) -> list[tuple[int, list[int], str]]:
    """Each header cell with the grid columns below it (a merged header cell spans several), named
    as ``labels`` put it together from two rows."""
    cells: dict[tuple[int, int], list[int]] = {}
    for c in range(grid.width):
        cells.setdefault(grid.anchor(r + depth - 1, c), []).append(c)
    return [(cols[0], cols, " ".join(labels.get(cols[0], grid.text(*key)).split()))  # a wrapped name on one line
            for key, cols in sorted(cells.items(), key=lambda item: item[1][0])]


@dataclass(slots=True)
class _Line:
    """One indicator row: by header cell (its first column), the text and whether the place is
    merged from the row above."""

    grid: _Grid
    row: int  # the grid row it starts in
    cells: dict[int, tuple[str, bool]]
    pieces: int = 1  # grid rows it was put together from
    label: str = ""  # a row label (指标1:) in a cell of its own under the name's header
    extra: list[tuple[int, str]] = field(default_factory=list)  # (column, text): a second cell under one header cell

    def text(self, first: int) -> str:
        return self.cells.get(first, ("", False))[0]

    def above(self, first: int) -> bool:
        return self.cells.get(first, ("", False))[1]


def _lines(grid: _Grid, header: _Header, rows: list[int]) -> list[_Line]:
    """The rows under a header, cell by header cell. A row whose last cell spans header columns
    and the short rows after it are one row broken into pieces (a Word table written from text
    broken at blank lines) when their cells together fill the header exactly."""
    firsts = [first for first, _, _ in header.cells]

    def short(r: int) -> bool:
        return any(grid.merged(r, f) == LEFT for f in firsts)

    def places(r: int) -> list[tuple[int, int]]:
        return [(r, c) for c in range(grid.width) if grid.merged(r, c) != LEFT]

    out, i = [], 0
    while i < len(rows):
        r, j, pieces = rows[i], i, []
        while j < len(rows) and short(rows[j]) and len(pieces) < len(firsts):
            pieces += places(rows[j])
            j += 1
        if j - i > 1 and len(pieces) == len(firsts):
            cells = {f: (grid.own(*p), grid.merged(*p) == ABOVE) for f, p in zip(firsts, pieces)}
            out.append(_Line(grid, r, cells, j - i))
            i = j
            continue
        line = _Line(grid, r, {})
        for first, cols, _ in header.cells:
            texts = [(c, t) for c in cols if (t := grid.own(r, c))]
            if len(texts) > 1 and _ROW_LABEL.match(texts[0][1]):
                line.label = texts.pop(0)[1]
            line.cells[first] = (texts[0][1] if texts else "", grid.merged(r, first) == ABOVE)
            line.extra += texts[1:]
        out.append(line)
        i += 1
    return out


@dataclass(slots=True)
class _Columns:
    roles: dict[str, list[int]] = field(default_factory=dict)  # role → the grid columns under its header cell
    chosen: list[tuple[int, str]] = field(default_factory=list)  # (column, how it was taken), for the explanation
    unread: list[tuple[int, str, str]] = field(default_factory=list)  # (column, header text, why)


def _columns(header: _Header, lines: list[_Line]) -> _Columns:
    out = _Columns()
    labels = {first: label for first, _, label in header.cells}
    guessed = []
    for first, cols, label in header.cells:
        role = header.fields.get(first, "")
        if role not in _ROLES:
            guessed.append((first, cols, label))
        elif role not in out.roles:
            out.roles[role] = cols
        elif role == TARGET and "年度" in fold(label) and "年度" not in fold(labels[out.roles[role][0]]):
            out.unread.append((out.roles[role][0], labels[out.roles[role][0]], "另有年度指标值列"))
            out.roles[role] = cols
        else:
            out.unread.append((first, label, f"与前面的“{_role_name(role)}”列重复"))
    name = out.roles[LEVEL3][0]
    after = next((g for g in guessed if g[0] > name), None)
    labelled = [line for line in lines if _ROW_LABEL.match(line.text(name))]
    if after and not after[2] and len(labelled) > 1 and all(line.text(after[0]) for line in labelled):
        # 三级指标 over 指标1: | 城市低保 (a header cell drawn over two columns): labels, then names
        out.roles[SEQ], out.roles[LEVEL3] = out.roles[LEVEL3], after[1]
        name = after[0]
        out.chosen.append((after[0], f"第{after[0] + 1}列（无列名）按内容={_role_name(LEVEL3)}"))
        guessed.remove(after)
    for first, cols, label in guessed:
        values = [text for line in lines if (text := line.text(first))]
        if role := _word_role(label, out.roles):
            out.roles[role] = cols
            out.chosen.append((first, f"第{first + 1}列“{label}”按列名中的词={_role_name(role)}"))
        elif role := _content_role(values, first < name, out.roles):
            out.roles[role] = cols
            out.chosen.append((first, f"第{first + 1}列“{label or '（无列名）'}”按内容={_role_name(role)}"))
        elif values:
            out.unread.append((first, label, "不是已知的指标表列名" if label else "没有列名"))
    if NUMBER in out.roles and TARGET in out.roles:  # with 数值 beside it, 指标值 only says the same
        first = out.roles.pop(TARGET)[0]
        out.unread.append((first, labels[first], "已有“数值”列"))
    named = {cols[0] for cols in out.roles.values()} - {c for c, _ in out.chosen}
    out.chosen += [(c, f"第{c + 1}列“{labels[c]}”={_role_name(header.fields[c])}") for c in named
                   if header.fields[c] != GROUP]
    out.chosen.sort()
    return out


# Words in a column name that is no known name (全年完成值, 中期目标值, 自评分数), first match wins.
_HEADER_WORDS = ((DEVIATION, re.compile("偏差|原因")), (BASIS, re.compile("依据")),
                 (CYCLE, re.compile("中期|实施期|周期|中长期")), (ACTUAL, re.compile("完成|实际")),
                 (SCORE, re.compile("得分|评分$")), (WEIGHT, re.compile("权重|分值")),
                 (TARGET, re.compile("指标值$|目标值$")))


_HEADER_LENGTH = 20  # a longer cell is no column name


def _word_role(label: str, taken: dict[str, list[int]]) -> str:
    """The role a column name that is no known name says by its words ('' when none or taken)."""
    key = fold(label)
    if not key or len(key) > _HEADER_LENGTH:
        return ""
    role = next((role for role, words in _HEADER_WORDS if words.search(key)), "")
    return "" if role in taken else role


def _content_role(values: list[str], before_name: bool, taken: dict[str, list[int]]) -> str:
    """The role a column without a known header plays, told by its cells ('' when none)."""
    if not values:
        return ""
    if all(column_field(v) == GROUP for v in values):  # 绩效指标 down the side of a form
        return GROUP
    if COMPARATOR not in taken and all(is_comparator(v) or is_placeholder(v) for v in values) \
            and any(is_comparator(v) for v in values):
        return COMPARATOR
    if before_name and all(_is_category(v) for v in values):
        return next((role for role in (LEVEL1, LEVEL2) if role not in taken), "")
    return ""


def _is_category(text: str) -> bool:
    """产出指标, 数量指标, 管理类指标, 产出指标（50分）: a category name, notes in brackets aside."""
    key = fold(text)
    return is_level1(key) or is_level2(key) or bool(_CATEGORY.match(key))


# -- the form above a table -------------------------------------------------------------------


@dataclass(slots=True)
class _Form:
    """What the rows above an indicator table say: labelled values and other text."""

    labelled: dict[str, tuple[str, Origin]] = field(default_factory=dict)  # label as written → value
    # a budget block: (row label, column label) → amount (年度资金总额 × 全年预算数 → 120)
    matrix: dict[tuple[str, str], tuple[str, Origin]] = field(default_factory=dict)
    texts: list[tuple[str, Origin]] = field(default_factory=list)  # cells that are no label or value

    def add(self, label: str, value: str, origin: Origin) -> bool:
        """Keep a label's value; a label met again keeps its first (其他资金 twice in a form)."""
        label = " ".join(label.split())
        if label in self.labelled:
            return False
        self.labelled[label] = (value, origin)
        return True

    def _of(self, kind: str) -> list[tuple[str, str, Origin]]:
        """(label, value, origin) of the labels of a kind (see FORM_LABELS), or under one."""
        return [(label, value, origin) for label, (value, origin) in self.labelled.items()
                if any(_label(part) in FORM_LABELS[kind] for part in label.split("/"))]

    def first(self, kind: str) -> str:
        """The value of the first label of a kind; of goals a 年度 one first."""
        found = self._of(kind)
        if kind == "goal":
            found.sort(key=lambda item: "年度" not in item[0])
        return found[0][1] if found else ""

    def origin(self, kind: str) -> Origin | None:
        return next((origin for _, _, origin in self._of(kind)), None)

    def money(self, pattern: re.Pattern[str], source: Source) -> Money | None:
        """The amount of a money label: in a budget block its row's amount in the budget column
        (全年预算数 before 年初预算数), else the label's own value."""
        found = [(value, origin) for (row, column), (value, origin) in
                 sorted(self.matrix.items(), key=lambda item: "全年" not in item[0][1])
                 if pattern.search(_label(row)) and _BUDGET_COLUMN.search(_label(column))]
        found += [(value, origin) for label, (value, origin) in self.labelled.items()
                  if pattern.search(_label(label)) and _is_number(value)]
        return Money.parse(found[0][0], Source(source.file, source.table, origin=found[0][1])) if found else None

    def money_unit(self) -> str:
        texts = [*self.labelled, *(value for value, _ in self.labelled.values()), *(t for t, _ in self.texts)]
        return next((u for text in texts if (u := money_unit(text))), "")


def _label(text: str) -> str:
    """A label's matching form; the stray bracket a nested note leaves (（A）（…（…）） ) goes too."""
    return _PREFIX.sub("", fold(text)).strip("（）()")


def _is_label(text: str) -> bool:
    key = _label(text)
    return any(key in labels for labels in FORM_LABELS.values()) or bool(_TOTAL.search(key) or _OTHER.match(key))


_LABEL_LENGTH = 12  # a word over a value is no longer than this (a unit's full name is a value)
_FORM_LABEL_LENGTH = 30  # a longer cell is text, never a label


def _over_value(grid: _Grid, r: int, c: int, text: str) -> bool:
    """Whether a cell is a label over its value: a known label, or a word over a number that no
    word beside it claims (全年执行数（B） over 6643, right of the number 7574)."""
    if _is_label(text):
        return True
    if r + 1 >= len(grid) or len(text) > _LABEL_LENGTH or any(ch.isdigit() for ch in text):
        return False
    left = [t for k, t in grid.cells(r + 1) if k < c]
    return _is_number(grid.own(r + 1, c)) and (not left or _is_number(left[-1]))


def _label_row(grid: _Grid, r: int, cells: list[tuple[int, str]]) -> bool:
    """Whether a row is short words over longer values (全年绩效目标 | 全年目标实际完成情况 over the
    two goal texts), a label spanning the rows below (the row group's) aside."""
    below = [(text, grid.own(r + 1, c)) for c, text in cells if r + 1 < len(grid) and grid.merged(r + 1, c) != ABOVE]
    return bool(below) and all(
        value and not _is_label(value) and len(value) > len(text) <= _LABEL_LENGTH
        and not any(ch.isdigit() for ch in text) for text, value in below)


def _budget_block(grid: _Grid, r: int, stop: int, cells: list[tuple[int, str]]
                  ) -> tuple[dict[tuple[str, str], tuple[str, Origin]], int]:
    """A row of column labels over rows of one label and amounts (年初预算数 | 全年预算数 … over
    年度资金总额 | 120 | 120 …): (row label, column label) → amount, and the block's last row."""
    heads = {c: text for c, text in cells
             if not any(ch.isdigit() for ch in text) and not (r + 1 < len(grid) and grid.merged(r + 1, c) == ABOVE)}
    out: dict[tuple[str, str], tuple[str, Origin]] = {}
    end = r
    for below in range(r + 1, stop if len(heads) > 1 else r + 1):
        labels = [(c, t) for c, t in grid.cells(below) if not any(ch.isdigit() for ch in t)]
        amounts = [(c, t) for c, t in grid.cells(below) if c in heads and any(ch.isdigit() for ch in t)]
        if len(labels) != 1 or labels[0][0] in heads or len(amounts) < (1 if out else 2):
            break
        for c, text in amounts:
            out[" ".join(labels[0][1].split()), heads[c]] = (text, grid.origin(below, c))
        end = below
    return out, end


def _read_form(grid: _Grid, rows: range, form: _Form) -> None:
    """Label → value pairs of the form rows: a value stands right of its label, or below it when
    the row is a row of labels (over a row of values); a cell that is neither is text."""
    taken: set[tuple[int, int]] = set()  # values already paired with a label above them
    group: tuple[int, str, int] | None = None  # (column, label, row) of a known label over the rows beside it
    block_end = -1
    for r in rows:
        if r <= block_end:
            continue
        if group and grid.merged(r, group[0]) != ABOVE and group[2] != r:
            group = None
        cells = [(c, text) for c, text in grid.cells(r) if (r, c) not in taken]
        block, block_end = _budget_block(grid, r, rows.stop, cells)
        for (row, column), (value, origin) in block.items():
            form.matrix[row, column] = (value, origin)
            form.add(f"{row}/{column}", value, origin)
        if block:  # the block's own title (项目资金（万元）) is text: it gives the money unit
            heads = {column for _, column in block}
            form.texts += [(text, grid.origin(r, c)) for c, text in cells if text not in heads]
            continue
        labels = _label_row(grid, r, cells)
        k = 0
        while k < len(cells):
            c, text = cells[k]
            right = cells[k + 1] if k + 1 < len(cells) else None
            # a cell followed by a number is that number's label, not the value of the cell before it
            right_labels = right and (labels or _over_value(grid, r, *right) or (
                k + 2 < len(cells) and _is_number(cells[k + 2][1]) and not _is_number(right[1])))
            label = f"{group[1]}/{text}" if group else text  # 年度总体目标/预期目标
            if right and not right_labels and (_is_label(text) or not _is_number(text)) and len(text) <= _FORM_LABEL_LENGTH:
                form.add(label, right[1], grid.origin(r, right[0]))
                k += 2
                continue
            below = grid.own(r + 1, c) if r + 1 < rows.stop else ""
            if below and (labels or _over_value(grid, r, c, text)) and not _is_label(below):
                if form.add(label, below, grid.origin(r + 1, c)):
                    taken.add((r + 1, c))
            elif _is_label(text) and not below and r + 1 < len(grid) and grid.merged(r + 1, c) == ABOVE:
                group = (c, text, r)
            else:
                form.texts.append((text, grid.origin(r, c)))
            k += 1


# -- reading ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Target:
    """One indicator table: its header, the form above it and its rows (a table, a row index)."""

    grid: _Grid
    header: _Header
    columns: _Columns
    lines: list[_Line]
    form: _Form
    title: str = ""
    period: bool | None = None  # as its header says: the whole period's values (True), the year's (False)


@dataclass(slots=True)
class GridReading:
    """The grid reading of one office file: a result, and what it saw, for ``read --explain``."""

    result: ReadResult
    explain: list[str]

    @property
    def indicators(self) -> list[Indicator]:
        return [i for d in self.result.documents for s in d.sections for i in s.indicators]

    @property
    def placed(self) -> int:
        """Indicators whose cells stand in their columns (see :func:`_clean`)."""
        return sum(1 for i in self.indicators if _clean(i))

    def missing_from(self, other: ReadResult) -> int:
        """How many of this reading's indicators (categories, name, targets) and projects (name,
        amount) ``other`` lacks or reads differently: a text reading that has them all read the
        tables as well as this one. Rows whose cells do not stand in their columns are left out."""
        theirs = [s for d in other.documents for s in d.sections]
        indicators = Counter(_key(i) for s in theirs for i in s.indicators)
        # a project with an amount must be there with that amount; one without, by its name
        projects = Counter(_project(s) for s in theirs) + Counter(s.name for s in theirs)
        mine = [s for d in self.result.documents for s in d.sections if s.kind == SectionKind.PROJECT]
        return (sum((Counter(_key(i) for i in self.indicators if _clean(i)) - indicators).values())
                + sum((Counter(_project(s) if s.amounts.total else s.name for s in mine) - projects).values()))


def _project(section: Section) -> tuple[str, object]:
    return section.name, section.amounts.total.value if section.amounts.total else None


def _clean(indicator: Indicator) -> bool:
    """Whether a row's cells stand in their columns: a name that is no category, categories that
    are (a row shifted by a column is read, with a finding, but proves nothing)."""
    return bool(indicator.level3) and not _is_category(indicator.level3) and all(
        not raw or _is_category(raw) for raw in (indicator.level1_raw, indicator.level2_raw))


def _key(indicator: Indicator) -> tuple[str, str, str, str, str]:
    return (normalise_level1(fold(indicator.level1)), normalise_level2(fold(indicator.level2)), clean_label(indicator.level3),
            clean_label(indicator.target_raw), clean_label(indicator.cycle_target_raw))


# A paragraph this short right above a table is its title; a longer one (unless labelled) is prose.
_TITLE_LENGTH = 40


def read_target_tables(blocks: list[Block], name: str) -> GridReading:
    """Every indicator table among the blocks of an office file, as sections of one document."""
    explain: list[str] = []
    findings: list[Finding] = []
    targets: list[_Target] = []
    notes: list[Paragraph] = []  # the paragraphs since the table before: a title, labelled lines of a form
    previous: _Grid | None = None  # a table just before (titles between), which may be the next one's form
    going_on: _Target | None = None  # the indicator table the block before ended with
    count = 0
    for block in blocks:
        if isinstance(block, Paragraph):
            if not _spilled(block.text):
                going_on = None
            if len(block.text.strip()) > _TITLE_LENGTH and not _labelled(block.text):
                notes, previous = [], None  # prose: not between a form and its table
            else:
                notes.append(block)
            continue
        count += 1
        grid = _Grid(block, count)
        rows_before = len(going_on.lines) if going_on else 0
        found = _targets(grid, previous, notes, going_on, findings, name)
        added = len(going_on.lines) - rows_before if going_on else 0
        explain += _describe(grid, found, findings, name) if found or not added else \
            [f"{grid.table.part}：接着前一个指标表（跨页），{added} 行"]
        targets += found
        going_on = found[-1] if found else going_on if added else None
        previous = None if found else grid
        notes = []
    for target in targets:
        _unread(target, findings, name)
    document = _document(targets, name, findings)
    return GridReading(ReadResult([document] if document.sections else [], findings), explain)


_SIDE_LABEL = "绩效指标"  # the form's label down the side of its indicator rows (not 年度绩效指标, a title)


def _spilled(text: str) -> bool:
    """A page number, or category words a merged cell left outside the table where a page breaks
    it (产出指标, 数量指标): the table may go on on the next page."""
    words = text.split()
    return bool(words) and (PAGE_NUMBER.match(text.strip()) is not None
                            or all(is_level1(k := fold(w)) or is_level2(k) or k == _SIDE_LABEL for w in words))


def _continued(grid: _Grid, going_on: _Target, findings: list[Finding], file: str) -> int:
    """A table without a header as wide as the indicator table just before it, and whose rows have
    names and targets in that table's columns, is that table going on after a page break: its rows
    join it. Returns the row where the rest of the table begins (0: not a continuation)."""
    if grid.width != going_on.grid.width or _header_at(grid, 0) is not None:
        return 0
    rows, end = _data_rows(grid, going_on.header, findings, file, start=0)
    lines = _lines(grid, going_on.header, rows)
    name, target = going_on.columns.roles[LEVEL3][0], going_on.columns.roles.get(TARGET, [None])[0]
    whole = sum(1 for line in lines if line.text(name) and not _is_category(line.text(name))
                and (target is None or line.text(target)))
    # a row of categories only (经济效益指标 with no indicator under it) says nothing either way
    said = sum(1 for line in lines if line.text(name) or (target is not None and line.text(target)))
    if not said or whole * 2 < said:
        return 0
    roles = going_on.columns.roles
    if LEVEL1 in roles and LEVEL2 in roles:
        # a category cell merged over the page break writes its text again on the new page: the
        # same level 1 goes on, with the level 2 it had
        one, two = roles[LEVEL1][0], roles[LEVEL2][0]
        level1 = level2 = ""
        for line in going_on.lines:  # the categories in effect at the end, as _indicators carries them
            if text := line.text(one):
                level1, level2 = normalise_level1(fold(text)), ""
            if text := line.text(two):
                level2 = normalise_level2(fold(text))
        before = level1 or parent_of(level2)
        if before and normalise_level1(fold(lines[0].text(one))) == before:
            lines[0].cells[one] = ("", True)
    going_on.lines += lines
    return end


def _labelled(text: str) -> tuple[str, str] | None:
    """标签：值 in a paragraph (项目名称：社区养老补贴), not a money unit line (单位：万元)."""
    match = LABELLED.match(text.strip())
    return (match.group(1).strip(), match.group(2).strip()) if match and match.group(2) and not money_unit(text) \
        else None


def _targets(grid: _Grid, previous: _Grid | None, notes: list[Paragraph], going_on: _Target | None,
             findings: list[Finding], file: str) -> list[_Target]:
    """The indicator tables in one table; a header with no form of its own goes on with the
    indicator table just before (the header repeated after a page break)."""
    out: list[_Target] = []
    form_start = r = _continued(grid, going_on, findings, file) if going_on is not None else 0
    while r < len(grid):
        header = _header_at(grid, r)
        if header is None:
            r += 1
            continue
        rows, end = _data_rows(grid, header, findings, file)
        (header, period), *beside = _side_by_side(header)
        lines = _lines(grid, header, rows)
        form = _Form()
        if previous is not None and not out:
            _read_form(previous, range(len(previous)), form)
            if not any(_is_label(label) for label in form.labelled):
                form = _Form()  # a table of other things, not a form
        if not out:
            for note in notes:
                if pair := _labelled(note.text):
                    form.add(*pair, note.origin)
                elif money_unit(note.text):
                    form.texts.append((note.text.strip(), note.origin))
        _read_form(grid, range(form_start, header.row), form)
        columns = _columns(header, lines)
        last = out[-1] if out else going_on
        # the header repeated (a page break), unless a 中长期 / 年度 title says it is another table
        if last is not None and not form.labelled and last.columns.roles.keys() == columns.roles.keys() \
                and period == last.period and not any(_QUALIFIER.search(text) for text, _ in form.texts):
            last.lines += lines
        else:
            title = next((n.text.strip() for n in reversed(notes) if not _labelled(n.text) and not money_unit(n.text)),
                         "") if not out else ""
            out.append(_Target(grid, header, columns, lines, form, title, period))
        for part, period in beside:
            part_lines = _lines(grid, part, rows)
            out.append(_Target(grid, part, _columns(part, part_lines), part_lines, _Form(), period=period))
        form_start = r = end
    return out


_LEVELS = (LEVEL1, LEVEL2, LEVEL3)


def _side_by_side(header: _Header) -> list[tuple[_Header, bool | None]]:
    """A header naming the indicator columns twice (一级指标 | 二级指标 | 三级指标 | 指标值 | 二级指标 |
    三级指标 | 指标值) holds two blocks of columns side by side, the whole period's and the year's as
    their names or the cells over them say: each block with the columns left of both that the
    second does not repeat (一级指标, 绩效指标). Otherwise the header is one block; when the blocks
    cannot be told apart it stays one, and the repeated columns are findings (see _columns)."""
    names = sorted(c for c, f in header.fields.items() if f == LEVEL3)
    if len(names) < 2:
        return [(header, _block_period(header, set(header.fields)))]
    second = next(c for c in sorted(header.fields) if c > names[0] and header.fields[c] in _LEVELS)
    left = {c for c in header.fields if c < second}
    right = {c: f for c, f in header.fields.items() if c >= second}
    shared = {c for c, f in header.fields.items() if c < names[0] and f not in right.values()}
    blocks = [left, shared | set(right)]
    if not all(is_header({c: f for c, f in header.fields.items() if c in block}) for block in blocks):
        return [(header, None)]  # 指标名称 | 指标内容: two names of one indicator, not two blocks
    periods = [_block_period(header, left), _block_period(header, set(right))]
    if periods[0] is None and periods[1] is not None:
        periods[0] = not periods[1]
    elif periods[1] is None and periods[0] is not None:
        periods[1] = not periods[0]
    if periods[0] is None or periods[0] == periods[1]:
        return [(header, None)]
    return [(_Header(header.row, header.depth, {c: f for c, f in header.fields.items() if c in block},
                     [cell for cell in header.cells if cell[0] in block], header.over), period)
            for block, period in zip(blocks, periods)]


def _block_period(header: _Header, block: set[int]) -> bool | None:
    """Whether a block of columns holds the whole period's values (中期, 实施期) or the year's (年度),
    as its value columns' names or the cells over them say; None when they do not say, or when it
    holds both (实施期指标值 | 年度指标值: each column is read into its field)."""
    roles = {header.fields[c] for c in block if header.fields.get(c) in (TARGET, CYCLE, NUMBER)}
    if roles == {CYCLE}:
        return True
    if CYCLE in roles:
        return None
    words = " ".join([*(header.over.get(c, "") for c in block),
                      *(label for c, _, label in header.cells if c in block and header.fields.get(c) in VALUE_FIELDS)])
    return True if _PERIOD.search(words) else False if "年度" in words else None


def _data_rows(grid: _Grid, header: _Header, findings: list[Finding], file: str,
               start: int | None = None) -> tuple[list[int], int]:
    """The indicator rows under a header (from ``start``: a table going on without its header),
    and where the rest of the table (a total, notes, the next project's form or header) begins."""
    rows = []
    r = header.row + header.depth if start is None else start
    name = min(c for c, f in header.fields.items() if f == LEVEL3)
    while r < len(grid):
        cells = grid.cells(r)
        column, first = cells[0] if cells else (0, "")
        # a form label left of the names (or 项目名称 anywhere) opens the next project's form; under
        # the names it may be an indicator's name
        form = len(cells) > 1 and _is_label(first) and (column < name or _label(first) in PROJECT_LABELS)
        if _header_at(grid, r) is not None or _ROWS_END.match(clean_label(first)) or form:
            break
        rows.append(r)
        r += 1
    if not rows:
        findings.append(problem("JX060", "表头下面没有指标行。", Source(file, grid.index, origin=grid.origin(header.row)),
                                evidence=" | ".join(t for _, _, t in header.cells if t)))
    return rows, r


def _describe(grid: _Grid, found: list[_Target], findings: list[Finding], file: str) -> list[str]:
    where = grid.table.part
    if not found:
        near = max((_fields(grid, r, own=False) for r in range(len(grid))), key=strength, default={})
        if strength(near) >= 2 and (words := "和".join(missing(near))):
            findings.append(problem("JX069", f"这个表格有类似指标表表头的行，但缺少{words}列，没有读取。",
                                    Source(file, grid.index, origin=grid.origin(0))))
            return [f"{where}：有类似表头的行，但缺少{words}列，没有读取"]
        return [f"{where}：不是指标表（没有三级指标/指标名称和指标值表头）"]
    lines = []
    for target in found:
        h = target.header
        rows = "、".join(f"第{grid.table.origin(h.row + k).row}行" for k in range(h.depth))
        project = f"项目“{name}”，" if (name := target.form.first("project")) else ""
        lines.append(f"{where}：{project}{rows}是表头，下面 {len(target.lines)} 行；"
                     f"列：{'；'.join(t for _, t in target.columns.chosen)}")
        lines += [f"  未读取第{c + 1}列“{label}”：{why}" for c, label, why in target.columns.unread]
    return lines


def _unread(target: _Target, findings: list[Finding], file: str) -> None:
    """A column with content that no role reads is a finding (its first cell as evidence)."""
    grid = target.grid
    for c, label, why in target.columns.unread:
        content = next((t for line in target.lines if (t := line.text(c))), "")
        if content:
            where = f"第{c + 1}列“{label}”" if label else f"第{c + 1}列"
            findings.append(problem("JX063", f"{where}{why}，该列内容没有读入。",
                                    Source(file, grid.index, origin=grid.origin(target.header.row, c)),
                                    evidence=content))


# -- the model --------------------------------------------------------------------------------


_PERIOD = re.compile("中长期|中期|实施期|实施周期")  # a table of the targets for the whole period


def _title_words(target: _Target) -> str:
    return " ".join([target.title, *(text for text, _ in target.form.texts)])


def _period_of(target: _Target) -> bool | None:
    """Whether a table holds the whole period's values or the year's, as its header or else its
    title says (None: it does not say)."""
    if target.period is not None:
        return target.period
    words = _title_words(target)
    return True if _PERIOD.search(words) else False if "年度" in words else None


def _period_pair(first: _Target, second: _Target) -> bool:
    """A 中长期 and a 年度 table of one project: two blocks of columns side by side in one table, or a
    second table with no form of its own, one saying it holds the period's values and the other
    the year's."""
    one, two = _period_of(first), _period_of(second)
    beside = first.grid is second.grid and first.header.row == second.header.row
    return (beside or not second.form.labelled) and one is not None and two is not None and one != two


def _join_period(section: Section, period: list[Indicator], annual: list[Indicator], findings: list[Finding]) -> None:
    """The year's rows are the indicators; each takes the period value of the row of its name as
    its 实施期指标值. A period row the year's table lacks is kept with that value only."""
    by_name: dict[str, Indicator] = {}
    for indicator in period:
        by_name.setdefault(clean_label(indicator.level3), indicator)
    for indicator in annual:
        if match := by_name.pop(clean_label(indicator.level3), None):
            indicator.cycle_target_raw = match.target_raw or match.cycle_target_raw  # 指标值, or 中期指标值
    for indicator in by_name.values():
        indicator.cycle_target_raw, indicator.target_raw = indicator.target_raw or indicator.cycle_target_raw, ""
        findings.append(problem("JX063", "中长期指标表中的这个指标在年度指标表中没有，只读入了它的实施期指标值。",
                                indicator.source, evidence=indicator.level3, severity=Severity.HINT,
                                section_name=section.name))
    section.indicators = [*annual, *by_name.values()]


def _sections(targets: list[_Target], file: str, findings: list[Finding]) -> list[Section]:
    """A section per indicator table; a 中长期 and a 年度 table of one project are one section."""
    sections: list[Section] = []
    for k, target in enumerate(targets):
        section = _section(target, str(len(sections) + 1), file, findings)
        if k and sections and _period_pair(targets[k - 1], target):
            earlier = sections[-1]  # it holds the project's form
            period, annual = (earlier, section) if _period_of(targets[k - 1]) else (section, earlier)
            _join_period(earlier, period.indicators, annual.indicators, findings)
            continue
        sections.append(section)
    return sections


def _document(targets: list[_Target], file: str, findings: list[Finding]) -> Document:
    sections = _sections(targets, file, findings)
    forms = [t.form for t in targets]
    texts = list(dict.fromkeys((text, origin) for f in forms for text, origin in f.texts))
    title = next((t.title for t in targets if t.title), "") or next((text for text, _ in texts), "")
    years = [int(m.group(1)) for text in [*(f.first("year") for f in forms), title, *(t for t, _ in texts)]
             if (m := YEAR.search(text) or _YEAR_VALUE.match(text))]
    first = targets[0].grid if targets else None
    return Document(
        DocKind.SELF_EVALUATION if any({ACTUAL, SCORE} & t.columns.roles.keys() for t in targets)
        else DocKind.INDICATOR_TABLE,
        source_file=file,
        title=title,
        organisation=next((v for f in forms for kind in ("organisation", "department", "implementer")
                           if (v := f.first(kind))), ""),
        year=years[0] if years else None,
        money_unit=next((u for f in forms if (u := f.money_unit())), ""),
        units=list(dict.fromkeys(s.unit for s in sections if s.unit.name)),
        sections=sections,
        texts=[TextBlock("", text, Source(file, origin=origin)) for text, origin in texts if text != title],
        source=Source(file, first.index, origin=first.origin(0)) if first else Source(file),
    )


def _section(target: _Target, key: str, file: str, findings: list[Finding]) -> Section:
    form, grid = target.form, target.grid
    project = form.first("project")
    owner = form.first("implementer") or form.first("organisation") or form.first("department")
    source = Source(file, grid.index, origin=form.origin("project") or grid.origin(target.header.row))
    section = Section(
        SectionKind.PROJECT if project else SectionKind.DEPARTMENT,
        project or DEPARTMENT_SECTION,
        form.first("code"),
        key=key,
        unit=Unit.parse(owner) if owner else Unit(),
        amounts=Amounts(form.money(_TOTAL, source), form.money(_FISCAL, source), form.money(_OTHER, source)),
        purpose=form.first("purpose"),
        goal=form.first("goal"),
        fields={label: value for label, (value, _) in form.labelled.items()},
        source=source,
    )
    _indicators(target, section, file, findings)
    return section


def _indicators(target: _Target, section: Section, file: str, findings: list[Finding]) -> None:
    """The rows of a table as indicators; categories carry down until the next one is written."""
    first = {role: cols[0] for role, cols in target.columns.roles.items()}
    name_column = first[LEVEL3]
    level1 = level2 = level1_raw = level2_raw = ""
    for line in target.lines:
        def text(role: str) -> str:
            return line.text(first[role]) if role in first else ""

        one, two = text(LEVEL1), text(LEVEL2)
        if one and is_level2(fold(one)) and not is_level1(fold(one)):  # a category column naming a level 2
            level1_raw = level1 = ""
            two = two or one
        elif one:
            level1_raw, level1 = one, normalise_level1(fold(one))
            level2_raw = level2 = ""
        if two:
            level2_raw, level2 = two, normalise_level2(fold(two))
        grid, r = line.grid, line.row
        # a name merged over several rows names each of them; an empty name cell names none
        name = text(LEVEL3) or (grid.text(r, name_column) if line.above(name_column) else "")
        values = {role: text(role) for role in (*_VALUES, COMPARATOR, MEASURE, DESCRIPTION, BASIS, DEVIATION)}
        if not name and not any(values.values()):
            continue  # a category row only: carried down
        origin = grid.origin(r, name_column)
        section.indicators.append(Indicator(
            level1=level1 or parent_of(level2),
            level2=level2,
            level3=name,
            description=values[DESCRIPTION],
            target_raw=_target(values[COMPARATOR], values[NUMBER] or values[TARGET], values[MEASURE]),
            cycle_target_raw=_target("", values[CYCLE], values[MEASURE]),
            basis=values[BASIS],
            level1_raw=level1_raw,
            level2_raw=level2_raw,
            label=text(SEQ) or line.label,
            weight_raw=values[WEIGHT],
            actual_raw=values[ACTUAL],
            score_raw=values[SCORE],
            deviation=values[DEVIATION],
            source=Source(file, grid.index, origin.row, origin=origin),
        ))
        evidence = " | ".join(t for t, _ in line.cells.values() if t)
        if line.pieces > 1:
            findings.append(problem("JX064", f"这一行被分成了{line.pieces}段，已按表头的{len(line.cells)}列合并为一行。",
                                    Source(file, grid.index, origin.row, origin=origin), evidence=evidence,
                                    severity=Severity.HINT, section_name=section.name,
                                    row_no=len(section.indicators)))
        for column, extra in line.extra:
            findings.append(problem("JX061", f"第{column + 1}列的单元格与左边的单元格同在一个表头下，只读了左边的，这一格没有读入。",
                                    Source(file, grid.index, origin.row, origin=grid.origin(r, column)),
                                    evidence=extra, section_name=section.name, row_no=len(section.indicators)))
        if name and not _clean(section.indicators[-1]):
            findings.append(problem("JX065", "这一行的单元格与表头的列对不上（类别列里不是类别名称，或名称列里是类别名称），"
                                    "请核对这一行。", Source(file, grid.index, origin.row, origin=origin),
                                    evidence=evidence, section_name=section.name, row_no=len(section.indicators)))
        if not name:
            findings.append(problem("JX062", "这一行有指标值等内容，但没有指标名称（三级指标）。",
                                    Source(file, grid.index, origin.row, origin=origin), evidence=evidence,
                                    section_name=section.name, row_no=len(section.indicators)))


def _target(comparator: str, value: str, unit: str) -> str:
    """Split columns joined: ≥ | 95 | % → ≥95%. A comparator column holding 正向 or 无 adds nothing,
    and a unit goes only after a number (合规 | 无 is 合规)."""
    if not value:
        return ""
    if not is_comparator(comparator) or value.startswith(comparator):
        comparator = ""
    if not value[-1].isdigit():
        unit = ""
    return f"{comparator}{value}{unit}"
