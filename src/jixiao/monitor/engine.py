"""Monitoring against the plan (绩效运行监控, "双监控"): ``monitor(documents, actuals, at, thresholds)``.

**Money.** At a checkpoint (6月底) the planned cumulative percent comes from the section's spending
plan (a blank checkpoint keeps the last percent written before it); a section without a plan is
held to time progress (6月底 → 50%). The gap is planned − actual percent points: up to
``thresholds.yellow`` is green, up to ``thresholds.red`` yellow, beyond red. The year-end forecast
keeps the pace against the plan: actual% ÷ planned% × 100%, never below what is already spent and
never above 100%.

**Indicators.** Progress is the share of the target reached so far, measured exactly as the year-end
score measures it (:func:`jixiao.score.outcome.outcome`, so lower-is-better and zero targets behave
the same). Behind time progress by the same thresholds gives yellow / red; the unit's own word
counts too: 有可能 is at least yellow, 完全不可能 red, and an expected year-end value short of the
target at least yellow. An indicator with a placeholder target cannot be monitored and says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from jixiao.findings import Finding, Location, Severity
from jixiao.model.document import Document, Indicator, Section
from jixiao.model.execution import YEAR_END, Actuals, IndicatorExecution, Likelihood, checkpoint_month
from jixiao.score.engine import budget_of, unit_of
from jixiao.score.outcome import HUNDRED, ZERO, Status, outcome
from jixiao.score.profile import ScoreProfile, load_score_profile


class Signal(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    NONE = "none"  # nothing reported, or nothing to compare with

    @property
    def label(self) -> str:
        return {"green": "绿", "yellow": "黄", "red": "红", "none": "无数据"}[self.value]


_ORDER = (Signal.NONE, Signal.GREEN, Signal.YELLOW, Signal.RED)


def worst(*signals: Signal) -> Signal:
    return max(signals, key=_ORDER.index)


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Percent points behind plan (or time) that turn a light yellow, and red."""

    yellow: Decimal = Decimal(10)
    red: Decimal = Decimal(20)

    def signal(self, gap: Decimal) -> Signal:
        return Signal.GREEN if gap <= self.yellow else Signal.YELLOW if gap <= self.red else Signal.RED


@dataclass(slots=True)
class SpendingPoint:
    checkpoint: str
    planned: Decimal  # cumulative percent of the budget
    actual: Decimal | None  # cumulative percent spent, None when not reported
    spent: Decimal | None


@dataclass(slots=True)
class IndicatorProgress:
    row: int
    level1: str
    name: str
    target: str
    reached: str  # value at the checkpoint, as written
    progress: Decimal | None  # percent of the target reached (0…100)
    expected: str
    likelihood: str
    reason: str
    action: str
    signal: Signal
    message: str


@dataclass(slots=True)
class SectionMonitor:
    part: int
    key: str
    unit: str
    code: str
    name: str
    budget: Decimal | None
    basis: str  # 支出计划 or 时间进度
    points: list[SpendingPoint]
    planned: Decimal  # at the checkpoint, percent
    actual: Decimal | None
    signal: Signal
    forecast: Decimal | None  # year-end execution percent
    message: str
    indicators: list[IndicatorProgress] = field(default_factory=list)


@dataclass(slots=True)
class MonitorReport:
    file: str
    at: str
    thresholds: Thresholds
    money_unit: str
    sections: list[SectionMonitor]
    findings: list[Finding] = field(default_factory=list)


def _time(checkpoint: str) -> Decimal:
    return Decimal(checkpoint_month(checkpoint) or 12) * HUNDRED / 12


def planned_percent(section: Section, checkpoint: str) -> tuple[Decimal, str]:
    """Cumulative percent planned by ``checkpoint`` and the basis (支出计划 / 时间进度)."""
    written = [(checkpoint_month(p.checkpoint), p.percent) for p in section.plan if p.percent is not None]
    if not written:
        return _time(checkpoint), "时间进度"
    month = checkpoint_month(checkpoint) or 12
    before = [pct for m, pct in written if m is not None and m <= month]
    return (before[-1] if before else ZERO), "支出计划"


def _q(x: Decimal) -> str:
    """A percent in a message: two decimals, half up, as the pages and the exported tables show it."""
    return format(x.quantize(Decimal("0.01"), ROUND_HALF_UP), "f")


def _spending(section: Section, actuals: Actuals, document: Document, at: str, thresholds: Thresholds) -> SectionMonitor:
    execution = actuals.section(document.part, section.key)
    budget = budget_of(section, execution)
    points = []
    for checkpoint in actuals.checkpoints:
        planned, basis = planned_percent(section, checkpoint)
        spent = execution.spent.get(checkpoint)
        actual = spent / budget * HUNDRED if spent is not None and budget else None
        points.append(SpendingPoint(checkpoint, planned, actual, spent))
    planned, basis = planned_percent(section, at)
    spent = execution.spent.get(at)
    if not budget:
        actual, signal, forecast, message = None, Signal.NONE, None, "没有预算数（或为0），无法计算执行进度。"
    elif spent is None:
        actual, signal, forecast, message = None, Signal.NONE, None, f"未填报截至{at}的累计支出。"
    else:
        actual = spent / budget * HUNDRED
        gap = planned - actual
        signal = thresholds.signal(gap)
        pace = actual / planned * HUNDRED if planned else actual / _time(at) * HUNDRED
        forecast = min(max(pace, actual), HUNDRED) if actual <= HUNDRED else actual
        behind = f"落后{_q(gap)}个百分点" if gap > 0 else "不落后"
        message = f"截至{at}执行{_q(actual)}%，{basis}为{_q(planned)}%，{behind}；按此进度预计全年执行{_q(forecast)}%。"
    return SectionMonitor(
        document.part, section.key, unit_of(section, document), section.code, section.name, budget, basis,
        points, planned, actual, signal, forecast, message,
    )  # fmt: skip


def _progress(ind: Indicator, row: int, done: IndicatorExecution, at: str, thresholds: Thresholds, profile: ScoreProfile) -> IndicatorProgress:
    reached = done.actual if at == YEAR_END and done.actual else done.reached.get(at, "")
    result = outcome(ind, reached, profile)
    progress, signal, parts = None, Signal.NONE, []
    if result.status == Status.UNSCORABLE:
        parts.append("指标值不是可对照的目标，无法监控。")
    elif not reached:
        parts.append(f"未填报{at}完成值。")
    else:
        progress = result.share * HUNDRED
        gap = _time(at) - progress
        signal = thresholds.signal(gap)
        parts.append(f"已完成目标的{_q(progress)}%，时间进度{_q(_time(at))}%。")
    if done.expected and result.status != Status.UNSCORABLE and outcome(ind, done.expected, profile).share < 1:
        signal = worst(signal, Signal.YELLOW)
        parts.append(f"预计年底{done.expected}，达不到目标。")
    if done.likelihood == Likelihood.POSSIBLE:
        signal = worst(signal, Signal.YELLOW)
    elif done.likelihood == Likelihood.IMPOSSIBLE:
        signal = worst(signal, Signal.RED)
    if done.likelihood:
        parts.append(f"单位判断{done.likelihood}完成。")
    return IndicatorProgress(
        row, ind.level1, ind.level3 or ind.description, ind.target_raw, reached, progress, done.expected,
        done.likelihood or "", done.reason or "", done.action, signal, "".join(parts),
    )  # fmt: skip


def _findings(report_sections: list[SectionMonitor]) -> list[Finding]:
    out = []
    for s in report_sections:
        where = dict(unit=s.unit, section_code=s.code, section_name=s.name)
        if s.signal in (Signal.YELLOW, Signal.RED):
            severity = Severity.ERROR if s.signal == Signal.RED else Severity.WARNING
            out.append(Finding("JX321", severity, f"预算执行{s.signal.label}色预警：{s.message}", Location(**where, field="预算执行"),
                               "请分析支出滞后的原因，加快支出进度。"))  # fmt: skip
        if s.actual is not None and s.actual > HUNDRED:  # a slip of the pen more often than a real overspend
            out.append(Finding("JX323", Severity.WARNING, f"累计支出超出预算：{s.message}", Location(**where, field="累计支出"),
                               "请核对累计支出和预算数（万元）；确实超支的，请说明原因并按规定调整预算。"))  # fmt: skip
        for i in s.indicators:
            if i.signal in (Signal.YELLOW, Signal.RED) and not i.reason:
                out.append(Finding("JX322", Severity.WARNING, f"“{i.name}”{i.signal.label}色预警，但没有说明偏差原因：{i.message}",
                                   Location(**where, row_no=i.row, field="偏差原因"), "请选择偏差原因并写明纠偏措施。"))  # fmt: skip
    return out


def monitor(
    documents: Sequence[Document], actuals: Actuals, at: str = "", thresholds: Thresholds | None = None,
    profile: ScoreProfile | None = None,
) -> MonitorReport:  # fmt: skip
    """Money and targets at checkpoint ``at`` (default: the latest checkpoint with any spending)."""
    thresholds = thresholds or Thresholds()
    profile = profile or load_score_profile()
    if not at:
        filled = [c for c in actuals.checkpoints if any(c in e.spent for e in actuals.sections.values())]
        at = filled[-1] if filled else actuals.checkpoints[0]
    sections = []
    for document in documents:
        for section in document.sections:
            if not section.indicators and not section.amounts.total:
                continue
            item = _spending(section, actuals, document, at, thresholds)
            item.indicators = [
                _progress(ind, row, actuals.indicator(document.part, section.key, row), at, thresholds, profile)
                for row, ind in enumerate(section.indicators, 1)
            ]
            sections.append(item)
    file = documents[0].source_file if documents else ""
    unit = next((d.money_unit for d in documents if d.money_unit), "未注明")
    return MonitorReport(file, at, thresholds, unit, sections, _findings(sections))
