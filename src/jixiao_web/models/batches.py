"""Work running in the background — a bulk import, a bulk export: its items and how far it has got."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

INTERRUPTED, INTERRUPTED_LABEL = "interrupted", "中断"


class JobQuerySet(models.QuerySet):
    def with_task_status(self) -> JobQuerySet:
        """Each job with its task's status in the same query, so a page can tell an interrupted job apart."""
        return self.annotate(task_status=models.Subquery(DBTaskResult.objects.filter(id=models.OuterRef("task_id")).values("status")[:1]))


class BackgroundJob(models.Model):
    """What a bulk import and a bulk export share: the task that runs it and when it last got on.

    A worker stopped by a signal marks its task failed; one killed outright leaves it "running"
    for ever. Either way the job itself still says queued or running, so it is shown as 中断 (and
    may be started again) when its task has ended without finishing it, or its run's lease has
    not been renewed for ``JIXIAO_JOB_STALL_SECONDS`` (services.jobs: a live run renews it even
    while one slow file takes longer than that)."""

    task_id = models.UUIDField(null=True, blank=True)  # django_tasks_db's result of the latest run
    touched = models.DateTimeField(null=True, blank=True)  # the lease: last renewed by the running run
    run = models.PositiveIntegerField(default=0)  # which run holds the lease; a restart raises it

    objects = JobQuerySet.as_manager()

    class Meta:
        abstract = True

    def interrupted(self) -> bool:
        if self.state not in (self.State.QUEUED, self.State.RUNNING):  # each job's State has these two
            return False
        if not hasattr(self, "task_status"):
            self.task_status = DBTaskResult.objects.filter(id=self.task_id).values_list("status", flat=True).first()
        if self.task_status in (TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL):
            return True
        if self.task_status == TaskResultStatus.READY:
            return False  # waiting for a worker: not stuck, the page says a worker is needed
        stall = timedelta(seconds=settings.JIXIAO_JOB_STALL_SECONDS)
        return (self.touched or self.created) < timezone.now() - stall

    def ended(self) -> bool:
        """Finished, failed or interrupted: nothing is working on it any more."""
        return self.state not in (self.State.QUEUED, self.State.RUNNING) or self.interrupted()


def tally(job: BackgroundJob, items: models.QuerySet, waiting: str, **outcomes: str) -> dict:
    """A job's progress for its page (one query): items finished so far and how many per outcome."""
    counts = dict(items.values_list("status").annotate(n=models.Count("pk")).order_by())
    total = sum(counts.values())
    finished = total - counts.get(waiting, 0)
    interrupted = job.interrupted()
    return {
        "state": INTERRUPTED if interrupted else job.state,
        "state_label": INTERRUPTED_LABEL if interrupted else job.get_state_display(),
        "total": total,
        "finished": finished,
        **{key: counts.get(status, 0) for key, status in outcomes.items()},
        "percent": round(100 * finished / total) if total else 100,
    }


class ImportBatch(BackgroundJob):
    class State(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "导入中"
        DONE = "done", "已完成"
        FAILED = "failed", "导入失败"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("jixiao_web.Organisation", on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    message = models.TextField(blank=True)  # why the batch stopped (services.recovery)
    created = models.DateTimeField(auto_now_add=True)

    def progress(self) -> dict:
        return tally(self, self.files, ImportFile.Status.WAITING, imported=ImportFile.Status.IMPORTED, failed=ImportFile.Status.FAILED)


class ImportFile(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", "等待"
        IMPORTED = "imported", "已导入"
        FAILED = "failed", "未导入"

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=255)
    data = models.BinaryField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.WAITING)
    message = models.TextField(blank=True)
    documents = models.JSONField(default=list, blank=True)  # ids of the documents it became

    class Meta:
        ordering = ["batch", "pk"]


class ExportJob(BackgroundJob):
    """Many documents exported in one layout into one zip.

    The finished zip is kept in the database, not in a file under the data folder: the web process
    and the worker share only the database (in production they may run on different machines),
    it works the same on SQLite and PostgreSQL, goes into the database backup, and a deleted or
    failed job leaves no file behind."""

    class State(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "导出中"
        DONE = "done", "已完成"
        FAILED = "failed", "导出失败"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    fmt = models.CharField(max_length=32)  # an identifier in services.export.EXPORTERS
    filters = models.JSONField(default=dict, blank=True)  # the document list's filters when it was started
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    message = models.TextField(blank=True)  # why the whole job failed
    data = models.BinaryField(blank=True)  # the zip, once done
    created = models.DateTimeField(auto_now_add=True)

    class Meta(BackgroundJob.Meta):
        ordering = ["-created", "-pk"]

    def progress(self) -> dict:
        return tally(self, self.items, ExportItem.Status.WAITING, exported=ExportItem.Status.EXPORTED, failed=ExportItem.Status.FAILED)


class ExportItem(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", "等待"
        EXPORTED = "exported", "已导出"
        FAILED = "failed", "未导出"

    job = models.ForeignKey(ExportJob, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey("jixiao_web.TargetDocument", on_delete=models.SET_NULL, null=True, related_name="+")
    name = models.CharField(max_length=255)  # the file's name in the zip
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.WAITING)
    message = models.TextField(blank=True)
    data = models.BinaryField(blank=True)  # the written file until it is in the zip: a restarted job does not write it again

    class Meta:
        ordering = ["job", "pk"]
