"""Problems found in a document are values, never bare exceptions.

Readers report what they could not read cleanly (codes ``JX0xx``); the review engine reports
what a finance reviewer would object to (``JX1xx`` and up). Both use :class:`Finding`.
"""

from __future__ import annotations

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

    def describe(self) -> str:
        parts = [self.source.describe()]
        if self.unit:
            parts.append(self.unit)
        if self.section_code or self.section_name:
            parts.append(" ".join(p for p in (self.section_code, self.section_name) if p))
        if self.row_no is not None:
            parts.append(f"指标第{self.row_no}行")
        if self.field:
            parts.append(self.field)
        return " / ".join(p for p in parts if p)


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
