"""Word rules of the indicator library: one key per indicator name, the department function a unit's
name stands for, the project kind a project's name stands for, and a similarity of short texts.

All of these are general rules about how Chinese administrative names are built (a region, then the
office; a year, then the thing funded, then the kind of money), never lists taken from documents.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import lru_cache

from jixiao.model.categories import clean_label
from jixiao.model.polarity import NAME_TRIM

# Hints a template leaves in a name: ★, (≥**人), [必填]; a row label 指标1: before it.
_HINT = re.compile(r"[★☆*]+|[（(【\[][^）)】\]]*[≥≤<>=*＊Xx%％\d][^）)】\]]*[）)】\]]")
_LABEL = re.compile(r"^(?:指标\s*\d+\s*[:：]|\d+\s*[:：])")
# A region before an office or a project: 河北省, 秦皇岛市, 山海关区, 南县, 万里街道. A city or
# district name has two letters or more (城市管理 is no region); a county may have one (南县).
_REGION = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}?(?:自治区|自治州|省|市|区|州|盟|镇|乡|街道)|[\u4e00-\u9fff]{1,5}?(?:县|旗))")
_LONE_LEVEL = re.compile(r"^(?:省|市|区|县|镇|乡)(?=[\u4e00-\u9fff]{2})")  # 区疾控中心: "the district's"
_CODE = re.compile(r"^[\[［【(（]?\d{2,12}[\]］】)）]?[-—\s]*")
_YEAR = re.compile(r"\d{4}\s*年(?:度)?")
_BRACKETED = re.compile(r"[（(【\[][^）)】\]]*[）)】\]]")
# The kind of money or work at the end of a project name: 城乡低保资金 is about 城乡低保.
_MONEY_TAIL = re.compile(r"(?:专项|补助|补贴|工作|项目|建设|运行|业务)*(?:资金|经费|费用|项目|工作|补助|费)$")
_OWN_LEVEL = re.compile(r"(?:本级|机关)$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_MIN_REST = 2  # a region is only dropped when at least this much name is left


def name_key(name: str) -> str:
    """The key two ways of writing one indicator share: numbering, whitespace, template hints and
    traditional letters of category words dropped (``1. 城乡低保 保障人数(≥**人)`` → ``城乡低保保障人数``)."""
    text = _LABEL.sub("", NAME_TRIM.sub("", name.strip()))
    return clean_label(_HINT.sub("", text)).strip("：:;；,，。.、")


def _drop_regions(text: str) -> str:
    text = _LONE_LEVEL.sub("", text)
    while (m := _REGION.match(text)) and len(_CJK.findall(text[m.end() :])) >= _MIN_REST:
        text = text[m.end() :]
    return text


@lru_cache(maxsize=4096)
def department_function(unit_name: str) -> str:
    """What a unit does, from its name: the office without its region, code and 本级
    (``314001秦皇岛市山海关区民政局本级`` → ``民政局``; ``南县疾病预防控制中心`` → ``疾病预防控制中心``)."""
    text = _BRACKETED.sub("", _CODE.sub("", clean_label(unit_name)))
    return _OWN_LEVEL.sub("", _drop_regions(text))


@lru_cache(maxsize=4096)
def project_kind(project_name: str) -> str:
    """What a project is about, from its name: no year, region, brackets or kind of money
    (``2022年山海关区城乡低保资金`` → ``城乡低保``); the cleaned name when nothing would be left."""
    text = _drop_regions(_BRACKETED.sub("", _YEAR.sub("", clean_label(project_name))))
    bare = _MONEY_TAIL.sub("", text)
    return bare if len(_CJK.findall(bare)) >= _MIN_REST else text


@lru_cache(maxsize=65536)
def bigrams(text: str) -> frozenset[str]:
    """The pairs of adjacent Chinese letters in ``text`` (the unit of meaning short names share)."""
    letters = "".join(_CJK.findall(text))
    return frozenset(letters[i : i + 2] for i in range(len(letters) - 1))


class Weights:
    """Inverse document frequency of bigrams over a set of texts: 资金 or 项目 say little, 低保 much."""

    def __init__(self, texts: Iterable[str]):
        self.counts: dict[str, int] = {}
        self.total = 0
        for text in texts:
            self.total += 1
            for pair in bigrams(text):
                self.counts[pair] = self.counts.get(pair, 0) + 1

    def weight(self, pair: str) -> float:
        return math.log((1 + self.total) / (1 + self.counts.get(pair, 0))) + 1

    def similarity(self, query: frozenset[str], text: str) -> float:
        """The weighted share of ``query``'s bigrams that ``text`` has too (0 to 1)."""
        if not query:
            return 0.0
        shared = query & bigrams(text)
        return sum(self.weight(p) for p in shared) / sum(self.weight(p) for p in query)
