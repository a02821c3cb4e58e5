"""Values a clerk types into a form (the web editors, any other front end), checked before they
are stored: an amount in the document's money unit, a cumulative spending-plan percentage, a
budget year. Each returns the value as stored or raises ValueError with the reason in Chinese."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from jixiao.model.document import Money

# An amount this large (in 万元) is a typing slip, not a county budget: 10 万亿元.
MAX_AMOUNT = Decimal(10) ** 9
UNIT_FACTORS = {"万元": 1, "元": 10**4, "千元": 10, "亿元": Decimal("1e-4")}


def plain(raw: str) -> str:
    """What was typed with full-width digits and marks made plain (NFKC: ``１２３，５`` → ``123,5``)."""
    return unicodedata.normalize("NFKC", raw).strip()


def amount(raw: str, money_unit: str) -> str:
    """An amount as stored: the exact decimal as typed (``1,748.60``, ``42``; full-width digits made
    plain), the document's money unit after it dropped (``42.00万元`` → ``42.00``); "" stays empty."""
    text = plain(raw)
    if text.endswith(money_unit):
        text = text[: -len(money_unit)].strip()
    if not text:
        return ""
    money = Money.parse(text)
    if not money.exact:
        raise ValueError(f"“{raw.strip()}”不是金额：请只填数字（单位为{money_unit}），如 1748.60 或 1,748.60。")
    if money.value < 0:
        raise ValueError(f"“{raw.strip()}”为负数：金额不能小于 0。")
    limit = MAX_AMOUNT * UNIT_FACTORS.get(money_unit, 1)
    if money.value >= limit:
        raise ValueError(f"“{raw.strip()}”过大：金额应小于 {limit:,f}{money_unit}（10万亿元），请检查位数和单位。")
    return money.raw


def plan_percent(raw: str) -> str:
    """A spending-plan value as stored: a cumulative percentage 0–100 (``50``, ``50%``, ``37.5％`` →
    ``50%`` …); "" stays empty."""
    text = raw.strip()
    number = plain(text).rstrip("%").strip()
    if not number:
        return ""
    money = Money.parse(number)
    if not money.exact:
        raise ValueError(f"“{text}”不是百分比：请填 0 到 100 之间的数字，如 50 或 50%。")
    if not 0 <= money.value <= 100:
        raise ValueError(f"“{text}”超出范围：累计支出比例应在 0% 到 100% 之间。")
    return f"{money.raw}%"


def year(raw: str) -> int | None:
    """A budget year as stored: ``2024`` / ``２０２４年`` → 2024; "" → None."""
    text = plain(raw).removesuffix("年").strip()
    if not text:
        return None
    if not (text.isdigit() and len(text) == 4 and 1990 <= int(text) <= 2100):
        raise ValueError(f"“{raw.strip()}”不是年度：请填四位年份，如 2024。")
    return int(text)
