"""部门职责-工作活动绩效目标 (seed 000): duties and their activities with amounts, one indicator
row each (the first on the duty's or activity's own row), and the grading standard 优/良/中/差 per
indicator."""

from __future__ import annotations

from jixiao.model.document import Document, SectionKind
from jixiao.write.layouts.common import money
from jixiao.write.layouts.model import Block, Heading, Paragraph, Style, Table

# the grade columns hold 100% and 75%以下 on one line, also in a landscape Word page
WIDTHS = (26.0, 11.0, 26.0, 26.0, 18.0, 8.0, 8.0, 8.0, 10.0)
INDENT = "\u3000\u3000"  # activities stand indented under their duty, as in the source


def duty_activity_blocks(document: Document) -> list[Block]:
    blocks: list[Block] = []
    headed = ""  # the label a numbered heading gave the text below it (二、…的保障措施 → 保障措施)
    for text in document.texts:
        if text.label.endswith("标题"):
            blocks.append(Heading(text.text))
            headed = text.label.removesuffix("标题")
        elif text.text:
            # as in the source: 标签： on its own line, a text under a numbered heading without one
            labelled = text.label not in (headed, "说明")
            blocks += [Heading(f"{text.label}：")] * labelled + [Paragraph(text.text)]
    table = Table(
        title=document.title or "部门职责-工作活动绩效目标",
        sheet="职责活动",
        widths=WIDTHS,
        note_left=document.fields.get("org_cell", document.organisation),
        header_rows=2,
        landscape=True,
    )
    table.add_row("职责活动", "年度", "内容描述", "绩效目标", "绩效指标", ("评价标准", 4), style=Style.HEAD)
    table.add_row(None, None, None, None, None, "优", "良", "中", "差", style=Style.HEAD)
    for col in range(5):
        table.merge_down(0, col, 2)
    for section in document.sections:
        indent = INDENT if section.kind is SectionKind.ACTIVITY else ""
        lead = (f"{indent}{section.name}", money(section.amounts.total), section.purpose, section.goal)
        # the first indicator stands on the section's own row, the section's cells merged down over
        # the others (no empty band above the indicators); a section without one keeps its row
        indicators = section.indicators or [None]
        start = table.rows
        for index, ind in enumerate(indicators):
            g = ind.grades if ind else None
            row_lead = lead if index == 0 else (None,) * len(lead)
            table.add_row(*row_lead, *((ind.level3, g.excellent, g.good, g.fair, g.poor) if ind else ("",) * 5))
        if len(indicators) > 1:
            for col in range(len(lead)):
                table.merge_down(start, col, len(indicators))
    return blocks + [table]
