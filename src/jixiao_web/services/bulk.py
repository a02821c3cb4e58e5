"""Bulk import through the task queue: each file is imported all-or-nothing on its own, so one
unreadable file does not stop the others; progress is stored per file for the page to show."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction
from django_tasks import task

from jixiao_web.models import ImportBatch, ImportFile, Organisation
from jixiao_web.services import audit, imports, jobs
from jixiao_web.services.access import Action, require
from jixiao_web.services.errors import ServiceError

MAX_FILES = 500
log = logging.getLogger(__name__)


@transaction.atomic
def start(user: AbstractBaseUser, unit: Organisation, files: Iterable[tuple[str, bytes]]) -> ImportBatch:
    """Queue the files for import into ``unit``; the worker picks the batch up after commit."""
    require(user, Action.EDIT, unit)
    files = list(files)
    if not files:
        raise ServiceError("请选择要导入的文件。")
    if len(files) > MAX_FILES:
        raise ServiceError(f"一次最多导入 {MAX_FILES} 个文件，本次选择了 {len(files)} 个。")
    limit = settings.JIXIAO_MAX_UPLOAD_BYTES
    if too_big := [name for name, data in files if len(data) > limit]:
        raise ServiceError(f"有 {len(too_big)} 个文件超过 {limit // 1048576} MB 的上限，未开始导入。", too_big)
    check_total(sum(len(data) for _, data in files))
    batch = ImportBatch.objects.create(user=user, unit=unit)
    ImportFile.objects.bulk_create([ImportFile(batch=batch, name=name[:255], data=data) for name, data in files])
    audit.log(user, "bulk_import", f"批量导入 {len(files)} 个文件到 {unit.name}（后台进行）", organisation=unit)
    jobs.enqueue(batch, run_batch)
    return batch


def check_total(size: int) -> None:
    """Refuse a batch larger in all than ``JIXIAO_MAX_BULK_BYTES``: its files are stored until the worker reads them."""
    if size > (most := settings.JIXIAO_MAX_BULK_BYTES):
        raise ServiceError(f"这批文件共 {size // 1048576} MB，超过一次 {most // 1048576} MB 的上限，未开始导入；请分几批导入。")


def restart(user: AbstractBaseUser, batch: ImportBatch) -> None:
    """Start an interrupted batch again: the files already imported or refused are left as they are."""
    require(user, Action.EDIT, batch.unit)
    jobs.restart(batch, run_batch)


@task()
def run_batch(batch_id: int, run: int = 0) -> dict | None:  # run 0: the first, and tasks queued before runs were counted
    batch = ImportBatch.objects.select_related("user", "unit").get(pk=batch_id)
    try:
        with jobs.lease(batch, run):
            _import(batch, run)
    except jobs.Superseded:
        return None  # the newer run reports
    return batch.progress()


def _import(batch: ImportBatch, run: int) -> None:
    for file in batch.files.filter(status=ImportFile.Status.WAITING):
        data = bytes(file.data)
        # Read and reviewed outside the transaction: on SQLite a write transaction holds every other
        # writer (the pages, the lease's heartbeat) back, so it holds only the writes.
        seen, refused = _read(batch, file, data)
        # The documents, the file's status and the lease check commit together: a worker killed in
        # between leaves none of them, and a run taken over by a newer one meanwhile keeps none,
        # so a restarted batch never imports a file twice.
        with transaction.atomic():
            # The same bytes already in this unit (an earlier batch, or earlier in this one) are
            # not imported twice: a clerk sending a folder again expects only its new files in.
            same = list(imports.same_file(batch.user, imports.digest(data)))
            here = [d for d in same if d.unit_id == batch.unit_id]
            if here:
                file.status, file.documents = ImportFile.Status.FAILED, [d.pk for d in here]  # linked on the page
                file.message = f"跳过：与已导入的“{here[0]}”是同一文件，未重复导入。"
            elif refused:
                file.status, file.message = ImportFile.Status.FAILED, refused
            else:
                try:
                    stored = imports.store_preview(batch.user, batch.unit, seen)
                except (ServiceError, PermissionDenied) as exc:
                    file.status, file.message = ImportFile.Status.FAILED, str(getattr(exc, "message", exc))
                except DatabaseError:
                    raise  # the database, not the file: the run stops and is resumed (services.recovery)
                except Exception:
                    file.status, file.message = ImportFile.Status.FAILED, _fault(batch, file)
                else:
                    file.status, file.documents = ImportFile.Status.IMPORTED, [d.pk for d in stored]
                    file.message = f"{len(stored)} 份目标表"
                    if elsewhere := list(dict.fromkeys(d.unit.name for d in same)):
                        file.message += f"（注意：同一文件也已导入到{'、'.join(elsewhere)}）"
                    named = dict.fromkeys(d.organisation_name for d in stored if d.organisation_name)
                    if other := [n for n in named if not imports.same_unit(batch.unit.name, n)]:  # as the preview warns
                        file.message += f"（注意：文件中的单位是“{'、'.join(other)}”，与导入单位“{batch.unit.name}”不同）"
            file.data = b""  # imported or refused: the bytes are no longer needed
            file.save(update_fields=["status", "message", "documents", "data"])
            jobs.hold(batch, run)  # last, so the job row is locked only briefly
    jobs.hold(batch, run, state=ImportBatch.State.DONE)


def _read(batch: ImportBatch, file: ImportFile, data: bytes) -> tuple[imports.Preview | None, str]:
    """What the core reads of one file, or why it is refused."""
    try:
        return imports.preview(data, file.name, batch.user), ""
    except ServiceError as exc:
        return None, exc.message
    except Exception:
        return None, _fault(batch, file)


def _fault(batch: ImportBatch, file: ImportFile) -> str:
    """A fault a file triggers in the reader or the store must not stop the files after it: logged,
    and the file refused."""
    log.exception("bulk import %s: %s", batch.pk, file.name)
    return "导入这个文件时程序出错，未导入；请把文件交给系统管理员查看。"
