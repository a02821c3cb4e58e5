"""Review through the core, and keep its findings attached to the cells they name."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count

from jixiao.findings import Finding, Severity
from jixiao.review import review
from jixiao_web.models import StoredFinding, TargetDocument
from jixiao_web.services.store import to_core


def attach(stored: TargetDocument, findings: Iterable[Finding], origin: str) -> list[StoredFinding]:
    """Rows for ``findings``, each linked to the section its location names (code and name)."""
    sections = {}
    for section in stored.sections.all():
        sections.setdefault((section.code, section.name), section)
    return [
        StoredFinding(
            document=stored,
            section=sections.get((f.location.section_code, f.location.section_name)),
            row_no=f.location.row_no,
            field=f.location.field,
            origin=origin,
            code=f.code,
            severity=f.severity.value,
            message=f.message,
            suggestion=f.suggestion,
            evidence=f.evidence,
            dimension=f.dimension,
            where=f.location.describe(),
        )
        for f in findings
    ]


def refresh(stored: TargetDocument) -> list[StoredFinding]:
    """Run the core's review on the stored document; replace its review findings and counts."""
    found = attach(stored, review([to_core(stored)]), StoredFinding.Origin.REVIEW)
    stored.findings.filter(origin=StoredFinding.Origin.REVIEW).delete()
    StoredFinding.objects.bulk_create(found, batch_size=500)
    stored.finding_counts = count(stored)
    stored.error_count, stored.warning_count = (
        sum(by_severity.get(s, 0) for by_severity in stored.finding_counts.values()) for s in (Severity.ERROR, Severity.WARNING)
    )
    TargetDocument.objects.filter(pk=stored.pk).update(
        error_count=stored.error_count, warning_count=stored.warning_count, finding_counts=stored.finding_counts
    )
    return found


def count(stored: TargetDocument) -> dict[str, dict[str, int]]:
    """The document's stored findings (read and review) as {code: {severity: n}}."""
    counts: dict[str, dict[str, int]] = {}
    for code, severity, n in stored.findings.values_list("code", "severity").annotate(n=Count("pk")).order_by():
        counts.setdefault(code, {})[severity] = n
    return counts
