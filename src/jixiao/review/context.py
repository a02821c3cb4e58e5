"""What a rule sees (the documents, the profile's parameters) and what it returns (hits)."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, TypeVar

from jixiao.findings import Severity
from jixiao.model.document import Document, Indicator, Section
from jixiao.review.profile import Profile


@cache
def review_data(name: str) -> dict[str, Any]:
    """``review/data/<name>``, a TOML word list, read once; shared, so callers must not change it."""
    text = (resources.files("jixiao.review") / "data" / name).read_text(encoding="utf-8")
    return tomllib.loads(text)


@dataclass(slots=True)
class Hit:
    """One problem a rule found; the engine adds code, severity, dimension and location."""

    message: str
    document: Document
    section: Section | None = None
    row_no: int | None = None  # 1-based, as in ``read --format indicators-csv``
    field: str = ""
    evidence: str = ""
    suggestion: str = ""
    severity: Severity | None = None  # only when one rule has graded outcomes
    rows: tuple[int, ...] = ()  # all rows, when one finding stands for the same problem in several


@dataclass(frozen=True, slots=True)
class Cell:
    """One written cell: where it is and what it says."""

    document: Document
    section: Section | None
    row_no: int | None
    field: str
    text: str

    def hit(self, message: str, evidence: str, suggestion: str, severity: Severity | None = None) -> Hit:
        """A finding at this cell."""
        return Hit(message, self.document, self.section, self.row_no, self.field, evidence, suggestion, severity)


T = TypeVar("T")


@dataclass(slots=True)
class ReviewContext:
    documents: list[Document]
    profile: Profile
    code: str = ""  # the rule being run, for param()
    # Earlier documents given for comparison only (a unit's past years): rules read, never report on them.
    history: tuple[Document, ...] = ()
    _shared: dict[Callable, Any] = field(default_factory=dict, repr=False)

    def shared(self, build: Callable[[ReviewContext], T]) -> T:
        """``build(self)``, built by the first rule that asks and handed to every later one: a dozen
        rules walk the same cells, and building them once per review instead of once per rule is
        most of the review's time. ``build`` must not depend on the running rule's parameters, and
        callers must not change what it returns."""
        try:
            return self._shared[build]
        except KeyError:
            value = self._shared[build] = build(self)
            return value

    def param(self, name: str, default: Any) -> Any:
        """A threshold of the running rule, as the profile sets it."""
        return self.profile.param(self.code, name, default)

    def extended(self, name: str, base: Iterable[Any]) -> tuple[Any, ...]:
        """A built-in word list followed by what the profile adds under ``name`` (``[rules.JXnnn] name = [...]``)."""
        return (*base, *self.param(name, ()))

    def sections(self) -> list[tuple[Document, Section]]:
        return self.shared(_sections)

    def indicators(self) -> list[tuple[Document, Section, int, Indicator]]:
        return self.shared(_indicators)


def _sections(ctx: ReviewContext) -> list[tuple[Document, Section]]:
    return [(document, section) for document in ctx.documents for section in document.sections]


def _indicators(ctx: ReviewContext) -> list[tuple[Document, Section, int, Indicator]]:
    return [
        (document, section, row_no, indicator)
        for document, section in ctx.sections()
        for row_no, indicator in enumerate(section.indicators, 1)
    ]
