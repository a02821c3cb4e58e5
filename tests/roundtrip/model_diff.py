"""Model equality over what a round trip must keep, saying precisely what differs.

Compared: documents (kind, title, organisation, year, money unit), units, sections (kind, code,
name, unit, amounts as Decimal, purpose, goal, spending plan), indicators (levels, names,
description, target raw and parsed, cycle target, basis, grades) and free-text parts. Not
compared: where things stood (source, origins, file name), the encoding and the explanation — a
written file cannot keep them — and the raw spellings listed in RAW_SPELLINGS.
"""

from __future__ import annotations

from jixiao.model.document import Amounts, Document, Indicator, Section

DOCUMENT = ("kind", "title", "organisation", "year", "money_unit")
SECTION = ("kind", "code", "name", "unit", "purpose", "goal")
INDICATOR = ("level1", "level2", "level3", "description", "target_raw", "target", "cycle_target_raw",
             "cycle_target", "basis", "grades")


def _same(path: str, a, b) -> list[str]:
    return [] if (type(a) is type(b) and a == b) else [f"{path}: {a!r} != {b!r}"]


def _lists(path: str, a: list, b: list, each) -> list[str]:
    out = [f"{path}: {len(a)} != {len(b)} items"] if len(a) != len(b) else []
    for i, (x, y) in enumerate(zip(a, b)):
        out += each(f"{path}[{i}]", x, y)
    return out


def _attrs(path: str, a, b, names: tuple[str, ...]) -> list[str]:
    return [d for n in names for d in _same(f"{path}.{n}", getattr(a, n), getattr(b, n))]


def _amounts(path: str, a: Amounts, b: Amounts) -> list[str]:
    # Money is written as a number: its value must survive, not its spelling (5,654.60 → 5654.60).
    def value(money):
        return None if money is None else money.value
    return [d for n in ("total", "fiscal", "other")
            for d in _same(f"{path}.{n}", value(getattr(a, n)), value(getattr(b, n)))]


def _indicator(path: str, a: Indicator, b: Indicator) -> list[str]:
    return _attrs(path, a, b, INDICATOR)


def _section(path: str, a: Section, b: Section) -> list[str]:
    return (_attrs(path, a, b, SECTION) + _amounts(f"{path}.amounts", a.amounts, b.amounts)
            + _lists(f"{path}.plan", a.plan, b.plan, lambda p, x, y: _attrs(p, x, y, ("checkpoint", "percent")))
            + _lists(f"{path}.indicators", a.indicators, b.indicators, _indicator))


def _document(path: str, a: Document, b: Document) -> list[str]:
    return (_attrs(path, a, b, DOCUMENT)
            + _lists(f"{path}.units", a.units, b.units, lambda p, x, y: _attrs(p, x, y, ("code", "name")))
            + _lists(f"{path}.sections", a.sections, b.sections, _section)
            + _lists(f"{path}.texts", a.texts, b.texts, lambda p, x, y: _attrs(p, x, y, ("label", "text"))))


def model_diff(a: list[Document], b: list[Document]) -> list[str]:
    """Every difference between two read models as ``path: left != right``; empty when equal."""
    return _lists("documents", a, b, _document)
