"""Figures across units and years, as a finance bureau compares them.

Each figure is a small table (title, columns, rows of plain values): a chart draws it and its CSV
gives the same numbers, so nothing on a chart is not downloadable. The figures come from what the
rest of the core already computes — the parsed target values, the review's findings and the
self-evaluation scores — and never recompute them.

- 定量指标占比: indicators whose target is a number (``≥95%``, ``450-520元``, compound values)
  against all indicators, per year and unit;
- 审核问题: findings per rule and unit, by severity;
- 预算执行与自评等级: budget, amount spent and execution rate, and the grades of the scored
  sections, per year and unit (from the self-evaluation, where there is one);
- 目标与实际: indicators whose actual value reached the target in full, in part or not at all.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.findings import Finding, Severity
from jixiao.model.document import Document
from jixiao.model.execution import YEAR_END, Actuals
from jixiao.review import RULES
from jixiao.score import load_score_profile, score
from jixiao.score.outcome import Status
from jixiao.score.report import ScoreReport
from jixiao.score.rescore import is_self_evaluation, rescore
from jixiao.values.types import Compound, Quantity, Range
from jixiao.write.tables import spreadsheet_csv

QUANTITATIVE = (Quantity, Range, Compound)
GRADES = ("优", "良", "中", "差")
UNGRADED = "无法评分"
NO_YEAR = "未注明"
_CENT = Decimal("0.01")
# amounts are compared in 万元, as the budget tables are written
_TO_WAN = {"元": Decimal("0.0001"), "万元": Decimal(1)}


@dataclass(frozen=True)
class Case:
    """One document with what is known of it: its findings counted ({code: {severity: n}}, as a
    stored document keeps them) and its self-evaluation."""

    document: Document
    finding_counts: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    score: ScoreReport | None = None
    unit: str = ""  # the unit as the figures name it; default the document's organisation

    @property
    def year(self) -> str:
        return str(self.document.year) if self.document.year else NO_YEAR

    @property
    def unit_name(self) -> str:
        return self.unit or self.document.organisation or self.document.source_file


@dataclass
class Figure:
    key: str  # as in URLs and file names
    title: str
    columns: tuple[str, ...]
    rows: list[tuple] = field(default_factory=list)

    def records(self) -> list[dict[str, str]]:
        return [{c: "" if v is None else str(v) for c, v in zip(self.columns, row)} for row in self.rows]

    def csv(self) -> bytes:
        return spreadsheet_csv(self.records(), self.columns)


def percent(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    return (Decimal(part) * 100 / Decimal(whole)).quantize(_CENT) if whole else None


def quantitative_share(cases: Iterable[Case]) -> Figure:
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for case in cases:
        tally = counts[(case.year, case.unit_name)]
        for section in case.document.sections:
            for ind in section.indicators:
                tally[0] += 1
                tally[1] += isinstance(ind.target, QUANTITATIVE)
    rows = [(year, unit, n, q, percent(q, n)) for (year, unit), (n, q) in sorted(counts.items())]
    return Figure("quantitative", "定量指标占比", ("年度", "单位", "指标数", "定量指标数", "定量占比（%）"), rows)


def findings_by_rule(cases: Iterable[Case]) -> Figure:
    counts: Counter[tuple[str, str, str]] = Counter()
    for case in cases:
        for code, by_severity in case.finding_counts.items():
            for severity, n in by_severity.items():
                counts[(code, case.unit_name, severity)] += n
    keys = sorted({(code, unit) for code, unit, _ in counts})
    rows = []
    for code, unit in keys:
        by = [counts[(code, unit, s)] for s in Severity]
        rows.append((code, RULES[code].title if code in RULES else "", unit, *by, sum(by)))
    return Figure("findings", "审核问题（按规则和单位）", ("规则", "规则名称", "单位", *(s.label for s in Severity), "合计"), rows)


def execution_and_grades(cases: Iterable[Case]) -> Figure:
    groups: dict[tuple[str, str], dict] = defaultdict(lambda: {"n": 0, "budget": Decimal(0), "spent": Decimal(0), "grades": Counter(), "totals": []})
    for case in cases:
        if case.score is None:
            continue
        factor = _TO_WAN.get(case.score.money_unit or case.document.money_unit, Decimal(1))
        g = groups[(case.year, case.unit_name)]
        for s in case.score.sections:
            g["n"] += 1
            if s.budget is not None and s.spent is not None:  # a rate needs both sides
                g["budget"] += s.budget * factor
                g["spent"] += s.spent * factor
            g["grades"][s.grade if s.grade in GRADES else UNGRADED] += 1
            if s.total is not None:
                g["totals"].append(s.total)
    rows = []
    for (year, unit), g in sorted(groups.items()):
        mean = (sum(g["totals"]) / len(g["totals"])).quantize(_CENT) if g["totals"] else None
        rows.append((year, unit, g["n"], g["budget"].quantize(_CENT), g["spent"].quantize(_CENT), percent(g["spent"], g["budget"]),
                     *(g["grades"][k] for k in (*GRADES, UNGRADED)), mean))  # fmt: skip
    columns = ("年度", "单位", "评价项目数", "预算数（万元）", "执行数（万元）", "执行率（%）", *GRADES, UNGRADED, "平均得分")
    return Figure("execution", "预算执行率与自评等级", columns, rows)


def targets_and_actuals(cases: Iterable[Case]) -> Figure:
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for case in cases:
        if case.score is None:
            continue
        tally = counts[(case.year, case.unit_name)]
        for s in case.score.sections:
            for item in s.items:
                if item.row is None or item.status == Status.UNSCORABLE:
                    continue  # the budget line is the execution figure's; a target with no number is not compared
                tally["n"] += 1
                share = item.score / item.points if item.points else Decimal(item.status == Status.SCORED)
                tally["full" if share >= 1 else "part" if share > 0 else "none"] += 1
    rows = [
        (year, unit, c["n"], c["full"], c["part"], c["none"], percent(c["full"], c["n"]))
        for (year, unit), c in sorted(counts.items())
    ]
    columns = ("年度", "单位", "对照指标数", "达到目标", "部分达到", "未达到或无实际值", "达标率（%）")
    return Figure("actuals", "绩效目标与实际完成", columns, rows)


def self_evaluation(documents: Sequence[Document], actuals: Actuals | None = None) -> ScoreReport | None:
    """The default profile's scores of the parts of one file: from year-end actuals entered for
    it, else from its own columns when it is a self-evaluation table; None when neither is there."""
    if actuals is not None and any(YEAR_END in s.spent for s in actuals.sections.values()):
        return score(documents, actuals, load_score_profile())
    if is_self_evaluation(documents):
        return rescore(documents, load_score_profile())
    return None


def file_cases(documents: Sequence[Document], findings: Sequence[Finding], report: ScoreReport | None, unit: str = "") -> list[Case]:
    """One case per part of a file; a finding goes to the part it names (the first when it names
    none), the file's self-evaluation to its first part."""
    parts = [d.part for d in documents]
    counts: dict[int, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for f in findings:
        counts[f.location.part if f.location.part in parts else parts[0]][f.code][f.severity.value] += 1
    return [Case(d, counts[d.part], report if i == 0 else None, unit) for i, d in enumerate(documents)]


def analyse(cases: Sequence[Case]) -> list[Figure]:
    """Every figure of ``cases``, in the order the pages show them."""
    return [quantitative_share(cases), findings_by_rule(cases), execution_and_grades(cases), targets_and_actuals(cases)]
