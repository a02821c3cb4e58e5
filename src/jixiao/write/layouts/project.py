"""项目支出绩效目标表, one per project, as the department's 绩效文本 book prints them (seed 002)."""

from __future__ import annotations

from jixiao.model.document import Document, Section, SectionKind
from jixiao.write.layouts.common import LEVEL_HEADS, indicator_rows, money, unit_note
from jixiao.write.layouts.model import Block, Heading, Label, Paragraph, Style, Table

# 7 grid columns: the form rows above the indicators use them in pairs and spans.
WIDTHS = (12.0, 12.0, 16.0, 18.0, 12.0, 9.0, 12.0)
PLAN_SPANS = (2, 1, 1, 2)  # four checkpoints over columns 1–6
_DEFAULT_PLAN = ("3月底", "6月底", "10月底", "12月底")


def _sheet_name(index: int, section: Section) -> str:
    return f"{index}.{section.name}" if section.name else f"项目{index}"


def project_table(document: Document, section: Section, index: int) -> Table:
    title = section.fields.get("table_title") or f"{index}.{section.name}绩效目标表"
    unit = section.fields.get("unit")
    table = Table(
        title=title,
        sheet=_sheet_name(index, section),
        widths=WIDTHS,
        note_left=section.unit.raw or section.unit.label(),
        note_right=f"单位：{unit}" if unit else unit_note(document),
    )
    a = section.amounts
    table.add_row(Label("项目编码"), (section.code, 2), Label("项目名称"), (section.name, 3))
    budget = table.add_row(
        Label("预算规模及资金用途"),
        Label("预算数"),
        money(a.total),
        Label("其中：财政资金"),
        money(a.fiscal),
        Label("其他资金"),
        money(a.other),
    )
    table.add_row(None, (section.purpose, 6))
    table.merge_down(budget, 0, 2, Style.LABEL)
    points = section.plan or []
    checkpoints = [p.checkpoint for p in points] if len(points) == 4 else list(_DEFAULT_PLAN)
    values = {p.checkpoint: p.raw for p in points}
    plan = table.add_row(Label("资金支出计划（%）"), *(Label(c, n) for c, n in zip(checkpoints, PLAN_SPANS)))
    table.add_row(None, *zip((values.get(c, "") for c in checkpoints), PLAN_SPANS))
    table.merge_down(plan, 0, 2, Style.LABEL)
    table.add_row(Label("绩效目标"), (section.goal, 6))
    table.add_row(*LEVEL_HEADS, "绩效指标描述", "指标值", ("指标值确定依据", 2), style=Style.HEAD)
    indicator_rows(
        table,
        section.indicators,
        lead=(),
        rest=lambda ind: (ind.level3, ind.description, ind.target_raw, (ind.basis, 2)),
    )
    return table


def project_blocks(document: Document) -> list[Block]:
    projects = [s for s in document.sections if s.kind is SectionKind.PROJECT]
    return [project_table(document, s, n) for n, s in enumerate(projects, 1)]


def overall_text_blocks(document: Document) -> list[Block]:
    """第一部分 部门整体绩效目标 of the book: goals, the 分项绩效目标 of each duty, safeguards."""
    blocks: list[Block] = []
    numbers = iter("一二三四五六七八九十")
    overall = document.text("总体绩效目标")
    if overall:
        blocks += [Heading(f"{next(numbers)}、总体绩效目标"), Paragraph(overall)]
    functions = [s for s in document.sections if s.kind is SectionKind.FUNCTION]
    if functions:
        blocks.append(Heading(f"{next(numbers)}、分项绩效目标"))
        for section in functions:
            label = section.fields.get("label", "")
            blocks.append(Heading(f"{label}{section.name}", level=3))
            for prefix, text in (
                ("主要职责", section.purpose),
                ("绩效目标", section.goal),
                ("绩效指标", section.fields.get("绩效指标", "")),
            ):
                if text:
                    blocks.append(Paragraph(f"{prefix}：{text}"))
    for text in document.texts:
        if text.label != "总体绩效目标" and text.text:
            blocks += [Heading(f"{next(numbers)}、{text.label}"), Paragraph(text.text)]
    return blocks
