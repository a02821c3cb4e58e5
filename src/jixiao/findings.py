"""Problems found in a document are values, never bare exceptions.

Readers report what they could not read cleanly (codes ``JX0xx``); the review engine reports
what a finance reviewer would object to (``JX1xx`` and up). Both use :class:`Finding`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from jixiao.model.source import Source


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    HINT = "hint"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "hint": "提示"}[self.value]


def row_numbers(rows: Iterable[int]) -> str:
    """``1–9``, ``1、3、7``: consecutive rows as one range, so a clerk sees at once which rows to fix."""
    runs: list[list[int]] = []
    for n in sorted(set(rows)):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return "、".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


# What a clerk calls the cells the readers and the review name by machine name (``Location.field``
# keeps the machine name for JSON and CSV; the texts people read use these).
FIELD_LABELS = {
    "name": "名称",
    "code": "编码",
    "title": "标题",
    "amount": "金额",
    "purpose": "职责/资金用途",
    "goal": "绩效目标",
    "plan": "支出计划",
    "level1": "一级指标",
    "level2": "二级指标",
    "level3": "三级指标",
    "description": "指标描述",
    "target": "指标值",
    "cycle_target": "实施期指标值",
    "basis": "指标值确定依据",
    "grades": "评分标准",
    "weight": "权重",
    "actual": "完成值",
    "score": "得分",
    "deviation": "偏差原因",
}


def field_label(name: str) -> str:
    """``指标值`` for ``target``; a field already named in Chinese (``年度整体绩效目标``) as it is."""
    return FIELD_LABELS.get(name, name)


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding points: the physical place plus the document coordinates a clerk uses."""

    source: Source = field(default_factory=Source)
    unit: str = ""
    section_code: str = ""
    section_name: str = ""
    row_no: int | None = None
    field: str = ""
    # Which part of the file and which of its sections (both 1-based): code and name alone are
    # ambiguous, as one document may hold two sections with the same code and name.
    part: int | None = None
    section_index: int | None = None
    rows: tuple[int, ...] = ()  # every indicator row a finding covers when it is more than row_no (the first)

    def covered(self) -> tuple[int, ...]:
        """The indicator rows the finding is about (none when it is not about a row)."""
        return self.rows or (() if self.row_no is None else (self.row_no,))

    def row_label(self) -> str:
        """``指标第3行``, ``指标第1–9行``, or "" when the finding is not about a row."""
        return f"指标第{row_numbers(self.covered())}行" if self.covered() else ""

    def describe(self) -> str:
        parts = [self.source.describe()]
        if self.unit:
            parts.append(self.unit)
        if self.section_code or self.section_name:
            parts.append(" ".join(p for p in (self.section_code, self.section_name) if p))
        parts.append(self.row_label())
        if self.field:
            parts.append(self.field_label())
        return " / ".join(p for p in parts if p)

    def field_label(self) -> str:
        """The field as a clerk names it (``指标值``); ``field`` stays the machine name."""
        return field_label(self.field)


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    message: str
    location: Location = field(default_factory=Location)
    suggestion: str = ""
    evidence: str = ""
    dimension: str = ""  # review dimension: 完整性, 相关性, 适当性, 可行性, 规范性, 一致性

    def describe(self) -> str:
        text = f"{self.location.describe()}: [{self.code} {self.severity.label}] {self.message}"
        if self.evidence:
            text += f"（原文：{self.evidence}）"
        if self.suggestion:
            text += f" 建议：{self.suggestion}"
        return text


class ReadError(Exception):
    """Raised when a file cannot be read at all (empty, binary, unknown layout...).

    Carries a :class:`Finding` so the CLI can print one clear message and exit non-zero.
    """

    def __init__(self, finding: Finding):
        super().__init__(finding.describe())
        self.finding = finding
