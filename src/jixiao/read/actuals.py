"""Reading a filled actuals workbook back: ``read_actuals(data, name, documents) -> (Actuals | None, findings)``.

Every cell is checked against the target file it was made for; a problem becomes a finding with
sheet, row and column (codes JX31x), never an exception. All or nothing: when any finding is an
error the result is None and nothing is scored or monitored from a half-read workbook.
Half-filled rows are warnings (a deviation with no reason, a reason with no measure, spending that
drops back between checkpoints).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Collection, Iterator, Sequence
from decimal import Decimal, InvalidOperation

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.findings import Finding, Location, ReadError, Severity
from jixiao.model.document import Document
from jixiao.model.execution import (
    YEAR_END,
    Actuals,
    DeviationReason,
    IndicatorExecution,
    Likelihood,
    SectionExecution,
    SectionKey,
)
from jixiao.model.source import Source
from jixiao.read.containers import open_zip
from jixiao.write import actuals_template as layout


class _Sheet:
    """One sheet with its header: cells by column name, findings with their place."""

    def __init__(self, ws: Worksheet, file: str, findings: list[Finding]):
        self.ws, self.file, self.findings = ws, file, findings
        self.header = {str(c.value).strip(): c.column for c in ws[1] if c.value is not None}

    def problem(self, severity: Severity, row: int, column: str, message: str, suggestion: str = "", code: str = "JX312") -> None:
        col = self.header.get(column)
        where = f"工作表“{self.ws.title}” {f'{get_column_letter(col)}{row}' if col else f'第{row}行'}（{column}）"
        self.findings.append(Finding(code, severity, message, Location(Source(self.file, row=row, column=col), field=where), suggestion))

    def text(self, row: int, column: str) -> str:
        col = self.header.get(column)
        value = self.ws.cell(row, col).value if col else None
        # lstrip: workbooks written before typed-string cells carry a leading ' on formula-like texts
        return "" if value is None else str(value).strip().lstrip("'")

    def amount(self, row: int, column: str) -> Decimal | None:
        text = self.text(row, column).replace(",", "").replace("，", "")
        if not text or text in ("—", "-", "/"):
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            self.problem(Severity.ERROR, row, column, f"“{text}”不是金额数字。", "只填数字，不要写单位或文字，如 118.5。")
            return None
        if value < 0:
            self.problem(Severity.ERROR, row, column, f"金额{text}为负数。", "填写累计实际支出，不小于0。")
            return None
        return value

    def choice(self, row: int, column: str, kind: type[Likelihood] | type[DeviationReason]):
        text = self.text(row, column)
        if not text:
            return None
        try:
            return kind(text)
        except ValueError:
            allowed = "、".join(x.value for x in kind)
            self.problem(Severity.ERROR, row, column, f"“{text}”不是可选的值。", f"请从下拉列表选择：{allowed}。")
            return None


def _fail(file: str, message: str, suggestion: str = "") -> tuple[None, list[Finding]]:
    return None, [Finding("JX310", Severity.ERROR, message, Location(Source(file)), suggestion)]


def _meta(wb) -> dict[str, str]:
    """The 说明 sheet's label → value lines (目标表, 监控时点, 金额单位 …)."""
    if layout.META_SHEET not in wb.sheetnames:
        return {}
    rows = wb[layout.META_SHEET].iter_rows(max_col=2, values_only=True)
    return {str(label): str(value or "") for label, value in rows if label}


def _sections(sheet: _Sheet, checkpoints: Sequence[str], known: dict[SectionKey, Document], actuals: Actuals, other_parts: Collection[int]) -> None:
    for row, key in _rows(sheet, known, other_parts):
        spent: dict[str, Decimal] = {}
        last: tuple[str, Decimal] | None = None
        for checkpoint in checkpoints:
            value = sheet.amount(row, layout.spent_header(checkpoint))
            if value is None:
                continue
            if last and value < last[1]:
                sheet.problem(Severity.WARNING, row, layout.spent_header(checkpoint),
                              f"累计支出{value}比{last[0]}的{last[1]}还少。", "支出填截至该时点的累计数，不是当期数。", "JX313")  # fmt: skip
            spent[checkpoint], last = value, (checkpoint, value)
        execution = SectionExecution(sheet.amount(row, layout.ADJUSTED), spent, Source(sheet.file, row=row))
        budget = execution.adjusted_budget or _budget(known[key], key.key)
        if budget is not None and spent.get(YEAR_END, Decimal(0)) > budget:
            sheet.problem(Severity.WARNING, row, layout.spent_header(YEAR_END),
                          f"全年支出{spent[YEAR_END]}超过预算数{budget}。", "如预算已调整，请填写调整后预算数；否则请说明超支原因。", "JX313")  # fmt: skip
        actuals.sections[key] = execution


def _budget(document: Document, key: str) -> Decimal | None:
    section = document.section(key)
    return section.amounts.total.value if section and section.amounts.total else None


def _key(sheet: _Sheet, row: int, known: dict[SectionKey, Document]) -> SectionKey | None:
    part, key = sheet.text(row, "部分"), sheet.text(row, "章节键")
    if not part and not key:
        return None
    found = SectionKey(int(part), key) if part.isdigit() else None
    if found not in known:
        sheet.problem(Severity.ERROR, row, "章节键", f"第{part}部分的“{key}”在目标表中找不到。",
                      "请使用由 jixiao template actuals 为这份目标表生成的填报表，不要改动灰色栏目。", "JX311")  # fmt: skip
        return None
    return found


def _rows(sheet: _Sheet, known: dict[SectionKey, Document], other_parts: Collection[int]) -> Iterator[tuple[int, SectionKey]]:
    """Data rows that name a section of the target file (blank rows skipped, unknown ones reported).

    Rows of ``other_parts`` are left out with one hint per sheet.
    """
    elsewhere = dict[int, list[int]]()
    for row in range(2, sheet.ws.max_row + 1):
        part = sheet.text(row, "部分")
        if part.isdigit() and int(part) in other_parts:
            elsewhere.setdefault(int(part), []).append(row)
        elif (key := _key(sheet, row, known)) is not None:
            yield row, key
    if elsewhere:
        listed = "；".join(f"第{part}部分：第{_spans(rows)}行" for part, rows in sorted(elsewhere.items()))
        sheet.findings.append(Finding(
            "JX314", Severity.HINT, f"工作表“{sheet.ws.title}”中属于同一文件其他部分的行未导入（{listed}）。",
            Location(Source(sheet.file), field=f"工作表“{sheet.ws.title}”"), "这些行请在对应部分的文档中导入。",
        ))  # fmt: skip


def _spans(rows: list[int]) -> str:
    """[2, 3, 4, 7] → 2–4、7"""
    spans: list[list[int]] = []
    for row in rows:
        if spans and row == spans[-1][1] + 1:
            spans[-1][1] = row
        else:
            spans.append([row, row])
    return "、".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


def _indicators(sheet: _Sheet, checkpoints: Sequence[str], known: dict[SectionKey, Document], actuals: Actuals, other_parts: Collection[int]) -> None:
    for row, key in _rows(sheet, known, other_parts):
        section = known[key].section(key.key)
        number = sheet.text(row, "指标行")
        if not number.isdigit() or not section or not 1 <= int(number) <= len(section.indicators):
            sheet.problem(Severity.ERROR, row, "指标行", f"指标行“{number}”在“{section.name if section else key.key}”中不存在。",
                          "请不要改动灰色栏目。", "JX311")  # fmt: skip
            continue
        done = IndicatorExecution(
            reached={c: v for c in checkpoints if c != YEAR_END if (v := sheet.text(row, layout.reached_header(c)))},
            actual=sheet.text(row, layout.ACTUAL),
            expected=sheet.text(row, layout.EXPECTED),
            likelihood=sheet.choice(row, layout.LIKELIHOOD, Likelihood),
            reason=sheet.choice(row, layout.REASON, DeviationReason),
            action=sheet.text(row, layout.ACTION),
            evidence=sheet.text(row, layout.EVIDENCE),
            weight=sheet.amount(row, layout.WEIGHT),
            source=Source(sheet.file, row=row),
        )
        if done.likelihood in (Likelihood.POSSIBLE, Likelihood.IMPOSSIBLE) and not done.reason:
            sheet.problem(Severity.WARNING, row, layout.REASON, f"选了“{done.likelihood}”完成，但没有选偏差原因。",
                          "请选择偏差原因（经费保障、制度保障、人员保障、硬件条件保障、其他）。", "JX313")  # fmt: skip
        if done.reason and not done.action:
            sheet.problem(Severity.WARNING, row, layout.ACTION, "有偏差原因，但没有写纠偏及改进措施。", "请写明采取或将采取的措施。", "JX313")
        actuals.indicators[(key, int(number))] = done


def read_actuals(
    data: bytes, name: str, documents: Sequence[Document], other_parts: Collection[int] = ()
) -> tuple[Actuals | None, list[Finding]]:
    """``other_parts``: when ``documents`` are some parts of the file the workbook was made for, the
    numbers of its other parts; their rows are left out (one hint per sheet lists them) instead of
    refused. A row of a part the file does not have is still an error."""
    try:
        if zipfile.is_zipfile(io.BytesIO(data)):  # the unpacked-size, ratio and DTD checks every office file gets
            open_zip(data, name).close()
    except ReadError as exc:
        return None, [exc.finding]
    try:
        wb = load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return _fail(name, "填报表无法打开：不是 Excel 工作簿（.xlsx）或文件已损坏。", "请用 jixiao template actuals 生成填报表，填写后另存为 .xlsx。")
    meta = _meta(wb)
    checkpoints = tuple(p for p in meta.get(layout.CHECKPOINTS_LABEL, "").split("、") if p)
    missing = [s for s in (layout.SECTION_SHEET, layout.INDICATOR_SHEET) if s not in wb.sheetnames]
    if not checkpoints or missing:
        absent = "、".join(missing) or f"{layout.META_SHEET}中的{layout.CHECKPOINTS_LABEL}"
        return _fail(name, f"填报表缺少“{absent}”，不是 jixiao 生成的填报表。", "请用 jixiao template actuals 生成填报表。")
    findings: list[Finding] = []
    made_for, target = meta.get(layout.TARGET_LABEL, ""), documents[0].source_file if documents else ""
    if made_for and target and made_for != target:
        findings.append(Finding("JX311", Severity.WARNING, f"填报表是为“{made_for}”生成的，现在对照的是“{target}”。",
                                Location(Source(name), field=f"工作表“{layout.META_SHEET}”"),
                                "如果目标表只是改了文件名可以忽略；否则请用正确的填报表。"))  # fmt: skip
    sheets = {}
    for title, columns in ((layout.SECTION_SHEET, layout.section_columns(checkpoints)),
                           (layout.INDICATOR_SHEET, layout.indicator_columns(checkpoints))):  # fmt: skip
        sheet = sheets[title] = _Sheet(wb[title], name, findings)
        for column in columns:
            if column not in sheet.header:
                sheet.problem(Severity.ERROR, 1, column, f"缺少“{column}”栏目。", "请不要删除或改名表头。", "JX310")
    if any(f.severity == Severity.ERROR for f in findings):
        return None, findings
    known = {SectionKey(d.part, s.key): d for d in documents for s in d.sections}
    actuals = Actuals(checkpoints=checkpoints, source_file=name)
    _sections(sheets[layout.SECTION_SHEET], checkpoints, known, actuals, other_parts)
    _indicators(sheets[layout.INDICATOR_SHEET], checkpoints, known, actuals, other_parts)
    if any(f.severity == Severity.ERROR for f in findings):
        return None, findings
    return actuals, findings
