"""Changing a section (its texts, amounts, spending plan and indicator grid) or the document's own
fields, texts and budget lines, with a version check so that two people editing one section or
document cannot silently overwrite each other."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max

from jixiao.model import entry
from jixiao.model.categories import normalise_level1, normalise_level2
from jixiao.model.document import Money
from jixiao_web.errors import whole_or_none
from jixiao_web.models import Comment, DocState, TargetDocument, TargetIndicator, TargetSection
from jixiao_web.models.documents import ROW_CELLS, SECTION_CELLS
from jixiao_web.services import audit, findings
from jixiao_web.services.access import Action, require
from jixiao_web.services.errors import ServiceError, StaleVersion, refuse_too_long
from jixiao_web.services.store import INDICATOR_TEXT_FIELDS, parsed_value

EDITABLE_STATES = frozenset({DocState.DRAFT, DocState.RETURNED})
SECTION_FIELDS = ("name", "code", "purpose", "goal", "amount_total", "amount_fiscal", "amount_other")
GRID_FIELDS = ("level1", "level2", "level3", "description", "target_raw", "cycle_target_raw", "basis")
# the editor's input for a cell, where its name differs from the cell's
EDITOR_INPUTS = {"amount": "amount_total", "target": "target_raw", "cycle_target": "cycle_target_raw"}
# the document's own fields the document editor changes (its texts, labelled cells and budget lines besides)
DOCUMENT_FIELDS = {"title": "标题", "organisation_name": "单位名称", "year": "年度"}


def not_editable(document: TargetDocument) -> str:
    """Why ``document`` cannot be changed in its state ("" when it can)."""
    if document.state in EDITABLE_STATES:
        return ""
    return f"文档状态为“{document.get_state_display()}”，只有草稿或已退回的文档可以修改；这里只能查看。"


def row_cells(document: TargetDocument) -> dict[str, str]:
    """The indicator cells ``document``'s tables have, by the core's field name, labelled as the
    pages head their columns: 指标描述 and 实施周期指标值 only where some row has one."""
    # the greatest text of each column is "" only when every row's is (one row back, not hundreds)
    found = TargetIndicator.objects.filter(section__document=document).aggregate(d=Max("description"), c=Max("cycle_target_raw"))
    return cells_of([(found["d"], found["c"])])


def cells_of(rows) -> dict[str, str]:
    """:func:`row_cells` from the rows' (description, cycle_target_raw) already at hand."""
    has = {"description": False, "cycle_target": False}
    for description, cycle in rows:
        has["description"] = has["description"] or bool(description)
        has["cycle_target"] = has["cycle_target"] or bool(cycle)
    return {name: label for name, label in ROW_CELLS.items() if has.get(name, True)}


AMOUNT_FIELDS = {"amount_total": "金额合计", "amount_fiscal": "其中财政资金", "amount_other": "其他资金"}


class InvalidInput(ServiceError):
    """Inputs that cannot be saved, by the editor's input name (``amount_total``, ``plan-0``);
    nothing is saved and the caller shows each message at its input, keeping what was typed."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(f"有 {len(errors)} 处填写不正确，未保存。请按输入框旁的提示修改。", list(errors.values()))
        self.errors = errors


def _amount_input(raw: str, stored: str, money_unit: str, label: str, key: str, errors: dict[str, str]) -> str:
    """An amount input as stored: unchanged, kept as imported (an odd imported cell does not block a
    save); changed, through the core's :func:`jixiao.model.entry.amount` — a bad one is named in ``errors`` under ``key``."""
    if raw.strip() == stored:
        return stored
    try:
        return entry.amount(raw, money_unit)
    except ValueError as exc:
        errors[key] = f"{label}：{exc}"
        return raw


def _cleaned(section: TargetSection, edit: SectionEdit) -> tuple[dict[str, str], list[str]]:
    """The edit's amounts and plan values as stored, or InvalidInput naming every bad input. An
    unchanged value is kept as it was imported, so an odd imported cell does not block a save."""
    unit = section.document.money_unit or "万元"
    values, plan, errors = dict(edit.values), list(edit.plan), {}
    for name, label in AMOUNT_FIELDS.items():
        if name in values:
            values[name] = _amount_input(values[name], getattr(section, name), unit, label, name, errors)
    for i, ((checkpoint, stored, _), raw) in enumerate(zip(section.plan, plan, strict=False)):
        if raw.strip() != stored:
            try:
                plan[i] = entry.plan_percent(raw)
            except ValueError as exc:
                errors[f"plan-{i}"] = f"支出计划 {checkpoint}：{exc}"
    if errors:
        raise InvalidInput(errors)
    return values, plan


@dataclass
class SectionEdit:
    """What the editor sends: section fields, plan values by checkpoint, and the grid rows."""

    version: int
    values: dict[str, str] = field(default_factory=dict)
    plan: list[str] = field(default_factory=list)  # one raw value per existing checkpoint
    rows: list[dict[str, str]] = field(default_factory=list)


def _snapshot(section: TargetSection) -> dict[str, str]:
    snap = {name: getattr(section, name) for name in SECTION_FIELDS}
    snap.update({f"支出计划 {c}": raw for c, raw, _ in section.plan})
    for ind in section.indicators.all():
        for name in GRID_FIELDS:
            snap[f"指标{ind.position}.{name}"] = getattr(ind, name)
    return snap


def _plan_point(checkpoint: str, raw: str) -> list:
    number = Money.parse(raw.rstrip("%％")).value if raw.strip() else None
    return [checkpoint, raw.strip(), None if number is None else format(number, "f")]


@transaction.atomic
def save_section(user: AbstractBaseUser, section: TargetSection, edit: SectionEdit) -> TargetSection:
    require(user, Action.EDIT, section.document.unit)
    findings.lock_file(section.document)
    locked = TargetSection.objects.select_for_update().select_related("document", "document__unit").get(pk=section.pk)
    document = locked.document
    if reason := not_editable(document):
        raise ServiceError(reason)
    if locked.version != edit.version:
        raise StaleVersion(
            "保存失败：在您编辑期间，其他人已保存了这一节。您填写的内容保留在下面，请对照最新内容后再保存。"
        )
    values, plan = _cleaned(locked, edit)
    before = _snapshot(locked)
    for name in SECTION_FIELDS:
        if name in values:
            setattr(locked, name, values[name].strip())
    if plan:
        locked.plan = [_plan_point(c, raw) for (c, _, _), raw in zip(locked.plan, plan, strict=False)]
    old = {i.position: i for i in locked.indicators.all()}
    rows = [r for r in edit.rows if any(r.get(n, "").strip() for n in GRID_FIELDS)]
    new: list[TargetIndicator] = []
    for position, data in enumerate(rows, 1):
        keep = old.get(whole_or_none(data.get("position")))
        row = TargetIndicator(section=locked, position=position, source=keep.source if keep else {})
        for name in INDICATOR_TEXT_FIELDS:
            setattr(row, name, getattr(keep, name) if keep else "")
        for name in GRID_FIELDS:
            # a cell the editor does not show (no such column in the document) keeps its value
            setattr(row, name, data[name].strip() if name in data else getattr(row, name))
        # Categories go through the core's normaliser; a changed label is now what was "written".
        for level, normalise in (("level1", normalise_level1), ("level2", normalise_level2)):
            written = getattr(row, level)
            setattr(row, level, normalise(written))
            if not keep or getattr(keep, level) != getattr(row, level):
                setattr(row, f"{level}_raw", written)
        if keep:
            row.grades = keep.grades
        row.parsed = parsed_value(row.target_raw)
        new.append(row)
    refuse_too_long([("", locked), *((f"指标{row.position} ", row) for row in new)], "未保存")
    locked.indicators.all().delete()
    TargetIndicator.objects.bulk_create(new)
    locked.version += 1
    locked.save()
    TargetDocument.objects.filter(pk=document.pk).update(version=document.version + 1)
    after = _snapshot(locked)
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    audit.log(
        user, "edit", f"修改“{locked}”：{len(changed)} 处", organisation=document.unit, document=document,
        before={k: before.get(k, "") for k in changed}, after={k: after.get(k, "") for k in changed},
    )  # fmt: skip
    findings.refresh(document)
    return locked


@transaction.atomic
def add_comment(
    user: AbstractBaseUser, document: TargetDocument, text: str, section: TargetSection | None = None,
    row_no: int | None = None, field_name: str = "",
) -> Comment:  # fmt: skip
    """A reviewer's comment on the document, a section, an indicator row or one field of it."""
    require(user, Action.COMMENT, document.unit)
    if not text.strip():
        raise ServiceError("意见内容不能为空。")
    if section is not None and section.document_id != document.pk:
        raise ServiceError("意见所指的章节不属于该文档。")
    if row_no is not None and (section is None or not section.indicators.filter(position=row_no).exists()):
        raise ServiceError(f"意见所指的指标第{row_no}行不存在。")
    cells = row_cells(document) if row_no else SECTION_CELLS if section else {}
    if field_name and field_name not in cells:
        raise ServiceError(
            f"意见所指的字段“{field_name}”不在这里。",
            ["可以指向的字段：" + "、".join(f"{k}（{v}）" for k, v in cells.items())] if cells else ["全文意见不指向字段。"],
        )
    comment = Comment.objects.create(
        document=document, section=section, row_no=row_no, field=field_name, author=user, text=text.strip()
    )
    where = " / ".join(p for p in (str(section) if section else "", f"指标第{row_no}行" if row_no else "", comment.field_label) if p)
    audit.log(user, "comment", f"审核意见（{where or '全文'}）：{text.strip()}", organisation=document.unit, document=document)
    return comment


# --- the document's own fields, texts and budget lines ------------------------------------------


@dataclass
class DocumentEdit:
    """What the document editor sends, each by its stored position; what is not sent is kept."""

    version: int
    values: dict[str, str] = field(default_factory=dict)  # DOCUMENT_FIELDS
    texts: dict[int, str] = field(default_factory=dict)  # the text of document.texts[i]
    budget: dict[int, str] = field(default_factory=dict)  # the amount of document.budget[i]
    fields: dict[int, str] = field(default_factory=dict)  # the text of document.fields[i]


def editable_field(label: str) -> bool:
    """A labelled cell the unit fills (主管部门): not the reader's own notes (ASCII keys such as
    unit_line), nor the finance bureau's 财政部门审核意见 cells (its say is the comments and the workflow)."""
    return not label.isascii() and "审核意见" not in label


def _unique(keys: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
        out.append(key if seen[key] == 1 else f"{key}（第{seen[key]}处）")
    return out


def budget_label(group: str, label: str) -> str:
    return f"{group} · {label}" if group else label


def _document_snapshot(document: TargetDocument) -> dict[str, str]:
    """The editor's values by the names the history shows (标题, 说明 年度整体绩效目标, 预算 资金总额 …)."""
    snap = {label: "" if getattr(document, name) is None else str(getattr(document, name)) for name, label in DOCUMENT_FIELDS.items()}
    snap.update(zip(_unique([f"说明 {label}" for label, _ in document.texts]), (text for _, text in document.texts), strict=True))
    snap.update(zip(_unique([f"预算 {budget_label(g, label)}" for label, _, g in document.budget]), (raw for _, raw, _ in document.budget), strict=True))
    snap.update(zip(_unique([f"字段 {label}" for label, _ in document.fields]), (text for _, text in document.fields), strict=True))
    return snap


def _document_cleaned(document: TargetDocument, edit: DocumentEdit) -> tuple[dict[str, object], list[list]]:
    """The edit's fields and budget lines as stored, or InvalidInput naming every bad input (by the
    editor's input name: ``year``, ``budget-0``); amounts are checked as the section editor checks them."""
    unit = document.money_unit or "万元"
    errors: dict[str, str] = {}
    values: dict[str, object] = {n: edit.values[n].strip() for n in DOCUMENT_FIELDS if n in edit.values}
    if "year" in values:
        stored = "" if document.year is None else str(document.year)
        if values["year"] != stored:
            try:
                values["year"] = entry.year(str(values["year"]))
            except ValueError as exc:
                errors["year"] = f"年度：{exc}"
        else:
            values["year"] = document.year
    budget = [list(line) for line in document.budget]
    for i, line in enumerate(budget):
        if i in edit.budget:
            label, raw, group = line
            line[1] = _amount_input(edit.budget[i], raw, unit, budget_label(group, label), f"budget-{i}", errors)
    if errors:
        raise InvalidInput(errors)
    return values, budget


@transaction.atomic
def save_document_fields(user: AbstractBaseUser, document: TargetDocument, edit: DocumentEdit) -> TargetDocument:
    """Change the document's own fields, texts and budget lines (资金总额, 年度整体绩效目标 …): one
    version check, one history row with the diff, and the file's findings reviewed again."""
    require(user, Action.EDIT, document.unit)
    findings.lock_file(document)
    locked = TargetDocument.objects.select_related("unit").get(pk=document.pk)
    if reason := not_editable(locked):
        raise ServiceError(reason)
    if locked.version != edit.version:
        raise StaleVersion(
            "保存失败：在您编辑期间，其他人已保存了这份文档（全文或其中一节）。您填写的内容保留在下面，请对照最新内容后再保存。"
        )
    values, budget = _document_cleaned(locked, edit)
    before = _document_snapshot(locked)
    for name, value in values.items():
        setattr(locked, name, value)
    locked.texts = [[label, edit.texts[i].strip() if i in edit.texts else text] for i, (label, text) in enumerate(locked.texts)]
    locked.budget = [[label, raw.strip(), group] for label, raw, group in budget]
    locked.fields = [
        [label, edit.fields[i].strip() if i in edit.fields and editable_field(label) else text]
        for i, (label, text) in enumerate(locked.fields)
    ]
    refuse_too_long([("", locked)], "未保存")
    locked.version += 1
    locked.save()
    after = _document_snapshot(locked)
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    audit.log(
        user, "edit", f"修改“{locked}”全文：{len(changed)} 处", organisation=locked.unit, document=locked,
        before={k: before.get(k, "") for k in changed}, after={k: after.get(k, "") for k in changed},
    )  # fmt: skip
    findings.refresh(locked)
    return locked
