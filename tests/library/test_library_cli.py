"""``jixiao library`` and ``jixiao draft`` as installed commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

JIXIAO = str(Path(sys.executable).parent / "jixiao")
SAMPLES = Path(__file__).parents[2] / "src" / "jixiao" / "samples"
CORPUS = Path(__file__).parents[1] / "corpus"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([JIXIAO, *args], capture_output=True, text=True, encoding="utf-8", timeout=120, cwd=cwd)


def test_build_then_search_and_suggest(tmp_path):
    out = tmp_path / "library.json"
    done = run("library", "build", *map(str, sorted(SAMPLES.glob("*.txt"))), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == 1 and "个指标" in done.stderr
    found = run("library", "search", "低保", "--library", str(out), "--format", "json")
    assert found.returncode == 0 and all("低保" in row["name"] or "低保" in str(row["kinds"]) for row in json.loads(found.stdout))
    shown = run("library", "search", "低保", "--library", str(out))
    assert "低保" in shown.stdout
    offered = json.loads(run("library", "suggest", "资金", "--library", str(out)).stdout)
    assert offered and offered[0]["name"].startswith("资金") and offered[0]["target"]


def test_build_adds_to_a_library_and_reports_unreadable_files(tmp_path):
    out = tmp_path / "library.json"
    run("library", "build", str(CORPUS / "raw" / "A07.txt"), "-o", str(out))
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    done = run("library", "build", str(CORPUS / "raw" / "B12.txt"), str(empty), "--library", str(out), "-o", str(out))
    assert done.returncode == 1 and "empty.txt" in done.stderr
    assert len(json.loads(out.read_text(encoding="utf-8"))["documents"]) == 2
    bad = run("library", "search", "x", "--library", str(empty))
    assert bad.returncode == 2 and "无法使用" in bad.stderr


def test_draft_text_json_and_an_office_file_that_reviews_clean(tmp_path):
    text = run("draft", "--name", "城乡低保资金", "--amount", "120.50", "--department", "某县民政局", "--year", "2024")
    assert text.returncode == 0, text.stderr
    assert "≤120.50万元" in text.stdout and "学自" in text.stdout and "错误" not in text.stdout
    data = json.loads(run("draft", "--name", "城乡低保资金", "--amount", "120.5", "--format", "json").stdout)
    assert data["document"]["sections"][0]["amounts"]["total"]["value"] == "120.5" and data["lines"]
    xlsx = tmp_path / "draft.xlsx"
    done = run("draft", "--name", "城乡低保资金", "--amount", "120.5", "--department", "某县民政局", "--code", "13030324P00385310004U",
               "--year", "2024", "-o", str(xlsx))  # fmt: skip
    assert done.returncode == 0 and xlsx.exists()
    assert run("review", str(xlsx), "--fail-on", "error").returncode == 0


def test_draft_refuses_a_bad_amount():
    done = run("draft", "--name", "x", "--amount", "十万")
    assert done.returncode == 2 and "不是金额" in done.stderr


def test_draft_of_a_whole_department():
    done = run("draft", "--name", "某县民政局", "--amount", "1748.60", "--whole-department", "--year", "2025")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("部门：某县民政局") and "≤1748.60万元" in done.stdout and "总体绩效目标：2025年" in done.stdout
