"""Running a background job (bulk import or export) through the task queue, and starting an
interrupted one again. The job's items record what is finished, so a run only does the rest.

Each run of a job holds a lease on the job row: its number in ``run`` and ``touched``, renewed by
a heartbeat while it works (also inside one long item). A restart takes over only an expired
lease, by raising ``run`` in one conditional UPDATE; every later write of the older run is checked
against its number in the same transaction, so a slow run that is in fact alive stops without
writing once a newer run has taken over, and the two never both write."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone
from django_tasks.base import Task

from jixiao_web.models.batches import BackgroundJob
from jixiao_web.services.errors import ServiceError

NOT_INTERRUPTED = "这项任务没有中断，不需要重新开始。"


class Superseded(Exception):
    """A newer run has taken the job over (or the job was deleted): this run must stop writing."""


def enqueue(job: BackgroundJob, task: Task) -> None:
    """Queue ``task`` for run ``job.run`` of ``job`` once the transaction commits, and remember which task it is."""
    run = job.run

    def send() -> None:
        type(job).objects.filter(pk=job.pk).update(task_id=task.enqueue(job.pk, run).id)

    transaction.on_commit(send)


def hold(job: BackgroundJob, run: int, **fields) -> None:
    """Renew run ``run``'s lease (and write ``fields`` to the job) or raise ``Superseded``: one
    UPDATE, so nothing can take the job over between the check and the write. Inside an item's
    transaction it makes the item's writes stand or fall with the lease."""
    if not type(job).objects.filter(pk=job.pk, run=run).update(touched=timezone.now(), **fields):
        raise Superseded


@contextmanager
def lease(job: BackgroundJob, run: int) -> Iterator[None]:
    """Start run ``run`` of ``job`` and keep its lease while the body works."""
    hold(job, run, state=job.State.RUNNING)
    stop = threading.Event()
    beat = threading.Thread(target=_heartbeat, args=(job, run, stop), name=f"lease-{job.pk}", daemon=True)
    beat.start()
    try:
        yield
    finally:
        stop.set()
        beat.join()


def _heartbeat(job: BackgroundJob, run: int, stop: threading.Event) -> None:
    # Four beats per stall period: one late beat (a busy database) does not make a live job look stuck.
    try:
        while not stop.wait(settings.JIXIAO_JOB_STALL_SECONDS / 4):
            try:
                hold(job, run)
            except Superseded:
                return  # the worker finds out at its next write
            except DatabaseError:
                pass  # SQLite is locked while an item's transaction writes: the next beat renews
    finally:
        connection.close()  # this thread's own connection


@transaction.atomic
def restart(job: BackgroundJob, task: Task) -> None:
    # Locked and read afresh, and the old run's lease taken over at once, so a second click (or a
    # second tab) finds the job queued and not interrupted: one restart, one new run. The UPDATE is
    # conditional on the run read, as SQLite ignores the lock.
    current = type(job).objects.with_task_status().select_for_update().get(pk=job.pk)
    if not current.interrupted():
        raise ServiceError(NOT_INTERRUPTED)
    taken = type(job).objects.filter(pk=job.pk, run=current.run).update(
        state=job.State.QUEUED, task_id=None, touched=timezone.now(), run=models.F("run") + 1
    )
    if not taken:
        raise ServiceError(NOT_INTERRUPTED)
    job.run = current.run + 1
    enqueue(job, task)
