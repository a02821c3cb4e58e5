"""Running a background job (bulk import or export) through the task queue, and starting an
interrupted one again. The job's items record what is finished, so a run only does the rest."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tasks.base import Task

from jixiao_web.models.batches import BackgroundJob
from jixiao_web.services.errors import ServiceError


def enqueue(job: BackgroundJob, task: Task) -> None:
    """Queue ``task`` for ``job`` once the transaction commits, and remember which run it is."""

    def send() -> None:
        type(job).objects.filter(pk=job.pk).update(task_id=task.enqueue(job.pk).id)

    transaction.on_commit(send)


def begin(job: BackgroundJob) -> None:
    type(job).objects.filter(pk=job.pk).update(state=job.State.RUNNING, touched=timezone.now())


def touch(job: BackgroundJob) -> None:
    """One item finished: the job is still getting on."""
    type(job).objects.filter(pk=job.pk).update(touched=timezone.now())


@transaction.atomic
def restart(job: BackgroundJob, task: Task) -> None:
    # Locked and read afresh, and the old run forgotten at once, so a second click (or a second
    # tab) finds the job queued and not interrupted: one restart, one new run.
    current = type(job).objects.with_task_status().select_for_update().get(pk=job.pk)
    if not current.interrupted():
        raise ServiceError("这项任务没有中断，不需要重新开始。")
    type(job).objects.filter(pk=job.pk).update(state=job.State.QUEUED, task_id=None, touched=timezone.now())
    enqueue(job, task)
