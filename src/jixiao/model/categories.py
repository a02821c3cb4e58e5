"""The three-level indicator framework: standard level-1 / level-2 names and their variants.

``normalise_level1`` / ``normalise_level2`` map what tables actually say (数量, 社会效益, 满意度,
traditional characters, 项目完成指标, 效果指标, wrapped header cells like ``数量\\n指标``) to the
standard names. Unknown labels come back as written, cleaned, so nothing is lost.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.lazy_re import compile_later

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
    "预期产出指标": OUTPUT,
    "项目产出": OUTPUT,
    "项目产出指标": OUTPUT,
    "项目效益": OUTCOME,
    "项目满意度": SATISFACTION,
    "项目满意度指标": SATISFACTION,
    "预期效果指标": OUTCOME,
    "产出类指标": OUTPUT,
    "效益类指标": OUTCOME,
    "满意度类指标": SATISFACTION,
    "成本类指标": COST,
}

_LEVEL2_ALIASES: dict[str, str] = {
    "数量": "数量指标",
    "质量": "质量指标",
    "时效": "时效指标",
    "时效性": "时效指标",
    "时效性指标": "时效指标",
    "进度指标": "时效指标",
    "成本": "成本指标",
    "经济成本": "经济成本指标",
    "社会成本": "社会成本指标",
    "生态环境成本": "生态环境成本指标",
    "生态成本指标": "生态环境成本指标",
    "经济效益": "经济效益指标",
    "社会效益": "社会效益指标",
    "生态效益": "生态效益指标",
    # 环境 for 生态: the same benefit level 2 (环境效益 beside 经济效益 / 社会效益).
    "环境效益": "生态效益指标",
    "环境效益指标": "生态效益指标",
    "可持续影响": "可持续影响指标",
    "可持续性影响指标": "可持续影响指标",
    "满意度": "服务对象满意度指标",
    "满意度指标": "服务对象满意度指标",
    "服务对象满意度": "服务对象满意度指标",
    "服务对象": "服务对象满意度指标",
    # The 2015 template's satisfaction row written for the public: a satisfaction indicator.
    "社会公众或服务对象满意度指标": "服务对象满意度指标",
    "满意度指标等": "服务对象满意度指标",
    "服务对象满意度指标等": "服务对象满意度指标",
    "预算控制指标": "成本指标",
    "投资规模控制指标": "成本指标",
    "工期指标": "时效指标",
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


# A label cell as headings and templates write it: 三、产出目标, （一）数量指标, 数量指标(必填硬性指标),
# 顼目产出(30分), 产出值 / 数量值 (a template's 值 for 指标), 产出数量指标, 【产出指标-数量指标】.
_NUMBERING = compile_later(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、.．](?!\d))")
_NOTE = compile_later(r"[（(【\[][^）)】\]]*[）)】\]]分?")  # (必填), (30分), (40-50)分
_EVALUATION_LEVEL1 = ("投入", "管理", "决策", "过程")  # evaluation-framework groups, not target categories
EVALUATION_GROUPS = frozenset(w + "指标" for w in _EVALUATION_LEVEL1)  # their level 1s as category_label names them
_COMBINED = re.compile(r"^(?P<l1>产出|效益|满意度|成本)(?:指标)?[-—－·:：]?(?P<l2>.+)$")
# A level-2 the standard does not name but a template does: 社会、经济、生态效益指标.
_OTHER_LEVEL2 = compile_later(r"^[\u4e00-\u9fff、]{1,10}(?:效益|成本|满意度)指标$")
_MAX_LABEL = 24


def _label_forms(text: str) -> list[str]:
    label = clean_label(text).strip("【】[]：:")
    if not label or len(label) > _MAX_LABEL:
        return []
    label = _NUMBERING.sub("", label)
    bare = _NOTE.sub("", label)
    forms = [label, bare]
    for form in (label, bare):
        for end, to in (("目标", "指标"), ("值", "指标")):
            if form.endswith(end) and not form.endswith("指标值"):
                forms.append(form[: -len(end)] + to)
    return list(dict.fromkeys(f for f in forms if f))


@lru_cache(maxsize=8192)
def category_label(text: str) -> tuple[str, str, bool] | None:
    """(level1, level2, ambiguous) a label cell names, normalised, '' for the level it does not
    name; None when the cell is no category label. ``ambiguous`` is set for the names that are a
    level 1 in one frame and a level 2 in another (成本指标, 满意度指标): the cells around decide."""
    for form in _label_forms(text):
        one = _LEVEL1_ALIASES.get(form)
        two = form if form in LEVEL2_PARENT else _LEVEL2_ALIASES.get(form)
        if one and two:
            return one, two, True
        if one:
            return one, "", False
        if two:
            return "", two, False
        if any(form in (word, word + "指标") for word in _EVALUATION_LEVEL1):
            return form if form.endswith("指标") else form + "指标", "", False
        combined = _COMBINED.match(form)
        if combined and (rest := combined.group("l2")):
            inner = rest if rest in LEVEL2_PARENT else _LEVEL2_ALIASES.get(rest) or _LEVEL2_ALIASES.get(rest + "指标")
            if inner:
                return _LEVEL1_ALIASES[combined.group("l1")], inner, False
        if _OTHER_LEVEL2.match(form):
            # The standard has one satisfaction level 2; 群众满意度指标 and the like are it.
            return ("", "服务对象满意度指标", False) if form.endswith("满意度指标") else ("", form, False)
    return None
