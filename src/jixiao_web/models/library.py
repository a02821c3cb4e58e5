"""What the indicator library learned from each stored document (the core's observations)."""

from __future__ import annotations

from django.db import models

from jixiao_web.models.documents import TargetDocument


class LearnedDocument(models.Model):
    """One document's indicator rows as the core's library observes them, rewritten whenever the
    document is reviewed again (import, save): the library is these plus the shipped samples."""

    document = models.OneToOneField(TargetDocument, on_delete=models.CASCADE, related_name="learned")
    label = models.CharField(max_length=500)
    observations = models.JSONField(default=list)  # jixiao.library.store.Observation fields, as dicts
    updated = models.DateTimeField(auto_now=True, db_index=True)

    def __str__(self) -> str:
        return self.label
