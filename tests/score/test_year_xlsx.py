"""The monitoring and self-evaluation worksheets hold numbers, not texts: money ``0.00``, percents
``0.00%`` (the exact fraction underneath), money headers with their unit, each indicator's unit of
measure, the section's budget unit; and the monitoring messages say percents with two decimals."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import load_workbook
from year_builders import actuals, document, indicator, project, year_end

from jixiao.model.execution import IndicatorExecution
from jixiao.monitor import monitor
from jixiao.score import load_score_profile, score
from jixiao.write.monitor_report import monitor_xlsx
from jixiao.write.self_evaluation import score_xlsx

D = Decimal


def _document():
    doc = document(project(indicator("发放人次", "≥1200人"), plan=("25%", "50%", "75%", "100%")))
    doc.organisation = "甲民政局"  # the section names no unit of its own
    return doc


def _rows(ws) -> list[dict]:
    header = [c.value for c in ws[1]]
    return [dict(zip(header, row, strict=False)) for row in ws.iter_rows(min_row=2)]


def test_the_monitoring_sheets_hold_numbers_in_two_decimals_with_their_units():
    execution = IndicatorExecution(reached={"6月底": "500人"})
    report = monitor([_document()], actuals({"6月底": "33.3333"}, executions={1: execution}), "6月底")
    book = load_workbook(io.BytesIO(monitor_xlsx(report)))
    [spending] = _rows(book["预算执行"])
    assert spending["单位"].value == "甲民政局"
    assert spending["预算数（万元）"].value == 100 and spending["预算数（万元）"].number_format == "0.00"
    actual = spending["实际执行率"]
    assert actual.data_type == "n" and actual.number_format == "0.00%" and abs(actual.value - 0.333333) < 1e-9
    assert spending["计划执行率"].value == 0.5 and spending["预计全年执行率"].number_format == "0.00%"
    assert "执行33.33%，支出计划为50.00%，落后16.67个百分点" in spending["说明"].value
    [progress] = _rows(book["指标进度"])
    assert progress["计量单位"].value == "人" and progress["完成目标比例"].number_format == "0.00%"
    assert abs(progress["完成目标比例"].value - 500 / 1200) < 1e-9
    assert "已完成目标的41.67%，时间进度50.00%" in progress["说明"].value


def test_the_self_evaluation_sheets_hold_numbers_in_two_decimals_with_their_units():
    report = score([_document()], actuals(year_end("80"), values={1: "1000人"}), load_score_profile())
    book = load_workbook(io.BytesIO(score_xlsx(report)))
    [summary] = _rows(book["汇总"])
    assert summary["单位"].value == "甲民政局"  # as the monitoring sheet: the document's own when the section names none
    assert summary["预算数（万元）"].value == 100 and summary["执行数（万元）"].value == 80
    assert summary["执行率"].value == 0.8 and summary["执行率"].number_format == "0.00%"
    assert summary["总分"].data_type == "n" and summary["总分"].number_format == "0.00"
    sheet = book["自评表"]
    rows = [[c for c in row] for row in sheet.iter_rows()]
    budget = next(i for i, r in enumerate(rows) if r[0].value == "预算数（万元）")
    assert rows[budget + 1][0].value == 100 and rows[budget + 1][2].value == 0.8 and rows[budget + 1][2].number_format == "0.00%"
    header = [c.value for c in rows[budget + 2]]
    line = dict(zip(header, rows[budget + 3], strict=False))
    assert line["计量单位"].value == "人" and line["年度指标值"].value == "≥1200人"
    assert line["分值"].data_type == "n" and line["分值"].number_format == "0.00" and line["得分"].data_type == "n"
    total = next(r for r in rows if r[0].value == "总分")
    assert total[1].data_type == "n" and total[1].number_format == "0.00"  # the exact total, shown 82.78
    assert abs(D(str(total[1].value)) - report.sections[0].total) < D("1e-9")


def test_the_self_evaluation_names_its_profile_in_chinese():
    from jixiao.write.self_evaluation import profile_title, score_text

    assert (profile_title("default"), profile_title("graded"), profile_title("mine.toml")) == ("默认评分方案", "分级标准评分方案", "mine.toml")
    report = score([_document()], actuals(year_end("80"), values={1: "1000人"}), load_score_profile())
    assert score_text(report).startswith("绩效自评（评分方案：默认评分方案）")
