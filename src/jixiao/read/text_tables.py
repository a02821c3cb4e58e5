"""指标表 and 自评表 in any text: web pages, Word and PDF copies, one table or several.

The text is split into cells (:mod:`jixiao.read.text_cells`), the tables in the cells are read by
what their header and cells say (:mod:`jixiao.read.indicator_stream`), and each table becomes a
section of one document, with the form above it (项目名称, amounts, 年度目标 …) read by
:mod:`jixiao.read.indicator_preamble`. Texts whose cells run together with no separator at all
are split by :mod:`jixiao.read.glued`; the reading that yields more complete rows is kept.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from jixiao.findings import Finding, Severity
from jixiao.model.document import Document, DocKind, Indicator, Section, SectionKind, TextBlock, Unit
from jixiao.model.categories import LEVEL2_PARENT
from jixiao.model.source import Source
from jixiao.read.base import GENERAL_CEILING, ReadResult, Recognition, TableColumns, TextInput, problem
from jixiao.read.grid import Cell, Row
from jixiao.read.indicator_header import (
    ACTUAL, BASIS, COMPARATOR, CYCLE, DESCRIPTION, DEVIATION, FLAG, LEVEL3, MEASURE, NUMBER, SCORE, TARGET,
    ROLE_NAMES, SEQ, WEIGHT, column_field,
)
from jixiao.read.indicator_preamble import LABELLED, read_preamble
from jixiao.read.glued import glued_tables
from jixiao.read.indicator_stream import (
    UNREAD, Note, Record, StreamTable, read_tables, signature, table_of_rows,
)
from jixiao.read.patterns import WORDS
from jixiao.read.text_cells import CELL, TAB_LED
from jixiao.values.parse import is_comparator, parse_target
from jixiao.values.types import Placeholder, Qualitative

_FORM_NAME = "文本指标表"


@dataclass(slots=True)
class _Reading:
    form: str
    tables: list[StreamTable]
    tokens: list  # the cell stream (for the form above each table)
    runner_up: str = "无"  # the other reading and what it gave, for read --explain

    @property
    def rows(self) -> int:
        return sum(len(t.records) for t in self.tables)


def _reading(source: TextInput) -> _Reading:
    """The reading of the text's cells, or of its glued lines where that gives more rows."""
    stream = source.cells()
    reading = _Reading(stream.form, read_tables(stream.tokens, stream.empties_kept, source.corrections),
                       stream.tokens)
    if reading.tables:
        _cut_off(source.lines, reading.tables[-1])  # a text's excerpt: an office input has no lines
    lines = source.glued_lines()
    glued = glued_tables(lines) if lines else []
    if glued:
        tables = [table_of_rows(g.header_line, g.roles, [(r.line, r.cells) for r in g.rows], g.notes) for g in glued]
        other = _Reading("无分隔（单元格连写）", tables, [])
        mine, theirs = _complete(reading), _complete(other)
        # Splitting glued text guesses more than reading separators: it must read clearly more.
        if theirs[0] >= mine[0] + GLUED_LEAD:
            other.runner_up = f"{reading.form}，{mine[1]} 行（其中 {mine[0]} 行指标值像数值或方向）"
            return other
        reading.runner_up = f"{other.form}，{theirs[1]} 行（其中 {theirs[0]} 行指标值像数值或方向）"
    return reading


GLUED_LEAD = 2


_TARGET_CELLS = {TARGET, NUMBER, MEASURE, COMPARATOR, FLAG}


def _cut_off(lines: list[str], table: StreamTable) -> None:
    """A text cut off in a row's name or target (a search engine's excerpt): where the table's lines
    close with a pipe and the text's last line does not, the row on that line is reported, not read.
    A row cut after its target (in 权重, 备注) keeps it."""
    last = max((k for k, line in enumerate(lines) if line.strip()), default=-1)
    record = table.records[-1] if table.records else None
    if record is None or max(record.last_line, record.line) != last + 1 or lines[last].rstrip().endswith("|"):
        return
    tail = lines[last].rsplit("|", 1)[-1].strip()
    if any(record.cells.get(r, "").split("\n")[-1] == tail for r in set(table.value_roles) - _TARGET_CELLS):
        return
    written = [line.strip() for line in lines[table.header_line - 1:last + 1] if line.strip()]
    # a line closes its cell with its own pipe, or with a lone | line after it (one cell per line)
    closed = sum(line.endswith("|") or after == "|" for line, after in zip(written, written[1:]))
    if len(written) >= 4 and closed * 5 >= (len(written) - 1) * 4:
        table.records.pop()
        table.notes.append(Note(last + 1, f"文本在“{record.cells.get(LEVEL3, '')}”这一行中间结束（末尾没有竖线），"
                                          "这一行可能不完整，没有读入。", "JX067"))


def _complete(reading: _Reading) -> tuple[int, int]:
    """How whole the rows look: those with a name in words and a target that reads as a value
    (a number, a date, a stated direction), then those with any target that is no column name."""
    valued = named = 0
    for table in reading.tables:
        for record in table.records:
            target = target_text(record.cells)
            name = record.cells.get(LEVEL3, "")
            # a category's name inside a row's name (指标数量指标培训人数): cells the split left glued
            # and a target of eight digits and more: cells run together (≥2002021010 is ≥200 | 202 | 10 | 10)
            if (WORDS.search(name) and not _LABEL_IN.search(name) and target and not column_field(target)
                    and not _RUN_TOGETHER.search(target)):
                named += 1
                value = parse_target(target)
                valued += not isinstance(value, (Qualitative, Placeholder)) or getattr(value, "direction", None) is not None
    return valued, named


_RUN_TOGETHER = re.compile(r"\d{8}")
_LABEL_IN = re.compile("|".join(sorted({*LEVEL2_PARENT, *LEVEL2_PARENT.values()}, key=len, reverse=True)))


class TextTableReader:
    name = "text_tables"
    description = "文本中的绩效指标表和自评表（竖线、制表符、空格分列，每格一行，一页多表）"

    def identify(self, source: TextInput) -> Recognition:
        reading = _reading(source)
        if not reading.rows:
            if near := next((t for t in reading.tables if t.names and not t.value_roles), None):
                why = f"第{near.header_line}行有类似指标表表头的行（{'、'.join(near.names)}），但缺少“指标值/年度指标值/目标值”列"
                return Recognition(0.0, why, why)
            if headers := [t for t in reading.tables if t.names]:
                # a header alone is a table still: read, it says that no rows are under it (JX060)
                return Recognition(HEADER_ONLY, f"第{headers[0].header_line}行有指标表表头，但表头下面没有指标行")
            return Recognition(0.0, "没有找到带指标名称和指标值的指标行")
        # Below the layouts made for one form (≥ GENERAL_CEILING): they know their form better.
        score = min(GENERAL_CEILING - 0.02, 0.3 + 0.02 * reading.rows)
        where = "；".join(f"第{t.header_line}行起 {len(t.records)} 行" for t in reading.tables if t.records)
        return Recognition(score, f"{reading.form}，{len(reading.tables)} 个指标表（{where}）")

    def extract(self, source: TextInput) -> ReadResult:
        reading = _reading(source)
        findings: list[Finding] = []
        document = Document(DocKind.INDICATOR_TABLE, source_file=source.name, source=Source(source.name, 1, line=1))
        end = 0
        align = _aligner(source)
        for table_no, table in enumerate(reading.tables, 1):
            above = _form_rows(reading.tokens[end:table.header_start], source if reading.form == TAB_LED else None)
            end = table.header_start
            pre = read_preamble(above, align, source.name)
            if table_no == 1 or not document.title:
                document.title = document.title or pre.title
                document.year = document.year or pre.year
                document.organisation = document.organisation or pre.organisation
                document.money_unit = document.money_unit or pre.money_unit
                document.texts.extend(pre.texts)
                document.fields.update(pre.doc_fields)
            for records in _projects(table.records) or [[]] * bool(table.names):
                if records and records[0].form:  # a project's own cells in the table (项目名称 | 预算数 | 年度目标)
                    pre = read_preamble([_form_row(records[0])], align, source.name)
                number = len(document.sections) + 1
                section = _section(source.name, number, table, pre)
                section.indicators = [_indicator(source.name, number, record) for record in records]
                section.fields.update(table.totals)
                document.sections.append(section)
                if section.unit.name and section.unit not in document.units:
                    document.units.append(section.unit)
            findings += _findings(source, table_no, table, reading.form == TAB_LED)
            if {ACTUAL, SCORE} & set(table.value_roles):
                document.kind = DocKind.SELF_EVALUATION
        if reading.tables and reading.tables[-1].trailer_line:
            _trailer(document, reading.tokens[reading.tables[-1].header_start:], reading.tables[-1].trailer_line)
        tables = [TableColumns(signature(t.names), tuple(t.names), tuple(t.roles), t.header_line)
                  for t in reading.tables if t.names]
        return ReadResult([document], findings, explain=_explain(reading), tables=tables)


def _findings(source: TextInput, number: int, table: StreamTable, blocks: bool) -> list[Finding]:
    """What the table could not read as written: rows without a name, cells it could not place,
    columns whose cells are no part of an indicator, rows Word's export broke at blank lines
    (``blocks``), no rows at all."""
    def at(line: int, column: int | None = None, row: int | None = None) -> Source:
        return Source(source.name, number, row, column, line)

    found = [problem(note.code, note.message, at(note.line, note.column),
                     severity=Severity.WARNING if note.code == "JX061" else Severity.HINT, evidence=note.evidence)
             for note in table.notes]
    name_column = table.roles.index(LEVEL3) + 1 if LEVEL3 in table.roles else None
    for k, record in enumerate(table.records, 1):
        if not record.cells.get(LEVEL3):
            found.append(problem("JX062", "这一行有指标值等内容，但没有指标名称（三级指标）。",
                                 at(record.line, name_column, record.row), row_no=k,
                                 evidence=" | ".join(v for v in record.cells.values() if v)))
        if blocks and (pieces := 1 + sum(1 for n in range(record.line + 1, record.last_line)
                                         if source.blank(n) and not source.blank(n - 1))) > 1:
            found.append(problem("JX064", f"这一行被空行分成了{pieces}段，已按表头的列合并为一行。",
                                 at(record.line, row=record.row), severity=Severity.HINT, row_no=k))
    for slot, text in sorted(table.unread.items()):
        column = table.header_cell(slot)
        name = table.names[column] if column is not None else ""
        role = table.roles[column] if column is not None else ""
        same = table.roles.index(role) if role not in UNREAD else None
        where = f"第{column + 1}列" if column is not None else "有一列"
        if same is not None and same != column:
            why = f"“{name}”与第{same + 1}列含义相同"
        elif role:
            why = f"“{name}”是{ROLE_NAMES[role]}的列，不是指标的内容"
        elif name:
            why = f"“{name}”不是已知的指标表列名"
        else:
            why = "没有列名"
        found.append(problem("JX063", f"{where}{why}，该列内容没有读入。",
                             at(table.header_line, None if column is None else column + 1, 1), evidence=text))
    if table.names and not table.records:
        found.append(problem("JX060", "表头下面没有指标行。", at(table.header_line, row=1), evidence=" | ".join(table.names)))
    return found


def _trailer(document: Document, tokens: list, line: int) -> None:
    """What follows the last table (填表人：…, 说明：…) is kept on the document."""
    for token in tokens:
        for text in token.text.split("\n") if token.kind == CELL and token.line >= line else ():
            match = LABELLED.match(text)
            if match and match.group(2):
                document.fields[match.group(1).strip()] = match.group(2).strip()
            elif text:
                document.texts.append(TextBlock("", text, Source(document.source_file, line=token.line)))


EXPLAIN_ROWS = 5  # rows of each table shown by read --explain
HEADER_ONLY = 0.25  # above a layout reader's guess from a header alone, below its sure readings


def _explain(reading: _Reading) -> list[str]:
    """What the reading saw: how the text was split, each table's columns and first rows."""
    lines = [f"文本切分：{reading.form}；另一种读法：{reading.runner_up}"]
    for number, table in enumerate(reading.tables, 1):
        columns = " | ".join(ROLE_NAMES.get(r, "（未知列）") for r in table.roles) or "（没有表头）"
        after = "、".join(ROLE_NAMES.get(r, r) for r in table.value_roles)
        lines.append(f"第{number}个指标表（第{table.header_line}行）：表头各列 {columns}；名称后的单元格依次为 {after}")
        for record in table.records[:EXPLAIN_ROWS]:
            cells_ = " | ".join(f"{ROLE_NAMES.get(k, k)}={v}".replace("\n", "/") for k, v in record.cells.items())
            lines.append(f"  第{record.line}行 [{record.level1_raw or record.level1}/{record.level2_raw or record.level2}] {cells_}")
        if len(table.records) > EXPLAIN_ROWS:
            lines.append(f"  …… 共 {len(table.records)} 行")
    return lines


def _projects(records: list[Record]) -> list[list[Record]]:
    """A table's rows by project: a row carrying a project's own cells starts the next one."""
    groups: list[list[Record]] = []
    for record in records:
        if record.form or not groups:
            groups.append([])
        groups[-1].append(record)
    return groups


def _form_row(record: Record) -> Row:
    cells_ = [Cell(t, record.line, k) for k, pair in enumerate(record.form.items()) for t in pair]
    return Row(cells_, record.line)


def _form_rows(tokens: list, word: TextInput | None = None) -> list[Row]:
    """The cells above a table, one row per text line, the empty cells the text writes in their
    places. From ``word`` (a Word export, one cell per line) a row runs to the next blank line
    instead, as Word writes a table's rows."""
    rows: list[list[Cell]] = []
    last = 0
    for token in tokens:
        if token.kind != CELL:
            continue
        if not rows or (token.line != last and (word is None or any(word.blank(k) for k in range(last + 1, token.line)))):
            rows.append([])
        rows[-1].append(Cell(token.text, token.line, len(rows[-1]) + 1))
        last = token.line
    return [Row(cells_, cells_[0].line) for cells_ in rows if any(c.text for c in cells_)]


def _aligner(source: TextInput):
    """How a form row is placed under the row above it: cell by cell, or, where both are split at
    runs of spaces (a PDF copy drops empty cells), by the screen column where each cell starts."""
    def align(header: Row, row: Row) -> tuple[list[Cell | None], list[Cell]]:
        width = len(header)
        lines = source.free_line(header.line), source.free_line(row.line)
        if len(row.cells) < width and all(_spaced(line) for line in lines):
            slots = _by_offset(lines[0], header, lines[1], row)
            return [next((c for c, s in zip(row.cells, slots) if s == i), None) for i in range(width)], []
        return [*row.cells[:width], *[None] * (width - len(row.cells))], row.cells[width:]
    return align


def _spaced(line: str | None) -> bool:
    return line is not None and "\t" not in line and "|" not in line


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _starts(line: str, row: Row) -> list[int]:
    """Screen column where each cell of a space-separated row starts (wide characters count 2)."""
    starts, pos = [], 0
    for cell in row.cells:
        found = line.find(cell.text, pos) if cell.text else -1
        found = pos if found < 0 else found
        starts.append(_width(line[:found]))
        pos = found + len(cell.text)
    return starts


def _by_offset(header_line: str, header: Row, line: str, row: Row) -> list[int]:
    """Header position of each cell of a short row: the nearest header column, in order."""
    heads = _starts(header_line, header)
    slots, prev = [], -1
    for k, start in enumerate(_starts(line, row)):
        last = len(heads) - (len(row.cells) - k)
        prev = min(range(prev + 1, last + 1), key=lambda j: abs(heads[j] - start))
        slots.append(prev)
    return slots


def _section(file: str, number: int, table: StreamTable, pre) -> Section:
    if pre.project:
        kind, name, line = SectionKind.PROJECT, pre.project, pre.project_line or table.header_line
    else:
        kind, name, line = SectionKind.DEPARTMENT, "部门整体绩效指标", table.header_line
    return Section(kind, name, pre.code, key=str(number), unit=Unit.parse(pre.implementer) if pre.implementer else Unit(),
                   amounts=pre.amounts, purpose=pre.purpose, goal=pre.goal, fields=pre.section_fields,
                   source=Source(file, number, line=line))


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


_OPEN_NUMBER = re.compile(r"[\d万亿]$")


def target_text(cells_: dict[str, str], value_role: str = TARGET) -> str:
    """The target as written; split columns joined in comparator–value–unit order (``≤ 70 万元``).

    A 定性/定量 or 正向/反向 flag is no part of the target; a placeholder unit (无, -) neither."""
    value = cells_.get(value_role) or (cells_.get(NUMBER, "") if value_role == TARGET else "")
    if not value:
        return ""
    written = [part for r in (COMPARATOR, FLAG) for part in cells_.get(r, "").split("\n")]
    comparator = next((part for part in written if is_comparator(part)), "")
    unit = cells_.get(MEASURE, "")
    # A value not ending in its number (28.8万元, 应保尽保) has its unit or is words: the unit column is not added.
    if unit in ("无", "-", "—", "/") or (unit and not _OPEN_NUMBER.search(value)):
        unit = ""
    if comparator and value[:1] in "≥≤=><≧≦═":
        comparator = ""
    return _join(comparator, value, unit)


def _indicator(file: str, table: int, record: Record) -> Indicator:
    c = record.cells
    return Indicator(
        level1=record.level1, level2=record.level2, level3=c.get(LEVEL3, ""),
        description=c.get(DESCRIPTION, ""),
        target_raw=target_text(c),
        cycle_target_raw=target_text(c, CYCLE),
        basis=c.get(BASIS, ""),
        level1_raw=record.level1_raw, level2_raw=record.level2_raw,
        label=c.get(SEQ, ""),
        weight_raw=c.get(WEIGHT, ""),
        actual_raw=c.get(ACTUAL, ""),
        score_raw=c.get(SCORE, ""),
        deviation=c.get(DEVIATION, ""),
        source=Source(file, table, record.row, line=record.start or record.line),
    )
