"""The lines above an indicator table: title, labelled cells, the budget-execution block.

A self-evaluation table (项目支出绩效自评表) starts with 项目名称 / 主管部门 / 实施单位, a block of
年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分 per funding row, and 年度总体目标 with
预期目标 / 实际完成情况. A bare target table has at most a title and a few ``标签：值`` lines.
Everything is kept: known labels fill the model, other labelled cells go to ``fields``, other
text to ``texts``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from jixiao.lazy_re import compile_later
from jixiao.model.document import Amounts, Money, TextBlock
from jixiao.model.source import Source
from jixiao.read.grid import Cell, Row
from jixiao.read.indicator_header import fold
from jixiao.read.patterns import YEAR

Align = Callable[[Row, Row], tuple[list[Cell | None], list[Cell]]]

_PROJECT = {"项目名称", "专项资金名称", "专项名称"}
_CODE = {"项目编码", "项目代码", "项目编号"}
_IMPLEMENTER = {"实施单位", "项目实施单位", "项目执行单位", "执行单位"}
_DEPARTMENT = {"主管部门", "项目主管部门"}
_ORG = {"部门名称", "单位名称", "填报单位", "预算单位", "编报单位", "评价单位", "单位"}
_YEAR = {"年度", "评价年度", "所属年度", "预算年度"}
_GOAL = {"年度总体目标", "总体目标", "年度目标", "绩效目标", "年度绩效目标", "项目绩效目标", "总体绩效目标",
         "整体绩效目标", "年度整体绩效目标", "项目总目标", "项目绩效总目标", "全年绩效目标", "当年绩效目标"}
_PURPOSE = {"资金用途", "项目概况", "主要内容", "项目主要内容", "主要实施内容", "部门职能概述", "部门职责",
            "主要职责", "职能职责"}
_MONEY_LABELS = {"单位", "金额单位", "资金单位"}
# A form's amounts written as labelled cells (年度资金总额: | 6070.00, 其中:财政拨款 | 6070.00).
_AMOUNT_LABELS = {**dict.fromkeys(("年度资金总额", "资金总额", "预算金额", "项目资金总额", "年度预算", "当年预算",
                                   "预算总额", "年度预算数", "项目预算", "当年资金总额"), "total"),
                  **dict.fromkeys(("财政拨款", "财政资金", "当年财政拨款", "财政拨款资金"), "fiscal"),
                  "其他资金": "other"}
# The goal over the whole implementation period: kept in the fields, never the year's goal.
_CYCLE_GOAL = {"中期目标", "长期目标", "中长期目标", "实施期目标", "实施期绩效目标", "中期绩效目标", "长期绩效目标"}
_KNOWN = _PROJECT | _CODE | _IMPLEMENTER | _DEPARTMENT | _ORG | _YEAR | _GOAL | _PURPOSE | _MONEY_LABELS | _CYCLE_GOAL
# What each known label fills, for readers that find a label's value by its place in a grid.
FORM_LABELS = {"project": _PROJECT, "code": _CODE, "implementer": _IMPLEMENTER, "department": _DEPARTMENT,
               "organisation": _ORG, "year": _YEAR, "goal": _GOAL, "purpose": _PURPOSE}
# Labels that open a project's own block: a second table after one of them is another project.
PROJECT_LABELS = _PROJECT | _CODE | _IMPLEMENTER
# Columns naming a project where a table of several projects gives each its own cells.
PROJECT_COLUMNS = _PROJECT | _CODE
_GOAL_PARTS = {"预期目标": "", "实际完成情况": "实际完成情况", "实际完成": "实际完成情况"}

_BUDGET_COLUMNS = {"年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "预算数", "执行数",
                   "调整后预算数", "预算执行率"}
_TOTAL_COLUMNS = ("全年预算数", "调整后预算数", "预算数", "年初预算数")
_BUDGET_ROW = re.compile(r"资金|拨款|结转|合计|其中")

_MONEY_UNITS = ("万元", "千元", "亿元", "元")
_MONEY_UNIT = compile_later(r"(?:单位[：:]\s*|[（(])(万元|千元|亿元|元)(?![\u4e00-\u9fff/])")
_NUMERIC = re.compile(r"^[\d,，.．%％\-—－–/／\s]*$")
_SUBTITLE = re.compile(r"^[（(]\s*(?:19|20)\d{2}\s*年度?\s*[）)]$")
LABELLED = re.compile(r"^([^：:\d]{1,16})[：:]\s*(.*)$", re.S)  # 标签：值 (no digits: 目标1：… is text)
_ORG_NAME = re.compile(r"(局|委|办|院|站|中心|政府|厅|部|会|所|馆|校|队)(本级)?$")
_PREFIX = re.compile(r"^其中[：:]?")


@dataclass(slots=True)
class Preamble:
    title: str = ""
    year: int | None = None
    organisation: str = ""
    money_unit: str = ""
    project: str = ""
    project_line: int | None = None
    code: str = ""
    implementer: str = ""  # 实施单位, the budget unit of a project
    department: str = ""  # 主管部门
    goal: str = ""
    purpose: str = ""
    amounts: Amounts = field(default_factory=Amounts)
    section_fields: dict[str, str] = field(default_factory=dict)
    doc_fields: dict[str, str] = field(default_factory=dict)
    texts: list[TextBlock] = field(default_factory=list)


def read_preamble(rows: list[Row], align: Align, file: str) -> Preamble:
    """Read the rows above the header; ``align`` places a row under a header row of its layout."""
    out = Preamble()
    i = 0
    while i < len(rows):
        row = rows[i]
        labels = [fold(c.text) for c in row.nonempty()]
        if sum(label in _BUDGET_COLUMNS for label in labels) >= 2:
            i = _budget_block(rows, i, align, file, out)
            continue
        if labels and labels[0] in _GOAL and any(x in _GOAL_PARTS for x in labels[1:]) and i + 1 < len(rows):
            _goal_table(row, rows[i + 1], align, file, out)
            i += 2
            continue
        cells = row.nonempty()
        # a label alone on its line and its value alone on the next (one cell per line): a pair —
        # not a column name over another (项目名称 | 金额 of a table's header written down the lines)
        # (a blank line between them where the text sets every cell apart)
        if (len(cells) == 1 and i + 1 < len(rows) and rows[i + 1].line <= row.line + 2
                and len(value := rows[i + 1].nonempty()) == 1
                and (fold(cells[0].text) in _KNOWN and len(value[0].text) > 2 and not _is_label(value[0].text)
                     or _amount_pair(cells[0].text, value[0].text))):
            cells, i = [*cells, *value], i + 1
        _cells(cells, file, out)
        i += 1
    if out.year is None:
        years = [m.group(1) for t in (out.title, out.doc_fields.get("subtitle", "")) if (m := YEAR.search(t))]
        out.year = int(years[0]) if years else None
    if not out.organisation:
        out.organisation = out.implementer or out.department
    return out


def _budget_block(rows: list[Row], i: int, align: Align, file: str, out: Preamble) -> int:
    """年初预算数 / 全年预算数 … columns and one row per funding line → fields and amounts."""
    header = rows[i]
    columns = {k: c.text for k, c in enumerate(header.cells) if fold(c.text) in _BUDGET_COLUMNS}
    # No cell over the rows' labels (a copy drops it when empty): rows led by a label have it before.
    unlabelled = 0 in columns
    shifted = Row([Cell("", header.line), *header.cells], header.line), {k + 1: c for k, c in columns.items()}
    written = header, columns
    for cell in header.nonempty():
        _money_unit(cell.text, out)
        if fold(cell.text) not in _BUDGET_COLUMNS:
            out.section_fields["资金表头"] = cell.text
    j = i + 1
    while j < len(rows):
        first = rows[j].cells[0].text if rows[j].cells else ""
        head, columns = shifted if unlabelled and first and not _NUMERIC.match(first) else written
        placed, extra = align(head, rows[j])
        # Text is the row's label wherever it landed (a PDF copy may shift it under a column).
        cells = [(k, c) for k, c in enumerate(placed) if c and c.text]
        label = " ".join(c.text for k, c in cells if k not in columns or not _NUMERIC.match(c.text))
        values = {columns[k]: c for k, c in cells if k in columns and _NUMERIC.match(c.text)}
        if not (_BUDGET_ROW.search(label) if label else values):
            break
        key = _PREFIX.sub("", label)
        for column, cell in values.items():
            out.section_fields[f"{key}/{column}"] = cell.text
        _amount(fold(key), {fold(k): v for k, v in values.items()}, file, out)
        out.texts.extend(TextBlock(key, c.text, Source(file, line=c.line)) for c in extra if c.text)
        j += 1
    return j


def _amount(label: str, values: dict[str, Cell], file: str, out: Preamble) -> None:
    cell = next((values[c] for c in _TOTAL_COLUMNS if c in values), None)
    if cell is None:
        return
    money = Money.parse(cell.text, Source(file, line=cell.line))
    if "资金总额" in label or label in {"合计", "总计"}:
        out.amounts.total = out.amounts.total or money
    elif "财政" in label:
        out.amounts.fiscal = out.amounts.fiscal or money
    elif "其他资金" in label:
        out.amounts.other = out.amounts.other or money


def _goal_table(header: Row, values: Row, align: Align, file: str, out: Preamble) -> None:
    """年度总体目标 | 预期目标 | 实际完成情况 over one row of texts."""
    placed, extra = align(header, values)
    for k, cell in enumerate(header.cells):
        part = _GOAL_PARTS.get(fold(cell.text))
        value = placed[k].text if placed[k] else ""
        if part is None or not value:
            continue
        if part:
            out.section_fields[part] = value
        else:
            out.goal = value
    for cell in extra:
        if cell.text:
            out.texts.append(TextBlock("年度总体目标", cell.text, Source(file, line=cell.line)))


def _cells(cells: list[Cell], file: str, out: Preamble) -> None:
    """Labelled cells (``标签：值`` or a known label followed by its value) and free text."""
    k = 0
    while k < len(cells):
        text = cells[k].text
        # 年度资金总额: | 6070.00 and 其中:财政拨款 | 6070.00 (the colon is 其中's): the value is the next cell
        amount = k + 1 < len(cells) and _amount_pair(text, cells[k + 1].text)
        match = None if amount else LABELLED.match(text)
        if match and (match.group(2) or fold(match.group(1)) in _KNOWN):
            label, value = match.group(1).strip(), match.group(2).strip()
            if not value and k + 1 < len(cells) and not _is_label(cells[k + 1].text):
                value, k = cells[k + 1].text, k + 1
            _labelled(label, value, cells[k], file, out)
        elif amount or fold(text) in _KNOWN and k + 1 < len(cells) and not _is_label(cells[k + 1].text):
            _labelled(text, cells[k + 1].text, cells[k], file, out)
            k += 1
        else:
            _free(text, cells[k], file, out)
        k += 1


def _is_label(text: str) -> bool:
    return fold(text) in _KNOWN or fold(_PREFIX.sub("", text)) in _AMOUNT_LABELS or bool(LABELLED.match(text))


def _amount_pair(label: str, value: str) -> bool:
    """An amount's label and its amount (其中:财政拨款 | 6070.00), not a header over amounts."""
    return fold(_PREFIX.sub("", label)) in _AMOUNT_LABELS and Money.parse(value).value is not None


def _labelled(label: str, value: str, cell: Cell, file: str, out: Preamble) -> None:
    """A known label fills the model; 主管部门, amounts and every other label are kept in the fields."""
    key = fold(label)
    if key in _DEPARTMENT:
        out.department = out.department or value
    if (slot := _AMOUNT_LABELS.get(_PREFIX.sub("", key))) and getattr(out.amounts, slot) is None:
        money = Money.parse(value, Source(file, line=cell.line))
        if money.value is not None:
            setattr(out.amounts, slot, money)
            _money_unit(label, out)
            out.money_unit = out.money_unit or next((u for u in _MONEY_UNITS if value.endswith(u)), "")
    if key in _DEPARTMENT or not _consume(key, value, cell, out):
        out.section_fields[label] = value


def _consume(key: str, value: str, cell: Cell, out: Preamble) -> bool:
    if key in _PROJECT and not out.project:
        out.project, out.project_line = value, cell.line
    elif key in _CODE and not out.code:
        out.code = value
    elif key in _IMPLEMENTER and not out.implementer:
        out.implementer = value
    elif key in _MONEY_LABELS and value in _MONEY_UNITS and not out.money_unit:
        out.money_unit = value
    elif key in _ORG and not out.organisation:
        out.organisation = value
    elif key in _YEAR and out.year is None and (m := re.search(r"(?:19|20)\d{2}", value)):
        out.year = int(m.group(0))
    elif key in _GOAL and not out.goal:
        out.goal = value
    elif key in _PURPOSE and not out.purpose:
        out.purpose = value
    else:
        return False
    return True


def _free(text: str, cell: Cell, file: str, out: Preamble) -> None:
    _money_unit(text, out)
    if _SUBTITLE.match(text):
        out.doc_fields["subtitle"] = text
    elif not out.title:
        out.title = text
    elif not out.organisation and len(text) < 40 and _ORG_NAME.search(text):
        out.organisation = text
    else:
        out.texts.append(TextBlock("", text, Source(file, line=cell.line)))


def money_unit(text: str) -> str:
    """The money unit a title or label names (单位：万元, 预算金额（万元）), or ''."""
    match = _MONEY_UNIT.search(text)
    return match.group(1) if match else ""


def _money_unit(text: str, out: Preamble) -> None:
    out.money_unit = out.money_unit or money_unit(text)
