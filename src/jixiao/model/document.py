"""The one model every reader produces and every later stage consumes.

Framework-free dataclasses. Text is kept as written (trimmed of surrounding whitespace only);
numbers are exact :class:`~decimal.Decimal`; every element carries a :class:`Source`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache

from jixiao.model.source import Source
from jixiao.values.types import Empty, TargetValue


class DocKind(StrEnum):
    DEPT_OVERALL_TARGETS = "dept_overall_targets"  # 部门整体绩效目标
    DEPT_TARGET_APPROVAL = "dept_target_approval"  # 部门整体支出绩效目标批复表
    DEPT_TARGET_DECLARATION = "dept_target_declaration"  # 部门整体预算绩效目标申报表
    PROJECT_TARGETS_BOOK = "project_targets_book"  # 项目支出绩效目标表 (one per project)
    SPECIAL_FUND_TARGETS = "special_fund_targets"  # 专项资金绩效目标表
    INDICATOR_TABLE = "indicator_table"  # a bare indicator table (general reader)
    SELF_EVALUATION = "self_evaluation"  # 绩效自评表


class SectionKind(StrEnum):
    DEPARTMENT = "department"  # the department as a whole (a document-level indicator table)
    PROJECT = "project"
    FUNCTION = "function"  # duty / core function (职责, 职能, 分项绩效目标)
    ACTIVITY = "activity"  # 工作活动 nested under a function
    KEY_TASK = "key_task"  # 年度重点工作任务
    SPECIAL_FUND = "special_fund"  # 专项资金
    SPENDING_DIRECTION = "spending_direction"  # 专项资金支出方向


# the whole run of digits is the code, and digits before 年 are a year (2019年部门整体支出…), not a unit
_UNIT_LINE = re.compile(r"^(\d{3,12})(?!\d|\s*年)\s*([\u4e00-\u9fff]{1,6}部门(?=[\u4e00-\u9fff]{2,}))?(.+)$")
_AMOUNT = re.compile(r"^[-+]?\d[\d,，]*(?:\.\d+)?")


@lru_cache(maxsize=4096)  # amounts repeat over a book's tables (预算数 = 财政资金); a Decimal is immutable
def _amount(raw: str) -> tuple[str, Decimal | None]:
    """An amount's text (trimmed) and its number, None when the text does not start with one."""
    text = raw.strip()
    match = _AMOUNT.match(text)
    if match:
        try:
            return text, Decimal(match.group(0).replace(",", "").replace("，", ""))
        except InvalidOperation:
            pass
    return text, None


@dataclass(slots=True, unsafe_hash=True, init=False)
class Money:
    """An amount as written and as an exact decimal (``None`` when the text has no number).

    A value, as :class:`~jixiao.model.source.Source` is (never changed once made, hashed by its
    text and amount), and not declared frozen for the same reason: a book makes three a table."""

    raw: str
    value: Decimal | None
    source: Source = field(default_factory=Source, compare=False)

    def __init__(self, raw: str, value: Decimal | None, source: Source | None = None):
        self.raw = raw
        self.value = value
        self.source = Source() if source is None else source

    @classmethod
    def parse(cls, raw: str, source: Source | None = None) -> "Money":
        return cls(*_amount(raw), source)

    @property
    def exact(self) -> bool:
        """Whether the text is the amount and nothing else (``1,748.60``, not ``12abc`` or ``约10``)."""
        return self.value is not None and _AMOUNT.fullmatch(self.raw) is not None


@dataclass(slots=True)
class Amounts:
    total: Money | None = None
    fiscal: Money | None = None  # 财政资金 / 财政拨款
    other: Money | None = None  # 其他资金


@dataclass(slots=True, unsafe_hash=True, init=False)
class PlanPoint:
    """One checkpoint of a spending plan: cumulative percent spent by ``checkpoint`` (e.g. 6月底).

    A value like :class:`Money` (never changed once made), not declared frozen: a book makes four a table."""

    checkpoint: str
    raw: str
    percent: Decimal | None
    source: Source = field(default_factory=Source, compare=False)

    def __init__(self, checkpoint: str, raw: str, percent: Decimal | None, source: Source | None = None):
        self.checkpoint = checkpoint
        self.raw = raw
        self.percent = percent
        self.source = Source() if source is None else source


@dataclass(frozen=True, slots=True)
class Grades:
    """Grading thresholds 优 / 良 / 中 / 差 as written (seed 000)."""

    excellent: str = ""
    good: str = ""
    fair: str = ""
    poor: str = ""

    def any(self) -> bool:
        return bool(self.excellent or self.good or self.fair or self.poor)


# Frozen, so one instance can be every indicator's default (making one per row cost more than the row).
_NO_TARGET = Empty()
_NO_GRADES = Grades()


@dataclass(slots=True)
class Indicator:
    level1: str = ""  # normalised 一级指标, e.g. 产出指标
    level2: str = ""  # normalised 二级指标, e.g. 数量指标
    level3: str = ""  # 三级指标 as written
    description: str = ""  # 绩效指标描述
    target_raw: str = ""  # 指标值 / 年度指标值 as written
    target: TargetValue = _NO_TARGET
    cycle_target_raw: str = ""  # 实施周期指标值
    cycle_target: TargetValue = _NO_TARGET
    basis: str = ""  # 指标值确定依据
    grades: Grades = _NO_GRADES
    level1_raw: str = ""  # category labels as they stood in the file
    level2_raw: str = ""
    label: str = ""  # row label such as 指标1:
    # Self-evaluation columns (自评表), kept as written.
    weight_raw: str = ""  # 分值
    actual_raw: str = ""  # 全年实际值 / 实际完成值
    score_raw: str = ""  # 得分
    deviation: str = ""  # 偏差原因分析及改进措施
    source: Source = field(default_factory=Source)


@dataclass(frozen=True, slots=True)
class Unit:
    """A budget unit (预算单位): code (e.g. 314001) and name."""

    code: str = ""
    name: str = ""
    raw: str = ""  # the org line as written, e.g. 314001民政部门秦皇岛市山海关区民政局本级

    def label(self) -> str:
        return " ".join(p for p in (self.code, self.name) if p)

    @classmethod
    @lru_cache(maxsize=1024)  # a book repeats its few org lines over its tables; units are immutable
    def parse(cls, raw: str) -> "Unit":
        """Split an org line: ``314001民政部门秦皇岛市…本级`` → 314001 / 秦皇岛市…本级.

        A leading department-family label (``民政部门``) between code and name is dropped from the
        name but kept in ``raw``.
        """
        text = raw.strip()
        match = _UNIT_LINE.match(text)
        if not match:
            return cls("", text, text)
        return cls(match.group(1), match.group(3).strip(), text)


_NO_UNIT = Unit()  # shared: units are immutable


@dataclass(slots=True)
class Section:
    kind: SectionKind
    name: str = ""
    code: str = ""
    key: str = ""  # unique within the document; used for parent links
    parent_key: str = ""
    unit: Unit = _NO_UNIT
    amounts: Amounts = field(default_factory=Amounts)
    purpose: str = ""  # 资金用途 / 主要职责 / 内容描述 / 主要实施内容
    goal: str = ""  # 绩效目标 / 年度绩效目标 / 期望达到的目标
    plan: list[PlanPoint] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)  # other labelled cells, as written
    source: Source = field(default_factory=Source)


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A free-text part: 部门职能概述, 总体绩效目标, 保障措施 ..."""

    label: str
    text: str
    source: Source = field(default_factory=Source)


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """A labelled amount of a budget block: 基本支出, 项目支出, 财政拨款, 资金总额 ..."""

    label: str
    money: Money
    group: str = ""  # the block heading, e.g. 部门预算支出 / 收入来源


@dataclass(slots=True)
class Document:
    kind: DocKind
    source_file: str = ""
    part: int = 1  # 1-based part within the file (a file may hold several documents)
    title: str = ""
    organisation: str = ""
    year: int | None = None
    money_unit: str = ""  # 万元 / 元, empty when the file does not say
    units: list[Unit] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    texts: list[TextBlock] = field(default_factory=list)
    budget: list[BudgetLine] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    source: Source = field(default_factory=Source)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def text(self, label: str) -> str:
        return next((t.text for t in self.texts if t.label == label), "")
