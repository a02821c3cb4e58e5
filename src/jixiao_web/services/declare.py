"""A new declaration in the browser: a 项目支出绩效目标表 made from the form of the official layout,
its indicators drafted from the indicator library when asked; drafted rows for an existing section."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from jixiao.library.draft import DraftLine, ProjectRequest, draft
from jixiao.model import entry
from jixiao.model.document import Amounts, DocKind, Document, Money, PlanPoint, Section, SectionKind, Unit
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


TEXT_FIELDS = ("name", "code", "period", "purpose", "goal", "period_goal")


def checked(sent: Mapping[str, str]) -> tuple[NewProject, dict[str, str]]:
    """What a form or the API sent (amounts in 万元, ``plan-0`` … ``plan-3``) as a new project, and
    the message for each input that cannot be taken as typed (by its name)."""
    errors: dict[str, str] = {}
    values = {n: str(sent.get(n) or "").strip() for n in TEXT_FIELDS}
    if not values["name"]:
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
                     plan=tuple(plan), **values)  # fmt: skip
    return new, errors


def _money(raw: str) -> Money | None:
    return Money.parse(raw) if raw else None


def _request(unit: Organisation, new: NewProject) -> ProjectRequest:
    total = _money(new.total)
    return ProjectRequest(new.name, total.value if total else None, unit.name, new.purpose, new.year, new.code)


def core_project(unit: Organisation, new: NewProject, with_draft: bool) -> tuple[Document, list[DraftLine]]:
    """The new project as a core document (its indicators drafted from the library when asked),
    and the draft's lines (where each indicator came from)."""
    lines: list[DraftLine] = []
    indicators, goal = [], new.goal
    if with_draft:
        result = draft(current(), _request(unit, new))
        indicators, lines = result.section.indicators, result.lines
        goal = goal or result.section.goal
    fields = {label: text for label, text in (("实施周期", new.period), ("实施期绩效目标", new.period_goal)) if text}
    section = Section(
        SectionKind.PROJECT, name=new.name, code=new.code, key="p1", unit=Unit("", unit.name, unit.name),
        amounts=Amounts(_money(new.total), _money(new.fiscal), _money(new.other)), purpose=new.purpose, goal=goal,
        plan=[PlanPoint(c, f"{v}" if v else "", Money.parse(v.rstrip("%")).value if v else None) for c, v in zip(CHECKPOINTS, new.plan, strict=False)],
        indicators=indicators, fields=fields,
    )  # fmt: skip
    year = f"{new.year}年" if new.year else ""
    document = Document(DocKind.PROJECT_TARGETS_BOOK, source_file="网上填报", title=f"{year}项目支出绩效目标表",
                        organisation=unit.name, year=new.year, money_unit="万元", units=[section.unit], sections=[section])  # fmt: skip
    return document, lines


@transaction.atomic
def create_project(user: AbstractBaseUser, unit: Organisation, new: NewProject, with_draft: bool) -> TargetDocument:
    """A new draft 项目支出绩效目标表 of ``unit``, reviewed at once (and learned by the library)."""
    require(user, Action.EDIT, unit)
    document, lines = core_project(unit, new, with_draft)
    stored = save_document(document, unit, user)
    drafted = f"，指标由指标库生成 {len(lines)} 条" if lines else ""
    audit.log(user, "create", f"新建项目“{new.name}”{drafted}", organisation=unit, document=stored,
              after={"项目名称": new.name, "金额合计": new.total})  # fmt: skip
    findings.refresh(stored)
    return stored


def draft_rows(section_name: str, amount: Decimal | None, unit: Organisation, purpose: str, year: int | None) -> tuple[list[dict], str]:
    """Drafted indicator rows for a section, as the editor's grid takes them, with where each was
    learned, and the goal the draft writes from them."""
    result = draft(current(), ProjectRequest(section_name, amount, unit.name, purpose, year))
    rows = [
        {"level1": i.level1, "level2": i.level2, "level3": i.level3, "target_raw": i.target_raw, "basis": i.basis,
         "origin": line.origin, "count": line.count, "documents": list(line.documents)}
        for i, line in zip(result.section.indicators, result.lines, strict=True)
    ]  # fmt: skip
    return rows, result.section.goal


def add_draft(user: AbstractBaseUser, section: TargetSection) -> int:
    """生成草稿 for a section being edited: the drafted rows it does not have yet, added at the end of
    its grid, and a goal written from them when it has none (without one it cannot be submitted);
    saved as any edit is. The number of rows added."""
    document = section.document
    if reason := not_editable(document):
        raise ServiceError(reason)  # before drafting: nothing to draft for
    amount = Money.parse(section.amount_total).value if section.amount_total else None
    if amount is not None:
        amount = amount / entry.UNIT_FACTORS.get(document.money_unit or "万元", 1)
    rows = [{n: getattr(i, n) for n in GRID_FIELDS} | {"position": str(i.position)} for i in section.indicators.all()]
    have = {r["level3"] for r in rows}
    offered, goal = draft_rows(section.name, amount, document.unit, section.purpose, document.year)
    drafted = [r for r in offered if r["level3"] not in have]
    rows += [{n: r.get(n, "") for n in GRID_FIELDS} for r in drafted]
    save_section(user, section, SectionEdit(version=section.version, values={} if section.goal.strip() else {"goal": goal}, rows=rows))
    return len(drafted)
