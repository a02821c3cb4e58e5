"""Duplicates: the same indicator twice in one table, one indicator table pasted into unrelated
projects, one project code used twice, codes that do not look like the others, copied texts.

All checks are linear in the number of sections and rows: rows, codes and texts are grouped with
dicts; whole indicator tables are compared by a similarity join over their shingles (prefix
filtering with an exact Jaccard check, :mod:`jixiao.review.similarity`), never pair by pair.
Documents reviewed together are checked together, except that sections of documents of
*different* budget years are never called copies of each other (the same project next year is
expected to look the same), and JX145 compares texts within one file unless ``scope = "all"``.

Profile parameters: JX141 ``threshold`` (0.8), ``min_indicators`` (3), ``value_weight`` (4),
``generic`` (extra generic indicator names), ``max_listed`` (10); JX143 ``pattern`` and
``pattern_help``; JX144 ``pattern``; JX145 ``min_chars`` (12), ``scope`` ("file" / "all").
"""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from jixiao.findings import Severity
from jixiao.model.document import Document, Indicator, Section, SectionKind
from jixiao.review.context import Hit, ReviewContext, review_data
from jixiao.review.registry import Dimension, rule
from jixiao.review.rules.money import fund_links
from jixiao.review.similarity import (
    compact,
    jaccard,
    near_duplicate_groups,
    normalise,
    text_shingles,
)


def lexicon() -> dict[str, Any]:
    """``review/data/duplicates.toml``."""
    return review_data("duplicates.toml")


# --- naming sections in messages -------------------------------------------------------------


def section_label(document: Document, section: Section, here: Document | None = None) -> str:
    """``“汽车保险费”（13030322P00391410001H，秦皇岛市山海关区特困人口集中供养中心）``."""
    extra = [section.code] if section.code else []
    if section.unit.name:
        extra.append(section.unit.name)
    if here is not None and document.source_file and document.source_file != here.source_file:
        extra.append(document.source_file)
    name = section.name or section.key or "（未命名）"
    if len(name) > 40:
        name = name[:38] + "……"
    return f"“{name}”" + (f"（{'，'.join(extra)}）" if extra else "")


def _comparable(a: Document, b: Document) -> bool:
    """Two documents may hold copies of each other unless they are of different known years."""
    return a is b or a.year is None or b.year is None or a.year == b.year


def _rows(indicators: list[int]) -> str:
    return "、".join(f"第{n}行" for n in indicators)


# --- JX140 the same indicator twice in one table ---------------------------------------------


def _name(ind: Indicator) -> str:
    return ind.level3.strip() or ind.description.strip()


def _key(ind: Indicator) -> str:
    return normalise(ind.level3) if ind.level3.strip() else normalise(ind.description)


def _value(ind: Indicator) -> str:
    grades = ind.grades
    parts = (ind.target_raw, ind.cycle_target_raw, grades.excellent, grades.good, grades.fair, grades.poor)
    return "|".join(compact(p) for p in parts)


def _shown_value(ind: Indicator) -> str:
    if ind.target_raw or ind.cycle_target_raw:
        return " / ".join(v for v in (ind.cycle_target_raw, ind.target_raw) if v)
    grades = ind.grades
    if grades.any():
        return "/".join(g or "（空）" for g in (grades.excellent, grades.good, grades.fair, grades.poor))
    return "（空）"


def _same_indicator(a: Indicator, b: Indicator) -> bool:
    """Same name; when both rows also carry (different) descriptions, they measure different things."""
    if a.level3.strip() and b.level3.strip():
        da, db = normalise(a.description), normalise(b.description)
        if da and db and da != db:
            return False
    return True


def _clusters(section: Section) -> Iterator[list[tuple[int, Indicator]]]:
    by_key: dict[str, list[tuple[int, Indicator]]] = defaultdict(list)
    for row_no, ind in enumerate(section.indicators, 1):
        if key := _key(ind):
            by_key[key].append((row_no, ind))
    for rows in by_key.values():
        if len(rows) < 2:
            continue
        clusters: list[list[tuple[int, Indicator]]] = []
        for row in rows:
            home = next((c for c in clusters if _same_indicator(c[0][1], row[1])), None)
            if home is None:
                clusters.append([row])
            else:
                home.append(row)
        yield from (c for c in clusters if len(c) > 1)


@rule(
    "JX140",
    "同一指标在表内重复出现",
    Dimension.CONFORMITY,
    Severity.WARNING,
    why="同一个三级指标在一张表里写了两次（或在经济、社会、生态效益下各写一次），评价时会重复计分；"
    "两次的指标值不同时，更无法判断哪个才是目标。",
    bad="社会效益指标 / 保障孤儿基本生活 / ≥85%；生态效益指标 / 保障孤儿基本生活 / ≥85%",
    good="社会效益指标 / 孤儿基本生活保障率 / 100%（只写一次；生态效益无相关内容可不设）",
)
def duplicate_rows(ctx: ReviewContext):
    for document, section in ctx.sections():
        for cluster in _clusters(section):
            rows = [n for n, _ in cluster]
            first_no, first = cluster[0]
            name = _name(first)
            categories = [ind.level2 or ind.level1 for _, ind in cluster]
            values = {_value(ind) for _, ind in cluster}
            moved = len(set(categories)) > 1
            for row_no, ind in cluster[1:]:
                field = "level3" if ind.level3.strip() else "description"
                if len(values) > 1:
                    shown = "，".join(f"第{n}行“{_shown_value(i)}”" for n, i in cluster)
                    where = f"，分别放在{'、'.join(categories)}下" if moved else ""
                    yield Hit(
                        f"{_rows(rows)}是同一指标“{name}”{where}，指标值却不一致（{shown}），无法判断哪个是目标。",
                        document,
                        section,
                        row_no,
                        field,
                        _name(ind),
                        "合并为一行并写明一个确定的指标值；如确实是两项不同内容，请在指标名称中区分清楚。",
                        Severity.ERROR,
                    )
                elif moved:
                    yield Hit(
                        f"{_rows(rows)}是同一指标“{name}”、同一指标值，重复放在{'、'.join(categories)}下。",
                        document,
                        section,
                        row_no,
                        field,
                        _name(ind),
                        f"只在最能反映它的类别下保留一行（如保留第{first_no}行），删除第{row_no}行；"
                        f"{categories[rows.index(row_no)]}如确有内容，应另设真正反映该类效益的指标，没有可不设。",
                    )
                else:
                    yield Hit(
                        f"第{row_no}行与第{first_no}行重复（指标名称、指标值都相同）。",
                        document,
                        section,
                        row_no,
                        field,
                        _name(ind),
                        f"删除第{row_no}行。",
                    )


# --- JX141 one indicator table pasted into several projects ----------------------------------


@lru_cache(maxsize=262_144)
def _norm(text: str) -> str:
    return normalise(text)


_MASK = 0xFFFFFFFF


def _row_tokens(name: str, value: str, weight: int) -> frozenset[int]:
    """``weight`` salted tokens of the whole row (normalised name + value): rows that agree in the
    value as well as the wording weigh more than rows that only share the wording (an indicator
    library used by many units)."""
    base = zlib.crc32(f"r|{name}|{value}".encode())
    return frozenset(((base ^ (0x9E3779B9 * (k + 1))) * 0x85EBCA6B + k) & _MASK for k in range(weight))


def _indicator_set(section: Section, generic: frozenset[str], min_rows: int, weight: int) -> frozenset[int]:
    """The set JX141 compares: character 3-grams of each indicator's name and description, plus
    ``weight`` tokens per (name, value) row; generic indicators (满意度, 持续发挥作用的期限) are left
    out. Empty when fewer than ``min_rows`` rows remain."""
    parts: list[frozenset[int]] = []
    rows = 0
    for ind in section.indicators:
        name = _name(ind)
        if _norm(name) in generic:
            continue
        grades = ind.grades
        value = ind.target_raw or ind.cycle_target_raw or f"{grades.excellent}/{grades.good}/{grades.fair}/{grades.poor}"
        row = (text_shingles(name, 3, "t"), text_shingles(ind.description, 3, "t"), _row_tokens(_norm(name), _norm(value), weight))
        if row[0] or row[1] or _norm(value):
            rows += 1
            parts.extend(row)
    return frozenset().union(*parts) if rows >= min_rows else frozenset()


def _count_comparable(years: Counter, year: int | None) -> int:
    """How many of the counted documents' sections may be copies of one in a ``year`` document."""
    return sum(years.values()) if year is None else years[year] + years[None]


def _first_comparable(members, member: int, items, limit: int) -> list[int]:
    document = items[member][0]
    found = []
    for other in members:
        if other != member and _comparable(document, items[other][0]):
            found.append(other)
            if len(found) == limit:
                break
    return found


def _names_preview(section: Section) -> str:
    names = [n for n in (_name(i) for i in section.indicators) if n]
    shown = "、".join(names[:4])
    return shown + (f"……（共{len(section.indicators)}项指标）" if len(names) > 4 else "")


@rule(
    "JX141",
    "不同项目的绩效指标表雷同",
    Dimension.RELEVANCE,
    Severity.WARNING,
    why="资金用途、金额都不同的项目却用同一套指标（连指标值都一样），说明指标是照抄的，"
    "反映不了本项目要做什么、做到什么程度。",
    bad="“地名工作业务经费”与“婚姻登记管理经费”的9个指标、指标值完全相同",
    good="每个项目按自己的资金用途设指标：如地名经费写“地名标志设置数量 ≥50块”，婚姻登记经费写“婚姻登记档案合格率 100%”",
)
def pasted_indicator_tables(ctx: ReviewContext):
    threshold = float(ctx.param("threshold", 0.8))
    min_rows = int(ctx.param("min_indicators", 3))
    weight = int(ctx.param("value_weight", 4))
    limit = int(ctx.param("max_listed", 10))
    generic = frozenset(normalise(n) for n in (*lexicon()["generic_indicators"], *ctx.param("generic", ())))
    items = list(ctx.sections())

    @lru_cache(maxsize=1024)
    def shingles_of(index: int) -> frozenset[int]:
        return _indicator_set(items[index][1], generic, min_rows, weight)

    for group in near_duplicate_groups(len(items), shingles_of, threshold):
        years = Counter(items[m][0].year for m in group.members)
        by_print: dict[bytes, list[int]] = defaultdict(list)
        for m in group.members:
            by_print[group.fingerprint[m]].append(m)
        print_years = {key: Counter(items[m][0].year for m in ms) for key, ms in by_print.items()}
        for member in group.members:
            document, section = items[member]
            mine = group.fingerprint[member]
            n_peers = _count_comparable(years, document.year) - 1
            if n_peers <= 0:
                continue
            n_same = _count_comparable(print_years[mine], document.year) - 1
            same = _first_comparable(by_print[mine], member, items, limit)
            alike = _first_comparable((m for m in group.members if group.fingerprint[m] != mine), member, items, limit)
            parts = []
            if same:
                labels = [section_label(*items[o], document) for o in same]
                more = f"等{n_same}个" if n_same > limit else ""
                parts.append(f"与{'、'.join(labels)}{more}完全相同")
            if alike:
                own = shingles_of(member)
                labels = [section_label(*items[o], document) for o in alike]
                for n, o in enumerate(alike[:3]):  # the closest copies get their similarity
                    labels[n] += f"（相似度{jaccard(own, shingles_of(o)):.0%}）"
                more = f"等{n_peers - n_same}个" if n_peers - n_same > limit else ""
                parts.append(f"与{'、'.join(labels)}{more}基本相同")
            yield Hit(
                f"本项目的绩效指标表{'；'.join(parts)}。不同项目照搬同一套指标，反映不了本项目资金的用途和效果。",
                document,
                section,
                None,
                "level3",
                _names_preview(section),
                "按本项目的资金用途和绩效目标重新设定产出、效益和满意度指标，数量、标准、时限写本项目自己的数；"
                "如确是同一项目分属不同单位，请在审核意见中说明。",
            )


# --- JX142–JX144 project codes ---------------------------------------------------------------


_CODE_CHARS = re.compile(r"[0-9A-Z]")


def _projects(ctx: ReviewContext) -> Iterator[tuple[Document, Section, str]]:
    for document, section in ctx.sections():
        if section.kind is SectionKind.PROJECT and (code := compact(section.code).upper()):
            yield document, section, code


@rule(
    "JX142",
    "项目编码重复",
    Dimension.CONFORMITY,
    Severity.ERROR,
    why="项目编码在预算系统中唯一标识一个项目；两个项目用同一编码，资金、绩效目标和自评结果会对不上号。",
    bad="第1个项目“汽车保险费”与第34个项目“汽车保险费”都用 13030322P00391410001H",
    good="每个项目使用预算一体化系统分配的唯一编码",
)
def duplicate_codes(ctx: ReviewContext):
    limit = int(ctx.param("max_listed", 10))
    by_code: dict[str, list[tuple[Document, Section]]] = defaultdict(list)
    for document, section, code in _projects(ctx):
        if len(_CODE_CHARS.findall(code)) >= 6:  # 无, /, 0 are not codes
            by_code[code].append((document, section))
    for code, holders in by_code.items():
        if len(holders) < 2:
            continue
        years = Counter(d.year for d, _ in holders)
        for index, (document, section) in enumerate(holders):
            count = _count_comparable(years, document.year) - 1
            if count <= 0:
                continue
            others = []
            for i, (d, s) in enumerate(holders):
                if i != index and _comparable(document, d):
                    others.append(section_label(d, s, document))
                    if len(others) == limit:
                        break
            more = f"等{count}个项目" if count > limit else ""
            yield Hit(
                f"项目编码“{section.code}”同时用于{'、'.join(others)}{more}。",
                document,
                section,
                None,
                "code",
                section.code,
                "核对预算一体化系统中的项目编码，每个项目使用自己唯一的编码；"
                "如同一项目分属两个单位，应分别申报编码。",
            )


def _pattern(ctx: ReviewContext) -> re.Pattern[str]:
    return re.compile(ctx.param("pattern", lexicon()["project_code"]["pattern"]))


def _usual(codes: list[str], pattern: re.Pattern[str]) -> bool:
    """The pattern is the usual one where at least three codes are known and half of them follow it."""
    return len(codes) >= 3 and 2 * sum(1 for c in codes if pattern.match(c)) >= len(codes)


def _by_document(ctx: ReviewContext) -> dict[int, list[tuple[Document, Section, str]]]:
    grouped: dict[int, list[tuple[Document, Section, str]]] = defaultdict(list)
    for item in _projects(ctx):
        grouped[id(item[0])].append(item)
    return grouped


@rule(
    "JX143",
    "项目编码格式异常",
    Dimension.CONFORMITY,
    Severity.WARNING,
    why="同一批项目的编码通常格式一致（行政区划 + 年度 + 项目类别 + 顺序号）；个别编码格式不同，"
    "往往是从别的系统或往年表格里复制来的，可能不是本年度预算系统中的项目。",
    bad="13030321C4DP4GO08RMB2（其他项目为 13030322P00385310002L 这样的格式）",
    good="13030322P00385310002L",
)
def odd_codes(ctx: ReviewContext):
    pattern = _pattern(ctx)
    help_text = ctx.param("pattern_help", lexicon()["project_code"]["help"])
    everything = [code for _, _, code in _projects(ctx)]
    corpus_usual = _usual(everything, pattern)
    for items in _by_document(ctx).values():
        codes = [code for _, _, code in items]
        usual = _usual(codes, pattern) if len(codes) >= 3 else corpus_usual
        if not usual:
            continue
        example = next((c for c in codes if pattern.match(c)), "")
        for document, section, code in items:
            if pattern.match(code):
                continue
            yield Hit(
                f"项目编码“{section.code}”与其他项目编码的格式（如 {example}）不一致，可能不是本年度预算系统中的项目编码。",
                document,
                section,
                None,
                "code",
                section.code,
                f"核对预算一体化系统中的项目编码（通常为{help_text}）。",
            )


_NAMED_YEARS = re.compile(r"(20\d{2})(?:\s*[-—–~至到]\s*(20\d{2}))?\s*年")


def _years_named(text: str) -> set[int]:
    years: set[int] = set()
    for match in _NAMED_YEARS.finditer(text):
        low = int(match.group(1))
        high = int(match.group(2)) if match.group(2) else low
        years.update(range(low, max(low, high) + 1))
    return years


@rule(
    "JX144",
    "项目编码中的年度与预算年度不一致",
    Dimension.CONSISTENCY,
    Severity.HINT,
    why="项目编码中的两位年度通常就是预算年度；不一致时，可能是沿用了往年的编码，或项目其实是往年的结转资金。",
    bad="2022年表册中“提前下达2022年……补助资金”的编码为 13030321P00382910009U（年度段 21）",
    good="13030322P00382910009U",
)
def code_year(ctx: ReviewContext):
    pattern = _pattern(ctx)
    if "year" not in pattern.groupindex:
        return
    for items in _by_document(ctx).values():
        segments = {}
        for _, section, code in items:
            match = pattern.match(code)
            if match and match.group("year"):
                segments[id(section)] = match.group("year")
        if not segments:
            continue
        document = items[0][0]
        if document.year:
            expected = f"{document.year % 100:02d}"
            described = f"预算年度 {document.year} 年"
        else:
            (common, count), = Counter(segments.values()).most_common(1)
            if len(segments) < 3 or count * 5 < len(segments) * 3:
                continue
            expected, described = common, f"其他项目编码的年度段 {common}"
        for _, section, code in items:
            segment = segments.get(id(section))
            if segment is None or segment == expected:
                continue
            if 2000 + int(segment) in _years_named(section.name):
                continue  # the project says it is money of that year
            yield Hit(
                f"项目编码“{section.code}”中的年度段为 {segment}，与{described}不一致。",
                document,
                section,
                None,
                "code",
                section.code,
                f"如确为 20{segment} 年的结转或提前下达资金，请在项目名称中注明年度；否则核对编码是否沿用了往年的编码。",
            )


# --- JX145 the same text written for different sections ---------------------------------------

_FIELD_LABEL = {"purpose": "职责/资金用途说明", "goal": "绩效目标"}


def _linked(documents: list[Document]) -> set[frozenset[int]]:
    """Pairs of sections (by id) that describe the same money: a 专项资金 and its 支出方向."""
    pairs: set[frozenset[int]] = set()
    for _, fund, directions in fund_links(documents):
        pairs.update(frozenset((id(fund), id(d))) for _, d in directions)
    return pairs


@rule(
    "JX145",
    "职责或绩效目标文字照抄",
    Dimension.RELEVANCE,
    Severity.WARNING,
    why="两个不同职能（或项目）的职责说明、绩效目标一字不差，至少有一处是照抄的，说不清这笔钱要做什么；"
    "绩效目标照抄职责说明，也等于没有写目标。",
    bad="“社会救助政策及管理”的职责写成“承担对社会组织的登记管理；负责县级行政区划……”（与“社会管理与服务”相同）",
    good="社会救助政策及管理：负责城乡低保、特困供养、临时救助和医疗救助工作……",
)
def copied_texts(ctx: ReviewContext):
    min_chars = int(ctx.param("min_chars", 12))
    limit = int(ctx.param("max_listed", 10))
    across_files = ctx.param("scope", "file") == "all"  # "file": parts of one file only (default)
    index: dict[tuple[str, str], list[tuple[Document, Section, str]]] = defaultdict(list)
    linked = _linked(ctx.documents)
    for document, section in ctx.sections():
        scope = "" if across_files else (document.source_file or f"#{id(document)}")
        texts = {}
        for field in ("purpose", "goal"):
            text = normalise(getattr(section, field))
            if len(text) >= min_chars:
                texts[field] = text
                index[(scope, text)].append((document, section, field))
        if texts.get("purpose") and texts.get("purpose") == texts.get("goal"):
            yield Hit(
                "绩效目标与职责/资金用途说明一字不差，没有写出要达到的结果。",
                document,
                section,
                None,
                "goal",
                section.goal,
                "绩效目标应写清年度内要做到什么、做到什么程度（数量、质量、时效、效果），不要重复职责说明。",
            )
    for entries in index.values():
        if len({id(s) for _, s, _ in entries}) < 2:
            continue
        only_projects = all(s.kind is SectionKind.PROJECT for _, s, _ in entries)
        for document, section, field in entries:
            peers: list[str] = []
            for d, s, f in entries:  # at most limit + 1 names are needed
                if s is section or not _comparable(document, d) or frozenset((id(s), id(section))) in linked:
                    continue
                peers.append(f"{section_label(d, s, document)}的{_FIELD_LABEL[f]}")
                if len(peers) > limit:
                    break
            if not peers:
                continue
            shown = "、".join(peers[:limit]) + ("等" if len(peers) > limit else "")
            yield Hit(
                f"本部分的{_FIELD_LABEL[field]}与{shown}一字不差，至少有一处是照抄的，文字与所在部分的内容对不上。",
                document,
                section,
                None,
                field,
                getattr(section, field),
                f"核对哪一部分的文字与其内容不符，按“{section.name}”自己的职责和资金用途重写{_FIELD_LABEL[field]}。",
                Severity.HINT if only_projects else None,  # projects of one policy often share a text
            )
