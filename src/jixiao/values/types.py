"""Typed target values (指标值).

Every value keeps the text as written in ``raw`` (excluded from equality), so that a value can be
parsed, rendered back with :meth:`render` and parsed again to an equal value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Comparator(StrEnum):
    GE = "≥"
    LE = "≤"
    EQ = "="
    GT = ">"
    LT = "<"


class Direction(StrEnum):
    """Which way is better for a qualitative target or an indicator."""

    UP = "up"  # 稳步提升, 持续提升: higher is better
    DOWN = "down"  # 逐步降低, 不超过上年: lower is better
    KEEP = "keep"  # 不低于上年, 保持稳定: hold the level
    FULL = "full"  # 应保尽保, 全覆盖: everyone eligible covered


def _num(d: Decimal) -> str:
    """Plain decimal text, never scientific notation, trailing zeros as written."""
    return format(d, "f")


_PER = re.compile(r"[/·.．・每、]")
_FIRST_PER = re.compile(r"[/每]")


class _Measured:
    """Unit structure shared by quantities and ranges: 元/人/月 (or 元每人每月) is 元 per 人 per 月."""

    __slots__ = ()
    unit: str

    @property
    def base_unit(self) -> str:
        """The unit before the first ``/`` or 每: 元 in 元/人·年 and 元每人每月, % in %, '' in /年."""
        return _FIRST_PER.split(self.unit, maxsplit=1)[0]

    @property
    def per(self) -> tuple[str, ...]:
        """What the base unit is counted per: ('人', '年') for 元/人·年, ('月', '人') for 元/月.人,
        ('人', '天') for 元/人.每天."""
        _, *rest = _FIRST_PER.split(self.unit, maxsplit=1)
        return tuple(p for p in _PER.split(rest[0]) if p) if rest else ()


@dataclass(frozen=True, slots=True)
class Empty:
    raw: str = field(default="", compare=False)
    kind = "empty"

    def render(self) -> str:
        return ""


@dataclass(frozen=True, slots=True)
class Placeholder:
    """Template text left in place of a value: 是/否, 人数, XX, **."""

    text: str
    raw: str = field(default="", compare=False)
    kind = "placeholder"

    def render(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Quantity(_Measured):
    """``[comparator] number [unit]``; ``comparator`` is None when none was written (means =).

    ``plain`` (not compared, like ``raw``) is False when words around the number make the cell a
    phrase that reads as this value: 95%以上 (≥95%), 2天以内 (≤2天), 各1次 (=1次), 100%覆盖 (100%).
    Scoring and monitoring use the value; a flat table of what was written (the indicator CSV)
    gives such a cell as text.
    """

    comparator: Comparator | None
    number: Decimal
    unit: str = ""
    raw: str = field(default="", compare=False)
    plain: bool = field(default=True, compare=False)
    kind = "quantity"

    def render(self) -> str:
        return f"{self.comparator or ''}{_num(self.number)}{self.unit}"


@dataclass(frozen=True, slots=True)
class Range(_Measured):
    """``low-high unit``, e.g. 450-520元/月.人."""

    low: Decimal
    high: Decimal
    unit: str = ""
    raw: str = field(default="", compare=False)
    kind = "range"

    def render(self) -> str:
        return f"{_num(self.low)}-{_num(self.high)}{self.unit}"


@dataclass(frozen=True, slots=True)
class Qualitative:
    """A verbal target, with the direction it implies where it has one."""

    text: str
    direction: Direction | None = None
    raw: str = field(default="", compare=False)
    kind = "qualitative"

    def render(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Deadline:
    """A time target: 2019年底前完成, 按月发放, 每月25日左右, 按规定时限完成.

    ``year``/``month``/``day`` are the latest date as far as written (None: not written);
    a year end (年底) is month 12 day 31, a month end (6月底) is that month with day None.
    ``recurring`` is "month", "quarter", "half-year", "year", "week" or "day" for 按月/每季度/…;
    a deadline with no date and no recurrence is set by a rule elsewhere (按规定时限完成).
    """

    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    recurring: str = ""  # "month", "quarter", "year" for 按月/按季/按年
    raw: str = field(default="", compare=False)
    kind = "deadline"

    def render(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Part:
    label: str
    value: TargetValue


@dataclass(frozen=True, slots=True)
class Compound:
    """Labelled values in one cell: 城市8712元/年；农村5000元/年, or one value with its
    description (a labelled value): 两项补贴各2000人 is 两项补贴 =2000人.

    ``separators`` holds the text between each pair of parts as written (default "；").
    """

    parts: tuple[Part, ...]
    separators: tuple[str, ...] = ()
    raw: str = field(default="", compare=False)
    kind = "compound"

    def __post_init__(self) -> None:
        if not self.separators:
            object.__setattr__(self, "separators", ("；",) * (len(self.parts) - 1))

    def render(self) -> str:
        return "".join(
            sep + part.label + part.value.render() for sep, part in zip(("", *self.separators), self.parts)
        )


TargetValue = Empty | Placeholder | Quantity | Range | Qualitative | Deadline | Compound
