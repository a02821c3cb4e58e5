"""The built-in profiles: strict finds strictly more, or more severe, than default; user profiles extend them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from builders import seed_documents

from jixiao.findings import Severity
from jixiao.review import RULES, review
from jixiao.review.profile import ProfileError, load_profile

SEEDS = ("000", "001", "002", "003", "004")
RANK = {"hint": 0, "warning": 1, "error": 2}
KNOWN = frozenset(RULES)
JIXIAO = str(Path(sys.executable).parent / "jixiao")


def by_place(findings) -> dict[tuple, int]:
    """The most severe finding per (rule, place)."""
    out: dict[tuple, int] = {}
    for f in findings:
        key = (f.code, f.location.unit, f.location.section_code, f.location.section_name, f.location.row_no, f.location.field)
        out[key] = max(out.get(key, 0), RANK[f.severity.value])
    return out


@pytest.fixture(scope="module")
def both() -> dict[str, tuple[dict, dict]]:
    default, strict = load_profile("default", KNOWN), load_profile("strict", KNOWN)
    return {p: (by_place(review(list(seed_documents(p)), default)), by_place(review(list(seed_documents(p)), strict))) for p in SEEDS}


@pytest.mark.parametrize("prefix", SEEDS)
def test_strict_keeps_every_default_finding_at_least_as_severe(both, prefix):
    default, strict = both[prefix]
    assert [k for k in default if k not in strict] == []
    assert [k for k in default if strict[k] < default[k]] == []


def test_strict_finds_more_and_more_severe_on_the_seeds(both):
    more = {p for p, (d, s) in both.items() if set(s) - set(d)}
    graver = {p for p, (d, s) in both.items() if any(s[k] > d[k] for k in d)}
    assert {"000", "002", "003"} <= more  # tighter goal coverage (JX160) and similarity (JX141)
    assert graver == set(SEEDS)


def test_strict_settings_are_real_rule_codes_and_tighter_thresholds():
    default, strict = load_profile("default", KNOWN), load_profile("strict", KNOWN)
    assert strict.param("JX141", "threshold", 0.8) < default.param("JX141", "threshold", 0.8)
    assert strict.param("JX160", "min_shared", 1) > default.param("JX160", "min_shared", 1)
    assert all(strict.severity(c, RULES[c].severity).value in RANK for c in strict.rules)
    raised = [c for c in strict.rules if "severity" in strict.rules[c]]
    assert raised and all(RANK[strict.rules[c]["severity"]] > RANK[RULES[c].severity.value] for c in raised)


def test_user_profile_extends_strict(tmp_path):
    mine = tmp_path / "mine.toml"
    mine.write_text('name = "mine"\nextends = "strict"\n[rules.JX127]\nenabled = false\n[rules.JX141]\nthreshold = 0.9\n', encoding="utf-8")
    profile = load_profile(str(mine), KNOWN)
    assert profile.name == "mine" and not profile.enabled("JX127")
    assert profile.param("JX141", "threshold", None) == 0.9 and profile.rules["JX141"]["severity"] == "error"
    assert profile.severity("JX112", RULES["JX112"].severity).value == "error"  # from strict


def test_user_profile_extends_another_file_next_to_it(tmp_path):
    (tmp_path / "county.toml").write_text('extends = "strict"\n[rules.JX188]\nenabled = false\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "mine.toml").write_text('extends = "../county.toml"\n[rules.JX117]\nseverity = "hint"\n', encoding="utf-8")
    profile = load_profile(str(tmp_path / "sub" / "mine.toml"), KNOWN)
    assert not profile.enabled("JX188") and profile.rules["JX117"]["severity"] == "hint"
    assert profile.rules["JX190"]["severity"] == "error"


def test_missing_parent_is_a_profile_error(tmp_path):
    mine = tmp_path / "mine.toml"
    mine.write_text('extends = "nowhere.toml"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match="nowhere.toml"):
        load_profile(str(mine), KNOWN)


def test_strict_shifts_the_graded_plan_gaps_instead_of_flattening_them(both):
    default, strict = both["002"]
    assert {v for k, v in default.items() if k[0] == "JX157"} == {RANK["warning"], RANK["hint"]}
    assert {v for k, v in strict.items() if k[0] == "JX157"} == {RANK["error"], RANK["warning"]}  # P36's gap; blanks before


def test_shift_moves_each_graded_severity_and_stops_at_the_ends(tmp_path):
    mine = tmp_path / "mine.toml"
    mine.write_text('[rules.JX157]\nshift = 1\n[rules.JX140]\nshift = -1\n[rules.JX160]\nshift = 2\n', encoding="utf-8")
    profile = load_profile(str(mine), KNOWN)
    graded = [Severity.ERROR, Severity.WARNING, Severity.HINT]
    assert [profile.severity("JX157", s).value for s in graded] == ["error", "error", "warning"]
    assert [profile.severity("JX140", s).value for s in graded] == ["warning", "hint", "hint"]
    assert [profile.severity("JX160", s).value for s in graded] == ["error", "error", "error"]
    assert profile.severity("JX145", Severity.HINT) == Severity.HINT  # not set: as the rule graded it


def test_a_child_profile_chooses_between_severity_and_shift(tmp_path):
    (tmp_path / "shifted.toml").write_text('extends = "strict"\n[rules.JX112]\nshift = -1\n', encoding="utf-8")
    profile = load_profile(str(tmp_path / "shifted.toml"), KNOWN)
    assert "severity" not in profile.rules["JX112"]  # strict's error replaced by the shift
    assert profile.severity("JX112", Severity.ERROR) == Severity.WARNING
    (tmp_path / "fixed.toml").write_text('extends = "strict"\n[rules.JX157]\nseverity = "hint"\n', encoding="utf-8")
    profile = load_profile(str(tmp_path / "fixed.toml"), KNOWN)
    assert "shift" not in profile.rules["JX157"] and profile.severity("JX157", Severity.WARNING) == Severity.HINT


@pytest.mark.parametrize(
    ("table", "complaint"),
    [("shift = \"1\"", "整数"), ("shift = true", "整数"), ("shift = 1.5", "整数"), ("shift = 1\nseverity = \"error\"", "之一")],
)
def test_bad_shift_is_a_profile_error(tmp_path, table, complaint):
    mine = tmp_path / "mine.toml"
    mine.write_text(f"[rules.JX157]\n{table}\n", encoding="utf-8")
    with pytest.raises(ProfileError, match=complaint):
        load_profile(str(mine), KNOWN)


def test_cli_strict_profile_end_to_end():
    seed = next((Path(__file__).parents[2] / "src" / "jixiao" / "samples").glob("004_*.txt"))
    runs = {
        name: subprocess.run([JIXIAO, "review", str(seed), "--format", "json", "--profile", name], capture_output=True, text=True, encoding="utf-8", timeout=300)
        for name in ("default", "strict")
    }
    errors = {name: sum(f["severity"] == "error" for f in json.loads(done.stdout)["findings"]) for name, done in runs.items()}
    assert errors["strict"] > errors["default"]
    jx190 = [f for f in json.loads(runs["strict"].stdout)["findings"] if f["code"] == "JX190"]
    assert {f["severity"] for f in jx190} == {"error"}


@pytest.mark.parametrize("name", ["default", "strict"])
def test_no_error_on_any_clean_example(name):
    from clean_examples import EXAMPLES, clean_special_funds

    profile = load_profile(name, KNOWN)
    for example, build in [*EXAMPLES.items(), ("special_funds", clean_special_funds)]:
        documents = build()
        documents = documents if isinstance(documents, list) else [documents]
        assert [f.code for f in review(documents, profile) if f.severity.value == "error"] == [], example
