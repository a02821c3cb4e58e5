"""Target text (指标值) → typed value.

``parse_target(raw)`` never raises; whatever it cannot read as a value is kept as
:class:`Qualitative` text. Every value keeps ``raw`` (not compared) and renders to a canonical text
that parses back to an equal value. Before matching, full-width characters are folded to ASCII
(``９５％`` → ``95%``, ``＞＝`` → ``>=``, ``（）`` → ``()``), ``≧ ≦ ═`` to ``≥ ≤ =``, all whitespace
is dropped and trailing 。；，、. are ignored. So a comparator or unit written in a cell of its own
and joined with a space reads like the glued form: ``≧ 735 人次``, ``大于等于 1 次`` and
``= 3500 米`` are ``≥735人次``, ``≥1次`` and ``=3500米``.

Forms, tried in this order:

Empty
    ``''`` or only whitespace.
Placeholder — a template word or symbol where a value belongs (``PLACEHOLDER_WORDS``)
    ``是/否``, ``是或否``, ``无``, ``人数``, ``住院人数``, ``金额``, ``满意程度``, ``百分比``;
    runs of ``X x * / - … ?`` (``XX``, ``***``, ``/``, ``-``) also with a comparator and unit
    (``≥XX%``); a short name of a measure with no number (ends with one of ``MEASURE_NOUNS``:
    ``年度内补贴孤儿人数``, ``发放及时率``) unless it says what to do with it (``提高满意度``).
Quantity — ``[comparator] number [unit]``
    ``≥95%``, ``100%``, ``≥10141人次``, ``≤3030元``, ``1辆``, ``10万/年``, ``36个社区``,
    ``100`` (unit ''), ``>95`` (> stays >), ``100.00`` (Decimal('100.00'), as written),
    ``10,141人`` (thousands separators dropped). The comparator is None when none is written;
    it may be a symbol (``≥ ≤ = > <``, ``>= <= ≧ ≦ ═ ＝ ﹦ ＞ ＜``), a word before the number
    (不低于/不少于/不小于/至少/大于等于 ≥; 不高于/不超过/不多于/不大于/至多/小于等于 ≤;
    大于/高于/超过/多于 >; 小于/低于/少于 <; 等于 =; 各 = per item) or after it (以上/及以上 ≥;
    以下/及以下/以内/内 ≤): ``95%以上`` is ≥95%, ``30日内`` is ≤30日. ``VALUE_TAILS`` after it
    (覆盖, 全覆盖, 达标, 到位) do not change it: ``100%覆盖`` is 100%. Symbol and word together
    must agree (``≥95%以上`` is ≥95%). A unit is a short tail of CJK or Latin letters, with
    ``/ · . * ×`` or 每 between its pieces: ``%``, ``‰``, ``元/人/月``, ``元/人·年``, ``元/月.人``, ``元/人*月``,
    ``个月``, ``人/年``, ``万``, ``百分比``, ``比例``, ``元每人每月``, ``元/人.每天``, ``元/人、天``; a unit in
    brackets of its own loses them: ``≥13459.00(平方米)`` and ``=100.00（%）`` are ≥13459.00平方米
    and =100.00%. Words that are not units make the text qualitative: 左右, 封顶, 等, 余, 多, 约, 以…
    A quantity with words around its number (a comparator after it, 各, a ``VALUE_TAILS`` word:
    ``95%以上``, ``2天以内``, ``各1次``, ``100%覆盖``) has ``plain`` False: it is the same value to
    scoring and monitoring, but not a plain ``[comparator] number [unit]`` as written.
Range — ``low-high unit``, separators ``- ~ ～ 至 到``
    ``450-520元/月.人``, ``80～90%``, ``80%-90%``, ``80至90``. No comparator.
Deadline — dates, recurrences and rule-set time limits, clauses joined by ，；、
    ``2019年底前完成`` (year 2019, 12-31), ``2019年6月底前``, ``12月31日前``, ``年底前``,
    ``按月发放`` / ``按季度`` / ``每月25日左右`` (recurring), ``按月发放，2019年底前完成``,
    ``按规定时限完成`` (no date: the limit is set elsewhere). A verb may follow (``DEADLINE_VERBS``).
    及时 / 即时 / 按时 name no time, so they are *not* deadlines: they are Qualitative without
    direction (a review can flag them as not measurable).
Compound — two or more labelled quantities or ranges, separated by ；;，,、 or 和 / 及
    ``城市8712元/年；农村5000元/年``, ``66元/人/月和60元/人/月``,
    ``机构养育孤儿1450元/月，社会散居孤儿1000元/月``, ``80-89周岁600元/人·年；90-99周岁1200元/人·年``.
    A label is the text before the value as written (at most 16 letters, no ``/`` or comparator
    symbol); a piece with no value of its own belongs to the next label across 和 / 及
    (``其他社会保障和就业支出240万元``). A comma between digits followed by three digits is a
    thousands separator, not a split. A cell that does not split into such parts is qualitative.
Labelled value — a compound of one part: a description, then one quantity or range
    ``两项补贴各2000人`` (两项补贴: =2000人), ``覆盖3个乡镇``, ``全年开展培训不少于5次`` (≥5次),
    ``每人每月300元``, ``困难群众100%覆盖``, ``政策知晓率达到95%以上`` (≥95%). The label must have
    a CJK letter, no digit or sign (a second number keeps the text a sentence) and must not make the
    number a change or a guess (``较上年增长10%``, ``约2000人``, ``年底前100%`` stay qualitative).
Qualitative — everything else, with the direction it states where it has one
    UP: 稳步提升, 持续提升, 逐步提升, 有所提高, 明显改善, 较上年有所提高;
    DOWN: 逐步降低, 有所下降, 不高于上年; KEEP: 不低于上年, 保持稳定, 持平;
    FULL: 应保尽保, 应救尽救, 应补尽补 (anywhere in the text), 全覆盖; otherwise None
    (进一步完善, 达到预期, 及时). Sentences are never mined for a number: ``3人/年/6.3``,
    ``吨/1300元``, ``符合条件残疾人做到应补尽补，100%覆盖`` (a clause without a value) stay
    qualitative.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from jixiao.lazy_re import compile_later
from jixiao.values.types import (
    Comparator,
    Compound,
    Deadline,
    Direction,
    Empty,
    Part,
    Placeholder,
    Qualitative,
    Quantity,
    Range,
    TargetValue,
)

# Template words left where a value belongs (compared after folding, see module docstring).
PLACEHOLDER_WORDS = frozenset(
    {
        "是/否", "是或否", "是否", "否/是", "有/无", "有或无", "无", "暂无", "待定",
        "XX", "xx", "**", "***", "/", "-",
        "人数", "住院人数", "金额", "满意程度", "满意度", "百分比", "数量", "比例", "比率",
        "时间", "日期", "%", "‰", "元", "万元", "人", "人次", "个",
    }
)  # fmt: skip
# Endings that make a short digit-free text the name of a measure rather than a value.
MEASURE_NOUNS = ("人数", "人次", "户数", "次数", "天数", "个数", "数量", "金额", "比例", "百分比", "满意度", "满意程度", "率")
# Words that turn a measure name into a statement of intent (提高满意度 is not a placeholder).
_INTENT_WORDS = re.compile("提高|提升|降低|减少|增加|保持|达到|确保|控制|实现|完成|不")
# What may follow a deadline: 完成, 发放到位, 足额发放…
DEADLINE_VERBS = (
    "完成", "发放", "拨付", "支付", "到位", "下达", "办结", "兑现", "落实", "结束", "完工", "竣工",
    "建成", "验收", "上报", "报送", "开工", "启动", "实施", "执行", "使用", "结算", "清算", "申报",
)  # fmt: skip

_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}  # full-width ASCII block
# ═ (box drawing) is what some PDF and Word tables use for =.
_FOLD.update({ord(a): b for a, b in zip("≧≦⩾⩽﹦═﹪〜—–‐−", "≥≤≥≤==%~-----")})
_SPACE = re.compile(r"\s+")
_TRAILING = re.compile(r"[。.;,、]+$")
_DIGIT = re.compile(r"[0-9]")

_CMP_SYMBOLS = {">=": "≥", "<=": "≤", "==": "=", "≥": "≥", "≤": "≤", "=": "=", ">": ">", "<": "<"}
_CMP_WORDS = {
    "大于或等于": "≥", "大于等于": "≥", "不低于": "≥", "不少于": "≥", "不小于": "≥", "至少": "≥",
    "小于或等于": "≤", "小于等于": "≤", "不高于": "≤", "不超过": "≤", "不多于": "≤", "不大于": "≤",
    "至多": "≤", "大于": ">", "高于": ">", "超过": ">", "多于": ">", "小于": "<", "低于": "<",
    "少于": "<", "等于": "=", "各": "=",
}  # fmt: skip
_CMP_SUFFIXES = {"及以上": "≥", "或以上": "≥", "以上": "≥", "及以下": "≤", "或以下": "≤", "以下": "≤", "以内": "≤", "内": "≤"}
# Words that may follow a number without changing it: 100%覆盖 is 100%.
VALUE_TAILS = ("全覆盖", "覆盖", "达标", "到位")
_SUFFIX_ENDS = frozenset(w[-1] for w in _CMP_SUFFIXES)
# Read as a comparator, but a cell written with it is a phrase, not a plain value (各1次: one each).
_PHRASE_PREFIXES = frozenset({"各"})


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_PREFIX = re.compile(_alternation([*_CMP_SYMBOLS, *_CMP_WORDS]))
# Written without leading zeros (0.5, 10,141): Decimal("007") would not keep what was written.
_NUM = r"[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?|(?:0|[1-9][0-9]*)(?:\.[0-9]+)?"
# Letters of a unit word; 每 is left out because it joins unit words (元每人每月 is 元/人/月).
_WORD = r"[A-Za-z\u3400-\u6bce\u6bd0-\u9fff℃㎡²³]{1,4}"
# 人*月 and 人×次 are how a keyboard writes 人·月 (person-months).
_UNIT = rf"(?:[%‰]|{_WORD})?(?:(?:[/·.・*×]每?|每){_WORD}){{0,3}}"
# A per-something unit may list what it is per with 、 (元/人、天: per person and day).
_CELL_UNIT = rf"(?:[%‰]|{_WORD})?(?:(?:[/·.・*×]每?|每){_WORD}(?:、{_WORD})?){{0,3}}"
# A unit in brackets of its own, (平方米) or （%）, is the unit without them.
_LAST_UNIT = rf"(?P<open>\()?(?P<unit>{_CELL_UNIT})(?(open)\))"
_NUMBER_UNIT = re.compile(rf"(?P<num>{_NUM}){_LAST_UNIT}")
# A unit followed by its name in words: 98%(百分比), 12km(公里).
_GLOSS = re.compile(rf"(?<=[^\d.,(])\((?P<gloss>{_WORD})\)$")
# Its five copies of a unit's letters take 6 ms to compile: compiled for the first cell that holds
# a range's separator (most files have none).
_RANGE_SEPARATORS = "-~至到"
_RANGE = compile_later(rf"(?P<low>{_NUM})(?P<lunit>{_UNIT})[{_RANGE_SEPARATORS}](?P<high>{_NUM}){_LAST_UNIT}")
_NOT_UNIT = re.compile("[以等余多约前后底末内各共和及或至到不]|左右|封顶")
# Where a compound part's value may start: a number or a comparator not glued to a number before it.
_VALUE_START = re.compile(rf"(?<![0-9.,])(?:{_PREFIX.pattern}|[0-9])")
_LABEL_BAD = re.compile(r"[/≥≤<>=]")
# A label alone before its value must not say the number is a change or a guess (较上年增长10%, 约2000人).
_LONE_LABEL_BAD = re.compile("(?:增长|增加|提高|提升|上升|下降|降低|减少|缩短|增|减|降|多|少|约|近|逾|超|第|前|后|于)$|较|比|同比")
_LONE_LABEL = compile_later(r"[\u3400-\u9fffA-Za-z（）()“”\"《》]*[\u3400-\u9fff][\u3400-\u9fffA-Za-z（）()“”\"《》]*")
_LABEL_MAX = 16
_NUMBER_CHARS = re.compile(r"[0-9.,]")
_THOUSANDS_FREE_COMMA = r"(?<![0-9]),|,(?![0-9]{3}(?![0-9]))"
_SPLIT = re.compile(rf"[;、]|{_THOUSANDS_FREE_COMMA}|(?P<weak>和|及(?!以[上下]))")

_PLACEHOLDER_SYMBOLS = re.compile(rf"[-/\\*_?….xX×]+|(?:{_PREFIX.pattern})?[xX×*]+{_UNIT}")
_MEASURE_NOUN = re.compile(f"(?:{_alternation(MEASURE_NOUNS)})$")

_RECURRING = {"月": "month", "季度": "quarter", "季": "quarter", "半年": "half-year", "年度": "year",
              "年": "year", "周": "week", "日": "day", "天": "day"}  # fmt: skip
_DATE_CLAUSE = re.compile(
    r"(?:于|在|截至|截止)?"
    rf"(?:(?:按|每)(?P<rec>{_alternation(_RECURRING)}))?"
    r"(?:(?P<y>[0-9]{4})年度?|(?P<this_year>本年度|本年|当年|年度|年))?"
    r"(?P<year_end>底|末|终|内)?"
    r"(?:(?P<m>[0-9]{1,2})月份?(?:(?P<month_end>底|末)|初|上旬|中旬|下旬)?)?"
    r"(?:(?P<d>[0-9]{1,2})[日号])?"
    r"(?:左右)?"
    r"(?P<by>前|之前|以前|止|为止)?"
    rf"(?P<verb>(?:全部|足额|及时|按时)?(?:{_alternation(DEADLINE_VERBS)}){{0,2}})"
)
_RULE_CLAUSE = re.compile(
    rf"(?:按|在|于)?(?:规定|要求|合同约定|约定)的?(?:时限|期限|时间|日期)(?:内|前)?(?:{_alternation(DEADLINE_VERBS)}){{0,2}}"
)
_CLAUSE_SPLIT = re.compile(r"[,;、]")

_ADVERB = "(?:稳步|持续|逐步|逐年|不断|有所|明显|显著|进一步|大幅|较大|有效|全面|切实|(?:较|比)(?:上年|去年)(?:同期)?|同比){0,2}"
_DIRECTIONS = (
    (Direction.UP, re.compile(f"{_ADVERB}(?:提升|提高|增长|增加|改善|上升|增强)|(?:高于|好于)(?:上年|去年)度?")),
    (Direction.DOWN, re.compile(f"{_ADVERB}(?:降低|下降|减少|缩短)|(?:不高于|不超过|低于)(?:上年|去年)度?")),
    (Direction.KEEP, re.compile("(?:不低于|不少于|保持|维持|达到)(?:上年|去年)度?(?:水平)?|(?:保持)?稳定|(?:与上年|基本)?持平|保持不变")),
)
_FULL = re.compile(r"应(\w)尽\1|全覆盖|全面覆盖|全部覆盖|100%覆盖")


def parse_target(raw: str) -> TargetValue:
    """Read one 指标值 cell; see the module docstring for the forms."""
    text = raw.strip()
    if not text:
        return Empty(raw=raw)
    folded = text.translate(_FOLD)
    norm = _SPACE.sub("", folded)
    if _placeholder(norm, PLACEHOLDER_WORDS):
        return Placeholder(text, raw=raw)
    core = _TRAILING.sub("", norm)
    if _DIGIT.search(core):
        value = _measure(core, raw) or _deadline(text, core, raw) or _compound(text, folded, core, raw)
    else:
        value = _deadline(text, core, raw)
    return value or Qualitative(text, _direction(core), raw=raw)


def is_comparator(text: str) -> bool:
    """Whether ``text`` is a comparator and nothing else (≥, >=, ≧, ═, 大于等于, 不低于): what a
    table's column of its own (比较符, 指标性质) holds."""
    return bool(_PREFIX.fullmatch(_SPACE.sub("", text.translate(_FOLD))))


# The grammar's pieces, for readers that find values inside longer text (glued table cells).
COMPARATOR_PATTERN, NUMBER_PATTERN, UNIT_PATTERN, COMPARATOR_SUFFIXES = _PREFIX, _NUM, _UNIT, _CMP_SUFFIXES


def is_placeholder(text: str, words: frozenset[str] = PLACEHOLDER_WORDS) -> bool:
    """True when ``text`` is template text, with ``words`` as the list of template words."""
    return _placeholder(_SPACE.sub("", text.translate(_FOLD)), words)


def _placeholder(norm: str, words: frozenset[str]) -> bool:
    if norm in words or _PLACEHOLDER_SYMBOLS.fullmatch(norm):
        return True
    return (
        len(norm) <= 10
        and not _DIGIT.search(norm)
        and _MEASURE_NOUN.search(norm) is not None
        and not _INTENT_WORDS.search(norm)
    )


def _measure(s: str, raw: str) -> Quantity | Range | None:
    """A whole ``[comparator] number [unit]`` or ``low-high unit``, else None."""
    before = after = None
    plain = True  # until a word around the number makes the cell a phrase (Quantity.plain)
    for tail in VALUE_TAILS:  # longest first
        if s.endswith(tail) and len(s) > len(tail):
            s, plain = s[: -len(tail)], False
            break
    if m := _PREFIX.match(s):
        before = _CMP_SYMBOLS.get(m.group()) or _CMP_WORDS[m.group()]
        plain = plain and m.group() not in _PHRASE_PREFIXES
        s = s[m.end() :]
    if s[-1:] in _SUFFIX_ENDS:
        for suffix, comparator in _CMP_SUFFIXES.items():  # longest first
            if s.endswith(suffix):
                after, s = comparator, s[: -len(suffix)]
                break
    if before and after and before != after:
        return None
    comparator = before or after
    if (gloss := _GLOSS.search(s)) and _is_unit(gloss["gloss"]):
        s = s[: gloss.start()]
    if (m := _NUMBER_UNIT.fullmatch(s)) and _is_unit(m["unit"]):
        return Quantity(
            Comparator(comparator) if comparator else None, _decimal(m["num"]), m["unit"], raw=raw, plain=plain and not after
        )
    m = _RANGE.fullmatch(s) if any(separator in s for separator in _RANGE_SEPARATORS) else None
    if m and comparator is None and m["lunit"] in ("", m["unit"]) and _is_unit(m["unit"]):
        return Range(_decimal(m["low"]), _decimal(m["high"]), m["unit"], raw=raw)
    return None


def _is_unit(unit: str) -> bool:
    return not _NOT_UNIT.search(unit)


def _decimal(num: str) -> Decimal:
    return Decimal(num.replace(",", ""))


def _deadline(text: str, core: str, raw: str) -> Deadline | None:
    fields: dict[str, int | str | None] = {}
    for clause in _CLAUSE_SPLIT.split(core):
        if _RULE_CLAUSE.fullmatch(clause):
            continue
        found = _date_clause(clause)
        if found is None:
            return None
        for key, value in found.items():
            if fields.get(key) is None:
                fields[key] = value
    get = fields.get
    return Deadline(text, get("year"), get("month"), get("day"), get("recurring") or "", raw=raw)


def _date_clause(clause: str) -> dict[str, int | str | None] | None:
    m = _DATE_CLAUSE.fullmatch(clause)
    if not clause or not m:
        return None
    rec, this_year, year_end = m["rec"], m["this_year"], m["year_end"]
    year, month, day = (int(m[k]) if m[k] else None for k in ("y", "m", "d"))
    whole_year = year is not None or this_year is not None
    if this_year in ("年", "年度") and not year_end:
        return None  # 年 alone is no date, 年底 is
    if year_end and not rec and (month is not None or not whole_year):
        return None  # 底 after a year ends that year
    if day is not None and not (month or rec or m["by"] or m["verb"]):
        return None  # 25日 alone is a count of days
    if not (rec or whole_year or month or day):
        return None  # 完成 alone
    if not (rec or this_year or year_end or m["month_end"] or m["by"] or m["verb"] or (month and (year or day))):
        return None  # 6月, 2019年 alone are counts, not dates
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None
    if whole_year and month is None and not rec:
        month, day = 12, 31
    return {"year": year, "month": month, "day": day, "recurring": _RECURRING.get(rec or "", "")}


def _compound(text: str, folded: str, core: str, raw: str) -> Compound | None:
    """Labelled values split at ；;，,、 and 和/及; a piece without a value of its own is glued to
    the next one across 和/及 (其他社会保障和就业支出240万元 is one label)."""
    splits = list(_SPLIT.finditer(core))
    index = [i for i, c in enumerate(folded) if not c.isspace()]  # core position → text position
    parts, separators, start = [], [], 0
    for m in [*splits, None]:
        part = _part(text, core, index, start, m.start() if m else len(core))
        if part is None and m is not None and m["weak"] and _label_ok(core[start : m.end()]):
            continue  # the text so far can still be the start of a label
        if part is None:
            return None
        parts.append(part)
        if m is not None:
            separators.append(text[index[m.start()] : index[m.end() - 1] + 1])
            start = m.end()
    if len(parts) == 1 and not _lone_label_ok(parts[0].label):
        return None
    return Compound(tuple(parts), tuple(separators), raw=raw)


def _part(text: str, core: str, index: list[int], a: int, b: int) -> Part | None:
    """The leftmost value that runs to the end of the piece, and the label before it."""
    piece = core[a:b]
    for m in _VALUE_START.finditer(piece):
        value_raw = text[index[a + m.start()] : index[b - 1] + 1]
        value = _measure(piece[m.start() :], value_raw)
        if value is None:
            continue
        label = piece[: m.start()]
        if not _label_ok(label):
            return None
        return Part(text[index[a] : index[a + m.start() - 1] + 1] if label else "", value)
    return None


def _label_ok(label: str) -> bool:
    """Short, and no unit or comparator in it (or it holds a value of its own); digits do not count."""
    letters = len(label) - len(_NUMBER_CHARS.findall(label))
    return letters <= _LABEL_MAX and not _LABEL_BAD.search(label)


def _lone_label_ok(label: str) -> bool:
    """A single value's label describes what is counted (两项补贴各, 覆盖, 全年开展培训): it is written,
    holds no number or sign of its own (a second number makes the text a sentence: 3人/年/6.3) and
    is no change or guess."""
    norm = _SPACE.sub("", label.translate(_FOLD))
    return _LONE_LABEL.fullmatch(norm) is not None and not _LONE_LABEL_BAD.search(norm)


def _direction(core: str) -> Direction | None:
    if _FULL.search(core):
        return Direction.FULL
    for direction, pattern in _DIRECTIONS:
        if pattern.fullmatch(core):
            return direction
    return None
