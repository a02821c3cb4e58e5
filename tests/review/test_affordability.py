"""People × per-person standard against the fund: JX190 (rules/affordability.py)."""

from __future__ import annotations

import pytest
from builders import findings_on_example, doc, ind, run_rule, section
from clean_examples import EXAMPLES

from jixiao.model.document import SectionKind


def direction(amount: str, *values: tuple[str, str], money_unit: str = "万元"):
    rows = [ind(level2, "", value) for level2, value in values]
    return doc(section(*rows, kind=SectionKind.SPENDING_DIRECTION, name="困难群众", key="D8", amount=amount), money_unit=money_unit)


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_clean_examples_raise_nothing(example):
    assert findings_on_example(example, ("JX190",)) == []


def test_fires_when_people_times_standard_exceed_the_fund():
    # 5000 × 220 元 = 110 万元 > 30 万元 (seed 004 D8, hand-computed)
    hits = run_rule("JX190", direction("30", ("数量指标", "医疗救助1000人，全额资助参保5000人"), ("成本指标", "非低保户3000元/年封顶；参保参合220元/年")))
    assert [(h.row_no, h.field) for h in hits] == [(None, "amount")]
    assert "5,000人 × 220元/年 = 110.00万元" in hits[0].message and "30万元" in hits[0].message


def test_monthly_standard_counts_twelve_months():
    # 2000 × 70 元 × 12 = 168 万元 > 90 万元 (seed 004 D1)
    hits = run_rule("JX190", direction("90", ("数量指标", "两项补贴各2000人"), ("成本指标", "困难生活补贴70元/月/人")))
    assert "840元/年 = 168.00万元" in hits[0].message


def test_quiet_when_affordable_capped_unrelated_or_in_yuan():
    assert run_rule("JX190", direction("120", ("数量指标", "全额资助参保5000人"), ("成本指标", "参保参合220元/年"))) == []
    assert run_rule("JX190", direction("30", ("数量指标", "医疗救助1000人"), ("成本指标", "医疗救助3000元/年封顶"))) == []
    assert run_rule("JX190", direction("30", ("数量指标", "医疗救助1000人"), ("成本指标", "参保参合220元/年"))) == []
    assert run_rule("JX190", direction("1100000", ("数量指标", "参保5000人"), ("成本指标", "参保220元/年"), money_unit="元")) == []


def test_profile_extends_the_cap_words():
    document = direction("30", ("数量指标", "参保5000人"), ("成本指标", "参保220元/年为限"))
    assert len(run_rule("JX190", document)) == 1
    assert run_rule("JX190", document, params={"cap_words": ["为限"]}) == []
