"""部门整体预算绩效目标申报表 (seed 003): one TAB-separated row per line, in labelled blocks.

The blocks, each started by a label in its first cell: 部门名称; 预算整体情况 (pairs of a budget
label and an amount under headings such as 部门预算支出 / 收入来源, each followed by a
``预算金额（万元）`` header cell); 总体绩效目标; 年度重点工作任务 (名称, 主要实施内容, 拟投入的资金,
期望达到的目标); 其他需完成的任务; and the indicator table 绩效指标 (一级 / 二级 / 三级指标,
实施周期指标值, 年度指标值), which goes to a document-level section.

Indicator rows drift left and right, so their cells are recognised by what they say: leading
category names set the levels, the next cell is the 三级指标, the cells after it are the values.
Key-task rows are realigned on their amount cell.
"""

from __future__ import annotations

import re

from jixiao.findings import Finding, Severity
from jixiao.model.document import (
    Amounts,
    BudgetLine,
    DocKind,
    Document,
    Money,
    Section,
    SectionKind,
    TextBlock,
)
from jixiao.model.source import Source
from jixiao.read.base import ReadResult, Recognition, TextInput, problem
from jixiao.read.grid import Cell, Row
from jixiao.read.tabbed import (
    DEPARTMENT_SECTION,
    Levels,
    header_columns,
    heading,
    is_header_row,
    label_key,
    labelled_values,
    leading_categories,
)

_ORG = frozenset({"部门名称", "部门(单位)名称", "单位名称"})
_BUDGET = frozenset({"预算整体情况", "部门预算整体情况", "预算情况"})
_TEXTS = frozenset({"总体绩效目标", "年度总体绩效目标", "整体绩效目标", "年度整体绩效目标", "部门职能概述", "其他需完成的任务"})
_TASKS = frozenset({"年度重点工作任务", "重点工作任务"})
_BLOCKS = _ORG | _BUDGET | _TEXTS | _TASKS

_AMOUNT = re.compile(r"^[-+]?\d[\d,，]*(?:\.\d+)?$")
_MONEY_UNIT = re.compile(r"[(（]\s*(亿元|万元|千元|元)\s*[)）]")
_CYCLE, _YEAR_VALUE, _VALUE = "实施周期指标值", "年度指标值", "指标值"

# Key-task column roles by a word of their header cell, checked in this order.
_TASK_ROLES = (("amount", "资金"), ("amount", "金额"), ("purpose", "内容"), ("goal", "目标"), ("name", "名称"))

_SCAN_LINES = 400  # identify() looks at the top of the file only
_TWO_TABS = re.compile(r"\t.*\t")
_NO_HEADER = "没有一行内制表符分列的指标表头（一级指标、三级指标），不是申报表版式。"


def _is_amount(text: str) -> bool:
    return bool(_AMOUNT.match(text))


def _is_amount_header(text: str) -> bool:
    return label_key(text).startswith(("预算金额", "金额"))


def _row_text(row: Row) -> str:
    return " | ".join(c.text for c in row.nonempty())


class _Reading:
    """State while walking the blocks of one declaration table."""

    def __init__(self, source: TextInput):
        self.file = source.name
        self.document = Document(
            DocKind.DEPT_TARGET_DECLARATION, source_file=source.name, source=Source(source.name)
        )
        self.findings: list[Finding] = []
        self.block = ""
        self.budget_groups: list[Cell] = []  # heading cells of the current band of budget rows
        self.bands = 0
        self.budget_order: list[tuple[int, int]] = []  # (band, group) of each budget line
        self.task_columns: dict[str, int] = {}
        self.header: dict[str, int] = {}  # indicator-table header word → column
        self.value_columns: dict[str, int] = {}
        self.levels = Levels()
        self.table: Section | None = None

    def where(self, row: Row, index: int, column: int | None = None) -> Source:
        return Source(self.file, 1, index, column, row.line)

    def note(self, code: str, message: str, row: Row, index: int, column: int | None = None, **kw) -> None:
        self.findings.append(problem(code, message, self.where(row, index, column), **kw))

    def money_unit(self, text: str) -> None:
        match = _MONEY_UNIT.search(text)
        if match and not self.document.money_unit:
            self.document.money_unit = match.group(1)

    def run(self, rows: list[Row]) -> None:
        head = heading(rows)
        self.findings += head.apply(self.document, "JX046")
        for index, row in enumerate(rows[head.size :], head.size + 1):
            self.row(row, index)
        # Side-by-side groups (部门预算支出 | 收入来源) are read row by row; list them group by group.
        order = sorted(range(len(self.budget_order)), key=self.budget_order.__getitem__)
        self.document.budget = [self.document.budget[i] for i in order]
        if not self.document.organisation:
            self.findings.append(problem("JX048", "没有找到“部门名称”，无法确定部门。", Source(self.file, 1)))
        if self.table is None:
            self.findings.append(problem("JX048", "没有找到绩效指标表（一级指标、二级指标、三级指标）。", Source(self.file, 1)))

    def row(self, row: Row, index: int) -> None:
        cells = row.nonempty()
        key = label_key(cells[0].text) if cells else ""
        if key in _ORG | _TEXTS:
            self.block = ""
            self.labelled(row, index)
        elif key in _BUDGET:
            self.block = "budget"
            self.budget_heading(row)
        elif key in _TASKS:
            self.block = "tasks"
            self.task_heading(row)
        elif is_header_row(row) and {"一级指标", "三级指标"} & set(header_columns(row)):
            self.block = "indicators"
            self.indicator_heading(row, index)
        elif self.block == "budget":
            self.budget_row(row, index)
        elif self.block == "tasks":
            self.task_row(row, index)
        elif self.block == "indicators":
            self.indicator_row(row, index)
        elif cells:
            self.note("JX046", "无法识别的行（不属于任何已知栏目），未读取。", row, index, evidence=_row_text(row))

    def labelled(self, row: Row, index: int) -> None:
        pairs, others = labelled_values(row, _BLOCKS)
        for label, value in pairs:
            text = value.text if value else ""
            if label_key(label.text) in _ORG:
                self.document.organisation = text
            else:
                self.document.texts.append(TextBlock(label.text, text, self.where(row, index, label.column)))
        if others:
            evidence = " | ".join(c.text for c in others)
            self.note("JX046", "栏目中有无法识别的单元格，未读取。", row, index, others[0].column, evidence=evidence)

    # 预算整体情况 -------------------------------------------------------------------------------

    def budget_heading(self, row: Row) -> None:
        """A heading row: each group name stands just before a 预算金额（万元） header cell."""
        cells = row.nonempty()
        self.budget_groups = [cells[i - 1] for i, c in enumerate(cells) if i and _is_amount_header(c.text)]
        self.bands += 1
        for cell in cells:
            self.money_unit(cell.text)

    def budget_row(self, row: Row, index: int) -> None:
        cells = row.nonempty()
        if any(_is_amount_header(c.text) for c in cells):
            self.budget_heading(row)
            return
        if row.cells[0].text and not any(_is_amount(c.text) for c in cells):
            # Budget rows continue the block's merged first cell; this row is something else.
            self.block = ""
            self.note("JX046", "无法识别的行（不属于任何已知栏目），未读取。", row, index, evidence=_row_text(row))
            return
        i = 0
        while i < len(cells):
            label = cells[i]
            if _is_amount(label.text):
                self.note("JX045", "预算金额前没有项目名称，未读取。", row, index, label.column, evidence=label.text)
                i += 1
                continue
            amount = cells[i + 1] if i + 1 < len(cells) and _is_amount(cells[i + 1].text) else None
            if amount is None:
                self.note("JX045", f"预算项目“{label.text}”没有金额。", row, index, label.column, evidence=label.text)
            column = amount.column if amount else None
            money = Money.parse(amount.text if amount else "", self.where(row, index, column))
            group = self.budget_group(label)
            self.document.budget.append(BudgetLine(label.text, money, group.text if group else ""))
            self.budget_order.append((self.bands, self.budget_groups.index(group) if group else 0))
            i += 2 if amount else 1

    def budget_group(self, label: Cell) -> Cell | None:
        """The heading whose column is nearest to the label's (left one on a tie)."""
        if not self.budget_groups:
            return None
        return min(self.budget_groups, key=lambda g: (abs(g.column - label.column), g.column))

    # 年度重点工作任务 -----------------------------------------------------------------------------

    def task_heading(self, row: Row) -> None:
        """Column of each role, recognised by the header words (名称, 实施内容, 资金, 目标)."""
        self.task_columns = {}
        for cell in row.nonempty()[1:]:
            key = label_key(cell.text)
            role = next((r for r, word in _TASK_ROLES if word in key), "")
            if role:
                self.task_columns.setdefault(role, cell.column)
            self.money_unit(cell.text)

    def task_row(self, row: Row, index: int) -> None:
        columns = self.task_columns
        shift = 0
        amounts = [c for c in row.nonempty() if _is_amount(c.text)]
        if "amount" in columns and amounts and all(c.column != columns["amount"] for c in amounts):
            # The row drifted: realign it on its amount cell.
            shift = amounts[0].column - columns["amount"]
            self.note("JX044", "重点工作任务行与表头错位，已按金额单元格重新对齐。", row, index, evidence=_row_text(row))

        def cell(role: str) -> Cell | None:
            column = columns.get(role)
            if column is None or not 0 < column + shift <= len(row.cells):
                return None
            found = row.cells[column + shift - 1]
            return found if found.text else None

        name, purpose, amount, goal = (cell(r) for r in ("name", "purpose", "amount", "goal"))
        used = {id(c) for c in (name, purpose, amount, goal) if c is not None}
        stray = [c for c in row.nonempty() if id(c) not in used]
        if stray:
            evidence = " | ".join(c.text for c in stray)
            self.note("JX043", "重点工作任务行中有多余的单元格，未读取。", row, index, stray[0].column, evidence=evidence)
        if name is None and purpose is None and amount is None and goal is None:
            return
        number = sum(s.kind is SectionKind.KEY_TASK for s in self.document.sections) + 1
        if amount is not None and not _is_amount(amount.text):
            self.note("JX044", "重点工作任务的拟投入资金不是金额。", row, index, amount.column, evidence=amount.text)
        section = Section(
            SectionKind.KEY_TASK,
            name=name.text if name else "",
            key=f"T{number}",
            amounts=Amounts(total=Money.parse(amount.text, self.where(row, index, amount.column)) if amount else None),
            purpose=purpose.text if purpose else "",
            goal=goal.text if goal else "",
            source=self.where(row, index, name.column if name else None),
        )
        self.document.sections.append(section)

    # 绩效指标 -------------------------------------------------------------------------------------

    def indicator_heading(self, row: Row, index: int) -> None:
        columns = header_columns(row)
        self.value_columns = {k: v for k, v in columns.items() if k in (_CYCLE, _YEAR_VALUE, _VALUE)}
        self.header = columns
        self.levels.reset()
        self.table = Section(SectionKind.DEPARTMENT, DEPARTMENT_SECTION, key="dept", source=self.where(row, index))
        self.document.sections.append(self.table)

    def indicator_row(self, row: Row, index: int) -> None:
        assert self.table is not None
        cells = row.nonempty()
        categories = leading_categories(cells)
        change = self.levels.update(categories)
        if change.inferred_level1 and change.level2 is not None:
            self.note(
                "JX047",
                f"二级指标“{change.level2.text}”不属于上方的一级指标，且本行没有一级指标；已归入“{change.inferred_level1}”。",
                row,
                index,
                change.level2.column,
                severity=Severity.HINT,
                evidence=change.level2.text,
            )
        rest = cells[len(categories) :]
        if not rest:
            self.note(
                "JX042",
                f"“{self.levels.level1}/{self.levels.level2}”下没有填写任何指标（只有分类的行，未作为指标读取）。",
                row,
                index,
                severity=Severity.HINT,
                evidence=_row_text(row),
            )
            return
        name, values = rest[0], rest[1:]
        cycle, target, surplus = self.place_values(values, row, index)
        self.table.indicators.append(
            self.levels.indicator(
                level3=name.text,
                target_raw=target.text if target else "",
                cycle_target_raw=cycle.text if cycle else "",
                source=self.where(row, index, name.column),
            )
        )
        row_no = len(self.table.indicators)
        expected = [(change.level1, "一级指标"), (change.level2, "二级指标"), (name, "三级指标")]
        if any(c is not None and self.header.get(h) not in (None, c.column) for c, h in expected):
            self.note(
                "JX040",
                "本行单元格与表头错位，已按单元格内容（分类名称、三级指标、指标值）重新对齐。",
                row,
                index,
                severity=Severity.HINT,
                evidence=_row_text(row),
                section_name=DEPARTMENT_SECTION,
                row_no=row_no,
            )
        if surplus:
            self.note(
                "JX043",
                "指标行中的指标值多于表头的指标值列，多余的未读取。",
                row,
                index,
                surplus[0].column,
                evidence=" | ".join(c.text for c in surplus),
                section_name=DEPARTMENT_SECTION,
                row_no=row_no,
            )

    def place_values(self, values: list[Cell], row: Row, index: int) -> tuple[Cell | None, Cell | None, list[Cell]]:
        """(实施周期指标值, 年度指标值, surplus cells).

        Two values go in order; a lone one goes by the column it stands in (gold J-003-1).
        """
        cycle_column = self.value_columns.get(_CYCLE)
        if cycle_column is None:
            return None, values[0] if values else None, values[1:]
        if len(values) != 1:
            return (values[0], values[1], values[2:]) if values else (None, None, [])
        lone = values[0]
        in_cycle = lone.column == cycle_column
        self.note(
            "JX041",
            "本行只有一个指标值，实施周期指标值和年度指标值不全；按所在列读取为"
            + ("实施周期指标值。" if in_cycle else "年度指标值。"),
            row,
            index,
            lone.column,
            evidence=lone.text,
            section_name=DEPARTMENT_SECTION,
            row_no=len(self.table.indicators) + 1 if self.table else None,
        )
        return (lone, None, []) if in_cycle else (None, lone, [])


class DeclarationReader:
    name = "dept_declaration_form"
    description = "部门整体预算绩效目标申报表（制表符分列）"

    def identify(self, source: TextInput) -> Recognition:
        # A header row has three cells or more: a line with two TABs at least.
        if not source.may_hold(_TWO_TABS):
            return Recognition(0.0, _NO_HEADER)
        rows = source.rows(_SCAN_LINES)
        header = any(
            is_header_row(r) and len(r.nonempty()) > 2 and {"一级指标", "三级指标"} <= set(header_columns(r))
            for r in rows
        )
        if not header:
            return Recognition(0.0, _NO_HEADER)
        firsts = {label_key(r.nonempty()[0].text) for r in rows if len(r) > 1 and r.nonempty()}
        signs = {
            "申报表标题": "申报" in heading(rows).title,
            "年度重点工作任务": bool(firsts & _TASKS),
            "预算整体情况": bool(firsts & _BUDGET),
            "实施周期/年度指标值": any(_CYCLE in set(header_columns(r)) for r in rows if is_header_row(r)),
        }
        found = [k for k, v in signs.items() if v]
        score = 0.2 + 0.2 * len(found)
        return Recognition(round(score, 2), "制表符分列的指标表头" + ("，找到" + "、".join(found) if found else "") + "。")

    def extract(self, source: TextInput) -> ReadResult:
        reading = _Reading(source)
        reading.run(source.rows())
        return ReadResult([reading.document], reading.findings)
