"""Background jobs whose worker died or whose task failed: started again by the worker itself, or,
after ``AUTO_RUNS`` runs, marked failed with the reason — never left 排队中 or 导入中 for ever.

``jixiao worker`` calls :func:`recover` when it starts, after it restarts on a database error and
every ``JIXIAO_JOB_RECOVER_SECONDS``; a run resumes where the last one stopped (finished items are
kept, see :mod:`jixiao_web.services.jobs`)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import models
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jixiao_web.models import ExportJob, ImportBatch
from jixiao_web.services import bulk, bulk_export, jobs
from jixiao_web.services.errors import ServiceError

AUTO_RUNS = 3  # runs of one job, the first included, before it is given up as failed
KINDS = ((ImportBatch, bulk.run_batch), (ExportJob, bulk_export.run_export))
log = logging.getLogger(__name__)


def abandon(worker_id: str, error: BaseException) -> None:
    """Mark the tasks a worker was running when it stopped on ``error`` as failed with it, so their
    jobs are seen as interrupted at once (not only once their lease runs out)."""
    for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING):
        if worker_id in result.worker_ids:
            result.set_failed(error)


def reason(job: jobs.BackgroundJob) -> str:
    """Why ``job``'s last run stopped, as the page says it."""
    failed = DBTaskResult.objects.filter(id=job.task_id, status=TaskResultStatus.FAILED).values_list("traceback", flat=True).first()
    if failed:
        return f"后台任务出错（{failed.strip().splitlines()[-1]}）"
    return f"任务进程停止（超过 {settings.JIXIAO_JOB_STALL_SECONDS} 秒没有进展，可能被强制结束或所在机器重启）"


def recover() -> None:
    """Start every interrupted job again, or give it up with the reason once it has had its runs."""
    for model, task in KINDS:
        waiting = model.objects.with_task_status().filter(state__in=[model.State.QUEUED, model.State.RUNNING])
        for job in waiting.defer(*[f.name for f in model._meta.fields if isinstance(f, models.BinaryField)]):
            if not job.interrupted():
                continue
            why = reason(job)
            if job.run + 1 >= AUTO_RUNS:
                # conditional on the run read: a restart clicked meanwhile is left to go on
                model.objects.filter(pk=job.pk, run=job.run).update(
                    state=model.State.FAILED, message=f"已重新开始 {job.run} 次仍未完成，任务停止：{why}"
                )
                log.warning("%s %s given up: %s", model.__name__, job.pk, why)
                continue
            try:
                jobs.restart(job, task)
            except ServiceError:
                continue  # restarted by someone else meanwhile
            log.warning("%s %s started again (run %s): %s", model.__name__, job.pk, job.run, why)
