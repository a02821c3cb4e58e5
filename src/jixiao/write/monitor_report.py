"""The monitoring report (绩效运行监控表) as text and a worksheet with the warning colours (JSON: ``to_json``)."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from jixiao.monitor.engine import MonitorReport, Signal
from jixiao.score.report import money
from jixiao.write.safe import append_row

SPENDING_HEADER = ("单位", "编码", "项目/章节", "预算数", "计划依据", "计划执行%", "实际执行%", "预警", "预计全年执行%", "说明")
INDICATOR_HEADER = ("项目/章节", "指标行", "一级指标", "三级指标", "年度指标值", "完成值", "完成目标%",
                    "预计年底完成值", "能否完成", "偏差原因", "纠偏措施", "预警", "说明")  # fmt: skip
_FILL = {
    Signal.GREEN: PatternFill("solid", fgColor="D4EDDA"),
    Signal.YELLOW: PatternFill("solid", fgColor="FFF3CD"),
    Signal.RED: PatternFill("solid", fgColor="F8D7DA"),
    Signal.NONE: PatternFill("solid", fgColor="E2E3E5"),
}


def _p(x) -> str:
    return "" if x is None else format(x.quantize(type(x)("0.1")), "f")


def spending_rows(report: MonitorReport) -> list[tuple]:
    return [
        (s.unit, s.code, s.name, money(s.budget), s.basis, _p(s.planned), _p(s.actual), s.signal, _p(s.forecast), s.message)
        for s in report.sections
    ]


def indicator_rows(report: MonitorReport) -> list[tuple]:
    return [
        (s.name, i.row, i.level1, i.name, i.target, i.reached, _p(i.progress), i.expected, i.likelihood, i.reason,
         i.action, i.signal, i.message)  # fmt: skip
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
        (("预算执行", SPENDING_HEADER, spending_rows(report)), ("指标进度", INDICATOR_HEADER, indicator_rows(report)))
    ):
        ws = wb.active if index == 0 else wb.create_sheet()
        ws.title = title
        append_row(ws, header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        signal_col = header.index("预警") + 1
        for row in rows:
            append_row(ws, [v.label if isinstance(v, Signal) else v for v in row])
            ws.cell(ws.max_row, signal_col).fill = _FILL[row[signal_col - 1]]
        ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
