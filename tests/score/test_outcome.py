"""Every scoring branch of one indicator, hand-computed, in both profiles."""

from __future__ import annotations

from decimal import Decimal

import pytest
from year_builders import indicator

from jixiao.score import load_score_profile
from jixiao.score.outcome import Status, outcome

DEFAULT = load_score_profile("default")
GRADED = load_score_profile("graded")
D = Decimal
SEED_000_GRADES = ("100%", "85%", "75%", "75%以下")


def share(name: str, target: str, actual: str, profile=DEFAULT, grades=()) -> Decimal:
    result = outcome(indicator(name, target, grades=grades), actual, profile)
    assert result.status == Status.SCORED, result
    return result.share


@pytest.mark.parametrize("profile", [DEFAULT, GRADED], ids=["default", "graded"])
class TestBothProfiles:
    """Indicators without 优良中差 thresholds score the same in both profiles."""

    def test_higher_is_better_proportional(self, profile):
        assert share("低保发放人次", "≥24000人次", "18000人次", profile) == D("0.75")
        reason = outcome(indicator("低保发放人次", "≥24000人次"), "18000人次", profile).reason
        assert "18000人次" in reason and "75.00%" in reason

    def test_higher_is_better_reached_or_exceeded(self, profile):
        assert share("补贴对象满意度", "≥90%", "93.5%", profile) == 1
        assert share("投保车辆数量", "1辆", "1辆", profile) == 1

    def test_zero_target_higher_is_better_has_no_division(self, profile):
        assert share("新增床位数", "≥0张", "0张", profile) == 1
        assert share("新增床位数", "≥0张", "3张", profile) == 1

    def test_lower_is_better_by_comparator(self, profile):
        # (3333 − 3030) ÷ 3030 = 10 % over → 90 % of the points
        assert share("人均救助标准", "≤3030元", "3333元", profile) == D("0.9")
        assert share("人均救助标准", "≤3030元", "2000元", profile) == 1

    def test_lower_is_better_by_name_without_comparator(self, profile):
        # 成本 is a 反向指标: below the target is full points, not 2500 ÷ 3000 (the akvo-rsr#4098 bug)
        assert share("人均救助成本", "3000元", "2500元", profile) == 1
        assert share("人均救助成本", "3000元", "3600元", profile) == D("0.8")

    def test_lower_is_better_overshoot_floors_at_zero(self, profile):
        assert share("车辆运行费用", "≤100元", "250元", profile) == 0

    def test_zero_target_lower_is_better(self, profile):
        assert share("群众投诉率", "0%", "0%", profile) == 1
        result = outcome(indicator("群众投诉率", "0%"), "2%", profile)
        assert (result.status, result.share) == (Status.SCORED, 0)
        assert "不允许发生" in result.reason

    def test_le_hundred_percent_is_a_miswritten_ge(self, profile):
        result = outcome(indicator("服务对象满意度", "≤100%"), "90%", profile)
        assert result.share == D("0.9") and "应为“≥”" in result.reason

    def test_range(self, profile):
        assert share("低保标准", "450-520元", "480元", profile) == 1
        assert share("低保标准", "450-520元", "405元", profile) == D("0.9")  # 405 ÷ 450
        assert share("低保标准", "450-520元", "572元", profile) == D("0.9")  # 52 ÷ 520 over

    def test_compound_scored_part_by_part(self, profile):
        # 城市 met (1), 农村 4000 ÷ 5000 = 0.8 → mean 0.9
        result = outcome(indicator("保障标准", "城市8712元/年；农村5000元/年"), "城市8712元/年；农村4000元/年", profile)
        assert result.share == D("0.9") and "农村" in result.reason

    def test_compound_with_an_actual_that_is_not_split(self, profile):
        result = outcome(indicator("保障标准", "城市8712元/年；农村5000元/年"), "已达标", profile)
        assert (result.status, result.share) == (Status.MISSING, 0)

    @pytest.mark.parametrize(
        ("actual", "expected"),
        [("达到预期", D(1)), ("基本完成", D("0.7")), ("部分达到", D("0.7")), ("未完成", D(0)), ("未达到预期", D(0))],
    )
    def test_qualitative_by_grade_words(self, profile, actual, expected):
        assert share("保障水平", "稳步提升", actual, profile) == expected

    def test_qualitative_actual_that_says_nothing(self, profile):
        result = outcome(indicator("保障水平", "稳步提升"), "一般", profile)
        assert (result.status, result.share) == (Status.MISSING, 0) and "看不出" in result.reason

    def test_deadline_by_date(self, profile):
        assert share("完成时限", "2019年底前完成", "2019年11月30日", profile) == 1
        assert share("完成时限", "2019年底前完成", "2020年1月15日", profile) == 0

    def test_deadline_by_words(self, profile):
        assert share("发放时限", "按月发放，2019年底前完成", "按月发放", profile) == 1
        assert share("发放时限", "按月发放", "未按月发放", profile) == 0

    @pytest.mark.parametrize("target", ["是/否", "人数", ""])
    def test_unscorable_target_is_left_out(self, profile, target):
        result = outcome(indicator("车辆运行状况", target), "良好", profile)
        assert result.status == Status.UNSCORABLE and "不参与评分" in result.reason

    @pytest.mark.parametrize("actual", ["", "   ", "是/否"])
    def test_missing_actual_scores_zero(self, profile, actual):
        result = outcome(indicator("低保发放人次", "≥24000人次"), actual, profile)
        assert (result.status, result.share) == (Status.MISSING, 0) and "未填报" in result.reason

    def test_actual_that_is_not_a_number(self, profile):
        result = outcome(indicator("低保发放人次", "≥24000人次"), "很多", profile)
        assert (result.status, result.share) == (Status.MISSING, 0) and "不是数值" in result.reason


def test_default_profile_uses_the_excellent_threshold_of_an_empty_target():
    # seed 000: no 指标值, grades 100% / 85% / 75% — the 优 threshold is the target, 90 ÷ 100
    result = outcome(indicator("城乡居民低保保障率", "", grades=SEED_000_GRADES), "90%", DEFAULT)
    assert result.share == D("0.9") and "分级标准“优”" in result.reason


@pytest.mark.parametrize(
    ("actual", "band", "expected"),
    [("100%", "优", D(1)), ("90%", "良", D("0.8")), ("85%", "良", D("0.8")), ("80%", "中", D("0.6")), ("70%", "差", D(0))],
)
def test_graded_profile_bands_on_the_actual(actual, band, expected):
    result = outcome(indicator("城乡居民低保保障率", "", grades=SEED_000_GRADES), actual, GRADED)
    assert result.share == expected
    assert result.share == 1 or f"为“{band}”" in result.reason


def test_graded_profile_bands_on_completion_of_a_numeric_target():
    # 180 ÷ 200 = 90 % completion → 良 (≥85 %) → 80 % of the points
    assert share("培训人次", "≥200人次", "180人次", GRADED, SEED_000_GRADES) == D("0.8")
    # lower is better: 3300 against ≤3000 is 3000 ÷ 3300 = 90.9 % → 良
    assert share("人均成本", "≤3000元", "3300元", GRADED, SEED_000_GRADES) == D("0.8")


def test_graded_profile_falls_back_when_thresholds_are_words():
    assert share("低保发放人次", "≥24000人次", "18000人次", GRADED, ("好", "较好", "一般", "差")) == D("0.75")


def test_graded_profile_with_a_zero_target():
    # found by the property test: a zero cap on a cost is met or missed outright, never banded on the raw actual
    assert share("人均救助成本", "≤0元", "0元", GRADED, SEED_000_GRADES) == 1
    assert share("人均救助成本", "≤0元", "75元", GRADED, SEED_000_GRADES) == 0
    assert share("新增床位数", "≥0张", "5张", GRADED, SEED_000_GRADES) == 1


@pytest.mark.parametrize("profile", [DEFAULT, GRADED], ids=["default", "graded"])
class TestLabelledAndCoverageTargets:
    """Targets with a description before the number, and full-coverage targets, score by comparison."""

    def test_count_per_item(self, profile):
        # 1900 ÷ 2000 = 95 %, not 0 for a text the engine could not read
        result = outcome(indicator("补贴发放人数", "两项补贴各2000人"), "1900人", profile)
        assert (result.status, result.share) == (Status.SCORED, D("0.95"))
        assert "1900人" in result.reason and "95.00%" in result.reason
        assert share("补贴发放人数", "两项补贴各2000人", "2000人", profile) == 1

    def test_at_least_with_a_description(self, profile):
        assert share("培训次数", "全年开展培训不少于5次", "4次", profile) == D("0.8")
        assert share("培训次数", "全年开展培训不少于5次", "6次", profile) == 1
        assert share("覆盖乡镇数", "覆盖3个乡镇", "3个乡镇", profile) == 1

    def test_at_most_with_a_description(self, profile):
        # (3300 − 3000) ÷ 3000 = 10 % over → 90 %
        assert share("单次救助金额", "单次救助不超过3000元", "3300元", profile) == D("0.9")

    def test_actual_written_with_the_same_description(self, profile):
        assert share("补贴发放人数", "两项补贴各2000人", "两项补贴各1800人", profile) == D("0.9")

    def test_verbal_actual_of_a_labelled_count(self, profile):
        result = outcome(indicator("补贴发放人数", "两项补贴各2000人"), "达到预期", profile)
        assert (result.status, result.share) == (Status.MISSING, 0)
        assert result.reason == "实际值“达到预期”不是数值，无法与指标值“两项补贴各2000人”（=2000人）比较，按未完成计0分。"

    def test_actual_with_a_description_counts_as_its_number(self, profile):
        assert share("低保发放人次", "≥24000人次", "全年发放18000人次", profile) == D("0.75")
        assert share("补贴覆盖率", "应保尽保", "覆盖率100%", profile) == 1

    def test_rate_written_after_its_description(self, profile):
        result = outcome(indicator("困难群众覆盖率", "困难群众100%覆盖"), "100%", profile)
        assert (result.status, result.share) == (Status.SCORED, 1)
        assert share("政策知晓率", "政策知晓率达到95%以上", "90%", profile) == D(90) / D(95)
        assert share("政策知晓率", "政策知晓率达到95%以上", "96%", profile) == 1

    def test_full_coverage_sentence_against_a_percent(self, profile):
        # seed 004's 符合条件残疾人做到应补尽补，100%覆盖 stays qualitative (FULL); a percent actual compares to 100 %
        target = "符合条件残疾人做到应补尽补，100%覆盖"
        result = outcome(indicator("补贴覆盖率", target), "100%", profile)
        assert (result.status, result.share) == (Status.SCORED, 1) and "100%" in result.reason
        result = outcome(indicator("补贴覆盖率", target), "98%", profile)
        assert result.share == D("0.98") and "全部覆盖" in result.reason and "98.00%" in result.reason
        assert share("低保对象", "应保尽保", "100%", profile) == 1

    @pytest.mark.parametrize("target", ["稳步提升", "有所提高"])
    @pytest.mark.parametrize("actual", ["已完成", "达到", "是"])
    def test_qualitative_achieved_is_explained(self, profile, target, actual):
        result = outcome(indicator("服务水平", target), actual, profile)
        assert (result.status, result.share) == (Status.SCORED, 1)
        assert result.reason == f"实际值“{actual}”，定性指标评为“达到”，得满分。"

    def test_qualitative_partly_names_the_profile_share(self, profile):
        result = outcome(indicator("服务水平", "稳步提升"), "基本完成", profile)
        assert result.reason == "实际值“基本完成”，定性指标评为“部分达到”，按评分方案得分值的 70.00%。"

    @pytest.mark.parametrize("actual", ["没有完成", "未能达到", "不及时", "不是", "尚未全部完成"])
    def test_negated_achievement_is_not_achieved(self, profile, actual):
        result = outcome(indicator("服务水平", "稳步提升"), actual, profile)
        assert (result.status, result.share) == (Status.SCORED, 0) and "未达到" in result.reason
