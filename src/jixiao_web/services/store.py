"""The core model ↔ database rows, losslessly for everything the core's review reads.

Parsing stays in the core: amounts go back through ``Money.parse``, target values through the
core's ``parse_target`` (stored as the core's own JSON for display).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from decimal import Decimal
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch

from jixiao.model.document import (
    Amounts,
    BudgetLine,
    Document,
    DocKind,
    Grades,
    Indicator,
    Money,
    PlanPoint,
    Section,
    SectionKind,
    TextBlock,
    Unit,
)
from jixiao.model.source import Origin, Source
from jixiao.values.parse import parse_target
from jixiao.write.json_out import jsonable
from jixiao_web.models import Organisation, TargetDocument, TargetIndicator, TargetSection
from jixiao_web.services.errors import refuse_too_long

INDICATOR_TEXT_FIELDS = (
    "level1", "level2", "level3", "description", "target_raw", "cycle_target_raw", "basis",
    "level1_raw", "level2_raw", "label", "weight_raw", "actual_raw", "score_raw", "deviation",
)  # fmt: skip


def parsed_value(raw: str) -> dict[str, Any]:
    """The core parser's reading of a target text, as the core's JSON (kind, comparator, number…)."""
    return jsonable(parse_target(raw))


def _source_json(source: Source) -> dict[str, Any]:
    return {k: v for k, v in jsonable(source).items() if v not in (None, "")}


def _source(data: dict[str, Any]) -> Source:
    # An office file's location keeps where in the original it stood (``origin``), stored as JSON.
    origin = data.get("origin")
    return Source(**{**data, "origin": Origin(**origin) if origin else None})


def _money_raw(money: Money | None) -> str:
    return money.raw if money else ""


def _money(raw: str) -> Money | None:
    return Money.parse(raw) if raw else None


def indicator_row(section: TargetSection, position: int, ind: Indicator) -> TargetIndicator:
    row = TargetIndicator(section=section, position=position, source=_source_json(ind.source))
    for name in INDICATOR_TEXT_FIELDS:
        setattr(row, name, getattr(ind, name))
    g = ind.grades
    row.grades = [g.excellent, g.good, g.fair, g.poor] if g.any() else []
    row.parsed = jsonable(ind.target)
    return row


def save_document(
    doc: Document, unit: Organisation, user: AbstractBaseUser | None, file_group: uuid.UUID | None = None
) -> TargetDocument:
    """Store one core document under ``unit`` (the caller holds the transaction); ``file_group``
    is shared by the parts of one file."""
    stored = TargetDocument(
        unit=unit,
        year=doc.year,
        kind=doc.kind.value,
        title=doc.title,
        organisation_name=doc.organisation,
        source_file=doc.source_file,
        part=doc.part,
        file_group=file_group,
        money_unit=doc.money_unit,
        units=[[u.code, u.name, u.raw] for u in doc.units],
        texts=[[t.label, t.text] for t in doc.texts],
        budget=[[b.label, b.money.raw, b.group] for b in doc.budget],
        fields=list(doc.fields.items()),
        source=_source_json(doc.source),
        created_by=user,
    )
    sections = []
    for position, sec in enumerate(doc.sections, 1):
        a = sec.amounts
        row = TargetSection(
            document=stored,
            position=position,
            kind=sec.kind.value,
            name=sec.name,
            code=sec.code,
            key=sec.key,
            parent_key=sec.parent_key,
            unit_code=sec.unit.code,
            unit_name=sec.unit.name,
            unit_raw=sec.unit.raw,
            amount_total=_money_raw(a.total),
            amount_fiscal=_money_raw(a.fiscal),
            amount_other=_money_raw(a.other),
            purpose=sec.purpose,
            goal=sec.goal,
            plan=[[p.checkpoint, p.raw, None if p.percent is None else format(p.percent, "f")] for p in sec.plan],
            fields=list(sec.fields.items()),
            source=_source_json(sec.source),
        )
        sections.append((row, [indicator_row(row, i, ind) for i, ind in enumerate(sec.indicators, 1)]))
    part = f"第{doc.part}部分 " if doc.part > 1 else ""
    refuse_too_long(
        [(part, stored)]
        + [(f"{part}{s.name or f'第{s.position}节'} ", s) for s, _ in sections]
        + [(f"{part}{s.name or f'第{s.position}节'} 指标{i.position} ", i) for s, rows in sections for i in rows],
        "未导入",
    )
    # Saved in order; each row takes its parent's key as the parent is saved (Django reads it then).
    stored.save()
    for row, _ in sections:
        row.save()
    TargetIndicator.objects.bulk_create([i for _, rows in sections for i in rows], batch_size=500)
    return stored


# A target's reading depends on its text alone and the core's values are frozen, so rows (and
# requests) with the same text share one: re-reading seed 002's 335 targets was a sixth of its rebuild.
_read_target = lru_cache(maxsize=1 << 16)(parse_target)

# The columns of an indicator row the core's indicator is rebuilt from.
CORE_INDICATOR_COLUMNS = (*INDICATOR_TEXT_FIELDS, "grades", "source")


def core_indicator(row: TargetIndicator | SimpleNamespace) -> Indicator:
    """The core's indicator of a stored row (or of its :data:`CORE_INDICATOR_COLUMNS` as attributes)."""
    ind = Indicator(**{name: getattr(row, name) for name in INDICATOR_TEXT_FIELDS})
    ind.grades = Grades(*row.grades) if row.grades else Grades()
    ind.target = _read_target(row.target_raw)
    ind.cycle_target = _read_target(row.cycle_target_raw)
    ind.source = _source(row.source)
    return ind


def core_section(row: TargetSection, indicators: list[Indicator] | None = None) -> Section:
    """The core's section of a stored row, with its ``indicators`` (by default rebuilt from its rows)."""
    return Section(
        kind=SectionKind(row.kind),
        name=row.name,
        code=row.code,
        key=row.key,
        parent_key=row.parent_key,
        unit=Unit(row.unit_code, row.unit_name, row.unit_raw),
        amounts=Amounts(_money(row.amount_total), _money(row.amount_fiscal), _money(row.amount_other)),
        purpose=row.purpose,
        goal=row.goal,
        plan=[PlanPoint(c, raw, None if pct is None else Decimal(pct)) for c, raw, pct in row.plan],
        indicators=[core_indicator(i) for i in row.indicators.all()] if indicators is None else indicators,
        fields=dict(row.fields),
        source=_source(row.source),
    )


def indicators_in_order() -> Prefetch:
    return Prefetch("indicators", queryset=TargetIndicator.objects.order_by("position"))


def sections_with_indicators(stored: TargetDocument):
    if "sections" in getattr(stored, "_prefetched_objects_cache", {}):  # read through WITH_TABLES
        return stored.sections.all()
    return stored.sections.prefetch_related(indicators_in_order())


# Documents read with every table at once (three queries for any number of documents), for the
# pages and exports that rebuild many of them.
WITH_TABLES = Prefetch(
    "sections", queryset=TargetSection.objects.prefetch_related(indicators_in_order())
)


def to_core(stored: TargetDocument) -> Document:
    """Rebuild the core document from its rows, for the core's review and writers."""
    return Document(
        kind=DocKind(stored.kind),
        source_file=stored.source_file,
        part=stored.part,
        title=stored.title,
        organisation=stored.organisation_name,
        year=stored.year,
        money_unit=stored.money_unit,
        units=[Unit(*u) for u in stored.units],
        sections=_core_sections(stored),
        texts=[TextBlock(label, text) for label, text in stored.texts],
        budget=[BudgetLine(label, Money.parse(raw), group) for label, raw, group in stored.budget],
        fields=dict(stored.fields),
        source=_source(stored.source),
    )


def _core_sections(stored: TargetDocument) -> list[Section]:
    if "sections" in getattr(stored, "_prefetched_objects_cache", {}):  # read through WITH_TABLES
        return [core_section(s) for s in stored.sections.all()]
    # The indicators as plain rows of the columns the core reads: a model instance each, with the
    # parsed-value JSON the core does not read, was a third of rebuilding seed 002's 335 rows.
    rows = TargetIndicator.objects.filter(section__document=stored).order_by("section", "position")
    indicators: dict[int, list[Indicator]] = defaultdict(list)
    for row in rows.values("section_id", *CORE_INDICATOR_COLUMNS):
        indicators[row["section_id"]].append(core_indicator(SimpleNamespace(**row)))
    return [core_section(s, indicators[s.pk]) for s in stored.sections.all()]
