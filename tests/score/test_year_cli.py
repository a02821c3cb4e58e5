"""End to end through the CLI: template → fill (openpyxl) → monitor → score, on every seed; re-scoring."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sample_actuals import fill

from jixiao.cli import main

ROOT = Path(__file__).parents[2]
SEEDS = sorted((ROOT / "src" / "jixiao" / "samples").glob("*.txt"))
INPUTS = ROOT / "tests" / "inputs" / "general"


@pytest.fixture(scope="module", params=SEEDS, ids=lambda p: p.name[:3])
def filled(request, tmp_path_factory):
    seed = request.param
    folder = tmp_path_factory.mktemp(seed.name[:3])
    workbook = folder / "actuals.xlsx"
    assert main(["template", "actuals", str(seed), "-o", str(workbook)]) == 0
    workbook.write_bytes(fill(workbook.read_bytes()))
    return seed, workbook, folder


def test_monitor_every_format(filled, capsys):
    seed, workbook, folder = filled
    assert main(["monitor", str(seed), "--actuals", str(workbook), "--at", "6月底"]) == 0
    text = capsys.readouterr().out
    assert "监控时点：6月底" in text and "■" in text
    assert main(["monitor", str(seed), "--actuals", str(workbook), "--at", "6月底", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["at"] == "6月底" and report["sections"]
    lights = {s["signal"] for s in report["sections"]}
    assert lights <= {"green", "yellow", "red", "none"}
    html, xlsx = folder / "m.html", folder / "m.xlsx"
    assert main(["monitor", str(seed), "--actuals", str(workbook), "--format", "html", "-o", str(html)]) == 0
    page = html.read_text(encoding="utf-8")
    assert "<svg" in page and "<polyline" in page and "<script" not in page and "http" not in page.split("</title>")[1]
    assert main(["monitor", str(seed), "--actuals", str(workbook), "--format", "xlsx", "-o", str(xlsx)]) == 0
    assert load_workbook(xlsx).sheetnames == ["预算执行", "指标进度"]


@pytest.mark.parametrize("profile", ["default", "graded"])
def test_score_every_format(filled, profile, capsys):
    seed, workbook, folder = filled
    assert main(["score", str(seed), "--actuals", str(workbook), "--profile", profile, "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["profile"] == profile and report["sections"]
    for section in report["sections"]:
        assert section["total"] is None or 0 <= float(section["total"]) <= 100
        for item in section["items"]:
            assert item["score"] is None or 0 <= float(item["score"]) <= float(item["points"]) + 1e-9
            if item["score"] is not None and float(item["points"]) - float(item["score"]) > 1e-9:
                assert item["explanation"].startswith("扣")  # every point deducted is explained
    xlsx, html = folder / f"s_{profile}.xlsx", folder / f"s_{profile}.html"
    assert main(["score", str(seed), "--actuals", str(workbook), "--profile", profile, "--format", "xlsx", "-o", str(xlsx)]) == 0
    sheet = load_workbook(xlsx)["自评表"]
    headers = {str(c.value).split("（")[0] for row in sheet.iter_rows(max_col=10) for c in row}  # 预算数（万元）
    assert {"预算数", "执行数", "执行率", "分值", "得分", "年度指标值", "计量单位", "全年实际值", "偏差原因及改进措施", "总分"} <= headers
    assert main(["score", str(seed), "--actuals", str(workbook), "--profile", profile, "--format", "html", "-o", str(html)]) == 0
    assert "绩效自评表" in html.read_text(encoding="utf-8")


def test_seed_002_scores_and_warns_as_computed_by_hand(capsys):
    """The committed example: 汽车保险费 (P01) spends 0.38 of 0.40 by year end.

    Its 效益指标 are all 是/否, so their 30 points are shared in proportion 10 : 50 : 10 among budget,
    outputs and satisfaction: the budget line is worth 10 + 30 × 10 ÷ 70 = 14.29 and loses 5 % of it.
    """
    seed = next(p for p in SEEDS if p.name.startswith("002"))
    assert main(["score", str(seed), "--actuals", str(ROOT / "examples" / "actuals" / "002_actuals.xlsx"), "--format", "json"]) == 0
    first = json.loads(capsys.readouterr().out)["sections"][0]
    assert first["name"] == "汽车保险费" and first["spent"] == "0.38"
    budget = first["items"][0]
    assert budget["points"].startswith("14.2857")
    assert budget["explanation"] == "扣0.71分：执行率 95.00%，按执行率计分。"


def test_wrong_workbook_exits_1_with_the_cell(tmp_path, capsys):
    seed = SEEDS[2]
    workbook = tmp_path / "a.xlsx"
    main(["template", "actuals", str(seed), "-o", str(workbook)])
    wb = load_workbook(workbook)
    wb["预算执行"]["J2"] = "一半"
    wb.save(workbook)
    assert main(["score", str(seed), "--actuals", str(workbook)]) == 1
    err = capsys.readouterr().err
    assert "J2（截至6月底累计支出）" in err and "Traceback" not in err


def test_usage_errors(tmp_path, capsys):
    seed = SEEDS[2]
    workbook = tmp_path / "a.xlsx"
    main(["template", "actuals", str(seed), "-o", str(workbook)])
    assert main(["monitor", str(seed), "--actuals", str(workbook), "--at", "8月底"]) == 2
    assert "可选：3月底、6月底、10月底、12月底" in capsys.readouterr().err
    assert main(["score", str(seed)]) == 2  # a target file needs --actuals
    assert main(["score", str(seed), "--actuals", str(workbook), "--profile", "nope"]) == 2
    assert main(["score", str(seed), "--actuals", str(tmp_path / "missing.xlsx")]) == 1
    assert main(["score", str(seed), "--actuals", str(workbook), "--format", "xlsx"]) == 2


def test_rescoring_an_old_table_shows_the_differences(capsys):
    assert main(["score", str(INPUTS / "pdf_self_evaluation.txt")]) == 0
    out = capsys.readouterr().out
    # the table's lines sum to 86.8 but it says 96.8; the profile gives 98.27 (weights rescaled to 50/30/10)
    assert "总分 / 合计：96.80 → 86.80" in out
    assert "总分 / 得分：96.80 → 98.27" in out
    assert "培训养老护理员人次 / 得分：13.9 → 19.82" in out


def test_rescoring_json_lists_differences(capsys):
    assert main(["score", str(INPUTS / "self_evaluation.txt"), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    diffs = {(d["item"], d["what"]): (d["table"], d["profile"]) for d in report["differences"]}
    assert diffs[("补贴对象认定准确率", "得分")] == ("9.5", "9.96")  # 10 × 99.6 ÷ 100
    assert diffs[("总分", "得分")] == ("97.30", "99.80")
    assert ("预算执行率", "得分") not in diffs  # 9.8 vs 10 × 330.12 ÷ 335.60 = 9.84: rounding, not a difference


def test_template_of_an_unreadable_file(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert main(["template", "actuals", str(empty), "-o", str(tmp_path / "x.xlsx")]) == 1
    assert not (tmp_path / "x.xlsx").exists()


def test_sample_workbook_fill_is_readable():
    seed = SEEDS[0]
    from jixiao.read import read_path
    from jixiao.read.actuals import read_actuals
    from jixiao.write.actuals_template import actuals_template

    documents = read_path(seed).documents
    actuals, findings = read_actuals(fill(actuals_template(documents)), "x.xlsx", documents)
    assert actuals is not None and not [f for f in findings if f.severity == "error"]
    assert sum(1 for e in actuals.sections.values() if e.spent) == 19  # seed 000: 19 of 20 sections have an amount
