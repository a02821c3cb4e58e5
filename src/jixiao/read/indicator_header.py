"""Column names of a general indicator table (指标表 / 自评表) and how a header row is recognised.

Header cells are matched after :func:`fold` (whitespace removed, traditional characters mapped,
bracketed notes such as ``（%）`` or ``（2023年）`` dropped), so ``指標值``, ``分值（权重）`` and a
wrapped ``指标值\\n确定依据`` all find their column. Cell text itself is always kept as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.model.categories import clean_label
from jixiao.read.grid import Row

# Field keys: the Indicator attribute (or helper role) a column fills.
LEVEL1, LEVEL2, LEVEL3 = "level1", "level2", "level3"
DESCRIPTION, TARGET, CYCLE, BASIS = "description", "target", "cycle", "basis"
WEIGHT, ACTUAL, SCORE, DEVIATION = "weight", "actual", "score", "deviation"
COMPARATOR, NUMBER, MEASURE = "comparator", "number", "measure"  # split 指标值 columns
SEQ = "seq"  # 序号: kept as the row label
GROUP = "group"  # 绩效指标: the form's row-group label to the left of the header

FLAG = "flag"  # 指标性质 / 指标方向 / 指标值类型: a comparator, 定性/定量 or 正向/反向, told by content
REMARK = "remark"  # 备注, 评分标准 and other columns read as written, never a target
PLACE = "place"  # a column named after a place (甲村 | 乙镇): that place's target, told by where it stands

_ALIASES: dict[str, tuple[str, ...]] = {
    LEVEL1: ("一级指标", "一级", "一级目标"),
    LEVEL2: ("二级指标", "二级", "二级目标"),
    LEVEL3: ("三级指标", "指标名称", "绩效指标名称", "三级指标名称", "具体指标", "指标内容", "三级", "目标名称",
             "绩效内容", "三级指标内容", "三级目标"),
    DESCRIPTION: ("绩效指标描述", "指标描述", "指标解释", "指标说明", "指标内涵", "指标值内容", "指标值说明"),
    TARGET: ("指标值", "年度指标值", "目标值", "预期指标值", "年度目标值", "年度预期指标值",
             "预期目标值", "绩效指标值", "年度绩效指标值", "年度数值", "年初目标值", "计划指标值",
             "指标目标值", "年度计划值", "计划值", "年初指标值", "绩效目标值", "当年预期实现值",
             "预期实现值", "全年指标值", "本年度指标值", "指标值及单位", "目标值及单位"),
    CYCLE: ("实施周期指标值", "中长期指标值", "实施期指标值", "实施周期目标值", "中长期目标值"),
    BASIS: ("指标值确定依据", "依据", "确定依据", "指标值设定依据", "指标确定依据", "目标值确定依据"),
    WEIGHT: ("分值", "权重", "指标分值", "指标权重", "分值权重", "权重分值"),
    ACTUAL: ("全年实际值", "实际完成值", "实际值", "全年实际完成值", "实际完成情况", "完成值", "目标完成值",
             "年度实际完成值", "实际完成数", "实际实现值", "实际完成指标值"),
    SCORE: ("得分", "自评得分", "评分", "指标得分"),
    DEVIATION: ("偏差原因分析及改进措施", "偏差原因", "偏差原因分析", "偏差原因及改进措施",
                "未完成原因分析", "偏差原因分析及改进", "原因分析", "偏差说明"),
    COMPARATOR: ("比较符", "符号", "比较符号", "运算符", "指标值符号", "计算符号"),
    NUMBER: ("数值", "指标数值"),
    MEASURE: ("计量单位", "度量单位", "单位"),
    SEQ: ("序号", "编号"),
    GROUP: ("绩效指标", "年度绩效指标"),
    FLAG: ("指标性质", "指标方向", "指标方向性", "指标值类型", "指标属性"),
    REMARK: ("备注", "评分标准", "评扣分标准", "评分规则", "绩效标准", "标准值", "评价指标", "评价指标值",
             "评价标准", "指标解释说明", "调整指标值", "得分系数", "是否核心指标", "得分计算方法", "计分方法",
             "评分方法"),
}
# How ``read --explain`` names each role.
ROLE_NAMES = {
    LEVEL1: "一级指标", LEVEL2: "二级指标", LEVEL3: "三级指标", DESCRIPTION: "指标说明", TARGET: "指标值",
    CYCLE: "实施周期指标值", BASIS: "确定依据", WEIGHT: "分值", ACTUAL: "实际完成值", SCORE: "得分",
    DEVIATION: "偏差原因", COMPARATOR: "比较符", NUMBER: "数值", MEASURE: "计量单位", SEQ: "序号",
    GROUP: "分组标题", FLAG: "指标性质", REMARK: "备注类", PLACE: "各地指标值",
}
_FIELD_OF = {name: key for key, names in _ALIASES.items() for name in names}

# Value-like columns: a header needs one of them and a name column (三级指标/指标名称).
VALUE_FIELDS = (TARGET, CYCLE, NUMBER, ACTUAL)
INDICATOR_FIELDS = (LEVEL1, LEVEL2, LEVEL3, DESCRIPTION, TARGET, CYCLE, BASIS, WEIGHT, ACTUAL,
                    SCORE, DEVIATION, COMPARATOR, NUMBER, MEASURE)

# Traditional → simplified for the characters of header and form labels (categories.py maps
# those of the category names).
_TRAD = str.maketrans(
    "級績據確實際預週計單號權釋說稱資執額總財撥結轉萬進價門與個時間長內評運設類準備註細",
    "级绩据确实际预周计单号权释说称资执额总财拨结转万进价门与个时间长内评运设类准备注细",
)
_MAX_LABEL = 40
_YEAR = re.compile(r"(?:19|20)\d\d年度?")
_BRACKETS = re.compile(r"[（(【\[][^）)】\]]*[）)】\]]")


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Matching form of a label: no whitespace, simplified characters, no bracketed notes (nor a
    mirror site's pinyin: 指標(biāo)值)."""
    # A required-field mark (*指标值, ★三级指标) is no part of the column's name.
    # A year in a column's name (2021年实际值, 预期2022年实现值) says which year, not which column.
    return _YEAR.sub("", _BRACKETS.sub("", clean_label(text).translate(_TRAD))).strip("*＊★").rstrip("：:")


@lru_cache(maxsize=8192)  # called on every cell while looking for a header
def column_field(text: str) -> str:
    """The field a header cell names, or '' when it names none."""
    # Labels are short; long cells are values and never name a column.
    return _FIELD_OF.get(fold(text), "") if text and len(text) <= _MAX_LABEL else ""


def second_name_described(roles: list[str]) -> None:
    """三级指标 | 指标内容: a second name column right after the first describes it (the two
    groups of 中期 and 年度 columns stand apart)."""
    for k in range(1, len(roles)):
        if roles[k] == LEVEL3 and roles[k - 1] == LEVEL3:
            roles[k] = DESCRIPTION


def header_fields(row: Row) -> dict[int, str]:
    """0-based cell index → field for the cells of ``row`` that name a known column."""
    return {i: f for i, cell in enumerate(row.cells) if (f := column_field(cell.text))}


def is_header(fields: dict[int, str]) -> bool:
    if len(fields) < 2:  # most rows; a header needs a name and a value column
        return False
    found = set(fields.values())
    return LEVEL3 in found and any(f in found for f in VALUE_FIELDS)


def strength(fields: dict[int, str]) -> int:
    """How many distinct indicator columns a header names (the reader's confidence)."""
    return len(set(fields.values()) & set(INDICATOR_FIELDS))


def missing(fields: dict[int, str]) -> list[str]:
    """The header words a near-header row lacks, in plain Chinese."""
    found = set(fields.values())
    words = []
    if LEVEL3 not in found:
        words.append("“三级指标/指标名称”")
    if not any(f in found for f in VALUE_FIELDS):
        words.append("“指标值/年度指标值/目标值”")
    return words
