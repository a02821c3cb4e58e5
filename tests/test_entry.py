"""Values typed into a form, checked by the core before a front end stores them."""

from __future__ import annotations

import pytest

from jixiao.model import entry


@pytest.mark.parametrize("typed, stored", [("1,748.60", "1,748.60"), ("42", "42"), ("42.00万元", "42.00"), ("１２３", "123"), ("", "")])
def test_an_amount_is_stored_as_typed_in_the_documents_unit(typed, stored):
    assert entry.amount(typed, "万元") == stored


@pytest.mark.parametrize("typed, reason", [("abc", "不是金额"), ("10万", "不是金额"), ("-5", "为负数"), ("99999999999999", "过大")])
def test_a_wrong_amount_says_why(typed, reason):
    with pytest.raises(ValueError, match=reason):
        entry.amount(typed, "万元")


def test_the_limit_follows_the_money_unit():
    assert entry.amount("9" * 12, "元") == "9" * 12  # 999,999,999,999 元 is under 10 万亿元
    with pytest.raises(ValueError, match="过大"):
        entry.amount("9" * 12, "万元")


def test_plan_percent_and_year():
    assert [entry.plan_percent(t) for t in ("50", "37.5％", "")] == ["50%", "37.5%", ""]
    for bad, reason in (("一半", "不是百分比"), ("120%", "超出范围")):
        with pytest.raises(ValueError, match=reason):
            entry.plan_percent(bad)
    assert (entry.year("２０２４年"), entry.year("")) == (2024, None)
    with pytest.raises(ValueError, match="不是年度"):
        entry.year("24")
