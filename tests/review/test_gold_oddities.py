"""Every target-quality problem of ../shared/gold/notes.md §4 gets a finding at the right place.

One test per listed oddity (O-000-1 … O-004-12). Each seed is reviewed once with the default
profile; a place is written ``section/row/field`` as the gold notes count them (section key without
the seed prefix, "" for the document; row_no as in ``read --format indicators-csv``; "" for no row),
and the test derives it from the finding's location (unit, section code and name, row_no, field).
Items that are about reading or layout, not about the quality of the targets, are noted in a
comment where their test would be.
"""

from __future__ import annotations

import pytest
from builders import seed_documents

from jixiao.review import review

SEEDS = ("000", "001", "002", "003", "004")


@pytest.fixture(scope="module")
def found() -> dict[str, set[tuple[str, str, int | None, str]]]:
    """(code, section key, row_no, field) of every finding, per seed."""
    out = {}
    for prefix in SEEDS:
        documents = list(seed_documents(prefix))
        keys = {(s.unit.label() or d.organisation, s.code, s.name): s.key for d in documents for s in d.sections}
        out[prefix] = {
            (f.code, keys[(f.location.unit, f.location.section_code, f.location.section_name)] if f.location.section_name or f.location.section_code else "", f.location.row_no, f.location.field)
            for f in review(documents)
        }
    return out


def place(text: str) -> tuple[str, int | None, str]:
    key, row, field = text.split("/")
    return key, int(row) if row else None, field


def expect(found, seed: str, code: str, *places: str) -> None:
    missing = [p for p in places if (code, *place(p)) not in found[seed]]
    assert not missing, f"{code} has no finding at {missing} in seed {seed}"


def only(found, seed: str, code: str, *places: str) -> None:
    """``code`` fires at ``places`` and nowhere else in ``seed``."""
    expect(found, seed, code, *places)
    extra = {(k, r, f) for c, k, r, f in found[seed] if c == code} - {place(p) for p in places}
    assert not extra, f"{code} also fires at {sorted(extra, key=str)} in seed {seed}"


def absent(found, code: str, *seeds: str) -> None:
    assert [s for s in seeds if any(c == code for c, *_ in found[s])] == []


def rows(section: str, numbers, field: str) -> list[str]:
    return [f"{section}/{n}/{field}" for n in numbers]


def each(sections, numbers, field: str) -> list[str]:
    return [p for s in sections for p in rows(s, numbers, field)]


P05_FAMILY = ("P05", "P09", "P14", "P25", "P26")
P06_FAMILY = ("P06", "P08", "P18")
P10_FAMILY = ("P10", "P16", "P20", "P21", "P30")


# --- 000 深泽县 duty activities ------------------------------------------------------------------


def test_O_000_1_a01_text_copied_from_a16(found):
    only(found, "000", "JX145", "A01//purpose", "A01//goal", "A16//purpose", "A16//goal")
    only(found, "000", "JX164", "A01//purpose", "A16//purpose")
    expect(found, "000", "JX136", "A01//purpose")  # its duties match none of its activities


def test_O_000_2_typo_in_goal(found):
    only(found, "000", "JX183", "A06//goal")


def test_O_000_3_duplicate_rows(found):
    only(found, "000", "JX140", "A17/5/level3", "A17/6/level3")


def test_O_000_4_grade_without_percent(found):
    only(found, "000", "JX124", "A03/1/grades")


def test_O_000_5_other_grading_scale(found):
    expect(found, "000", "JX117", "A10/1/grades", "A11/1/grades", "A12/1/grades")


def test_O_000_6_goal_repeats_the_description(found):
    expect(found, "000", "JX162", "A10//goal")
    # the ASCII full stop and the 反映…方面的支出 boilerplate are cosmetic


def test_O_000_7_two_indicators_in_one_cell(found):
    expect(found, "000", "JX115", "A12/1/level3")
    expect(found, "000", "JX116", "A12/1/grades")  # 设备更新改造 graded in %


def test_O_000_8_activity_graded_as_rate(found):
    expect(found, "000", "JX116", "A11/1/grades")


def test_O_000_9_activity_under_the_wrong_function(found):
    expect(found, "000", "JX137", "A11//name")


def test_O_000_10_pension_items_under_resettlement(found):
    only(found, "000", "JX135", *rows("A15", (2, 5, 12), "level3"))


def test_O_000_11_empty_goals(found):
    only(found, "000", "JX104", *(f"{k}//goal" for k in ("A02", "A15", "A17", "A19", "A20")))


def test_O_000_12_a19_without_amount_and_targets(found):
    only(found, "000", "JX105", "A19//amount")
    expect(found, "000", "JX151", "A19//amount")
    expect(found, "000", "JX111", *rows("A19", (1, 2, 4, 5, 6), "target"))
    only(found, "000", "JX122", "A19/3/grades", "A20/2/grades")  # A20/2 is O-000-13


def test_O_000_13_time_graded_in_percent_and_two_dimensions(found):
    expect(found, "000", "JX122", "A20/2/grades")
    expect(found, "000", "JX115", "A20/1/level3")


def test_O_000_14_parent_duties_not_in_its_child(found):
    expect(found, "000", "JX136", "A16//purpose")


def test_O_000_15_no_year_no_money_unit(found):
    only(found, "000", "JX108", "//title")
    only(found, "000", "JX109", "//amount")
    absent(found, "JX109", "001", "002", "003", "004")
    expect(found, "000", "JX186", "//绩效总体目标")  # 一、…2、…3、
    # the heading 二、 without a 一、 heading (that 一、 sits inside the goal line) is layout


# --- 001 渚源县 approval table -----------------------------------------------------------------------

# O-001-1 (rows printed before their category labels) is a reading matter, handled by the reader.


def test_O_001_2_implausible_categories(found):
    only(found, "001", "JX130", *(f"{k}/level3" for k in ("F1/14", "F2/17", "F3/10", "F2/14", "F3/7", "F4/13")))
    expect(found, "001", "JX112", "F3/7/target")  # 依据政策文件规定标准值 is not a value
    only(found, "001", "JX121", "F3/2/target", "F3/3/target", "F3/4/target", "F4/1/target")
    only(found, "001", "JX134", *rows("F4", range(2, 12), "level3"))


def test_O_001_3_empty_targets(found):
    expect(found, "001", "JX111", "F3/5/target", "F3/11/target", "F4/16/target")


def test_O_001_4_same_indicator_twice_mixed_cells(found):
    expect(found, "001", "JX140", "F4/10/level3")
    only(found, "001", "JX125", "F4/2/target", "F4/10/target", "F4/11/target")  # row 11 is O-001-6


def test_O_001_5_bare_amounts(found):
    only(found, "001", "JX124", *rows("F4", range(3, 10), "target"))


def test_O_001_6_quantity_in_name_inverted_unit(found):
    expect(found, "001", "JX125", "F4/11/target")
    only(found, "001", "JX126", "F4/11/level3", "F2/6/level3", "F2/7/level3")  # rows 6, 7 of F2 are O-001-9


def test_O_001_7_typos_and_person_times(found):
    only(found, "001", "JX183", "F3/2/level3", "F4/13/level3")
    only(found, "001", "JX122", "F4/13/target")
    # 丧属 is only "probably" 丧葬/遗属: no finding on a guess


def test_O_001_8_full_payment_at_95_percent(found):
    expect(found, "001", "JX129", "F4/12/target")


def test_O_001_9_target_in_the_name(found):
    expect(found, "001", "JX126", "F2/6/level3", "F2/7/level3")


def test_O_001_10_targets_that_are_not_values(found):
    expect(found, "001", "JX112", "F1/9/target", "F3/6/target", "F2/13/target")
    expect(found, "001", "JX116", "F1/8/target")  # 救助水平逐年提高 ≥99%


def test_O_001_11_satisfaction_100_percent(found):
    only(found, "001", "JX127", "F1/15/target", "F2/18/target")


def test_O_001_12_no_timeliness(found):
    only(found, "001", "JX102", "F4//level2")


def test_O_001_13_html_and_other_place(found):
    only(found, "001", "JX184", "//年度整体绩效目标")
    expect(found, "001", "JX188", "//年度整体绩效目标")  # 全区 in a 县 document
    # an approval table without amounts and the mixed colons of the 职能 labels are layout


# --- 002 山海关区 project book ----------------------------------------------------------------------


def test_O_002_1_repeated_level(found):
    expect(found, "002", "JX185", "//总体绩效目标")


def test_O_002_2_typo_in_indicator_list(found):
    expect(found, "002", "JX183", "F3//绩效指标")


def test_O_002_3_goal_equals_duties(found):
    expect(found, "002", "JX145", "F6//goal")
    expect(found, "002", "JX162", "F6//goal")


# O-002-4 (numbering level of part 1, 分项 functions listing names only) is the layout of a summary.


def test_O_002_5_duplicate_project_codes(found):
    only(found, "002", "JX142", "P01//code", "P34//code", "P02//code", "P35//code")


def test_O_002_6_codes_off_the_pattern(found):
    only(found, "002", "JX143", "P25//code", "P26//code", "P27//code")
    only(found, "002", "JX144", "P06//code")


def test_O_002_7_earlier_funds_and_other_projects_documents(found):
    only(found, "002", "JX181", "P25//name", "P26//name", "P27//name")
    only(found, "002", "JX173", "P26/1/basis", "P05/1/basis", "P09/1/basis", "P14/1/basis")


def test_O_002_8_spending_plans(found):
    only(found, "002", "JX158", "P34//plan")
    only(found, "002", "JX159", "P34//plan")
    expect(found, "002", "JX157", "P36//plan")
    # blank early periods, only 12月 filled and flat 6月 = 10月 are informational (JX157 hints)


def test_O_002_9_double_numbering(found):
    expect(found, "002", "JX186", *(f"{k}//goal" for k in P06_FAMILY))


def test_O_002_10_pasted_indicator_tables(found):
    pasted = P05_FAMILY + P06_FAMILY + P10_FAMILY + ("P07", "P19", "P22", "P23", "P27", "P31", "P02", "P04", "P35", "P01", "P34")
    expect(found, "002", "JX141", *(f"{k}//level3" for k in pasted))


def test_O_002_11_at_least_100_percent(found):
    only(found, "002", "JX120", *each(P05_FAMILY, (1, 2, 3, 4), "target"), "P29/2/target", "P29/4/target")
    # row 3 is a deadline and row 4 a cost written as ≥100%; P29 row 2 a standard, P24 row 2 is O-002-17
    only(found, "002", "JX122", *each(P05_FAMILY, (3, 4), "target"), "P29/2/target", "P24/2/target")


def test_O_002_12_at_most_on_higher_is_better(found):
    only(found, "002", "JX123", "P34/3/target", "P35/2/target", "P35/3/target", "P35/9/target", "P36/3/target", "P36/9/target")


def test_O_002_13_yes_no_placeholders(found):
    listed = {
        "P01": (2, 4, 5, 6, 7, 8), "P02": (4,), "P03": (1, 4, 5, 6, 7, 8), "P04": (4,), "P10": range(4, 9),
        "P12": (5,), "P13": (4,), "P15": (1, 5, 6, 7, 8), "P16": range(4, 9), "P17": (4,), "P20": range(4, 9),
        "P21": range(4, 9), "P22": (1, 4, 5, 6, 7, 8), "P23": (1, 4, 5, 6, 7, 8), "P24": (4,), "P27": (5,),
        "P28": (5, 6, 7), "P30": range(4, 9), "P31": (5,), "P33": (1, 2, 4, 5, 6, 7, 8), "P34": (2, 4, 5, 6, 7, 8),
        "P35": (4,), "P36": (2, 4, 5, 6, 7, 8),
    }
    places = [p for k, numbers in listed.items() for p in rows(k, numbers, "target")]
    assert len(places) == 85
    expect(found, "002", "JX110", *places)


def test_O_002_14_placeholders_and_descriptions_as_values(found):
    expect(found, "002", "JX110", *each(P10_FAMILY, (1,), "target"), "P36/1/target", "P32/9/target", *each(P06_FAMILY, (5,), "target"))
    expect(
        found,
        "002",
        "JX112",
        "P29/9/target",  # 抽样调查
        "P27/1/target", "P31/1/target", "P27/2/target", "P31/2/target",
        "P12/4/target",
        *each(P06_FAMILY, (1, 2, 3, 4), "target"),
        "P07/1/target", "P19/1/target",
    )


def test_O_002_15_vague_targets(found):
    expect(found, "002", "JX112", *each(("P02", "P04", "P17", "P35"), range(5, 9), "target"), *rows("P32", range(1, 9), "target"))
    expect(found, "002", "JX113", *each(P05_FAMILY, (6,), "target"))


def test_O_002_16_counts_as_percentages(found):
    firsts = ("P13", "P24", "P29", "P17", "P28") + P05_FAMILY
    only(found, "002", "JX121", *each(firsts, (1,), "target"), *each(P06_FAMILY, (6,), "target"))


def test_O_002_17_implausible_categories(found):
    only(found, "002", "JX140", "P13/7/level3", "P13/8/level3", "P29/7/level3", "P29/8/level3")
    ecology = ("P13/8", "P29/8", "P24/8", "P02/7", "P04/7", "P17/7", "P35/7", "P36/7", "P32/7")
    only(found, "002", "JX131", *(f"{p}/level3" for p in ecology))
    # also: 政策知晓率 under 满意度 (row 19 of the P06 family, as O-001-2) and 奖补标准 under 质量 (P29 row 2)
    also = (*each(P06_FAMILY, (19,), "level3"), "P29/2/level3")
    only(found, "002", "JX130", *each(P06_FAMILY, (10,), "level3"), "P29/4/level3", "P24/2/level3", *also)
    only(found, "002", "JX132", "P11/8/level3", "P01/8/level3", "P34/7/level3")
    # P28 has 8 rows: its 殡葬基础设施 satisfaction is row 8 (the notes say 9)
    # P22 and P23 carry the P10 family's table
    others = ("P07/5", "P19/5", "P15/9", "P28/8", "P03/2", "P22/2", "P23/2") + tuple(f"{k}/2" for k in P10_FAMILY)
    only(found, "002", "JX133", *(f"{p}/level3" for p in others))
    expect(found, "002", "JX122", "P24/2/target")  # 特困慰问标准 ≥90%: description and target swapped


def test_O_002_18_unrelated_basis(found):
    only(found, "002", "JX175", "P33/1/basis")  # one finding naming rows 1–9
    expect(found, "002", "JX176", *each(P06_FAMILY, (4, 6, 8, 14, 15), "basis"))
    only(found, "002", "JX170", *each(P06_FAMILY, (15, 17), "basis"))
    only(found, "002", "JX174", "P17/1/basis", "P34/9/basis")


def test_O_002_19_citation_drag_fill(found):
    only(found, "002", "JX171", *rows("P12", (1, 2, 3, 5), "basis"), "P27/7/basis", "P31/7/basis")
    only(found, "002", "JX172", *rows("P12", (1, 2, 3, 5), "basis"))
    # the missing 、 before 冀民 in P27 is punctuation, not a citation problem


def test_O_002_20_template_from_a_company(found):
    expect(found, "002", "JX182", *each(P05_FAMILY, (7,), "level3"))
    only(found, "002", "JX180", *each(P05_FAMILY, (1,), "level3"))
    absent(found, "JX180", "000", "001", "003", "004")
    expect(found, "002", "JX112", *each(P05_FAMILY, (5,), "target"))  # a ratio with a deadline


def test_O_002_21_unfilled_some_month(found):
    unfilled = ("P07/3/description", "P19/3/description", "P12/3/description", "P27/4/description", "P31/4/description")
    only(found, "002", "JX182", *unfilled, *each(P05_FAMILY, (7,), "level3"))  # row 7 of the P05 family is O-002-20


def test_O_002_22_fanying(found):
    listed = {
        "P06": (10,), "P08": (10,), "P18": (10,), "P07": (3, 4), "P19": (3, 4), "P12": (3, 4), "P13": (4,),
        "P17": (4,), "P24": (4,), "P27": (4, 5), "P31": (4, 5), "P33": (4,),
    }
    expect(found, "002", "JX183", *(p for k, numbers in listed.items() for p in rows(k, numbers, "description")))


def test_O_002_23_other_typos_and_garbles(found):
    expect(
        found,
        "002",
        "JX183",
        "P01/6/description",
        "P15/3/description",
        "P15/8/level3",
        "P28/7/level3",
        "P28/3/level3",
        "P28/3/description",
        "P36/3/description",
        "P36/4/description",
        "P36/5/level3",
        *each(P06_FAMILY, (10, 12), "description"),
        "P03//purpose",
    )
    expect(found, "002", "JX185", "P07/6/level3", "P19/6/level3")


def test_O_002_24_missing_units_or_comparators(found):
    only(found, "002", "JX124", *rows("P11", range(1, 10), "target"), "P28/4/target")
    only(found, "002", "JX128", "P07/6/target", "P19/6/target")


def test_O_002_25_basis_cut_off(found):
    only(found, "002", "JX107", "P36/9/basis")


def test_O_002_26_category_name_as_indicator(found):
    expect(found, "002", "JX114", "P17/9/level3")


# O-002-27 (可持续影响 listed before 经济/社会/生态) is the order of rows: cosmetic.


# --- 003 天河区 department declaration ------------------------------------------------------------


def test_O_003_1_sources_and_uses(found):
    expect(found, "003", "JX153", "//财政拨款")


def test_O_003_2_key_tasks_total(found):
    expect(found, "003", "JX154", "//项目支出")


def test_O_003_3_rates_under_quantity(found):
    only(found, "003", "JX121", "dept/1/target", "dept/5/target")


def test_O_003_4_unit_costs_under_quantity(found):
    only(found, "003", "JX134", "dept/6/level3", "dept/7/level3")


def test_O_003_5_empty_cost_category(found):
    only(found, "003", "JX103", "dept//level2")
    # empty 经济效益/生态效益/可持续影响 rows are allowed where a department has no such effect


def test_O_003_6_one_value_of_the_pair(found):
    expect(found, "003", "JX118", "dept/10/cycle_target")


def test_O_003_7_timeliness_written_as_a_word(found):
    expect(found, "003", "JX112", "dept/12/target")


def test_O_003_8_html_no_year_unmeasured_tasks(found):
    only(found, "003", "JX184", "//总体绩效目标")
    absent(found, "JX184", "000", "002", "004")
    only(found, "003", "JX108", "//title")
    expect(found, "003", "JX160", "T3//goal", "T4//goal")
    # the empty optional 其他需完成的任务 is allowed (可选填)


# O-003-9 (祭扫安全保障 / 祭扫安全服务保障) is wording drift the notes call trivial.


# --- 004 石峰区 special funds ----------------------------------------------------------------------


def test_O_004_1_total_off_by_one_cent(found):
    only(found, "004", "JX152", "//资金总额")


def test_O_004_2_goal_copied_as_indicator(found):
    expect(found, "004", "JX163", "dept/2/target")
    expect(found, "004", "JX119", "dept/1/level3")  # a spending breakdown with no indicator name
    # the empty 财政部门审核意见 is the finance bureau's column, not the unit's target


def test_O_004_3_one_fund_two_goals(found):
    only(found, "004", "JX145", "S2//goal", "S3//goal")
    only(found, "004", "JX164", "S2//goal", "S3//goal")
    expect(found, "004", "JX165", "D2//goal", "D3//goal")


def test_O_004_4_stray_number(found):
    only(found, "004", "JX125", "D3/4/target")


def test_O_004_5_rural_direction_says_urban(found):
    expect(found, "004", "JX187", "D3/5/target")


def test_O_004_6_typos(found):
    only(found, "004", "JX183", "D2/2/target", "D3/2/target", "D8/2/target", "D7/3/target")
    absent(found, "JX183", "003")


def test_O_004_7_people_times_standard_over_the_fund(found):
    expect(found, "004", "JX190", "D8//amount")
    only(found, "004", "JX124", "D8/4/target")


def test_O_004_8_two_subsidies_over_the_fund(found):
    expect(found, "004", "JX190", "D1//amount")
    # the missing separator between the two standards of row 4 is punctuation


def test_O_004_9_money_under_quality(found):
    expect(found, "004", "JX134", "D7/2/level3")
    # row 4 mixing three schemes is one cost cell listing several standards; not a finding on its own


# O-004-10 (empty 经济/生态 columns) is allowed where a fund has no such effect; see O-003-5.


def test_O_004_11_satisfaction_100_percent_and_goal_as_benefit(found):
    only(found, "004", "JX127", *(f"{k}/7/target" for k in ("D1", "D2", "D3", "D7", "D8")), *(f"{k}/6/target" for k in ("D4", "D5", "D6")))
    only(found, "004", "JX163", "D4/5/target", "D5/5/target", "D6/5/target", "dept/2/target")  # dept row 2 is O-004-2


def test_O_004_12_values_without_names(found):
    expect(found, "004", "JX119", *(f"D{n}/1/level3" for n in range(1, 9)))
    # the stray space in 所 属专项名称, wrapped headers and the three names of the bureau are layout
