"""Figures across units and years (jixiao.analytics) and ``jixiao analytics FOLDER``."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from decimal import Decimal

from jixiao.analytics import Case, analyse, execution_and_grades, file_cases, findings_by_rule, quantitative_share, self_evaluation, targets_and_actuals
from jixiao.cli import main
from jixiao.cli.common import sample_paths
from jixiao.read import read_path
from jixiao.review import review
from score.year_builders import actuals, document, indicator, project, year_end


def _row(figure, **match):
    rows = [r for r in figure.records() if all(r[k] == v for k, v in match.items())]
    assert len(rows) == 1, (match, figure.records())
    return rows[0]


def test_quantitative_share_counts_numbers_ranges_and_compounds_per_year_and_unit():
    a = document(project(indicator("救助人数", "≥100人"), indicator("补助标准", "450-520元/月.人"), indicator("满意度", "稳步提升")))
    a.year = 2024
    b = document(project(indicator("城乡标准", "城市8712元/年；农村5000元/年"), indicator("占位", "是/否")))
    b.year = 2024
    figure = quantitative_share([Case(a, unit="甲单位"), Case(b, unit="乙单位"), Case(b, unit="甲单位")])
    assert _row(figure, 单位="甲单位") == {"年度": "2024", "单位": "甲单位", "指标数": "5", "定量指标数": "3", "定量占比（%）": "60.00"}
    assert _row(figure, 单位="乙单位")["定量占比（%）"] == "50.00"


def test_findings_per_rule_and_unit_are_the_reviews_own_counts():
    result = read_path(sample_paths()[2])
    found = review(result.documents)
    figure = findings_by_rule(file_cases(result.documents, found, None, unit="民政局"))
    assert {r["规则"]: int(r["合计"]) for r in figure.records()} == Counter(f.code for f in found)
    jx110 = _row(figure, 规则="JX110")
    assert jx110["规则名称"] == "指标值是模板占位符" and jx110["错误"] == jx110["合计"] != "0"


def test_execution_rate_grades_and_targets_against_actuals_from_year_end_actuals():
    doc = document(project(indicator("救助人数", "≥100人"), indicator("培训场次", "≥10场"), indicator("满意度", "≥90%", level1="满意度指标")))
    doc.year = 2023
    report = self_evaluation([doc], actuals(year_end("80"), {1: "100人", 2: "5场", 3: ""}))
    case = Case(doc, score=report, unit="甲单位")
    execution = _row(execution_and_grades([case]), 年度="2023")
    assert (execution["预算数（万元）"], execution["执行数（万元）"], execution["执行率（%）"]) == ("100.00", "80.00", "80.00")
    grade = report.sections[0].grade
    assert execution[grade] == "1" and execution["平均得分"] == str(report.sections[0].total.quantize(Decimal("0.01")))
    compared = _row(targets_and_actuals([case]), 单位="甲单位")
    assert (compared["对照指标数"], compared["达到目标"], compared["部分达到"], compared["未达到或无实际值"]) == ("3", "1", "1", "1")
    assert compared["达标率（%）"] == "33.33"


def test_a_target_table_without_actuals_has_no_self_evaluation():
    assert self_evaluation([document(project(indicator("救助人数", "≥100人")))]) is None
    assert [f.rows for f in analyse([])] == [[], [], [], []]


def test_cli_analytics_of_a_folder_writes_every_figure(tmp_path, capsys):
    folder = tmp_path / "docs"
    folder.mkdir()
    for path in sample_paths():
        shutil.copy(path, folder)
    assert main(["analytics", str(folder), "--format", "json"]) == 0
    figures = {f["key"]: f["rows"] for f in json.loads(capsys.readouterr().out)}
    assert set(figures) == {"quantitative", "findings", "execution", "actuals"}
    total = sum(int(r["指标数"]) for r in figures["quantitative"])
    cases = [c for p in sample_paths() for r in [read_path(p)] for c in file_cases(r.documents, (), None)]
    assert total == sum(len(s.indicators) for c in cases for s in c.document.sections)
    assert main(["analytics", str(folder), "--format", "csv", "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "quantitative.csv").read_bytes().startswith("\ufeff年度,单位".encode())
    assert main(["analytics", str(tmp_path / "missing")]) == 2
