"""Indicator names that do not name one measurable indicator.

A level-3 cell should name one thing that is counted or rated. Reviewers return names that copy
the level-2 heading (服务对象满意度指标), pack two indicators into one cell (火化率，设备更新改造),
name a piece of work and grade it in % (重点优抚对象慰问 100%/95%/85%/75%), or promise 足额 and
then set 95 %. The word lists are data (``data/names.toml``); a profile adds words with the keys
named there.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

from jixiao.findings import Severity
from jixiao.model.categories import LEVEL1, LEVEL2_PARENT, normalise_level2
from jixiao.review.context import Hit, ReviewContext, review_data
from jixiao.review.registry import Dimension, rule
from jixiao.review.rules.values import indicator_name, measure_kind, named_values, quantities, unit_class
from jixiao.values.types import Quantity

HUNDRED = Decimal(100)
_DIGIT = re.compile(r"\d")
_CATEGORY_NAMES = frozenset(LEVEL1) | frozenset(LEVEL2_PARENT)


def lexicon() -> dict[str, Any]:
    """``review/data/names.toml``."""
    return review_data("names.toml")


def words(ctx: ReviewContext, table: str, key: str) -> tuple[str, ...]:
    """A word list of ``names.toml``, extended by the profile's ``[rules.JXnnn] <key> = [...]``."""
    return ctx.extended(key, lexicon()[table][key])


@lru_cache(maxsize=65536)
def _is_category(name: str) -> bool:
    return name in _CATEGORY_NAMES or normalise_level2(name) in _CATEGORY_NAMES


def names_work(name: str, verbs: tuple[str, ...]) -> bool:
    """``name`` ends in a piece of work (慰问, 改造) rather than in something measured."""
    return name.endswith(verbs) and not measure_kind(name)


@rule(
    "JX114",
    "三级指标名称照抄了二级指标名称",
    Dimension.FEASIBILITY,
    Severity.WARNING,
    why="三级指标要写出具体考核什么；把“服务对象满意度指标”这样的类别名称当作指标名称，"
    "等于没有设定指标，年底无从评价。",
    bad="服务对象满意度指标 / 服务对象满意度指标 / ≥90%",
    good="服务对象满意度指标 / 救助对象满意度 / ≥90%",
)
def name_is_category(ctx: ReviewContext):
    for document, section, row_no, ind in ctx.indicators():
        name = indicator_name(ind)
        if name and _is_category(name):
            yield Hit(
                f"三级指标名称“{name}”只是指标类别的名称，没有写出具体考核的内容。",
                document,
                section,
                row_no,
                "level3",
                ind.level3 or ind.description,
                "写出具体考核的对象和口径，如“救助对象满意度”“低保金发放准确率”。",
            )


def _packed_parts(ctx: ReviewContext, name: str) -> tuple[str, ...]:
    """The indicators packed into ``name``: two or more, or () when it names one."""
    return _split_packed(
        name,
        words(ctx, "packed", "separators"),
        words(ctx, "packed", "joiners"),
        int(ctx.param("max_part_chars", lexicon()["packed"]["max_part_chars"])),
        words(ctx, "activity", "verbs"),
    )


@lru_cache(maxsize=65536)  # names repeat across thousands of projects
def _split_packed(name: str, separators: tuple[str, ...], joiners: tuple[str, ...], longest: int, verbs: tuple[str, ...]) -> tuple[str, ...]:
    parts = [p.strip() for p in re.split("|".join(map(re.escape, separators)), name) if p.strip()]
    if len(parts) >= 2 and all(2 <= len(p) <= longest and (measure_kind(p) or names_work(p, verbs)) for p in parts):
        return tuple(parts)
    # 时效性和准确性: two measured qualities joined by 和/及/与
    joined = re.fullmatch(rf"(.+?(?:性|率))(?:{'|'.join(map(re.escape, joiners))})(.+?(?:性|率))", name)
    return (joined.group(1), joined.group(2)) if joined else ()


@rule(
    "JX115",
    "一个指标名称里写了两个指标",
    Dimension.CONFORMITY,
    Severity.WARNING,
    why="一行只能考核一件事：两个指标共用一个指标值和一组评分标准，年底一个完成、一个未完成时无法打分。",
    bad="火化率，设备更新改造 / 100%",
    good="火化率 / 100%；设备更新改造完成数量 / ≥2台（分两行）",
)
def packed_name(ctx: ReviewContext):
    for document, section, row_no, ind in ctx.indicators():
        name = indicator_name(ind)
        parts = _packed_parts(ctx, name)
        if parts:
            listed = "、".join(f"“{p}”" for p in parts)
            yield Hit(
                f"指标名称“{name}”里写了{len(parts)}个指标（{listed}），共用一个指标值，无法分别考核。",
                document,
                section,
                row_no,
                "level3",
                ind.level3 or ind.description,
                f"拆成{len(parts)}行，每行一个指标、一个指标值。",
            )


@rule(
    "JX116",
    "指标名称是一项工作或一句愿望，却按百分比考核",
    Dimension.FEASIBILITY,
    Severity.WARNING,
    why="“重点优抚对象慰问”“设备更新改造”说的是要做的工作，不是可以计算的比率；"
    "按100%/95%/85%考核时，没有人知道分子和分母是什么。",
    bad="重点优抚对象慰问 / 优100% 良95% 中85% 差75%",
    good="重点优抚对象慰问覆盖率 / 100%（或：慰问重点优抚对象人数 / ≥120人）",
)
def work_graded_as_rate(ctx: ReviewContext):
    verbs = words(ctx, "activity", "verbs") + words(ctx, "activity", "wishes")
    work_in: dict[str, list[str]] = {}
    for cell, _, name, value in named_values(ctx):
        if name not in work_in:
            work_in[name] = [p for p in _packed_parts(ctx, name) or [name] if names_work(p, verbs)]
        work = work_in[name]
        if work and any(unit_class(q.unit) == "percent" for q in quantities(value)):
            yield cell.hit(
                f"“{work[0]}”说的是要做的工作或要达到的状态，不是比率，指标值“{cell.text}”却是百分比，无法计算完成程度。",
                cell.text,
                f"改成可计算的指标，如“{work[0]}覆盖率 100%”或“{work[0]}完成数量 ≥N个（人次）”。",
            )


@rule(
    "JX129",
    "指标名称要求全部做到，目标却低于100%",
    Dimension.CONSISTENCY,
    Severity.WARNING,
    why="名称写“足额发放”“应保尽保”，指标值却是95%，两者自相矛盾：要么名称夸大，要么目标定低了，"
    "年底只发放95%也算完成。",
    bad="质量指标 / 每月为在册社区工作人员足额发放工资待遇 / 95%",
    good="质量指标 / 社区工作人员工资足额发放率 / 100%",
)
def absolute_name_partial_target(ctx: ReviewContext):
    absolute = words(ctx, "absolute", "words")
    for cell, _, name, value in named_values(ctx):
        said = next((w for w in absolute if w in name), "")
        if not said:
            continue
        below = [q for q in quantities(value) if isinstance(q, Quantity) and unit_class(q.unit) == "percent" and q.number < HUNDRED]
        if below:
            yield cell.hit(
                f"指标名称写明“{said}”，指标值“{cell.text}”却低于100%，两者矛盾。",
                cell.text,
                f"“{said}”的目标应为“100%”；确实做不到全部的，名称去掉“{said}”并说明原因。",
            )


def _is_single_value(cell: str, range_words: tuple[str, ...]) -> bool:
    return bool(_DIGIT.search(cell)) and not any(w in cell for w in range_words)


@rule(
    "JX117",
    "评分标准“差”只写了一个数，没有写成区间",
    Dimension.CONFORMITY,
    Severity.HINT,
    why="优/良/中是达到某个值即可，差应是“低于某个值”。差只写“75%”时，看不出是低于75%还是恰好75%，"
    "也与其他行“75%以下”的写法不一致，打分时会有争议。",
    bad="优 100% / 良 95% / 中 85% / 差 75%",
    good="优 100% / 良 95% / 中 85% / 差 85%以下",
)
def poor_grade_not_range(ctx: ReviewContext):
    range_words = words(ctx, "grades", "range_words")
    for document, section, row_no, ind in ctx.indicators():
        poor, fair = ind.grades.poor.strip(), ind.grades.fair.strip()
        if poor and _is_single_value(poor, range_words):
            yield Hit(
                f"评分标准“差”写的是“{poor}”，不是区间，看不出低于多少算差。",
                document,
                section,
                row_no,
                "grades",
                f"优 {ind.grades.excellent} / 良 {ind.grades.good} / 中 {fair} / 差 {poor}",
                f"写成“{fair or poor}以下”，与“中”的下限相接。",
            )
