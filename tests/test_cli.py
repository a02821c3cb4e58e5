"""End-to-end tests of the installed ``jixiao`` command."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao.write.tables import INDICATOR_COLUMNS, SECTION_COLUMNS

SAMPLES = Path(__file__).parents[1] / "src" / "jixiao" / "samples"
SEED_002 = SAMPLES / "002_df8bd7cbddbfb745.txt"
GOLD_ROWS = {"000": 37, "001": 61, "002": 335, "003": 15, "004": 55}
JIXIAO = str(Path(sys.executable).parent / "jixiao")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([JIXIAO, *args], capture_output=True, text=True, encoding="utf-8", timeout=120)


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("seed", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name[:3])
def test_read_indicators_csv(seed):
    done = run("read", str(seed), "--format", "indicators-csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == ",".join(INDICATOR_COLUMNS)
    assert len(rows(done.stdout)) == GOLD_ROWS[seed.name[:3]]


def test_read_sections_csv_to_file(tmp_path):
    out = tmp_path / "sections.csv"
    done = run("read", str(SEED_002), "--format", "sections-csv", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    table = rows(out.read_text(encoding="utf-8"))
    assert list(table[0]) == list(SECTION_COLUMNS)
    assert sum(r["kind"] == "project" for r in table) == 36


def test_read_csv_keeps_formula_text_as_text(tmp_path):
    """Regression: `jixiao read --format indicators-csv/sections-csv` wrote =HYPERLINK(…) raw, and a
    spreadsheet program opening the CSV ran it."""
    from export.conftest import HOSTILE

    source = tmp_path / "hostile.txt"
    source.write_text(HOSTILE, encoding="utf-8")
    indicators = rows(run("read", str(source), "--format", "indicators-csv").stdout)
    assert [r["level3"] for r in indicators] == ["'=SUM(A1:A9)", "'+救助人数"]
    assert [r["basis"] for r in indicators] == ["'@cmd", "'-依据"]
    sections = run("read", str(source), "--format", "sections-csv").stdout
    assert not sections.startswith("\ufeff") and all(v[:1] not in "=+-@" for r in rows(sections) for v in r.values() if v)


def test_show_prints_markup_in_cells_as_text(tmp_path):
    """Regression: `jixiao show` read rich markup in cells, so a hostile file made terminal links."""
    source = tmp_path / "[red]标记.txt"
    source.write_text(
        "一级指标\t二级指标\t三级指标\t指标值\t指标值确定依据\n"
        "产出指标\t数量指标\t[link=https://evil.invalid]救助人数[/link]\t≥10人\t[bold]依据[/bold]\n",
        encoding="utf-8",
    )
    shown = subprocess.run([JIXIAO, "show", str(source)], capture_output=True, text=True, encoding="utf-8", timeout=120,
                           env=os.environ | {"COLUMNS": "300"}).stdout  # fmt: skip
    assert "[link=https://evil.invalid]救助人数[/link]" in shown and "[bold]依据[/bold]" in shown and "[red]标记.txt" in shown


def test_read_json_keeps_typed_values_and_sources():
    done = run("read", str(SEED_002))
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["reader"] == "project_book"
    project = next(s for d in payload["documents"] for s in d["sections"] if s["kind"] == "project")
    assert project["unit"]["code"] == "314001"
    indicator = project["indicators"][0]
    assert indicator["target"]["kind"] == "quantity"
    assert indicator["target"]["number"] == "1"
    assert indicator["source"]["line"] > 0


def test_explain_names_the_reader():
    done = run("read", str(SEED_002), "--explain", "--format", "sections-csv")
    assert done.returncode == 0
    assert "project_book" in done.stderr
    assert "text_tables" in done.stderr  # the general reader is named, though not tried


def test_show_renders_tree_and_indicators():
    done = run("show", str(SEED_002))
    assert done.returncode == 0, done.stderr
    assert "汽车保险费" in done.stdout
    assert "定量" in done.stdout


def test_demo_reads_every_sample():
    done = run("demo")
    assert done.returncode == 0, done.stderr
    for name in ("深泽县民政局", "渚源县民政局", "秦皇岛市山海关区民政局", "广州市天河区民政局", "株洲市石峰区民政局"):
        assert name in done.stdout


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    prose = tmp / "prose.txt"
    prose.write_text("今天天气很好。\n我们去公园散步，看见很多人在锻炼身体。\n", encoding="utf-8")
    latin = tmp / "latin.txt"
    latin.write_bytes("Größe café naïve déjà vu. ".encode("latin-1") * 20)
    binary = tmp / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    empty = tmp / "empty.txt"
    empty.write_bytes(b"")
    return {
        "empty": (empty, "JX001"),
        "binary": (binary, "JX002"),
        "undecodable": (latin, "JX003"),
        "unknown layout": (prose, "JX004"),
        "missing": (tmp / "nope.txt", "JX005"),
        "directory": (tmp, "JX005"),
    }


@pytest.mark.parametrize("case", ["empty", "binary", "undecodable", "unknown layout", "missing", "directory"])
def test_bad_input_gives_one_clear_message(tmp_path, case):
    path, code = _bad_inputs(tmp_path)[case]
    for command in ("read", "show"):
        done = run(command, str(path))
        assert done.returncode == 1
        assert code in done.stderr and path.name in done.stderr
        assert "Traceback" not in done.stderr
        assert done.stdout == ""


def test_good_and_bad_files_together(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    done = run("read", str(empty), str(SEED_002), "--format", "sections-csv")
    assert done.returncode == 1
    assert "JX001" in done.stderr
    assert len(rows(done.stdout)) > 36


def test_truncated_file_reads_with_problems(tmp_path):
    data = SEED_002.read_bytes()
    cut = tmp_path / "cut.txt"
    cut.write_bytes(data[: len(data) // 2 + 1])  # mid-table, probably mid-character
    done = run("read", str(cut))
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["documents"]
    assert all(f["location"]["source"]["file"] == "cut.txt" for f in payload["findings"])


def test_gbk_and_utf16_copies_read_the_same(tmp_path):
    text = SEED_002.read_text(encoding="utf-8")
    expected = run("read", str(SEED_002), "--format", "indicators-csv").stdout
    for encoding in ("gb18030", "utf-16"):
        copy = tmp_path / SEED_002.name
        copy.write_bytes(text.encode(encoding))
        assert run("read", str(copy), "--format", "indicators-csv").stdout == expected


def test_python_dash_m_runs_the_same_command_line():
    done = subprocess.run([sys.executable, "-m", "jixiao", "read", str(SEED_002), "--format", "sections-csv"],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == run("read", str(SEED_002), "--format", "sections-csv").stdout


def test_a_qualitative_direction_is_said_in_words():
    """Regression: 全覆盖 was described as "定性全", a clerk could not read it."""
    from jixiao.values.parse import parse_target
    from jixiao.write.terminal import describe_value

    said = {t: describe_value(parse_target(t)).plain for t in ("全覆盖", "稳步提升", "逐步降低", "及时", "两项补贴各2000人")}
    assert said == {"全覆盖": "定性 全覆盖", "稳步提升": "定性↑ 提升", "逐步降低": "定性↓ 降低", "及时": "定性",
                    "两项补贴各2000人": "定量 = 2000 人（两项补贴）"}  # a labelled value: the number, then what it counts


def test_read_column_correction(tmp_path):
    table = tmp_path / "t.txt"
    table.write_text("| 一级指标 | 二级指标 | 三级指标 | 目标 | 完成 |\n| 产出指标 | 数量指标 | 发放户数 | ≥100户 | 98户 |\n",
                     encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "jixiao", "read", str(table), "--column", "4=指标值",
                           "--column", "5=实际完成值"], capture_output=True, text=True)
    assert done.returncode == 0 and '"actual_raw": "98户"' in done.stdout
    bad = subprocess.run([sys.executable, "-m", "jixiao", "read", str(table), "--column", "x=什么"],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "列号=列名" in bad.stderr


def test_read_csv_keeps_plain_values_that_start_like_formulas(tmp_path):
    """A comparator cell (=) and a target such as =100% or -5% are data, not formulas: kept as written."""
    source = tmp_path / "t.txt"
    source.write_text("一级指标\t二级指标\t三级指标\t指标值\n产出指标\t质量指标\t验收合格率\t=100%\n"
                      "\t\t成本变动率\t-5%\n", encoding="utf-8")
    indicators = rows(run("read", str(source), "--format", "indicators-csv").stdout)
    assert [(r["target_raw"], r["comparator"]) for r in indicators] == [("=100%", "="), ("-5%", "")]
