"""A new declaration in the browser: a 项目支出绩效目标表 made from the form of the official layout,
its indicators drafted from the indicator library when asked; drafted rows for an existing section."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from jixiao.library.draft import DraftLine, ProjectRequest, draft
from jixiao.model.document import Amounts, DocKind, Document, Money, PlanPoint, Section, SectionKind, Unit
from jixiao_web.models import Organisation, TargetDocument
from jixiao_web.services import audit, findings
from jixiao_web.services.access import Action, require
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
    """Drafted indicator rows for an existing section, as the editor's grid takes them, and the goal
    the draft writes from them."""
    result = draft(current(), ProjectRequest(section_name, amount, unit.name, purpose, year))
    rows = [
        {"level1": i.level1, "level2": i.level2, "level3": i.level3, "target_raw": i.target_raw, "basis": i.basis,
         "origin": line.origin, "count": line.count, "documents": list(line.documents[:3])}
        for i, line in zip(result.section.indicators, result.lines, strict=True)
    ]  # fmt: skip
    return rows, result.section.goal
