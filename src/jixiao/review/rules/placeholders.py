"""Targets that are not targets: template placeholders, empty cells, unmeasurable phrases.

A reviewer returns a table whose 指标值 still says 是/否 or 人数, is empty, only says 进一步保障,
or repeats the indicator's own name: none of these can be checked at year end.
"""

from __future__ import annotations

import re
from functools import cache

from jixiao.findings import Severity
from jixiao.model.document import Indicator
from jixiao.review.context import Cell, ReviewContext, review_data
from jixiao.review.registry import Dimension, rule
from jixiao.review.rules.values import indicator_name, measure_kind
from jixiao.values.types import Deadline, Empty, Placeholder, Qualitative

_PUNCT = re.compile(r"[。，、；;,.！!\s]+$")
_DIGIT = re.compile(r"\d")
_CLAUSE_BREAK = re.compile(r"[，,；;、]")


@cache
def unmeasurable_lexicon() -> dict[str, tuple[str, ...]]:
    return {key: tuple(values) for key, values in review_data("unmeasurable.toml").items()}


def suggest_for(indicator: Indicator) -> str:
    """A measurable form for the indicator, from what its name says it measures."""
    name = indicator.level3 or indicator.description
    if any(w in name for w in ("满意", "知晓")):
        return f"写成可核验的比例，如“≥90%”（{name}，以问卷调查为依据）。"
    if name.endswith(("率", "比例", "覆盖面")):
        return "写成带比较符的百分比，如“≥95%”或“100%”。"
    if any(w in name for w in ("人数", "人次", "户数", "数量", "个数", "次数")):
        return "写成带计量单位的数量，如“≥1200人”“≥12次”，数字取自年度计划或上年实际数。"
    if any(w in name for w in ("时限", "及时", "时间", "期限")):
        return "写成明确的时限，如“2024年6月底前完成”或“每月10日前发放”。"
    if any(w in name for w in ("成本", "标准", "金额", "费用", "预算")):
        return "写成金额上限，如“≤3030元/人”或“≤预算数”。"
    return "写成可在年底核验的数值（比较符 + 数字 + 单位）或明确的完成标准。"


def _target_cells(ctx: ReviewContext) -> list[tuple[Cell, Indicator]]:
    """The 指标值 cell of every indicator that carries its target there (shared by this module's rules)."""
    return ctx.shared(_build_target_cells)


def _build_target_cells(ctx: ReviewContext) -> list[tuple[Cell, Indicator]]:
    return [
        (Cell(document, section, row_no, "target", ind.target_raw), ind)
        for document, section, row_no, ind in ctx.indicators()
        # graded tables (seed 000) carry their targets in 优/良/中/差
        if not (ind.grades.any() and not ind.target_raw)
    ]


@rule(
    "JX110",
    "指标值是模板占位符",
    Dimension.FEASIBILITY,
    Severity.ERROR,
    why="“是/否”“人数”“XX”等是模板里的提示文字，留在指标值中等于没有设定目标，年底无法评价。",
    bad="质量指标 / 车辆运行状况 / 是/否",
    good="质量指标 / 车辆完好率 / ≥95%",
)
def placeholder_target(ctx: ReviewContext):
    for cell, ind in _target_cells(ctx):
        if isinstance(ind.target, Placeholder):
            yield cell.hit(
                f"指标值“{ind.target_raw}”是模板占位符，没有设定目标。",
                ind.target_raw,
                suggest_for(ind),
            )


@rule(
    "JX111",
    "指标值为空",
    Dimension.COMPLETENESS,
    Severity.ERROR,
    why="没有指标值的指标无法审核，也无法在年底打分。",
    bad="质量指标 / 补助资金发放准确率 / （空）",
    good="质量指标 / 补助资金发放准确率 / ≥98%",
)
def empty_target(ctx: ReviewContext):
    for cell, ind in _target_cells(ctx):
        if isinstance(ind.target, Empty) and not ind.cycle_target_raw and (ind.level3 or ind.description):
            yield cell.hit("指标值为空。", "", suggest_for(ind))


@rule(
    "JX112",
    "指标值不可衡量",
    Dimension.FEASIBILITY,
    Severity.WARNING,
    why="“进一步保障”“按要求支出”只表达努力方向，没有可以核验的结果，自评时只能凭感觉打分。",
    bad="社会效益指标 / 保障社会发展 / 进一步保障",
    good="社会效益指标 / 困难群众基本生活保障率 / 100%",
)
def unmeasurable_target(ctx: ReviewContext):
    lex = {key: ctx.extended(key, words) for key, words in unmeasurable_lexicon().items()}
    for cell, ind in _target_cells(ctx):
        why = _why_unmeasurable(ind, lex)
        if why:
            yield cell.hit(
                f"指标值“{ind.target_raw}”{why}，无法在年底核验是否完成。",
                ind.target_raw,
                suggest_for(ind),
            )


def _why_unmeasurable(ind: Indicator, lex: dict[str, tuple[str, ...]]) -> str:
    """Why the target of ``ind`` cannot be checked, or '' when it can."""
    target = ind.target
    text = _PUNCT.sub("", ind.target_raw.strip())
    rate = measure_kind(indicator_name(ind)) in ("rate", "satisfaction")
    if rate and (isinstance(target, Qualitative) or (isinstance(target, Deadline) and target.year is None and target.month is None and not target.recurring)):
        return "是文字，而指标名称是比率，应写百分比"
    if not isinstance(target, Qualitative):
        return ""
    parts = [p for p in _CLAUSE_BREAK.split(text) if p]
    if text in lex["phrases"] or any(p in lex["phrases"] for p in parts):
        return "只是一句表态"
    if text.startswith(lex["procedure_prefixes"]):
        return "说的是如何确定目标，不是目标本身"
    if _DIGIT.search(text):
        return ""  # 3人/年/6.3 and the like are JX125's
    if ind.level2 == "数量指标":
        return "不是数量，数量指标应写明人数、个数等实际数量"
    if target.direction is None and any(w in text for w in lex["vague_words"]):
        return "只是一句描述"
    return ""


@rule(
    "JX113",
    "指标值重复了指标名称",
    Dimension.FEASIBILITY,
    Severity.WARNING,
    why="指标值照抄指标名称（或描述），说明目标没有填写。",
    bad="社会效益指标 / 促进国有企业公平参与市场竞争 / 促进国有企业公平参与市场竞争",
    good="社会效益指标 / 改革任务完成率 / 100%",
)
def target_repeats_name(ctx: ReviewContext):
    for cell, ind in _target_cells(ctx):
        target = ind.target_raw.strip()
        if target and not isinstance(ind.target, Placeholder) and target in (ind.level3.strip(), ind.description.strip()):
            yield cell.hit(
                f"指标值“{target}”与指标名称或描述相同，没有给出目标。",
                target,
                suggest_for(ind),
            )
