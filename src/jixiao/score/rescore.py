"""Re-scoring an old self-evaluation table (自评表) with a profile, showing where the sums differ.

The table's own columns become the actuals: 全年预算数 and 全年执行数 of 年度资金总额, each indicator's
实际完成值, and its 分值 as the weight within its level. The profile then scores it afresh, and every
disagreement is listed: an indicator's 分值 or 得分, the 执行率, and the table's 总分 against both the
sum of its own lines and the profile's total.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from jixiao.model.document import DocKind, Document
from jixiao.model.execution import YEAR_END, Actuals, IndicatorExecution, SectionExecution, SectionKey
from jixiao.score.engine import score
from jixiao.score.outcome import pct
from jixiao.score.profile import BUDGET, ScoreProfile
from jixiao.score.report import Difference, ScoreReport, SectionScore, money

TOLERANCE = Decimal("0.05")  # tables round to one decimal; smaller gaps are rounding, not arithmetic


def _number(text: str) -> Decimal | None:
    text = text.strip().rstrip("%").replace(",", "")
    try:
        return Decimal(text) if text else None
    except InvalidOperation:
        return None


def is_self_evaluation(documents: Sequence[Document]) -> bool:
    return any(d.kind == DocKind.SELF_EVALUATION for d in documents)


def actuals_from_table(documents: Sequence[Document]) -> Actuals:
    actuals = Actuals(checkpoints=(YEAR_END,))
    for d in documents:
        for s in d.sections:
            key = SectionKey(d.part, s.key)
            spent = _number(s.fields.get("年度资金总额/全年执行数", ""))
            actuals.sections[key] = SectionExecution(
                _number(s.fields.get("年度资金总额/全年预算数", "")), {YEAR_END: spent} if spent is not None else {}, s.source
            )
            for row, ind in enumerate(s.indicators, 1):
                actuals.indicators[(key, row)] = IndicatorExecution(actual=ind.actual_raw, source=ind.source)
    return actuals


def _differ(a: Decimal | None, b: Decimal | None) -> bool:
    return (a is None) != (b is None) or (a is not None and b is not None and abs(a - b) > TOLERANCE)


def _compare(section: SectionScore, fields: dict[str, str], written: list[tuple[str, str, str]]) -> list[Difference]:
    """``written``: (name, 分值, 得分) per line as the table has them, budget line first."""
    out = []
    title = section.name
    for item, (name, points, got) in zip(section.items, written):
        for what, theirs, ours in (("分值", _number(points), item.points), ("得分", _number(got), item.score)):
            if _differ(theirs, ours):
                out.append(Difference(title, name or "（无名称）", what, points if what == "分值" else got, money(ours), item.explanation))
    rate = _number(fields.get("年度资金总额/执行率", ""))
    if rate is not None and section.rate is not None and _differ(rate, section.rate * 100):
        out.append(Difference(title, BUDGET, "执行率", f"{rate}%", pct(section.rate), "执行率应为全年执行数 ÷ 全年预算数。"))
    total = _number(fields.get("总分/得分", ""))
    lines = [_number(got) for _, _, got in written]
    line_sum = sum((x for x in lines if x is not None), Decimal(0))
    if total is not None and _differ(total, line_sum):
        out.append(Difference(title, "总分", "合计", money(total), money(line_sum), "表中总分不等于各行得分之和。"))
    if total is not None and _differ(total, section.total):
        out.append(Difference(title, "总分", "得分", money(total), money(section.total), f"按评分方案重算为 {section.grade}。"))
    return out


def rescore(documents: Sequence[Document], profile: ScoreProfile) -> ScoreReport:
    report = score(documents, actuals_from_table(documents), profile)
    sections = {(d.part, s.key): s for d in documents for s in d.sections}
    for result in report.sections:
        section = sections[(result.part, result.key)]
        written = [("预算执行率", section.fields.get("年度资金总额/分值", ""), section.fields.get("年度资金总额/得分", ""))]
        by_row = {i.row: i for i in result.items if i.row is not None}
        result.items = [result.items[0], *(by_row[r] for r in sorted(by_row))]  # table order
        written += [(ind.level3, ind.weight_raw, ind.score_raw) for ind in section.indicators]
        report.differences.extend(_compare(result, section.fields, written))
    return report
