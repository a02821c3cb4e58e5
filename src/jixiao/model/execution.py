"""What happened during the year (执行数据): money spent and values reached, per section and indicator.

Kept apart from :class:`~jixiao.model.document.Document`, which holds the approved plan; the two are
joined by the section's place in the file (document part and section key) and the indicator's row.
Money is an exact :class:`~decimal.Decimal` in the document's money unit (万元 for the seeds); values
reached are kept as written and parsed with the target-value parser when they are compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from jixiao.model.source import Source

# Checkpoints (监控时点) used when a document has no spending plan of its own.
DEFAULT_CHECKPOINTS = ("3月底", "6月底", "10月底", "12月底")
YEAR_END = "12月底"
_MONTH = re.compile(r"(\d{1,2})\s*月")


def checkpoint_month(checkpoint: str) -> int | None:
    """6月底 → 6, 12月底 → 12; None when the text names no month."""
    match = _MONTH.search(checkpoint)
    month = int(match.group(1)) if match else 0
    return month if 1 <= month <= 12 else None


class Likelihood(StrEnum):
    """Whether the target will be met by year end (能否完成年度目标)."""

    CERTAIN = "确定能"
    POSSIBLE = "有可能"
    IMPOSSIBLE = "完全不可能"


class DeviationReason(StrEnum):
    """Why a value falls behind (偏差原因), as the monitoring form lists them."""

    FUNDING = "经费保障"
    POLICY = "制度保障"
    STAFF = "人员保障"
    FACILITIES = "硬件条件保障"
    OTHER = "其他"


@dataclass(frozen=True, slots=True)
class SectionKey:
    """A section's place: the document part within the file and the section's key."""

    part: int
    key: str


@dataclass(slots=True)
class SectionExecution:
    adjusted_budget: Decimal | None = None  # 调整后预算数; None: the approved amount stands
    spent: dict[str, Decimal] = field(default_factory=dict)  # checkpoint → cumulative amount spent
    source: Source = field(default_factory=Source)


@dataclass(slots=True)
class IndicatorExecution:
    reached: dict[str, str] = field(default_factory=dict)  # checkpoint → value reached, as written
    actual: str = ""  # 全年实际值, as written
    expected: str = ""  # 预计年底完成值
    likelihood: Likelihood | None = None
    reason: DeviationReason | None = None
    action: str = ""  # 纠偏措施 / 改进措施
    evidence: str = ""  # 佐证材料说明
    weight: Decimal | None = None  # 分值, when the unit sets weights itself
    source: Source = field(default_factory=Source)


@dataclass(slots=True)
class Actuals:
    """All execution data for one target file."""

    checkpoints: tuple[str, ...] = DEFAULT_CHECKPOINTS
    sections: dict[SectionKey, SectionExecution] = field(default_factory=dict)
    indicators: dict[tuple[SectionKey, int], IndicatorExecution] = field(default_factory=dict)  # row from 1
    source_file: str = ""

    def section(self, part: int, key: str) -> SectionExecution:
        return self.sections.get(SectionKey(part, key)) or SectionExecution()

    def indicator(self, part: int, key: str, row: int) -> IndicatorExecution:
        return self.indicators.get((SectionKey(part, key), row)) or IndicatorExecution()
