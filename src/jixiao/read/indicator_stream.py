"""Indicator rows from a stream of cells: the table understanding of the text path.

The cells come from :mod:`jixiao.read.text_cells` in reading order, with row ends only where the
text marks them. A header (一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 …, a header
written over two rows and flattened into one, a header cell broken over lines) gives the roles of
the columns after the indicator name. Then each row is read by what its cells say, not only by
where they stand, because copies drop merged and empty cells:

* category labels (产出指标, 数量指标(必填), 三、产出目标, 产出值 …) are known by their words
  (:func:`jixiao.model.categories.category_label`) and carried down until the next one;
* the first other cell is the indicator's name; the cells after it fill the header's value roles
  in order, a cell that cannot be what a role holds (a sentence under 度量单位, a word under 分值)
  leaving that role empty;
* a row ends at a row end the text marks, at the next label, when its roles are filled, or (where
  the text drops empty cells) where a name followed by a value begins the next row.

Each header starts a table (a page of several projects has several); a footer (总分, 合计, 备注 …)
ends it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import NamedTuple

from jixiao.lazy_re import compile_later
from jixiao.model.categories import EVALUATION_GROUPS, category_label, parent_of
from jixiao.read.indicator_header import (
    ACTUAL, BASIS, COMPARATOR, CYCLE, DESCRIPTION, DEVIATION, FLAG, REMARK, GROUP, LEVEL1, LEVEL2, LEVEL3, MEASURE, NUMBER, PLACE,
    SCORE, SEQ, TARGET, VALUE_FIELDS, WEIGHT, column_field, fold, second_name_described,
)
from jixiao.read.base import ANY_TABLE
from jixiao.read.glued import leading_value, trailing_value
from jixiao.read.indicator_preamble import PROJECT_COLUMNS, PROJECT_LABELS
from jixiao.read.patterns import WORDS
from jixiao.read.text_cells import CELL, ROW_END, TABLE_BREAK, Token
from jixiao.values.parse import COMPARATOR_PATTERN, is_comparator, parse_target
from jixiao.values.types import Qualitative

_LEVELS = (LEVEL1, LEVEL2, LEVEL3)
_KIND_FLAG = re.compile(r"^(?:定性|定量|正向|反向|中性|正向指标|反向指标|中性指标|正|反|/|-|—)$")
# A unit: a short word (人次, 万立方米), per-something forms (元/人/月, 元每人每月), % or ‰.
_UNIT_WORDS = r"(?:[%‰℃㎡A-Za-z\u4e00-\u9fff]{1,4}(?:[/·.每][A-Za-z\u4e00-\u9fff]{1,3}){0,3}|[%‰])"
_UNIT = compile_later(rf"^{_UNIT_WORDS}$")
_POINTS = re.compile(r"^(?:\d+(?:\.\d+)?分?|[—–/\-]|IO|l0)$")
_NUMBER = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?$")
# What a target looks like when the next row's name stands before it (cells dropped by the copy).
_VALUE_LIKE = compile_later(r"^(?:[≥≤=><≧≦═]|>=|<=)?\s*\d[\d,]*(?:\.\d+)?\s*[^\d\s.]{0,5}$|^[≥≤=><≧≦═]")
# What ends a table: a totals or conclusion cell standing alone (总分, 合计：, 评价结论), or a line
# that can only be a page's furniture or sign-off (填表人, 审核意见, 附件, 扫一扫).
_FOOTER = compile_later(
    r"^(?:(?:总分|合计|总计|得分合计|自评总分|备注|说明|评价结论|存在问题|改进措施|主要经验|其他需要?说明(?:的问题|事项)?)"
    r"(?:[（(][^）)]*[）)])?[：:]?(?:\s*[\d.]+分?)?$"
    r"|(?:注|说明|备注)[：:]|填表|填报人|附件|偏差大或|财政部门|审核意见|联系人|负责人|项目负责人|扫一扫|返回|打印|关闭"
    # a sign-off: 某科室(盖章), a date left to fill (年 月 日)
    r"|.{0,30}(?:[（(](?:盖章|签字|签章)[)）]|年\s+月\s+日$)"
    # a web page's own footer: 某某主办, 地址：…, ICP备…, 公网安备…, 网站标识码, 版权所有
    r"|.{0,30}主办$|地址[：:]|.{0,6}ICP备|.{0,10}公网安备|网站标识码|版权所有)"
)
_LABEL_END = re.compile(r"[：:]")
# A report's numbered paragraph alone on its line (3.分析评价…，…; (三)…。): the text after a table.
_REPORT = compile_later(r"^(?:\d{1,2}[.．、]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])[^|]*[，,。；;]")
# A report's section heading alone on its line ((一)中长期绩效目标, 二、项目实施情况): no cell of a row;
# before another header, the end of the table.
_HEADING = compile_later(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])[^\d|]{0,20}(?:目标|情况|概况|说明|内容|措施|问题|依据)$")
# A table's title (项目支出绩效目标表, 绩效自评表): after rows, another table begins.
_TABLE_TITLE = re.compile(r"^[^|，,。；;：:]{0,30}(?:绩效|目标)(?:目标|指标|自评|评价)?(?:申报|批复|公开|审核|自评)?表"
                          r"(?:[（(][^（()）]{1,10}[)）])?$")  # …绩效目标表(一级项目)
# A template row the unit marked as not its own (本项目不适用此指标 | 无): no indicator.
_NOT_APPLICABLE = re.compile(r"不适用|^(?:本项目)?(?:不涉及|无此(?:项|类)?指标)")
# A project form's fields that follow its indicators in some forms: never an indicator's name.
_FORM_FIELD = compile_later(r"^(?:资金拨付对象|项目实施(?:进度|计划)|立项依据|项目概述|项目负责人|联系电话)(?:[（(][^）)]*[）)])?[:：]?$")
_OTHER_HEADER = 3
_LABELLED_LINE = compile_later(r"^[^:：\d]{2,6}[:：]\S")  # 联系地址:…, 公示期:…
_ROWS_ABOVE = 2  # rows a table above the first header must give to be one
# A labelled explanation of several clauses (定量指标计算:完成值达到指标值,记满分;…), never a name.
_EXPLANATION = compile_later(r"^(?!(?:指标|目标)\d)[^:：，,；;。]{2,12}[:：](?=.{12,}).*[，,；;。]")
_BARE_NAME = {"指标", "指标项"}
_FORM_COLUMNS = 8  # a project's own columns left of a header (单位名称 | 项目名称 | 预算数 | 年度目标 …)  # cells on a line led by 序号 that make it a header of its own
_TOTAL_ROW = re.compile(r"总分|合计|总计|得分合计|自评总分")
_TOTAL_NUMBER = re.compile(r"\d+(?:\.\d+)?分?")
_BREAKS = ("，", ",", "、", "（", "(", "；")
_FIRST_LEVEL_HEADING = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_NOTE_CELL = re.compile(r"[（(][^）)]{1,12}[)）]分?")  # (必填硬性指标), (40-50)分
# A label's points, a bracket of theirs lost to the cell before or after: 30分), (30
_POINTS_NOTE = re.compile(r"(?=.*[（()）])[（(]?(\d+(?:\.\d+)?分?)[)）]?")
_LABEL_SHAPE = compile_later(r"^[\u4e00-\u9fff]{2,6}指标$")
_PROSE_END = re.compile(r"[;；。.,，]+$")
_IN_BRACKETS = re.compile(r"^(?P<name>.*[^\s（(])\s*[（(](?P<value>[^（()）]+)[)）]$")
# A comparator inside prose, right before its number (名称≧300人); the glyphs parse_target folds too.
_CMP_IN_TEXT = re.compile(rf"(?:{COMPARATOR_PATTERN.pattern}|[≧≦＝═])(?=\s*\d)")
_DIGIT = re.compile(r"\d")
_CLAUSES = re.compile(r"[,，;；。]")
# What an explanation (偏差原因, 备注) looks like, and a name does not: a sentence.
_SENTENCE = re.compile(r"[，,。；;：:]|.{16}")
# A template's numbering before a name (指标1: 名称), no part of what the name says.
_NUMBERED = re.compile(r"^(?:指标|目标)\d+[:：]")
# A row's own number before its name (指标4. 名称, 3、名称): a cell with one starts a row.
_ROW_NUMBER = compile_later(r"^(?:(?:指标|目标)\d{1,2}[.．、:：]|\d{1,2}[.．、](?!\d))")
_PERIOD = re.compile(r"^(?:19|20)\d\d年(?:度|全年)$")
_TEMPLATE_NAME = re.compile(r"^(?:(?:指标|目标)\d*[:：]?|[…\.。·]+|\d+)$")


class Note(NamedTuple):
    """What could not be read as written: a JX067 finding unless ``code`` says more precisely."""

    line: int
    message: str
    code: str = "JX067"
    column: int | None = None  # header cell, from 1
    evidence: str = ""


@dataclass(slots=True)
class Record:
    """One indicator row: field → text as written, and the categories in effect."""

    line: int
    cells: dict[str, str]
    level1: str = ""
    level2: str = ""
    level1_raw: str = ""
    level2_raw: str = ""
    form: dict[str, str] | None = None  # a project's own cells (项目名称 …) when this row starts it
    row: int | None = None  # the table row, the header's being 1, where the text writes a row per line
    last_line: int = 0  # the line of the row's last cell
    start: int = 0  # the line of the row's first cell (a category or an empty cell before the name)


@dataclass(slots=True)
class StreamTable:
    header_line: int
    header_start: int  # token index where the header begins (what is above is the form)
    roles: list[str]  # roles of the header's columns, in order
    value_roles: list[str]  # roles of the cells after the name, in order
    names: list[str] = field(default_factory=list)  # the header's cells as written
    form_columns: list[str] = field(default_factory=list)  # 单位名称 | 项目名称 | 预算数 … left of the header
    # Where the text writes empty cells and the header stands on one line: each header cell's place
    # on it (Token.column), so that a row's cell can be put under its header cell.
    places: list[int] = field(default_factory=list)
    totals: dict[str, str] = field(default_factory=dict)  # 总分/得分 → 96.8: the table's totals line
    records: list[Record] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    unread: dict[int, str] = field(default_factory=dict)  # header cell → first text under it not read
    trailer_line: int = 0  # where what follows the table (填表人：…, 说明：…) begins

    def header_cell(self, slot: int) -> int | None:
        """The header cell of the ``slot``-th value role: the same role's cell of the same rank."""
        role = self.value_roles[slot]
        rank = self.value_roles[:slot].count(role)
        cells = [k for k, r in enumerate(self.roles) if r == role]
        return cells[rank] if rank < len(cells) else None


def read_tables(tokens: list[Token], empties_kept: bool,
                corrections: dict[str, dict[int, str]] | None = None) -> list[StreamTable]:
    """Every indicator table in the stream, in order. ``empties_kept``: the text writes empty cells,
    so an empty cell fills a column. ``corrections``: a user's column roles by header signature."""
    tokens, achieved, stated = _stated(_labels_split(tokens))
    tokens = _joined(_vertical_labels(_items_split(tokens)))
    # rows without a header hold a name and its target, and what was achieved where prose states it
    bare = [TARGET, ACTUAL] if achieved else [TARGET]
    near: list[tuple] = []
    headers = _headers(tokens, corrections or {}, empties_kept, near)
    if not headers and near:
        # a header naming what each column holds, none of them a value: reading its rows by their
        # cells would take another column for the target
        begin, _, roles, names, _, _ = near[0]
        return [StreamTable(tokens[begin].line, begin, roles, [], names)]
    if not headers:
        # No header: rows after the first category label, each a name and its target.
        start = next((i for i, t in enumerate(tokens) if t.kind == CELL and category_label(t.text)), None)
        if start is None:
            if (found := _transposed(tokens) or _prose_list(tokens)) or stated is None:
                return found
            start = stated  # a report's sentences stating targets, with no category named: rows still
        else:
            start = _rows_before(tokens, start)
        headers = [(start, start, [], [], [], [])]
    elif (start := _rows_above(tokens, headers[0][0])) is not None:
        headers.insert(0, (start, start, [], [], [], []))  # kept only where it gives rows (below)
    tables = []
    k = 0
    while k < len(headers):
        begin, end, roles, names, form, places = headers[k]
        body = []
        while True:  # a header repeated after a page break, with no new form above it, goes on
            stop = headers[k + 1][0] if k + 1 < len(headers) else len(tokens)
            body.extend(tokens[end:stop])
            if k + 1 < len(headers) and headers[k + 1][2] == roles and not _opens_form(tokens[end:stop]):
                k += 1
                end = headers[k][1]
                continue
            break
        table = StreamTable(tokens[begin].line, begin, roles, _value_roles(roles) if roles else bare, names, form,
                            places)
        _Rows(table, body, empties_kept, more=k + 1 < len(headers)).read()
        if roles.count(LEVEL3) > 1:
            _one_row_per_indicator(table)
        if roles or len(table.records) >= _ROWS_ABOVE or len(headers) == 1:
            tables.append(table)
        k += 1
    return tables


def _rows_above(tokens: list[Token], header: int) -> int | None:
    """Where a table starts above the first header whose own header the excerpt cut off: a line
    led by a category label, the rows before its header written as rows are (产出指标 | 数量指标 |
    名称 | ≥400平方米) — or None."""
    for i in range(header):
        token = tokens[i]
        if (token.kind == CELL and token.column == 1 and category_label(token.text) is not None
                and not column_field(token.text)):
            return _rows_before(tokens, i)
    return None


def _rows_before(tokens: list[Token], start: int) -> int:
    """Where rows begin that stand above a table's first category, its header cut off (an excerpt
    starting inside the table): whole lines of a name and its value (名称 | = | 100 | %)."""
    k = start
    while k:
        j = k - 1
        while j >= 0 and (tokens[j].kind != CELL or not tokens[j].text):
            j -= 1  # row ends and lines of empty cells
        if j < 0:
            break
        line = tokens[j].line
        first = j
        while first and tokens[first - 1].kind == CELL and tokens[first - 1].line == line:
            first -= 1
        texts = [t.text for t in tokens[first:j + 1] if t.text]
        if (first and tokens[first - 1].kind != ROW_END or len(texts) < 2 or not WORDS.search(texts[0])
                or _VALUE_LIKE.match(texts[0]) or column_field(texts[0])
                or not any(is_comparator(t) or _VALUE_LIKE.match(t) for t in texts[1:])):
            break
        k = first
    return k


_YEAR_GROUP = re.compile("年度|本年|当年")


def _one_row_per_indicator(table: StreamTable) -> None:
    """Two column groups side by side (中期 二级 | 三级 | 指标值, then 年度 二级 | 三级 | 指标值): each
    line reads as two rows. The year group's (the right one, unless only the left one's header says
    年度) is the row and its value the target; the other group's value on the same line, for the same
    indicator, is the whole period's (cycle) target. Another indicator there is the period's own,
    not a year target: reported, not read."""
    names = [k for k, r in enumerate(table.roles) if r == LEVEL3]
    said = [any(_YEAR_GROUP.search(n) for n in table.names[a:b]) for a, b in zip(names, [*names[1:], len(table.roles)])]
    year_left = said[0] and not said[-1]
    records, out = table.records, []
    k = 0
    while k < len(records):
        pair = records[k:k + 2]
        if len(pair) < 2 or not (pair[0].line == pair[1].line or _same_name(pair[0], pair[1])):
            out.append(records[k])
            k += 1
            continue
        year, period = pair[::-1] if not year_left else pair
        if _same_name(year, period):
            year.cells[CYCLE] = period.cells.get(TARGET) or period.cells.get(NUMBER, "")
        else:
            table.notes.append(Note(period.line, f"“{period.cells.get(LEVEL3, '')}”在另一组（中期/实施期）指标列中，"
                                                 "不是年度指标，没有作为年度指标读入。"))
        year.line, year.start = pair[0].line, pair[0].start
        out.append(year)
        k += 2
    table.records = out


def _same_name(a: Record, b: Record) -> bool:
    return re.sub(r"\s+", "", a.cells.get(LEVEL3, "")) == re.sub(r"\s+", "", b.cells.get(LEVEL3, ""))


def table_of_rows(header_line: int, roles: list[str], rows: list[tuple[int, dict[str, str]]],
                  notes: list[tuple[int, str]]) -> StreamTable:
    """A table whose rows were split elsewhere (field → text, category labels only where a row
    writes them), with the categories carried down and inferred as in a stream."""
    table = StreamTable(header_line, 0, roles, [r for r in roles if r not in _LEVELS], notes=[Note(*n) for n in notes])
    reader = _Rows(table, [], False)
    for line, cells_ in rows:
        written = [cells_[k] for k in (LEVEL1, LEVEL2) if cells_.get(k)]
        for k, text in enumerate(written):
            label = category_label(text)
            if label is not None:
                reader._category(label, text, line, [Token(CELL, t, line) for t in written[k + 1:]])
        reader.row, reader.row_line, reader.alone = {k: v for k, v in cells_.items() if k not in (LEVEL1, LEVEL2)}, line, False
        reader._finish()
    return table


def _transposed(tokens: list[Token]) -> list[StreamTable]:
    """A table written by columns: 三级指标 | 名称1 | 名称2 …, then 年度目标值 | 值1 | 值2 … (a PDF's
    text where each column's cells come together). The names and each value column line up by
    order; a value column of another count is not read."""
    cells_ = [t for t in tokens if t.kind == CELL and t.text]
    start = next((k for k, t in enumerate(cells_) if column_field(t.text) == LEVEL3), None)
    if start is None:
        return []
    names: list[Token] = []
    k = start + 1
    while k < len(cells_) and not column_field(cells_[k].text):
        names.append(cells_[k])
        k += 1
    table = StreamTable(cells_[start].line, tokens.index(cells_[start]), [LEVEL3], [])
    columns: dict[str, list[str]] = {}
    while k < len(cells_) and (role := column_field(cells_[k].text)) in VALUE_FIELDS and names:
        values = [t.text for t in cells_[k + 1:k + 1 + len(names)]]
        if len(values) == len(names) and not any(column_field(v) for v in values):
            columns.setdefault(role, values)
            table.roles.append(role)
        k += 1 + len(names)
    if TARGET not in columns:
        return []
    table.value_roles = list(columns)
    for n, name in enumerate(names):
        table.records.append(Record(name.line, {LEVEL3: name.text, **{r: v[n] for r, v in columns.items()}}))
    return [table]


def _prose_list(tokens: list[Token]) -> list[StreamTable]:
    """A report's sentence listing its targets with no table and no categories (绩效目标:道路硬化
    ≥0.565km;验收合格率≥100%;…): each item with a comparator and its number, a row."""
    rows: list[tuple[int, dict[str, str]]] = []
    lines: dict[int, list[str]] = {}  # a sentence split into cells at its spaces is one again
    for token in tokens:
        if token.kind == CELL and token.text:
            lines.setdefault(token.line, []).append(token.text)
    for line, texts in lines.items():
        text = " ".join(texts)
        if not _ITEM_BREAK.search(text):
            continue
        items = []
        for part in _ITEM_BREAK.split(_LABEL_HEAD.sub("", text)):
            part = part.strip()
            found = _CMP_IN_TEXT.search(part)
            if found and 2 <= found.start() <= _ITEM_LENGTH and not _CLAUSES.search(part[:found.start()]) and (
                    value := leading_value(part[found.start():])):
                items.append((part[:found.start()], value))
        if len(items) >= 2:
            rows += [(line, {LEVEL3: name, TARGET: value}) for name, value in items]
    return [table_of_rows(rows[0][0], [LEVEL3, TARGET], rows, [])] if rows else []


def _opens_form(tokens: list[Token]) -> bool:
    """Whether the cells hold a project's own form labels (项目名称 …): the next table is another's."""
    return any(t.kind == CELL and fold(_LABEL_END.split(t.text, maxsplit=1)[0]) in PROJECT_LABELS for t in tokens)


def _known(text: str) -> bool:
    return bool(text) and (category_label(text) is not None or bool(column_field(text)))


def _labels_split(tokens: list[Token]) -> list[Token]:
    """A category label and its colon before the cell's rows (数量指标：培训人数≥300人；, prose):
    the label a cell of its own."""
    out: list[Token] = []
    for token in tokens:
        head, colon, rest = token.text.partition("：") if "：" in token.text else token.text.partition(":")
        if token.kind == CELL and colon and rest.strip() and category_label(head) is not None:
            out += [Token(CELL, head, token.line), Token(CELL, rest.strip(), token.line)]
        else:
            out.append(token)
    return out


# A report's sentence stating an indicator's target, and what was achieved:
# 第一,名称年初指标值为不低于85%,全年实际完成值100%。 / 名称:指标值为“≥90%”,实际完成值…
_STATED = compile_later(
    r"(?:^|(?<=[。；;]))\s*(?:第[一二三四五六七八九十]{1,3}[,，、]|\d{1,2}[、.．](?!\d))?\s*"
    r"(?P<name>[^。；;,，:：]{2,40}?)[:：]?\s*(?:年初|年度|全年|预期|计划)?(?:指标值|目标值)(?:为|是|[:：])\s*"
    r"[“\"「]?(?P<target>[^,，。；;“”\"「」]+)[”\"」]?"
    r"(?:[,，]\s*(?:全年|年度|年末|当年)?实际完成(?:值|数|情况)?(?:为|是|[:：])?\s*(?P<actual>[^。；;,，]+))?")


def _stated(tokens: list[Token]) -> tuple[list[Token], bool, int | None]:
    """Sentences that state each indicator's target (and what was achieved) in a report's prose:
    one row each, the name, target and actual its cells; whether any states an actual; and where
    the first such row starts (None: no sentence states one)."""
    out: list[Token] = []
    achieved = False
    first = None
    for token in tokens:
        found = list(_STATED.finditer(token.text)) if token.kind == CELL and "值" in token.text else []
        if not found:
            out.append(token)
            continue
        for match in found:
            first = len(out) if first is None else first
            out += [Token(CELL, text, token.line, token.column) for text in match.group("name", "target", "actual") if text]
            out.append(Token(ROW_END, line=token.line))
            achieved = achieved or bool(match["actual"])
    return out, achieved, first


_ITEM_BREAK = re.compile(r"[;；]")
# A sentence's own label before its list: (二)绩效目标: / 年度目标：
_LABEL_HEAD = compile_later(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.．])?[^:：;；,，。]{0,12}[:：]")
_ITEM_LENGTH = 40  # an item's name and value; longer text is a sentence


def _items_split(tokens: list[Token]) -> list[Token]:
    """A cell listing its indicators, each a name and its value (开展巡查频次8次;验收合格率≥86%;), as
    forms write them beside 产出指标: one row per item, where the text marks its rows."""
    if not any(t.kind == ROW_END for t in tokens):
        return tokens  # rows found by what their cells say: an item list stays one cell
    out: list[Token] = []
    for token in tokens:
        parts = [p.strip() for p in _ITEM_BREAK.split(_PROSE_END.sub("", token.text))] if token.kind == CELL else []
        parts = [p for p in parts if p]
        items = [_item(p) for p in parts]
        if len(parts) < 2 or sum(1 for item in items if item) * 2 <= len(parts):
            out.append(token)
            continue
        for part, item in zip(parts, items):
            # a part without a value (数据库基本健全) stays a row of its own, reported as having none
            out += [Token(CELL, text, token.line, token.column) for text in (item or (part, ""))]
            out.append(Token(ROW_END, line=token.line))
    return out


def _item(text: str) -> tuple[str, str] | None:
    """An item's name and value (名称≥86%, 名称8次), or None: never a sentence's clauses (a goal
    written as prose: 实施营造林8万亩。其中:新造林3万亩,…)."""
    if len(text) > _ITEM_LENGTH or _CLAUSES.search(text) or ":" in text or "：" in text:
        return None
    if split := split_prose(text, commas=False, words=False):
        return split
    at = trailing_value(text)
    return (text[:at], text[at:]) if at is not None else None


_ONE_CHARACTER = compile_later(r"^[\u4e00-\u9fff]$")
_VERTICAL = 3  # fewer single characters in a row may be values (是 / 高) or a pair _joined mends


def _vertical_labels(tokens: list[Token]) -> list[Token]:
    """A label written downwards in a narrow cell (绩 / 效 / 指 / 标), one character per line: one
    cell, never a name and its target."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        j = i
        while (j < len(tokens) and tokens[j].kind == CELL and not tokens[j].column
               and _ONE_CHARACTER.match(tokens[j].text) and (j == i or tokens[j].line == tokens[j - 1].line + 1)):
            j += 1
        if j - i < _VERTICAL:
            # 绩 效 指 标 on one line, spaced: a label's letters, where together they are a known word
            j = i
            while (j < len(tokens) and tokens[j].kind == CELL and _ONE_CHARACTER.match(tokens[j].text)
                   and tokens[j].line == tokens[i].line):
                j += 1
            if not _known("".join(t.text for t in tokens[i:j])):
                j = i
        if j - i >= _VERTICAL:
            out.append(Token(CELL, "".join(t.text for t in tokens[i:j]), tokens[i].line))
            i = j
        else:
            out.append(tokens[i])
            i += 1
    return out


def _joined(tokens: list[Token]) -> list[Token]:
    """Labels and header words broken over two cells (项目完成 / 指标, 年度 / 指标值, 数量指标 /
    (必填)) made whole."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        i += 1
        # a cell made whole may take the next too (经济效益 / 指标 / (选填))
        while token.kind == CELL and token.text and (nxt := _next_cell(tokens, i)) is not None:
            if (len(token.text) <= 8 and len(nxt.text) <= 4 and not _known(nxt.text)
                    and _known(token.text + nxt.text)
                    # 数量指标 / (必填硬性指标): a label's note on a line of its own
                    or category_label(token.text) is not None and _NOTE_CELL.fullmatch(nxt.text)):
                token = Token(CELL, token.text + nxt.text, token.line, token.column)
            elif category_label(token.text) is not None and (points := _POINTS_NOTE.fullmatch(nxt.text)):
                # 产出指标 / 30分): the label's points, their brackets broken with the cell
                token = Token(CELL, f"{token.text}({points.group(1)})", token.line, token.column)
            elif parts := _header_parts(token, tokens, i):
                nxt = parts[-1]
                token = Token(CELL, token.text + "".join(p.text for p in parts), token.line, token.column)
            else:
                break
            i = tokens.index(nxt, i) + 1
        out.append(token)
    return out


def _next_cell(tokens: list[Token], i: int) -> Token | None:
    """The cell after ``tokens[i - 1]`` that may go on its text: past a row end before a cell alone
    on its line, and past one empty cell."""
    nxt = next((t for t in tokens[i + _broken_at_line_end(tokens, i):][:2] if t.kind != CELL or t.text), None)
    return nxt if nxt is not None and nxt.kind == CELL else None


def _header_parts(token: Token, tokens: list[Token], i: int) -> list[Token]:
    """The cells, one or two, that complete ``token`` into a header word where the text writes one
    cell per line (年度 / 指标值, 偏差原因 / 分析及 / 改进措施); none where the joined text names no
    column, or two whole header words would become one (指标值 / 确定依据 are two columns)."""
    parts: list[Token] = []
    text = token.text
    while len(parts) < 2 and token.column == 0 and (nxt := _next_cell(tokens, i)) is not None:
        if nxt.column or len(nxt.text) > 6:
            break
        parts.append(nxt)
        text += nxt.text
        if column_field(text) and not (len(parts) == 1 and column_field(token.text) and column_field(nxt.text)):
            return parts
        i = tokens.index(nxt, i) + 1
    return []


def _broken_at_line_end(tokens: list[Token], i: int) -> int:
    """1 where a row end stands at ``i`` and one cell alone on the next line follows it: a label may
    go on there (绩效指标 项目完成 / 指标), 0 otherwise."""
    if i + 1 >= len(tokens) or tokens[i].kind != ROW_END or tokens[i + 1].kind != CELL:
        return 0
    after = tokens[i + 2] if i + 2 < len(tokens) else None
    return int(after is None or after.kind != CELL or after.line != tokens[i + 1].line)


def signature(names: list[str]) -> str:
    """The name of a header's layout: its cells folded and joined."""
    return "|".join(fold(n) for n in names)


def _headers(tokens: list[Token], corrections: dict[str, dict[int, str]], empties_kept: bool = False,
             near: list[tuple] | None = None) -> list[tuple]:
    """(first token, token after the header, column roles, header cells, form columns, places) of
    every header run, with a user's corrections of column roles applied. Where the text writes empty
    cells, an empty header cell between two named ones on a line is a column without a name. Runs
    that name the name column and others they know but no value column go to ``near``."""
    found = []
    i = 0
    while i < len(tokens):
        if tokens[i].kind != CELL or not column_field(tokens[i].text):
            i += 1
            continue
        # 指标 | 指标权重 | 计量单位 | … : a bare 指标 heads the names where the columns after it are known
        if i and tokens[i - 1].kind == CELL and tokens[i - 1].text in _BARE_NAME and column_field(tokens[i].text) != GROUP:
            i -= 1
        j, names, places = i, [], []
        while j < len(tokens) and (tokens[j].kind != CELL or not tokens[j].text or column_field(tokens[j].text)
                                   or j == i):
            if tokens[j].kind == CELL and (tokens[j].text or empties_kept and _inner_gap(tokens, j)):
                names.append(tokens[j].text)
                places.append(tokens[j].column if tokens[j].line == tokens[i].line and empties_kept else 0)
            j += 1
        j = _rest_of_header_line(tokens, i, j, names, places)
        j, placed = _place_columns(tokens, j, names, places)
        while names and column_field(names[-1]) == GROUP:  # 绩效指标 after a header heads the first row
            names.pop()
            places.pop()
        roles = [column_field(n) or (LEVEL3 if n in _BARE_NAME and not k else "")
                 for k, n in enumerate(names[:len(names) - placed])] + [PLACE] * placed
        second_name_described(roles)
        _places_on_the_line(names, roles)
        form = _form_columns(tokens, i)
        for k, role in {**corrections.get(ANY_TABLE, {}), **corrections.get(signature(names), {})}.items():
            if 0 <= k < len(roles):
                roles[k] = role
        present = set(roles)
        # A header needs a value column; one with two level columns whose line holds columns the
        # vocabulary does not know is still a header (the first unknown column after the name is
        # taken for the target), so that a user can say what those columns are.
        levels = present & {LEVEL1, LEVEL2, LEVEL3}
        if len(roles) >= 2 and levels and (present & {*VALUE_FIELDS, PLACE} or len(levels) >= 2 and "" in roles):
            start = i
            while form and start > 0 and tokens[start - 1].kind == CELL and tokens[start - 1].line == tokens[i].line:
                start -= 1  # the form columns belong to the header, not to the form above it
            found.append((start, j, roles, names, form, places if all(places) else []))
        elif near is not None and LEVEL3 in present and "" not in present and present - {*_LEVELS, GROUP, SEQ}:
            near.append((i, j, roles, names, form, []))
        i = max(j, i + 1)
    return found


def _inner_gap(tokens: list[Token], j: int) -> bool:
    """An empty header cell right of the name's (三级指标 | | 指标值) with a named one after it on
    its line: a column without a name. Right of any other header cell it is that cell spanning
    its columns (指标值 over 符号 | 数值 | 度量单位)."""
    line = tokens[j].line

    def named(ks: range) -> str:
        for k in ks:
            if tokens[k].kind != CELL or tokens[k].line != line:
                return ""
            if tokens[k].text:
                return tokens[k].text
        return ""

    return column_field(named(range(j - 1, -1, -1))) == LEVEL3 and bool(named(range(j + 1, len(tokens))))


def _form_columns(tokens: list[Token], i: int) -> list[str]:
    """Columns left of a header on its line that hold each project's own cells (单位名称 | 项目名称 |
    预算数 | 年度目标): a table of several projects, each project's first row carrying them."""
    line, k, names = tokens[i].line, i - 1, []
    while k >= 0 and tokens[k].kind == CELL and tokens[k].line == line:
        if tokens[k].text:
            names.insert(0, tokens[k].text)
        k -= 1
    # a header's own cells: a line holding values or category labels before it is a whole form
    # written on one line (a converted sheet), no header of several projects
    if len(names) > _FORM_COLUMNS or any(category_label(n) is not None or _VALUE_LIKE.match(n) for n in names):
        return []
    return names if any(fold(n) in PROJECT_COLUMNS for n in names) else []


def _rest_of_header_line(tokens: list[Token], i: int, j: int, names: list[str], places: list[int]) -> int:
    """A header written on one line takes that line's other cells too (columns the vocabulary does
    not know, read as nothing until a user says what they are) — unless rows follow on it."""
    end = j
    values = 0  # a whole table on one line: its rows' values follow the header
    while end < len(tokens) and tokens[end].kind == CELL and tokens[end].line == tokens[i].line:
        if tokens[end].text and category_label(tokens[end].text) is not None:
            return j
        values += bool(_VALUE_LIKE.match(tokens[end].text))
        end += 1
    if values >= 2:
        return j
    if end == j or end >= len(tokens) or tokens[end].kind != ROW_END:
        return j
    names.extend(t.text for t in tokens[j:end] if t.text)
    places.extend(t.column for t in tokens[j:end] if t.text)
    return end


def _place_columns(tokens: list[Token], j: int, names: list[str], places: list[int]) -> tuple[int, int]:
    """A header with a name column and no value column, followed by several cells naming places
    and then the first category label (三级指标 | 指标解释 | 甲村 | 乙村 | 产出指标 …): one value
    column per place (village, town, sub-area), each a column of targets (PLACE)."""
    roles = {column_field(n) for n in names}
    if LEVEL3 not in roles or roles & set(VALUE_FIELDS):
        return j, 0
    k, found = j, []
    while k < len(tokens) and len(found) <= _MAX_PLACES:
        token = tokens[k]
        if token.kind == CELL and token.text:
            if category_label(token.text) is not None:
                break
            if not _PLACE_NAME.search(token.text) or column_field(token.text) or _SENTENCE.search(token.text):
                return j, 0
            found.append(token)
        elif token.kind == TABLE_BREAK:
            return j, 0
        k += 1
    if not 2 <= len(found) <= _MAX_PLACES or k >= len(tokens):
        return j, 0
    names.extend(t.text for t in found)
    places.extend(0 for _ in found)
    return k, len(found)


_MAX_PLACES = 20
_PLACE_NAME = re.compile(r"(?:[村镇乡县区市]|街道|社区|街道办|办事处)$")


def _places_on_the_line(names: list[str], roles: list[str]) -> None:
    """A header on one line with no value column, whose unknown columns after the name are all
    named after places (甲村 | 乙镇): each is a place's target column, not the first one alone."""
    if LEVEL3 not in roles or set(roles) & {*VALUE_FIELDS, PLACE}:
        return
    unknown = [k for k in range(roles.index(LEVEL3) + 1, len(roles)) if not roles[k]]
    if len(unknown) >= 2 and all(_PLACE_NAME.search(names[k]) for k in unknown):
        for k in unknown:
            roles[k] = PLACE


def _value_roles(roles: list[str]) -> list[str]:
    """The roles of the cells that follow a row's name.

    A header written over two rows and flattened (年度指标值 | 实际完成值 | 分值 | 得分 | 一级指标 | … |
    三级指标 | 指标性质 | 指标值 | 度量单位) has its upper row's columns before the level columns: they
    come after the lower row's."""
    levels = [k for k, r in enumerate(roles) if r in _LEVELS]
    name = max((k for k, r in enumerate(roles) if r == LEVEL3), default=max(levels))
    after = _under_target([r for r in roles[name + 1:] if r not in _LEVELS])
    before = [r for r in roles[: min(levels)] if r not in (GROUP, SEQ) and r not in after]
    if TARGET in after or NUMBER in after:
        before = [r for r in before if r != TARGET]
    if any(r in VALUE_FIELDS or r == PLACE for r in after + before):
        return after + before
    return [TARGET if k == after.index("") else r for k, r in enumerate(after)] if "" in after else [TARGET]


_SPLIT_VALUE = (COMPARATOR, FLAG, NUMBER, MEASURE)
_KINDS = {"定性", "定量"}  # what 指标性质 / 指标值类型 say besides a direction


def _under_target(roles: list[str]) -> list[str]:
    """指标值 over a second header row 符号 | 数值 | 度量单位 (flattened after the upper row's other
    columns, 指标值 | 确定依据 | 符号 | 数值 | 度量单位): the lower row's columns stand where 指标值 does."""
    tail = len(roles)
    while tail > 0 and roles[tail - 1] in _SPLIT_VALUE:
        tail -= 1
    sub = roles[tail:]
    if NUMBER not in sub or TARGET not in roles[:tail] or roles[:tail][-1] == TARGET:
        return roles
    k = roles.index(TARGET)
    return [*roles[:k], *sub, *roles[k + 1:tail]]


def fits(role: str, text: str) -> bool:
    """Whether ``text`` can be what a column of ``role`` holds."""
    if not text:
        return True
    if role in (FLAG, COMPARATOR):
        return is_comparator(text) or bool(_KIND_FLAG.match(text))
    if role == MEASURE:
        return bool(_UNIT.match(text)) and not is_comparator(text) and not _KIND_FLAG.match(text[:2])
    if role in (WEIGHT, SCORE):
        return bool(_POINTS.match(text))
    if role == NUMBER:
        return bool(_NUMBER.match(text))
    return True


_STRICT = (FLAG, COMPARATOR, MEASURE, WEIGHT, SCORE, NUMBER)
UNREAD = ("", REMARK, GROUP)  # columns whose cells are no part of an indicator
# Columns often left empty, whose cells a copy without empty cells drops: the next row's name may
# stand where they would.
_OPTIONAL = (DESCRIPTION, REMARK, BASIS, DEVIATION, CYCLE)


@dataclass(slots=True)
class _Rows:
    table: StreamTable
    tokens: list[Token]
    empties: bool
    more: bool = False  # another header follows this table in the text
    level1: str = ""
    level2: str = ""
    level1_raw: str = ""
    level2_raw: str = ""
    level1_line: int = -1  # line where the level 1 in effect was written
    level2_line: int = -1
    row: dict[str, str] | None = None
    row_line: int = 0
    slot: int = 0  # next value role to fill
    filled: int = 0  # value cells read into the row
    alone: bool = True  # the row is one cell so far
    form: dict[str, str] | None = None  # a project's cells waiting for its first row
    rows_marked: bool = False  # the text writes each row on a line of its own
    per_line: dict[int, int] = field(default_factory=dict)  # line → cells written on it
    line_rows: dict[int, int] = field(default_factory=dict)  # line → table row, where rows are marked
    row_last: int = 0  # line of the open row's last cell
    label: str = ""  # the next row's 序号
    # The line of the first cell of the row to come (a category or an empty cell before its name):
    # where the row starts. row_start is the open row's.
    pending: int = 0
    row_start: int = 0
    beyond: list[str] = field(default_factory=list)  # numbers after rows' last column (see _beyond)

    def read(self) -> None:
        # where empty cells are written, a header's columns place the parts; rows without one join them
        if (not self.empties or not self.table.roles) and not set(self.table.value_roles) & set(_SPLIT_VALUE):
            self.tokens = _values_joined(self.tokens)
        tokens = self.tokens
        previous_label = False
        skip = 0
        self.rows_marked = any(t.kind == ROW_END for t in tokens)
        # 二级指标(长期) … 二级指标(年度): two column groups, each row writing its level 2 twice
        groups = self.table.roles.count(LEVEL2) > 1
        for t in tokens:
            if t.kind == CELL and t.text:
                self.per_line[t.line] = self.per_line.get(t.line, 0) + 1
            if self.rows_marked and t.kind == CELL:  # the header is row 1
                self.line_rows.setdefault(t.line, len(self.line_rows) + 2)
        for i, token in enumerate(tokens):
            if token.kind != CELL:
                if self.row is not None and (self.filled and not self._kind_only() or token.kind == TABLE_BREAK):
                    self._finish()
                self.pending = 0
                continue
            if i < skip:
                continue
            if not self.pending and (self.row is None or self.slot >= len(self.table.value_roles)):
                self.pending = token.line
            if self.table.form_columns and _line_start(tokens, i) and (end := _form_end(tokens, i)) > i:
                self._finish()
                self._form(tokens[i:end])
                skip = end
                continue
            text = token.text
            if _FOOTER.match(text) and (self.row is None or self.row_line != token.line and _line_start(tokens, i)):
                totals = bool(_TOTAL_ROW.match(text))
                if totals:
                    self._totals(text, _after(tokens, i + 1), token.line)
                self.table.trailer_line = token.line + totals
                break
            if self.table.records and self.row is None and _line_start(tokens, i) and _opens_form([token]):
                if self.more:  # 项目名称 | …: the next project's form, up to its own header: no rows of this table
                    self.table.trailer_line = token.line
                    break
                # no header follows: the next project's rows go on under this one's, as a project of their own
                self.form = _project_form(tokens, i)
                skip = next((k for k in range(i, len(tokens)) if tokens[k].line != token.line), len(tokens))
                continue
            if self.table.records and self.row is None and _line_start(tokens, i) and _FORM_FIELD.match(text):
                self.table.notes.append(Note(token.line, f"“{text}”是表格后的项目信息栏，不是指标行，表格到此为止。"))
                self.table.trailer_line = token.line
                break
            heading = self.per_line.get(token.line) == 1 and _HEADING.match(text) and category_label(text) is None
            if (self.table.records and self.per_line.get(token.line) == 1 and (_REPORT.match(text) or heading and self.more)
                    and not split_prose(text, commas=False, words=False)):  # 2.合格率≥95%；is a prose row
                self.table.notes.append(Note(token.line, f"“{text[:40]}”是表格后的正文，表格到此为止。"))
                break
            if heading and self.table.records:  # no header follows: rows may go on after it, it is none of theirs
                self._finish()
                continue
            if self.table.records and _TABLE_TITLE.match(text):
                self._finish()  # another table's title (…绩效目标表), never a target: this table ends with it
                self.table.notes.append(Note(token.line, f"“{text}”是表格的标题，不是指标行。"))
                if self.more:
                    self.table.trailer_line = token.line
                    break
                continue
            if (self.table.records and self.row is None and column_field(text) == SEQ and _line_start(tokens, i)
                    and self.per_line.get(token.line, 0) >= _OTHER_HEADER):
                # 序号 | 学校性质 | 培训机构 …: the header of a table of other data (an indicator header
                # would have begun a table of its own), whose rows are none of this table's
                self.table.notes.append(Note(token.line, f"第{token.line}行是另一张表的表头，指标表到此为止。"))
                self.table.trailer_line = token.line
                break
            label = category_label(text) if text else None
            if label is not None and label[1] and label[1] == self.level2 and previous_label and not groups:
                label = None  # 服务对象满意度指标 | 服务对象满意度: the second is the indicator's name
            previous_label = label is not None or (previous_label and not text)
            if label is not None and column_field(text) == "":
                self._finish()
                self._category(label, text, token.line, _after(tokens, i + 1))
                continue
            if column_field(text) == GROUP:
                continue
            if text and self._role_at(token.column) == SEQ:  # 序号 before the categories: the next row's
                self._finish()
                self.label = text
                continue
            if self.row is None:
                if text:
                    self._start(text, token.line, _after(tokens, i + 1), token.column)
                continue
            self._value(text, _after(tokens, i + 1), token.line, token.column)
        self._finish()
        if self.beyond:
            shown = "、".join(self.beyond[:5]) + ("……" if len(self.beyond) > 5 else "")
            self.table.notes.append(Note(self.table.header_line, f"{len(self.beyond)}行在表头最后一列之后还有一个数（{shown}），"
                                         "表头没有这一列（可能是分值或得分），没有读入。"))

    def _form(self, cells_: list[Token]) -> None:
        """A project's own cells before its first row's labels, placed under the form columns from
        the right (a merged 单位名称 is left out of the project's later rows)."""
        texts = [t.text for t in cells_ if t.kind == CELL]
        columns = self.table.form_columns[-len(texts):] if len(texts) <= len(self.table.form_columns) else []
        form = {c: t for c, t in zip(columns, texts) if t}
        if any(fold(c) in PROJECT_COLUMNS for c in form):
            self.form = form

    def _totals(self, label: str, rest: Iterable[Token], line: int) -> None:
        """总分 | 100 | 96.8: the numbers on the totals line, the last under 得分 and the one before under
        分值 (as the header names them), kept as ``总分/得分`` … for re-scoring the table."""
        numbers = [t.text for t in rest if t.kind == CELL and t.line == line and _TOTAL_NUMBER.fullmatch(t.text)]
        names = {r: n for r, n in zip(self.table.roles, self.table.names) if r in (WEIGHT, SCORE)}
        for role, number in zip(reversed([r for r in (WEIGHT, SCORE) if r in names]), reversed(numbers)):
            self.table.totals[f"{_TOTAL_ROW.match(label).group(0)}/{names[role]}"] = number

    def _start(self, name: str, line: int, rest: Iterable[Token] = (), column: int = 0) -> None:
        if _LABEL_SHAPE.match(name) and not column_field(name) and _next_text(rest, line):
            # 日效性指标 | 名称 | …: a category label the vocabulary lacks, kept as written
            self.level2 = self.level2_raw = name
            self.level2_line = line
            return
        label, self.label = self.label, ""
        # under the name's header cell a cell is the name, whatever it looks like (=SUM(…), 1.5)
        if _VALUE_LIKE.match(name) and self._role_at(column) != LEVEL3 and not _numbered_name(name, rest, line) \
                or column_field(name):
            if not column_field(name) and (slot := self._slot_at(column)) is not None:
                # the name's cell is empty and the value stands under its header cell: a row
                # without a name, kept (and reported) rather than dropped
                self.row, self.row_line, self.slot, self.filled, self.alone = {LEVEL3: ""}, line, slot, 0, False
                self.row_start, self.pending = self.pending or line, 0
                self._value(name, rest, line, column)
                return
            self.table.notes.append(Note(line, f"“{name}”在指标名称的位置，但它是指标值或列名，没有读入。"))
            return
        if _KIND_FLAG.match(name):  # the row's name is missing (成本指标 | 社会成本指标 | 定量 | 100): kept, reported
            self.row, self.row_line, self.slot, self.filled, self.alone = {LEVEL3: ""}, line, 0, 0, True
            self._value(name, rest, line)  # the cells after it are the nameless row's, not a next row's
            return
        self.row, self.row_line, self.slot, self.filled = {LEVEL3: name}, line, 0, 0
        self.row_start, self.pending = self.pending or line, 0
        if label:
            self.row[SEQ] = label
        self.alone = True

    def _role_at(self, column: int) -> str | None:
        """The role of the header cell at ``column`` on its line, where the text writes empty cells."""
        places = self.table.places
        return self.table.roles[places.index(column)] if self.empties and column in places else None

    def _slot_at(self, column: int) -> int | None:
        """The value role of the header cell at ``column`` on its line, where the text writes empty
        cells and the value roles are the header's cells after the name, in order."""
        table = self.table
        if not self.empties or column not in table.places or LEVEL3 not in table.roles:
            return None
        name, cell = table.roles.index(LEVEL3), table.places.index(column)
        after = table.roles[name + 1:]
        return cell - name - 1 if cell > name and after == table.value_roles else None

    def _value(self, text: str, rest: Iterable[Token], line: int, column: int = 0) -> None:
        roles = self.table.value_roles
        if not text and not self.empties:
            return
        if not self.table.roles and not self.filled and text == self.row.get(LEVEL3):
            # no header: 名称 | 名称 | ≥400平方米, the name again in a description column
            self.row[DESCRIPTION] = text
            return
        places = self.table.places
        if text and self.empties and places and column > places[-1] and line == self.row_line != self.table.header_line:
            self.table.notes.append(Note(line, f"这一行在表头最后一列（第{len(places)}列）之后还有单元格，其内容没有读入。",
                                         "JX061", column, text))
            return
        # Where the text drops empty cells and rows run over lines, a name followed by a value
        # starts the next row, and so does a cell where only optional columns are left, unless the
        # cells after it start a row; so does any cell after a one-cell row that says its own
        # target (名称(≥77台), 名称≧300人).
        # A whole table written on one line: its rows share the line, so they start by what cells say.
        crowded = self.per_line.get(line, 0) > 2 * max(len(self.table.roles), 4)
        ahead = list(islice((t for t in rest if t.kind != CELL or t.text), 3)) if text else []
        if text and self.rows_marked and not self.filled and line != self.row_line and self._next_line_row(text, line, ahead):
            self._finish()  # the open row has no values: reported, not given the next row's cells
            self._start(text, line, ahead, column)
            return
        if text and (line != self.row_line or crowded) and (
                (self.alone and split_prose(self.row[LEVEL3], commas=False, words=False))
                or (not self.empties and self.filled and self.slot < len(roles) and roles[self.slot] in _OPTIONAL
                    and (_next_row(text, ahead) or _trailing(roles[self.slot:])
                         and not _SENTENCE.search(_NUMBERED.sub("", text))
                         and not (ahead and ahead[0].kind == CELL and _next_row(ahead[0].text, ahead[1:])))
                # a copy that writes empty cells may still drop an empty last explanation column
                or (self.empties and self.filled and roles[self.slot:] == [DEVIATION] and _next_row(text, ahead)))):
            self._finish()
            self._start(text, line, ahead)
            return
        while self.slot < len(roles) and text and roles[self.slot] in _STRICT and not fits(roles[self.slot], text):
            self.slot += 1
        if self.slot >= len(roles):
            if text and self._beyond(text):
                self.beyond.append(text)
                self._finish()
            elif text:
                self._finish()
                self._start(text, line, ahead)
            return
        role = roles[self.slot]
        if role == TARGET and DESCRIPTION not in self.row and _described(text, ahead, line):
            self.row[DESCRIPTION] = text  # 指标解释 left out of the header: the target follows it
            self.filled += 1
            return
        self.slot += 1
        self.alone = self.alone and not text
        if text:
            self.filled += 1
            self.row_last = line
            if role == PLACE:
                self.row[f"{PLACE}{self.slot - 1}"] = text
                return
            if role in UNREAD or role in self.row and role != FLAG:
                self.table.unread.setdefault(self.slot - 1, text)
            if role not in self.row:
                self.row[role] = text
            elif role == FLAG:  # 指标性质 | 指标方向: both kept, the comparator is found among them
                self.row[role] += "\n" + text

    def _next_line_row(self, text: str, line: int, ahead: list[Token]) -> bool:
        """Where the text writes a row per line, a cell on the line after a row that has only its
        name starts the next row when a value follows it on its line (名称 | ≥150) or when both are
        numbered as rows (指标4. … then 指标5. …): the row above was left without values."""
        if ahead and ahead[0].kind == CELL and ahead[0].line == line and _next_row(text, ahead):
            return True
        return bool(_ROW_NUMBER.match(text) and _ROW_NUMBER.match(self.row.get(LEVEL3, "")))

    def _category(self, label: tuple[str, str, bool], text: str, line: int, rest: Iterable[Token]) -> None:
        one, two, ambiguous = label
        following = next((t.text for t in rest if t.kind == CELL and t.text), "")
        after = category_label(following) if following else None
        if ambiguous:
            same_row = self.level1_line == line and self.level2 == ""
            if after is not None and after[1] and not after[0] and not same_row or _FIRST_LEVEL_HEADING.match(text):
                # a level 1 with its level 2 next to it (2023 frame: 成本指标 | 经济成本指标), or a
                # heading numbered as a level 1 (三、满意度指标; level 2s are numbered （一）)
                two = ""
            elif same_row or (self.level1 and parent_of(two) in ("", self.level1)):
                one = ""
            elif not self.level1 and after is None:
                # no level 1 in effect (an excerpt starting inside a table) and no level 2 after it:
                # the level 2 of the older frame (产出指标 › 成本指标), its level 1 inferred
                one = ""
            else:
                two = "" if after is not None else two
        if one:
            # The level 1 in effect inferred from its level 2, written now: its merged cell's text
            # printed on a middle row of its block, so the level 2 goes on.
            if not (one == self.level1 and not self.level1_raw and self.level2):
                self.level2 = self.level2_raw = ""
            self.level1, self.level1_raw, self.level1_line = one, text, line
        if two:
            parent = parent_of(two)
            carried = self.level1_line != line
            # A level 2 under a level 1 of another kind carried from rows above: the copy dropped
            # its own level-1 cell (a level 1 written on the same row is kept as written).
            if parent and (not self.level1 or (carried and parent != self.level1)):
                self.level1, self.level1_raw, self.level1_line = parent, "", line
            self.level2, self.level2_raw, self.level2_line = two, text, line

    def _wrapped(self, row: dict[str, str]) -> bool:
        """A line of one cell right under a row of a text that writes rows on lines (a PDF copy),
        where a cell of that row breaks off (ends with ，、； or an open bracket): that cell's rest."""
        records = self.table.records
        if (not self.rows_marked or list(row) != [LEVEL3] or self.per_line.get(self.row_line) != 1 or not records
                or records[-1].line != self.row_line - 1):
            return False
        cells_ = records[-1].cells
        key = next((k for k in (DESCRIPTION, LEVEL3, BASIS, REMARK, DEVIATION) if cells_.get(k, "").endswith(_BREAKS)), "")
        if not key:  # no cell breaks off: a title or a note of its own
            return False
        cells_[key] = f"{cells_[key]}\n{row[LEVEL3]}"
        self.table.notes.append(Note(self.row_line, f"“{row[LEVEL3]}”是上一行单元格折行的部分，已接在后面。", "JX066"))
        return True

    def _beyond(self, text: str) -> bool:
        """A number after a self-evaluation row's last column, where the header names no points
        column: the row's points or score, which the copy kept and the header lost."""
        roles = self.table.value_roles
        return (ACTUAL in roles and not {WEIGHT, SCORE} & set(roles) and self.filled >= len(roles)
                and bool(_NUMBER.match(text)) and bool(_POINTS.match(text)))

    def _by_place(self, row: dict[str, str]) -> None:
        """The target of a row with one value column per place: the value all places share, or each
        place's value after its name (甲村1；乙村2), said in a finding."""
        table = self.table
        values = [(table.names[table.header_cell(k)], row.pop(f"{PLACE}{k}", ""))
                  for k, r in enumerate(table.value_roles) if r == PLACE]
        written = [(place, value) for place, value in values if value]
        if not written or TARGET in row:
            return
        if len(written) == len(values) and len({value for _, value in written}) == 1:
            row[TARGET] = written[0][1]
            return
        row[TARGET] = "；".join(f"{place}{value}" for place, value in written)
        table.notes.append(Note(self.row_line, f"“{row.get(LEVEL3, '')}”各地的指标值不同（或有空缺），指标值按地名逐一列出。"))

    def _kind_only(self) -> bool:
        """The open row says only that its value is 定性: the value is on the next line (名称 定性 ⏎ 长期)."""
        values = self._values(self.row)
        return bool(values) and all(v in _KINDS for v in values)

    def _values(self, row: dict[str, str]) -> list[str]:
        return [row[r] for r in self.table.value_roles if row.get(r)]

    def _only_points(self, row: dict[str, str]) -> bool:
        """A self-evaluation row, in a text that drops empty cells, with no more than two bare
        numbers such as points (工程质量合格 10 10) under rows that give theirs: its empty target and
        actual cells may be the dropped ones, so the numbers cannot be told apart from its 分值 and 得分."""
        roles = self.table.value_roles
        values = self._values(row)
        return (not self.empties and WEIGHT in roles and SCORE in roles and not row.get(WEIGHT) and not row.get(SCORE)
                and len(values) <= 2 and len(values) < len(roles) - 1
                and all(_NUMBER.match(v) and float(v.replace(",", "")) <= 100 for v in values)
                # the rows above give their points: this table's rows are scored
                and any(r.cells.get(SCORE) or r.cells.get(WEIGHT) for r in self.table.records))

    def _finish(self) -> None:
        row, self.row = self.row, None
        if row is None:
            return
        name = row.get(LEVEL3, "")
        if self._wrapped(row):
            return
        if PLACE in self.table.value_roles:
            self._by_place(row)
        # a comma splits name and target in prose, not in a table that writes its cells apart
        commas = not (self.table.roles and self.rows_marked)
        if not any(row.get(r) for r in (TARGET, NUMBER, CYCLE)) and (split := split_prose(name, commas)):
            name, row[TARGET] = split
            row[LEVEL3] = name
        # / / /: a blank template row; a comparator alone (≧ and the page cut off) says no value either
        if not any((v := row.get(r, "").strip("/-—")) and not is_comparator(v) for r in (TARGET, NUMBER, CYCLE)):
            if name and not _TEMPLATE_NAME.match(name):
                self.table.notes.append(Note(self.row_line, f"“{name}”后面没有读到指标值，这一行没有读入。"))
            return
        if _TEMPLATE_NAME.match(name):
            return
        if len(name) == 1:  # 优 | 10: a row's actual and score wrapped onto a line of their own
            self.table.notes.append(Note(self.row_line, f"“{name}”不是指标名称（可能是上一行的实际完成值），这一行没有读入。"))
            return
        if any(_NOT_APPLICABLE.search(row.get(r, "")) for r in (LEVEL3, TARGET)):
            self.table.notes.append(Note(self.row_line, f"“{name}”这一行说明本项目不适用该指标，没有作为指标读入。"))
            return
        if _EXPLANATION.match(name) and not _VALUE_LIKE.match(row.get(TARGET, "")) or (
                _LABELLED_LINE.match(name) and _LABELLED_LINE.match(row.get(TARGET, "")) and not _NUMBERED.match(name)):
            # 公示期:自即日起3天。 | 联系地址:…: a page's labelled lines after the table
            # or 定量指标计算:完成值达到指标值,记满分;…: a scoring rule's text wrapped under a row
            self.table.notes.append(Note(self.row_line, f"“{name[:20]}…”是说明文字，不是指标行，没有读入。"))
            return
        if self.level1 in EVALUATION_GROUPS:
            # 投入 / 管理 / 决策 / 过程: an evaluation framework's groups, no targets of the project's
            self.table.notes.append(Note(self.row_line, f"“{name}”在评价框架的“{self.level1}”下，不是绩效目标指标，没有作为指标读入。"))
            return
        if self._only_points(row):
            self.table.notes.append(Note(self.row_line, f"“{name}”后面只有分值一样的数（{'、'.join(self._values(row))}），"
                                         "分不清是指标值还是分值和得分，这一行没有读入。"))
            return
        self.table.records.append(Record(self.row_line, row, self.level1, self.level2, self.level1_raw,
                                         self.level2_raw, self.form, self.line_rows.get(self.row_line),
                                         max(self.row_last, self.row_line), min(self.row_start or self.row_line, self.row_line)))
        self.form = None


def split_prose(text: str, commas: bool = True, words: bool = True) -> tuple[str, str] | None:
    """Name and target written in one cell, as prose and labelled lists write them:
    ``指标1:名称(≥77台)``, ``名称(正面支撑)`` (``words``), ``名称≧300人;``, ``完成时限,2025年10月底前。``
    (``commas``) — or None."""
    body = _PROSE_END.sub("", text.strip())
    bracketed = _IN_BRACKETS.match(body)
    # (人) after a name is its unit and (≥**人) a template's hint, not a target.
    if bracketed and "*" not in bracketed["value"] and (
            _DIGIT.search(bracketed["value"]) or words and len(bracketed["value"]) >= 3):
        return bracketed["name"], bracketed["value"]
    comparator = _CMP_IN_TEXT.search(body)
    if comparator and comparator.start() >= 2:
        return body[: comparator.start()], body[comparator.start():]
    comma = max(body.rfind(","), body.rfind("，"))
    # a name is one clause: a sentence of several (优化…制度,缩小…差距,提高…) is prose, not a row
    if commas and comma >= 2 and 0 < len(body) - comma - 1 <= 16 and not _CLAUSES.search(body[:comma]):
        return body[:comma], body[comma + 1:]
    return None


def _next_text(tokens: Iterable[Token], line: int) -> bool:
    """Whether a name follows: words (not a value) next on ``line``, or, where each cell has a line
    of its own, words and then a value."""
    cells_ = (t for t in tokens if t.kind != CELL or t.text)
    following, then = next(cells_, None), next(cells_, None)
    if following is None or following.kind != CELL or _VALUE_LIKE.match(following.text) or column_field(following.text):
        return False
    return following.line == line or (then is not None and then.kind == CELL and bool(_VALUE_LIKE.match(then.text)))


def _trailing(roles: list[str]) -> bool:
    """Only optional columns are left (偏差原因, 备注 …)."""
    return all(r in _OPTIONAL for r in roles)


def _project_form(tokens: list[Token], i: int) -> dict[str, str]:
    """项目名称：X or 项目名称 | X on the line at ``i``: label → value."""
    label, value = (_LABEL_END.split(tokens[i].text, maxsplit=1) + [""])[:2]
    if not value.strip():
        value = next((t.text for t in tokens[i + 1:] if t.kind == CELL and t.text and t.line == tokens[i].line), "")
    return {label.strip(): value.strip()}


def _form_end(tokens: list[Token], i: int) -> int:
    """Where a line's leading cells end at its first category label, or ``i`` when it has none."""
    line, k = tokens[i].line, i
    while k < len(tokens) and tokens[k].kind == CELL and tokens[k].line == line:
        if tokens[k].text and category_label(tokens[k].text) is not None:
            return k
        k += 1
    return i


def _after(tokens: list[Token], start: int) -> Iterator[Token]:
    """The tokens from ``start`` on, without copying them (rows look ahead at every cell)."""
    return (tokens[k] for k in range(start, len(tokens)))


def _line_start(tokens: list[Token], i: int) -> bool:
    return i == 0 or tokens[i - 1].line != tokens[i].line


def _described(text: str, ahead: list[Token], line: int) -> bool:
    """A text in words with a value starting with its comparator right after it on its line
    (享受补贴人数占申报对象的比例 | >= 98 %): the indicator's explanation, not its target."""
    if not text or _VALUE_LIKE.match(text) or len(text) < 8:
        return False
    return bool(ahead) and ahead[0].kind == CELL and ahead[0].line == line and bool(_COMPARED.match(ahead[0].text))


_COMPARED = re.compile(rf"^(?:{COMPARATOR_PATTERN.pattern})\s*\d")


def _values_joined(tokens: list[Token]) -> list[Token]:
    """A comparator, a number and a unit written as cells of their own on one line (>= | 98 | %), or
    each alone on its line, where the header gives the value one column and the copy dropped the
    split header cells: one value."""

    def follows(k: int) -> bool:  # the cell after tokens[k], in its row
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        return nxt is not None and nxt.kind == CELL and (
            nxt.line == tokens[k].line or nxt.line == tokens[k].line + 1 and not nxt.column and not tokens[k].column)

    out: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        parts = [token]
        if token.kind == CELL and token.text in _KINDS and follows(i) and tokens[i + 1].text and not _NUMBER.match(tokens[i + 1].text):
            # 定性 | 优良中低差: the value's kind in a column the header does not give, then the value
            i += 1
            continue
        if token.kind == CELL and is_comparator(token.text) and follows(i) and _NUMBER.match(tokens[i + 1].text):
            parts.append(tokens[i + 1])
            if follows(i + 1) and _MEASURE_CELL.match(tokens[i + 2].text):
                parts.append(tokens[i + 2])
            token = Token(CELL, " ".join(t.text for t in parts), token.line, token.column)
        out.append(token)
        i += len(parts)
    return out


# A unit cell, its name in words after it allowed: %, 人次, %(百分比).
_MEASURE_CELL = compile_later(rf"{_UNIT_WORDS}(?:\([\u4e00-\u9fff]{{1,4}}\))?$")


def _numbered_name(text: str, rest: Iterable[Token], line: int) -> bool:
    """Whether a cell shaped like a value is a name holding a number (≥20场次宣传活动: words after
    the value; 2023年全年: a period), where a value follows it on its line (the row's own)."""
    following = next((t for t in rest if t.kind != CELL or t.text), None)
    if following is None or following.kind != CELL or following.line != line or not _VALUE_LIKE.match(following.text):
        return False
    return bool(_PERIOD.match(text)) or isinstance(parse_target(text), Qualitative)


def _next_row(text: str, rest: Iterable[Token]) -> bool:
    """Whether ``text`` starts the next row: a name (no value shape) with a value right after it."""
    if _VALUE_LIKE.match(text) or len(text) < 4:
        return False
    following = next((t for t in rest if t.kind != CELL or t.text), None)
    return following is not None and following.kind == CELL and bool(_VALUE_LIKE.match(following.text))
