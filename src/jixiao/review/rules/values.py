"""Values that cannot be right: impossible percentages, wrong direction, missing or wrong units.

The name of an indicator says what it measures — Chinese puts the head noun last, so 保障率 is a
rate, 散居孤儿人数 a count, 天然气费 an amount, 完成时限 a time. A value that does not fit (≥100% on a
rate, ≤100% on a satisfaction, 85% for a number of orphans, `5` with no unit, `吨/1300元`) cannot be
checked at year end. The word lists are data: ``review/data/indicator_lexicon.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any

from jixiao.findings import Severity
from jixiao.model.document import Document, Indicator
from jixiao.model.polarity import NAME_TRIM as _TRIM, indicator_name, lower_is_better
from jixiao.review.context import Cell, Hit, ReviewContext, review_data
from jixiao.review.registry import Dimension, rule
from jixiao.values.parse import parse_target
from jixiao.values.types import Comparator, Compound, Direction, Qualitative, Quantity, Range, TargetValue

SATISFACTION_LEVEL2 = ("服务对象满意度指标", "社会公益或服务对象满意度指标")
HUNDRED = Decimal(100)


def lexicon() -> dict[str, Any]:
    """The built-in indicator lexicon, ``review/data/indicator_lexicon.toml``."""
    return review_data("indicator_lexicon.toml")


@lru_cache(maxsize=65536)
def measure_kind(name: str) -> str:
    """What the name measures: satisfaction, rate, count, standard, money, time — or '' (unknown)."""
    kinds = lexicon()["kinds"]
    if any(w in name for w in kinds["satisfaction_words"]):
        return "satisfaction"
    for kind, key in (("rate", "rate_suffixes"), ("count", "count_suffixes")):
        if name.endswith(tuple(kinds[key])):
            return kind
    if name.endswith(tuple(kinds["standard_suffixes"])):
        return "standard"
    if name.endswith(tuple(kinds["money_suffixes"])):
        return "" if any(w in name for w in kinds["activity_words"]) else "money"
    if name.endswith(tuple(kinds["time_suffixes"])):
        return "time"
    return ""


@lru_cache(maxsize=65536)
def count_unit(name: str) -> str:
    """The unit a count named ``name`` is written in (人数 → 人, 人次 → 人次), '' when it depends."""
    for suffix, unit in lexicon()["kinds"]["count_suffixes"].items():
        if name.endswith(suffix):
            return unit
    return ""


@lru_cache(maxsize=65536)
def unit_class(unit: str) -> str:
    """percent, money, time, people, count, or '' for no or unknown unit."""
    units = lexicon()["units"]
    unit = unit.strip()
    if not unit:
        return ""
    if any(p in unit for p in units["percent"]):
        return "percent"
    if "元" in unit or unit.startswith(("万", "亿")):
        return "money"
    if unit in units["time"]:
        return "time"
    if unit.startswith(tuple(units["people"])):
        return "people"
    if unit.startswith(tuple(units["count"])):
        return "count"
    return ""


def is_satisfaction(ind: Indicator, name: str, kind: str) -> bool:
    return kind == "satisfaction" or (not kind and ind.level2 in SATISFACTION_LEVEL2)


def quantities(value: TargetValue) -> Iterator[Quantity | Range]:
    """The numeric values in a target: itself, or each part of a compound."""
    if isinstance(value, (Quantity, Range)):
        yield value
    elif isinstance(value, Compound):
        for part in value.parts:
            yield from quantities(part.value)


def percent_under_quantity(ind: Indicator) -> bool:
    """A percentage under 数量指标 (JX121 reports it; other rules leave the row alone)."""
    return ind.level2 == "数量指标" and any(
        unit_class(q.unit) == "percent" for value in (ind.target, ind.cycle_target) for q in quantities(value)
    )


_grade_value = lru_cache(maxsize=4096)(parse_target)  # grade cells repeat: 100%, 85%, 75%以下


def _written_values(ind: Indicator) -> Iterator[tuple[str, str, TargetValue]]:
    """(field, raw, typed) of each value written: the cycle value only when it differs from the year
    value, and for graded tables (seed 000) the 优 threshold, which carries the target."""
    if ind.target_raw:
        yield "target", ind.target_raw, ind.target
    if ind.cycle_target_raw and ind.cycle_target_raw != ind.target_raw:
        yield "cycle_target", ind.cycle_target_raw, ind.cycle_target
    if ind.grades.excellent and not ind.target_raw:
        yield "grades", ind.grades.excellent, _grade_value(ind.grades.excellent)


NamedValue = tuple[Cell, Indicator, str, TargetValue]


def named_values(ctx: ReviewContext, skip_words: tuple[str, ...] = ()) -> Iterator[NamedValue]:
    """Every written value as a cell, with its indicator, the indicator's name and the typed value;
    names containing one of ``skip_words`` (growth ratios, scores) are left out."""
    values = ctx.shared(_named_values)
    if not skip_words:
        yield from values
        return
    skipped: dict[str, bool] = {}  # names repeat across projects
    for item in values:
        name = item[2]
        skip = skipped.get(name)
        if skip is None:
            skip = skipped[name] = any(w in name for w in skip_words)
        if not skip:
            yield item


def _named_values(ctx: ReviewContext) -> list[NamedValue]:
    return [
        (Cell(document, section, row_no, field, raw), ind, name, value)
        for document, section, row_no, ind in ctx.indicators()
        for name in (indicator_name(ind),)
        for field, raw, value in _written_values(ind)
    ]


def _num(number: Decimal) -> str:
    return format(number.normalize(), "f") if number == number.to_integral() else format(number, "f")


def _render(q: Quantity, comparator: str | None = None, unit: str | None = None) -> str:
    cmp = q.comparator.value if comparator is None and q.comparator else (comparator or "")
    return f"{cmp}{_num(q.number)}{q.unit if unit is None else unit}"


def _called(name: str) -> str:
    return f"“{name}”" if name else "该指标"


def _is_percent(q: Quantity | Range) -> bool:
    return unit_class(q.unit) == "percent"


@rule(
    "JX120",
    "百分比超过100%或写成“≥100%”",
    Dimension.FEASIBILITY,
    Severity.ERROR,
    why="覆盖率、发放率、准确率、比例等最多只能达到100%。“≥100%”或“120%”的目标不可能实现，"
    "年底也无法按“超过多少”打分；必须全部做到就写“100%”，需要留有余地就写“≥98%”。",
    bad="质量指标 / 国有企业已退休人员管理服务工作与原企业分离的比例 / ≥100%",
    good="质量指标 / 国有企业已退休人员管理服务工作与原企业分离的比例 / 100%",
)
def percent_over_hundred(ctx: ReviewContext):
    for cell, ind, name, value in named_values(ctx, tuple(lexicon()["kinds"]["growth_words"])):
        for q in quantities(value):
            if not _is_percent(q):
                continue
            top = q.high if isinstance(q, Range) else q.number
            at_least = isinstance(q, Quantity) and q.comparator in (Comparator.GE, Comparator.GT)
            if top > HUNDRED or (at_least and top >= HUNDRED):
                if is_satisfaction(ind, name, measure_kind(name)):
                    suggestion = "满意度写成“≥90%”或“≥95%”（以问卷调查结果为依据）。"
                else:
                    suggestion = "必须全部做到的写“100%”；需要留有余地的写“≥98%”。"
                yield cell.hit(f"{_called(name)}的目标“{cell.text}”超过了100%，比率不可能做到。", cell.text, suggestion)
                break


_QUANTITY_ADVICE = {
    "count": "“{name}”是人数或个数，数量指标应写实际数量，如“{example}”（数字取自年度计划或上年实际数）。",
    "money": "“{name}”是一笔金额，不能用百分比表示；金额应写成“≤N万元”，并放到成本指标下。",
    "standard": "“{name}”是补助标准，应写成“N元/人·月”之类的金额，并放到成本指标下。",
    "time": "“{name}”是时间要求，应写成明确的时限，如“2024年6月底前完成”，并放到时效指标下。",
    "rate": "“{name}”是比率，反映的是质量而不是数量：移到质量指标下，数量指标另写“救助N人次”“发放N户”等实际数量。",
    "satisfaction": "满意度应放在满意度指标下；数量指标另写实际完成的数量。",
    "": "数量指标应写完成了多少（如“≥N人”“N个”），百分比说明不了数量；若要考核比率，请移到质量指标下。",
}


@rule(
    "JX121",
    "数量指标的指标值是百分比",
    Dimension.FEASIBILITY,
    Severity.WARNING,
    why="数量指标考核“完成了多少”：多少人、多少户、多少个。写成百分比（散居孤儿人数≥85%、救助率100%）"
    "就不知道要完成的实际数量，年底无法核对；比率属于质量指标。",
    bad="数量指标 / 散居孤儿人数 / ≥85%",
    good="数量指标 / 散居孤儿人数 / ≥60人",
)
def percent_in_quantity(ctx: ReviewContext):
    for cell, ind, name, value in named_values(ctx):
        if ind.level2 != "数量指标" or not any(_is_percent(q) for q in quantities(value)):
            continue
        unit = count_unit(name) or "人"
        yield cell.hit(
            f"数量指标{_called(name)}的指标值“{cell.text}”是百分比，看不出要完成的实际数量。",
            cell.text,
            _QUANTITY_ADVICE[measure_kind(name)].format(name=name, example=f"≥N{unit}"),
        )


# kind of name → unit classes that cannot measure it, and what to write instead
_UNIT_MISFIT = {
    "rate": ({"money", "people", "count", "time"}, "比率应写成百分比，如“≥95%”。"),
    "satisfaction": ({"money", "people", "count", "time"}, "满意度应写成百分比，如“≥90%”。"),
    "count": ({"percent", "money", "time"}, "人数、个数应写成带单位的数量，如“≥{n}{unit}”。"),
    "money": ({"percent", "people", "count"}, "金额应写成“≤N万元”或“N元/人”，人数另列一条数量指标。"),
    "standard": ({"percent", "people", "count", "time"}, "补助标准应写成金额，如“≥N元/人·月”，并放在成本指标下。"),
    "time": ({"percent", "money", "people"}, "时间要求应写成时限，如“2024年6月底前完成”或“≤N个工作日”。"),
}
_KIND_LABEL = {
    "rate": "比率",
    "satisfaction": "满意度",
    "count": "数量",
    "money": "金额",
    "standard": "补助标准",
    "time": "时间要求",
}
_UNIT_LABEL = {"percent": "百分比", "money": "金额", "time": "时间", "people": "人数", "count": "个数"}
# (unit the name counts in, unit written): persons are not person-times (人 and 名 are the same)
_PERSON_TIMES = {("人次", "人"), ("人次", "名"), ("人", "人次"), ("名", "人次")}


@rule(
    "JX122",
    "计量单位与指标不符",
    Dimension.FEASIBILITY,
    Severity.WARNING,
    why="指标名称说明了它计量什么：“…率”用百分比，“…人数”用人，“…费用”“…标准”用元，“…时限”用日期或天数。"
    "单位对不上（改革任务完成时限≥100%、培训人次≥200人、慰问标准≥90%），目标就无法核验。",
    bad="时效指标 / 改革任务完成时限 / ≥100%",
    good="时效指标 / 改革任务完成时限 / 2022年12月底前完成",
)
def unit_misfit(ctx: ReviewContext):
    for cell, ind, name, value in named_values(ctx):
        raw = cell.text
        kind = measure_kind(name)
        if kind not in _UNIT_MISFIT:
            continue
        wrong, advice = _UNIT_MISFIT[kind]
        for q in quantities(value):
            got = unit_class(q.unit)
            if got == "percent" and ind.level2 == "数量指标":
                continue  # JX121
            number = _num(q.number) if isinstance(q, Quantity) and got in ("people", "count") else "N"
            if got in wrong:
                message = f"“{name}”是{_KIND_LABEL[kind]}，指标值“{raw}”却是{_UNIT_LABEL[got]}。"
            elif kind == "count" and (count_unit(name), q.unit) in _PERSON_TIMES:
                message = f"指标名称按“{count_unit(name)}”计，指标值“{raw}”却写的是“{q.unit}”。"
                advice = "单位与名称保持一致，如“≥{n}{unit}”。"
            else:
                continue
            yield cell.hit(message, raw, advice.format(n=number, unit=count_unit(name) or "个"))
            break


@rule(
    "JX123",
    "指标方向写反",
    Dimension.FEASIBILITY,
    Severity.ERROR,
    why="比率和满意度越高越好，应写“≥”；成本、费用、时长、差错率、投诉率越低越好（反向指标），应写“≤”。"
    "把“及时率”“满意度”写成“≤100%”，等于说做得越差越达标。",
    bad="满意度指标 / 特困人员满意程度 / ≤100%",
    good="满意度指标 / 特困人员满意程度 / ≥90%",
)
def wrong_direction(ctx: ReviewContext):
    for cell, _ind, name, value in named_values(ctx):
        if not name:
            continue
        raw = cell.text
        kind = measure_kind(name)
        lower = lower_is_better(name)
        higher = not lower and kind in ("rate", "satisfaction")
        if isinstance(value, Qualitative):
            if (lower and value.direction == Direction.UP) or (higher and value.direction == Direction.DOWN):
                better = "降低" if lower else "提高"
                yield cell.hit(
                    f"“{name}”应当越{'低' if lower else '高'}越好，指标值“{raw}”的方向相反。",
                    raw,
                    f"写成逐步{better}的具体数值，如“{'≤上年实际数' if lower else '≥上年实际数'}”。",
                )
            continue
        for q in quantities(value):
            if not isinstance(q, Quantity) or q.comparator is None:
                continue
            if higher and q.comparator in (Comparator.LE, Comparator.LT):
                if q.number >= HUNDRED and _is_percent(q):
                    better = "“≥90%”" if kind == "satisfaction" else "“100%”（或留有余地写“≥98%”）"
                else:
                    better = f"“{_render(q, '≥')}”"
                yield cell.hit(
                    f"“{name}”越高越好，指标值“{raw}”却用了“{q.comparator.value}”，方向写反了。",
                    raw,
                    f"改为{better}。",
                )
                break
            if lower and q.comparator in (Comparator.GE, Comparator.GT) and (not _is_percent(q) or kind == "rate"):
                yield cell.hit(
                    f"“{name}”是越低越好的反向指标，指标值“{raw}”却用了“{q.comparator.value}”。",
                    raw,
                    f"改为“{_render(q, '≤')}”。",
                )
                break


# Excel counts days from 1899-12-30: a date cell shown as a number (44561) is that many days on.
# A time limit between 2000 and 2099 written as a bare day count of that size is such a date.
_EXCEL_DAY_ZERO = date(1899, 12, 30)
_EXCEL_DAYS = (date(2000, 1, 1) - _EXCEL_DAY_ZERO).days, (date(2099, 12, 31) - _EXCEL_DAY_ZERO).days


def _excel_date(number: Decimal) -> date | None:
    """The date an Excel date serial stands for, None when ``number`` is not one."""
    first, last = _EXCEL_DAYS
    if number != number.to_integral_value() or not first <= number <= last:
        return None
    return _EXCEL_DAY_ZERO + timedelta(days=int(number))


def _unit_guess(document: Document, name: str, kind: str, q: Quantity) -> str:
    if kind in ("rate", "satisfaction"):
        return f"写成“{_render(q, unit='%')}”。"
    if kind == "count":
        unit = count_unit(name)
        return f"写成“{_render(q, unit=unit)}”。" if unit else f"补上单位，如“{_render(q, unit='个')}”或“{_render(q, unit='人')}”。"
    if kind in ("money", "standard"):
        money = document.money_unit or "万元"
        if q.number == HUNDRED:
            return f"写明单位：是金额就写“{_render(q, unit=money)}”，是比例就写“{_render(q, unit='%')}”。"
        return f"写成“{_render(q, unit=money)}”（请核实是元还是万元）。"
    if kind == "time":
        if day := _excel_date(q.number):
            written = f"{day.year}年{day.month}月{day.day}日"
            return f"“{q.number}”像是电子表格把日期显示成了序号（即{written}）：写成“{written}前完成”。"
        return f"补上单位，如“{_render(q, unit='天')}”或“{_render(q, unit='个月')}”。"
    if q.number <= HUNDRED:
        return f"写明单位：是比例就写“{_render(q, unit='%')}”，是数量就写“{_render(q, unit='人')}”“{_render(q, unit='个')}”等。"
    return "写明计量单位（%、人、个、万元……）。"


# 320/年 inside a text: a rate per period or person with the money unit left out
_PER_WITHOUT_UNIT = re.compile(r"(?<![\d.\-/／])(\d+(?:\.\d+)?)[/／](年|月|人|户|次|具)")


@rule(
    "JX124",
    "指标值缺少计量单位",
    Dimension.FEASIBILITY,
    Severity.WARNING,
    why="“100”“>95”“5”没有单位，看不出是百分比、人数还是金额（元还是万元），年底无法按它打分。",
    bad="产出指标 / 天然气费 / 5",
    good="成本指标 / 天然气费 / ≤5万元",
)
def missing_unit(ctx: ReviewContext):
    for cell, ind, name, value in named_values(ctx, tuple(lexicon()["kinds"]["unitless_words"])):
        raw = cell.text
        if not isinstance(value, (Quantity, Range)) and (match := _PER_WITHOUT_UNIT.search(raw)):
            yield cell.hit(f"指标值中的“{match.group(0)}”只有数字，没有金额单位。", raw, f"写成“{match.group(1)}元/{match.group(2)}”。")
            continue
        for q in quantities(value):
            if isinstance(q, Quantity) and not q.unit.strip():
                if cell.field == "grades":
                    suggestion = f"评分标准与其他档次一致，写成“{_render(q, unit='%')}”。"
                else:
                    suggestion = _unit_guess(cell.document, name, measure_kind(name), q)
                yield cell.hit(f"指标值“{raw}”只有数字，没有计量单位。", raw, suggestion)
                break


_CLAUSES = re.compile(r"[；;，,、。\s]+|和|及")
_SLASH = re.compile(r"[/／]")
_DATE = re.compile(r"^\d{4}[/／]\d{1,2}([/／]\d{1,2})?$")
_INVERTED = re.compile(r"^([^\d/／]{1,4})[/／](\d+(?:\.\d+)?)\s*([^\d/／]{0,3}[元万][^\d/／]{0,2})$")
_COUNTED = re.compile(r"^(\d+(?:\.\d+)?)\s*(人次|人|户|名|个)$")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?\s*[万千]?元?$")
_STRAY = re.compile(r"(\d+(?:\.\d+)?元(?:[/／][^\d/／]{1,3})+?)(\d+(?:\.\d+)?)$")


def _amount(text: str) -> str:
    if "元" in text:
        return text
    return text + "元" if text.endswith(("万", "千")) else f"{text}万元（请核实单位）"


def _mixed_cell(raw: str) -> tuple[str, str] | None:
    """(problem, suggestion) when a clause mixes people, period and money (3人/年/6.3), puts the
    unit before the number (吨/1300元) or has a stray number after its unit (160元/月.人60)."""
    for clause in _CLAUSES.split(raw):
        if not clause or _DATE.match(clause):
            continue
        if match := _INVERTED.match(clause):
            thing, number, money = match.groups()
            return (
                f"“{clause}”把单位写在了数字前面，计量单位颠倒了",
                f"写成“{number}{money}/{thing}”；数量（多少{thing}）另写一条数量指标。",
            )
        segments = [s.strip() for s in _SLASH.split(clause) if s.strip()]
        if len(segments) >= 2 and (people := _COUNTED.match(segments[0])) and _NUMBER.match(segments[-1]):
            return (
                f"“{clause}”把人数、期限和金额写在了一个单元格里",
                f"拆开填写：数量指标写“{people.group(0)}”，成本指标写“≤{_amount(segments[-1])}/年”。",
            )
        if match := _STRAY.search(clause):
            return (
                f"“{clause}”在单位后面多出了数字“{match.group(2)}”",
                f"核对原稿，删去多余的“{match.group(2)}”（如“{match.group(1)}”）。",
            )
    return None


@rule(
    "JX125",
    "一个指标值混写人数、期限和金额，或单位错乱",
    Dimension.CONFORMITY,
    Severity.WARNING,
    why="“3人/年/6.3”“2人/年/4.2万”把人数、期限、金额挤在一格，“吨/1300元”把单位写反，"
    "“160元/月.人60”在单位后多出数字，看不出考核的是人数还是金额，也无法与其他年度比较。",
    bad="数量指标 / 单位自聘人员工资 / 3人/年/6.3",
    good="数量指标 / 单位自聘人员人数 / 3人；成本指标 / 单位自聘人员工资 / ≤6.3万元/年",
)
def mixed_cell(ctx: ReviewContext):
    for cell, *_ in named_values(ctx):
        if cell.field == "grades":
            continue
        found = _mixed_cell(cell.text)
        if found:
            problem, suggestion = found
            yield cell.hit(f"指标值{problem}。", cell.text, suggestion)


_NAME_QUANTITY = re.compile(
    r"(\d+(?:\.\d+)?)\s*(人次|个|名|户|吨|辆|所|家|处|张|座|套|台|间|位|条|公里|平方米|亩|人)"
)


@rule(
    "JX126",
    "指标名称里写了目标数量",
    Dimension.CONFORMITY,
    Severity.HINT,
    why="“8个社区日间照料中心 ≥8个”把目标写进了名称，名称应说明考核什么，数量只写在指标值里；"
    "否则下一年数量一变，名称也得改，还容易两处不一致。",
    bad="数量指标 / 8个社区日间照料中心 / ≥8个",
    good="数量指标 / 社区日间照料中心运营数量 / ≥8个",
)
def quantity_in_name(ctx: ReviewContext):
    for document, section, row_no, ind in ctx.indicators():
        if not ind.level3 or not ind.target_raw:
            continue
        for match in _NAME_QUANTITY.finditer(ind.level3):
            number, unit = Decimal(match.group(1)), match.group(2)
            same_number = any(isinstance(q, Quantity) and q.number == number for q in quantities(ind.target))
            if not same_number and unit not in ind.target_raw:
                continue
            stripped = _TRIM.sub("", ind.level3.replace(match.group(0), "", 1)) or ind.level3
            yield Hit(
                f"指标名称“{ind.level3}”里已写了数量“{match.group(0)}”，与指标值“{ind.target_raw}”重复。",
                document,
                section,
                row_no,
                "level3",
                ind.level3,
                f"名称写“{stripped}数量”，指标值写“{match.group(0)}”（或“≥{match.group(0)}”）。",
            )
            break


@rule(
    "JX127",
    "满意度目标定为100%",
    Dimension.APPROPRIATENESS,
    Severity.HINT,
    why="满意度来自问卷调查，100%要求每一位受访者都满意，几乎不可能做到，也让自评失去区分度；"
    "通常写“≥90%”或“≥95%”。",
    bad="满意度指标 / 受益群体满意度 / 100%",
    good="满意度指标 / 受益群体满意度 / ≥95%",
)
def satisfaction_hundred(ctx: ReviewContext):
    for cell, ind, name, value in named_values(ctx):
        if cell.field == "grades" or not is_satisfaction(ind, name, measure_kind(name)):
            continue
        if isinstance(value, Quantity) and _is_percent(value) and value.number == HUNDRED:
            if value.comparator in (None, Comparator.EQ):
                yield cell.hit(
                    f"满意度目标“{cell.text}”要求人人满意，不切实际。",
                    cell.text,
                    "写成“≥95%”或“≥90%”，并注明以问卷调查结果为依据。",
                )


@rule(
    "JX128",
    "比率或满意度目标缺少比较符",
    Dimension.CONFORMITY,
    Severity.HINT,
    why="“80%”没有“≥”，字面意思是恰好80%，多了少了都不算达标；比率和满意度的目标应写成“≥80%”。",
    bad="满意度指标 / 改造困难老年人满意度 / 80%",
    good="满意度指标 / 改造困难老年人满意度 / ≥80%",
)
def missing_comparator(ctx: ReviewContext):
    for cell, ind, name, value in named_values(ctx):
        if cell.field == "grades" or not isinstance(value, Quantity):
            continue
        kind = measure_kind(name)
        if kind not in ("rate", "satisfaction") and not is_satisfaction(ind, name, kind):
            continue
        if _is_percent(value) and value.comparator is None and value.number < HUNDRED:
            cmp = "≤" if lower_is_better(name) else "≥"
            yield cell.hit(
                f"{_called(name)}的目标“{cell.text}”没有比较符，字面上只能恰好等于{_num(value.number)}%。",
                cell.text,
                f"写成“{_render(value, cmp)}”。",
            )
