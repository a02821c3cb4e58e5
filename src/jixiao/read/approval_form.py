"""部门整体支出绩效目标批复表 (seed 001): one TAB-separated row per line, cells drifting between columns.

The layout: a title (and a subtitle such as ``(2024年度)``), labelled header rows (部门(单位)名称,
主管部门, 部门职能概述, 年度整体绩效目标), then one indicator block per core function. An
indicator row reads ``[职能N: 名称] [一级指标] [二级指标] 指标N: 三级指标 指标值``, the bracketed
cells present only where a merged cell starts, and at whatever column the export put them. Every
cell is therefore recognised by what it says (see :mod:`jixiao.read.tabbed`).

Some rows are printed *before* the labels they belong to: a row that restarts the numbering
(``指标1:``) without any label, followed by a labelled row that continues with ``指标2:``. Such
rows wait and join the labels of the row that continues their numbering (gold J-001-1…3).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.findings import Finding, Severity
from jixiao.model.document import DocKind, Document, Section, SectionKind, TextBlock
from jixiao.model.source import Source
from jixiao.read.base import ReadResult, Recognition, TextInput, problem
from jixiao.read.grid import Cell, Row
from jixiao.read.tabbed import (
    DEPARTMENT_SECTION,
    Levels,
    heading,
    is_header_row,
    label_key,
    labelled_values,
    leading_categories,
)

_FUNCTION = re.compile(r"^职能\s*[0-9一二三四五六七八九十]+\s*[:：]\s*(.*)$", re.S)
_ROW_LABEL = re.compile(r"^(指标\s*(\d+)\s*[:：])\s*(.*)$", re.S)
_LABEL_IN_TEXT = re.compile(r"指标\s*\d+\s*[:：]")  # where a cell may hold a _ROW_LABEL
_NO_LABELS = "没有制表符分列、带“指标N:”行标签的指标行，不是批复表版式。"

_ORG = frozenset({"部门(单位)名称", "部门名称", "单位名称"})
_TEXTS = frozenset({"部门职能概述", "年度整体绩效目标", "整体绩效目标", "年度绩效目标"})
_LABELS = _ORG | _TEXTS | {"主管部门"}

_SCAN_LINES = 400  # identify() looks at the top of the file only


@dataclass(slots=True)
class _Line:
    """One indicator line with its cells recognised."""

    row: Row
    index: int  # 1-based grid row
    function: Cell | None = None
    categories: list[Cell] = field(default_factory=list)
    label: str = ""  # 指标N: as written
    number: int | None = None
    content: list[Cell] = field(default_factory=list)  # 三级指标, 指标值, then anything unexpected
    stray: list[Cell] = field(default_factory=list)  # unrecognised cells before the row label

    @property
    def labelled(self) -> bool:
        return self.function is not None or bool(self.categories)

    @property
    def is_indicator(self) -> bool:
        return bool(self.label) or (bool(self.categories) and bool(self.content))


def _recognise(row: Row, index: int) -> _Line:
    cells = row.nonempty()
    line = _Line(row, index)
    if cells and _FUNCTION.match(cells[0].text):
        line.function, cells = cells[0], cells[1:]
    line.categories = leading_categories(cells)
    cells = cells[len(line.categories) :]
    at = next((i for i, c in enumerate(cells) if _ROW_LABEL.match(c.text)), None)
    if at is None:
        line.content = cells
        return line
    match = _ROW_LABEL.match(cells[at].text)
    assert match is not None
    line.label, line.number = match.group(1), int(match.group(2))
    line.stray = cells[:at]
    inline = match.group(3).strip()  # 指标1: 名称 in one cell
    line.content = ([Cell(inline, row.line, cells[at].column)] if inline else []) + cells[at + 1 :]
    return line


def _last_number(lines: list[_Line]) -> int | None:
    return next((line.number for line in reversed(lines) if line.number is not None), None)


class _Reading:
    """State while walking the rows of one approval table."""

    def __init__(self, source: TextInput):
        self.file = source.name
        self.document = Document(DocKind.DEPT_TARGET_APPROVAL, source_file=source.name, source=Source(source.name))
        self.findings: list[Finding] = []
        self.levels = Levels()
        self.section: Section | None = None
        self.last_number: int | None = None
        self.pending: list[_Line] = []

    def where(self, row: Row, index: int, column: int | None = None) -> Source:
        return Source(self.file, 1, index, column, row.line)

    def run(self, rows: list[Row]) -> None:
        head = heading(rows)
        self.findings += head.apply(self.document, "JX023")
        for index, row in enumerate(rows[head.size :], head.size + 1):
            if self.header_fields(row, index) or is_header_row(row):
                continue
            self.line(_recognise(row, index))
        self.flush()
        if not self.document.organisation:
            self.findings.append(problem("JX026", "没有找到“部门(单位)名称”，无法确定部门。", Source(self.file, 1)))

    def header_fields(self, row: Row, index: int) -> bool:
        """部门(单位)名称 / 主管部门 / 部门职能概述 / 年度整体绩效目标 rows."""
        cells = row.nonempty()
        if not cells or label_key(cells[0].text) not in _LABELS:
            return False
        pairs, others = labelled_values(row, _LABELS)
        for label, value in pairs:
            key, text = label_key(label.text), value.text if value else ""
            if key in _ORG:
                self.document.organisation = text
            elif key in _TEXTS:
                self.document.texts.append(TextBlock(label.text, text, self.where(row, index, label.column)))
            else:
                self.document.fields[label.text] = text
        if others:
            self.findings.append(
                problem(
                    "JX023",
                    "表头栏目中有无法识别的单元格，未读取。",
                    self.where(row, index, others[0].column),
                    evidence=" | ".join(c.text for c in others),
                )
            )
        return True

    def line(self, line: _Line) -> None:
        if not (line.labelled or line.is_indicator):
            self.findings.append(
                problem(
                    "JX023",
                    "这一行既没有职能、分类标签，也没有“指标N:”行标签，无法识别，未读取。",
                    self.where(line.row, line.index),
                    evidence=" | ".join(c.text for c in line.row.nonempty()),
                )
            )
            return
        if line.labelled:
            waiting = _last_number(self.pending)
            joins = waiting is not None and line.number == waiting + 1
            if self.pending and not joins:
                self.flush()
            self.take_labels(line)
            if joins:
                self.flush(joined=line)
        elif line.number is not None:
            before = _last_number(self.pending) if self.pending else self.last_number
            if before is not None and line.number <= before:
                # The numbering restarts without a label: a new group whose labels come later.
                self.flush()
                self.pending = [line]
                return
        if self.pending and not line.labelled:
            self.pending.append(line)
        elif line.is_indicator:
            self.place(line)

    def take_labels(self, line: _Line) -> None:
        if line.function is not None:
            match = _FUNCTION.match(line.function.text)
            assert match is not None
            number = sum(s.kind is SectionKind.FUNCTION for s in self.document.sections) + 1
            self.section = Section(
                SectionKind.FUNCTION,
                name=match.group(1).strip(),
                key=f"F{number}",
                fields={"label": line.function.text},
                source=self.where(line.row, line.index, line.function.column),
            )
            self.document.sections.append(self.section)
            self.levels.reset()
            self.last_number = None
        change = self.levels.update(line.categories)
        if change.inferred_level1 and change.level2 is not None:
            self.findings.append(
                problem(
                    "JX021",
                    f"二级指标“{change.level2.text}”不属于上方的一级指标，且本行没有一级指标；"
                    f"已按二级指标归入“{change.inferred_level1}”（一级指标标签可能印在下一行）。",
                    self.where(line.row, line.index, change.level2.column),
                    severity=Severity.HINT,
                    evidence=change.level2.text,
                    section_name=self.section.name if self.section else "",
                )
            )

    def flush(self, joined: _Line | None = None) -> None:
        """Place the waiting rows: under the labels of ``joined``, or under the labels carried down."""
        waiting, self.pending = self.pending, []
        for line in waiting:
            if joined is not None:
                message = (
                    f"本行印在其分类标签之前；按编号接续关系归入下一行（第{joined.row.line}行）的"
                    f"“{self.section.name if self.section else ''} {self.levels.level1}/{self.levels.level2}”。"
                )
            else:
                message = (
                    f"本行编号（{line.label}）重新开始，但后面没有出现对应的分类标签；"
                    f"按上方的“{self.levels.level1}/{self.levels.level2}”读取。"
                )
            row_no = self.place(line)
            self.findings.append(
                problem(
                    "JX020" if joined is not None else "JX025",
                    message,
                    self.where(line.row, line.index),
                    severity=Severity.HINT,
                    evidence=" | ".join(c.text for c in line.row.nonempty()),
                    section_name=self.current().name,
                    row_no=row_no,
                )
            )

    def current(self) -> Section:
        """The section rows go to; a table without 职能 labels is a document-level table."""
        if self.section is None:
            self.section = Section(SectionKind.DEPARTMENT, DEPARTMENT_SECTION, key="dept", source=Source(self.file, 1))
            self.document.sections.append(self.section)
            self.findings.append(
                problem("JX024", "指标行前没有“职能N:”标签，这些指标作为部门整体指标读取。", Source(self.file, 1))
            )
        return self.section

    def place(self, line: _Line) -> int:
        section = self.current()
        name, value, *extra = [*line.content, None, None]
        indicator = self.levels.indicator(
            level3=name.text if name else "",
            target_raw=value.text if value else "",
            label=line.label,
            source=self.where(line.row, line.index, name.column if name else None),
        )
        section.indicators.append(indicator)
        row_no = len(section.indicators)
        if line.number is not None:
            self.last_number = line.number
        unexpected = line.stray + [c for c in extra if c is not None]
        if unexpected:
            self.findings.append(
                problem(
                    "JX022",
                    "指标行中有多余的单元格（不是分类、三级指标或指标值），未读取。",
                    self.where(line.row, line.index, unexpected[0].column),
                    evidence=" | ".join(c.text for c in unexpected),
                    section_name=section.name,
                    row_no=row_no,
                )
            )
        return row_no


class ApprovalReader:
    name = "dept_approval_form"
    description = "部门整体支出绩效目标批复表（制表符分列）"

    def identify(self, source: TextInput) -> Recognition:
        # A label is found in the text before the lines are split (most files have none).
        if not source.may_hold(_LABEL_IN_TEXT, 2):
            return Recognition(0.0, _NO_LABELS)
        rows = source.rows(_SCAN_LINES)
        labels = sum(1 for r in rows if len(r) > 1 for text in r.texts() if _ROW_LABEL.match(text))
        if labels < 2:
            return Recognition(0.0, _NO_LABELS)
        functions = any(_FUNCTION.match(c.text) for r in rows for c in r.cells)
        header = any(is_header_row(r) and len(r.nonempty()) > 1 for r in rows)
        approval = "批复" in heading(rows).title
        score = 0.5 + 0.2 * functions + 0.15 * header + 0.15 * approval
        found = ["“指标N:”行标签"] + ["“职能N:”标签"] * functions + ["指标表头"] * header + ["批复表标题"] * approval
        return Recognition(round(score, 2), "制表符分列，找到" + "、".join(found) + "。")

    def extract(self, source: TextInput) -> ReadResult:
        reading = _Reading(source)
        reading.run(source.rows())
        return ReadResult([reading.document], reading.findings)
