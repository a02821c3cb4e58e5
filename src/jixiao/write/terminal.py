"""A readable terminal view of a read result (``jixiao show``), drawn with rich."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from jixiao.model.document import Document, Section
from jixiao.read.base import ReadResult
from jixiao.values.types import (
    Compound,
    Deadline,
    Direction,
    Empty,
    Placeholder,
    Quantity,
    Qualitative,
    Range,
    TargetValue,
)

# a word with the arrow: "定性↑ 提升" reads for a clerk, a bare "定性全" did not
_DIRECTION = {Direction.UP: "↑ 提升", Direction.DOWN: "↓ 降低", Direction.KEEP: "→ 保持", Direction.FULL: " 全覆盖"}


def describe_value(value: TargetValue) -> Text:
    """Parsed value in a few characters: kind, then the typed content."""
    match value:
        case Empty():
            return Text("（空）", style="dim")
        case Placeholder():
            return Text(f"占位符 {value.text}", style="bold red")
        case Quantity():
            comparator = value.comparator.value if value.comparator else "="
            return Text(f"定量 {comparator} {format(value.number, 'f')} {value.unit}".rstrip(), style="green")
        case Range():
            return Text(f"区间 {value.low}–{value.high} {value.unit}".rstrip(), style="green")
        case Compound(parts=(only,)):  # one value with its description: 两项补贴各2000人
            inner = describe_value(only.value)
            return Text(f"{inner.plain}（{only.label}）", style=inner.style)
        case Compound():
            return Text(f"复合 {len(value.parts)} 项", style="cyan")
        case Deadline():
            return Text(f"时限 {value.render()}", style="magenta")
        case Qualitative():
            arrow = _DIRECTION.get(value.direction, "") if value.direction else ""
            return Text(f"定性{arrow}", style="yellow")
    return Text(type(value).__name__)


def _money(section: Section) -> str:
    a = section.amounts
    parts = []
    if a.total and a.total.raw:
        parts.append(f"金额 {a.total.raw}")
    if a.fiscal and a.fiscal.raw:
        parts.append(f"财政 {a.fiscal.raw}")
    if a.other and a.other.raw:
        parts.append(f"其他 {a.other.raw}")
    return "，".join(parts)


def _section_label(section: Section) -> Text:
    label = Text()
    label.append(f"[{section.kind.value}] ", style="dim")
    if section.code:
        label.append(section.code + " ", style="cyan")
    label.append(section.name or "（无名称）", style="bold")
    if money := _money(section):
        label.append(f"  {money}", style="green")
    if section.plan:
        plan = " ".join(f"{p.checkpoint}:{p.raw or '∅'}" for p in section.plan)
        label.append(f"  支出计划 {plan}", style="dim")
    label.append(f"  指标 {len(section.indicators)}", style="dim")
    return label


def _cells(*texts: str) -> list[Text]:
    """Cell texts as they are: a plain string would be read as rich markup, and a cell such as
    ``[link=file:///…]点击[/link]`` from a hostile file would become a link in the terminal."""
    return [Text(t) for t in texts]


def _indicator_table(section: Section) -> Table:
    table = Table(show_lines=False, expand=False, pad_edge=False)
    for column in ("#", "一级", "二级", "三级指标", "指标值", "解析", "依据"):
        table.add_column(column, overflow="fold")
    for row_no, ind in enumerate(section.indicators, 1):
        target = ind.target_raw or " / ".join(
            g for g in (ind.grades.excellent, ind.grades.good, ind.grades.fair, ind.grades.poor) if g
        )
        table.add_row(*_cells(str(row_no), ind.level1, ind.level2, ind.level3, target), describe_value(ind.target), Text(ind.basis))
    return table


def _document(document: Document) -> Group:
    head = Text()
    head.append(document.title or "（无标题）", style="bold")
    facts = [
        f"单位 {document.organisation}" if document.organisation else "",
        f"年度 {document.year}" if document.year else "年度 未注明",
        f"金额单位 {document.money_unit}" if document.money_unit else "金额单位 未注明",
        f"类型 {document.kind.value}",
        f"第{document.part}部分",
    ]
    head.append("\n" + "  ".join(f for f in facts if f), style="dim")
    parts: list = [head]
    if document.budget:
        budget = Table(title="预算", show_header=False)
        for line in document.budget:
            budget.add_row(*_cells(line.group, line.label, line.money.raw))
        parts.append(budget)
    tree = Tree("章节")
    nodes = {}
    for section in document.sections:
        parent = nodes.get(section.parent_key, tree)
        nodes[section.key] = parent.add(_section_label(section))
    parts.append(tree)
    for section in document.sections:
        if section.indicators:
            parts.append(Text(f"\n{section.name} 的指标", style="bold"))
            parts.append(_indicator_table(section))
    return Group(*parts)


def show(result: ReadResult, console: Console, explain: bool = False) -> None:
    if explain:
        console.print(Panel(Text("\n".join(result.explain)), title="读取器选择"))
    for document in result.documents:
        console.print(Panel(_document(document), title=Text(f"{document.source_file} 第{document.part}部分")))
    if result.findings:
        table = Table(title=f"读取问题（{len(result.findings)}）")
        for column in ("代码", "级别", "位置", "说明", "原文"):
            table.add_column(column, overflow="fold")
        for f in result.findings:
            table.add_row(*_cells(f.code, f.severity.label, f.location.describe(), f.message, f.evidence))
        console.print(table)
    else:
        console.print(Text("没有读取问题。", style="green"))
