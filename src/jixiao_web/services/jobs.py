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
    type(job).objects.filter(pk=job.pk).update(state="running", touched=timezone.now())


def touch(job: BackgroundJob) -> None:
    """One item finished: the job is still getting on."""
    type(job).objects.filter(pk=job.pk).update(touched=timezone.now())


@transaction.atomic
def restart(job: BackgroundJob, task: Task) -> None:
    if not job.interrupted():
        raise ServiceError("这项任务没有中断，不需要重新开始。")
    type(job).objects.filter(pk=job.pk).update(state="queued", touched=timezone.now())
    enqueue(job, task)
