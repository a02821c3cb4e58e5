"""The three-level indicator framework: standard level-1 / level-2 names and their variants.

``normalise_level1`` / ``normalise_level2`` map what tables actually say (数量, 社会效益, 满意度,
traditional characters, 项目完成指标, 效果指标, wrapped header cells like ``数量\\n指标``) to the
standard names. Unknown labels come back as written, cleaned, so nothing is lost.
"""

from __future__ import annotations

import re
from functools import lru_cache

OUTPUT = "产出指标"
OUTCOME = "效益指标"
SATISFACTION = "满意度指标"
COST = "成本指标"  # a level 1 of its own in newer templates

LEVEL1 = (OUTPUT, OUTCOME, SATISFACTION, COST)

# level-2 standard name -> the level-1 it belongs to
LEVEL2_PARENT: dict[str, str] = {
    "数量指标": OUTPUT,
    "质量指标": OUTPUT,
    "时效指标": OUTPUT,
    "成本指标": OUTPUT,
    "经济成本指标": COST,
    "社会成本指标": COST,
    "生态环境成本指标": COST,
    "经济效益指标": OUTCOME,
    "社会效益指标": OUTCOME,
    "生态效益指标": OUTCOME,
    "可持续影响指标": OUTCOME,
    # Older (2015) templates put satisfaction under 效益指标 with this name; kept as its own name.
    "社会公益或服务对象满意度指标": OUTCOME,
    "服务对象满意度指标": SATISFACTION,
}

# Traditional → simplified for the characters that occur in category labels.
_TRAD = str.maketrans(
    {
        "產": "产",
        "數": "数",
        "質": "质",
        "時": "时",
        "標": "标",
        "經": "经",
        "濟": "济",
        "會": "会",
        "態": "态",
        "續": "续",
        "響": "响",
        "滿": "满",
        "務": "务",
        "對": "对",
        "環": "环",
        "項": "项",
        "則": "则",
    }
)

_LEVEL1_ALIASES: dict[str, str] = {
    "产出": OUTPUT,
    "产出指标": OUTPUT,
    "项目完成指标": OUTPUT,
    "完成指标": OUTPUT,
    "效益": OUTCOME,
    "效益指标": OUTCOME,
    "效果指标": OUTCOME,
    "项目效益指标": OUTCOME,
    "满意度": SATISFACTION,
    "满意度指标": SATISFACTION,
    "成本": COST,
    "成本指标": COST,
    "产出类指标": OUTPUT,
    "效益类指标": OUTCOME,
    "满意度类指标": SATISFACTION,
    "成本类指标": COST,
}

_LEVEL2_ALIASES: dict[str, str] = {
    "数量": "数量指标",
    "质量": "质量指标",
    "时效": "时效指标",
    "进度指标": "时效指标",
    "成本": "成本指标",
    "经济成本": "经济成本指标",
    "社会成本": "社会成本指标",
    "生态环境成本": "生态环境成本指标",
    "生态成本指标": "生态环境成本指标",
    "经济效益": "经济效益指标",
    "社会效益": "社会效益指标",
    "生态效益": "生态效益指标",
    "可持续影响": "可持续影响指标",
    "可持续性影响指标": "可持续影响指标",
    "满意度": "服务对象满意度指标",
    "满意度指标": "服务对象满意度指标",
    "服务对象满意度": "服务对象满意度指标",
    "服务对象": "服务对象满意度指标",
    "社会公众或服务对象满意度指标": "社会公益或服务对象满意度指标",
}

_SPACE = re.compile(r"\s+")


def clean_label(text: str) -> str:
    """Remove all whitespace (wrapped header cells) and map traditional characters."""
    return _SPACE.sub("", text).translate(_TRAD)


# Category cells repeat on nearly every indicator row: cache the normalised names.
@lru_cache(maxsize=4096)
def normalise_level1(text: str) -> str:
    label = clean_label(text)
    return _LEVEL1_ALIASES.get(label, label)


@lru_cache(maxsize=4096)
def normalise_level2(text: str) -> str:
    label = clean_label(text)
    if label in LEVEL2_PARENT:
        return label
    return _LEVEL2_ALIASES.get(label, label)


def is_level1(text: str) -> bool:
    return normalise_level1(text) in LEVEL1


def is_level2(text: str) -> bool:
    return normalise_level2(text) in LEVEL2_PARENT


def parent_of(level2: str) -> str:
    """The level-1 a (normalised) level-2 belongs to, or '' when unknown."""
    return LEVEL2_PARENT.get(level2, "")
