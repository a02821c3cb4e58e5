"""Texts that look like spreadsheet formulas come out of every worksheet the core writes as text,
exactly as written (no leading ', never a formula), and stay text when someone edits the cell."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from year_builders import actuals, document, indicator, project, year_end

from jixiao.findings import Finding, Location, Severity
from jixiao.model.execution import IndicatorExecution
from jixiao.model.source import Source
from jixiao.monitor import monitor
from jixiao.read.actuals import read_actuals
from jixiao.score.engine import score
from jixiao.score.profile import load_score_profile
from jixiao.write.actuals_template import actuals_template
from jixiao.write.monitor_report import monitor_xlsx
from jixiao.write.review_xlsx import review_xlsx
from jixiao.write.self_evaluation import score_xlsx

TEXTS = ("=1+1", "@SUM(A1)", "-5%")


def hostile():
    section = project(indicator("@SUM(A1)", "-5%"))
    section.name = "=1+1"
    return [document(section)]


def assert_texts(data: bytes, texts=TEXTS) -> None:
    wb = load_workbook(io.BytesIO(data))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    written = {c.value: c for c in cells if isinstance(c.value, str)}
    for text in texts:
        assert text in written, text
        assert written[text].data_type == "s" and written[text].quotePrefix, text
    assert not any(v.startswith("'") for v in written)


def test_review_worksheet():
    where = Location(Source("=1+1.txt"), unit="@SUM(A1)", section_name="=1+1")
    findings = [Finding("JX101", Severity.ERROR, "=1+1", where, suggestion="@SUM(A1)", evidence="-5%")]
    assert_texts(review_xlsx(findings), (*TEXTS, "=1+1.txt"))  # the file name also on the summary sheet


def test_self_evaluation_worksheet():
    execution = IndicatorExecution(actual="-5%", action="=1+1")
    report = score(hostile(), actuals(year_end("90"), executions={1: execution}), load_score_profile())
    assert_texts(score_xlsx(report))


def test_monitor_worksheet():
    execution = IndicatorExecution(reached={"6月底": "@SUM(A1)"}, action="-5%")
    assert_texts(monitor_xlsx(monitor(hostile(), actuals({"6月底": "40"}, executions={1: execution}), "6月底")))


def test_actuals_template_reads_back_exactly():
    documents = hostile()
    data = actuals_template(documents, "=1+1.txt")
    assert_texts(data, (*TEXTS, "=1+1.txt"))
    read, findings = read_actuals(data, "x.xlsx", documents)
    assert read is not None and not [f for f in findings if f.severity == Severity.ERROR]
