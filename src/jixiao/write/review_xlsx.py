"""The reviewer's worksheet: one row per finding, filters, frozen header, an empty comment column."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from jixiao.findings import Finding, Severity, row_numbers
from jixiao.review.summary import summarise
from jixiao.write.safe import append_row

COLUMNS = (
    ("文件", 22),
    ("单位", 28),
    ("项目/章节编码", 24),
    ("项目/章节名称", 28),
    ("指标行", 8),
    ("栏目", 12),
    ("原文位置", 16),
    ("代码", 8),
    ("级别", 7),
    ("维度", 8),
    ("问题说明", 48),
    ("原文", 36),
    ("修改建议", 48),
    ("审核意见（审核人填写）", 36),
)
_FILL = {
    Severity.ERROR: PatternFill("solid", fgColor="F8D7DA"),
    Severity.WARNING: PatternFill("solid", fgColor="FFF3CD"),
    Severity.HINT: PatternFill("solid", fgColor="E2E3E5"),
}


def review_xlsx(findings: list[Finding]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "审核意见"
    append_row(ws, [name for name, _ in COLUMNS])
    for index, (_, width) in enumerate(COLUMNS, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
        ws.cell(1, index).font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for f in findings:
        loc = f.location
        append_row(
            ws,
            [
                loc.source.file,
                loc.unit,
                loc.section_code,
                loc.section_name,
                loc.row_no if len(loc.covered()) < 2 else row_numbers(loc.covered()),
                loc.field_label(),
                loc.source.place(),
                f.code,
                f.severity.label,
                f.dimension,
                f.message,
                f.evidence,
                f.suggestion,
                "",
            ],
        )
        for cell in ws[ws.max_row]:
            cell.alignment = wrap
        ws.cell(ws.max_row, 9).fill = _FILL[f.severity]
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(ws.max_row, 1)}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.print_title_rows = "1:1"

    totals = wb.create_sheet("汇总")
    append_row(totals, ["文件", "错误", "警告", "提示", "审核得分", "等级"])
    for doc in summarise(findings)["documents"]:
        c = doc["counts"]
        append_row(totals, [doc["file"], c["error"], c["warning"], c["hint"], float(doc["score"]), doc["grade"]])
    totals.column_dimensions["A"].width = 30
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
