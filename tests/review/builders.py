"""Small builders for review tests: documents, sections and indicator rows written in code.

Shared by every review-rule test module. Add helpers at the end; do not change what exists.

    doc(project(ind("数量指标", "低保保障人数", "≥1200人"), name="城乡低保"), year=2024)
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.model.categories import parent_of
from jixiao.model.document import (
    Amounts,
    DocKind,
    Document,
    Grades,
    Indicator,
    Money,
    PlanPoint,
    Section,
    SectionKind,
    TextBlock,
    Unit,
)
from jixiao.values.parse import parse_target

CHECKPOINTS = ("3月底", "6月底", "10月底", "12月底")


def ind(
    level2: str = "数量指标",
    name: str = "城乡低保保障人数",
    target: str = "≥1200人",
    *,
    level1: str = "",
    description: str = "",
    basis: str = "",
    cycle: str = "",
    grades: tuple[str, str, str, str] | None = None,
) -> Indicator:
    """One indicator row; level1 defaults to the parent of ``level2``."""
    return Indicator(
        level1=level1 or parent_of(level2),
        level2=level2,
        level3=name,
        description=description,
        target_raw=target,
        target=parse_target(target),
        cycle_target_raw=cycle,
        cycle_target=parse_target(cycle),
        basis=basis,
        grades=Grades(*grades) if grades else Grades(),
    )


def money(raw: str) -> Money:
    return Money.parse(raw)


def plan(*raws: str) -> list[PlanPoint]:
    """Spending plan points for 3月底, 6月底, 10月底, 12月底 (cumulative %, as written)."""
    out = []
    for checkpoint, raw in zip(CHECKPOINTS, raws):
        text = raw.strip().rstrip("%")
        out.append(PlanPoint(checkpoint, raw, Decimal(text) if text else None))
    return out


def section(
    *indicators: Indicator,
    kind: SectionKind = SectionKind.PROJECT,
    name: str = "城乡低保资金",
    code: str = "",
    key: str = "",
    parent_key: str = "",
    amount: str | None = None,
    purpose: str = "",
    goal: str = "",
    plan_points: list[PlanPoint] | None = None,
    unit: str = "",
    fields: dict[str, str] | None = None,
) -> Section:
    return Section(
        kind=kind,
        name=name,
        code=code,
        key=key or name,
        parent_key=parent_key,
        unit=Unit.parse(unit) if unit else Unit(),
        amounts=Amounts(total=money(amount) if amount is not None else None),
        purpose=purpose,
        goal=goal,
        plan=plan_points or [],
        indicators=list(indicators),
        fields=dict(fields or {}),
    )


def project(*indicators: Indicator, **kw) -> Section:
    kw.setdefault("kind", SectionKind.PROJECT)
    kw.setdefault("code", "13030324P00385310004U")
    kw.setdefault("amount", "120.00")
    kw.setdefault("purpose", "发放城乡低保金，保障困难群众基本生活。")
    kw.setdefault("goal", "1.按时足额发放城乡低保金，保障1200名困难群众基本生活。")
    kw.setdefault("plan_points", plan("25%", "50%", "75%", "100%"))
    return section(*indicators, **kw)


def doc(
    *sections: Section,
    kind: DocKind = DocKind.PROJECT_TARGETS_BOOK,
    year: int | None = 2024,
    money_unit: str = "万元",
    organisation: str = "某县民政局",
    title: str = "",
    texts: dict[str, str] | None = None,
    source_file: str = "test.txt",
) -> Document:
    return Document(
        kind=kind,
        source_file=source_file,
        title=title or (f"{year}年项目支出绩效目标表" if year else "项目支出绩效目标表"),
        organisation=organisation,
        year=year,
        money_unit=money_unit,
        sections=list(sections),
        texts=[TextBlock(label, text) for label, text in (texts or {}).items()],
    )


# --- Seeds and running one rule (added by the value/category helper) ---------------------------

from functools import cache  # noqa: E402
from pathlib import Path  # noqa: E402

SAMPLES_DIR = Path(__file__).parents[2] / "src" / "jixiao" / "samples"


@cache
def seed_documents(prefix: str) -> tuple[Document, ...]:
    """The documents of seed ``prefix`` ("000"…"004"), read once per test session."""
    from jixiao.read import read_path

    path = next(SAMPLES_DIR.glob(f"{prefix}_*.txt"))
    return tuple(read_path(path).documents)


def run_rule(code: str, *documents: Document, params: dict | None = None) -> list:
    """The hits of one rule on ``documents``; ``params`` are the profile's thresholds for it."""
    from jixiao.review import RULES, Profile
    from jixiao.review.context import ReviewContext

    profile = Profile("test", rules={code: dict(params or {})})
    return list(RULES[code].check(ReviewContext(list(documents), profile, code)))


def seed_hits(code: str, prefix: str, params: dict | None = None) -> set[tuple[str, int | None, str]]:
    """(section key, row_no, field) of every hit of rule ``code`` on seed ``prefix``.

    Section keys are the gold section ids without the seed prefix: A15, F4, P05, D3, dept."""
    hits = run_rule(code, *seed_documents(prefix), params=params)
    return {(h.section.key if h.section else "", h.row_no, h.field) for h in hits}


# --- Clean examples as a list (added by the review-completion helper) ------------------------------


def findings_on_example(example: str, codes: tuple[str, ...]) -> list:
    """The findings of ``codes`` on clean example ``example`` (one document or several)."""
    from clean_examples import EXAMPLES

    from jixiao.review import review

    documents = EXAMPLES[example]()
    return [f for f in review(documents if isinstance(documents, list) else [documents]) if f.code in codes]
