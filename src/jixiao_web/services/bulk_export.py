"""Bulk export through the task queue: the documents a user sees under the list's filters, each in
one layout, as one zip with a 清单 (manifest). The set of documents is fixed when the user asks, so
the zip holds exactly what they could export then; one document that cannot be written is reported
on its own row and the others go on."""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django_tasks import task

from jixiao.write.tables import spreadsheet_csv
from jixiao_web.models import ExportItem, ExportJob, TargetDocument
from jixiao_web.services import audit, jobs
from jixiao_web.services.access import visible_documents
from jixiao_web.services.errors import ServiceError
from jixiao_web.services.export import EXPORTERS, export
from jixiao_web.services.queries import FILTERS, find_documents

MAX_DOCUMENTS = 1000
KEEP_JOBS = 10  # a user's older ended jobs (finished, failed, interrupted) are dropped when they start a new one
MANIFEST = "清单.csv"
MANIFEST_COLUMNS = ("文件", "文档", "单位", "状态", "结果")
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')  # not allowed in file names on Windows, where the zip is opened


def file_names(documents: list[TargetDocument], fmt: str) -> list[str]:
    """单位-文档[-第N部分]-内容.ext for each document in the export format ``fmt`` (内容: what the
    file is, as 正式表样 or 审核意见表, so one document's downloads do not collide), made unique
    with （2）, （3）…"""
    exporter = EXPORTERS[fmt]
    extension, what = exporter.extension, _UNSAFE.sub("_", exporter.what)
    seen: set[str] = set()
    names = []
    for document in documents:
        parts = [document.unit.name, str(document)] + ([f"第{document.part}部分"] if document.part > 1 else [])
        stem = _UNSAFE.sub("_", "-".join(parts)).strip(" .")[:100] + f"-{what}"
        name, n = f"{stem}.{extension}", 1
        while name in seen:
            n += 1
            name = f"{stem}（{n}）.{extension}"
        seen.add(name)
        names.append(name)
    return names


@transaction.atomic
def start(user: AbstractBaseUser, filters: Mapping[str, str], fmt: str) -> ExportJob:
    """Queue the export of every document ``user`` sees under ``filters``; the worker runs it after commit."""
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise ServiceError("没有这种导出格式。")
    documents = list(find_documents(user, filters))
    if not documents:
        raise ServiceError("没有符合条件的文档，未开始导出。")
    if len(documents) > MAX_DOCUMENTS:
        raise ServiceError(f"一次最多导出 {MAX_DOCUMENTS} 份文档，符合条件的有 {len(documents)} 份，请缩小筛选范围。")
    # Interrupted jobs count as ended too, or they would pile up; a run of one that is in fact
    # alive finds its job gone at its next write and stops (services.jobs.hold).
    mine = ExportJob.objects.with_task_status().filter(user=user).only("state", "touched", "created", "task_id")
    ended = [job.pk for job in mine if job.ended()]
    ExportJob.objects.filter(pk__in=ended[KEEP_JOBS - 1 :]).delete()
    job = ExportJob.objects.create(user=user, fmt=fmt, filters={k: str(filters[k]) for k in FILTERS if filters.get(k)})
    names = file_names(documents, fmt)
    ExportItem.objects.bulk_create([ExportItem(job=job, document=d, name=n) for d, n in zip(documents, names, strict=True)])
    jobs.enqueue(job, run_export)
    return job


def restart(user: AbstractBaseUser, job: ExportJob) -> None:
    """Start an interrupted export again: documents already written are not written again."""
    if job.user_id != user.pk:
        raise ServiceError("只能重新开始自己的导出。")
    jobs.restart(job, run_export)


def _write(item: ExportItem, fmt: str) -> None:
    if item.document is None:
        item.status, item.message = ExportItem.Status.FAILED, "该文档在导出开始前已被删除。"
        return
    if refused := EXPORTERS[fmt].refusal(item.document):  # a draft has no monitoring report or self-evaluation
        item.status, item.message = ExportItem.Status.FAILED, refused
        return
    try:
        content = export([item.document], fmt)[2]
    except Exception as exc:  # noqa: BLE001 — whatever the writer trips over concerns this document only
        logging.getLogger(__name__).exception("bulk export: document %s", item.document_id)
        item.status, item.message = ExportItem.Status.FAILED, f"无法导出为“{EXPORTERS[fmt].label}”：{exc}"
    else:
        item.status, item.message, item.data = ExportItem.Status.EXPORTED, "", content


def manifest(items: list[ExportItem]) -> bytes:
    rows = [
        {
            "文件": item.name if item.status == ExportItem.Status.EXPORTED else "",
            "文档": str(item.document) if item.document else "",
            "单位": item.document.unit.name if item.document else "",
            "状态": item.document.get_state_display() if item.document else "",
            "结果": item.get_status_display() + (f"：{item.message}" if item.message else ""),
        }
        for item in items
    ]
    return spreadsheet_csv(rows, MANIFEST_COLUMNS)


@task()
def run_export(job_id: int, run: int = 0) -> dict | None:  # run 0: the first, and tasks queued before runs were counted
    job = ExportJob.objects.get(pk=job_id)
    try:
        with jobs.lease(job, run):
            _zip(job, run)
    except jobs.Superseded:
        return None  # the newer run reports
    job.refresh_from_db(fields=["state"])
    return job.progress()


def _zip(job: ExportJob, run: int) -> None:
    items = list(job.items.select_related("document", "document__unit").defer("data"))
    buffer = io.BytesIO()
    try:
        for item in items:
            if item.status == ExportItem.Status.WAITING:  # a restarted job skips what an earlier run wrote
                _write(item, job.fmt)
                with transaction.atomic():  # committed at once (the page shows n of N), if this run still holds the job
                    jobs.hold(job, run)
                    item.save(update_fields=["status", "message", "data"])
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in job.items.filter(status=ExportItem.Status.EXPORTED).values_list("name", "data").iterator():
                archive.writestr(name, bytes(content))
            archive.writestr(MANIFEST, manifest(items))
    except jobs.Superseded:
        raise  # not a failure: the job is the newer run's now
    except Exception:
        # Nothing half-written stays behind; the page says the job failed and the worker logs why.
        jobs.hold(job, run, state=ExportJob.State.FAILED, data=b"", message="导出中断，请重新导出。")
        raise
    with transaction.atomic():
        jobs.hold(job, run, state=ExportJob.State.DONE, data=buffer.getvalue())
        job.items.update(data=b"")  # in the zip now


def get_job(user: AbstractBaseUser, pk: int) -> ExportJob:
    """``user``'s own job (with its task's status; the zip left unread); anyone else's is not found."""
    job = ExportJob.objects.with_task_status().filter(pk=pk, user=user).defer("data").first()
    if job is None:
        raise Http404("没有找到这次导出。")
    return job


def zip_of(user: AbstractBaseUser, job: ExportJob) -> tuple[str, str, bytes]:
    """(file name, mimetype, content) of a finished job's zip, as views.common.download takes them.
    Each download is recorded in the history of every document in the zip."""
    if job.state != ExportJob.State.DONE:
        raise Http404("这次导出还没有完成。")
    data = ExportJob.objects.values_list("data", flat=True).get(pk=job.pk)
    name = zip_name(job)
    taken = job.items.filter(status=ExportItem.Status.EXPORTED).exclude(document=None).values_list("document_id", "document__unit_id")
    # The zip was written under the roles the user held then: it is theirs only while they still
    # see every document in it (a revoked grant takes the download away too).
    seen = set(visible_documents(user).filter(pk__in=[d for d, _ in taken]).values_list("pk", flat=True))
    if lost := [d for d, _ in taken if d not in seen]:
        raise PermissionDenied(f"这次导出中有 {len(lost)} 份文档您已无权查看（授权已变更），不能再下载；请重新导出。")
    audit.exported(user, list(taken), f"批量导出为“{EXPORTERS[job.fmt].label}”：{name}（共 {len(taken)} 份）", audit.BULK_EXPORT)
    return name, "application/zip", bytes(data)


def zip_name(job: ExportJob) -> str:
    return f"目标表-{EXPORTERS[job.fmt].label}-{timezone.localtime(job.created):%Y%m%d-%H%M}.zip"
