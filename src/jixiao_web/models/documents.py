"""Stored target documents: what the core model holds, as rows the editor can change.

Every field the core's review reads is stored; parsed target values are never computed here but
taken from the core parser (:mod:`jixiao_web.services.store`) and kept as its JSON.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.findings import Severity


class DocState(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    RETURNED = "returned", "已退回"
    DEPT_REVIEWED = "dept_reviewed", "部门已审核"
    REVIEWED = "reviewed", "已审核"
    APPROVED = "approved", "已批复"
    PUBLISHED = "published", "已公开"
    # Monitoring and self-evaluation rounds follow publication as rounds of their own (a later
    # model beside this one), so the target's own state machine ends here.


class TargetDocument(models.Model):
    unit = models.ForeignKey("jixiao_web.Organisation", on_delete=models.PROTECT, related_name="documents")
    state = models.CharField(max_length=16, choices=DocState.choices, default=DocState.DRAFT, db_index=True)
    version = models.PositiveIntegerField(default=1)
    year = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    # core Document fields
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=500, blank=True)
    organisation_name = models.CharField(max_length=200, blank=True)
    source_file = models.CharField(max_length=255, blank=True)
    part = models.PositiveIntegerField(default=1)
    # The parts of one uploaded file share this (set once per import); they are reviewed together.
    # A file's name is no identity: the same file may be imported twice, or two files share a name.
    file_group = models.UUIDField(null=True, blank=True, db_index=True)
    # SHA-256 of the uploaded file's bytes ("" for documents imported before it was kept): the
    # same file imported again is noticed by it (a preview warns, a bulk import skips it)
    file_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    money_unit = models.CharField(max_length=8, blank=True)
    units = models.JSONField(default=list, blank=True)  # [[code, name, raw], ...]
    texts = models.JSONField(default=list, blank=True)  # [[label, text], ...]
    budget = models.JSONField(default=list, blank=True)  # [[label, raw, group], ...]
    # labelled cells as [[label, text], ...]: a list, because PostgreSQL's jsonb does not keep key order
    fields = models.JSONField(default=list, blank=True)
    source = models.JSONField(default=dict, blank=True)
    # review summary kept for the list filters (recomputed whenever the document changes)
    error_count = models.PositiveIntegerField(default=0, db_index=True)
    warning_count = models.PositiveIntegerField(default=0)
    # findings as {code: {severity: n}}, rewritten with the counts above (services.findings.refresh):
    # the dashboard adds these per document instead of counting every stored finding
    finding_counts = models.JSONField(default=dict, blank=True)
    # budget execution against plan per checkpoint, from the core's monitor whenever actuals change
    # (the dashboard sums these without rebuilding every document): see services.actuals.summarise
    execution = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated", "-pk"]

    def __str__(self) -> str:
        return self.title or self.organisation_name or f"文档 {self.pk}"


class TargetSection(models.Model):
    document = models.ForeignKey(TargetDocument, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField()
    version = models.PositiveIntegerField(default=1)
    kind = models.CharField(max_length=32)
    name = models.CharField(max_length=500, blank=True)
    code = models.CharField(max_length=64, blank=True)
    key = models.CharField(max_length=64, blank=True)
    parent_key = models.CharField(max_length=64, blank=True)
    unit_code = models.CharField(max_length=32, blank=True)
    unit_name = models.CharField(max_length=200, blank=True)
    unit_raw = models.CharField(max_length=300, blank=True)
    amount_total = models.CharField(max_length=64, blank=True)  # as written; parsed by the core's Money
    amount_fiscal = models.CharField(max_length=64, blank=True)
    amount_other = models.CharField(max_length=64, blank=True)
    purpose = models.TextField(blank=True)
    goal = models.TextField(blank=True)
    plan = models.JSONField(default=list, blank=True)  # [[checkpoint, raw, percent-or-null], ...]
    fields = models.JSONField(default=list, blank=True)  # [[label, text], ...] in the order written
    source = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["document", "position"]

    def __str__(self) -> str:
        return " ".join(p for p in (self.code, self.name) if p) or f"第{self.position}节"


class TargetIndicator(models.Model):
    section = models.ForeignKey(TargetSection, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveIntegerField()  # 1-based: the row_no findings point at
    level1 = models.CharField(max_length=64, blank=True)
    level2 = models.CharField(max_length=64, blank=True)
    level3 = models.CharField(max_length=500, blank=True)
    description = models.TextField(blank=True)
    target_raw = models.CharField(max_length=500, blank=True)
    cycle_target_raw = models.CharField(max_length=500, blank=True)
    basis = models.TextField(blank=True)
    grades = models.JSONField(default=list, blank=True)  # [优, 良, 中, 差]
    level1_raw = models.CharField(max_length=200, blank=True)
    level2_raw = models.CharField(max_length=200, blank=True)
    label = models.CharField(max_length=64, blank=True)
    weight_raw = models.CharField(max_length=64, blank=True)
    actual_raw = models.CharField(max_length=500, blank=True)
    score_raw = models.CharField(max_length=64, blank=True)
    deviation = models.TextField(blank=True)
    source = models.JSONField(default=dict, blank=True)
    parsed = models.JSONField(default=dict, blank=True)  # the core parser's value of target_raw

    class Meta:
        ordering = ["section", "position"]


class StoredFinding(models.Model):
    """A core :class:`~jixiao.findings.Finding`, attached to the section / row / field it names."""

    class Origin(models.TextChoices):
        READ = "read", "读取"
        REVIEW = "review", "审核"

    document = models.ForeignKey(TargetDocument, on_delete=models.CASCADE, related_name="findings")
    section = models.ForeignKey(TargetSection, null=True, blank=True, on_delete=models.CASCADE, related_name="findings")
    row_no = models.PositiveIntegerField(null=True, blank=True)  # the first row it names
    rows = models.JSONField(default=list, blank=True)  # every indicator row it covers (row_no among them)
    field = models.CharField(max_length=64, blank=True)
    origin = models.CharField(max_length=8, choices=Origin.choices)
    code = models.CharField(max_length=16, db_index=True)
    severity = models.CharField(max_length=8, db_index=True)
    message = models.TextField()
    suggestion = models.TextField(blank=True)
    evidence = models.TextField(blank=True)
    dimension = models.CharField(max_length=16, blank=True)
    where = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["document", "pk"]

    @property
    def covered(self) -> list[int]:
        """The indicator rows the finding is about (rows stored before 0009 have only row_no)."""
        return self.rows or ([] if self.row_no is None else [self.row_no])

    @property
    def severity_label(self) -> str:
        return Severity(self.severity).label


# The cells a comment can point at, named as the core's findings name them (Location.field), so a
# comment and a finding on one cell sit together; the labels are the ones the pages show.
SECTION_CELLS = {"name": "名称", "code": "编码", "amount": "金额", "purpose": "资金用途", "goal": "绩效目标", "plan": "支出计划"}
ROW_CELLS = {
    "level1": "一级指标", "level2": "二级指标", "level3": "三级指标",
    "description": "指标描述", "target": "指标值", "cycle_target": "实施周期指标值", "basis": "指标值确定依据",
}  # fmt: skip


class Comment(models.Model):
    """A reviewer's comment (审核意见) on the document, a section, an indicator row or a field."""

    document = models.ForeignKey(TargetDocument, on_delete=models.CASCADE, related_name="comments")
    section = models.ForeignKey(TargetSection, null=True, blank=True, on_delete=models.CASCADE, related_name="comments")
    row_no = models.PositiveIntegerField(null=True, blank=True)
    field = models.CharField(max_length=64, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField()
    created = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(default=False)

    class Meta:
        ordering = ["created", "pk"]

    @property
    def field_label(self) -> str:
        """The cell as the pages name it (``指标值``), from the core's field name (``target``)."""
        return (ROW_CELLS if self.row_no else SECTION_CELLS).get(self.field, self.field)


class PendingUpload(models.Model):
    """An uploaded file between preview and import (the import reads these bytes again)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=255)
    data = models.BinaryField()
    created = models.DateTimeField(auto_now_add=True)
