"""The result of scoring: one line per scored item, per section, with every deduction in words."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from jixiao.findings import Finding
from jixiao.model.source import Source
from jixiao.score.outcome import Status

CENT = Decimal("0.01")


def money(x: Decimal | None) -> str:
    """Points and amounts for display: two decimals, half up (exact values stay in the report)."""
    return "" if x is None else format(x.quantize(CENT, ROUND_HALF_UP), "f")


@dataclass(slots=True)
class ItemScore:
    """One line of the 自评表: the budget execution line or an indicator."""

    part: str  # 预算执行率 or the 一级指标 the points came from
    level2: str
    name: str
    target: str  # 年度指标值 (or 预算数) as written
    actual: str  # 全年实际值 (or 执行数)
    points: Decimal  # 分值 after redistribution
    score: Decimal | None  # None: left out
    status: Status
    explanation: str  # every point deducted, in words; why it was left out
    deviation: str = ""  # 偏差原因及改进措施
    row: int | None = None  # indicator row within its section (None for the budget line)
    source: Source = field(default_factory=Source)

    @property
    def deducted(self) -> Decimal:
        return self.points - (self.score or Decimal(0))


@dataclass(slots=True)
class SectionScore:
    part: int
    key: str
    unit: str
    code: str
    name: str
    budget: Decimal | None  # 预算数 (adjusted when given)
    spent: Decimal | None  # 执行数
    rate: Decimal | None  # 执行率, 0…
    items: list[ItemScore]
    points: dict[str, Decimal]  # part → points after redistribution
    notes: list[str]  # redistribution and other section-wide rules applied
    total: Decimal | None
    grade: str  # 优 / 良 / 中 / 差, or 无法评分


@dataclass(frozen=True, slots=True)
class Difference:
    """Where an old self-evaluation table's own arithmetic disagrees with the profile's."""

    section: str
    item: str  # indicator name, 预算执行率 or 总分
    what: str  # 分值 / 得分 / 执行率 / 合计
    table: str  # as the table has it
    profile: str  # as the profile computes it
    note: str = ""


@dataclass(slots=True)
class ScoreReport:
    profile: str
    profile_description: str
    file: str
    money_unit: str
    sections: list[SectionScore]
    findings: list[Finding] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)  # re-scoring an old table only
