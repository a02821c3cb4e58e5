"""Ambition across years: JX191 (rules/ambition.py)."""

from __future__ import annotations

import pytest
from builders import doc, findings_on_example, ind, project, run_rule
from clean_examples import EXAMPLES

from jixiao.model.document import Indicator
from jixiao.review import RULES, Profile, review


def year(y: int, *rows: Indicator, name: str = "城乡低保资金", organisation: str = "某县民政局"):
    return doc(project(*rows, name=f"{y}年{name}"), year=y, organisation=organisation)


def with_actual(row: Indicator, actual: str) -> Indicator:
    row.actual_raw = actual
    return row


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_clean_examples_raise_nothing(example):
    assert findings_on_example(example, ("JX191",)) == []


def test_fires_when_this_year_promises_less_than_last_year():
    hits = run_rule("JX191", year(2023, ind("数量指标", "低保对象保障人数", "≥1200人")), year(2024, ind("数量指标", "低保对象保障人数", "≥1100人")))
    assert [(h.document.year, h.row_no, h.field) for h in hits] == [(2024, 1, "target")]
    assert "≥1100人" in hits[0].message and "≥1200人" in hits[0].message and "2023年目标" in hits[0].message


def test_quiet_on_an_honest_increase_and_on_an_equal_target_without_actuals():
    assert run_rule("JX191", year(2023, ind("数量指标", "低保对象保障人数", "≥1200人")), year(2024, ind("数量指标", "低保对象保障人数", "≥1300人"))) == []
    assert run_rule("JX191", year(2023, ind("数量指标", "低保对象保障人数", "≥1200人")), year(2024, ind("数量指标", "低保对象保障人数", "≥1200人"))) == []


def test_lower_is_better_goes_the_other_way():
    cost = "人均救助成本"
    raised = run_rule("JX191", year(2023, ind("成本指标", cost, "≤3000元")), year(2024, ind("成本指标", cost, "≤3200元")))
    assert len(raised) == 1 and "越低越好" in raised[0].message
    assert run_rule("JX191", year(2023, ind("成本指标", cost, "≤3000元")), year(2024, ind("成本指标", cost, "≤2800元"))) == []


def test_fires_when_the_target_is_below_last_years_actual():
    last = year(2023, with_actual(ind("质量指标", "低保金发放准确率", "≥95%"), "99%"))
    hits = run_rule("JX191", last, year(2024, ind("质量指标", "低保金发放准确率", "≥96%")))
    assert len(hits) == 1 and "实际完成“99%”" in hits[0].message and "≥96%" in hits[0].message


def test_fires_when_unchanged_for_years_while_actuals_beat_it():
    name = "低保对象保障人数"
    hits = run_rule(
        "JX191",
        year(2022, with_actual(ind("数量指标", name, "≥1200人"), "1250人")),
        year(2023, with_actual(ind("数量指标", name, "≥1200人"), "1260人")),
        year(2024, ind("数量指标", name, "≥1200人")),
    )
    # 2023 already promised less than 2022 did; 2024 repeats the target a third time
    assert [h.document.year for h in hits] == [2023, 2024]
    assert "实际完成“1250人”" in hits[0].message
    assert "连续3年" in hits[1].message and "1250人" in hits[1].message and "1260人" in hits[1].message


def test_only_the_same_unit_project_and_unit_of_measure_are_compared():
    other_unit = year(2023, ind("数量指标", "低保对象保障人数", "≥1200人"), organisation="另一县民政局")
    assert run_rule("JX191", other_unit, year(2024, ind("数量指标", "低保对象保障人数", "≥1100人"))) == []
    other_project = year(2023, ind("数量指标", "低保对象保障人数", "≥1200人"), name="特困供养资金")
    assert run_rule("JX191", other_project, year(2024, ind("数量指标", "低保对象保障人数", "≥1100人"))) == []
    other_measure = year(2023, ind("数量指标", "低保对象保障人数", "≥1200人次"))
    assert run_rule("JX191", other_measure, year(2024, ind("数量指标", "低保对象保障人数", "≥1100人"))) == []


def test_history_is_compared_but_never_reported():
    last = year(2023, ind("数量指标", "低保对象保障人数", "≥1200人"))
    now = year(2024, ind("数量指标", "低保对象保障人数", "≥1100人"))
    profile = Profile("test", rules={"JX191": {}})
    found = [f for f in review([now], profile, history=(last,)) if f.code == "JX191"]
    assert len(found) == 1 and found[0].severity.value == "warning" and found[0].location.row_no == 1
    assert "JX191" in RULES and [f for f in review([last], profile, history=(now,)) if f.code == "JX191"] == []


def test_fires_on_a_real_pair_of_years():
    # One bureau's tables for 2023 and 2024 (tests/corpus/office): two targets were lowered.
    from pathlib import Path

    from jixiao.read import read_path

    office = Path(__file__).parents[1] / "corpus" / "office"
    documents = [d for name in ("zhanjiang_2023.xlsx", "zhanjiang_2024.xlsx") for d in read_path(office / name).documents]
    hits = run_rule("JX191", *documents)
    assert {h.document.year for h in hits} == {2024} and len(hits) == 2
    assert any("≥190元每人每月" in h.message and "≥200元每人每月" in h.message for h in hits)
