"""Points per part, redistribution, weights, budget execution and grades — hand-computed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from year_builders import actuals, document, indicator, project, year_end

from jixiao.score import load_score_profile, score
from jixiao.score.outcome import Status
from jixiao.score.profile import BUDGET, OTHER

DEFAULT = load_score_profile("default")
D = Decimal


def all_levels(**kw):
    """One indicator per level, so the budget line keeps its 10 points."""
    return project(
        indicator("发放人次", "≥1000人次"),
        indicator("生活水平", "稳步提升", level1="效益指标"),
        indicator("满意度", "≥90%", level1="满意度指标"),
        **kw,
    )


MET = {1: "1000人次", 2: "达到预期", 3: "95%"}


def scored(section, acts, profile=DEFAULT):
    report = score([document(section)], acts, profile)
    return report.sections[0], report


def test_full_house_no_satisfaction_moves_to_outcomes():
    section = project(
        indicator("发放人次", "≥1000人次"),
        indicator("发放准确率", "100%"),
        indicator("生活水平", "稳步提升", level1="效益指标"),
    )
    result, _ = scored(section, actuals(year_end("95"), {1: "800人次", 2: "100%", 3: "基本完成"}))
    assert result.points == {BUDGET: D(10), "产出指标": D(50), "效益指标": D(40)}
    assert "没有可评分的满意度指标，其10分转入效益指标。" in result.notes
    scores = [i.score for i in result.items]
    # budget 10 × 0.95; 25 × 0.8; 25 × 1; 40 × 0.7
    assert scores == [D("9.5"), D(20), D(25), D(28)]
    assert result.total == D("82.5") and result.grade == "良"
    assert result.items[1].explanation.startswith("扣5.00分：")


def test_zero_budget_is_not_divided_and_its_points_are_shared():
    section = project(indicator("发放人次", "≥1000人次"), indicator("满意度", "≥90%", level1="满意度指标"), budget="0")
    result, _ = scored(section, actuals(year_end("0"), {1: "1000人次", 2: "95%"}))
    budget_line = result.items[0]
    assert budget_line.status == Status.UNSCORABLE and budget_line.score is None and "预算数为0" in budget_line.explanation
    # 产出 50 and 满意度 10 present; 效益 30 → 满意度 (not present) → shared; budget 10 shared: 40 in 50:10
    assert result.points["产出指标"] == D(50) + D(40) * 50 / 60
    assert result.total == D(100)


def test_missing_budget_line_and_missing_spending_are_different():
    no_budget, _ = scored(project(indicator("发放人次", "≥1000人次"), budget=None), actuals({}, {1: "1000人次"}))
    assert no_budget.items[0].status == Status.UNSCORABLE and no_budget.total == D(100)
    no_spending, report = scored(all_levels(), actuals({}, MET))
    assert no_spending.items[0].status == Status.MISSING and no_spending.items[0].score == 0
    assert no_spending.total == D(90)
    assert any(f.code == "JX301" and "未填报全年执行数" in f.message for f in report.findings)


def test_overspending_scores_full_but_is_explained():
    result, _ = scored(all_levels(), actuals(year_end("110"), MET))
    assert result.items[0].score == D(10) and "超出预算" in result.items[0].explanation


def test_weights_split_a_part_in_proportion():
    section = project(indicator("甲", "≥10人", weight="30"), indicator("乙", "≥10人", weight="10"))
    result, _ = scored(section, actuals(year_end("100"), {1: "10人", 2: "5人"}))
    # 产出 takes 效益 30 + 满意度 10 proportionally with budget: 50 + 40 × 50/60
    part = D(50) + D(40) * 50 / 60
    assert result.items[1].points == part * 3 / 4 and result.items[2].points == part / 4
    assert result.items[2].score.quantize(D("1e-20")) == (part / 8).quantize(D("1e-20"))  # half of its points


def test_unscorable_indicator_gets_no_points_and_its_level_mates_share():
    section = project(indicator("发放人次", "≥1000人次"), indicator("运行状况", "是/否"), indicator("满意度", "≥90%", level1="满意度指标"))
    result, report = scored(section, actuals(year_end("100"), {1: "1000人次", 3: "95%"}))
    placeholder = result.items[2]
    assert placeholder.points == 0 and placeholder.score is None and placeholder.status == Status.UNSCORABLE
    assert any(f.code == "JX302" for f in report.findings)
    assert result.total == D(100)


def test_uncategorised_indicators_take_the_missing_levels_points():
    # seed 000: indicators carry no 一级指标
    result, _ = scored(project(indicator("低保保障率", "100%", level1="")), actuals(year_end("100"), {1: "90%"}))
    assert result.points == {BUDGET: D(10), OTHER: D(90)}
    assert result.total == D(10) + D(81)


def test_nothing_scorable_at_all():
    result, _ = scored(project(indicator("运行状况", "是/否"), budget=None), actuals())
    assert result.total is None and result.grade == "无法评分"


@pytest.mark.parametrize(("total", "grade"), [(D(100), "优"), (D(90), "优"), (D("89.99"), "良"), (D(80), "良"), (D(60), "中"), (D("59.99"), "差"), (D(0), "差")])
def test_grade_bands(total, grade):
    assert DEFAULT.grade(total) == grade


def test_graded_profile_on_seed_000_thresholds():
    graded = load_score_profile("graded")
    section = project(indicator("低保保障率", "", level1="", grades=("100%", "85%", "75%", "75%以下")))
    result, _ = scored(section, actuals(year_end("100"), {1: "90%"}), graded)
    assert result.items[1].score == D(90) * D("0.8")
    assert result.total == D(10) + D(72) and result.grade == "良"


def test_explanations_of_labelled_coverage_and_qualitative_targets():
    """What a clerk reads for the three audit cases: a count with a description, a coverage rate, a
    qualitative target whose actual says it was achieved."""
    section = project(
        indicator("补贴发放人数", "两项补贴各2000人"),
        indicator("困难群众覆盖率", "困难群众100%覆盖"),
        indicator("生活水平", "稳步提升", level1="效益指标"),
        indicator("政策知晓率", "政策知晓率达到95%以上", level1="满意度指标"),
    )
    result, _ = scored(section, actuals(year_end("100"), {1: "1900人", 2: "100%", 3: "已完成", 4: "95%"}))
    people, coverage, level, known = result.items[1:]
    # 25 × 1900 ÷ 2000 = 23.75
    assert (people.score, people.status) == (D("23.75"), Status.SCORED)
    assert people.explanation == "扣1.25分：实际值1900人未达到指标值“两项补贴各2000人”（=2000人），完成 95.00%，按完成比例计分。"
    assert coverage.score == D(25) and coverage.explanation == "达到目标，得满分。"
    assert level.score == D(30) and level.explanation == "实际值“已完成”，定性指标评为“达到”，得满分。"
    assert known.score == D(10)
    assert result.total == D("98.75")
