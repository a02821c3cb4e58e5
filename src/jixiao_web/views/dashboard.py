"""The dashboard: my tasks by state, counts, findings by kind, and budget execution against plan."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Count, QuerySet, TextField
from django.db.models.expressions import RawSQL
from django.db.models.functions import MD5
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe

from jixiao.findings import Severity
from jixiao.model.execution import checkpoint_month
from jixiao.review.engine import RULES  # the engine's module registers every rule
from jixiao_web.models import DocState, Role, RoundState, TargetDocument, YearRound
from jixiao_web.services.access import memberships, preparing, visible_documents
from jixiao_web.services.kept import keep
from jixiao_web.services.queries import DOCUMENT_JSON
from jixiao_web.templatetags.jixiao import escape, state
from jixiao_web.views.common import link

# The states in which each role has something to do (the task list).
TASK_STATES: dict[str, tuple[DocState, ...]] = {
    Role.FILER: (DocState.DRAFT, DocState.RETURNED),
    Role.DEPT_APPROVER: (DocState.SUBMITTED,),
    Role.BUSINESS_REVIEWER: (DocState.DEPT_REVIEWED,),
    Role.PERFORMANCE: (DocState.REVIEWED, DocState.APPROVED),
    Role.AUDITOR: (),
    Role.ADMIN: (DocState.SUBMITTED, DocState.DEPT_REVIEWED, DocState.REVIEWED, DocState.APPROVED),
}

# The same for monitoring and self-evaluation rounds.
ROUND_TASK_STATES: dict[str, tuple[RoundState, ...]] = {
    Role.FILER: (RoundState.OPEN, RoundState.RETURNED),
    Role.PERFORMANCE: (RoundState.SUBMITTED,),
    Role.ADMIN: (RoundState.OPEN, RoundState.RETURNED, RoundState.SUBMITTED),
}


def execution_chart(summaries) -> dict:
    """The documents' execution summaries summed per checkpoint (in month order), in 万元 and percent."""
    planned: dict[str, Decimal] = defaultdict(Decimal)
    spent: dict[str, Decimal] = defaultdict(Decimal)
    budget = Decimal(0)
    for summary in summaries:
        if not summary.get("checkpoints"):
            continue
        budget += Decimal(summary["budget"])
        for checkpoint, plan, done in zip(summary["checkpoints"], summary["planned"], summary["spent"], strict=True):
            planned[checkpoint] += Decimal(plan)
            if done is not None:
                spent[checkpoint] += Decimal(done)
    checkpoints = sorted(planned, key=lambda c: checkpoint_month(c) or 12)
    return {
        "budget": format(budget, "f"),
        "checkpoints": checkpoints,
        "planned": [format(planned[c], "f") for c in checkpoints],
        "spent": [format(spent[c], "f") if c in spent else None for c in checkpoints],
    }


def finding_kinds(summaries, top: int = 20) -> list[tuple[str, str, int]]:
    """The documents' finding counts ({code: {severity: n}}) added up: the ``top`` most frequent
    (code, severity, n), ties by code."""
    total: dict[tuple[str, str], int] = defaultdict(int)
    for summary in summaries:
        for code, by_severity in summary.items():
            for severity, n in by_severity.items():
                total[code, severity] += n
    return sorted(((code, severity, n) for (code, severity), n in total.items()), key=lambda k: (-k[2], k[0], k[1]))[:top]


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    documents = visible_documents(request.user)
    # counted with the stamp of the rows' versions: read before the chart's data (kept_chart)
    per_state = list(documents.values_list("state").annotate(n=Count("pk"), **_versions()).order_by())
    by_state = {state: n for state, n, *_ in per_state}
    counts = [(label, value, by_state.get(value, 0)) for value, label in DocState.choices]
    # an administrator of a unit or department prepares documents and never judges them (access.preparing)
    task_states = {s for m in memberships(request.user) for s in TASK_STATES[Role.FILER if preparing(m) else m.role]}
    tasks = documents.filter(state__in=task_states).select_related("unit").defer(*DOCUMENT_JSON).order_by("state", "-updated")[:50]
    round_states = {s for m in memberships(request.user) for s in ROUND_TASK_STATES.get(m.role, ())}
    round_tasks = YearRound.objects.filter(document__in=documents, state__in=round_states).select_related("document", "document__unit")
    round_tasks = list(round_tasks.defer(*(f"document__{name}" for name in DOCUMENT_JSON))[:50])
    tasks = list(tasks)
    document_link, year_link = link("document"), link("year")
    context = {
        "counts": counts, "tasks": tasks, "round_tasks": round_tasks,
        "task_rows": _rows((document_link(d.pk), d, state(d), d.error_count) for d in tasks),
        "round_rows": _rows((year_link(r.document.pk), r.document, escape(r), escape(r.get_state_display())) for r in round_tasks),
        "chart": kept_chart(request.user, documents, per_state), "total": sum(by_state.values()),
    }  # fmt: skip
    return render(request, "jixiao_web/dashboard.html", context)


def _rows(rows) -> SafeString:
    """Task-list rows of (link, document, third cell, fourth cell), the cells' text escaped already:
    written here rather than as template loops (two thirds of the page's time), escaped as the
    template would, as the document list's rows are."""
    return mark_safe("".join(
        f'<tr><td><a href="{link}">{escape(d)}</a></td><td>{escape(d.unit.name)}</td><td>{third}</td><td>{fourth}</td></tr>'
        for link, d, third, fourth in rows
    ))  # fmt: skip


def chart(documents: QuerySet[TargetDocument]) -> dict:
    """The dashboard's charts of ``documents``: findings by kind, budget execution against plan."""
    kinds = finding_kinds(documents.values_list("finding_counts", flat=True))
    return {
        "codes": [code for code, _, _ in kinds],
        "titles": [RULES[code].title if code in RULES else "读取问题" for code, _, _ in kinds],
        "severity_labels": {s.value: s.label for s in Severity},
        "counts": [n for _, _, n in kinds],
        "severities": [severity for _, severity, _ in kinds],
        "execution": execution_chart(documents.exclude(execution={}).values_list("execution", flat=True)),
    }


def _versions() -> dict:
    """On PostgreSQL, a hash of the rows' versions to annotate a count with (see :func:`kept_chart`)."""
    if connection.vendor != "postgresql":
        return {}
    from django.contrib.postgres.aggregates import StringAgg  # needs psycopg, which SQLite installs go without

    table = TargetDocument._meta.db_table
    versions = RawSQL(f'"{table}".xmin::text || "{table}".ctid::text', (), output_field=TextField())
    return {"versions": MD5(StringAgg(versions, ","))}


def kept_chart(user, documents: QuerySet[TargetDocument], written: list[tuple]) -> dict:
    """:func:`chart`, kept while none of the documents is written (services.kept). Adding up every
    visible document's finding counts and execution summary was most of the page (601 documents:
    25–30 ms a request). ``written``: state, count and :func:`_versions` of the documents, read
    before the data; they change with any write to one of them (a review's finding counts, an
    execution summary, a new, moved or deleted document). Other databases have no row versions:
    there the chart is computed every time."""
    if connection.vendor != "postgresql":
        return chart(documents)
    # the visible set is the documents under the user's memberships (access.visible_documents)
    places = sorted({m.organisation.path for m in memberships(user)})
    return keep(("dashboard", places, sorted(written)), lambda: chart(documents))
