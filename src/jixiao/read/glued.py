"""Indicator tables whose cell borders were lost: text of a PDF or image preview, cells glued.

``glued_table(lines)`` finds a glued header (``一级指标二级指标三级指标指标值``), or without one the
first line that writes a category and a row, splits the header into column roles with the header
vocabulary, then splits every row with the category vocabulary and the grammar of values.
Forms read:

* one row per line, categories written where their merged cell starts, name and target glued:
  ``产出指标数量指标覆盖率100%`` then ``合格率100%``; a qualitative ending (``稳步提高``) is a target;
* name, 指标说明 and target, then a score or weight: ``支出率达到目标值95%10``;
* target followed by free text (指标值内容, 评分标准) and ``-定量``: ``标准12元/人.每天反映…得5分-定量``;
* self-evaluation, target, actual value and score: ``资金规范使用规范使用规范使用10`` — a repeated
  actual value confirms where the target starts; distinct values must both be values
  (``产值达到3亿元3亿元3.5亿元10``); an unheaded column before the target (an OCR'd weight) is
  split off only when the repetition fixes it (``救助人数105800人5800人IO``, ``IO`` an OCR'd 10);
* 指标解释 (``反映…``), 指标方向 and one value per sub-area: ``…率(%)反映…≤100%100%``;
* a whole table on one line: rows follow each other, split at category labels and where a row's
  last cell ends (``足额率=100% 22.5 次数≤10次 22.5 时效指标…``); cells sometimes set off by single
  spaces, a narrative target as a sentence closed by 。 (``…的作用 通过…。``);
* a sheet flattened with its cells out of order: header words scattered among the values, rows
  told by their template numbers (``指标7:名 221人 221人 2 2``).

A preview's page numbers (``2、`` at a line's start, ``第2页``) may cut a row: its start, left unread at
the end of a line, is read on with what follows the number (``…真实率100%`` then ``2、100%质量指标…``).

Never a silent guess: a piece that does not split one way only (a bare number glued to a score,
a name with no value after it) goes to ``notes`` with its line; empty template rows give no row.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from jixiao.lazy_re import compile_later
from jixiao.model.categories import clean_label, is_level1, is_level2
from jixiao.read.indicator_header import (
    ACTUAL,
    BASIS,
    COMPARATOR,
    CYCLE,
    DESCRIPTION,
    DEVIATION,
    GROUP,
    LEVEL1,
    LEVEL2,
    LEVEL3,
    MEASURE,
    NUMBER,
    SCORE,
    SEQ,
    TARGET,
    WEIGHT,
    column_field,
    fold,
    second_name_described,
)
from jixiao.read.indicator_header import REMARK as NOTES
from jixiao.values.parse import COMPARATOR_PATTERN as _PREFIX
from jixiao.values.parse import COMPARATOR_SUFFIXES as _CMP_SUFFIXES
from jixiao.values.parse import NUMBER_PATTERN as _NUM
from jixiao.values.parse import UNIT_PATTERN as _UNIT


@dataclass
class GluedRow:
    line: int  # 1-based line where the row starts
    cells: dict[str, str]  # field key -> text as written


@dataclass
class GluedTable:
    header_line: int  # 1-based line of the glued header, 0 when none was found
    roles: list[str]  # the header's column roles in order ("" for a column it cannot name)
    rows: list[GluedRow] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)  # (line, what could not be placed)
    end: int = 0  # 0-based line where the table's reading stopped


# Header words the shared vocabulary lacks (to move to indicator_header). The roles below are this
# module's own (指标值类型, 评分标准, 备注, one column per sub-area, an unheaded weight): reported
# as "" in GluedTable.roles, except AREAS (the target).
KIND, RULE, REMARK, AREAS, POINTS, YES_NO, RATE = "_kind", "_rule", "_remark", "_areas", "_points", "_yes_no", "_rate"
_FIELD_KEYS = {LEVEL1, LEVEL2, LEVEL3, DESCRIPTION, TARGET, CYCLE, BASIS, WEIGHT, ACTUAL, SCORE,
               DEVIATION, COMPARATOR, NUMBER, MEASURE, SEQ, GROUP}  # fmt: skip
_HEADER_WORDS = {
    "指标": LEVEL1,  # two-level forms: 指标 | 指标内容 | 指标值
    "评价指标": LEVEL1,
    "评价内容": LEVEL2,
    "年初目标值": TARGET,
    "指标目标值": TARGET,
    "指标值内容": DESCRIPTION,
    "指标方向": COMPARATOR,
    "评分标准": RULE,
    "评扣分标准": RULE,
    "指标值类型": KIND,
    "指标性质": KIND,
    "指标类型": KIND,
    "备注": REMARK,
    # 是否核心指标 / 是否达标 / 是否完成: a column of 是 or 否
    # (office grids find 全年完成值 by its word 完成值, and say so; glued text needs the whole word)
    "全年完成值": ACTUAL,
    "是否核心指标": YES_NO,
    "是否达标": YES_NO,
    "是否完成": YES_NO,
    # a self-evaluation's completion rate (actual over target): a percentage
    "完成率": RATE,
    "累计完成率": RATE,
    "目标完成率": RATE,
    "指标完成率": RATE,
    "未完成原因分析及改进措施": DEVIATION,
}
_MAX_HEADER_WORD = 14
_MAX_COLUMNS = 14  # a header's columns, wrapped over lines or not
_MAX_IDLE = 3  # lines of prose after which a headed table has ended
_MAX_ROW, _MAX_FREE = 400, 200  # longest line read as one row; longest free-text cell
_MAX_NAME, _MAX_WRAP = 80, 30  # longest name; longest start of a name wrapped onto the next line
_ZHIBIAO = re.compile("指标|指標")
# Words one of which every name column's header holds (三级指标, 指标名称, 绩效内容, 目标名称).
_NAME_HEADER = re.compile("指标|指標|内容|內容|名称|名稱")
_LABEL_ROLES = (GROUP, SEQ, LEVEL1, LEVEL2)
# Category names the shared vocabulary lacks (self-evaluation tables): 项目产出 / 项目效益.
_LEVEL1_WORDS = {"项目产出": "产出指标", "项目效益": "效益指标", "项目满意度": "满意度指标"}
# OCR confusions seen in category labels of scanned tables (顼目产出 for 项目产出).
_OCR = str.maketrans({"顼": "项"})
_SHORT_LEVEL1 = ("产出", "效益", "满意度", "成本")
# Category labels end in 指标, or in 目标 where a template names its levels so (产出目标, 数量目标).
_LABEL_END = re.compile(r"[指目]\s*[标標]|[项項顼]目(?:产出|效益|满意度)")
_MAX_LABEL = 14
# Groups of evaluation frameworks (投入/过程/管理/决策): their rows are criteria, not indicators.
_EVALUATION = re.compile(r"(?:项目)?(?:决策|过程|投入|管理)(?:指标)?\s*[（(]\s*\d+\s*分\s*[）)]")
_POINTS = re.compile(r"\s*[（(][^（()）]{0,12}[）)]")  # (30分), (必填)
_ROW_GROUP = re.compile(r"(?:项目)?(?:年度)?绩效指标")
_NUMBERING = compile_later(r"[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十0-9]{1,3}[）)]|[0-9]{1,2}[、.．](?![0-9])")
_SEQ_NUMBER = compile_later(r"([0-9]{1,3})[、.．]?(?=[\u3400-\u9fff])")
_NUMBERED = re.compile(r"指标\s*[0-9]{1,2}\s*[:：]")  # a template's row number, 指标7:
_SCRAMBLED_ORDER = (TARGET, ACTUAL, WEIGHT, SCORE)  # the self-evaluation template's value columns
_PLACEHOLDER = re.compile(r"(?:指标\s*[0-9LlI]{1,2}\s*[:：]?\s*)+")  # an empty template row 指标2:
_PAGE_MARK = compile_later(r"\s*(?:第\s*[0-9]+\s*页(?:\s*[/,，]?\s*共\s*[0-9]+\s*页)?|[-—]\s*[0-9]+\s*[-—])\s*")
# A page's number where a preview's page breaks (1、 2、 or a page mark at a line's start): a row
# cut there goes on after it.
_PAGE_START = compile_later(rf"\s*(?:[0-9]{{1,2}}、|{_PAGE_MARK.pattern})")
_JUNK = re.compile(r"[\s\-—/|]*(?:定量|定性)?[\s\-—/|]*")  # what empty template rows leave

# Footer: the table ends here.
_FOOTER = compile_later(
    r"\s*(?:总分|合计|总计|备注|附件|返回|评价结论|项目负责人|填表人|联系人|审核人|说明[:：]|项目名称|项目编码)"
    r"|[\u3400-\u9fff（）()]{0,40}?(?:绩效目标表|绩效目标申报表|绩效自评表|绩效评价表)"
)

# --- the grammar of values ---------------------------------------------------------------
_UNIT_WORDS = (
    "人次", "人天", "人日", "万人次", "万人", "人", "户", "家", "所", "个", "项", "次", "场", "期", "批", "件",
    "份", "册", "本", "套", "台", "辆", "艘", "株", "棵", "头", "只", "张", "篇", "部", "种次", "种", "类",
    "例", "床", "间", "座", "处", "条", "栋", "宗", "起", "元", "万元", "亿元", "千元", "亩", "万亩", "公顷",
    "平方米", "平方公里", "立方米", "米", "千米", "公里", "延米", "吨", "万吨", "千克", "公斤", "升",
    "千瓦", "千瓦时", "天", "日", "月", "年", "周", "小时", "分钟", "个月", "学时", "课时", "百分比", "分",
    "岁", "%", "‰", "个百分点", "百分点", "家次", "户次", "场次", "批次", "车次", "人月", "工作日",
    "个工作日", "季度", "平米", "万平方米", "万立方米", "万株", "万册", "万份", "万张", "万只", "万头", "倍",
    "盏", "块", "口", "km", "kg", "kW", "MW", "㎡", "m²", "m³",
)  # fmt: skip


def leading_value(text: str) -> str | None:
    """The value a text starts with (≥23人改善村基础设施 → ≥23人), or None."""
    found = _LEADING_VALUE.match(text)
    return found.group(0).strip() if found else None


def trailing_value(text: str) -> int | None:
    """Where the value written right after its name starts (文物安全巡查频次8次 → 9), or None: how
    items of a list write each indicator (名称8次;名称≥96%)."""
    found = _TRAILING_VALUE.search(text)
    return found.start() if found and found.start() >= 2 else None


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_BASE = _alternation(_UNIT_WORDS)
# Units glued to the next cell must come from the vocabulary; 元/人.每天 joins several.
# A per-unit written without what it counts (28.40/株, the 元 left out) is a unit too.
_GLUED_UNIT = rf"(?:(?:{_BASE})(?:[/·.・]每?(?:{_BASE}))*|/(?:{_BASE}))"
_CMP = rf"(?:{_PREFIX.pattern}|[≧≦＝﹦═＞＜])"
_AFTER = _alternation(_CMP_SUFFIXES)
_START = r"(?<![0-9.])"  # a value never starts inside a number (3M.8万元 is no 8万元)
_END = r"(?![0-9.:：])"  # nor ends inside one (210010 is no 2100 and 10) or a 指标1: prefix
_QUANTITY = rf"{_START}(?:{_CMP}\s*)?(?:{_NUM})\s*(?:(?:{_GLUED_UNIT})(?:{_AFTER})?|{_AFTER}|{{end}})"
_RANGE = rf"{_START}(?:{_NUM})\s*(?:{_GLUED_UNIT})?[-~～至](?:{_NUM})\s*(?:{_GLUED_UNIT}|{{end}})"
_YEAR, _MONTH, _DAY = "[12][0-9]{3}年", "(?:1[0-2]|0?[1-9])月", "(?:[12][0-9]|3[01]|0?[1-9])[日号]"
_DATE = (  # 2023年12月31日, 12月底前完成, 2021年1月-12月
    rf"{_START}(?:(?:{_YEAR})?{_MONTH}[-~～至](?:{_YEAR})?{_MONTH}"
    rf"|(?:{_YEAR})?{_MONTH}(?:{_DAY})?|{_YEAR}(?=底|末|前))(?:底|末)?(?:之?前)?(?:完成|完工|竣工|到位)?"
)
_ADVERB = "稳步|持续|逐步|逐年|不断|有所|明显|显著|进一步|大幅|有效|全面|切实"
# 成本指标 written as a limit, not a number: 不超预算, 控制在预算以内
_WITHIN_BUDGET = "(?:不超过?|未超过?|控制在)(?:年度)?预算(?:数|金额)?(?:内|以内|范围内)?"
_QUALITATIVE = rf"(?:{_ADVERB}){{1,2}}(?:提升|提高|增长|增加|改善|上升|增强|降低|下降|减少|缩短|减轻|加强|完善|保障|巩固)|全覆盖|{_WITHIN_BUDGET}"
# A narrative target: a sentence set off from the name by a space and closed by 。.
_SENTENCE = r"(?<=\s)[^\s。；;]{8,120}。"
_ANY_VALUE = rf"(?:{_DATE}|{_RANGE}|{_QUANTITY}|{_QUALITATIVE}|{_SENTENCE})"
_VALUE = _ANY_VALUE.replace("{end}", _END)
# A value repeated in the next column may end in a digit where the repetition starts (≥11 is 1|1).
_REPEATED_VALUE = _ANY_VALUE.replace("{end}", "")
# As the last cell of a line nothing follows the value, so any unit reads (parse's own grammar).
_VALUE_AT_END = rf"(?:{_VALUE}|{_START}(?:{_CMP}\s*)?(?:{_NUM}){_UNIT}(?:{_AFTER})?{_END})"
# Scores and weights: small numbers; IO / lO are an OCR'd 10.
_WEIGHT_NUMBER = r"(?:100|[1-9]?[0-9](?:\.[0-9]{1,2})?)"
# As a row's last cell a score is not followed by more of a number (6.47亿元 is a value).
_POINTS_END = r"(?![0-9.%‰万亿元])"
_POINTS_NUMBER = rf"(?:{_WEIGHT_NUMBER}|[1Il][0O]){_POINTS_END}"
_CELL_SEPARATOR = re.compile(r"[|\t]")
# Full-width letters and digits read as ASCII (one letter for one, so places stay the same).
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
# Traditional forms of the unit words' letters read as simplified (one for one too): 28次, 2個.
_WIDTH |= str.maketrans("個萬億噸輛臺項場間條張戶畝週時歲處塊隻頭種類車課學級", "个万亿吨辆台项场间条张户亩周时岁处块只头种类车课学级")
_SEPARATOR = re.compile(r"[|\t]|\S {2,}\S")
_NUMBER_TAIL = compile_later(rf"[0-9.]|{_GLUED_UNIT}")
_WHOLE_VALUE = compile_later(_VALUE_AT_END)
_ANY_VALUE_IN = compile_later(_VALUE)
_LETTER = compile_later(r"[\u3400-\u9fff]")
_LEADING_VALUE = compile_later(_VALUE)
_TRAILING_VALUE = compile_later(rf"(?<=[\u3400-\u9fff）)])(?:{_VALUE_AT_END})$")
# Words said twice at the name's end (合规性好好): a target and its actual value.
_DOUBLED = re.compile(r"([^\d\s]{1,4})\1$")
# One-letter targets that may be said twice (target and actual, 高高, 是是, 00): grades, yes or no and a bare zero.
_ONE_LETTER = r"[高低好优良是否有无]|0(?=0(?![0-9.]))"
_CLAUSE_MARK = re.compile(r"[，,。；;]")
_COMPARED = compile_later(rf"{_CMP}\s*(?:{_NUM})")
_DESCRIPTION_OPENERS = "反映|达到|用于|考核|衡量"


@dataclass
class _Variant:
    """One way to read the cells after the name: its regex with ``{VALUE}`` for each value, without
    (tight) and with (loose) the free-text columns after the last value, and each group's field."""

    tight: str
    loose: str
    fields: dict[str, str]
    # An unheaded short column before a target that is not repeated: a number glued to the name
    # (救助人数10580户) may begin with that column's weight, so it cannot start the target.
    open_start: bool = False


def glued_tables(lines: list[str]) -> list[GluedTable]:
    """Every indicator table of a text whose cells run together: after the first, each further
    header found below where the one before stopped (a page of several projects)."""
    tables: list[GluedTable] = []
    while (table := glued_table(lines, tables[-1].end if tables else 0)) is not None:
        if tables and not table.rows:
            break
        tables.append(table)
        if table.end >= len(lines):
            break
    return tables


def glued_table(lines: list[str], first: int = 0) -> GluedTable | None:
    """The indicator table of a text whose cells run together, or None when the text has none;
    from line ``first`` (0-based) on, only a table under a header of its own."""
    start = _find_header(lines[first:])
    if start is None or first and not start[0]:
        return None
    header_line, roles, line_no, col, numbered = start
    header_line, line_no = header_line + first, line_no + first
    reader = _RowReader(roles, numbered, headed=header_line > 0)
    idle = 0  # lines in a row that gave neither a label nor a row
    end = len(lines)
    for index in range(line_no, len(lines)):
        text = lines[index][col:] if index == line_no else lines[index]
        before = reader.progress
        if not reader.read_line(index + 1, text):
            end = index + 1
            break
        idle = 0 if reader.progress > before or not text.strip() or not reader.started else idle + 1
        # Without a header the table is its run of rows; with one, prose after it ends it.
        if idle > (0 if header_line == 0 else _MAX_IDLE):
            end = index + 1
            break
    reader.finish()
    shown = [TARGET if r == AREAS else r if r in _FIELD_KEYS else "" for r in roles]
    table = GluedTable(header_line, shown, reader.rows, reader.notes, end)
    return table if table.rows or table.header_line else None


# --- header ------------------------------------------------------------------------------
@lru_cache(maxsize=8192)
def _word_role(word: str) -> str:
    return _HEADER_WORDS.get(fold(word)) or column_field(word)


def _header_word(text: str, pos: int) -> tuple[str, int] | None:
    """The longest header word at ``pos`` (a bracketed note after it included): (field, end)."""
    for size in range(min(_MAX_HEADER_WORD, len(text) - pos), 1, -1):
        word = text[pos : pos + size]
        if word[-1].isspace():
            continue
        if role := _word_role(word):
            end = pos + size
            if note := _POINTS.match(text, end):
                end = note.end()
            return role, end
    return None


def _header_words(text: str, pos: int) -> tuple[list[str], int]:
    """The roles of the header words glued together from ``pos`` and where they end (at the
    first category label). Between two header words a chunk of a few letters is an unnamed column
    (an OCR'd 参考分值); after the last word, one is kept only when category labels follow and
    no column is named 指标值 (one value column per sub-area)."""
    roles: list[str] = []
    end = pos
    while end < len(text):
        while end < len(text) and text[end].isspace():
            end += 1
        if end >= len(text) or roles and _label_at(text, end):
            break
        found = _header_word(text, end)
        if found:
            roles.append(found[0])
            end = found[1]
            continue
        if not roles or (unnamed := _unnamed_column(text, end, TARGET in roles)) is None:
            break
        roles.append("")
        end = unnamed
    return roles, end


def _header_run(text: str, pos: int, before: tuple[str, ...] = ()) -> tuple[list[str], int] | None:
    """The column roles of a glued header at ``pos`` (after ``before``, the roles of its first line
    when it wraps) and where it ends, or None when they name no indicator table."""
    words, end = _header_words(text, pos)
    roles = [*before, *words]
    if LEVEL3 not in roles and LEVEL1 in roles and LEVEL2 in roles:
        # 一级指标 | 二级指标 | 绩效标准 | 指标值: the names' column lost its header (it stands under a
        # merged 绩效指标 cell); the rows still write a name after their categories.
        roles.insert(roles.index(LEVEL2) + 1, LEVEL3)
    if not words or LEVEL3 not in roles or len(roles) < 3:
        return None
    second_name_described(roles)
    if TARGET not in roles and ACTUAL not in roles:
        # No 指标值 column: unnamed columns after the name hold the values (one per sub-area).
        tail = [i for i, r in enumerate(roles) if r == "" and i > roles.index(LEVEL3)]
        if not tail:
            return None
        roles[tail[0]] = AREAS
    return roles, end


def _unnamed_column(text: str, pos: int, has_target: bool) -> int | None:
    """The end of an unnamed header chunk at ``pos``: a few letters followed by a header word, or
    by the first category label when no column is named 指标值 (sub-area columns)."""
    for at in range(pos + 1, min(pos + 11, len(text))):
        if text[at - 1].isspace() or text[at - 1].isdigit():
            return None
        if text[at - 1] in "%‰" and text[at - 2] not in "(（":  # a value's, not a header's (%) note
            return None
        if _label_at(text, at):
            return None if has_target else at
        if _header_word(text, at):
            return at
    return None


def _header_wrapped(lines: list[str], index: int, roles: list[str], end: int) -> tuple[list[str], int, int]:
    """A header's roles and where its rows start, its words going on over lines that hold header
    words only (年度 指标值 ⏎ 实际 完成值 ⏎ 分值得分偏差原因分析及改进措施)."""
    while not lines[index][end:].strip() and index + 1 < len(lines) and len(roles) < _MAX_COLUMNS:
        following = lines[index + 1]
        words, stop = _header_words(following, len(following) - len(following.lstrip()))
        if not words or following[stop:].strip() or LEVEL3 in words:
            break
        roles, index, end = [*roles, *words], index + 1, stop
    return roles, index, end


def _find_header(lines: list[str]) -> tuple[int, list[str], int, int, bool] | None:
    """(header line, roles, 0-based line and column where the rows start, rows numbered)."""
    lines = [line.translate(_WIDTH) for line in lines]
    for index, line in enumerate(lines):
        if _CELL_SEPARATOR.search(line):
            continue  # a header with separators is not glued
        # Every header names its 三级指标/指标名称 column: runs start at most a word before a 指标.
        starts = sorted({s for m in _NAME_HEADER.finditer(line) for s in range(max(0, m.start() - 4), m.start() + 1)})
        for pos in starts:
            if line[pos].isspace():
                continue
            if run := _header_run(line, pos):
                return (index + 1, *_header_wrapped(lines, index, *run), False)
            words, end = _header_words(line, pos)
            if words and not line[end:].strip() and index + 1 < len(lines):  # wrapped onto the next line
                following = lines[index + 1]
                if run := _header_run(following, len(following) - len(following.lstrip()), tuple(words)):
                    return (index + 1, *_header_wrapped(lines, index + 1, *run), False)
    # A sheet flattened with its cells out of order: header words scattered among the values,
    # rows told by their template numbers (指标7:名 221人 221人 2 2).
    for index, line in enumerate(lines):
        if _CELL_SEPARATOR.search(line) or not _NUMBERED.search(line):
            continue
        found = {_word_role(token) for token in line.split()}
        if LEVEL3 in found and TARGET in found and found & {ACTUAL, WEIGHT, SCORE}:
            return index + 1, [LEVEL3, *(r for r in _SCRAMBLED_ORDER if r in found)], index, 0, True
    # No header: the commonest form, and a number set off by a space (weight or score); the
    # table starts at a line that writes a category and a row.
    roles = [LEVEL1, LEVEL2, LEVEL3, TARGET, POINTS]
    for index, line in enumerate(lines):
        if _CELL_SEPARATOR.search(line) or not _LABEL_END.search(line):
            continue
        if _label_at(line, len(line) - len(line.lstrip())):
            reader = _RowReader(roles)
            reader.read_line(index + 1, line)
            if reader.rows:
                return 0, roles, index, 0, False
    return None


# --- category labels ---------------------------------------------------------------------
def _label_kind(word: str, short_ok: bool) -> str:
    """'1', '2' or '' — which level a label names; short forms (数量, 成本) only when allowed."""
    full = word.endswith("指标")
    if not (full or short_ok or word in _LEVEL1_WORDS):
        return ""
    if word in _LEVEL1_WORDS or is_level1(word) and not is_level2(word):
        return "1"
    if is_level2(word):
        return "2" if not is_level1(word) else "12"
    for short in _SHORT_LEVEL1:  # 产出数量指标: both levels in one cell
        if word.startswith(short) and is_level2(word[len(short) :]) and word[len(short) :].endswith("指标"):
            return "2"
    return ""


def _label_at(text: str, pos: int, short_ok: bool = False) -> tuple[str, str, int] | None:
    """(level, label as written, end) of the longest category label at ``pos``; labels may hold
    wrap spaces (``产出 指标``) and a note (``数量指标(10分)``)."""
    letters: list[int] = []
    at = pos
    while at < len(text) and len(letters) < 16:
        if not text[at].isspace():
            letters.append(at)
        elif not letters:
            return None
        at += 1
    compact = clean_label("".join(text[i] for i in letters)).translate(_OCR)
    for size in range(len(compact), 1, -1):
        word = compact[:size]
        if word.endswith("目标"):  # 产出目标, 数量目标: a template's name for the level
            word = word[:-2] + "指标"
        if not (short_ok or word.endswith("指标") or word in _LEVEL1_WORDS):
            continue
        kind = _label_kind(word, short_ok)
        if kind:
            end = letters[size - 1] + 1
            if note := _POINTS.match(text, end):
                end = note.end()
            # a label introducing its rows in prose (数量指标：名称≥5人) ends at its colon
            return kind, text[pos:end], end + (text[end : end + 1] in (":", "："))
    return None


# --- rows --------------------------------------------------------------------------------
class _RowReader:
    """Reads rows line by line; keeps the labels written since the last row."""

    def __init__(self, roles: list[str], numbered: bool = False, headed: bool = False) -> None:
        after = roles[roles.index(LEVEL3) + 1 :] if LEVEL3 in roles else roles[3:]
        self.variants = _variants(tuple(after), numbered)
        self.numbered = numbered  # rows start at 指标N: and their cells are set off by spaces
        self.headed = headed  # the table has a header (then prose after its rows ends it)
        self.ended = False  # prose followed the rows on their line
        self.written = ""  # the line being read, as written
        self.has_seq = SEQ in roles
        self.rows: list[GluedRow] = []
        self.notes: list[tuple[int, str]] = []
        self.labels: dict[str, str] = {}
        self.pending: tuple[int, str] | None = None  # a name wrapped onto the next line
        # The piece that ended the last line unread (line, text as written, its note or None).
        self.broken: tuple[int, str, tuple[int, str] | None] | None = None
        self.skipping = False  # inside an evaluation-framework group (投入/管理/决策)
        self.progress = 0  # labels and rows taken
        # With category columns, rows start at the first category label.
        self.started = not ({LEVEL1, LEVEL2} & set(roles[: roles.index(LEVEL3)] if LEVEL3 in roles else roles))

    def read_line(self, line_no: int, text: str) -> bool:
        """Read one line; False at the table's footer. Matching reads the line with full-width
        letters folded (１００％); cells keep the text as written."""
        broken, self.broken = self.broken, None
        carried, carried_line = 0, line_no  # length and line of a row's start carried over a page break
        if broken and (mark := _PAGE_START.match(text)) and text[mark.end() :].strip():
            # A page break inside a row: read the cut piece on with what follows the page number.
            carried_line, piece, note = broken
            text, carried = piece + text[mark.end() :], len(piece)
            self.pending = None
            if note in self.notes:
                self.notes.remove(note)
        self.written, text = text, text.translate(_WIDTH)
        pos = _skip_space(text, 0)
        if self.has_seq and (seq := _SEQ_NUMBER.match(text, pos)):  # 序号 before the row's cells
            self.labels[SEQ] = seq.group(1)
            pos = seq.end()
        stream = False  # whether this line held a row already (a whole table on one line)
        while True:
            pos = _skip_space(text, pos)
            if pos >= len(text):
                return True
            if self.progress and _FOOTER.match(text, pos):  # (a title above the first row is none)
                self._drop_pending()
                return False
            if self.skipping:
                nxt = _next_label(text, pos)
                if nxt is None:
                    return True
                self.skipping, pos = False, nxt
                continue
            if _EVALUATION.match(text, pos):
                self.skipping = True
                self.notes.append((line_no, "评价框架的行(决策/过程/管理)不是绩效指标, 略过。"))
                continue
            # A level 2 is followed by a name: 数量指标成本控制… is no second label 成本.
            label = _label_at(text, pos, short_ok=LEVEL2 not in self.labels)
            if label:
                self._take_label(text, pos, label)
                self.started = True
                pos = label[2]
                continue
            if not self.started:  # the form's other cells between the header and the first label
                nxt = _next_label(text, pos)
                if nxt is None:
                    return True
                pos = nxt
                continue
            if (numbering := _NUMBERING.match(text, pos)) and _label_at(text, numbering.end(), short_ok=True):
                pos = numbering.end()  # 一、产出指标 / (一)数量指标
                continue
            if _ZHIBIAO.match(text, pos + 2) and (header := _header_run(text, pos)):
                pos = header[1]  # the header again, after a page break
                continue
            if group := _ROW_GROUP.match(text, pos):  # the form's row label 绩效指标 glued in front
                pos = group.end()
                continue
            if (placeholder := _PLACEHOLDER.match(text, pos)) and (
                _label_at(text, placeholder.end()) or not text[placeholder.end() :].strip()
            ):
                pos = placeholder.end()
                continue
            if _JUNK.fullmatch(text, pos) or _PAGE_MARK.fullmatch(text, pos):
                return True
            if self.numbered and not _NUMBERED.match(text, pos):
                pos = self._skip_to_row(line_no, text, pos)
                continue
            at = carried_line if pos < carried else line_no
            found = self._row(at, text, pos, whole_line=not stream)
            if found is None:
                pos = self._unplaced(at, text, pos, stream)
                if self.ended:
                    return False
                continue
            pos, stream = found, True

    def finish(self) -> None:
        self._drop_pending()

    def _take_label(self, text: str, pos: int, label: tuple[str, str, int]) -> None:
        """Keep a category label for the next row. A level 2 with no row below it (an empty
        template row) is replaced by the next one; its level 1 stays for the rows that follow."""
        kind, _, end = label
        written = self.written[pos:end]
        self._drop_pending()
        if kind == "12":  # 成本指标 / 满意度指标: a level 1 when a level 2 follows
            follows = _label_at(text, end, short_ok=True)
            kind = "1" if follows and follows[0] == "2" else "2"
        if kind == "1":  # a new level 1: the level 2 above belongs to the group before it
            self.labels.pop(LEVEL2, None)
        self.labels[LEVEL1 if kind == "1" else LEVEL2] = written.strip().rstrip(":：")
        self.progress += 1

    def _row(self, line_no: int, text: str, pos: int, whole_line: bool) -> int | None:
        """Read one row at ``pos``; its end, or None when no reading fits."""
        rest = text[pos:]
        if _CELL_SEPARATOR.search(rest):
            return None
        anchored = whole_line and len(rest) <= _MAX_ROW and _next_label(text, pos + 1) is None
        shown = self.written[pos:]
        match = (anchored and _match_row(self.variants, rest, shown, True, self.numbered)) or _match_row(
            self.variants, rest, shown, False, self.numbered
        )
        if match is None:
            return None
        name, cells, length = match
        line = line_no
        if self.pending:
            line, wrapped = self.pending
            name = wrapped + name
            self.pending = None
        row = {**self.labels, LEVEL3: name, **cells}
        self.rows.append(GluedRow(line, row))
        self.labels = {}
        self.progress += 1
        return pos + length

    def _next_start(self, text: str, pos: int) -> int | None:
        """Where the next category label (or, with numbered rows, the next 指标N:) starts."""
        starts = [at for at in [_next_label(text, pos)] if at is not None]
        if self.numbered and (row := _NUMBERED.search(text, pos)):
            starts.append(row.start())
        return min(starts, default=None)

    def _unplaced(self, line_no: int, text: str, pos: int, stream: bool) -> int:
        """A piece no reading fits: the start of a wrapped name, or a note."""
        end = self._next_start(text, pos + 1)
        piece = self.written[pos:end].strip()
        self._drop_pending()
        note = None
        if end is None and not stream and len(piece) <= _MAX_WRAP and not _ANY_VALUE_IN.search(piece):
            self.pending = (line_no, piece)
        elif self.headed and self.rows and len(_CLAUSE_MARK.findall(piece)) >= 2:
            # Sentences after the rows on their line (a report's text): the table has ended.
            note = (line_no, f"“{piece[:60]}”是表格后的正文, 表格到此为止。")
            self.ended = True
        else:
            note = (line_no, f"“{piece[:60]}”无法唯一地拆成名称与各列的值, 未读取。")
        if note:
            self.notes.append(note)
        if end is None:
            self.broken = (line_no, self.written[pos:], note)
        return len(text) if end is None else end

    def _skip_to_row(self, line_no: int, text: str, pos: int) -> int:
        """Skip header words and stray values up to the next numbered row or label."""
        end = self._next_start(text, pos + 1) or len(text)
        piece = self.written[pos:end].strip()
        if _ANY_VALUE_IN.search(piece):
            self.notes.append((line_no, f"“{piece[:60]}”不在任何指标行中, 未读取。"))
        return end

    def _drop_pending(self) -> None:
        if self.pending:
            line, piece = self.pending
            self.notes.append((line, f"“{piece}”没有指标值, 未读取。"))
            self.pending = None


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and (text[pos].isspace() or text[pos] in ",，;；。、"):
        pos += 1
    return pos


def _next_label(text: str, pos: int) -> int | None:
    """Where the next full category label (``…指标``, 项目产出) starts, or None."""
    tried = pos
    for m in _LABEL_END.finditer(text, pos):
        # A full label ends in 指标 at most 14 letters after its start (社会公众或服务对象满意度指标).
        for at in range(max(tried, m.start() - _MAX_LABEL), m.start() + 1):
            if _label_at(text, at):
                return at
        tried = m.start() + 1
    return None


@lru_cache(maxsize=256)
def _variants(after: tuple[str, ...], spaced: bool) -> list[_Variant]:
    """Readings of the cells after the name, most specific first: a repeated value before two
    distinct ones, a ``反映…`` description before none."""
    if not any(r in (TARGET, ACTUAL, CYCLE, AREAS) for r in after):
        return []
    if TARGET in after:  # 绩效标准 / 评价标准 between the name and the target: its 反映… description
        after = tuple(DESCRIPTION if r == NOTES and k < after.index(TARGET) else r for k, r in enumerate(after))
    desc_before = DESCRIPTION in after and (TARGET not in after or after.index(DESCRIPTION) < after.index(TARGET))
    out = []
    for repeat in (True, False) if ACTUAL in after or AREAS in after else (False,):
        for desc in (True, False) if desc_before else (False,):
            if variant := _tail_pattern(after, repeat, desc, spaced):
                out.append(variant)
    return out


def _tail_pattern(after: tuple[str, ...], repeat: bool, desc_required: bool, spaced: bool) -> _Variant | None:
    """The regex of the cells after the name, ``{VALUE}`` standing for a value. ``repeat``: the
    target's text comes again (as the actual value, or in the next sub-area column) and confirms
    where the target starts; ``spaced``: every cell is set off by whitespace."""
    parts: list[tuple[str, bool]] = []  # (regex, free text)
    fields: dict[str, str] = {}
    seen_value = open_start = repeated = False
    for i, role in enumerate(after):
        group = f"g{i}"
        if role in _LABEL_ROLES:
            continue
        if role in (TARGET, ACTUAL, CYCLE, WEIGHT, SCORE, COMPARATOR, MEASURE, DESCRIPTION, DEVIATION, BASIS):
            fields[group] = role
        if role == AREAS:  # one value per sub-area: equal values read as the target
            fields[group] = TARGET
            seen_value = True
            again = rf"(?P<{group}>{_REPEATED_VALUE})(?:\s*(?P={group}))+{_END}" if repeat else rf"(?P<{group}>{{VALUE}})"
            parts.append((rf"\s*{again}", False))
        elif role == TARGET and not seen_value:
            seen_value = True
            target = rf"\S.{{1,40}}?|{_ONE_LETTER}" if repeat else "{VALUE}"
            if after[i - 1 : i] == (KIND,) and DESCRIPTION in after[i + 1 :]:
                # 定性减少反映…: after 定性 a target in words of its own, up to its 反映… description
                target += rf"|(?<=定性)[\u4e00-\u9fff]{{1,8}}?(?=(?:{_DESCRIPTION_OPENERS}))"
            parts.append((rf"\s*(?P<{group}>{target})", False))
        elif role == ACTUAL and repeat and TARGET in fields.values():
            target = next(g for g, f in fields.items() if f == TARGET)
            parts.append((rf"\s*(?P<{group}>(?P={target}))", False))
            repeated = True
        elif role in (TARGET, ACTUAL, CYCLE):
            seen_value = True
            parts.append((rf"\s*(?P<{group}>{{VALUE}})", False))
        elif role in (WEIGHT, SCORE) and repeat and not seen_value:
            # 分值 glued to a target that the actual value repeats (20100%100%): the repetition
            # fixes where the target starts, so the points may end right before its digits.
            parts.append((rf"\s*(?P<{group}>{_WEIGHT_NUMBER}|[1Il][0O])", False))
        elif role in (WEIGHT, SCORE) and after[i + 1 : i + 2] in ((WEIGHT,), (SCORE,)):
            # 分值 and 得分 glued (``55``, ``1010``) split only where the score repeats the weight
            # (full marks, the commonest case), as a repeated actual value fixes the target.
            number = rf"(?:{_WEIGHT_NUMBER}|[1Il][0O])"
            parts.append((rf"\s*(?P<{group}>{number})(?:{_POINTS_END}|(?=(?P={group}){_POINTS_END}))", False))
        elif role in (WEIGHT, SCORE) and after[i + 1 : i + 2] == (MEASURE,):
            # 指标权重 then 计量单位 (预算执行率10%=100): the points end where the unit starts
            parts.append((rf"\s*(?P<{group}>{_WEIGHT_NUMBER})(?![0-9.])", False))
        elif role in (WEIGHT, SCORE):
            parts.append((rf"\s*(?P<{group}>{_POINTS_NUMBER})", False))
        elif role == POINTS:
            parts.append((rf"(?:\s+{_POINTS_NUMBER})?", False))
        elif role == COMPARATOR:
            parts.append((rf"\s*(?P<{group}>{_CMP})?", False))
        elif role == MEASURE:
            parts.append((rf"\s*(?P<{group}>-|—|{_GLUED_UNIT})?", False))
        elif role == RATE:
            parts.append((rf"\s*(?:{_NUM}\s*%)?", False))
        elif role == YES_NO:
            parts.append((r"\s*(?:是|否)?", False))
        elif role == KIND:
            parts.append((r"\s*(?:(?:定量|定性)(?:指标)?)?", False))
        elif role == DESCRIPTION and not seen_value:
            opener = rf"(?P<{group}>(?:{_DESCRIPTION_OPENERS}).*?)"
            parts.append((rf"\s*{opener}" if desc_required else rf"\s*{opener}??", False))
        elif not seen_value:  # another column before the values: short (a weight, 定量)
            parts.append((rf"\s*(?:定量|定性|{_WEIGHT_NUMBER})?", False))
            open_start = not repeat
        elif parts and parts[-1][1]:  # free text after free text: one cell, as they cannot be told apart
            fields.pop(group, None)
        else:  # free text: 说明, 评分标准, 备注, 偏差原因, an unnamed column
            parts.append((rf"\s*(?P<{group}>.{{0,{_MAX_FREE}}}?)", True))
    if desc_required and DESCRIPTION not in fields.values() or TARGET not in fields.values():
        return None
    if repeat and AREAS not in after and not repeated:
        return None  # a target of any text needs the actual value after it to repeat it
    if spaced:
        parts = [(r"\s+" + p[3:] if p.startswith(r"\s*(?P<") else p, free) for p, free in parts]
        parts.append((r"(?=\s|$)", False))
    loose = "".join(p for p, _ in parts)
    while parts and parts[-1][1]:
        parts.pop()
    return _Variant("".join(p for p, _ in parts), loose, fields, open_start)


def _match_row(
    variants: list[_Variant], rest: str, shown: str, anchored: bool, numbered: bool
) -> tuple[str, dict[str, str], int] | None:
    """(name, cells, length) of the first reading that fits ``rest``, or None; name and cells are
    taken from ``shown`` (``rest`` as written) at the same places. ``anchored``: the
    row runs to the end of the line; then readings without trailing free text (备注) come first,
    so that an empty 备注 never takes a value."""
    sources = [(v.tight, v) for v in variants]
    if anchored:
        sources += [(v.loose, v) for v in variants if v.loose != v.tight]
    for source, variant in sources:
        if anchored:  # nothing follows the last value: any unit reads
            if "{VALUE}" in source:
                head, _, tail = source.rpartition("{VALUE}")
                source = head + _VALUE_AT_END + tail
            source += r"\s*$"
        pattern = _compiled(source.replace("{VALUE}", _VALUE))
        for cut in range(1, min(len(rest), _MAX_NAME)):
            if rest[cut - 1].isspace() or rest[cut - 1].isdigit() and _NUMBER_TAIL.match(rest, cut):
                continue  # a cell never ends inside a number or between a number and its unit
            m = pattern.match(rest, cut)
            if not m:
                continue
            if _SEPARATOR.search(rest, 0, m.end()):
                return None  # cells with separators: not this layout
            name = shown[:cut].strip()
            first_value = min(m.start(g) for g, f in variant.fields.items() if f in (TARGET, ACTUAL) and m.group(g))
            if not _name_ok(name) or _next_label(rest[:first_value], 1) is not None:
                continue
            # 维修面积维修面积≥400平方米: a 指标描述 column that repeats the name, as forms often fill it
            echo = _echo_at(name) if DESCRIPTION in variant.fields.values() else None
            if ACTUAL not in variant.fields.values() and _DOUBLED.search(name) and echo is None:
                continue  # 合规性好好: a target and its actual, in columns the header does not name
            if numbered and not _numbered_name_ok(name):
                continue
            if variant.open_start and rest[first_value].isdigit() and not rest[first_value - 1].isspace():
                continue
            cells: dict[str, str] = {}
            for g, value in m.groupdict().items():  # a second column of one field keeps the first
                if g in variant.fields and value and value.strip():
                    cells.setdefault(variant.fields[g], shown[m.start(g) : m.end(g)].strip())
            if echo is not None and not cells.get(DESCRIPTION):
                name, cells[DESCRIPTION] = name[:echo], name[echo:]
            return name, cells, m.end()
    return None


def _echo_at(name: str) -> int | None:
    """Where a name ends that its description follows ending in the same word, or None: the name
    written again (维修面积维修面积), or its words said at more length (补贴覆盖率对符合条件的对象
    发放补贴的覆盖率, 补助人数实际发放补助人数)."""
    word = name[-2:]
    at = name.find(word, 2) + len(word)
    # the description says at least as much as the name
    return at if _LETTER.fullmatch(word[0]) and 4 <= at * 2 <= len(name) and name[at] not in "及和与或并、" else None


@lru_cache(maxsize=512)  # one pattern per header layout and reading
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source)


def _numbered_name_ok(name: str) -> bool:
    """A numbered row's name holds no second row number, and none of its words is a header word
    (scrambled cells: 指标5:名 分值 得分 37442人 is no name; its values :func:`_name_ok` refuses)."""
    if _NUMBERED.search(name, 1):
        return False
    return not any(_word_role(w) for w in name.split()[1:])


def _name_ok(name: str) -> bool:
    """A name is words, not a value, a header word, a label, a connector's half or a second row."""
    if len(_LETTER.findall(_WHOLE_VALUE.sub("", name))) < 2:
        return False
    if name[-1] in "-~～至/、(（:：≥≤=<>≧≦" or name[0] in ")）%" or _word_role(name):
        return False
    if _COMPARED.search(name):  # a comparator and its number (>=95%): a row's value, not a name's
        return False
    # 验收通过率 100% 95%: a word set off by a space that is a value is the row's next cell
    if any(_WHOLE_VALUE.fullmatch(w) for w in name.split()[1:]):
        return False
    return _next_label(name, 0) is None and not _FOOTER.match(name)
