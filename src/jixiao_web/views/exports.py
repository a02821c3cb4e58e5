"""Exports from the pages: one document in one format, and the bulk export from the document list (start it, follow it, download the zip). A job is its
starter's alone: anyone else gets 404, as for another organisation's document."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jixiao_web.models import ExportJob
from jixiao_web.services import bulk_export
from jixiao_web.services.export import EXPORTERS
from jixiao_web.services.access import get_document
from jixiao_web.services.queries import FILTERS
from jixiao_web.views.common import attempt, download, export_page_download


@login_required
def document_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """One document in one export format; a refused export goes back to the document page, saying why."""
    return export_page_download(request, get_document(request.user, pk), fmt)


@login_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    fmt = request.POST.get("fmt", "")
    job = attempt(request, lambda: bulk_export.start(request.user, request.POST, fmt), "已开始在后台导出。")
    if job:
        return redirect("export_job", pk=job.pk)
    return redirect(f"{reverse('documents')}?{urlencode({k: request.POST[k] for k in FILTERS if request.POST.get(k)})}")


def _job(request: HttpRequest, pk: int) -> ExportJob:
    return bulk_export.get_job(request.user, pk)


@login_required
def job_page(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    context = {
        "job": job,
        "exporter": EXPORTERS.get(job.fmt),
        "progress": job.progress(),
        "items": job.items.select_related("document__unit").defer("data"),  # written files wait there until zipped
        "back": urlencode(job.filters),
    }
    return render(request, "jixiao_web/export_job.html", context)


@login_required
def job_progress(request: HttpRequest, pk: int) -> JsonResponse:
    return JsonResponse(_job(request, pk).progress())


@login_required
def job_download(request: HttpRequest, pk: int) -> HttpResponse:
    return download(*bulk_export.zip_of(request.user, _job(request, pk)))


@login_required
@require_POST
def job_restart(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    attempt(request, lambda: bulk_export.restart(request.user, job), "已重新开始导出，已导出的文档不会重复导出。")
    return redirect("export_job", pk=job.pk)
