"""Import: upload a file, preview what the core reads and finds, import into a chosen unit."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao_web.errors import whole
from jixiao.read.indicator_header import ROLE_NAMES
from jixiao_web.models import ImportBatch, PendingUpload
from jixiao_web.services import bulk as bulk_imports
from jixiao_web.services import imports
from jixiao_web.services.access import Action, get_unit, visible_units
from jixiao_web.services.errors import ServiceError
from jixiao_web.views.common import attempt


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    units = visible_units(request.user, Action.EDIT)
    if not units.exists():
        raise PermissionDenied("您的角色不能导入文档。")
    if request.method == "POST" and request.FILES.get("file"):
        file = request.FILES["file"]
        if file.size > settings.JIXIAO_MAX_UPLOAD_BYTES:
            messages.error(request, f"文件过大（{file.size // 1024} KB），上限为 {settings.JIXIAO_MAX_UPLOAD_BYTES // 1048576} MB。")
        else:
            PendingUpload.objects.filter(user=request.user).delete()  # one preview at a time; drop abandoned ones
            pending = PendingUpload.objects.create(user=request.user, name=file.name[:255], data=file.read())
            return redirect("import_preview", pk=pending.pk)
    return render(request, "jixiao_web/import.html", {"units": units})


def _pending(request: HttpRequest, pk: int) -> PendingUpload:
    pending = PendingUpload.objects.filter(pk=pk, user=request.user).first()
    if pending is None:
        raise Http404("没有找到这次上传：它已导入、已放弃，或已被您后来的上传替换，请重新上传。")
    return pending


@login_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    newer = PendingUpload.objects.filter(user=request.user, pk__gt=pk).only("pk", "name").first()
    if newer is not None and not PendingUpload.objects.filter(pk=pk).exists():
        # a preview in another tab replaced this one (one pending upload per user): go to that one
        messages.warning(request, f"这次上传已被您后来上传的“{newer.name}”替换（一次只保留一份待确认的上传），下面是那一份的预览。")
        return redirect("import_preview", pk=newer.pk)
    pending = _pending(request, pk)
    units = visible_units(request.user, Action.EDIT)
    if request.method == "POST" and "columns" in request.POST:
        _correct_columns(request, pending)
        return redirect("import_preview", pk=pending.pk)
    if request.method == "POST":
        unit = get_unit(request.user, whole(request.POST.get("unit"), "导入单位", 0), Action.EDIT)
        stored = attempt(
            request, lambda: imports.import_file(request.user, unit, bytes(pending.data), pending.name), f"已导入到 {unit.name}。"
        )
        if stored:
            pending.delete()
            return redirect("document", pk=stored[0].pk)
    try:
        seen = imports.preview(bytes(pending.data), pending.name, request.user)
    except ServiceError as exc:
        messages.error(request, exc.message)
        pending.delete()
        return redirect("import")
    choices = [(u, seen.fits(u)) for u in units]
    chosen = next((u for u, fits in choices if fits), choices[0][0] if choices else None)
    context = {
        "pending": pending,
        "preview": seen,
        "units": choices,
        "chosen": chosen,
        "chosen_fits": chosen is not None and seen.fits(chosen),
        # the same bytes imported before, where this user can see them (a link to each)
        "duplicates": list(imports.same_file(request.user, seen.sha256)),
        # each indicator table's columns with the role read for each, for the user to correct
        "tables": [(t.signature, [(k, name, role) for k, (name, role) in enumerate(zip(t.names, t.roles))])
                   for t in seen.tables],
        "role_choices": [("", "（不读）"), *ROLE_NAMES.items()],
        "first_rows": [i for d in seen.documents for s in d.sections for i in s.indicators][:PREVIEW_ROWS],
    }
    return render(request, "jixiao_web/import_preview.html", context)


PREVIEW_ROWS = 8  # indicators shown under the column form, to see what the roles give


def _correct_columns(request: HttpRequest, pending: PendingUpload) -> None:
    """The preview's column form: the roles chosen for one table's columns, kept for its layout."""
    seen = imports.preview(bytes(pending.data), pending.name, request.user)
    signature = request.POST.get("signature", "")
    table = next((t for t in seen.tables if t.signature == signature), None)
    if table is None:
        messages.error(request, "这张表格已不在预览中，请重新上传后再更正列。")
        return
    roles = {k: request.POST.get(f"role_{k}", "") for k in range(len(table.names))}
    attempt(request, lambda: imports.correct_columns(request.user, table, roles),
            "已按您选择的列含义重新读取；以后导入同样表头的文件也会这样读取。")


@login_required
def bulk(request: HttpRequest) -> HttpResponse:
    """Many files at once, imported in the background."""
    units = visible_units(request.user, Action.EDIT)
    if not units.exists():
        raise PermissionDenied("您的角色不能导入文档。")
    if request.method == "POST" and "columns" in request.POST:
        _correct_columns(request, pending)
        return redirect("import_preview", pk=pending.pk)
    if request.method == "POST":
        unit = get_unit(request.user, whole(request.POST.get("unit"), "导入单位", 0), Action.EDIT)
        uploads = request.FILES.getlist("files")

        def start():
            bulk_imports.check_total(sum(f.size for f in uploads))  # before any file is read into memory
            return bulk_imports.start(request.user, unit, [(f.name, f.read()) for f in uploads])

        batch = attempt(request, start, f"已开始在后台导入 {len(uploads)} 个文件。")
        if batch:
            return redirect("import_batch", pk=batch.pk)
    return render(request, "jixiao_web/import_bulk.html", {"units": units, "max_files": bulk_imports.MAX_FILES})


def _batch(request: HttpRequest, pk: int) -> ImportBatch:
    batch = ImportBatch.objects.with_task_status().filter(pk=pk, unit__in=visible_units(request.user)).select_related("unit").first()
    if batch is None:
        raise Http404("没有找到这次批量导入。")
    return batch


@login_required
def batch_page(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    return render(request, "jixiao_web/import_batch.html", {"batch": batch, "progress": batch.progress(), "files": batch.files.defer("data")})


@login_required
def batch_progress(request: HttpRequest, pk: int) -> JsonResponse:
    return JsonResponse(_batch(request, pk).progress())


@login_required
@require_POST
def batch_restart(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    attempt(request, lambda: bulk_imports.restart(request.user, batch), "已重新开始导入，已处理的文件不会重复导入。")
    return redirect("import_batch", pk=batch.pk)
