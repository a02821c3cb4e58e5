"""专项资金 tables (seed 004): the summary of special funds, and the spending directions with their
indicators spread across one column per 二级指标."""

from __future__ import annotations

from jixiao.model.document import Document, Indicator, SectionKind
from jixiao.write.layouts.common import level2, money, unit_note
from jixiao.write.layouts.indicator_table import indicator_table
from jixiao.write.layouts.model import Block, Style, Table

SUMMARY_HEADS = ("序号", "专项支出名称", "支出方向", "资金总额", "实施期绩效目标", "年度绩效目标")
SUMMARY_WIDTHS = (6.0, 22.0, 16.0, 10.0, 36.0, 36.0)
DIRECTION_HEADS = ("主管部门", "支出方向", "所属专项名称", "专项实施期", "支出方向年度金额", "实施期绩效目标", "年度绩效目标")
# level 1 → its level-2 columns, in the order of the source's header
INDICATOR_COLUMNS = (
    ("产出指标", ("数量指标", "质量指标", "时效指标", "成本指标")),
    ("效益指标", ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "社会公益或服务对象满意度指标")),
)
# 专项实施期, the amount and 数量指标 wide enough for 2019年, 360.00 and 3500人 on one line in a
# landscape Word page
DIRECTION_WIDTHS = (9.0, 10.0, 12.0, 12.0, 12.0, 16.0, 16.0, 12.0) + (11.0,) * 8


def _landscape_table(document: Document, title: str, sheet: str, widths: tuple[float, ...], header_rows: int) -> Table:
    return Table(
        title=document.title or title,
        sheet=sheet,
        widths=widths,
        note_left=document.organisation,
        note_right=document.fields.get("unit_line") or unit_note(document),
        header_rows=header_rows,
        landscape=True,
    )


def _summary(document: Document) -> Table:
    table = _landscape_table(document, "专项资金预算绩效目标汇总表", "专项资金汇总", SUMMARY_WIDTHS, 1)
    table.add_row(*SUMMARY_HEADS, style=Style.HEAD)
    for n, s in enumerate((s for s in document.sections if s.kind is SectionKind.SPECIAL_FUND), 1):
        f = s.fields
        table.add_row(
            f.get("序号", str(n)), s.name, f.get("支出方向", ""), money(s.amounts.total), f.get("实施期绩效目标", ""), s.goal
        )
    return table


def _column_of(label: str) -> int | None:
    col = 0
    for _, names in INDICATOR_COLUMNS:
        for name in names:
            if label == name or (name.endswith("满意度指标") and label.endswith("满意度指标")):
                return col
            col += 1
    return None


def _directions(document: Document, unplaced: list[Indicator]) -> Table:
    table = _landscape_table(document, "专项资金支出方向绩效目标表", "支出方向", DIRECTION_WIDTHS, 3)
    table.add_row(*DIRECTION_HEADS, ("绩效指标", 9), style=Style.HEAD)
    table.add_row(*[None] * 7, *((name, len(cols)) for name, cols in INDICATOR_COLUMNS), style=Style.HEAD)
    table.add_row(*[None] * 7, *(c for _, cols in INDICATOR_COLUMNS for c in cols), style=Style.HEAD)
    for col in range(7):
        table.merge_down(0, col, 3)
    for s in document.sections:
        if s.kind is not SectionKind.SPENDING_DIRECTION:
            continue
        values = [""] * 9
        for ind in s.indicators:
            col = _column_of(level2(ind))
            if col is None:
                unplaced.append(ind)
            else:
                values[col] = "；".join(v for v in (values[col], ind.target_raw) if v)
        f = s.fields
        table.add_row(
            f.get("主管部门", ""), s.name, f.get("所属专项名称", ""), f.get("专项实施期", ""),
            money(s.amounts.total), f.get("实施期绩效目标", ""), s.goal, *values,
        )
    return table


def special_fund_blocks(document: Document) -> list[Block]:
    if any(s.kind is SectionKind.SPENDING_DIRECTION for s in document.sections):
        unplaced: list[Indicator] = []
        blocks: list[Block] = [_directions(document, unplaced)]
        if unplaced:  # a 二级指标 the form has no column for: list it rather than drop it
            blocks.append(indicator_table("其他绩效指标", "其他绩效指标", unplaced))
        return blocks
    return [_summary(document)]
