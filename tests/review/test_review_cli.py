"""``jixiao review``: formats, exit codes and profiles, end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

SAMPLES = Path(__file__).parents[2] / "src" / "jixiao" / "samples"
SEED_000 = SAMPLES / "000_66d3aa3a9ee22c11.txt"
JIXIAO = str(Path(sys.executable).parent / "jixiao")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([JIXIAO, "review", *args], capture_output=True, text=True, encoding="utf-8", timeout=300)


def test_json_has_findings_with_locations_and_summaries():
    done = run(str(SEED_000), "--format", "json")
    payload = json.loads(done.stdout)
    empty = [f for f in payload["findings"] if f["code"] == "JX111"]
    # O-000-12: 000-A19 rows 1, 2, 4, 5, 6 have no grades at all
    assert {(f["location"]["section_name"], f["location"]["row_no"]) for f in empty} >= {
        ("防灾减灾及救灾准备", n) for n in (1, 2, 4, 5, 6)
    }
    finding = empty[0]
    assert set(finding["location"]) >= {"file", "unit", "section_code", "section_name", "row_no", "field"}
    assert finding["severity"] == "error" and finding["dimension"] == "完整性"
    summary = payload["summary"]
    assert summary["total"]["error"] >= 5
    assert summary["documents"][0]["grade"] in "优良中差"
    assert any(s["section_name"] == "防灾减灾及救灾准备" for s in summary["sections"])


@pytest.mark.parametrize(("fail_on", "code"), [("error", 1), ("warning", 1), ("never", 0)])
def test_exit_code_follows_fail_on(fail_on, code):
    assert run(str(SEED_000), "--fail-on", fail_on).returncode == code


def test_xlsx_is_a_reviewer_worksheet(tmp_path):
    out = tmp_path / "review.xlsx"
    done = run(str(SEED_000), "--format", "xlsx", "-o", str(out), "--fail-on", "never")
    assert done.returncode == 0, done.stderr
    ws = openpyxl.load_workbook(out)["审核意见"]
    header = [c.value for c in ws[1]]
    assert header[-1].startswith("审核意见") and "原文" in header and "修改建议" in header
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref
    assert ws.max_row >= 6
    assert all(ws.cell(r, len(header)).value in (None, "") for r in range(2, ws.max_row + 1))


def test_xlsx_needs_an_output_file():
    assert run(str(SEED_000), "--format", "xlsx").returncode == 2


def test_html_is_self_contained_and_escaped(tmp_path):
    out = tmp_path / "review.html"
    run(str(SEED_000), "--format", "html", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html and "http" not in html.replace("http-equiv", "")
    assert "防灾减灾及救灾准备" in html and "JX111" in html


def test_profile_can_switch_rules_off_and_change_severity(tmp_path):
    profile = tmp_path / "p.toml"
    profile.write_text('name = "mine"\n[rules.JX111]\nseverity = "hint"\n', encoding="utf-8")
    done = run(str(SEED_000), "--profile", str(profile), "--format", "json")
    codes = {(f["code"], f["severity"]) for f in json.loads(done.stdout)["findings"]}
    assert ("JX111", "hint") in codes and ("JX111", "error") not in codes
    profile.write_text('[rules.JX111]\nenabled = false\n', encoding="utf-8")
    done = run(str(SEED_000), "--profile", str(profile), "--format", "json")
    assert all(f["code"] != "JX111" for f in json.loads(done.stdout)["findings"])


@pytest.mark.parametrize(
    "text",
    ['[rules.JX999]\nenabled = false\n', '[rules.JX111]\nseverity = "fatal"\n', "not toml ["],
)
def test_bad_profile_is_refused_clearly(tmp_path, text):
    profile = tmp_path / "bad.toml"
    profile.write_text(text, encoding="utf-8")
    done = run(str(SEED_000), "--profile", str(profile))
    assert done.returncode == 2 and "bad.toml" in done.stderr and "Traceback" not in done.stderr
