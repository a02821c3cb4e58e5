"""Scoring profiles: the built-ins, a profile from a file, and profiles that cannot be used."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.score import ScoreProfileError, load_score_profile


def test_builtin_profiles():
    default, graded = load_score_profile("default"), load_score_profile("graded")
    assert default.points == {"预算执行率": 10, "产出指标": 50, "效益指标": 30, "满意度指标": 10}
    assert default.method == "proportional" and graded.method == "grades"
    assert graded.points == default.points and graded.qualitative == default.qualitative  # extends default
    assert graded.grade_shares == {"优": Decimal("1.0"), "良": Decimal("0.8"), "中": Decimal("0.6"), "差": Decimal("0.0")}


def test_a_profile_file_extends_a_builtin(tmp_path):
    path = tmp_path / "county.toml"
    path.write_text(
        'name = "county"\nextends = "default"\n[points]\n"预算执行率" = 20\n"产出指标" = 40\n[qualitative]\npartly = 0.5\n',
        encoding="utf-8",
    )
    profile = load_score_profile(str(path))
    assert profile.name == "county"
    assert profile.points["预算执行率"] == 20 and profile.points["效益指标"] == 30
    assert profile.qualitative.partly == Decimal("0.5") and profile.qualitative.achieved == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('extends = "default"\n[points]\n"产出指标" = 60\n', "合计 100"),
        ('extends = "default"\n[qualitative]\npartly = 1.5\n', "0 到 1"),
        ('extends = "default"\nmethod = "grades"\n', "grade_shares"),
        ('extends = "default"\nmethod = "magic"\n', "proportional"),
        ('[points]\n"产出指标" = 100\n', "缺少"),
        ("not = [toml", "不是有效的 TOML"),
    ],
)
def test_unusable_profiles(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScoreProfileError, match=message):
        load_score_profile(str(path))


def test_unknown_profile_name():
    with pytest.raises(ScoreProfileError, match="default, graded"):
        load_score_profile("nope")
