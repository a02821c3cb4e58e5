"""A finding's location as a clerk reads it: one row, or every row one finding stands for."""

from __future__ import annotations

import io
import json

from openpyxl import load_workbook

from jixiao.findings import Finding, Location, Severity, row_numbers
from jixiao.model.source import Source
from jixiao.write.review_html import review_html
from jixiao.write.review_report import review_json, review_text
from jixiao.write.review_xlsx import review_xlsx


def test_row_numbers_joins_consecutive_rows_into_ranges():
    assert row_numbers([3]) == "3"
    assert row_numbers([1, 2, 3, 4, 5, 6, 7, 8, 9]) == "1–9"
    assert row_numbers([7, 1, 3, 2, 3]) == "1–3、7"
    assert row_numbers([1, 3]) == "1、3"


def test_one_finding_for_several_rows_says_so_in_every_report():
    many = Finding("JX175", Severity.WARNING, "依据无关", Location(Source("a.txt"), section_name="项目", row_no=1, field="basis", rows=(1, 2, 3, 5)))
    one = Finding("JX121", Severity.WARNING, "单位不符", Location(Source("a.txt"), section_name="项目", row_no=4, field="target"))
    assert "指标第1–3、5行" in many.location.describe() and "指标第4行" in one.location.describe()
    assert "指标第1–3、5行" in review_text([many, one]) and "指标第1–3、5行" in review_html([many, one])
    assert [f["location"]["rows"] for f in json.loads(review_json([many, one]))["findings"]] == [[1, 2, 3, 5], [4]]
    sheet = load_workbook(io.BytesIO(review_xlsx([many, one])))["审核意见"]
    assert [sheet.cell(r, 5).value for r in (2, 3)] == ["1–3、5", 4]


def test_reports_name_fields_as_a_clerk_does_and_machine_formats_keep_the_machine_name():
    target = Finding("JX111", Severity.ERROR, "指标值为空", Location(Source("a.txt"), section_name="项目", row_no=2, field="target"))
    level3 = Finding("JX183", Severity.WARNING, "错字", Location(Source("a.txt"), section_name="项目", row_no=3, field="level3"))
    written = Finding("JX140", Severity.WARNING, "目标空", Location(Source("a.txt"), field="年度整体绩效目标"))
    assert target.location.describe().endswith("指标第2行 / 指标值") and "target" not in target.describe()
    assert level3.location.describe().endswith("/ 三级指标") and written.location.describe().endswith("/ 年度整体绩效目标")
    assert "三级指标" in review_html([level3]) and "level3" not in review_html([level3])
    sheet = load_workbook(io.BytesIO(review_xlsx([target, level3])))["审核意见"]
    assert [sheet.cell(r, 6).value for r in (2, 3)] == ["指标值", "三级指标"]
    assert [f["location"]["field"] for f in json.loads(review_json([target, level3]))["findings"]] == ["target", "level3"]
