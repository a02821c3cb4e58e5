"""Numbers in the year's worksheets (运行监控报告, 绩效自评表): stored as numbers, shown with two decimals.

A :class:`Number` in a row becomes a numeric cell holding the exact Decimal (a percent as its
fraction, 25% → 0.25) with the number format ``0.00`` or ``0.00%``, so the sheet sums and sorts
and shows what the pages show; everything else goes in as :func:`jixiao.write.safe.append_row` puts it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl.worksheet.worksheet import Worksheet

from jixiao.values.parse import parse_target
from jixiao.values.types import Quantity, Range
from jixiao.write.safe import append_row

TWO_DECIMALS = "0.00"
PERCENT = "0.00%"
HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Number:
    value: Decimal
    format: str = TWO_DECIMALS


def amount(x: Decimal | None) -> Number | None:
    """Money, points and scores: ``0.00``; None stays an empty cell."""
    return None if x is None else Number(x)


def percent(points: Decimal | None) -> Number | None:
    """A percent given in points (25 for 25%), as the fraction 0.25 shown ``0.00%``."""
    return None if points is None else Number(points / HUNDRED, PERCENT)


def share(x: Decimal | None) -> Number | None:
    """A share given as a fraction (0.98237 for 98.24%), shown ``0.00%``."""
    return None if x is None else Number(x, PERCENT)


def money_header(name: str, unit: str) -> str:
    """预算数（万元）when the document says its money unit."""
    return f"{name}（{unit}）" if unit and unit != "未注明" else name


def measure_unit(target: str) -> str:
    """The unit of measure of a target as written (人次 in ≥10141人次, % in 100%); "" when it has none."""
    value = parse_target(target) if target else None
    return value.unit if isinstance(value, (Quantity, Range)) else ""


def append_numbers(ws: Worksheet, values: Sequence[object]) -> None:
    """:func:`append_row` with each :class:`Number` as a numeric cell in its number format."""
    append_row(ws, [v.value if isinstance(v, Number) else v for v in values])
    row = ws.max_row
    for column, value in enumerate(values, 1):
        if isinstance(value, Number):
            ws.cell(row, column).number_format = value.format
