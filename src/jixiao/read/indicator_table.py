"""通用绩效指标表（制表符、竖线、空格分列或每格一行；含自评表）.

Any department's indicator table copied from a web page, Word or PDF: the text is split every way
it can arrive (see :mod:`indicator_layout`) and the splitting whose header row names the most
known columns wins. Rows above the header are the title block (:mod:`indicator_preamble`); rows
below are indicators, with the category cells written once carried down. The seeds' full forms
(部门整体申报表/批复表, project books) are left to their own readers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.findings import Finding, Severity
from jixiao.model.categories import normalise_level1, normalise_level2
from jixiao.model.document import Document, DocKind, Indicator, Section, SectionKind, TextBlock, Unit
from jixiao.model.source import Source
from jixiao.read.base import GENERAL_CEILING, ReadResult, Recognition, TextInput, problem
from jixiao.read.grid import Cell, Row, join_fragments
from jixiao.read.indicator_header import (
    ACTUAL, BASIS, COMPARATOR, CYCLE, DESCRIPTION, DEVIATION, FLAG, LEVEL1, LEVEL2, LEVEL3, MEASURE, NUMBER,
    GROUP, REMARK, SCORE, SEQ, TARGET, WEIGHT, column_field, fold, header_fields, is_header, missing, strength,
)
from jixiao.read.indicator_layout import Layout, layouts
from jixiao.read.patterns import PAGE_NUMBER
from jixiao.read.indicator_preamble import (
    DEPARTMENT_FORM, LABELLED, PROJECT_LABELS, Preamble, labels_found, read_preamble,
)

_LAYOUT_NAMES = {"tab": "制表符分列", "pipe": "竖线分列", "cells": "每格一行", "lines": "每格一行（无制表符）",
                 "space": "空格分列"}
_SUBHEADER = {COMPARATOR, NUMBER, MEASURE, TARGET, CYCLE}
_VALUES = (TARGET, CYCLE, COMPARATOR, NUMBER, MEASURE, WEIGHT, ACTUAL, SCORE)
_TOTAL_ROW = {"总分", "合计", "总计", "得分合计", "自评总分"}
_FOOTER = re.compile(r"^(?:(?:注|说明|备注)[：:]|填表|填报|审核|联系|负责人|制表|[^：:\d]{1,16}[：:])")
_BARE_NUMBER = re.compile(r"^[\d.]+$")


@dataclass(slots=True)
class _Table:
    layout: Layout
    header: int  # index of the header row in layout.rows
    fields: dict[int, str]
    subheader: bool = False  # a second header row (比较符 | 数值 | 计量单位) under the first
    refusal: str = ""


class IndicatorTableReader:
    name = "indicator_table"
    description = "通用绩效指标表（制表符、竖线、空格分列或每格一行；含自评表）"

    def identify(self, source: TextInput) -> Recognition:
        table, reason = _find(source)
        if table is None:
            return Recognition(0.0, reason)
        if table.refusal:
            return Recognition(0.0, table.refusal)
        # Below GENERAL_CEILING on purpose: a reader made for a specific layout is surer than this one.
        score = min(GENERAL_CEILING - 0.05, 0.2 + 0.03 * strength(table.fields))
        return Recognition(score, reason)

    def extract(self, source: TextInput) -> ReadResult:
        table, reason = _find(source)
        if table is None or table.refusal:
            message = table.refusal if table else reason
            return ReadResult([], [problem("JX069", message, Source(source.name), severity=Severity.ERROR)])
        return _Extraction(source.name, table).run()


def _find(source: TextInput) -> tuple[_Table | None, str]:
    """The best-recognised header over all splittings, or None and why none was found."""
    best: _Table | None = None
    near: dict[int, str] = {}
    near_strength = 0
    for layout in layouts(source):
        for i, row in enumerate(layout.rows):
            fields = header_fields(row)
            if not fields:
                continue
            if is_header(fields):
                if best is None or strength(fields) > strength(best.fields):
                    best = _with_subheader(_Table(layout, i, fields))
                break
            if (found := strength(fields)) > near_strength:
                near, near_strength = fields, found
    if best is None:
        if not near:
            return None, "没有找到绩效指标表的表头（一级指标、二级指标、三级指标/指标名称、指标值等列名）"
        return None, f"有类似表头的行，但缺少{'和'.join(missing(near))}列"
    rows = best.layout.rows
    header = rows[best.header]
    where = f"{_LAYOUT_NAMES[best.layout.name]}，第{header.line}行"
    names = "、".join(c.text for i, c in enumerate(header.cells) if i in best.fields)
    reason = f"找到绩效指标表表头（{where}：{names}）"
    form = labels_found(rows[: best.header], DEPARTMENT_FORM)
    if form:
        best.refusal = f"{reason}，但表头前是部门整体绩效目标表单（{'、'.join(form)}），应由部门整体目标表读取器读取"
    elif _another_project(rows, best.header):
        best.refusal = f"{reason}，但文件里有多个指标表、各表前有项目信息（项目目标表汇编），通用读取器只读单个指标表"
    return best, reason


def _with_subheader(table: _Table) -> _Table:
    """A second header row under 指标值 (比较符 | 数值 | 计量单位) refines the columns."""
    rows, i = table.layout.rows, table.header
    if i + 1 < len(rows):
        placed, _ = table.layout.align(rows[i], rows[i + 1])
        sub = {k: column_field(c.text) for k, c in enumerate(placed) if c and c.text}
        if sub and all(f in _SUBHEADER for f in sub.values()):
            table.fields, table.subheader = {**table.fields, **sub}, True
    return table


def _another_project(rows: list[Row], header: int) -> bool:
    """Another header follows, with a project's own labels (项目名称 …) in between."""
    labelled = False
    for row in rows[header + 1 :]:
        if is_header(header_fields(row)):
            if labelled:
                return True
        elif labels_found([row], PROJECT_LABELS):
            labelled = True
    return False


@dataclass(slots=True)
class _Extraction:
    file: str
    table: _Table
    findings: list[Finding] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)  # field → header position
    duplicates: dict[int, int] = field(default_factory=dict)  # position → the earlier same column
    content: dict[int, str] = field(default_factory=dict)  # position → first text under it
    totals: dict[str, str] = field(default_factory=dict)
    trailer: list[Cell] = field(default_factory=list)

    @property
    def header(self) -> Row:
        return self.table.layout.rows[self.table.header]

    def run(self) -> ReadResult:
        layout, rows, h = self.table.layout, self.table.layout.rows, self.table.header
        pre = read_preamble(rows[:h], lambda head, row: layout.align(head, row), self.file)
        for k, f in sorted(self.table.fields.items()):
            if f in self.columns:
                self.duplicates[k] = self.columns[f]
            else:
                self.columns[f] = k
        if NUMBER in self.columns and TARGET in self.columns:  # 数值 is the value; 指标值 says the same
            self.duplicates[self.columns.pop(TARGET)] = self.columns[NUMBER]
        section = self._section(pre)
        start = h + (2 if self.table.subheader else 1)
        self._rows(rows[start:], start - h + 1, section)
        if not self.indicators:
            self._problem("JX060", "表头下面没有指标行。", self.header.line, 1, None,
                          evidence=" | ".join(self.header.texts()))
        self._unmapped()
        section.indicators = self.indicators
        section.fields.update(self.totals)
        document = Document(
            DocKind.SELF_EVALUATION if {ACTUAL, SCORE} & set(self.columns) else DocKind.INDICATOR_TABLE,
            source_file=self.file,
            title=pre.title,
            organisation=pre.organisation,
            year=pre.year,
            money_unit=pre.money_unit,
            units=[section.unit] if section.unit.name else [],
            sections=[section],
            texts=pre.texts,
            fields=pre.doc_fields,
            source=Source(self.file, 1, line=rows[0].line),
        )
        self._trailer(document)
        return ReadResult([document], self.findings)

    def _section(self, pre: Preamble) -> Section:
        if pre.project:
            kind, name, line = SectionKind.PROJECT, pre.project, pre.project_line
            unit = Unit.parse(pre.implementer) if pre.implementer else Unit()
        else:
            kind, name, line, unit = SectionKind.DEPARTMENT, "部门整体绩效指标", self.header.line, Unit()
        return Section(
            kind, name, pre.code, key="1", unit=unit, amounts=pre.amounts, purpose=pre.purpose, goal=pre.goal,
            fields=pre.section_fields, source=Source(self.file, 1, line=line),
        )

    # -- rows --------------------------------------------------------------------------------

    def _rows(self, rows: list[Row], first_number: int, section: Section) -> None:
        """Data rows → indicators; ``first_number`` is the table row number of ``rows[0]``."""
        layout, width = self.table.layout, len(self.header)
        level1 = level2 = ""
        for i, row, pieces in _joined(rows, width, layout.name == "cells"):
            number = first_number + i
            if is_header(header_fields(row)):
                continue  # the header repeated at a page break
            cells = row.nonempty()
            if len(cells) == 1 and PAGE_NUMBER.match(cells[0].text):
                continue  # print furniture of a PDF page break
            if len(cells) == 1 and row.cells[0] is cells[0] and _FOOTER.match(cells[0].text):
                self.trailer = [c for r in rows[i:] for c in r.nonempty()]
                return
            placed, extra = layout.align(self.header, row, self.table.fields)
            if cells and fold(cells[0].text) in _TOTAL_ROW:
                self._total(cells[0].text, placed)
                continue
            for k, cell in enumerate(placed):
                if cell and cell.text:
                    self.content.setdefault(k, cell.text)
            text = {f: (placed[k].text if placed[k] else "") for f, k in self.columns.items()}
            if pieces > 1:
                self._problem("JX064", f"这一行被空行分成了{pieces}段，已按表头的{width}列合并为一行。", row.line,
                              number, None, evidence=" | ".join(row.texts()), severity=Severity.HINT)
            if any(c.text for c in extra):
                self._problem("JX061", f"这一行比表头多出{len(extra)}个单元格，多出的内容没有读入。", row.line,
                              number, width, evidence=" | ".join(c.text for c in extra if c.text))
            if text.get(LEVEL1) and text[LEVEL1] != level1:
                level1, level2 = text[LEVEL1], ""
            level2 = text.get(LEVEL2) or level2
            if layout.name == "space" and self._continues(text, row.line, number):
                continue
            if not text.get(LEVEL3) and not any(text.get(f) for f in (*_VALUES, DESCRIPTION, BASIS, DEVIATION)):
                continue  # a category label only: it is carried down, nothing to record
            self.indicators.append(self._indicator(text, level1, level2, row.line, number))
            if not text.get(LEVEL3):
                self._problem("JX062", "这一行有指标值等内容，但没有指标名称（三级指标）。", row.line, number,
                              self.columns.get(LEVEL3), evidence=" | ".join(c.text for c in cells),
                              row_no=len(self.indicators), section=section)

    def _continues(self, text: dict[str, str], line: int, number: int) -> bool:
        """PDF copy: a line with only wrapped text (no category, no value) continues the row above."""
        if not self.indicators or any(text.get(f) for f in (LEVEL1, LEVEL2, *_VALUES)):
            return False
        last = self.indicators[-1]
        for f, attr in ((LEVEL3, "level3"), (DESCRIPTION, "description"), (BASIS, "basis"), (DEVIATION, "deviation")):
            if text.get(f):
                setattr(last, attr, f"{getattr(last, attr)}\n{text[f]}".strip())
        self._problem("JX066", "这一行只有折行的文字，没有类别和指标值，已接到上一行的单元格后面。", line, number, None,
                      evidence=" | ".join(t for t in text.values() if t), severity=Severity.HINT,
                      row_no=len(self.indicators))
        return True

    def _indicator(self, text: dict[str, str], level1: str, level2: str, line: int, number: int) -> Indicator:
        measure = text.get(MEASURE, "")
        # With 比较符/计量单位 columns the 指标值 column holds just the number.
        value = text[NUMBER] if NUMBER in text else text.get(TARGET, "")
        actual = text.get(ACTUAL, "")
        return Indicator(
            level1=normalise_level1(level1) if level1 else "",
            level2=normalise_level2(level2) if level2 else "",
            level3=text.get(LEVEL3, ""),
            description=text.get(DESCRIPTION, ""),
            target_raw=_join(text.get(COMPARATOR, ""), value, measure),
            cycle_target_raw=_join("", text.get(CYCLE, ""), measure),
            basis=text.get(BASIS, ""),
            level1_raw=level1,
            level2_raw=level2,
            label=text.get(SEQ, ""),
            weight_raw=text.get(WEIGHT, ""),
            # A bare actual number shares the unit column with the target.
            actual_raw=_join("", actual, measure) if _BARE_NUMBER.match(actual) else actual,
            score_raw=text.get(SCORE, ""),
            deviation=text.get(DEVIATION, ""),
            source=Source(self.file, 1, number, line=line),
        )

    def _total(self, label: str, placed: list[Cell | None]) -> None:
        """总分 | … | 100 | 92.5 → fields 总分/分值, 总分/得分."""
        for k, cell in enumerate(placed):
            if cell and cell.text and cell.text != label:
                self.totals[f"{label}/{self.header.cells[k].text or f'第{k + 1}列'}"] = cell.text

    def _trailer(self, document: Document) -> None:
        """Notes under the table (填表人：…, 说明：…) are kept on the document."""
        for cell in self.trailer:
            match = LABELLED.match(cell.text)
            if match and match.group(2):
                document.fields[match.group(1).strip()] = match.group(2).strip()
            else:
                document.texts.append(TextBlock("", cell.text, Source(self.file, line=cell.line)))

    # -- findings ----------------------------------------------------------------------------

    def _unmapped(self) -> None:
        """One finding per column whose content was not read."""
        read = {k for f, k in self.columns.items() if f not in (GROUP, FLAG, REMARK)}
        for k, cell in enumerate(self.header.cells):
            name, has = cell.text, k in self.content
            if k in read:
                continue
            if k in self.duplicates:
                message = f"第{k + 1}列“{name}”与第{self.duplicates[k] + 1}列含义相同，该列内容没有读入。"
            elif self.table.fields.get(k) == GROUP:
                if not has:
                    continue  # the form's row-group label over an empty column
                message = f"第{k + 1}列“{name}”是表格的分组标题，它下面的内容没有读入。"
            elif name:
                message = f"第{k + 1}列“{name}”不是已知的指标表列名，该列内容没有读入。"
            elif has:
                message = f"第{k + 1}列没有列名，该列内容没有读入。"
            else:
                continue
            self._problem("JX063", message, self.header.line, 1, k, evidence=self.content.get(k, name),
                          severity=Severity.WARNING if has else Severity.HINT)

    def _problem(self, code: str, message: str, line: int, number: int, column: int | None, *,
                 evidence: str = "", severity: Severity = Severity.WARNING, row_no: int | None = None,
                 section: Section | None = None) -> None:
        source = Source(self.file, 1, number, None if column is None else column + 1, line)
        self.findings.append(problem(code, message, source, severity=severity, evidence=evidence, row_no=row_no,
                                     section_name=section.name if section else ""))


def _joined(rows: list[Row], width: int, cells_layout: bool):
    """(index of the row's first piece, row, pieces). Word exports can break a row of TAB-led
    cells at blank lines; runs of such cell rows are joined back to the header's width."""
    if not cells_layout:
        yield from ((i, row, 1) for i, row in enumerate(rows))
        return
    origin = {id(c): i for i, row in enumerate(rows) for c in row.cells}
    i = 0
    while i < len(rows):
        if not _cell_row(rows[i]):
            yield i, rows[i], 1
            i += 1
            continue
        end = next((j for j in range(i, len(rows)) if not _cell_row(rows[j])), len(rows))
        for cells in join_fragments((row.cells for row in rows[i:end]), width):
            yield origin[id(cells[0])], Row(cells, cells[0].line), len({origin[id(c)] for c in cells})
        i = end


def _join(comparator: str, number: str, unit: str) -> str:
    """``≥`` ``95`` ``%`` → ``≥95%``; a unit or comparator already in the number is not repeated."""
    if not number:
        return ""
    if comparator and number.startswith(comparator):
        comparator = ""
    if unit and number.endswith(unit):
        unit = ""
    return f"{comparator}{number}{unit}"


def _cell_row(row: Row) -> bool:
    """A row of TAB-led cells (title lines of the cells layout have column 0)."""
    return bool(row.cells) and row.cells[0].column > 0


