"""部门整体预算绩效目标申报表 (seed 003) and the short 部门整体支出绩效申报表 (third part of seed
004): budget, goals, key tasks and the department's indicators, in one six-column form."""

from __future__ import annotations

from decimal import Decimal
from itertools import zip_longest

from jixiao.model.document import BudgetLine, Document, SectionKind
from jixiao.write.layouts.common import LEVEL_HEADS, indicator_rows, level1, money, unit_note
from jixiao.write.layouts.model import Block, Label, Style, Table

# 三级指标 (fourth column) gets the room: it holds the longest indicator texts; 一级/二级 are short
# category names, and the key tasks' 主要实施内容 (third column) still has a fair width
WIDTHS = (11.0, 14.0, 24.0, 27.0, 17.0, 17.0)
AMOUNT_HEAD = "预算金额（万元）"
# Row labels of the short form, as seed 004 prints them.
SHORT_BUDGET, SHORT_INDICATORS, REVIEW = "年度预算申请", "部门整体支出年度绩效指标", "财政部门审核意见"


def _budget_rows(table: Table, lines: list[BudgetLine]) -> None:
    """Budget lines side by side, two groups at a time, as the form prints them."""
    groups: dict[str, list[BudgetLine]] = {}
    for line in lines:
        groups.setdefault(line.group, []).append(line)
    names = list(groups)
    start = table.rows
    for left, right in zip_longest(names[0::2], names[1::2], fillvalue=None):
        label = "预算整体情况" if table.rows == start else None
        right_head = AMOUNT_HEAD if right is not None else ""
        table.add_row(label, left or "", AMOUNT_HEAD, right or "", (right_head, 2), style=Style.HEAD)
        pairs = zip_longest(groups[left], groups.get(right, []) if right else [], fillvalue=None)
        for a, b in pairs:
            table.add_row(
                None,
                a.label if a else "",
                money(a.money) if a else "",
                b.label if b else "",
                (money(b.money) if b else "", 2),
            )
    if table.rows > start:
        table.merge_down(start, 0, table.rows - start, Style.LABEL)


def _is_short(document: Document) -> bool:
    """The short form holds it all: no key tasks, and indicators that are a category and a text
    each (产出指标 | 民政管理事务支出839万元…), with no names, sub-categories or cycle values."""
    indicators = [i for s in document.sections if s.kind is SectionKind.DEPARTMENT for i in s.indicators]
    return not any(s.kind is SectionKind.KEY_TASK for s in document.sections) and not any(
        i.level2 or i.level2_raw or i.level3 or i.cycle_target_raw or i.description or i.basis for i in indicators
    )


def _short_budget_rows(table: Table, lines: list[BudgetLine]) -> None:
    """``资金总额：`` and its amount; a further group under its own heading row (``按支出性质分：``),
    its lines introduced by 其中：, as the short form prints them."""
    rows: list[tuple[str, str | Decimal]] = []
    group = lines[0].group if lines else ""
    for line in lines:
        sub = ""
        if line.group != group:
            group = line.group
            rows.append((f"{group}：", ""))
            sub = "其中："
        rows.append((f"{sub}{line.label}：", money(line.money)))
    if rows:
        start = table.rows
        for label, amount in rows:
            table.add_row(None if table.rows > start else SHORT_BUDGET, Label(label), (amount, 4))
        table.merge_down(start, 0, table.rows - start, Style.LABEL)


def _reviews(table: Table, document: Document) -> None:
    reviews = {k.split(".", 1)[1]: v for k, v in document.fields.items() if k.startswith(f"{REVIEW}.")}
    if reviews:
        start = table.rows
        for label, text in reviews.items():
            # the colon makes it a sub-label, as the form prints 业务股室意见：
            table.add_row(None if table.rows > start else REVIEW, Label(f"{label}："), (text, 4))
        table.merge_down(start, 0, table.rows - start, Style.LABEL)


def declaration_blocks(document: Document) -> list[Block]:
    short = _is_short(document)
    table = Table(
        title=document.title or ("部门整体支出绩效申报表" if short else "部门整体预算绩效目标申报表"),
        sheet="申报表",
        widths=WIDTHS,
        note_right=unit_note(document),
    )
    table.add_row(Label("部门名称"), (document.organisation, 5))
    if short:
        return _short_form(table, document)
    _budget_rows(table, document.budget)
    for text in document.texts:
        if text.label != "其他需完成的任务（可选填）":
            table.add_row(Label(text.label), (text.text, 5))
    tasks = [s for s in document.sections if s.kind is SectionKind.KEY_TASK]
    if tasks:
        start = table.add_row(
            "年度重点工作任务", "名称", "主要实施内容", "拟投入的资金（万元）", ("期望达到的目标（概述）", 2),
            style=Style.HEAD,
        )
        for task in tasks:
            table.add_row(None, task.name, task.purpose, money(task.amounts.total), (task.goal, 2))
        table.merge_down(start, 0, table.rows - start, Style.LABEL)
    other = document.text("其他需完成的任务（可选填）")
    if other or tasks:
        table.add_row(Label("其他需完成的任务（可选填）"), (other, 5))
    indicators = [i for s in document.sections if s.kind is SectionKind.DEPARTMENT for i in s.indicators]
    if indicators:
        both = any(i.cycle_target_raw for i in indicators)
        head = ("实施周期指标值", "年度指标值") if both else (("指标值", 2),)
        start = table.add_row("绩效指标", *LEVEL_HEADS, *head, style=Style.HEAD)
        indicator_rows(
            table,
            indicators,
            lead=(None,),
            rest=lambda i: (i.level3, i.cycle_target_raw, i.target_raw) if both else (i.level3, (i.target_raw, 2)),
        )
        table.merge_down(start, 0, table.rows - start, Style.LABEL)
    _reviews(table, document)
    return [table]


def _short_form(table: Table, document: Document) -> list[Block]:
    """部门名称, 年度预算申请 (标签：金额), the texts, the indicators as category | text rows under
    部门整体支出年度绩效指标, 财政部门审核意见 — the rows of seed 004's form."""
    _short_budget_rows(table, document.budget)
    for text in document.texts:
        table.add_row(Label(text.label), (text.text, 5))
    indicators = [i for s in document.sections if s.kind is SectionKind.DEPARTMENT for i in s.indicators]
    if indicators:
        start = table.rows
        for ind in indicators:
            table.add_row(None if table.rows > start else SHORT_INDICATORS, Label(level1(ind)), (ind.target_raw, 4))
        table.merge_down(start, 0, table.rows - start, Style.LABEL)
    _reviews(table, document)
    return [table]
