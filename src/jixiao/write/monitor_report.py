"""The monitoring report (绩效运行监控表) as text and a worksheet with the warning colours (JSON: ``to_json``).

In the worksheet money and percents are numbers (``0.00`` / ``0.00%``, see :mod:`jixiao.write.numbers`),
the money column says its unit (预算数（万元）) and each indicator its unit of measure."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from jixiao.monitor.engine import MonitorReport, Signal
from jixiao.write.numbers import amount, append_numbers, measure_unit, money_header, percent
from jixiao.write.safe import append_row

INDICATOR_HEADER = ("项目/章节", "指标行", "一级指标", "三级指标", "年度指标值", "计量单位", "完成值", "完成目标比例",
                    "预计年底完成值", "能否完成", "偏差原因", "纠偏措施", "预警", "说明")  # fmt: skip
_FILL = {
    Signal.GREEN: PatternFill("solid", fgColor="D4EDDA"),
    Signal.YELLOW: PatternFill("solid", fgColor="FFF3CD"),
    Signal.RED: PatternFill("solid", fgColor="F8D7DA"),
    Signal.NONE: PatternFill("solid", fgColor="E2E3E5"),
}


def spending_header(report: MonitorReport) -> tuple[str, ...]:
    return ("单位", "编码", "项目/章节", money_header("预算数", report.money_unit), "计划依据", "计划执行率",
            "实际执行率", "预警", "预计全年执行率", "说明")  # fmt: skip


def spending_rows(report: MonitorReport) -> list[tuple]:
    """The 预算执行 sheet's rows: money as numbers (0.00), percents as numbers (0.00%)."""
    return [
        (s.unit, s.code, s.name, amount(s.budget), s.basis, percent(s.planned), percent(s.actual), s.signal,
         percent(s.forecast), s.message)  # fmt: skip
        for s in report.sections
    ]


def indicator_rows(report: MonitorReport) -> list[tuple]:
    """The 指标进度 sheet's rows, with the target's unit of measure and the progress as a number (0.00%)."""
    return [
        (s.name, i.row, i.level1, i.name, i.target, measure_unit(i.target), i.reached, percent(i.progress), i.expected,
         i.likelihood, i.reason, i.action, i.signal, i.message)  # fmt: skip
        for s in report.sections
        for i in s.indicators
    ]


def monitor_text(report: MonitorReport) -> str:
    t = report.thresholds
    out = [f"绩效运行监控 · {report.file} · 监控时点：{report.at} · 预警：落后≤{t.yellow}个百分点为绿，≤{t.red}为黄，更多为红", ""]
    for s in report.sections:
        out.append(f"■ [{s.signal.label}] {' '.join(p for p in (s.unit, s.code, s.name) if p)}：{s.message}")
        for i in s.indicators:
            if i.signal != Signal.GREEN:
                out.append(f"  · [{i.signal.label}] {i.name}（目标 {i.target or '—'}）：{i.message}"
                           + (f" 原因：{i.reason}；措施：{i.action}" if i.reason else ""))  # fmt: skip
        out.append("")
    counts = {sig: sum(1 for s in report.sections for i in s.indicators if i.signal == sig) for sig in Signal}
    out.append("指标预警：" + "，".join(f"{sig.label} {n}" for sig, n in counts.items()))
    out.extend(f.describe() for f in report.findings)
    return "\n".join(out) + "\n"


def monitor_xlsx(report: MonitorReport) -> bytes:
    wb = Workbook()
    for index, (title, header, rows) in enumerate(
        (("预算执行", spending_header(report), spending_rows(report)), ("指标进度", INDICATOR_HEADER, indicator_rows(report)))
    ):
        ws = wb.active if index == 0 else wb.create_sheet()
        ws.title = title
        append_row(ws, header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        signal_col = header.index("预警") + 1
        for row in rows:
            append_numbers(ws, [v.label if isinstance(v, Signal) else v for v in row])
            ws.cell(ws.max_row, signal_col).fill = _FILL[row[signal_col - 1]]
        ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
