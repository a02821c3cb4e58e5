"""Properties: a score stays within 0…its points, moves the right way with the actual, totals ≤ 100."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from year_builders import actuals, document, indicator, project, year_end

from jixiao.score import load_score_profile, score
from jixiao.score.outcome import outcome

PROFILES = st.sampled_from([load_score_profile("default"), load_score_profile("graded")])
AMOUNT = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False)
GRADES = st.sampled_from([(), ("100%", "85%", "75%", "75%以下"), ("95%", "90%", "80%", "80%以下")])
HIGHER_NAMES = st.sampled_from(["低保发放人次", "补贴发放准确率", "新建养老服务站", "服务对象满意度"])
LOWER_NAMES = st.sampled_from(["人均救助成本", "车辆运行费用", "群众投诉率", "办结时长"])
UNITS = st.sampled_from(["人次", "%", "元", "个", ""])


def _value(number: Decimal, unit: str) -> str:
    return f"{number}{unit}"


def _shares(profile, name, target, a, b, unit, grades):
    """Shares earned at the lower and the higher of two actuals."""
    low, high = sorted((a, b))
    ind = indicator(name, f"{target}{unit}", grades=grades)
    return outcome(ind, _value(low, unit), profile).share, outcome(ind, _value(high, unit), profile).share


@settings(max_examples=300, deadline=None)
@given(PROFILES, HIGHER_NAMES, st.sampled_from(["≥", "", "＞"]), AMOUNT, AMOUNT, AMOUNT, UNITS, GRADES)
def test_higher_is_better_never_falls_as_the_actual_rises(profile, name, cmp, target, a, b, unit, grades):
    s_low, s_high = _shares(profile, name, f"{cmp}{target}", a, b, unit, grades)
    assert 0 <= s_low <= s_high <= 1


@settings(max_examples=300, deadline=None)
@given(PROFILES, LOWER_NAMES, st.sampled_from(["≤", "", "<"]), AMOUNT, AMOUNT, AMOUNT, st.sampled_from(["元", "天", "次"]), GRADES)
def test_lower_is_better_never_falls_as_the_actual_falls(profile, name, cmp, target, a, b, unit, grades):
    s_low, s_high = _shares(profile, name, f"{cmp}{target}", a, b, unit, grades)
    assert 0 <= s_high <= s_low <= 1


TARGETS = st.sampled_from(["≥1000人次", "100%", "≤3030元", "450-520元", "稳步提升", "是/否", "", "城市8712元/年；农村5000元/年", "2019年底前完成", "0%"])
ACTUALS = st.sampled_from(["", "900人次", "1200人次", "95%", "100%", "3333元", "480元", "达到预期", "基本完成", "未完成", "城市8712元/年；农村4000元/年", "2020年1月15日", "2%"])
LEVELS = st.sampled_from(["产出指标", "效益指标", "满意度指标", "", "其他"])


@settings(max_examples=200, deadline=None)
@given(
    PROFILES,
    st.lists(st.tuples(LEVELS, TARGETS, ACTUALS, st.sampled_from(["", "5", "15"])), min_size=1, max_size=8),
    st.one_of(st.none(), AMOUNT.map(str)),
    st.one_of(st.none(), AMOUNT.map(str)),
)
def test_every_item_within_its_points_and_totals_at_most_100(profile, rows, budget, spent):
    section = project(*(indicator(f"指标{n}", t, level1=lv, weight=w) for n, (lv, t, _, w) in enumerate(rows)), budget=budget)
    acts = actuals(year_end(spent) if spent is not None else {}, {n + 1: a for n, (_, _, a, _) in enumerate(rows)})
    result = score([document(section)], acts, profile).sections[0]
    for item in result.items:
        assert item.points >= 0
        assert item.score is None or 0 <= item.score <= item.points
    if result.total is not None:
        assert 0 <= result.total <= 100 + Decimal("1e-20")
        assert sum(result.points.values()) <= 100 + Decimal("1e-20")
