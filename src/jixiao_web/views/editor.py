"""The section editor: texts, amounts, spending plan and the indicator grid, and the small JSON
endpoint that shows, as the user types, how the core parses a target and what its review finds;
the document editor: the document's own fields, texts and budget lines."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from jixiao.model.categories import LEVEL1, LEVEL2_PARENT
from jixiao.values.parse import parse_target
from jixiao.write.terminal import describe_value
from jixiao_web.errors import BadInput, whole, whole_or_none
from jixiao_web.models import TargetIndicator
from jixiao_web.services import editing, findings
from jixiao_web.services.access import Action, get_document, get_section
from jixiao_web.services.errors import ServiceError, StaleVersion
from jixiao_web.services.store import core_indicator, parsed_value
from jixiao_web.templatetags.jixiao import comments, escape, findings as findings_html, parsed

EMPTY_ROWS = 3  # blank rows offered at the end of the grid for new indicators


def _posted(request: HttpRequest, plan_len: int) -> editing.SectionEdit:
    p = request.POST
    count = whole(p.get("row_count"), "行数", 0)
    if count > settings.JIXIAO_MAX_SECTION_ROWS:  # before building the rows: the count is the client's to say
        raise BadInput(f"一节最多 {settings.JIXIAO_MAX_SECTION_ROWS} 行指标，提交的是 {count} 行，未保存。")
    # a cell the page does not show (no such column in the document) is not sent, and is kept
    rows = [{n: p[f"row-{i}-{n}"] for n in (*editing.GRID_FIELDS, "position") if f"row-{i}-{n}" in p} for i in range(count)]
    return editing.SectionEdit(
        version=whole(p.get("version"), "版本号", 0),
        values={n: p.get(n, "") for n in editing.SECTION_FIELDS if n in p},
        plan=[p.get(f"plan-{i}", "") for i in range(plan_len)],
        rows=rows,
    )


def _notes(section) -> dict[int | None, dict[str, list]]:
    """The section's comments by indicator row (None: the section itself), then by the editor
    input they point at ("whole": the row or section as a whole)."""
    notes: dict = {}
    for c in section.comments.select_related("author"):
        notes.setdefault(c.row_no, defaultdict(list))[editing.EDITOR_INPUTS.get(c.field, c.field or "whole")].append(c)
    return notes


def _grid(section, edit: editing.SectionEdit | None) -> list[dict[str, str]]:
    if edit is not None:
        return edit.rows
    rows = [{n: getattr(i, n) for n in editing.GRID_FIELDS} | {"position": str(i.position)} for i in section.indicators.all()]
    return rows + [dict.fromkeys((*editing.GRID_FIELDS, "position"), "") for _ in range(EMPTY_ROWS)]


def _not_editable(request: HttpRequest, document, anchor: str = "") -> HttpResponse | None:
    """Back to the document page, saying why, when its state allows no change (nothing to type into)."""
    if reason := editing.not_editable(document):
        messages.info(request, reason)
        return redirect(reverse("document", kwargs={"pk": document.pk}) + anchor)
    return None



def _saved(request: HttpRequest, save: Callable[[], object], reload: Callable[[], None]) -> tuple[bool, dict, bool]:
    """One editor's save: whether it was saved, else the errors to show at their inputs and
    whether someone saved a newer version meanwhile (then the object is reloaded, the input kept)."""
    try:
        save()
    except StaleVersion as exc:
        messages.error(request, exc.message)
        reload()
        return False, {}, True
    except editing.InvalidInput as exc:
        messages.error(request, exc.message)
        return False, exc.errors, False
    except ServiceError as exc:
        messages.error(request, exc.message)
        return False, {}, False
    messages.success(request, "已保存，审核结果已更新。")
    return True, {}, False


@login_required
def section_edit(request: HttpRequest, pk: int) -> HttpResponse:
    section = get_section(request.user, pk, Action.EDIT)
    if refused := _not_editable(request, section.document, f"#section-{section.pk}"):
        return refused
    edit, errors, stale = None, {}, False
    if request.method == "POST":
        edit = _posted(request, len(section.plan))
        done, errors, stale = _saved(request, lambda: editing.save_section(request.user, section, edit), section.refresh_from_db)
        if done:
            return redirect("section_edit", pk=pk)
    by_row: dict[str, list] = {}
    for finding in section.findings.exclude(row_no=None):
        for row_no in finding.covered:  # each row it covers shows it, where the clerk fixes the row
            by_row.setdefault(str(row_no), []).append(finding)
    notes = _notes(section)
    values = edit.values if edit else {n: getattr(section, n) for n in editing.SECTION_FIELDS}
    plan = edit.plan if edit else [raw for _, raw, _ in section.plan]
    rows = [
        (row, by_row.get(row.get("position"), []), notes.get(n) if (n := whole_or_none(row.get("position"))) is not None else None)
        for row in _grid(section, edit)
    ]
    # 指标描述 and 实施周期指标值 are columns of their own where the document's tables have them (seeds 002, 003)
    cells = editing.row_cells(section.document)
    context = {
        "section": section,
        "document": section.document,
        "values": values,
        "plan": [(c, v, errors.get(f"plan-{i}")) for i, ((c, _, _), v) in enumerate(zip(section.plan, plan, strict=False))],
        "errors": errors,
        "rows": rows,
        "row_html": mark_safe("".join(_grid_row(n, *row, cells) for n, row in enumerate(rows, 1))),
        "notes": notes.get(None),
        "version": section.version,  # after a conflict: the latest, so a deliberate re-save works
        "latest": section.indicators.all() if stale else None,
        "level1_choices": LEVEL1,
        "level2_choices": tuple(LEVEL2_PARENT),
        "findings": section.findings.filter(row_no=None),
        "cells": cells,
    }
    return render(request, "jixiao_web/section_edit.html", context)


def _grid_row(n: int, row: dict[str, str], found: list, notes: dict | None, cells: dict[str, str]) -> str:
    """Grid row ``n`` (from 1): its inputs, the core's reading of its target, its findings and the
    comments on each cell. Written here rather than as a template loop (most of the page's time),
    escaped as the template would, as the document page's rows are."""
    i, notes = n - 1, notes or {}

    def said(name: str) -> str:
        return comments(notes.get(name, ()))

    def text(name: str, label: str, css: str = "cell") -> str:
        return (f'<td><textarea class="{css}" rows="1" name="row-{i}-{name}" aria-label="第{n}行 {escape(label)}">{escape(row.get(name, ""))}</textarea>'
                f"{said(name)}")  # fmt: skip

    description = f'{text("description", cells["description"])}</td>' if "description" in cells else ""
    cycle = f'{text("cycle_target_raw", cells["cycle_target"], "cell target")}</td>' if "cycle_target" in cells else ""
    marked = ' class="has-finding"' if found else ""
    return (
        f'<tr data-row="{i}"{marked}>\n'
        f'<td id="row-{n}">{n}<input type="hidden" name="row-{i}-position" value="{escape(row.get("position", ""))}"></td>\n'
        f'<td><input name="row-{i}-level1" value="{escape(row.get("level1", ""))}" list="level1-list" aria-label="第{n}行 一级指标">{said("level1")}</td>\n'
        f'<td><input name="row-{i}-level2" value="{escape(row.get("level2", ""))}" list="level2-list" aria-label="第{n}行 二级指标">{said("level2")}</td>\n'
        f'{text("level3", "三级指标")}{"" if description else said("description")}</td>\n'
        f"{description}\n"
        f'{text("target_raw", cells["target"], "cell target")}</td>\n'
        f"{cycle}\n"
        f'{text("basis", cells["basis"])}</td>\n'
        f'<td class="live small"><span class="parsed">{escape(parsed(row.get("target_raw", "")))}</span><div class="row-findings">{findings_html(found)}</div>{said("whole")}</td>\n'
        "</tr>"
    )


@login_required
@require_POST
def check_row(request: HttpRequest, pk: int) -> JsonResponse:
    """Parse one grid row's target with the core and review the section as if the row read so."""
    section = get_section(request.user, pk, Action.VIEW)
    p = request.POST
    target = p.get("target_raw", "")
    position = whole_or_none(p.get("position"))
    stored = section.document
    parts, documents = findings.core_parts(stored)
    document = documents[[p.pk for p in parts].index(stored.pk)]
    core_section = document.sections[section.position - 1]
    row = core_indicator(TargetIndicator(**{n: p.get(n, "") for n in editing.GRID_FIELDS}))
    if position and position <= len(core_section.indicators):
        row.source = core_section.indicators[position - 1].source
        core_section.indicators[position - 1] = row
    else:
        core_section.indicators.append(row)
        position = len(core_section.indicators)
    found = [
        {"code": f.code, "severity": f.severity.value, "label": f.severity.label, "message": f.message, "suggestion": f.suggestion}
        for f in findings.review_parts(parts, documents)
        if (f.location.part, f.location.section_index) == (stored.part, section.position) and position in f.location.covered()
    ]
    return JsonResponse({"parsed": parsed_value(target), "describe": describe_value(parse_target(target)).plain, "findings": found})


def document_input(document, field_name: str) -> str:
    """The document editor's input a document-level finding's field names (JX152's 资金总额 is a
    budget line, JX184's 年度整体绩效目标 a text), or "" when no input holds it."""
    if field_name in editing.DOCUMENT_FIELDS:
        return f"doc-{field_name}"
    for prefix, labels in (
        ("budget", [label for label, _, _ in document.budget]),
        ("text", [label for label, _ in document.texts]),
        ("field", [label for label, _ in document.fields]),
    ):
        if field_name in labels and (prefix != "field" or editing.editable_field(field_name)):
            return f"{prefix}-{labels.index(field_name)}"
    return ""


def _posted_document(request: HttpRequest, document) -> editing.DocumentEdit:
    p = request.POST

    def sent(prefix: str, items) -> dict[int, str]:
        return {i: p[f"{prefix}-{i}"] for i in range(len(items)) if f"{prefix}-{i}" in p}

    return editing.DocumentEdit(
        version=whole(p.get("version"), "版本号", 0),
        values={n: p[n] for n in editing.DOCUMENT_FIELDS if n in p},
        texts=sent("text", document.texts),
        budget=sent("budget", document.budget),
        fields=sent("field", document.fields),
    )


@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The document's own fields, texts (年度整体绩效目标 …) and budget lines (资金总额, 基本支出 …)."""
    document = get_document(request.user, pk, Action.EDIT)
    if refused := _not_editable(request, document):
        return refused
    edit, errors, stale = None, {}, False
    if request.method == "POST":
        edit = _posted_document(request, document)
        done, errors, stale = _saved(request, lambda: editing.save_document_fields(request.user, document, edit),
                                     document.refresh_from_db)  # fmt: skip
        if done:
            return redirect("document_edit", pk=pk)
    at_input: dict[str, list] = defaultdict(list)
    elsewhere = []
    for finding in document.findings.filter(section=None):
        name = document_input(document, finding.field)
        (at_input[name] if name else elsewhere).append(finding)
    sent = edit or editing.DocumentEdit(document.version)  # what the form shows: what was typed, else what is stored
    values = {n: sent.values.get(n, "" if getattr(document, n) is None else str(getattr(document, n))) for n in editing.DOCUMENT_FIELDS}
    context = {
        "document": document,
        "version": document.version,  # after a conflict: the latest, so a deliberate re-save works
        "stale": stale,
        "errors": errors,
        "fields": [(name, label, values[name], errors.get(name), at_input.get(f"doc-{name}", [])) for name, label in editing.DOCUMENT_FIELDS.items()],
        "budget": [
            (i, group, label, sent.budget.get(i, raw), raw, errors.get(f"budget-{i}"), at_input.get(f"budget-{i}", []))
            for i, (label, raw, group) in enumerate(document.budget)
        ],
        "texts": [
            (i, label, sent.texts.get(i, text), text, at_input.get(f"text-{i}", []))
            for i, (label, text) in enumerate(document.texts)
        ],
        "labelled": [
            (i, label, sent.fields.get(i, text), text, at_input.get(f"field-{i}", []))
            for i, (label, text) in enumerate(document.fields)
            if editing.editable_field(label)
        ],
        "findings": elsewhere,
        "comments": document.comments.filter(section=None).select_related("author"),
        "money_unit": document.money_unit or "万元",
    }
    return render(request, "jixiao_web/document_edit.html", context)
