"""A new declaration in the browser: a 项目支出绩效目标表 made from the form of the official layout,
its indicators drafted from the indicator library when asked; drafted rows for an existing section."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from jixiao.library.draft import DraftLine, ProjectRequest, draft, table_document
from jixiao.model import entry
from jixiao.model.document import Amounts, BudgetLine, DocKind, Document, Money, PlanPoint, SectionKind, TextBlock
from jixiao_web.models import Organisation, TargetDocument, TargetSection
from jixiao_web.services import audit, findings
from jixiao_web.services.access import Action, require
from jixiao_web.services.editing import AMOUNT_FIELDS, GRID_FIELDS, SectionEdit, not_editable, save_section
from jixiao_web.services.errors import ServiceError
from jixiao_web.services.library import current
from jixiao_web.services.store import save_document

CHECKPOINTS = ("3月底", "6月底", "10月底", "12月底")


@dataclass
class NewProject:
    """What the new-project form sends (amounts in 万元, as typed and checked by the core's entry)."""

    name: str
    year: int | None = None
    code: str = ""
    total: str = ""
    fiscal: str = ""
    other: str = ""
    period: str = ""  # 实施周期, e.g. 2024年1月—2024年12月
    purpose: str = ""
    goal: str = ""  # 年度绩效目标
    period_goal: str = ""  # 实施期绩效目标
    plan: tuple[str, ...] = ()  # cumulative % at CHECKPOINTS
    whole_department: bool = False  # 部门整体预算绩效目标申报表 instead of a project's


TEXT_FIELDS = ("name", "code", "period", "purpose", "goal", "period_goal")
PROJECT_LAYOUT, DEPARTMENT_LAYOUT = "project", "department"
LAYOUTS = {PROJECT_LAYOUT: "项目支出绩效目标申报表", DEPARTMENT_LAYOUT: "部门整体预算绩效目标申报表"}


def checked(sent: Mapping[str, str]) -> tuple[NewProject, dict[str, str]]:
    """What a form or the API sent (amounts in 万元, ``plan-0`` … ``plan-3``) as a new project, and
    the message for each input that cannot be taken as typed (by its name)."""
    errors: dict[str, str] = {}
    values = {n: str(sent.get(n) or "").strip() for n in TEXT_FIELDS}
    whole = sent.get("layout") == DEPARTMENT_LAYOUT
    if not values["name"] and not whole:
        errors["name"] = "请填写项目名称。"
    amounts = {}
    for name, label in AMOUNT_FIELDS.items():
        try:
            amounts[name] = entry.amount(str(sent.get(name) or ""), "万元")
        except ValueError as exc:
            errors[name], amounts[name] = f"{label}：{exc}", str(sent.get(name) or "")
    try:
        year = entry.year(str(sent.get("year") or ""))
    except ValueError as exc:
        errors["year"], year = str(exc), None
    plan = []
    for i, checkpoint in enumerate(CHECKPOINTS):
        raw = str(sent.get(f"plan-{i}") or "")
        try:
            plan.append(entry.plan_percent(raw))
        except ValueError as exc:
            errors[f"plan-{i}"] = f"{checkpoint}：{exc}"
            plan.append(raw)
    new = NewProject(year=year, total=amounts["amount_total"], fiscal=amounts["amount_fiscal"], other=amounts["amount_other"],
                     plan=tuple(plan), whole_department=whole, **values)  # fmt: skip
    return new, errors


def _money(raw: str) -> Money | None:
    return Money.parse(raw) if raw else None


def _request(unit: Organisation, new: NewProject) -> ProjectRequest:
    total = _money(new.total)
    name = unit.name if new.whole_department else new.name
    return ProjectRequest(name, total.value if total else None, unit.name, new.purpose, new.year, new.code, whole_department=new.whole_department)


def core_project(unit: Organisation, new: NewProject, with_draft: bool) -> tuple[Document, list[DraftLine]]:
    """The new table as a core document in the official layout (its indicators drafted from the
    library when asked), and the draft's lines (where each indicator came from). What the clerk
    wrote is kept as written: amounts, plan, goal; a goal left empty is the draft's."""
    request = _request(unit, new)
    result = draft(current(), request) if with_draft else None
    document = result.document if result else table_document(request, [])
    document.source_file = "网上填报"
    section = document.sections[0]
    if new.whole_department:
        goal = new.goal or (document.text("总体绩效目标") if result else "")
        document.texts = [TextBlock(label, text) for label, text in (("部门职能概述", new.purpose), ("总体绩效目标", goal)) if text]
        document.budget = [BudgetLine("资金总额", money)] if (money := _money(new.total)) else []
    else:
        document.kind = DocKind.PROJECT_TARGETS_BOOK  # the form is the whole layout, with a code or not yet
        document.title = f"{new.year}年项目支出绩效目标表" if new.year else "项目支出绩效目标表"
        section.goal = new.goal or (section.goal if result else "")
        section.amounts = Amounts(_money(new.total), _money(new.fiscal), _money(new.other))
        section.plan = [PlanPoint(c, v, Money.parse(v.rstrip("%")).value if v else None) for c, v in zip(CHECKPOINTS, new.plan, strict=False)]
        section.fields = {label: text for label, text in (("实施周期", new.period), ("实施期绩效目标", new.period_goal)) if text}
    return document, (result.lines if result else [])


@transaction.atomic
def create_project(user: AbstractBaseUser, unit: Organisation, new: NewProject, with_draft: bool) -> TargetDocument:
    """A new draft table of ``unit`` (a project's, or the department's as a whole), reviewed at
    once (and so learned by the library)."""
    require(user, Action.EDIT, unit)
    document, lines = core_project(unit, new, with_draft)
    stored = save_document(document, unit, user)
    drafted = f"，指标由指标库生成 {len(lines)} 条" if lines else ""
    what = "部门整体预算绩效目标申报表" if new.whole_department else f"项目“{new.name}”"
    audit.log(user, "create", f"新建{what}{drafted}", organisation=unit, document=stored,
              after={"表样": what, "金额合计": new.total})  # fmt: skip
    findings.refresh(stored)
    return stored


def draft_rows(request: ProjectRequest) -> tuple[list[dict], str]:
    """Drafted indicator rows, as the editor's grid takes them, with where each was learned, and the
    goal the draft writes from them."""
    result = draft(current(), request)
    rows = [
        {"level1": i.level1, "level2": i.level2, "level3": i.level3, "target_raw": i.target_raw, "basis": i.basis,
         "origin": line.origin, "count": line.count, "documents": list(line.documents)}
        for i, line in zip(result.section.indicators, result.lines, strict=True)
    ]  # fmt: skip
    return rows, result.section.goal


def _amount_of(section: TargetSection) -> Decimal | None:
    """The section's total in 万元 (a department's: its document's 资金总额)."""
    document = section.document
    raw = section.amount_total or next((r for label, r, _ in document.budget if label == "资金总额"), "")
    amount = Money.parse(raw).value if raw else None
    return None if amount is None else amount / entry.UNIT_FACTORS.get(document.money_unit or "万元", 1)


def add_draft(user: AbstractBaseUser, section: TargetSection) -> int:
    """生成草稿 for a section being edited: the drafted rows it does not have yet, added at the end of
    its grid, and a goal written from them when a project has none (without one it cannot be
    submitted); saved as any edit is. The number of rows added."""
    document = section.document
    if reason := not_editable(document):
        raise ServiceError(reason)  # before drafting: nothing to draft for
    whole = section.kind == SectionKind.DEPARTMENT
    name = document.unit.name if whole else section.name
    request = ProjectRequest(name, _amount_of(section), document.unit.name, section.purpose, document.year, whole_department=whole)
    rows = [{n: getattr(i, n) for n in GRID_FIELDS} | {"position": str(i.position)} for i in section.indicators.all()]
    have = {r["level3"] for r in rows}
    offered, goal = draft_rows(request)
    drafted = [r for r in offered if r["level3"] not in have]
    rows += [{n: r.get(n, "") for n in GRID_FIELDS} for r in drafted]
    values = {"goal": goal} if not whole and not section.goal.strip() else {}
    save_section(user, section, SectionEdit(version=section.version, values=values, rows=rows))
    return len(drafted)
