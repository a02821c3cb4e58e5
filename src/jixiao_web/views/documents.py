"""Document list, document view with findings and comments on their cells, workflow actions,
history, publication view and export."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.middleware.csrf import get_token
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.views.decorators.http import require_POST

from jixiao.findings import Severity, field_label, row_numbers
from jixiao_web.errors import whole
from jixiao_web.models import DocState, StoredFinding, TargetIndicator, TargetSection
from jixiao_web.models.documents import ROW_CELLS, SECTION_CELLS
from jixiao_web.services import audit, editing, rounds, workflow
from jixiao_web.services.errors import ServiceError
from jixiao_web.services.access import Action, can, get_document, visible_documents, visible_units
from jixiao_web.services.export import EXPORTERS, YEAR_STATES
from jixiao_web.services.queries import DOCUMENT_JSON, INDICATOR_JSON, find_documents
from jixiao_web.services.store import sections_with_indicators
from jixiao_web.templatetags.jixiao import comment_form_html, comments as comments_html, escape, findings as findings_html, parsed, state
from jixiao_web.views import editor
from jixiao_web.views.common import CountingPaginator, attempt, link

PAGE_SIZE = 50


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    f = request.GET
    documents = rounds.with_current_round(find_documents(request.user, f)).defer(*DOCUMENT_JSON)
    page = CountingPaginator(documents, PAGE_SIZE).get_page(f.get("page"))
    years = visible_documents(request.user).exclude(year=None).values_list("year", flat=True).distinct().order_by("-year")
    units = visible_units(request.user).values_list("pk", "name")
    context = {
        "page": page,
        "rows": mark_safe("".join(map(partial(_list_row, link("document"), link("year")), page))),
        "years": _choices(((y, y) for y in years), f.get("year", "")),
        "units": _choices(units, f.get("unit", "")),
        "states": _choices(DocState.choices, f.get("state", "")),
        "filters": f,
        "exporters": EXPORTERS.values(),
        "query": "&".join(f"{k}={quote(v)}" for k, v in f.items() if k != "page" and v),
    }
    return render(request, "jixiao_web/document_list.html", context)


def _choices(pairs, chosen: str) -> str:
    """A filter's options, the one ``chosen`` selected; escaped as ``format_html_join`` would, at a
    fraction of its cost (a bureau's hundred units are on every list page)."""
    return mark_safe("".join(f'<option value="{escape(v)}"{" selected" if str(v) == chosen else ""}>{escape(label)}</option>' for v, label in pairs))


def _list_row(document_link, year_link, doc) -> str:
    """A row of the document list, written here rather than as a template loop (most of the page's time)."""
    r = rounds.current_of(doc)
    current = (
        f'<a href="{year_link(doc.pk)}">{escape(r)}</a> <span class="state state-{escape(r.state)}">{escape(r.get_state_display())}</span>'
        if r
        else '<span class="muted">—</span>'
    )
    return (
        f'<tr><td><a href="{document_link(doc.pk)}">{escape(doc)}</a><div class="muted small">{escape(doc.source_file)} 第{doc.part}部分</div></td>\n'
        f"<td>{escape(doc.unit.name)}</td><td>{doc.year or '—'}</td><td>{state(doc)}</td>\n<td>{current}</td>\n"
        f'<td class="{"sev-error" if doc.error_count else ""}">{doc.error_count}</td><td>{doc.warning_count}</td>'
        f'<td>{template_localtime(doc.updated).strftime("%Y-%m-%d %H:%M")}</td></tr>\n'  # the template's date:"Y-m-d H:i", a quarter of its cost
    )


def _by_cell(items) -> dict[int | None, dict[int | None, list]]:
    grouped: dict = defaultdict(lambda: defaultdict(list))
    for item in items:
        grouped[item.section_id][item.row_no].append(item)
    return grouped


def _flat(groups) -> list:
    return [item for group in groups.values() for item in group]


# What a section's purpose is called in its kind of table
PURPOSE_LABELS = {"function": "职责", "activity": "内容描述", "department": "部门职责"}


def _labelled(fields) -> list[tuple[str, str]]:
    """The labelled texts a reader kept as written (``绩效指标``, ``支出方向`` …), those with content;
    its own notes under ASCII keys (``label``, ``table_title``) are the reader's, not the table's."""
    return [(label, text) for label, text in fields if text.strip() and not label.isascii()]


def section_texts(section) -> list[tuple[str, str]]:
    """Every stored text of a section that has content, as the findings quote them (JX145 the goal
    against the duty, JX183 a word in the function's 绩效指标 list)."""
    texts = [(PURPOSE_LABELS.get(section.kind, "资金用途 / 主要内容"), section.purpose), ("绩效目标", section.goal)]
    return [(label, text) for label, text in texts if text.strip()] + _labelled(section.fields)


# where each indicator cell is kept, by the core's field name (Comment.field, Location.field)
CELL_ATTRS = {"target": "target_raw", "cycle_target": "cycle_target_raw"}


def _cells(document, page: list[TargetSection], columns: dict[str, str], form: Callable[[int, int], str]) -> tuple[list[dict], list, list]:
    """The ``page``'s sections with their indicator rows rendered (each with the findings and
    comments aimed at it, its ``columns`` — the document's: no 指标描述 column where no row has one —
    and the comment ``form`` of section pk and row, "" when the user may not comment); then what is
    aimed at the document as a whole."""
    here = Q(section__in=page) | Q(section=None)
    findings = _by_cell(document.findings.filter(here))
    comments = _by_cell(document.comments.filter(here).select_related("author"))
    # the rows show the indicators' texts: their JSON (grades, source, the parsed target) is not read
    prefetch_related_objects(page, Prefetch("indicators", TargetIndicator.objects.order_by("position").defer(*INDICATOR_JSON)))
    out = []
    for section in page:
        f_rows, c_rows = findings.pop(section.pk, {}), comments.pop(section.pk, {})
        # A finding is listed under its first row; every row it covers (JX175: rows 1–9) is marked.
        marked = {n for group in f_rows.values() for f in group for n in f.covered}
        rows = [
            _row(section.pk, i, columns, f_rows.pop(i.position, []), c_rows.pop(i.position, []), i.position in marked, form)
            for i in section.indicators.all()
        ]
        out.append({"section": section, "texts": section_texts(section), "rows": mark_safe("".join(rows)), "findings": _flat(f_rows), "comments": _flat(c_rows)})
    rest_f = [f for rows in findings.values() for f in _flat(rows)]
    rest_c = [c for rows in comments.values() for c in _flat(rows)]
    return out, rest_f, rest_c


def _row(section_pk: int, i: TargetIndicator, columns: dict[str, str], found: list, said: list, marked: bool, form) -> str:
    """An indicator row of the document page and, below it, its findings, comments and comment form.
    Written here rather than as a template loop: the page's 80 rows were most of its time."""
    commented = {c.field for c in said}  # the cells the grid marks
    cells = []
    for name in columns:
        raw = getattr(i, CELL_ATTRS.get(name, name))
        note = " has-comment" if name in commented else ""
        css = f' class="small{note}"' if name in ("basis", "description") else (f' class="{note[1:]}"' if note else "")
        cells.append(f"<td{css}>{escape(raw)}</td>")
        if name == "target":
            cells.append(f'<td class="small">{escape(parsed(raw))}</td>')
    row = f'<tr class="{"has-finding" if marked else ""}"><td>{i.position}</td>\n    {"".join(cells)}</tr>\n'
    form_html = form(section_pk, i.position)
    if found or said or form_html:
        row += (
            f'<tr class="notes" data-row="{i.position}" id="section-{section_pk}-row-{i.position}"><td></td><td colspan="{len(columns) + 1}">\n'
            f"    {findings_html(found)}{comments_html(said)}\n    {form_html}</td></tr>\n"
        )
    return row


# A long document (seed 002: 36 projects, 700 KB of HTML in one piece) is shown a page of whole
# sections at a time under a table of contents of all of them. A page closes once it holds about
# this many rows, a section's heading and texts counting as two.
PAGE_ROWS = 80


def _per_section(model, where: Q = Q()) -> Coalesce:
    """How many ``model`` rows of the section ``where`` holds, as a subquery (one index look-up per section)."""
    rows = model.objects.filter(where, section=OuterRef("pk")).order_by().values("section").annotate(n=Count("pk"))
    return Coalesce(Subquery(rows.values("n")), 0)


def section_pages(document) -> list[list[TargetSection]]:
    """The document's sections cut into pages, each with its indicator count (``rows``) and its
    error and warning counts for the table of contents, in one query."""
    sections = document.sections.annotate(
        rows=_per_section(TargetIndicator),
        described=_per_section(TargetIndicator, ~Q(description="")),
        cycled=_per_section(TargetIndicator, ~Q(cycle_target_raw="")),
        errors=_per_section(StoredFinding, Q(severity=Severity.ERROR)),
        warnings=_per_section(StoredFinding, Q(severity=Severity.WARNING)),
    )
    pages: list[list[TargetSection]] = [[]]
    weight = 0
    for section in sections:
        if pages[-1] and weight + section.rows + 2 > PAGE_ROWS:
            pages.append([])
            weight = 0
        pages[-1].append(section)
        weight += section.rows + 2
    return pages


def _contents(pages: list[list[TargetSection]], number: int, money_unit: str) -> str:
    """The table of contents: every section with its page, indicator count, amount, errors and
    warnings, the page shown marked (written here, as the rows are)."""
    out = []
    for n, page in enumerate(pages, 1):
        here = ' class="here"' if n == number else ""
        for t in page:
            amount = f" · {escape(t.amount_total)}{escape(money_unit)}" if t.amount_total else ""
            errors = f' <span class="sev-error small">错误 {t.errors}</span>' if t.errors else ""
            warnings = f' <span class="sev-warning small">警告 {t.warnings}</span>' if t.warnings else ""
            out.append(
                f'<li{here}><a href="?page={n}#section-{t.pk}" data-section="{t.pk}">{escape(t)}</a>\n'
                f'  <span class="muted small">第{n}页 · {t.rows} 项指标{amount}</span>{errors}{warnings}</li>'
            )
    return mark_safe("".join(out))


def page_of(pages: list[list[TargetSection]], section_pk: int) -> int:
    return next((n for n, page in enumerate(pages, 1) if any(s.pk == section_pk for s in page)), 1)


def section_link(document, section_pk: int, pages: list[list[TargetSection]] | None = None) -> str:
    """The document page that shows this section, at the section."""
    number = page_of(pages if pages is not None else section_pages(document), section_pk)
    return reverse("document", kwargs={"pk": document.pk}) + (f"?page={number}" if number > 1 else "") + f"#section-{section_pk}"


def _options(cells: dict[str, str]) -> str:
    return format_html_join("", '<option value="{}">{}</option>', cells.items())


def _page_number(request: HttpRequest, count: int) -> int:
    asked = request.GET.get("page", "")
    return min(int(asked), count) if asked.isdigit() and int(asked) > 0 else 1


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document(request.user, pk)
    pages = section_pages(document)
    number = _page_number(request, len(pages))
    # the document's columns: counts of rows with a description or a cycle target say as much as the rows
    columns = editing.cells_of((s.described, s.cycled) for page in pages for s in page)
    can_edit = document.state in editing.EDITABLE_STATES and can(request.user, Action.EDIT, document.unit)
    can_comment = can(request.user, Action.COMMENT, document.unit)
    comment_url, row_options = reverse("comment", kwargs={"pk": document.pk}), _options(columns)
    token = get_token(request)  # one token for every form of the page, as {% csrf_token %} does

    def form(section_pk: int, row: int) -> str:
        return comment_form_html(token, comment_url, section_pk, row, row_options) if can_comment else ""

    sections, doc_findings, doc_comments = _cells(document, pages[number - 1], columns, form)
    refused = request.session.pop(REFUSED, None) == document.pk
    context = {
        "document": document,
        "sections": sections,
        "pages": pages if len(pages) > 1 else [],
        "contents": _contents(pages, number, document.money_unit) if len(pages) > 1 else "",
        "page_number": number,
        "doc_findings": doc_findings,
        "doc_comments": doc_comments,
        "doc_texts": [(label, text) for label, text in document.texts if text.strip()] + _labelled(document.fields),
        "budget": [(group, label, raw, not raw.endswith("元")) for label, raw, group in document.budget],
        "transitions": workflow.available(request.user, document),
        "can_edit": can_edit,
        "blocking": blocking(document, can_edit, pages) if refused else [],
        "can_comment": can_comment,
        "row_cells": columns,
        "comment_url": comment_url,
        "section_options": _options(SECTION_CELLS),
        "exporters": [e for e in EXPORTERS.values() if e.offered(document)],
        "year_open": document.state in YEAR_STATES,
    }
    return render(request, "jixiao_web/document_detail.html", context)


@login_required
@require_POST
def transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    step = workflow.STEPS.get(action)
    if step is None:
        raise Http404("没有这个操作。")
    document = get_document(request.user, pk, step.action)
    if action == workflow.SUBMIT.action.value:
        try:
            workflow.submit(request.user, document)
        except ServiceError as exc:
            # the page lists the blocking errors by section, row and field, each linked to its editor row
            messages.error(request, exc.message)
            request.session[REFUSED] = document.pk
        else:
            messages.success(request, f"已{step.label}。")
        return redirect("document", pk=pk)
    attempt(request, lambda: workflow.perform(request.user, document, action, request.POST.get("comment", "")), f"已{step.label}。")
    return redirect("document", pk=pk)


REFUSED = "jixiao_submit_refused"  # session key: the document whose submission was just refused


def blocking(document, editable: bool, pages: list[list[TargetSection]]) -> list[dict]:
    """The error-level findings that stop a submission, each with where a clerk fixes it: section,
    indicator row and field by name (not the source file's table and line), and a link there."""
    out = []
    for f in document.findings.filter(severity=Severity.ERROR).select_related("section").order_by("pk"):
        rows = f.covered
        if f.section is None:
            # a document-level error (JX152 资金总额) is fixed at its input of the document editor
            at = editor.document_input(document, f.field)
            if editable and at:
                href = reverse("document_edit", kwargs={"pk": document.pk}) + f"#{at}"
            else:
                href = reverse("document", kwargs={"pk": document.pk}) + ("#document-budget" if at.startswith("budget") else "#document-texts")
        elif editable:
            href = reverse("section_edit", kwargs={"pk": f.section.pk}) + (f"#row-{rows[0]}" if rows else "")
        else:
            href = section_link(document, f.section.pk, pages) + (f"-row-{rows[0]}" if rows else "")
        out.append(
            {
                "finding": f,
                "section": str(f.section) if f.section else "全文",
                "rows": f"指标第{row_numbers(rows)}行" if rows else "",
                "field": field_label(f.field),
                "link": href,
            }
        )
    return out


@login_required
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document(request.user, pk, Action.COMMENT)
    section = None
    if request.POST.get("section"):
        section = TargetSection.objects.filter(pk=whole(request.POST["section"], "章节"), document=document).first()
    row = request.POST.get("row", "")
    attempt(
        request,
        lambda: editing.add_comment(
            request.user, document, request.POST.get("text", ""), section, whole(row, "指标行") if row else None,
            request.POST.get("field", ""),
        ),
        "意见已保存。",
    )  # fmt: skip
    # back to where the reviewer was: a long document would otherwise reload at its top
    if section is None:
        return redirect("document", pk=pk)
    return redirect(section_link(document, section.pk) + (f"-row-{row}" if row.isdigit() else ""))


# The names a history row gives a changed field, as the pages label it: an indicator's cells as the
# page's columns (ROW_CELLS, by the core's field name), the rest of the section editor's inputs
# (services.editing) and an indicator's execution data (services.actuals).
CHANGE_LABELS = {
    "purpose": "资金用途/主要内容", "amount_total": "金额合计", "amount_fiscal": "其中财政资金", "amount_other": "其他资金",
    "reached": "完成值", "expected": "预计年底完成值", "likelihood": "能否完成", "reason": "偏差原因",
    "action": "纠偏措施", "weight": "分值", "evidence": "佐证材料",
}  # fmt: skip
_ROW_KEY = re.compile(r"指标(\d+)\.(\w+)")


_CELL_FIELDS = {attr: name for name, attr in CELL_ATTRS.items()}  # target_raw → target


def _change_name(key: str) -> str:
    return CHANGE_LABELS.get(key) or ROW_CELLS.get(_CELL_FIELDS.get(key, key)) or field_label(key)


def change_label(key: str) -> str:
    """``指标第9行 指标值`` for the stored key ``指标9.target_raw``; ``绩效目标`` for ``goal``."""
    if match := _ROW_KEY.fullmatch(key):
        return f"指标第{match[1]}行 {_change_name(match[2])}"
    return _change_name(key)


@login_required
def history(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document(request.user, pk)
    entries = [(e, [(change_label(k), b, a) for k, b, a in audit.diff(e)]) for e in document.audit.select_related("actor")]
    return render(request, "jixiao_web/history.html", {"document": document, "entries": entries})


@login_required
def publication(request: HttpRequest, pk: int) -> HttpResponse:
    """The approved tables as the public sees them: no findings, no comments, no drafts."""
    document = get_document(request.user, pk)
    if document.state not in (DocState.APPROVED, DocState.PUBLISHED):
        raise Http404("只有已批复或已公开的文档有公开视图。")
    return render(request, "jixiao_web/publication.html", {"document": document, "sections": sections_with_indicators(document)})
