"""部门整体预算绩效目标申报表 (seed 003, and the third part of seed 004): budget, goals, key
tasks and the department's indicator table, in one six-column form."""

from __future__ import annotations

from itertools import zip_longest

from jixiao.model.document import BudgetLine, Document, SectionKind
from jixiao.write.layouts.common import LEVEL_HEADS, indicator_rows, money, unit_note
from jixiao.write.layouts.model import Block, Label, Style, Table

WIDTHS = (12.0, 20.0, 30.0, 16.0, 16.0, 16.0)
AMOUNT_HEAD = "预算金额（万元）"


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


def declaration_blocks(document: Document) -> list[Block]:
    table = Table(
        title=document.title or "部门整体预算绩效目标申报表",
        sheet="申报表",
        widths=WIDTHS,
        note_right=unit_note(document),
    )
    table.add_row(Label("部门名称"), (document.organisation, 5))
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
    reviews = {k.split(".", 1)[1]: v for k, v in document.fields.items() if k.startswith("财政部门审核意见.")}
    if reviews:
        start = table.rows
        for label, text in reviews.items():
            table.add_row(None if table.rows > start else "财政部门审核意见", Label(label), (text, 4))
        table.merge_down(start, 0, table.rows - start, Style.LABEL)
    return [table]
