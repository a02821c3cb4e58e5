"""A plain indicator table per section, for layouts without an official form of their own (general
indicator tables, self-evaluation tables): only the columns that hold something are drawn."""

from __future__ import annotations

from collections.abc import Sequence

from jixiao.model.document import Document, Indicator, Section
from jixiao.write.layouts.common import LEVEL_HEADS, indicator_rows
from jixiao.write.layouts.model import Block, Style, Table

# (header, attribute, width) after the three levels, in the order self-evaluation tables use
OPTIONAL_COLUMNS = (
    ("绩效指标描述", "description", 20.0),
    ("实施周期指标值", "cycle_target_raw", 14.0),
    ("指标值", "target_raw", 14.0),
    ("指标值确定依据", "basis", 18.0),
    ("分值", "weight_raw", 7.0),
    ("实际完成值", "actual_raw", 14.0),
    ("得分", "score_raw", 7.0),
    ("偏差原因分析及改进措施", "deviation", 24.0),
)


def indicator_table(title: str, sheet: str, indicators: Sequence[Indicator], note_left: str = "") -> Table:
    columns = [c for c in OPTIONAL_COLUMNS if c[1] == "target_raw" or any(getattr(i, c[1]) for i in indicators)]
    table = Table(
        title=title,
        sheet=sheet,
        widths=(12.0, 14.0, 22.0, *(w for _, _, w in columns)),
        note_left=note_left,
        header_rows=1,
        landscape=len(columns) > 4,
    )
    table.add_row(*LEVEL_HEADS, *(h for h, _, _ in columns), style=Style.HEAD)
    indicator_rows(table, indicators, lead=(), rest=lambda i: (i.level3, *(getattr(i, a) for _, a, _ in columns)))
    return table


def section_title(document: Document, section: Section, index: int) -> str:
    return section.name or document.title or f"绩效指标表{index}"


def indicator_table_blocks(document: Document) -> list[Block]:
    sections = [s for s in document.sections if s.indicators]
    return [
        indicator_table(section_title(document, s, n), f"{n}.{section_title(document, s, n)}", s.indicators, s.unit.raw)
        for n, s in enumerate(sections, 1)
    ]
