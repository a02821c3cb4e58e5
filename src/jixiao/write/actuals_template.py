"""The actuals workbook (执行情况填报表): every section and indicator of a target file, ready to fill.

Two sheets, one row per section (预算执行) and per indicator (指标完成): the plan's columns are locked
by sheet protection (no password — it guards against slips, not people), the columns a unit fills
are open, with drop-down lists for 能否完成 and 偏差原因 and input checks on amounts. The layout
(``SECTION_SHEET``, ``INDICATOR_SHEET``, their column lists) is shared with the reader
:mod:`jixiao.read.actuals`, so a workbook this module writes always reads back.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.model.document import Document
from jixiao.model.execution import DEFAULT_CHECKPOINTS, YEAR_END, Actuals, DeviationReason, Likelihood, checkpoint_month
from jixiao.write.safe import append_row

SECTION_SHEET = "预算执行"
INDICATOR_SHEET = "指标完成"
META_SHEET = "说明"
# Identity and plan columns (locked), then the columns a unit fills (open).
SECTION_FIXED = ("部分", "章节键", "单位", "编码", "项目/章节名称", "预算数", "支出计划")
INDICATOR_FIXED = ("部分", "章节键", "指标行", "单位", "项目/章节名称", "一级指标", "二级指标", "三级指标", "年度指标值", "分级标准")
ADJUSTED = "调整后预算数"
WEIGHT = "分值（可不填）"
ACTUAL = "全年实际值"
EXPECTED = "预计年底完成值"
LIKELIHOOD = "能否完成年度目标"
REASON = "偏差原因"
ACTION = "纠偏及改进措施"
EVIDENCE = "佐证材料"
CHECKPOINTS_LABEL = "监控时点"
TARGET_LABEL = "目标表"


def spent_header(checkpoint: str) -> str:
    return f"截至{checkpoint}累计支出"


def reached_header(checkpoint: str) -> str:
    return f"{checkpoint}完成值"


def section_columns(checkpoints: Sequence[str]) -> tuple[str, ...]:
    return (*SECTION_FIXED, ADJUSTED, *(spent_header(c) for c in checkpoints))


def indicator_columns(checkpoints: Sequence[str]) -> tuple[str, ...]:
    during = tuple(reached_header(c) for c in checkpoints if c != YEAR_END)
    return (*INDICATOR_FIXED, WEIGHT, *during, ACTUAL, EXPECTED, LIKELIHOOD, REASON, ACTION, EVIDENCE)


def checkpoints_of(documents: Sequence[Document]) -> tuple[str, ...]:
    """The spending plans' checkpoints in month order, ending at 12月底; the default when none."""
    seen = {p.checkpoint for d in documents for s in d.sections for p in s.plan if checkpoint_month(p.checkpoint)}
    if not seen:
        return DEFAULT_CHECKPOINTS
    return tuple(sorted(seen | {YEAR_END}, key=checkpoint_month))


_LOCKED_FILL = PatternFill("solid", fgColor="EDEDED")
_OPEN = Protection(locked=False)


def _sheet(ws: Worksheet, columns: Sequence[str], fixed: int, rows: list[list[object]]) -> None:
    append_row(ws, columns)
    for index, name in enumerate(columns, 1):
        ws.cell(1, index).font = Font(bold=True)
        ws.cell(1, index).alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(index)].width = 8 if index <= 3 else min(max(10, len(name) * 2 + 2), 30)
    for row in rows:
        append_row(ws, row)
        for index in range(1, len(columns) + 1):
            cell = ws.cell(ws.max_row, index)
            if index <= fixed:
                cell.fill = _LOCKED_FILL
            else:
                cell.protection = _OPEN
    ws.freeze_panes = ws.cell(2, fixed + 1)
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widths may still be changed
    ws.protection.autoFilter = False


def _validate(ws: Worksheet, columns: Sequence[str], header: str, validation: DataValidation) -> None:
    if ws.max_row < 2:
        return
    letter = get_column_letter(columns.index(header) + 1)
    validation.add(f"{letter}2:{letter}{ws.max_row}")
    ws.add_data_validation(validation)


def _amount_check() -> DataValidation:
    return DataValidation(
        type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
        showErrorMessage=True, errorTitle="金额有误", error="请填写不小于0的数字（与预算数同单位），不要写单位。",
    )  # fmt: skip


def _choice(values: Sequence[str], title: str) -> DataValidation:
    return DataValidation(
        type="list", formula1='"' + ",".join(values) + '"', allow_blank=True,
        showErrorMessage=True, errorTitle=title, error=f"请从下拉列表中选择：{'、'.join(values)}。",
    )  # fmt: skip


def actuals_template(documents: Sequence[Document], file_name: str = "", actuals: Actuals | None = None) -> bytes:
    """The workbook for ``documents``; with ``actuals``, the open columns hold what is already stored,
    so a workbook downloaded and uploaded unchanged reads back the same actuals."""
    checkpoints = checkpoints_of(documents)
    known = actuals or Actuals(checkpoints=checkpoints)
    wb = Workbook()
    info = wb.active
    info.title = META_SHEET
    unit = next((d.money_unit for d in documents if d.money_unit), "") or "与预算数相同的单位"
    for line in (
        (TARGET_LABEL, file_name or (documents[0].source_file if documents else "")),
        (CHECKPOINTS_LABEL, "、".join(checkpoints)),
        ("金额单位", unit),
        ("填写说明", "灰色栏目来自批复的绩效目标，已锁定；请在白色栏目填写。支出填截至各时点的累计数；"
                     "完成值照指标值的写法填写（如 24560人次、99.6%、已完成）；未达到目标时选择偏差原因并写明措施。"),
    ):  # fmt: skip
        append_row(info, line)
    info.column_dimensions["A"].width = 12
    info.column_dimensions["B"].width = 100
    info.protection.sheet = True  # the reader takes the checkpoints from here

    sections, indicators = [], []
    for d in documents:
        for s in d.sections:
            if not s.indicators and not s.amounts.total:
                continue
            total = s.amounts.total.value if s.amounts.total else None
            plan = "；".join(f"{p.checkpoint} {p.raw}" for p in s.plan if p.raw)
            done = known.section(d.part, s.key)
            sections.append([d.part, s.key, s.unit.label(), s.code, s.name, total, plan,
                             done.adjusted_budget, *(done.spent.get(c) for c in checkpoints)])  # fmt: skip
            for row, ind in enumerate(s.indicators, 1):
                g = ind.grades
                grades = f"优{g.excellent} 良{g.good} 中{g.fair} 差{g.poor}" if g.any() else ""
                e = known.indicator(d.part, s.key, row)
                reached = [e.reached.get(c) or None for c in checkpoints if c != YEAR_END]
                indicators.append([d.part, s.key, row, s.unit.label(), s.name, ind.level1, ind.level2,
                                   ind.level3 or ind.description, ind.target_raw, grades, e.weight, *reached,
                                   *(v or None for v in (e.actual, e.expected, e.likelihood, e.reason, e.action, e.evidence))])  # fmt: skip
    s_columns, i_columns = section_columns(checkpoints), indicator_columns(checkpoints)
    ws = wb.create_sheet(SECTION_SHEET)
    _sheet(ws, s_columns, len(SECTION_FIXED), sections)
    for header in (ADJUSTED, *(spent_header(c) for c in checkpoints)):
        _validate(ws, s_columns, header, _amount_check())
    wi = wb.create_sheet(INDICATOR_SHEET)
    _sheet(wi, i_columns, len(INDICATOR_FIXED), indicators)
    _validate(wi, i_columns, LIKELIHOOD, _choice([x.value for x in Likelihood], "能否完成"))
    _validate(wi, i_columns, REASON, _choice([x.value for x in DeviationReason], "偏差原因"))
    _validate(wi, i_columns, WEIGHT, _amount_check())
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
