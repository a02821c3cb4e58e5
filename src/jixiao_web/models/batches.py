"""Work running in the background — a bulk import, a bulk export: its items and how far it has got."""

from __future__ import annotations

from django.conf import settings
from django.db import models


def tally(job: models.Model, items: models.QuerySet, waiting: str, **outcomes: str) -> dict:
    """A job's progress for its page (one query): items finished so far and how many per outcome."""
    counts = dict(items.values_list("status").annotate(n=models.Count("pk")).order_by())
    total = sum(counts.values())
    finished = total - counts.get(waiting, 0)
    return {
        "state": job.state,
        "state_label": job.get_state_display(),
        "total": total,
        "finished": finished,
        **{key: counts.get(status, 0) for key, status in outcomes.items()},
        "percent": round(100 * finished / total) if total else 100,
    }


class ImportBatch(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "导入中"
        DONE = "done", "已完成"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("jixiao_web.Organisation", on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
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


class ExportJob(models.Model):
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

    class Meta:
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

    class Meta:
        ordering = ["job", "pk"]
