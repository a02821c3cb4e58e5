"""Ambition across years (JX191): a target should not fall behind what the unit already promised or did.

Documents of the same unit are linked year to year: the same unit (code, else name), the same
project (its name without the year) and the same indicator (its name without numbering or
template hints). A target is weaker when it is below last year's target or last year's actual for
an indicator where higher is better (≥, or a name that is not a 反向指标), or above it where lower
is better (≤, costs, durations, error rates). A target written the same for years while every
actual beat it is too easy as well. Only numbers in the same unit are compared.

The earlier years come from the documents reviewed together (``jixiao review 2023.txt 2024.txt``)
and from ``ReviewContext.history``: documents given for comparison only (the web application
passes the unit's earlier years), which are never reported on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao.findings import Severity
from jixiao.library.words import name_key, project_kind
from jixiao.model.categories import clean_label
from jixiao.model.document import Document, Indicator, Section, SectionKind
from jixiao.model.polarity import lower_is_better
from jixiao.review.context import Hit, ReviewContext
from jixiao.review.registry import Dimension, rule
from jixiao.values.parse import parse_target
from jixiao.values.types import Comparator, Quantity

_UP = (Comparator.GE, Comparator.GT)
_DOWN = (Comparator.LE, Comparator.LT)


@dataclass(frozen=True, slots=True)
class _Year:
    """One year's target and actual of one indicator."""

    year: int
    target: Quantity
    actual: Quantity | None


def _key(document: Document, section: Section, ind: Indicator) -> tuple[str, str, str] | None:
    unit = section.unit.code or clean_label(section.unit.name or document.organisation)
    name = name_key(ind.level3 or ind.description)
    if not unit or not name:
        return None
    project = "" if section.kind == SectionKind.DEPARTMENT else project_kind(section.name)
    return unit, project, name


def _quantity(raw: str) -> Quantity | None:
    value = parse_target(raw)
    return value if isinstance(value, Quantity) else None


def _higher_is_better(ind: Indicator, target: Quantity) -> bool:
    if target.comparator in _UP:
        return True
    if target.comparator in _DOWN:
        return False
    return not lower_is_better(ind.level3 or ind.description)


def _years(documents: list[Document]) -> dict[tuple[str, str, str], dict[int, _Year]]:
    """Every written quantity target by indicator and year."""
    out: dict[tuple[str, str, str], dict[int, _Year]] = defaultdict(dict)
    for document in documents:
        if document.year is None:
            continue
        for section in document.sections:
            for ind in section.indicators:
                key, target = _key(document, section, ind), _quantity(ind.target_raw)
                if key and target:
                    out[key].setdefault(document.year, _Year(document.year, target, _quantity(ind.actual_raw)))
    return out


def _text(q: Quantity) -> str:
    return q.raw or q.render()


def _weaker(better_up: bool, target: Decimal, than: Decimal) -> bool:
    return target < than if better_up else target > than


def _findings(ind: Indicator, now: _Year, past: dict[int, _Year]) -> Iterator[str]:
    """The messages for one indicator this year, the earlier years at hand."""
    up = _higher_is_better(ind, now.target)
    way = "越高越好" if up else "越低越好"
    last = past.get(now.year - 1)
    name = ind.level3 or ind.description
    same = [p for y, p in sorted(past.items(), reverse=True) if p.target == now.target]
    run = [p for i, p in enumerate(same) if p.year == now.year - 1 - i]  # consecutive years back
    beaten = [p for p in run if p.actual and p.actual.unit == now.target.unit and _weaker(up, p.target.number, p.actual.number)]
    if last and last.target.unit == now.target.unit and _weaker(up, now.target.number, last.target.number):
        yield (f"“{name}”{now.year}年目标“{_text(now.target)}”比{last.year}年目标“{_text(last.target)}”"
               f"{'低' if up else '高'}（该指标{way}），目标不进反退。")  # fmt: skip
    elif len(run) >= 2 and len(beaten) == len(run):
        years = "、".join(f"{p.year}年实际“{_text(p.actual)}”" for p in reversed(beaten))
        yield (f"“{name}”连续{len(run) + 1}年目标都是“{_text(now.target)}”，而{years}都超过了目标"
               f"（该指标{way}），目标多年未随实绩调整。")  # fmt: skip
    elif last and last.actual and last.actual.unit == now.target.unit and _weaker(up, now.target.number, last.actual.number):
        yield (f"“{name}”{now.year}年目标“{_text(now.target)}”比{last.year}年实际完成“{_text(last.actual)}”"
               f"{'低' if up else '高'}（该指标{way}），按去年的实绩已经达到，目标偏保守。")  # fmt: skip


@rule(
    "JX191",
    "目标比上年退步或多年不变",
    Dimension.APPROPRIATENESS,
    Severity.WARNING,
    why="绩效目标应当逐年提高或至少保持：同一单位同一指标，今年的目标比去年的目标或去年的实际完成值还低"
    "（越低越好的指标则是更高），或者实际完成多年超过目标而目标一直不变，目标就失去了激励作用，"
    "审核时应要求说明理由或调高目标。",
    bad="2023年：低保对象保障人数 ≥1200人（实际1350人）；2024年：低保对象保障人数 ≥1100人",
    good="2024年：低保对象保障人数 ≥1350人（不低于上年实际）",
)
def weaker_than_last_year(ctx: ReviewContext) -> Iterator[Hit]:
    years = _years([*ctx.documents, *ctx.history])
    for document, section, row_no, ind in ctx.indicators():
        key, target = _key(document, section, ind), _quantity(ind.target_raw)
        if document.year is None or key is None or target is None:
            continue
        past = {y: v for y, v in years.get(key, {}).items() if y < document.year}
        now = _Year(document.year, target, _quantity(ind.actual_raw))
        for message in _findings(ind, now, past):
            yield Hit(message, document, section, row_no, "target", ind.target_raw,
                      "目标不应低于上年目标和上年实际完成值；确需调低的，在指标值确定依据中写明原因（如资金减少、对象减少）。")  # fmt: skip
