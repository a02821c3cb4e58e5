"""Finance bureau → departments → units, and who holds which role where."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class OrgKind(models.TextChoices):
    BUREAU = "bureau", "财政局"
    DEPARTMENT = "department", "主管部门"
    UNIT = "unit", "预算单位"


class Role(models.TextChoices):
    FILER = "filer", "单位填报"
    DEPT_APPROVER = "dept_approver", "主管部门审核"
    BUSINESS_REVIEWER = "business_reviewer", "财政业务股室"
    PERFORMANCE = "performance", "财政绩效股"
    AUDITOR = "auditor", "只读审计"
    ADMIN = "admin", "管理员"


class Organisation(models.Model):
    """A node of the tree. ``path`` (``/1/4/9/``) makes "this node and everything below" one
    indexed prefix query, which every access check uses."""

    kind = models.CharField(max_length=16, choices=OrgKind.choices)
    name = models.CharField(max_length=200)
    code = models.CharField(max_length=32, blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")

    class Meta:
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        if path != self.path:
            self.path = path
            type(self).objects.filter(pk=self.pk).update(path=path)

    @property
    def depth(self) -> int:
        """0 for a bureau, 1 for its departments, 2 for their units (from ``path``, no query)."""
        return max(self.path.count("/") - 2, 0)

    def bureau(self) -> "Organisation":
        node = self
        while node.parent is not None:
            node = node.parent
        return node


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=32, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation", "role"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"
