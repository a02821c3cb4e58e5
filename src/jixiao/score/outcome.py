"""How much of its points one indicator earns: a share from 0 to 1, with the reason in words.

The branches, each with its own hand-computed tests (``tests/score/test_outcome.py``):

- **Higher is better** (``≥``, or no comparator on an ordinary indicator): share = actual ÷ target,
  at most 1. A **zero target** is met by any actual ≥ 0 (no division).
- **Lower is better** (``≤``/``<``, or no comparator on a 反向指标 such as 成本, 时长, 投诉率):
  full points up to the target; above it the share falls by the overshoot ratio,
  1 − (actual − target) ÷ target, not below 0. A **zero target** (no complaints allowed) loses all
  points as soon as the actual is above 0. ``≤100%`` is a miswritten ``≥100%`` and counts as higher
  is better (the note says so).
- **Range** ``low-high``: full points inside; below it actual ÷ low; above it the overshoot rule.
- **Compound** (城市…；农村…): each part scored alone, parts matched by label (or by position when the
  labels differ), the share is their mean.
- **Labelled value** (两项补贴各2000人, a compound of one part): its quantity against the actual.
- **Full coverage** (应保尽保, 全覆盖, …，100%覆盖) against a percent actual: a ``100%`` target.
- **Qualitative and deadline targets**: the actual is graded by the profile's words (未完成 before
  基本完成 before 完成; a word after a negation, 没有完成 or 不及时, is 未完成) or, for a dated
  deadline, by the date reached; achieved / partly / not achieved earn the profile's shares, and the
  reason names the words and the grade even at full points.
- **Graded** (profile method ``grades``, indicator with 优/良/中/差 thresholds): the completion percent
  (or the actual itself when there is no numeric target) falls in a band, which earns its share.
- **An actual with a description** (已发放1900人, a labelled value) counts as its number.
- **Missing actual**: share 0, said so — nothing is assumed about a value nobody reported.
- **Unscorable target** (placeholder such as 是/否, empty with no grading thresholds): left out; the
  engine gives its points to the other indicators of its level (documented in the report).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache

from jixiao.model.document import Indicator
from jixiao.model.polarity import indicator_name, lower_is_better
from jixiao.score.profile import GRADES, ScoreProfile
from jixiao.values.parse import parse_target as _parse
from jixiao.values.types import (
    Comparator,
    Compound,
    Deadline,
    Direction,
    Empty,
    Placeholder,
    Qualitative,
    Quantity,
    Range,
    TargetValue,
)

# A reading depends on the text alone and values are frozen: actuals and grade cells recur (100%,
# 完成, 已完成) and the year's pages score the same document on every view.
parse_target = lru_cache(maxsize=65536)(_parse)

ONE, ZERO, HUNDRED = Decimal(1), Decimal(0), Decimal(100)


class Status(StrEnum):
    SCORED = "scored"
    MISSING = "missing"  # no usable actual: 0 points
    UNSCORABLE = "unscorable"  # no usable target: left out


@dataclass(frozen=True, slots=True)
class Outcome:
    status: Status
    share: Decimal  # of the indicator's points, 0…1
    reason: str  # why the share is below 1 (or why the indicator is left out); '' when full


def pct(x: Decimal) -> str:
    """0.98237 → 98.24%"""
    return f"{(x * HUNDRED).quantize(Decimal('0.01'))}%"


def num(x: Decimal) -> str:
    return format(x.normalize(), "f") if x == x.to_integral() else format(x, "f")


def _full() -> Outcome:
    return Outcome(Status.SCORED, ONE, "")


def _missing(reason: str) -> Outcome:
    return Outcome(Status.MISSING, ZERO, reason)


def lower_better(target: Quantity | Range, name: str) -> tuple[bool, str]:
    """Direction of a numeric target, with a note when the written comparator is overruled."""
    if isinstance(target, Quantity) and target.comparator in (Comparator.LE, Comparator.LT):
        if target.unit in ("%", "％") and target.number >= HUNDRED:
            return False, f"指标值“{target.raw or target.render()}”的“≤”应为“≥”（比率不会超过100%），按越高越好计分。"
        return True, ""
    if isinstance(target, Quantity) and target.comparator in (Comparator.GE, Comparator.GT):
        return False, ""
    return lower_is_better(name), ""


def _number_share(target: Decimal, actual: Decimal, lower: bool, shown: str, actual_text: str) -> Outcome:
    if lower:
        if actual <= target:
            return _full()
        if target == 0:
            return Outcome(Status.SCORED, ZERO, f"指标值为{shown}（不允许发生），实际值{actual_text}超出，不得分。")
        over = (actual - target) / target
        share = max(ZERO, ONE - over)
        return Outcome(Status.SCORED, share, f"越低越好：实际值{actual_text}超出指标值{shown} {pct(over)}，按超出比例扣分。")
    if actual >= target:
        return _full()
    if target == 0:  # only reached when actual < 0
        return Outcome(Status.SCORED, ZERO, f"实际值{actual_text}低于指标值{shown}。")
    share = max(ZERO, actual / target)
    return Outcome(Status.SCORED, share, f"实际值{actual_text}未达到指标值{shown}，完成 {pct(share)}，按完成比例计分。")


def _actual_number(actual: TargetValue) -> Decimal | None:
    return actual.number if isinstance(actual, Quantity) else None


def _numeric(target: Quantity | Range, actual: TargetValue, name: str, actual_raw: str, shown: str = "") -> Outcome:
    """``shown``: how the target is named in the reason (its canonical text when not given)."""
    number = _actual_number(actual)
    if number is None:
        return _missing(f"实际值“{actual_raw}”不是数值，无法与指标值{shown or '“' + target.render() + '”'}比较，按未完成计0分。")
    if isinstance(target, Range):
        if target.low <= number <= target.high:
            return _full()
        if number < target.low:
            return _number_share(target.low, number, False, f"下限{num(target.low)}{target.unit}", actual_raw)
        return _number_share(target.high, number, True, f"上限{num(target.high)}{target.unit}", actual_raw)
    lower, note = lower_better(target, name)
    result = _number_share(target.number, number, lower, shown or target.render(), actual_raw)
    return Outcome(result.status, result.share, " ".join(p for p in (note, result.reason) if p))


def _compound(target: Compound, actual: TargetValue, name: str, actual_raw: str) -> Outcome:
    if len(target.parts) == 1:  # a labelled value (两项补贴各2000人): the actual is its number
        part = target.parts[0]
        if not isinstance(part.value, (Quantity, Range)):
            return _missing(f"“{part.label}”的指标值不是数值。")
        written = (target.raw or target.render()).strip()
        return _numeric(part.value, actual, name, actual_raw, f"“{written}”（{part.value.render()}）")
    parts = actual.parts if isinstance(actual, Compound) else ()
    by_label = {p.label: p.value for p in parts}
    positional = len(parts) == len(target.parts)
    shares, reasons = [], []
    for index, part in enumerate(target.parts):
        value = by_label.get(part.label) or (parts[index].value if positional else Empty())
        if not isinstance(part.value, (Quantity, Range)):
            result = _missing(f"“{part.label}”的指标值不是数值。")
        elif isinstance(value, Empty):
            result = _missing(f"“{part.label}”没有对应的实际值，该部分计0分。")
        else:
            result = _numeric(part.value, value, name, value.raw or value.render())
        shares.append(result.share)
        if result.reason:
            reasons.append(f"{part.label}：{result.reason}")
    share = sum(shares, ZERO) / len(shares)
    status = Status.MISSING if not parts else Status.SCORED
    return Outcome(status, share, f"复合指标分{len(shares)}部分各占等分。" + "".join(reasons) if share < 1 else "")


# A negation right before a word of the profile's other grades: 没有完成, 未能达到, 不及时, 不是.
_NEGATION = re.compile("(?:未能|没有|没|不能|无法|尚未|未|不)(?:能|全部|如期|按期)?$")


def verbal_grade(text: str, profile: ScoreProfile) -> str | None:
    """达到 / 部分达到 / 未达到 from the words of an actual, or None when they say none of these.
    A word of 部分达到 or 达到 right after a negation (没有完成, 未能达到, 不及时) counts as 未达到."""
    q = profile.qualitative
    for grade, words in (("not_achieved", q.not_achieved_words), ("partly", q.partly_words), ("achieved", q.achieved_words)):
        found = [m.start() for w in words if w in text for m in re.finditer(re.escape(w), text)]  # most words are absent
        if found and grade != "not_achieved" and any(_NEGATION.search(text[:at]) for at in found):
            return "not_achieved"
        if found:
            return grade
    return None


_GRADE_WORDS = {"achieved": "达到", "partly": "部分达到", "not_achieved": "未达到"}


def _full_coverage(target: TargetValue, actual: TargetValue, name: str, actual_raw: str) -> Outcome | None:
    """应保尽保 / 全覆盖 / …，100%覆盖 against an actual percent: full coverage is 100%."""
    if not (isinstance(target, Qualitative) and target.direction == Direction.FULL):
        return None
    if not (isinstance(actual, Quantity) and actual.unit in ("%", "％")):
        return None
    result = _numeric(Quantity(None, HUNDRED, "%"), actual, name, actual_raw)
    why = f"指标值“{target.render()}”要求全部覆盖，即100%"
    if result.share == 1:
        return Outcome(Status.SCORED, ONE, f"{why}；实际值{actual_raw}，达到目标，得满分。")
    return Outcome(result.status, result.share, f"{why}。{result.reason}")


def _verbal(target: TargetValue, actual: TargetValue, actual_raw: str, profile: ScoreProfile, name: str = "") -> Outcome:
    if covered := _full_coverage(target, actual, name, actual_raw):
        return covered
    if isinstance(target, Deadline) and target.year and isinstance(actual, Deadline) and actual.year:
        due = (target.year, target.month or 12, target.day or 31)
        done = (actual.year, actual.month or 12, actual.day or 31)
        grade = "achieved" if done <= due else "not_achieved"
        by = f"实际完成时间“{actual_raw}”{'不晚于' if grade == 'achieved' else '晚于'}“{target.render()}”"
    else:
        grade = verbal_grade(actual_raw, profile)
        by = f"实际值“{actual_raw}”"
    if grade is None:
        return _missing(f"实际值“{actual_raw}”看不出是否达到“{target.render()}”，按未完成计0分；请写明达到、部分达到或未达到。")
    share = getattr(profile.qualitative, grade)
    graded = f"{by}，定性指标评为“{_GRADE_WORDS[grade]}”"
    reason = f"{graded}，得满分。" if share == 1 else f"{graded}，按评分方案得分值的 {pct(share)}。"
    return Outcome(Status.SCORED, share, reason)


def _graded(ind: Indicator, target: TargetValue, actual: TargetValue, actual_raw: str, profile: ScoreProfile) -> Outcome | None:
    """Band scoring, or None when the thresholds are not numbers (the caller falls back)."""
    g = ind.grades
    limits = [parse_target(t) for t in (g.excellent, g.good, g.fair)]
    if not all(isinstance(x, Quantity) for x in limits):
        return None
    number = _actual_number(actual)
    if number is None:
        return _missing(f"实际值“{actual_raw}”不是数值，无法对照分级标准，按未完成计0分。")
    measure, what = number, f"实际值{actual_raw}"
    if isinstance(target, Quantity):  # completion percent; a zero target is met or missed outright
        lower, _ = lower_better(target, indicator_name(ind))
        if (number <= target.number) if lower else (number >= target.number):
            measure = HUNDRED
        elif target.number <= 0:
            measure = ZERO
        else:
            measure = (target.number / number if lower else number / target.number) * HUNDRED
        what = f"完成比例 {num(measure.quantize(Decimal('0.01')))}%"
    band = next((grade for grade, limit in zip(GRADES, limits) if measure >= limit.number), GRADES[3])
    share = profile.grade_shares[band]
    standard = f"优{g.excellent}、良{g.good}、中{g.fair}"
    return Outcome(Status.SCORED, share, "" if share == 1 else f"{what}，按分级标准（{standard}）为“{band}”，得分值的 {pct(share)}。")


def target_of(ind: Indicator) -> tuple[TargetValue, str]:
    """The target scored against: the 年度指标值, or the 优 threshold when the value was left empty."""
    if isinstance(ind.target, Empty) and ind.grades.excellent:
        return parse_target(ind.grades.excellent), f"指标值为空，以分级标准“优”的{ind.grades.excellent}为目标。"
    return ind.target, ""


def outcome(ind: Indicator, actual_raw: str, profile: ScoreProfile) -> Outcome:
    target, note = target_of(ind)
    if isinstance(target, (Empty, Placeholder)):
        what = "为空" if isinstance(target, Empty) else f"是模板占位“{target.render()}”"
        return Outcome(Status.UNSCORABLE, ZERO, f"指标值{what}，没有可对照的目标，不参与评分，分值由其他指标分摊（见注）。")
    actual = parse_target(actual_raw)
    if isinstance(actual, Compound) and len(actual.parts) == 1:
        actual = actual.parts[0].value  # 已发放1900人 reports 1900人
    if isinstance(actual, (Empty, Placeholder)):
        return _missing("未填报全年实际值，不得分。")
    result = None
    if profile.method == "grades" and ind.grades.any():
        result = _graded(ind, target, actual, actual_raw, profile)
    if result is None:
        if isinstance(target, (Quantity, Range)):
            result = _numeric(target, actual, indicator_name(ind), actual_raw)
        elif isinstance(target, Compound):
            result = _compound(target, actual, indicator_name(ind), actual_raw)
        else:
            result = _verbal(target, actual, actual_raw, profile, indicator_name(ind))
    if note and result.reason:
        return Outcome(result.status, result.share, f"{note}{result.reason}")
    return result
