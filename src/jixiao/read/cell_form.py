"""A labelled form in the cell-per-line layout: 部门整体支出绩效申报表 (seed 004, third part).

Each blank-line block is one form row. Its first cell is the row label (部门名称, 年度预算申请,
整体绩效目标, 部门整体支出年度绩效指标, 财政部门审核意见 …); an empty first cell continues the
label above (a merged cell). A ``单位：万元`` line or row above the form gives the money unit.
Within a label the cells are read by what they say:

- ``标签：`` cells are sub-labels, each followed by its value unless the next cell is a sub-label
  too. Sub-labels with amounts are budget lines (``其中：基本支出：`` ``327万元``); a sub-label
  without a value in such a block is the heading of the lines below (``按支出性质分：``); other
  sub-labels are kept as ``Document.fields["标签.子标签"]``, empty ones included.
- A label whose cells have no sub-labels is free text (整体绩效目标), except 部门名称 (the
  organisation) and a …绩效指标 label, whose rows are category cells followed by the indicator
  value (and, when there are two cells, the indicator name first) — or, under a header row
  (一级指标 / 二级指标 / 三级指标 / 指标值 …), the cells of the columns that row names. They
  form the document-level section :data:`~jixiao.read.tabbed.DEPARTMENT_SECTION`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.findings import Finding, Severity
from jixiao.model.document import BudgetLine, Document, Money, Section, SectionKind, TextBlock
from jixiao.model.source import Source
from jixiao.read.base import problem
from jixiao.read.grid import Block, Cell
from jixiao.read.indicator_header import BASIS, CYCLE, DESCRIPTION, LEVEL3, TARGET, column_field, is_header
from jixiao.read.patterns import UNIT_LINE
from jixiao.read.tabbed import DEPARTMENT_SECTION, Levels, label_key, leading_categories

ORG_LABELS = frozenset({"部门名称", "单位名称", "部门(单位)名称", "预算单位"})
TEXT_LABELS = frozenset({"整体绩效目标", "总体绩效目标", "年度整体绩效目标", "部门职能概述"})
BUDGET_LABELS = frozenset({"年度预算申请", "预算整体情况", "部门预算整体情况", "年度预算"})
INDICATOR_LABELS = frozenset({"部门整体支出年度绩效指标", "年度绩效指标", "绩效指标"})
# Row labels that mark a block of rows as such a form.
FORM_LABELS = ORG_LABELS | TEXT_LABELS | BUDGET_LABELS | INDICATOR_LABELS

# Indicator attributes filled from the columns a header row names.
_HEADER_FIELDS = {LEVEL3: "level3", DESCRIPTION: "description", TARGET: "target_raw", CYCLE: "cycle_target_raw",
                  BASIS: "basis"}

_AMOUNT = re.compile(r"^[-+]?\d[\d,，]*(?:\.\d+)?\s*(亿元|万元|千元|元)?$")
_LEADING_NOTE = re.compile(r"^其中[：:]")


def _is_sublabel(text: str) -> bool:
    return text.endswith(("：", ":")) and len(text) <= 20


def _sub_key(text: str) -> str:
    """``其中：基本支出：`` → ``基本支出``."""
    return _LEADING_NOTE.sub("", label_key(text))


@dataclass(slots=True)
class _Group:
    """One row label and the cells of its rows (one list per block, empty cells dropped)."""

    label: Cell
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)  # (row number, cells)


class _Form:
    def __init__(self, document: Document, file: str):
        self.document = document
        self.file = file
        self.findings: list[Finding] = []

    def at(self, cell: Cell, row: int | None = None) -> Source:
        return Source(self.file, self.document.part, row, cell.column or None, cell.line)

    def report(self, code: str, message: str, cell: Cell, row: int | None = None, *,
               severity: Severity = Severity.WARNING, evidence: str = "") -> None:
        self.findings.append(problem(code, message, self.at(cell, row), severity=severity, evidence=evidence or cell.text))

    def unit(self, cell: Cell) -> bool:
        """``单位：万元`` above the form: the money unit of its amounts."""
        if match := UNIT_LINE.match(cell.text):
            self.document.money_unit = self.document.money_unit or match.group(1)
        return bool(match)

    def groups(self, blocks: list[Block]) -> list[_Group]:
        groups: list[_Group] = []
        for number, block in enumerate(blocks, 1):
            for note in (c for c in block.free if c.text):
                if self.unit(note):
                    continue
                self.document.texts.append(TextBlock("说明", note.text, self.at(note, number)))
                self.report("JX057", "表格中有一行不属于任何单元格的文字，作为说明保留。", note, number, severity=Severity.HINT)
            if not block.cells:
                continue
            first, rest = block.cells[0], [c for c in block.cells[1:] if c.text]
            if not groups and not first.text and len(rest) == 1 and self.unit(rest[0]):
                continue  # 单位：万元 in a row of its own above the form (a worksheet)
            if first.text:
                groups.append(_Group(first, [(number, rest)]))
            elif groups:
                groups[-1].rows.append((number, rest))
            elif rest:
                self.report("JX057", "表格第一行没有栏目名称，未读取。", rest[0], number,
                            evidence=" | ".join(c.text for c in rest))
        return groups

    def read(self, group: _Group) -> None:
        key = label_key(group.label.text)
        if key in ORG_LABELS:
            self.organisation(group)
        elif key in INDICATOR_LABELS or key.endswith("绩效指标"):
            self.indicators(group)
        else:
            self.labelled(group, key)

    def organisation(self, group: _Group) -> None:
        cells = [(n, c) for n, row in group.rows for c in row]
        if not cells:
            self.report("JX057", "“部门名称”没有填写，单位留空。", group.label, severity=Severity.HINT)
            return
        self.document.organisation = cells[0][1].text
        for number, cell in cells[1:]:
            self.report("JX057", "“部门名称”后有多余的单元格，未读取。", cell, number)

    def indicators(self, group: _Group) -> None:
        section = Section(SectionKind.DEPARTMENT, DEPARTMENT_SECTION, key="dept", source=self.at(group.label))
        self.document.sections.append(section)
        levels = Levels()
        header: dict[int, str] = {}  # column → field, from a 一级指标 / 三级指标 / 指标值 … header row
        for number, cells in group.rows:
            fields = {c.column: f for c in cells if (f := column_field(c.text))}
            if is_header(fields):
                header = fields
                continue
            categories = leading_categories(cells)
            change = levels.update(categories)
            if change.inferred_level1 and change.level2 is not None:
                self.report("JX058", f"二级指标不属于上方的一级指标，已归入“{change.inferred_level1}”。", change.level2,
                            number, severity=Severity.HINT)
            rest = cells[len(categories) :]
            if not rest:
                if categories:
                    self.report("JX058", "只有指标分类、没有指标内容的行，未作为指标读取。", categories[0], number,
                                severity=Severity.HINT)
                continue
            by_field = {header[c.column]: c for c in rest if header.get(c.column) in _HEADER_FIELDS}
            if TARGET in by_field or CYCLE in by_field:
                used = list(by_field.values())
                values = {_HEADER_FIELDS[f]: c.text for f, c in by_field.items()}
                value = by_field.get(TARGET) or by_field[CYCLE]
            else:  # no header: the name (when there are two cells), then the value
                name, value = (rest[0], rest[1]) if len(rest) > 1 else (None, rest[0])
                used = [name, value]
                values = {"level3": name.text if name else "", "target_raw": value.text}
            section.indicators.append(levels.indicator(**values, source=self.at(value, number)))
            for extra in (c for c in rest if c not in used):
                self.report("JX057", "指标行中有多余的单元格，未读取。", extra, number)

    def labelled(self, group: _Group, key: str) -> None:
        items: list[tuple[Cell | None, Cell | None, int]] = []  # (sub-label, value, row number)
        for number, row in group.rows:
            i = 0
            while i < len(row):
                if _is_sublabel(row[i].text):
                    nxt = row[i + 1] if i + 1 < len(row) and not _is_sublabel(row[i + 1].text) else None
                    items.append((row[i], nxt, number))
                    i += 2 if nxt else 1
                else:
                    items.append((None, row[i], number))
                    i += 1
        doc = self.document
        if not any(sub for sub, _, _ in items):
            values = [v for _, v, _ in items if v is not None]
            start = values[0] if values else group.label
            doc.texts.append(TextBlock(key, "\n".join(v.text for v in values), self.at(start)))
            return
        budget = any(sub and value and _AMOUNT.match(value.text) for sub, value, _ in items)
        heading = key
        for sub, value, number in items:
            sub_key = _sub_key(sub.text) if sub else ""
            if sub_key and value and (amount := _AMOUNT.match(value.text)):
                doc.budget.append(BudgetLine(sub_key, Money.parse(value.text, self.at(value, number)), heading))
                doc.money_unit = doc.money_unit or (amount.group(1) or "")
            elif sub_key and value is None and budget:
                heading = sub_key
            else:
                # Other values under their labels, empty ones included; a bare value keeps the row label.
                name = f"{key}.{sub_key}" if sub_key else key
                text = value.text if value else ""
                doc.fields[name] = "\n".join(t for t in (doc.fields.get(name, ""), text) if t)


def read_form(document: Document, blocks: list[Block], file: str) -> list[Finding]:
    """Fill ``document`` from the form rows in ``blocks``; the reading problems come back."""
    form = _Form(document, file)
    for group in form.groups(blocks):
        form.read(group)
    return form.findings
