"""The dashboard: my tasks by state, counts, and findings by kind."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jixiao_web.models import DocState, Role, StoredFinding
from jixiao_web.services.access import memberships, visible_documents

# The states in which each role has something to do (the task list).
TASK_STATES: dict[str, tuple[DocState, ...]] = {
    Role.FILER: (DocState.DRAFT, DocState.RETURNED),
    Role.DEPT_APPROVER: (DocState.SUBMITTED,),
    Role.BUSINESS_REVIEWER: (DocState.SUBMITTED,),
    Role.PERFORMANCE: (DocState.REVIEWED, DocState.APPROVED),
    Role.AUDITOR: (),
    Role.ADMIN: (DocState.SUBMITTED, DocState.REVIEWED, DocState.APPROVED),
}


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    documents = visible_documents(request.user)
    by_state = dict(documents.values_list("state").annotate(n=Count("pk")).order_by())
    counts = [(label, value, by_state.get(value, 0)) for value, label in DocState.choices]
    task_states = {s for m in memberships(request.user) for s in TASK_STATES[m.role]}
    tasks = documents.filter(state__in=task_states).select_related("unit").order_by("state", "-updated")[:50]
    kinds = (
        StoredFinding.objects.filter(document__in=documents)
        .values("code", "severity")
        .annotate(n=Count("pk"))
        .order_by("-n")[:20]
    )
    chart = {
        "codes": [k["code"] for k in kinds],
        "counts": [k["n"] for k in kinds],
        "severities": [k["severity"] for k in kinds],
    }
    return render(
        request,
        "jixiao_web/dashboard.html",
        {"counts": counts, "tasks": tasks, "chart": chart, "total": sum(by_state.values())},
    )
