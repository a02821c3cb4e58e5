"""Builders for monitoring and scoring tests: indicators, sections and actuals written in code."""

from __future__ import annotations

from decimal import Decimal

from jixiao.model.document import Amounts, DocKind, Document, Grades, Indicator, Money, PlanPoint, Section, SectionKind
from jixiao.model.execution import YEAR_END, Actuals, IndicatorExecution, SectionExecution, SectionKey
from jixiao.values.parse import parse_target


def indicator(name: str, target: str, level1: str = "产出指标", grades: tuple[str, ...] = (), weight: str = "") -> Indicator:
    return Indicator(level1=level1, level2="", level3=name, target_raw=target, target=parse_target(target),
                     grades=Grades(*grades), weight_raw=weight)  # fmt: skip


def project(*indicators: Indicator, budget: str | None = "100", plan: tuple[str, ...] = (), key: str = "P1") -> Section:
    points = [
        PlanPoint(c, p, Decimal(p.rstrip("%")) if p else None) for c, p in zip(("3月底", "6月底", "10月底", "12月底"), plan)
    ]
    return Section(SectionKind.PROJECT, name="测试项目", key=key, amounts=Amounts(total=Money.parse(budget) if budget else None),
                   plan=points, indicators=list(indicators))  # fmt: skip


def document(*sections: Section) -> Document:
    return Document(DocKind.PROJECT_TARGETS_BOOK, source_file="t.txt", money_unit="万元", sections=list(sections))


def actuals(
    spent: dict[str, str] | None = None,
    values: dict[int, str] | None = None,
    executions: dict[int, IndicatorExecution] | None = None,
    key: str = "P1",
) -> Actuals:
    """Spending by checkpoint, year-end values by indicator row, or whole executions by row."""
    out = Actuals()
    out.sections[SectionKey(1, key)] = SectionExecution(spent={c: Decimal(v) for c, v in (spent or {}).items()})
    rows = {row: IndicatorExecution(actual=value) for row, value in (values or {}).items()} | (executions or {})
    for row, execution in rows.items():
        out.indicators[(SectionKey(1, key), row)] = execution
    return out


def year_end(spent: str) -> dict[str, str]:
    return {YEAR_END: spent}
