"""Work running in the background — a bulk import: its items and how far it has got."""

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

