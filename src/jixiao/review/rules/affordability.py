"""Ambition against money: the people a section promises to pay, times what each gets, within its fund.

Special-fund tables (seed 004) state a fund, a number of people (全额资助参保5000人) and a
per-person standard (参保参合220元/年) in separate cells. When one count times one standard that
talks about the same thing (they share a content word: 参保) already exceeds the fund, the targets
cannot all be met with this money — or the fund only tops up other money and should say so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

from jixiao.findings import Severity
from jixiao.model.document import Document, Section
from jixiao.review.context import Hit, ReviewContext
from jixiao.review.registry import Dimension, rule
from jixiao.review.rules.money import amount, fmt, lexicon

_CLAUSE = re.compile(r"[，,；;。、\n]+")
_PEOPLE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:人(?!次)|户|名)")
# 220元/年, 70元/月/人, 260元/月.人 — a standard per person and period
_STANDARD = re.compile(r"(\d+(?:\.\d+)?)\s*(万元|元)((?:\s*[/／.·]\s*[年月人户])+)")
_CJK_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{2}))")
TEN_THOUSAND = Decimal(10000)


def _bigrams(text: str, generic: frozenset[str]) -> frozenset[str]:
    return frozenset(m.group(1) for m in _CJK_PAIR.finditer(text)) - generic


@lru_cache(maxsize=65536)
def _split(text: str) -> tuple[str, ...]:
    return tuple(c for c in _CLAUSE.split(text) if c.strip())


def _clauses(section: Section) -> Iterator[str]:
    for ind in section.indicators:
        for text in (ind.level3, ind.description, ind.target_raw):
            if text:
                yield from _split(text)


def _yearly_yuan(number: Decimal, unit: str, per: str) -> Decimal:
    """A standard in 元 per person per year."""
    return number * (TEN_THOUSAND if unit == "万元" else 1) * (12 if "月" in per else 1)


@lru_cache(maxsize=65536)  # cells repeat across projects
def _read_clause(clause: str, caps: tuple[str, ...], generic: frozenset[str]) -> tuple[tuple, tuple]:
    """(people, standards) stated in one clause, each with the content words before its number."""
    people = tuple((Decimal(m.group(1)), _bigrams(clause[: m.start()], generic)) for m in _PEOPLE.finditer(clause))
    if any(w in clause for w in caps):
        return people, ()
    standards = tuple(
        (_yearly_yuan(Decimal(m.group(1)), m.group(2), m.group(3)), _bigrams(clause[: m.start()], generic))
        for m in _STANDARD.finditer(clause)
    )
    return people, standards


def _pairs(section: Section, caps: tuple[str, ...], generic: frozenset[str]) -> Iterator[tuple[str, Decimal, str, Decimal]]:
    """(people clause, people, standard clause, 元 per person per year) that talk about the same thing."""
    people, standards = [], []
    for clause in _clauses(section):
        found_people, found_standards = _read_clause(clause, caps, generic)
        people += [(clause, count, words) for count, words in found_people]
        standards += [(clause, yearly, words) for yearly, words in found_standards]
    for p_clause, count, p_words in people:
        for s_clause, yearly, s_words in standards:
            if p_words & s_words:
                yield p_clause, count, s_clause, yearly


def _fund_in_yuan(document: Document, fund: Decimal) -> Decimal:
    return fund if document.money_unit == "元" else fund * TEN_THOUSAND  # tables without a unit use 万元


@rule(
    "JX190",
    "人数乘以补助标准超过资金总额",
    Dimension.APPROPRIATENESS,
    Severity.WARNING,
    why="数量指标和成本指标要与资金相匹配：承诺的人数乘以每人的标准已经超过本项资金，目标按这笔钱"
    "不可能完成；若本项资金只是补充上级资金，应写明资金来源和本级承担的部分。",
    bad="资金30万元；数量：全额资助参保5000人；成本：参保参合220元/年（5000×220元 = 110万元）",
    good="资金30万元；数量：全额资助参保1300人；成本：参保参合220元/年（28.6万元）",
)
def people_times_standard(ctx: ReviewContext):
    data = lexicon()["affordability"]
    caps = ctx.extended("cap_words", data["cap_words"])
    generic = frozenset(ctx.extended("generic_bigrams", data["generic_bigrams"]))
    for document, section in ctx.sections():
        fund = amount(section)
        if fund is None or fund <= 0 or not section.indicators:
            continue
        fund_yuan = _fund_in_yuan(document, fund)
        worst = max(_pairs(section, caps, generic), key=lambda p: p[1] * p[3], default=None)
        if worst is None or worst[1] * worst[3] <= fund_yuan:
            continue
        p_clause, count, s_clause, yearly = worst
        need = worst[1] * worst[3] / TEN_THOUSAND
        yield Hit(
            f"“{p_clause}”按“{s_clause}”计算，需要 {fmt(count.normalize())}人 × {fmt(yearly.normalize())}元/年"
            f" = {fmt(need.quantize(Decimal('0.01')))}万元，超过本项资金 {fmt(fund_yuan / TEN_THOUSAND)}万元。",
            document,
            section,
            None,
            "amount",
            f"{p_clause}；{s_clause}；资金 {fmt(fund)}",
            "核实人数和补助标准；本项资金只承担一部分时，写明上级资金和本级资金各多少，数量指标按本级资金能保障的人数填写。",
        )
