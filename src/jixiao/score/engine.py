"""Scoring a target file against its actuals: ``score(documents, actuals, profile) -> ScoreReport``.

Points are handed out in three steps, each stated in the report's notes:

1. **Parts.** The budget execution line and every 一级指标 of the profile that has at least one
   scorable indicator are present; indicators under any other 一级指标 (or none, as in seed 000)
   form ``其他指标`` with no points of their own.
2. **Redistribution.** A part with nothing to score gives its points to the part the profile names
   (满意度 → 效益), else a missing 一级指标 gives them to ``其他指标`` when there is one; what is left
   is shared among the present parts in proportion to their points (equally when none has any).
3. **Within a part**, points are shared equally among its scorable indicators, or in proportion to
   their weights (分值) when every one of them has a weight. An unscorable indicator (placeholder or
   empty target) gets no points; a scorable one without an actual keeps its points and scores 0.

Budget execution earns ``points × min(执行数 ÷ 预算数, 1)``; a zero or missing budget makes the line
unscorable (no division), a missing 执行数 scores 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from jixiao.findings import Finding, Location, Severity
from jixiao.model.document import Document, Section
from jixiao.model.execution import YEAR_END, Actuals, SectionExecution
from jixiao.score.outcome import ONE, ZERO, Outcome, Status, num, outcome, pct
from jixiao.score.profile import BUDGET, OTHER, ScoreProfile
from jixiao.score.report import ItemScore, ScoreReport, SectionScore, money


def budget_of(section: Section, execution: SectionExecution) -> Decimal | None:
    """The budget execution is measured against: the adjusted budget, else the approved total."""
    if execution.adjusted_budget is not None:
        return execution.adjusted_budget
    return section.amounts.total.value if section.amounts.total else None


def unit_of(section: Section, document: Document) -> str:
    """The section's budget unit, else the document's own (its one unit, or the organisation it is of)."""
    if label := section.unit.label():
        return label
    return document.units[0].label() if len(document.units) == 1 else document.organisation


def spent_at(execution: SectionExecution, checkpoint: str = YEAR_END) -> Decimal | None:
    return execution.spent.get(checkpoint)


def budget_outcome(budget: Decimal | None, spent: Decimal | None) -> Outcome:
    if budget is None:
        return Outcome(Status.UNSCORABLE, ZERO, "没有预算数，预算执行率不参与评分，分值按规则分摊。")
    if budget == 0:
        return Outcome(Status.UNSCORABLE, ZERO, "预算数为0，无法计算执行率，不参与评分，分值按规则分摊。")
    if spent is None:
        return Outcome(Status.MISSING, ZERO, "未填报全年执行数，预算执行率不得分。")
    rate = spent / budget
    if rate > 1:
        return Outcome(Status.SCORED, ONE, f"执行数超出预算 {num(spent - budget)}，执行率 {pct(rate)} 按100%计分，请说明超支原因。")
    return Outcome(Status.SCORED, max(rate, ZERO), f"执行率 {pct(rate)}，按执行率计分。" if rate < 1 else "")


def _nothing(part: str) -> str:
    return "预算执行率无法计算" if part == BUDGET else f"没有可评分的{part}"


def _part_points(profile: ScoreProfile, present: set[str]) -> tuple[dict[str, Decimal], list[str]]:
    points = {p: v for p, v in profile.points.items() if p in present}
    if OTHER in present:
        points[OTHER] = ZERO
    notes, leftover = [], ZERO
    for part, value in profile.points.items():
        if part in present or value == 0:
            continue
        receiver = profile.redistribute.get(part)
        if receiver not in points and part != BUDGET and OTHER in points:
            receiver = OTHER  # uncategorised indicators stand in for the missing 一级指标
        if receiver in points:
            points[receiver] += value
            notes.append(f"{_nothing(part)}，其{num(value)}分转入{receiver}。")
        else:
            leftover += value
            notes.append(f"{_nothing(part)}，其{num(value)}分按其余各部分分值比例分摊。")
    if leftover and points:
        base = {p: profile.points.get(p, ZERO) for p in points}
        weight = sum(base.values(), ZERO)
        for part in points:
            points[part] += leftover * base[part] / weight if weight else leftover / len(points)
    return points, notes


def _weight(raw: str) -> Decimal | None:
    try:
        value = Decimal(raw.strip())
    except ArithmeticError:
        return None
    return value if value > 0 else None


def _share_out(total: Decimal, weights: list[Decimal | None]) -> tuple[list[Decimal], str]:
    if weights and all(w is not None for w in weights):
        whole = sum(weights, ZERO)  # type: ignore[arg-type]
        return [total * w / whole for w in weights], "按各指标分值比例分配"  # type: ignore[operator]
    note = "（部分指标未给分值）" if any(w is not None for w in weights) else ""
    return [total / len(weights)] * len(weights), f"平均分配{note}"


def _explain(points: Decimal, score: Decimal | None, result: Outcome) -> str:
    if result.status == Status.UNSCORABLE:
        return result.reason
    lost = points - (score or ZERO)
    if lost <= 0:
        return result.reason or "达到目标，得满分。"
    return f"扣{money(lost)}分：{result.reason}"


def score_section(document: Document, section: Section, actuals: Actuals, profile: ScoreProfile) -> SectionScore:
    execution = actuals.section(document.part, section.key)
    budget, spent = budget_of(section, execution), spent_at(execution)
    budget_result = budget_outcome(budget, spent)
    rows = []  # (part, indicator, row, execution, outcome)
    for row, ind in enumerate(section.indicators, 1):
        done = actuals.indicator(document.part, section.key, row)
        part = ind.level1 if ind.level1 in profile.points and ind.level1 != BUDGET else OTHER
        rows.append((part, ind, row, done, outcome(ind, done.actual or ind.actual_raw, profile)))
    present = {part for part, *_, result in rows if result.status != Status.UNSCORABLE}
    if budget_result.status != Status.UNSCORABLE:
        present.add(BUDGET)
    points, notes = _part_points(profile, present)

    def item(part: str, share_points: Decimal, result: Outcome, **fields) -> ItemScore:
        score = None if result.status == Status.UNSCORABLE else share_points * result.share
        return ItemScore(part=part, points=share_points, score=score, status=result.status,
                         explanation=_explain(share_points, score, result), **fields)  # fmt: skip

    items = [
        item(BUDGET, points.get(BUDGET, ZERO), budget_result, level2="", name="预算执行率",
             target=money(budget), actual=money(spent), source=section.source)
    ]  # fmt: skip
    for part in dict.fromkeys(p for p, *_ in rows):
        scored = [r for r in rows if r[0] == part and r[4].status != Status.UNSCORABLE]
        weights = [r[3].weight or _weight(r[1].weight_raw) for r in scored]
        shares, how = _share_out(points.get(part, ZERO), weights) if scored else ([], "")
        if len(scored) > 1:
            notes.append(f"{part}{num(points[part].quantize(Decimal('0.01')))}分在{len(scored)}个可评分指标间{how}。")
        by_row = {r[2]: s for r, s in zip(scored, shares)}
        for _, ind, row, done, result in (r for r in rows if r[0] == part):
            deviation = "；".join(p for p in ((done.reason or ""), done.action, ind.deviation) if p)
            items.append(
                item(part, by_row.get(row, ZERO), result, level2=ind.level2, name=ind.level3 or ind.description,
                     target=ind.target_raw or (f"优{ind.grades.excellent}" if ind.grades.excellent else ""),
                     actual=done.actual or ind.actual_raw, deviation=deviation, row=row, source=ind.source)
            )  # fmt: skip
    counted = [i.score for i in items if i.score is not None]
    total = sum(counted, ZERO) if counted else None
    return SectionScore(
        part=document.part, key=section.key, unit=unit_of(section, document), code=section.code, name=section.name,
        budget=budget, spent=spent, rate=spent / budget if budget and spent is not None else None,
        items=items, points=points, notes=notes, total=total,
        grade=profile.grade(total) if total is not None else "无法评分",
    )  # fmt: skip


def _findings(section: SectionScore) -> list[Finding]:
    out = []
    for i in section.items:
        if i.status == Status.SCORED:
            continue
        severity = Severity.WARNING if i.status == Status.MISSING else Severity.HINT
        code = "JX301" if i.status == Status.MISSING else "JX302"
        field = ("全年实际值" if i.status == Status.MISSING else "年度指标值") if i.row else "预算数"
        location = Location(i.source, section.unit, section.code, section.name, i.row, field)
        out.append(Finding(code, severity, f"“{i.name}”：{i.explanation}", location, evidence=i.actual or i.target))
    return out


def score(documents: Sequence[Document], actuals: Actuals, profile: ScoreProfile) -> ScoreReport:
    """Score every section with indicators in ``documents`` (the parts of one file)."""
    sections = [
        score_section(document, section, actuals, profile)
        for document in documents
        for section in document.sections
        if section.indicators
    ]
    first = documents[0] if documents else None
    return ScoreReport(
        profile=profile.name,
        profile_description=profile.description,
        file=first.source_file if first else "",
        money_unit=next((d.money_unit for d in documents if d.money_unit), "未注明"),
        sections=sections,
        findings=[f for s in sections for f in _findings(s)],
    )
