"""Unit.parse: an org line's leading digits are a unit code, never a year (2019年部门整体…)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from jixiao.model.document import Unit

CJK = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=2, max_size=20)


def test_year_title_is_no_unit_code():
    unit = Unit.parse("2019年部门整体支出绩效目标表")
    assert (unit.code, unit.name) == ("", "2019年部门整体支出绩效目标表")


def test_org_line_keeps_its_code_and_drops_the_department_family():
    unit = Unit.parse("314001民政部门秦皇岛市山海关区民政局本级")
    assert (unit.code, unit.name) == ("314001", "秦皇岛市山海关区民政局本级")


def test_a_run_of_digits_is_not_split_into_code_and_name():
    assert Unit.parse("20190101").code == ""


@given(st.integers(1900, 2099), st.sampled_from(["", " "]), CJK)
def test_a_year_never_becomes_a_unit_code(year, space, rest):
    text = f"{year}{space}年{rest}"
    assert Unit.parse(text) == Unit("", text, text)


@given(st.from_regex(r"[1-9]\d{5}", fullmatch=True), CJK.filter(lambda t: not t.startswith("年")))
def test_a_code_before_a_name_is_kept_whole(code, name):
    unit = Unit.parse(code + name)
    assert unit.code == code and unit.raw == code + name and name.endswith(unit.name)
