"""Pieces several official layouts share: indicator rows with merged categories, money cells."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from jixiao.model.document import Document, Indicator, Money
from jixiao.write.layouts.model import Style, Table

CellItem = tuple[str | Decimal, int] | str | Decimal | None

# Header labels of the indicator part, as the seeds write them.
LEVEL_HEADS = ("一级指标", "二级指标", "三级指标")


def money(amount: Money | None) -> str | Decimal:
    """An amount as a number when it has one (so a worksheet can add it up), else as written."""
    if amount is None:
        return ""
    return amount.value if amount.value is not None else amount.raw


def level1(ind: Indicator) -> str:
    return ind.level1 or ind.level1_raw


def level2(ind: Indicator) -> str:
    return ind.level2 or ind.level2_raw


def _span(item: CellItem) -> int:
    return item[1] if isinstance(item, tuple) else 1


def indicator_rows(
    table: Table,
    indicators: Sequence[Indicator],
    lead: Sequence[CellItem],
    rest: Callable[[Indicator], Sequence[CellItem]],
) -> None:
    """One row per indicator: ``lead`` cells merged down over all of them, then 一级指标 and 二级指标
    merged over each run of equal labels (as the official tables write them once), then ``rest``."""
    if not indicators:
        return
    start = table.rows
    lead_cols = sum(_span(i) for i in lead)
    level_col = lead_cols
    runs: list[tuple[int, int, int]] = []  # (row, col, rowspan)
    prev: tuple[str, str] | None = None
    for index, ind in enumerate(indicators):
        key = (level1(ind), level2(ind))
        new1 = prev is None or key[0] != prev[0]
        new2 = new1 or key[1] != prev[1]
        row_lead = list(lead) if index == 0 else [None] * lead_cols
        table.add_row(*row_lead, key[0] if new1 else None, key[1] if new2 else None, *rest(ind))
        if new1:
            runs.append((table.rows - 1, level_col, 1))
        if new2:
            runs.append((table.rows - 1, level_col + 1, 1))
        prev = key
    end = table.rows
    for row, col, _ in runs:
        following = [r for r, c, _ in runs if c == col and r > row]
        # a level-2 run also ends where a new level-1 run starts
        if col == level_col + 1:
            following += [r for r, c, _ in runs if c == level_col and r > row]
        stop = min(following, default=end)
        table.merge_down(row, col, stop - row, Style.CATEGORY)
    if lead and end - start > 1:
        col = 0
        for item in lead:
            if item is not None:
                table.merge_down(start, col, end - start, Style.LABEL)
            col += _span(item)


def unit_note(document: Document) -> str:
    return f"单位：{document.money_unit}" if document.money_unit else ""
