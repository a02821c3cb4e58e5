"""Draft a project's target table from its name, purpose, amount and department.

Every part the review requires is written (outputs: quantity, quality, timeliness and cost;
outcomes; satisfaction), and an outcome kind the most similar projects in the library have
(经济效益, 生态效益, 可持续影响) besides. Indicators come from the library: those written for the
most similar projects (by the project's kind, name and the unit's function), else the ones most
written under that category; each line says which documents it was learned from. The cost line is
the project's own amount as a ceiling, exact in 万元. The draft is reviewed before it is handed out:
a line the review calls an error is replaced by the next candidate, so the draft has no error.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from jixiao.findings import Finding, Severity
from jixiao.model.categories import OUTPUT, parent_of
from jixiao.model.document import (
    Amounts,
    BudgetLine,
    DocKind,
    Document,
    Indicator,
    Money,
    PlanPoint,
    Section,
    SectionKind,
    TextBlock,
    Unit,
)
from jixiao.library.store import Entry, Library
from jixiao.library.words import Weights, bigrams, department_function, project_kind
from jixiao.values.parse import parse_target
from jixiao.values.types import Deadline, Qualitative, Quantity

QUANTITY, QUALITY, TIMELINESS, COST = "数量指标", "质量指标", "时效指标", "成本指标"
SOCIAL, SATISFIED = "社会效益指标", "服务对象满意度指标"
OPTIONAL_OUTCOMES = ("经济效益指标", "生态效益指标", "可持续影响指标")
# How many lines each required category gets when the library has enough.
SLOTS = {QUANTITY: 2, QUALITY: 2, TIMELINESS: 1, SOCIAL: 1, SATISFIED: 1}
# Spending evenly over the year: the cumulative share at each checkpoint is the months gone.
CHECKPOINT_MONTHS = {"3月底": 3, "6月底": 6, "10月底": 10, "12月底": 12}
NEIGHBOURS = 3  # similar projects whose outcome kinds the draft takes over
MIN_SIMILAR = 0.2  # a project at least this similar counts as the same kind of work
MAX_ROUNDS = 8

# When the library has nothing for a category: a line any project can start from, to be rewritten.
GENERIC = {
    QUANTITY: ("{kind}任务完成数", "≥1项"),
    QUALITY: ("{kind}验收合格率", "≥95%"),
    TIMELINESS: ("{kind}按计划完成率", "≥95%"),
    SOCIAL: ("{kind}受益对象覆盖率", "≥90%"),
    SATISFIED: ("服务对象满意度", "≥90%"),
}


@dataclass(frozen=True, slots=True)
class ProjectRequest:
    """What the clerk knows before the table exists. With ``whole_department`` the table is the
    department's overall one (部门整体): ``name`` is the department, ``amount`` its 资金总额, and the
    indicators are those of units with the same function."""

    name: str
    amount: Decimal | None  # 万元; None when not known yet (no cost line then)
    department: str = ""
    purpose: str = ""
    year: int | None = None
    code: str = ""
    fiscal: Decimal | None = None
    other: Decimal | None = None
    whole_department: bool = False


@dataclass(frozen=True, slots=True)
class DraftLine:
    """Where a draft row came from: the library entry (none for the cost and generic lines), how
    often it was written and in which documents (labels)."""

    origin: str  # library / amount / generic
    count: int = 0
    documents: tuple[str, ...] = ()


@dataclass(slots=True)
class Draft:
    document: Document
    lines: list[DraftLine] = field(default_factory=list)  # one per indicator row of the section
    findings: list[Finding] = field(default_factory=list)  # the review of the draft

    @property
    def section(self) -> Section:
        return self.document.sections[0]


def _fmt(number: Decimal) -> str:
    return format(number.normalize(), "f") if number == number.to_integral() else format(number, "f")


class _Matcher:
    """How similar each library section (a project's indicator table) is to the request."""

    def __init__(self, library: Library, request: ProjectRequest):
        self.library = library
        self.weights: Weights = library.weights()
        department = request.department or (request.name if request.whole_department else "")
        self.function = department_function(department) if department else ""
        self.whole = request.whole_department
        about = self.function if self.whole else project_kind(request.name)
        self.query = bigrams(f"{about} {request.purpose}")
        self.sections: dict[tuple[str, str], float] = {}
        self.by_section: dict[tuple[str, str], set[str]] = defaultdict(set)
        for entry in library.entries.values():
            for obs in entry.observations:
                place = (obs.doc, obs.section)
                self.by_section[place].add(entry.level2)
                if place not in self.sections:
                    self.sections[place] = self._similarity(obs.kind, obs.section, obs.function)

    def _similarity(self, kind: str, section: str, function: str) -> float:
        if self.whole:  # a department's table is like those of units with the same function
            return self.weights.similarity(self.query, function) * (1.0 if not kind else 0.7)
        score = self.weights.similarity(self.query, kind or section)
        if self.function and function:
            score = 0.8 * score + 0.2 * self.weights.similarity(bigrams(self.function), function)
        return score

    def score(self, entry: Entry) -> float:
        """The entry's best similar project, the name's own likeness, and a little for use."""
        best = max(self.sections[(o.doc, o.section)] for o in entry.observations)
        return best + 0.3 * self.weights.similarity(self.query, entry.key) + 0.02 * math.log1p(entry.count)

    def outcome_kinds(self) -> list[str]:
        """The optional outcome categories one of the nearest similar projects has."""
        near = sorted(((s, p) for p, s in self.sections.items() if s >= MIN_SIMILAR), reverse=True)[:NEIGHBOURS]
        return [k for k in OPTIONAL_OUTCOMES if any(k in self.by_section[p] for _, p in near)]


def _measurable(entry: Entry) -> int:
    """How well the usual target can be checked at year end: 2 a number with its unit, 1 a
    deadline or a direction in words, 0 anything else (a bare number, a placeholder, a wish)."""
    target = parse_target(entry.usual_target())
    if isinstance(target, Quantity):
        return 2 if target.unit else 0
    if isinstance(target, Deadline):
        return 0 if target.year else 1  # a dated deadline belongs to the year it was written for
    return 1 if isinstance(target, Qualitative) and target.direction is not None else 0


def _candidates(library: Library, matcher: _Matcher, level2: str) -> list[Entry]:
    found = [(m, e) for e in library.entries.values() if e.level2 == level2 and (m := _measurable(e))]
    return [e for _, e in sorted(found, key=lambda p: (-p[0], -matcher.score(p[1]), -p[1].count, p[1].key))]


def _row(level2: str, name: str, target: str, basis: str) -> Indicator:
    return Indicator(
        level1=parent_of(level2), level2=level2, level3=name, target_raw=target, target=parse_target(target), basis=basis,
        level1_raw=parent_of(level2), level2_raw=level2,
    )  # fmt: skip


def _from_entry(entry: Entry, labels: dict[str, str]) -> tuple[Indicator, DraftLine]:
    docs = tuple(labels.get(d, d) for d in entry.docs)
    basis = f"参照指标库：{entry.count}次写过此指标（{'；'.join(docs[:2])}{'等' if len(docs) > 2 else ''}），常用值{entry.usual_target()}"
    if entry.typical and entry.typical.low != entry.typical.high:
        basis += f"，范围{entry.typical.range_text()}"
    return _row(entry.level2, entry.name, entry.usual_target(), basis), DraftLine("library", entry.count, docs)


def _generic(level2: str, kind: str) -> tuple[Indicator, DraftLine]:
    name, target = GENERIC[level2]
    return _row(level2, name.format(kind=kind), target, "通用模板，请按项目实际填写"), DraftLine("generic")


def _cost(request: ProjectRequest, kind: str) -> tuple[Indicator, DraftLine]:
    target = f"≤{_fmt(request.amount)}万元"
    if request.whole_department:
        return _row(COST, "部门整体支出成本控制总额", target, "部门预算资金总额"), DraftLine("amount")
    return _row(COST, f"{kind}项目成本控制总额", target, "项目预算金额"), DraftLine("amount")


def _plan() -> list[PlanPoint]:
    out = []
    for checkpoint, month in CHECKPOINT_MONTHS.items():
        share = (Decimal(month * 100) / 12).quantize(Decimal(1), ROUND_HALF_UP)
        out.append(PlanPoint(checkpoint, f"{share}%", share))
    return out


def _goal(request: ProjectRequest, rows: list[Indicator]) -> str:
    default = "完成本部门年度工作任务" if request.whole_department else f"完成{request.name}"
    head = request.purpose.strip().rstrip("。；;，,") or default
    said = "，".join(f"{i.level3}{i.target_raw}" for i in rows if i.level2 not in (COST,))
    year = f"{request.year}年" if request.year else "本年度"
    return f"{year}{head}：{said}。"


def _money(number: Decimal | None) -> Money | None:
    return None if number is None else Money.parse(_fmt(number))


def _department_document(request: ProjectRequest, rows: list[Indicator]) -> Document:
    """部门整体预算绩效目标申报表: the overall goal as its text, the total as its budget line."""
    unit = Unit("", request.name.strip(), request.name.strip())
    section = Section(SectionKind.DEPARTMENT, name="部门整体绩效指标", key="dept", unit=unit, indicators=rows)
    year = f"{request.year}年" if request.year else ""
    budget = [BudgetLine("资金总额", money)] if (money := _money(request.amount)) else []
    return Document(DocKind.DEPT_TARGET_DECLARATION, source_file="草稿", title=f"{year}部门整体预算绩效目标申报表", organisation=unit.name,
                    year=request.year, money_unit="万元", units=[unit], sections=[section], texts=[TextBlock("总体绩效目标", _goal(request, rows))],
                    budget=budget)  # fmt: skip


def table_document(request: ProjectRequest, rows: list[Indicator]) -> Document:
    """The table for ``request`` with ``rows`` as its indicators, its goal written from them."""
    if request.whole_department:
        return _department_document(request, rows)
    section = Section(
        SectionKind.PROJECT,
        name=request.name.strip(),
        code=request.code.strip(),
        key="p1",
        unit=Unit("", request.department.strip(), request.department.strip()),
        amounts=Amounts(_money(request.amount), _money(request.fiscal), _money(request.other)),
        purpose=request.purpose.strip(),
        goal=_goal(request, rows),
        plan=_plan(),
        indicators=rows,
    )
    # A project with a code is a full 项目支出绩效目标表; without one, only its indicator table.
    kind = DocKind.PROJECT_TARGETS_BOOK if section.code else DocKind.INDICATOR_TABLE
    return Document(kind, source_file="草稿", title=f"{request.name.strip()}绩效目标表", organisation=request.department.strip(),
                    year=request.year, money_unit="万元", units=[section.unit], sections=[section])  # fmt: skip


def _slots(matcher: _Matcher, request: ProjectRequest) -> dict[str, int]:
    slots = dict(SLOTS)
    if request.amount is None:
        slots[COST] = 1  # no amount to cap: a cost standard similar projects wrote
    for kind in matcher.outcome_kinds():
        slots[kind] = 1
    return slots


def _pick(library: Library, matcher: _Matcher, slots: dict[str, int]) -> dict[str, Iterator[Entry]]:
    return {level2: iter(_candidates(library, matcher, level2)) for level2 in slots}


def ranked(library: Library, request: ProjectRequest, level2s: Iterable[str]) -> dict[str, list[Entry]]:
    """The library's indicators for each of ``level2s``, best for this project first (what the
    draft chooses from, and what a clerk is offered for the category)."""
    matcher = _Matcher(library, request)
    return {level2: _candidates(library, matcher, level2) for level2 in level2s}


def draft(library: Library, request: ProjectRequest) -> Draft:
    """A complete draft table for ``request`` that the review finds no error in."""
    from jixiao.review import review  # the review loads every rule: only when drafting

    kind = project_kind(request.name)
    labels = {d.id: d.label for d in library.documents.values()}
    matcher = _Matcher(library, request)
    slots = _slots(matcher, request)
    pools = _pick(library, matcher, slots)
    chosen: list[tuple[str, Indicator, DraftLine]] = []
    taken: set[str] = set()

    def fill(level2: str) -> tuple[Indicator, DraftLine] | None:
        for entry in pools[level2]:
            if entry.key not in taken:
                taken.add(entry.key)
                return _from_entry(entry, labels)
        return _generic(level2, kind) if level2 in GENERIC and not any(c[0] == level2 for c in chosen) else None

    for level2, count in slots.items():
        for _ in range(count):
            if got := fill(level2):
                chosen.append((level2, *got))
    if request.amount is not None:
        chosen.insert(len([c for c in chosen if parent_of(c[0]) == OUTPUT]), (COST, *_cost(request, kind)))
    for round_no in range(MAX_ROUNDS + 1):
        document = table_document(request, [row for _, row, _ in chosen])
        findings = review([document])
        if round_no == MAX_ROUNDS:
            break  # the document handed out is always the one reviewed last
        rows = {f.location.row_no for f in findings if f.location.row_no and f.severity != Severity.HINT}
        errors = {f.location.row_no for f in findings if f.location.row_no and f.severity == Severity.ERROR}
        changed = False
        for row_no in sorted(rows, reverse=True):  # from the end, so earlier row numbers stay right
            level2 = chosen[row_no - 1][0]
            if replacement := fill(level2) if level2 in pools else None:
                chosen[row_no - 1] = (level2, *replacement)
            elif row_no in errors or level2 in OPTIONAL_OUTCOMES:
                del chosen[row_no - 1]  # an error, or a category the project may as well not have
            else:
                continue  # a warning on a required line with nothing better: the clerk's to fix
            changed = True
        if not changed:
            break
    return Draft(document, [line for _, _, line in chosen], findings)
