"""The year after publication: monitoring and self-evaluation rounds, and the actuals entered in them.

Actuals are stored as written (the core parses them when it monitors or scores); one row per
section and per indicator holds every checkpoint, so a later round sees what earlier rounds entered.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class RoundKind(models.TextChoices):
    MONITOR = "monitor", "运行监控"
    EVALUATION = "evaluation", "单位自评"


class RoundState(models.TextChoices):
    OPEN = "open", "填报中"
    SUBMITTED = "submitted", "已报送"
    RETURNED = "returned", "已退回"
    ACCEPTED = "accepted", "已确认"


class YearRound(models.Model):
    """One monitoring round at a checkpoint (6月底) or the year-end self-evaluation of a document."""

    document = models.ForeignKey("jixiao_web.TargetDocument", on_delete=models.CASCADE, related_name="rounds")
    kind = models.CharField(max_length=16, choices=RoundKind.choices)
    checkpoint = models.CharField(max_length=16)  # 监控时点; 12月底 for the self-evaluation
    state = models.CharField(max_length=16, choices=RoundState.choices, default=RoundState.OPEN, db_index=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "-created", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.checkpoint}）"

    @property
    def editable(self) -> bool:
        return self.state in (RoundState.OPEN, RoundState.RETURNED)


class SectionActual(models.Model):
    section = models.OneToOneField("jixiao_web.TargetSection", on_delete=models.CASCADE, related_name="actual")
    version = models.PositiveIntegerField(default=1)
    adjusted_budget = models.CharField(max_length=64, blank=True)
    spent = models.JSONField(default=dict, blank=True)  # checkpoint → cumulative amount spent, as written


class IndicatorActual(models.Model):
    indicator = models.OneToOneField("jixiao_web.TargetIndicator", on_delete=models.CASCADE, related_name="actual")
    reached = models.JSONField(default=dict, blank=True)  # checkpoint → value reached, as written
    actual = models.CharField(max_length=500, blank=True)  # 全年实际值
    expected = models.CharField(max_length=500, blank=True)  # 预计年底完成值
    likelihood = models.CharField(max_length=8, blank=True)
    reason = models.CharField(max_length=8, blank=True)
    action = models.TextField(blank=True)
    evidence = models.TextField(blank=True)  # 佐证材料
    weight = models.CharField(max_length=32, blank=True)  # 分值 the unit set, a plain number; blank: the profile splits points
