"""Monitoring: spending against plan or time, lights, forecast, indicator progress — hand-computed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from year_builders import actuals, document, indicator, project

from jixiao.model.execution import IndicatorExecution, Likelihood
from jixiao.monitor import Signal, Thresholds, monitor

D = Decimal
PLAN = ("25%", "50%", "75%", "100%")


def watch(section, acts, at="6月底", thresholds=None):
    return monitor([document(section)], acts, at, thresholds).sections[0]


@pytest.mark.parametrize(("spent", "signal"), [("45", Signal.GREEN), ("40", Signal.GREEN), ("35", Signal.YELLOW), ("30", Signal.YELLOW), ("29", Signal.RED)])
def test_spending_lights_against_the_plan(spent, signal):
    result = watch(project(indicator("发放人次", "≥1200人"), plan=PLAN), actuals({"6月底": spent}))
    assert result.planned == D(50) and result.basis == "支出计划"
    assert result.actual == D(spent) and result.signal == signal


def test_forecast_keeps_the_pace_against_the_plan():
    result = watch(project(indicator("发放人次", "≥1200人"), plan=PLAN), actuals({"6月底": "45"}))
    assert result.forecast == D(90)  # 45 ÷ 50 × 100
    assert "预计全年执行90.00%" in result.message
    ahead = watch(project(indicator("发放人次", "≥1200人"), plan=PLAN), actuals({"6月底": "80"}))
    assert ahead.forecast == D(100)  # never above 100 % while within budget


def test_without_a_plan_time_progress_is_the_yardstick():
    result = watch(project(indicator("发放人次", "≥1200人")), actuals({"6月底": "30"}))
    assert (result.basis, result.planned, result.signal) == ("时间进度", D(50), Signal.YELLOW)
    assert result.forecast == D(60)  # 30 ÷ 50 × 100


def test_a_blank_plan_checkpoint_keeps_the_last_written_percent():
    section = project(indicator("发放人次", "≥1200人"), plan=("30%", "", "80%", "100%"))
    assert watch(section, actuals({"6月底": "30"})).planned == D(30)


def test_configurable_thresholds():
    section = project(indicator("发放人次", "≥1200人"), plan=PLAN)
    assert watch(section, actuals({"6月底": "45"}), thresholds=Thresholds(D(2), D(4))).signal == Signal.RED


def test_no_spending_reported_and_no_budget():
    assert watch(project(indicator("发放人次", "≥1200人"), plan=PLAN), actuals({})).signal == Signal.NONE
    no_budget = watch(project(indicator("发放人次", "≥1200人"), budget="0"), actuals({"6月底": "5"}))
    assert no_budget.signal == Signal.NONE and "无法计算" in no_budget.message


def progress(target, execution, name="发放人次"):
    section = project(indicator(name, target), plan=PLAN)
    return watch(section, actuals({"6月底": "50"}, executions={1: execution})).indicators[0]


def test_indicator_progress_against_time():
    on_track = progress("≥1200人", IndicatorExecution(reached={"6月底": "500人"}))
    assert on_track.progress.quantize(D("0.01")) == D("41.67") and on_track.signal == Signal.GREEN  # 50 − 41.67 ≤ 10
    behind = progress("≥1200人", IndicatorExecution(reached={"6月底": "300人"}))
    assert behind.progress == D(25) and behind.signal == Signal.RED


def test_lower_is_better_progress_is_not_inverted():
    within = progress("≤3000元", IndicatorExecution(reached={"6月底": "2000元"}), name="人均救助成本")
    assert within.progress == D(100) and within.signal == Signal.GREEN


def test_units_own_judgement_raises_the_light():
    maybe = progress("≥1200人", IndicatorExecution(reached={"6月底": "700人"}, likelihood=Likelihood.POSSIBLE))
    assert maybe.signal == Signal.YELLOW
    never = progress("≥1200人", IndicatorExecution(reached={"6月底": "700人"}, likelihood=Likelihood.IMPOSSIBLE))
    assert never.signal == Signal.RED
    short = progress("≥1200人", IndicatorExecution(reached={"6月底": "700人"}, expected="1000人"))
    assert short.signal == Signal.YELLOW and "达不到目标" in short.message


def test_placeholder_and_unreported_indicators():
    placeholder = progress("是/否", IndicatorExecution(reached={"6月底": "是"}))
    assert placeholder.signal == Signal.NONE and "无法监控" in placeholder.message
    silent = progress("≥1200人", IndicatorExecution())
    assert silent.signal == Signal.NONE and "未填报" in silent.message


def test_deviation_without_reason_is_a_finding():
    section = project(indicator("发放人次", "≥1200人"), plan=PLAN)
    report = monitor([document(section)], actuals({"6月底": "20"}, executions={1: IndicatorExecution(reached={"6月底": "100人"})}), "6月底")
    codes = {(f.code, f.severity.value) for f in report.findings}
    assert codes == {("JX321", "error"), ("JX322", "warning")}


def test_spending_over_the_budget_is_a_finding():
    """999 spent of a budget of 100 by 6月底 is far ahead of plan (no red light), but most likely a slip."""
    section = project(indicator("发放人次", "≥1200人"), plan=PLAN)
    report = monitor([document(section)], actuals({"6月底": "999"}), "6月底")
    [over] = [f for f in report.findings if f.code == "JX323"]
    assert over.severity.value == "warning" and over.location.field == "累计支出"
    assert over.message.startswith("累计支出超出预算：截至6月底执行999.00%")
    within = monitor([document(section)], actuals({"6月底": "100"}), "6月底")
    assert not [f for f in within.findings if f.code == "JX323"]  # the whole budget spent is not over it


def test_default_checkpoint_is_the_last_one_with_spending():
    report = monitor([document(project(indicator("发放人次", "≥1200人"), plan=PLAN))], actuals({"3月底": "20", "6月底": "45"}))
    assert report.at == "6月底"


def test_chart_draws_actual_spending_only_up_to_the_checkpoint():
    from jixiao.write.year_html import spending_chart

    section = project(indicator("发放人次", "≥1200人"), plan=PLAN)
    result = monitor([document(section)], actuals({"3月底": "20", "6月底": "45", "10月底": "70"}), "6月底").sections[0]
    chart = spending_chart(result, "6月底")
    assert len(chart.actual.split()) == 3  # January, 3月底, 6月底 — 10月底 is after the checkpoint
    assert len(chart.planned.split()) == 5
    assert chart.planned.split()[-1] == "330.0,46.7"  # 12月底, 100 % on a 120 % axis: y = 160 − 30 − 100 × 100 ÷ 120


def test_labelled_and_coverage_targets_are_monitored_by_their_number():
    # the newcomer audit: 两项补贴各2000人 with 1900人 reached showed 0.00 % red
    people = progress("两项补贴各2000人", IndicatorExecution(reached={"6月底": "1900人"}), name="补贴发放人数")
    assert people.progress == D(95) and people.signal == Signal.GREEN
    covered = progress("困难群众100%覆盖", IndicatorExecution(reached={"6月底": "100%"}), name="覆盖率")
    assert covered.progress == D(100) and covered.signal == Signal.GREEN
