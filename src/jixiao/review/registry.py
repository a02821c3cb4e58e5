"""The rule registry: every review rule is a plain function registered with its metadata.

A rule receives the :class:`~jixiao.review.context.ReviewContext` and yields
:class:`~jixiao.review.context.Hit` values; the engine turns them into findings with the
severity the active profile gives the rule. The metadata (why, a bad and a good example) is the
source of ``docs/rules.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from jixiao.findings import Severity

if TYPE_CHECKING:
    from jixiao.review.context import Hit, ReviewContext


class Dimension(StrEnum):
    COMPLETENESS = "完整性"
    RELEVANCE = "相关性"
    APPROPRIATENESS = "适当性"
    FEASIBILITY = "可行性"
    CONFORMITY = "规范性"
    CONSISTENCY = "一致性"


Check = Callable[["ReviewContext"], Iterable["Hit"]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    title: str
    dimension: Dimension
    severity: Severity
    why: str
    bad: str
    good: str
    check: Check


RULES: dict[str, Rule] = {}


def rule(
    code: str,
    title: str,
    dimension: Dimension,
    severity: Severity,
    *,
    why: str,
    bad: str,
    good: str,
) -> Callable[[Check], Check]:
    """Register ``check`` under ``code``. Codes are stable: never reuse or renumber one."""

    def register(check: Check) -> Check:
        if code in RULES:
            raise ValueError(f"rule code {code} registered twice")
        RULES[code] = Rule(code, title, dimension, severity, why.strip(), bad, good, check)
        return check

    return register
