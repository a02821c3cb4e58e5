"""One project table of a project-target book (``N.<项目名>绩效目标表``, seed 002), cell per line.

The cells above the indicator header are read by label, not by position, so that missing or
extra cells do not shift the rest: ``项目编码`` / ``项目名称`` / ``预算数`` / ``其中：财政资金`` /
``其他资金`` take the cell after them; ``资金支出计划（%）`` takes its checkpoint cells
(``3月底`` …) and then one value per checkpoint; ``绩效目标`` takes what follows. The 资金用途 row
has no label of its own (its label is the merged ``预算规模及资金用途`` cell), so unlabelled cells
inside the budget block are the purpose. Cells before the first label are the org line and
``单位：万元``.

Below the header ``一级指标 … 指标值确定依据`` rows are rebuilt from blank-line fragments
(:func:`~jixiao.read.grid.join_fragments`); level-1/level-2 cells are written once and carried down.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.findings import Finding, Severity
from jixiao.model.document import Indicator, Money, PlanPoint, Section, SectionKind, Unit
from jixiao.model.source import Source
from jixiao.read import indicator_header as col
from jixiao.read.base import problem
from jixiao.read.grid import Spot, join_fragments
from jixiao.read.tabbed import Levels, is_category

# Slots of the labelled cells above the indicator table.
CODE, NAME, GROUP, TOTAL, FISCAL, OTHER, PURPOSE, PLAN, GOAL = (
    "code", "name", "group", "total", "fiscal", "other", "purpose", "plan", "goal")
_LABELS: dict[str, str] = {
    "项目编码": CODE, "项目代码": CODE, "项目编号": CODE,
    "项目名称": NAME,
    "预算规模及资金用途": GROUP, "预算规模及用途": GROUP, "预算规模": GROUP,
    "预算数": TOTAL, "年度预算数": TOTAL, "预算金额": TOTAL, "资金总额": TOTAL, "年度资金总额": TOTAL,
    "财政资金": FISCAL, "财政拨款": FISCAL,
    "其他资金": OTHER,
    "资金用途": PURPOSE, "项目概况": PURPOSE, "主要内容": PURPOSE,
    "资金支出计划": PLAN, "支出计划": PLAN, "资金支出进度计划": PLAN, "支出进度计划": PLAN,
    "绩效目标": GOAL, "年度绩效目标": GOAL, "项目绩效目标": GOAL,
}
# Other labelled cells some books carry; kept in Section.fields under the label.
_FIELD_LABELS = frozenset({"主管部门", "实施单位", "项目类别", "项目类型", "项目期限", "项目负责人", "联系电话"})
_SINGLE = (CODE, NAME, TOTAL, FISCAL, OTHER)
_BUDGET = frozenset({GROUP, TOTAL, FISCAL, OTHER})
_AMOUNT_LABELS = {TOTAL: "预算数", FISCAL: "财政资金", OTHER: "其他资金"}

_CHECKPOINT = re.compile(r"^(?:\d{1,2}月(?:底|末|份)?|第?[一二三四1-4]季度末?|上半年|下半年|全年|年底)$")
_PERCENT = re.compile(r"^([-+]?\d+(?:\.\d+)?)\s*[%％]?$")
_MONEY_UNIT = re.compile(r"单位[：:]\s*(万元|千元|亿元|元)")
_TITLE = re.compile(r"^(\d+)\s*[.．、]\s*(.*)$")
_TITLE_SUFFIX = re.compile(r"(?:项目)?(?:支出)?(?:绩效)?目标表$")
_OF_WHICH = re.compile(r"^其中[：:]?")

# Header field → Indicator attribute.
_ATTRIBUTES = {
    col.LEVEL3: "level3", col.DESCRIPTION: "description", col.TARGET: "target_raw",
    col.CYCLE: "cycle_target_raw", col.BASIS: "basis", col.WEIGHT: "weight_raw",
    col.ACTUAL: "actual_raw", col.SCORE: "score_raw", col.DEVIATION: "deviation",
}
_READ = frozenset({col.LEVEL1, col.LEVEL2, *_ATTRIBUTES})


@lru_cache(maxsize=8192)
def label_of(text: str) -> str:
    """Slot of a label cell (``其中：财政    资金`` → fiscal), a kept field label, or ''."""
    key = _OF_WHICH.sub("", col.fold(text))
    return _LABELS.get(key) or (key if key in _FIELD_LABELS else "")


@lru_cache(maxsize=1024)  # books repeat their plan values (25%, 100%): a Decimal is immutable
def _percent(text: str) -> Decimal | None:
    """The percent of a plan value (``25%``, ``25``), None when the cell is not one."""
    match = _PERCENT.match(text)
    return Decimal(match.group(1)) if match else None


def table_number(title: str) -> int | None:
    match = _TITLE.match(title)
    return int(match.group(1)) if match else None


def _seek(fragments: list[list[Spot]], start: tuple[int, int], fields: tuple[str, ...]) -> tuple[int, int]:
    """Position (fragment, index) of the first cell from ``start`` whose column field
    (:func:`~jixiao.read.indicator_header.column_field`, '' when none) is one of ``fields``.

    A position is always inside a fragment; (len(fragments), 0) means no such cell.
    """
    f, i = start
    while f < len(fragments):
        fragment = fragments[f]
        while i < len(fragment):
            if col.column_field(fragment[i][0]) in fields:
                return f, i
            i += 1
        f, i = f + 1, 0
    return f, 0


def _between(fragments: list[list[Spot]], start: tuple[int, int], end: tuple[int, int]) -> list[Spot]:
    """The cells from position ``start`` up to (not including) ``end``."""
    (f0, i0), (f1, i1) = start, end
    if f0 == f1:
        return fragments[f0][i0:i1] if f0 < len(fragments) else []
    cells = fragments[f0][i0:]
    for fragment in fragments[f0 + 1:f1]:
        cells += fragment
    if f1 < len(fragments):
        cells += fragments[f1][:i1]
    return cells


@dataclass(slots=True)
class RawTable:
    """A project table as found: its title line and its cells' texts and lines, in fragments (split
    at blank lines). Cells are (text, line) spots: a book has one per line, and few need more."""

    title: Spot | None
    fragments: list[list[Spot]] = field(default_factory=list)


class TableReading:
    """Reads one :class:`RawTable` into a project :class:`Section`."""

    def __init__(self, raw: RawTable, ordinal: int, file: str, ends_file: bool = False):
        self.raw = raw
        self.file = file
        self.table = ordinal
        self.ends_file = ends_file  # nothing follows this table: a short last row is a cut-off file
        self.money_unit = ""
        self.findings: list[Finding] = []
        title = raw.title[0] if raw.title else ""
        first = raw.title or next((c for f in raw.fragments for c in f), None)
        self.section = Section(SectionKind.PROJECT, key=f"P{ordinal:02d}",
                               source=Source(file, ordinal, None, None, first[1] if first else None))
        if title:
            self.section.fields["table_title"] = title

    def at(self, cell: Spot | None, row: int | None = None) -> Source:
        # Positional: one per indicator, and keyword calls of a frozen dataclass cost twice as much.
        return Source(self.file, self.table, row, None, cell[1] if cell else self.section.source.line)

    def report(self, code: str, message: str, where: Source, severity: Severity = Severity.WARNING, **kw) -> None:
        s = self.section
        self.findings.append(problem(code, message, where, severity=severity, unit=s.unit.label(),
                                     section_code=s.code, section_name=s.name, **kw))

    # --- the whole table ----------------------------------------------------------------------

    def read(self) -> Section:
        # Cells are addressed as (fragment, index) positions, so the indicator rows are read
        # straight from the fragments instead of flattening every cell and regrouping the rows.
        fragments = self.raw.fragments
        start = _seek(fragments, (0, 0), (col.LEVEL1, col.LEVEL2, col.LEVEL3))
        end = _seek(fragments, start, ("",))
        end = self.header_end(fragments, end)
        self.read_preamble(_between(fragments, (0, 0), start))
        header = _between(fragments, start, end)
        fields = {i: col.column_field(text) for i, (text, _) in enumerate(header)}
        if not col.is_header(fields):
            where = self.at(header[0] if header else None)
            found = " ".join(text for text, _ in header)
            self.report("JX030", "没有找到指标表表头（一级指标、二级指标、三级指标、指标值……），这张表的绩效指标未读取。"
                        if not self.ends_file else "文件在这张表的指标表之前结束，表格不完整，绩效指标未读取。",
                        where, evidence=found)
            return self.section
        roles = self.header_roles(header, fields)
        f, i = end
        data = [fragments[f][i:], *fragments[f + 1:]] if i else fragments[f:]
        self.read_rows(data, header, roles)
        return self.section

    # --- above the indicator table ------------------------------------------------------------

    def read_preamble(self, preamble: list[Spot]) -> None:
        # (slot, its label cell, the cells after the label), the cells before the first label first
        slots: list[tuple[str, Spot | None, list[Spot]]] = [("", None, [])]
        for cell in preamble:
            if key := label_of(cell[0]):
                slots.append((key, cell, []))
            else:
                slots[-1][2].append(cell)
        self.read_head(slots[0][2])
        purpose: list[str] = []
        seen: set[str] = set()
        for key, label, cells in slots[1:]:
            if key in seen and key != GROUP:
                self.report("JX035", f"“{label[0]}”在同一张表里出现了两次，按后一次读取。", self.at(label), evidence=label[0])
            seen.add(key)
            extra: list[Spot] = []  # cells beyond what the label takes
            if key in _SINGLE:
                self.take(key, cells[0] if cells else None, label)
                extra = cells[1:]
            elif key == GROUP:
                extra = cells
            elif key == PLAN:
                self.read_plan(label, cells)
            elif key == PURPOSE:
                purpose += [text for text, _ in cells if text]
            else:
                texts = "\n".join(text for text, _ in cells if text)
                if key == GOAL:
                    self.section.goal = texts
                else:
                    self.section.fields[key] = texts
            if not extra:
                continue
            if key in _BUDGET:  # the 资金用途 row has no label of its own inside the budget block
                purpose += [text for text, _ in extra if text]
            else:
                self.unexpected([c for c in extra if c[0]], label)
        self.section.purpose = "\n".join(purpose)
        self.check_required(seen)

    def read_head(self, cells: list[Spot]) -> None:
        """The org line and ``单位：万元`` before the first label."""
        others = []
        for cell in (c for c in cells if c[0]):
            if unit := _MONEY_UNIT.search(cell[0]):
                self.money_unit = unit.group(1)
                self.section.fields["unit"] = unit.group(1)
            elif not self.section.unit.raw:
                self.section.unit = Unit.parse(cell[0])
            else:
                others.append(cell)
        self.unexpected(others, None)
        if not self.money_unit and self.raw.title and (unit := _MONEY_UNIT.search(self.raw.title[0])):
            self.money_unit = self.section.fields["unit"] = unit.group(1)

    def take(self, key: str, cell: Spot | None, label: Spot) -> None:
        text = cell[0] if cell else ""
        s = self.section
        if key == CODE:
            s.code = text
        elif key == NAME:
            s.name = text
        else:
            money = Money.parse(text, self.at(cell or label)) if text else None
            setattr(s.amounts, key, money)
            if money is not None and money.value is None:
                self.report("JX033", f"“{_AMOUNT_LABELS[key]}”不是数字，原文保留。", self.at(cell), evidence=text,
                            field_name=_AMOUNT_LABELS[key])

    def unexpected(self, cells: list[Spot], label: Spot | None) -> None:
        """Cells the layout has no place for: kept in Section.fields and reported."""
        if not cells:
            return
        key = f"{label[0]}（其他内容）" if label else "表前内容"
        self.section.fields[key] = " | ".join(text for text, _ in cells)
        where = f"“{label[0]}”之后" if label else "表格开头"
        self.report("JX035", f"{where}有无法归类的单元格，原文保留在附加信息中。", self.at(cells[0]),
                    severity=Severity.HINT, evidence=self.section.fields[key])

    def check_required(self, seen: set[str]) -> None:
        s = self.section
        title = s.fields.get("table_title", "")
        if not s.name and title:
            match = _TITLE.match(title)
            s.name = _TITLE_SUFFIX.sub("", match.group(2) if match else title).strip()
            if s.name:
                self.report("JX032", "没有“项目名称”单元格，项目名称取自表题。", self.at(self.raw.title),
                            severity=Severity.HINT, evidence=title)
        missing = [label for key, label in ((CODE, "项目编码"), (NAME, "项目名称"), (TOTAL, "预算数"), (GOAL, "绩效目标"))
                   if key not in seen and not (key == NAME and s.name)]
        if missing:
            self.report("JX032", f"项目表缺少“{'、'.join(missing)}”。", self.section.source, evidence=title)

    def read_plan(self, label: Spot, cells: list[Spot]) -> None:
        """``资金支出计划（%）`` 3月底 6月底 … then the value row (first cell: the row label column)."""
        checkpoints = []
        for cell in cells:
            if not _CHECKPOINT.match(cell[0]):
                break
            checkpoints.append(cell)
        values = cells[len(checkpoints):]
        self.section.plan = []
        if not checkpoints:
            if any(text for text, _ in values):
                self.unexpected([c for c in values if c[0]], label)
            return
        n = len(checkpoints)
        if len(values) > n:
            lead = [c for c in values[: len(values) - n] if c[0]]
            values = values[len(values) - n:]
            self.unexpected(lead, label)
        elif len(values) < n:
            self.report("JX034", f"资金支出计划有{n}个时点，只有{len(values)}个计划值；缺少的按空白读取。",
                        self.at(values[0] if values else label), evidence=" ".join(text for text, _ in values))
        for i, point in enumerate(checkpoints):
            cell = values[i] if i < len(values) else None
            raw = cell[0] if cell else ""
            percent = _percent(raw)
            if raw and percent is None:
                self.report("JX034", f"资金支出计划“{point[0]}”不是百分数，原文保留。", self.at(cell), evidence=raw,
                            field_name=point[0])
            self.section.plan.append(PlanPoint(point[0], raw, percent, self.at(cell or point)))

    # --- the indicator table ------------------------------------------------------------------

    @staticmethod
    def header_end(fragments: list[list[Spot]], end: tuple[int, int]) -> tuple[int, int]:
        """Unknown header words (``备注``) after the known ones, up to the blank line ending the header.

        A data row starts with its level-1 cell, written (a category name) or blank (carried down).
        """
        f, i = end
        if i == 0:  # the known words end at a blank line, or nothing follows them
            return end
        if all(text and not is_category(text) for text, _ in fragments[f][i:]):
            return f + 1, 0
        return end

    def header_roles(self, header: list[Spot], fields: dict[int, str]) -> list[str]:
        roles: list[str] = []
        for i, cell in enumerate(header):
            role = fields[i]
            if role not in _READ or role in roles:
                self.report("JX037", f"指标表的“{cell[0]}”列不是目标表的列（或重复），这一列未读取。", self.at(cell),
                            severity=Severity.HINT, evidence=cell[0])
                role = ""
            roles.append(role)
        return roles

    def read_rows(self, fragments: list[list[Spot]], header: list[Spot], roles: list[str]) -> None:
        width = len(roles)
        header_texts = [text for text, _ in header if text]
        # Header roles are unique (header_roles): each is one position, looked up once per table.
        level1_at = roles.index(col.LEVEL1) if col.LEVEL1 in roles else width
        level2_at = roles.index(col.LEVEL2) if col.LEVEL2 in roles else width
        attributes = [(i, _ATTRIBUTES[role]) for i, role in enumerate(roles) if role in _ATTRIBUTES]
        levels = Levels()
        level1, level2 = levels.level1, levels.level2  # normalised again only when a row changes them
        indicators = self.section.indicators
        file, table = self.file, self.table  # each row's Source made here: self.at() is a call more a row
        rows = list(join_fragments(fragments, width))
        # Only a row of header words can be the header repeated: a first attribute cell (most
        # often the name) holding another text settles it without looking at the other cells.
        probe, words = (attributes[0][0] if attributes else 0), set(header_texts)
        for number, cells in enumerate(rows, 1):
            n = len(cells)
            named = probe < n and cells[probe][0] and cells[probe][0] not in words
            if not named and [text for text, _ in cells if text] == header_texts:
                continue  # the header repeated (page break in the original)
            if n < width and (named or any(text for text, _ in cells)):
                self.short_row(cells, header, number, last=number == len(rows))
            if level1_at < n and cells[level1_at][0]:
                levels.level1_raw, levels.level2_raw, levels.inferred_level1 = cells[level1_at][0], "", ""
                level1, level2 = levels.level1, levels.level2
            if level2_at < n and cells[level2_at][0]:
                levels.level2_raw = cells[level2_at][0]
                level2 = levels.level2
            # Levels.indicator() with the names kept, all keyword arguments in one dict (none merged
            # into another at the call): a loop, not a comprehension, one Python call a row less.
            values = {"level1_raw": levels.level1_raw, "level2_raw": levels.level2_raw}
            for i, attr in attributes:
                if i < n and cells[i][0]:
                    values[attr] = cells[i][0]
            if len(values) == 2:  # only the level names: a category-only row, naming them for the rows below
                continue
            values["source"] = Source(file, table, number, None, cells[0][1])
            indicators.append(Indicator(level1, level2, **values))

    def short_row(self, cells: list[Spot], header: list[Spot], number: int, last: bool) -> None:
        """Report a row with fewer cells than the header; the missing cells are read as blank."""
        lost = "、".join(text for text, _ in header[len(cells):])
        evidence = " | ".join(text for text, _ in cells)
        row_no = len(self.section.indicators) + 1  # the indicator this row becomes
        if last and self.ends_file:
            self.report("JX038", f"文件在这一行中途结束，表格不完整：这一行只有{len(cells)}个单元格，缺少“{lost}”，按空白读取。",
                        self.at(cells[0], number), evidence=evidence, row_no=row_no)
        else:
            self.report("JX031", f"这一行只有{len(cells)}个单元格（表头{len(header)}列），缺少“{lost}”，按空白读取。",
                        self.at(cells[0], number), evidence=evidence, row_no=row_no)
