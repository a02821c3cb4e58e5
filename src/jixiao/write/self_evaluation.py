"""The self-evaluation table (绩效自评表) in the common layout, as text and a worksheet (JSON: ``to_json``).

Per section: 预算数 / 执行数 / 执行率 / 分值 / 得分, then per indicator 一级 / 二级 / 三级指标 /
年度指标值 / 全年实际值 / 分值 / 得分 / 扣分说明 / 偏差原因及改进措施, then 总分 and 等级.
"""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from jixiao.score.outcome import pct
from jixiao.score.profile import BUDGET, BUILTIN, ScoreProfileError
from jixiao.score.report import ScoreReport, SectionScore, money
from jixiao.toml_profile import read_profile_toml
from jixiao.write.numbers import Number, amount, append_numbers, measure_unit, money_header, share
from jixiao.write.safe import append_row

INDICATOR_HEADER = ("一级指标", "二级指标", "三级指标", "年度指标值", "全年实际值", "分值", "得分", "扣分说明", "偏差原因及改进措施")
XLSX_INDICATOR_HEADER = (*INDICATOR_HEADER[:4], "计量单位", *INDICATOR_HEADER[4:])
BUDGET_HEADER = ("预算数", "执行数", "执行率", "分值", "得分", "说明")


def profile_title(name: str) -> str:
    """The scoring profile's Chinese name (its ``title``: 默认评分方案), else its name as given."""
    if name not in BUILTIN:
        return name
    data, _ = read_profile_toml(name, "jixiao.score", BUILTIN, "评分方案", ScoreProfileError)
    return data.get("title") or name


def section_title(s: SectionScore) -> str:
    return " ".join(p for p in (s.unit, s.code, s.name) if p)


def budget_row(s: SectionScore) -> tuple[str, ...]:
    line = s.items[0]
    return (money(s.budget), money(s.spent), pct(s.rate) if s.rate is not None else "", money(line.points),
            money(line.score) if line.score is not None else "不评分", line.explanation)  # fmt: skip


def indicator_rows(s: SectionScore) -> list[tuple[str, ...]]:
    return [
        (i.part, i.level2, i.name, i.target, i.actual, money(i.points),
         money(i.score) if i.score is not None else "不评分", i.explanation, i.deviation)  # fmt: skip
        for i in s.items
        if i.part != BUDGET or i.row is not None
    ]


def total_line(s: SectionScore) -> str:
    return f"总分 {money(s.total)}，等级 {s.grade}" if s.total is not None else "无法评分：没有可评分的内容"


def score_text(report: ScoreReport) -> str:
    out = [f"绩效自评（评分方案：{profile_title(report.profile)}）· {report.file} · 金额单位：{report.money_unit}", ""]
    for s in report.sections:
        out.append(f"■ {section_title(s)}  —  {total_line(s)}")
        out.append("  预算执行：" + " / ".join(f"{h} {v}" for h, v in zip(BUDGET_HEADER, budget_row(s)) if v))
        for row in indicator_rows(s):
            out.append(f"  · [{row[0]}] {row[2]}：目标 {row[3] or '—'}，实际 {row[4] or '—'}，分值 {row[5]}，得分 {row[6]}")
            out.append(f"      {row[7]}" + (f"  偏差原因及措施：{row[8]}" if row[8] else ""))
        out.extend(f"  注：{n}" for n in s.notes)
        out.append("")
    if report.differences:
        out.append("与原表计算的差异（原表 → 按评分方案）：")
        out.extend(f"  {d.section} / {d.item} / {d.what}：{d.table or '空'} → {d.profile}  {d.note}" for d in report.differences)
    out.extend(f.describe() for f in report.findings)
    return "\n".join(out) + "\n"


def _points(x: Decimal | None) -> Number | str:
    return "不评分" if x is None else amount(x)


def xlsx_budget_row(s: SectionScore) -> tuple:
    """:func:`budget_row` for the worksheet: money, points and the rate as numbers."""
    line = s.items[0]
    return (amount(s.budget), amount(s.spent), share(s.rate), amount(line.points), _points(line.score), line.explanation)


def xlsx_indicator_rows(s: SectionScore) -> list[tuple]:
    """:func:`indicator_rows` for the worksheet: the target's unit of measure after it, points as numbers."""
    return [
        (i.part, i.level2, i.name, i.target, measure_unit(i.target), i.actual, amount(i.points), _points(i.score),
         i.explanation, i.deviation)  # fmt: skip
        for i in s.items
        if i.part != BUDGET or i.row is not None
    ]


def score_xlsx(report: ScoreReport) -> bytes:
    """The 汇总 and 自评表 sheets; amounts, points and rates are numbers (``0.00`` / ``0.00%``), money
    headers say the unit (预算数（万元）) and each indicator its unit of measure."""
    wb = Workbook()
    summary = wb.active
    summary.title = "汇总"
    budget, spent = money_header("预算数", report.money_unit), money_header("执行数", report.money_unit)
    append_row(summary, ["单位", "编码", "项目/章节", budget, spent, "执行率", "总分", "等级"])
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    sheet = wb.create_sheet("自评表")
    for s in report.sections:
        b = xlsx_budget_row(s)
        append_numbers(summary, [s.unit, s.code, s.name, b[0], b[1], b[2], amount(s.total), s.grade])
        append_row(sheet, [section_title(s)])
        sheet.cell(sheet.max_row, 1).font = bold
        append_row(sheet, (budget, spent, *BUDGET_HEADER[2:]))
        append_numbers(sheet, b)
        append_row(sheet, XLSX_INDICATOR_HEADER)
        for row in xlsx_indicator_rows(s):
            append_numbers(sheet, row)
            for cell in sheet[sheet.max_row]:
                cell.alignment = wrap
        append_numbers(sheet, ["总分", amount(s.total), "等级", s.grade, "", "", "", "", "；".join(s.notes)])
        sheet.append([])
    if report.differences:
        diff = wb.create_sheet("与原表差异")
        append_row(diff, ["项目/章节", "指标", "栏目", "原表", "按评分方案", "说明"])
        for d in report.differences:
            append_row(diff, (d.section, d.item, d.what, d.table, d.profile, d.note))
    for ws in wb.worksheets:
        for cell in ws[1]:
            cell.font = bold
    for letter, width in zip("ABCDEFGHIJ", (14, 14, 30, 14, 10, 14, 8, 8, 48, 36)):
        sheet.column_dimensions[letter].width = width
    summary.column_dimensions["C"].width = 30
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
