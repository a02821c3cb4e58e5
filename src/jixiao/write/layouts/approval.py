"""部门整体支出绩效目标批复表 (seed 001): department lines, then indicators per core duty (核心职能)."""

from __future__ import annotations

from jixiao.model.document import Document, SectionKind
from jixiao.write.layouts.common import LEVEL_HEADS, indicator_rows
from jixiao.write.layouts.model import Block, Label, Style, Table

# 8 grid columns: 核心职能 spans two, 三级指标 is a label (指标1:) plus the name, 指标值 spans two.
WIDTHS = (8.0, 8.0, 11.0, 13.0, 9.0, 28.0, 8.0, 8.0)


def approval_blocks(document: Document) -> list[Block]:
    title = document.title or "部门整体支出绩效目标批复表"
    # the subtitle (2024年度) stands under the title, as in the original
    table = Table(title=title, sheet="批复表", widths=WIDTHS, header_rows=0, note_left=document.fields.get("subtitle", ""))
    table.add_row(
        Label("部门(单位)名称", 2),
        (document.organisation, 2),
        Label("主管部门", 2),
        (document.fields.get("主管部门", ""), 2),
    )
    for text in document.texts:
        table.add_row(Label(text.label, 2), (text.text, 6))
    head = table.add_row(("核心职能", 2), ("年度绩效指标", 6), style=Style.HEAD)
    table.add_row(None, None, LEVEL_HEADS[0], LEVEL_HEADS[1], (LEVEL_HEADS[2], 2), ("指标值", 2), style=Style.HEAD)
    table.merge_down(head, 0, 2)
    table.mark_head(head, 2)  # repeated on the pages the indicators go on to
    for section in document.sections:
        if section.kind is not SectionKind.FUNCTION:
            continue
        label = section.fields.get("label") or section.name
        indicator_rows(
            table,
            section.indicators,
            lead=((label, 2),),
            rest=lambda ind: (ind.label, ind.level3, (ind.target_raw, 2)),
        )
    return [table]
