"""What a bureau's users said an indicator table's columns are, kept per layout."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao_web.models.org import Organisation


class ColumnRoles(models.Model):
    """A correction of column roles (which column is the target, the actual …) for one table layout,
    named by its header's signature; every later file of that layout in the bureau is read with it."""

    bureau = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="column_roles")
    signature = models.CharField(max_length=1000)
    names = models.JSONField(default=list)  # the header's cells as written, for people
    roles = models.JSONField(default=dict)  # {"3": "target", "4": "actual"}: 0-based column → role
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["bureau", "signature"], name="one_correction_per_layout")]

    def __str__(self) -> str:
        return " | ".join(self.names)
