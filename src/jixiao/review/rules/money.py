"""Money and spending plans: amounts that must add up, amounts stated twice that must agree, and
spending plans (资金支出计划) that must be cumulative and reach 100 % by the year end.

All arithmetic is exact (:class:`~decimal.Decimal` as written in the table); the tolerance of
every amount rule is the profile parameter ``tolerance`` (default 0: 1593.87 ≠ 1593.88). Budget
lines (Document.budget) are recognised by the label lists in ``review/data/money.toml``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from itertools import pairwise
from typing import Any

from jixiao.findings import Severity
from jixiao.model.document import (
    BudgetLine,
    Document,
    Money,
    PlanPoint,
    Section,
    SectionKind,
)
from jixiao.review.context import Cell, Hit, ReviewContext, review_data
from jixiao.review.registry import Dimension, rule

HUNDRED = Decimal(100)


def lexicon() -> dict[str, Any]:
    """``review/data/money.toml``."""
    return review_data("money.toml")


def _tolerance(ctx: ReviewContext) -> Decimal:
    try:
        return abs(Decimal(str(ctx.param("tolerance", 0))))
    except InvalidOperation:
        return Decimal(0)


def fmt(value: Decimal) -> str:
    """``15268.25`` → ``15,268.25`` (plain notation, never 1E+3)."""
    return f"{value:,f}"


def _unit(document: Document) -> str:
    return document.money_unit


def _shown(raw: str, document: Document) -> str:
    """An amount as written, with the document's unit unless the cell already has one."""
    return raw if raw.endswith("元") else raw + _unit(document)


def _value(money: Money | None) -> Decimal | None:
    return money.value if money is not None else None


def _raw(money: Money | None) -> str:
    return money.raw if money is not None else ""


def _other(section: Section) -> Decimal:
    """其他资金 as a number, 0 when blank or not a number."""
    other = _value(section.amounts.other)
    return other if other is not None else Decimal(0)


def amount(section: Section) -> Decimal | None:
    """The section's amount: 资金总额 when written, else 财政资金 (+ 其他资金)."""
    total, fiscal = _value(section.amounts.total), _value(section.amounts.fiscal)
    if total is not None:
        return total
    if fiscal is not None:
        return fiscal + _other(section)
    return None


def _amount_raw(section: Section) -> str:
    return _raw(section.amounts.total) or _raw(section.amounts.fiscal)


# --- JX150 / JX151 amounts that nest ---------------------------------------------------------


def _children(document: Document) -> dict[str, list[Section]]:
    children: dict[str, list[Section]] = defaultdict(list)
    for section in document.sections:
        if section.parent_key:
            children[section.parent_key].append(section)
    return children


@rule(
    "JX150",
    "下级金额合计与上级金额不符",
    Dimension.CONSISTENCY,
    Severity.ERROR,
    why="职责（职能）的金额应等于其下各项活动金额之和；对不上，说明有金额填错或漏填了活动。",
    bad="社会救助政策及管理 1748.60；其下4项活动合计 1748.50",
    good="社会救助政策及管理 1748.60 = 1085.00 + 351.00 + 139.10 + 173.50",
)
def children_sum(ctx: ReviewContext):
    tolerance = _tolerance(ctx)
    for document in ctx.documents:
        by_key = {s.key: s for s in document.sections}
        for parent_key, children in _children(document).items():
            parent = by_key.get(parent_key)
            if parent is None or (total := amount(parent)) is None:
                continue
            values = [amount(c) for c in children]
            filled = [v for v in values if v is not None]
            if not filled:
                continue
            summed = sum(filled, Decimal(0))
            blanks = len(filled) < len(values)
            if abs(summed - total) <= tolerance or (blanks and summed < total):
                continue  # a blank child may hold the difference: JX151 reports the blank
            terms = " + ".join(f"{c.name} {_amount_raw(c) or '（空）'}" for c in children)
            unit = _unit(document)
            yield Hit(
                f"下级各项金额合计 {fmt(summed)}{unit}，与本项金额 {_shown(_amount_raw(parent), document)} "
                f"不一致（相差 {fmt(abs(summed - total))}{unit}）。下级：{terms}。",
                document,
                parent,
                None,
                "amount",
                _amount_raw(parent),
                f"核对各项金额：若下级金额无误，本项金额应为 {fmt(summed)}；若本项金额无误，下级金额需调整或补列漏掉的活动。",
            )


@rule(
    "JX151",
    "金额未填写",
    Dimension.COMPLETENESS,
    Severity.WARNING,
    why="同一张表里其他职能、活动或项目都写了金额，这一项却空着，无法核对资金与目标是否匹配，上下级金额也无法核对。",
    bad="防灾减灾及救灾准备 / 金额（空）",
    good="防灾减灾及救灾准备 / 0.00（没有安排资金时写0）",
)
def blank_amount(ctx: ReviewContext):
    for document in ctx.documents:
        with_amount: dict[SectionKind, int] = defaultdict(int)
        for section in document.sections:
            if amount(section) is not None:
                with_amount[section.kind] += 1
        by_key = {s.key: s for s in document.sections}
        children = _children(document)
        for section in document.sections:
            if amount(section) is not None:
                continue
            parent = by_key.get(section.parent_key) if section.parent_key else None
            parent_total = amount(parent) if parent is not None else None
            peers = with_amount[section.kind]
            if not peers and parent_total is None:
                continue
            raw = _amount_raw(section)
            suggestion = "填写本项安排的金额；没有安排资金时写0。"
            if parent is not None and parent_total is not None:
                siblings = [amount(s) for s in children[section.parent_key] if s is not section]
                if all(v is not None for v in siblings):
                    rest = parent_total - sum(siblings, Decimal(0))
                    suggestion = (
                        f"按上级“{parent.name}”的金额推算，本项应为 {fmt(rest)}"
                        f"（{_amount_raw(parent)} − 其他下级合计 {fmt(parent_total - rest)}）；没有安排资金时写0。"
                    )
            message = f"金额“{raw}”不是数字。" if raw else "金额未填写。"
            yield Hit(message, document, section, None, "amount", raw, suggestion)


# --- JX152–JX154 department budget totals ----------------------------------------------------

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[)）])")
_UNIT_NOTE = re.compile(r"[（(](?:万元|元|亿元|单位[:：]?[^)）]*)[)）]")
_SPACES = re.compile(r"\s+")


def label_key(label: str) -> str:
    text = _SPACES.sub("", label)
    text = _NUMBERING.sub("", text)
    text = _UNIT_NOTE.sub("", text)
    text = text.removeprefix("其中").lstrip(":：").rstrip(":：")
    return text


@dataclass(slots=True)
class Budget:
    """A document's budget lines sorted into the roles the checks need."""

    total: list[BudgetLine] = field(default_factory=list)
    basic: list[BudgetLine] = field(default_factory=list)
    project: list[BudgetLine] = field(default_factory=list)
    sources: list[BudgetLine] = field(default_factory=list)
    extra_uses: list[BudgetLine] = field(default_factory=list)
    breakdowns: dict[str, list[BudgetLine]] = field(default_factory=dict)


@cache
def _budget_keys() -> dict[str, frozenset[str]]:
    """The budget label lists of ``money.toml`` as :func:`label_key` keys, worked out once."""
    words = lexicon()["budget"]
    return {name: frozenset(label_key(w) for w in words[name]) for name in words}


def sort_budget(document: Document) -> Budget:
    keys = _budget_keys()
    budget = Budget()
    for line in document.budget:
        if line.money.value is None:
            continue
        label, group = label_key(line.label), label_key(line.group)
        if group in keys["extra_use_groups"]:
            budget.extra_uses.append(line)
        elif group in keys["breakdown_groups"]:
            budget.breakdowns.setdefault(line.group, []).append(line)
        elif label in keys["total"]:
            budget.total.append(line)
        elif label in keys["basic"]:
            budget.basic.append(line)
        elif label in keys["project"]:
            budget.project.append(line)
        elif group in keys["source_groups"] or label in keys["source_labels"]:
            budget.sources.append(line)
        elif label in keys["extra_use_labels"]:
            budget.extra_uses.append(line)
    return budget


def _sum(lines: list[BudgetLine]) -> Decimal:
    return sum((line.money.value for line in lines if line.money.value is not None), Decimal(0))


def _terms(lines: list[BudgetLine]) -> str:
    return " + ".join(f"{line.label} {line.money.raw}" for line in lines)


@rule(
    "JX152",
    "资金总额与基本支出、项目支出合计不符",
    Dimension.CONSISTENCY,
    Severity.ERROR,
    why="部门资金总额应等于基本支出加项目支出；哪怕差0.01，也说明表中有一个数填错了。",
    bad="资金总额 1593.88万元；基本支出 327万元 + 项目支出 1266.87万元 = 1593.87万元",
    good="资金总额 1593.87万元 = 基本支出 327万元 + 项目支出 1266.87万元",
)
def department_total(ctx: ReviewContext):
    tolerance = _tolerance(ctx)
    for document in ctx.documents:
        budget = sort_budget(document)
        if not (budget.total and budget.basic and budget.project):
            continue
        total_line = budget.total[0]
        parts = budget.basic + budget.project
        summed = _sum(parts)
        total = total_line.money.value
        if abs(summed - total) <= tolerance:
            continue
        unit = "" if total_line.money.raw.endswith("元") else _unit(document)
        yield Hit(
            f"{total_line.label} {total_line.money.raw}{unit}，而{_terms(parts)} = {fmt(summed)}{_unit(document)}，"
            f"两者相差 {fmt(abs(summed - total))}{_unit(document)}。",
            document,
            None,
            None,
            total_line.label,
            f"{total_line.label} {total_line.money.raw}；{_terms(parts)}",
            f"核对三个数：若基本支出和项目支出无误，{total_line.label}应为 {fmt(summed)}；否则修改基本支出或项目支出。",
        )


@rule(
    "JX153",
    "收入来源与支出安排不平衡",
    Dimension.CONSISTENCY,
    Severity.WARNING,
    why="部门的收入来源（财政拨款、其他资金等）合计应等于支出安排（基本支出 + 项目支出）合计，"
    "按预算级次等其他口径的划分也应等于同一总数；对不上时需要人工核对表格口径。",
    bad="财政拨款 33,588.45 + 其他资金 0.00 ≠ 基本支出 2,212.16 + 项目支出 15,268.25",
    good="财政拨款 17,480.41 + 其他资金 0.00 = 基本支出 2,212.16 + 项目支出 15,268.25",
)
def sources_and_uses(ctx: ReviewContext):
    tolerance = _tolerance(ctx)
    for document in ctx.documents:
        budget = sort_budget(document)
        if not budget.sources:
            continue
        sources = _sum(budget.sources)
        field = budget.sources[0].label
        unit = _unit(document)
        uses_lines = budget.basic + budget.project
        if uses_lines:
            uses = _sum(uses_lines)
            gap = sources - uses
            if abs(gap) > tolerance:
                extra = _sum(budget.extra_uses)
                evidence = f"{_terms(budget.sources)}；{_terms(uses_lines)}"
                if budget.extra_uses and abs(gap - extra) <= tolerance:
                    note = ""
                    project = _sum(budget.project)
                    if budget.project and extra > project:
                        note = f"{budget.extra_uses[-1].group or '事业发展性支出'} {fmt(extra)} 大于项目支出 {fmt(project)}，不可能是项目支出的一部分；"
                    message = (
                        f"收入来源合计 {fmt(sources)}{unit}，支出安排（{_terms(uses_lines)}）合计 {fmt(uses)}{unit}，相差 {fmt(gap)}{unit}，"
                        f"正好等于{_terms(budget.extra_uses)}。只有把它当作基本支出、项目支出之外的第三块支出，收支才平衡；"
                        f"{note}请人工核实表格口径。"
                    )
                    evidence += f"；{_terms(budget.extra_uses)}"
                else:
                    message = (
                        f"收入来源合计 {fmt(sources)}{unit}（{_terms(budget.sources)}），与支出安排合计 {fmt(uses)}{unit}"
                        f"（{_terms(uses_lines)}）不一致，相差 {fmt(abs(gap))}{unit}。请人工核实。"
                    )
                yield Hit(
                    message,
                    document,
                    None,
                    None,
                    field,
                    evidence,
                    "核对收入来源和支出安排的口径：收入合计应等于基本支出、项目支出（及单列的其他支出）之和，并在表中写明各块的关系。",
                )
        for group, lines in budget.breakdowns.items():
            split = _sum(lines)
            if abs(split - sources) > tolerance:
                yield Hit(
                    f"{group}的合计 {fmt(split)}{unit}（{_terms(lines)}）与收入来源合计 {fmt(sources)}{unit} 不一致。",
                    document,
                    None,
                    None,
                    lines[0].label,
                    _terms(lines),
                    f"核对{group}各项金额，合计应为 {fmt(sources)}。",
                )


@rule(
    "JX154",
    "重点工作任务金额合计与项目支出不符",
    Dimension.CONSISTENCY,
    Severity.HINT,
    why="年度重点工作任务的金额通常来自项目支出；合计与项目支出（或表中任何一个支出数）都对不上时，值得核对一下。",
    bad="重点工作任务合计 14,050.91；项目支出 15,268.25",
    good="重点工作任务合计 15,268.25 = 项目支出 15,268.25（或说明差额的去向）",
)
def key_tasks_total(ctx: ReviewContext):
    tolerance = _tolerance(ctx)
    for document in ctx.documents:
        tasks = [s for s in document.sections if s.kind is SectionKind.KEY_TASK]
        values = [amount(s) for s in tasks]
        if not tasks or any(v is None for v in values):
            continue
        summed = sum(values, Decimal(0))
        budget = sort_budget(document)
        candidates: list[tuple[str, Decimal]] = []
        if budget.project:
            candidates.append(("项目支出", _sum(budget.project)))
        if budget.extra_uses:
            candidates.append((budget.extra_uses[-1].label, _sum(budget.extra_uses)))
        if budget.total:
            candidates.append((budget.total[0].label, _sum(budget.total[:1])))
        if budget.sources:
            candidates.append(("收入来源合计", _sum(budget.sources)))
        if not candidates or any(abs(summed - value) <= tolerance for _, value in candidates):
            continue
        unit = _unit(document)
        against = "、".join(f"{label} {fmt(value)}" for label, value in candidates)
        field = "项目支出" if budget.project else candidates[0][0]
        yield Hit(
            f"{len(tasks)}项重点工作任务金额合计 {fmt(summed)}{unit}，与{against}都不一致。",
            document,
            None,
            None,
            field,
            " + ".join(f"{s.name} {_amount_raw(s)}" for s in tasks),
            "核对重点工作任务的金额；如重点任务只覆盖部分项目支出，可在说明中写明，其余无需修改。",
        )


# --- JX155 one amount stated twice ---------------------------------------------------------


def _scope(document: Document) -> str:
    """Parts of one file (004: 汇总表, 支出方向表) describe the same funds."""
    return document.source_file or f"#{id(document)}"


def fund_links(documents: list[Document]) -> list[tuple[Document, Section, list[tuple[Document, Section]]]]:
    """Each special fund (专项资金) with its spending directions (支出方向), found through
    ``fields['special_fund_section']`` (a section key, possibly prefixed like ``004-S1``) or the
    direction's ``所属专项名称``, within one document or the parts of one file."""
    keys: dict[str, dict[str, tuple[Document, Section]]] = defaultdict(dict)
    names: dict[str, dict[str, tuple[Document, Section]]] = defaultdict(dict)
    for document in documents:
        for section in document.sections:
            if section.kind is SectionKind.SPECIAL_FUND:
                keys[_scope(document)].setdefault(section.key, (document, section))
                names[_scope(document)].setdefault(_SPACES.sub("", section.name), (document, section))
    links: dict[int, tuple[Document, Section, list[tuple[Document, Section]]]] = {}
    for document in documents:
        scope = _scope(document)
        for section in document.sections:
            if section.kind is not SectionKind.SPENDING_DIRECTION:
                continue
            target = section.fields.get("special_fund_section", "").strip()
            fund = keys[scope].get(target) or (keys[scope].get(target.rsplit("-", 1)[-1]) if "-" in target else None)
            if fund is None:
                fund = names[scope].get(_SPACES.sub("", section.fields.get("所属专项名称", "")))
            if fund is not None:
                links.setdefault(id(fund[1]), (*fund, []))[2].append((document, section))
    return list(links.values())


@rule(
    "JX155",
    "同一笔资金两处金额不一致",
    Dimension.CONSISTENCY,
    Severity.ERROR,
    why="项目资金总额应等于财政资金加其他资金；专项资金的金额应等于其各支出方向金额之和。同一笔钱两处写得不一样，至少有一处是错的。",
    bad="资金总额 20.59 / 其中财政资金 20.95；或 专项“城市低保金”60 / 支出方向“城市低保户”66",
    good="资金总额 20.59 = 财政资金 20.59 + 其他资金 0",
)
def amount_twice(ctx: ReviewContext):
    tolerance = _tolerance(ctx)
    for document in ctx.documents:
        unit = _unit(document)
        for section in document.sections:
            amounts = section.amounts
            total, fiscal = _value(amounts.total), _value(amounts.fiscal)
            if total is None or fiscal is None:
                continue
            if amounts.other is not None and amounts.other.raw and amounts.other.value is None:
                continue  # 其他资金 written but not a number: nothing exact to compare
            other = _other(section)
            if abs(fiscal + other - total) <= tolerance:
                continue
            yield Hit(
                f"资金总额 {_shown(amounts.total.raw, document)}，而财政资金 {amounts.fiscal.raw} + 其他资金 {_raw(amounts.other) or '0'} "
                f"= {fmt(fiscal + other)}{unit}，两者相差 {fmt(abs(fiscal + other - total))}{unit}。",
                document,
                section,
                None,
                "amount",
                f"资金总额 {amounts.total.raw}；财政资金 {amounts.fiscal.raw}；其他资金 {_raw(amounts.other) or '（空）'}",
                f"核对后使资金总额 = 财政资金 + 其他资金（若分项无误，资金总额应为 {fmt(fiscal + other)}）。",
            )
    for fund_document, fund, directions in fund_links(ctx.documents):
        fund_value = amount(fund)
        values = [amount(d) for _, d in directions]
        if fund_value is None or any(v is None for v in values):
            continue
        summed = sum(values, Decimal(0))
        if abs(summed - fund_value) <= tolerance:
            continue
        unit = _unit(fund_document)
        terms = " + ".join(f"“{d.name}” {_amount_raw(d)}" for _, d in directions)
        document, target = directions[0] if len(directions) == 1 else (fund_document, fund)
        yield Hit(
            f"专项资金“{fund.name}”的金额为 {_shown(_amount_raw(fund), fund_document)}，其支出方向金额{'合计' if len(directions) > 1 else '为'} "
            f"{fmt(summed)}{unit}（{terms}），两处不一致。",
            document,
            target,
            None,
            "amount",
            f"{fund.name} {_amount_raw(fund)}；{terms}",
            "核对专项资金汇总表与支出方向表，同一笔资金两处金额应相同。",
        )


# --- JX156–JX159 spending plans (资金支出计划, cumulative %) ----------------------------------

_MONTH = re.compile(r"(\d{1,2})\s*月")
_QUARTER_NAMED = re.compile(r"第?([一二三四1-4])季度")
_QUARTER = {"一": 3, "1": 3, "二": 6, "2": 6, "三": 9, "3": 9, "四": 12, "4": 12}


def month_of(checkpoint: str) -> int | None:
    text = checkpoint.strip()
    if match := _MONTH.search(text):
        return int(match.group(1))
    if match := _QUARTER_NAMED.search(text):
        return _QUARTER[match.group(1)]
    if "上半年" in text:
        return 6
    if any(w in text for w in ("全年", "年底", "年末", "下半年")):
        return 12
    return None


def ordered_plan(section: Section) -> list[PlanPoint]:
    """Plan points in calendar order when every checkpoint names its month, else as written."""
    months = [month_of(p.checkpoint) for p in section.plan]
    if all(m is not None for m in months):
        return [p for _, p in sorted(zip(months, section.plan), key=lambda item: item[0])]
    return list(section.plan)


def _filled(point: PlanPoint) -> bool:
    return point.percent is not None


def render_plan(points: list[PlanPoint]) -> str:
    return "，".join(f"{p.checkpoint} {p.raw.strip() or '（空）'}" for p in points)


def _pct(value: Decimal) -> str:
    return f"{value.normalize():f}%"


def _has_plans(document: Document) -> bool:
    return any(any(_filled(p) for p in s.plan) for s in document.sections)


def filled_plans(ctx: ReviewContext) -> Iterator[tuple[Cell, list[PlanPoint], list[int]]]:
    """Each section with a spending plan: its plan cell (the plan as written), the points in month
    order and the indexes of the filled ones (at least one)."""
    for document, section in ctx.sections():
        points = ordered_plan(section)
        filled = [i for i, p in enumerate(points) if _filled(p)]
        if filled:
            yield Cell(document, section, None, "plan", render_plan(points)), points, filled


@rule(
    "JX156",
    "没有资金支出计划",
    Dimension.COMPLETENESS,
    Severity.WARNING,
    why="支出计划是执行监控（双监控）的依据；没有计划，年中无法判断支出进度是否滞后。",
    bad="资金支出计划（%）：3月底（空） 6月底（空） 10月底（空） 12月底（空）",
    good="资金支出计划（%）：3月底 25% 6月底 50% 10月底 80% 12月底 100%",
)
def no_plan(ctx: ReviewContext):
    for document in ctx.documents:
        template_has_plan: bool | None = None
        for section in document.sections:
            if section.kind is not SectionKind.PROJECT or any(_filled(p) for p in section.plan):
                continue
            if not section.plan:
                if template_has_plan is None:
                    template_has_plan = _has_plans(document)
                if not template_has_plan:
                    continue  # this template has no plan columns at all
            raw = render_plan(ordered_plan(section)) if section.plan else ""
            yield Hit(
                "项目没有填写资金支出计划（各时点的累计支出进度）。",
                document,
                section,
                None,
                "plan",
                raw,
                "按用款进度填写各时点的累计支出比例，如“3月底 25%、6月底 50%、10月底 80%、12月底 100%”，年底应为100%。",
            )


@rule(
    "JX157",
    "资金支出计划中间有空档",
    Dimension.COMPLETENESS,
    Severity.WARNING,
    why="支出计划按累计进度填写，前后时点都有进度而中间时点空着，监控到这个时点就没有比较的依据；"
    "开头几个时点空着多半是想写0%，只作提示。",
    bad="3月底（空） 6月底 50% 10月底（空） 12月底 100%",
    good="3月底 0% 6月底 50% 10月底 75% 12月底 100%",
)
def plan_gaps(ctx: ReviewContext):
    for cell, points, filled in filled_plans(ctx):
        first, last = filled[0], filled[-1]
        middle = [i for i in range(first + 1, last) if not _filled(points[i])]
        if middle:
            names = "、".join(points[i].checkpoint for i in middle)
            before = next(points[j] for j in range(middle[0] - 1, -1, -1) if _filled(points[j]))
            after = next(points[j] for j in range(middle[-1] + 1, len(points)) if _filled(points[j]))
            yield cell.hit(
                f"支出计划{names}未填写，而前后时点都有进度。",
                cell.text,
                f"{names}填写到该时点的累计支出比例，应在 {_pct(before.percent)} 与 {_pct(after.percent)} 之间。",
            )
        if first > 0:
            names = "、".join(points[i].checkpoint for i in range(first))
            yield cell.hit(
                f"支出计划{names}空着，没有写明这一时点前是否支出。",
                cell.text,
                f"如{names}前不安排支出，请填写0%。",
                Severity.HINT,
            )


@rule(
    "JX158",
    "资金支出计划不是累计进度",
    Dimension.CONSISTENCY,
    Severity.ERROR,
    why="支出计划填的是到各时点的累计支出比例，只能持平或增加，不能超过100%；"
    "前面已填了进度、后面却空着，也说明没有按累计口径填写。",
    bad="3月底（空） 6月底 100% 10月底（空） 12月底（空）",
    good="3月底 0% 6月底 100% 10月底 100% 12月底 100%",
)
def plan_not_cumulative(ctx: ReviewContext):
    for cell, points, filled in filled_plans(ctx):
        for i in filled:
            if points[i].percent > HUNDRED:
                yield cell.hit(
                    f"支出计划{points[i].checkpoint}为 {points[i].raw.strip()}，累计支出进度不能超过100%。",
                    cell.text,
                    f"{points[i].checkpoint}填写到该时点的累计支出比例（不超过100%）。",
                )
        for a, b in pairwise(filled):
            if points[b].percent < points[a].percent:
                yield cell.hit(
                    f"支出计划{points[b].checkpoint} {points[b].raw.strip()} 低于{points[a].checkpoint} {points[a].raw.strip()}："
                    "累计进度不会回落，可能填成了各时段的分段比例。",
                    cell.text,
                    f"改为累计比例：{points[b].checkpoint}应不低于 {_pct(points[a].percent)}。",
                )
        last = filled[-1]
        trailing = [points[i].checkpoint for i in range(last + 1, len(points))]
        if trailing:
            names = "、".join(trailing)
            yield cell.hit(
                f"支出计划{points[last].checkpoint}已填 {points[last].raw.strip()}，其后的{names}却空着，不是累计进度的写法。",
                cell.text,
                f"{names}填写累计支出比例（不低于 {_pct(points[last].percent)}，年底为100%）。",
            )


@rule(
    "JX159",
    "资金支出计划年底未达到100%",
    Dimension.CONSISTENCY,
    Severity.WARNING,
    why="年度预算资金应在年底前支出完毕，支出计划最后一个时点的累计进度应为100%。",
    bad="3月底 25% 6月底 50% 10月底 75% 12月底 90%",
    good="3月底 25% 6月底 50% 10月底 75% 12月底 100%",
)
def plan_year_end(ctx: ReviewContext):
    for cell, points, _ in filled_plans(ctx):
        end = points[-1]
        if end.percent is not None and end.percent == HUNDRED:
            continue
        if end.percent is not None and end.percent > HUNDRED:
            continue  # JX158 reports a percent above 100
        shown = end.raw.strip() or "（空）"
        yield cell.hit(
            f"支出计划最后一个时点{end.checkpoint}为 {shown}，年底累计支出进度应为100%。",
            cell.text,
            f"{end.checkpoint}填写100%；如确有资金需结转下年，请在资金用途中说明原因。",
        )
