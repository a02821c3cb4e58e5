"""Review through the core, and keep its findings attached to the cells they name.

The parts of one uploaded file are reviewed together, as ``jixiao review`` reviews the file, so
rules that compare parts (the same indicators pasted into several tables, a fund's goal written
differently in the summary and in its own table) still see them all after an edit.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count

from jixiao.findings import Finding, Severity
from jixiao.model.document import Document
from jixiao.review import review
from jixiao_web.models import StoredFinding, TargetDocument
from jixiao_web.services import library
from jixiao_web.services.store import to_core


def attach(stored: TargetDocument, findings: Iterable[Finding], origin: str) -> list[StoredFinding]:
    """Rows for ``findings``, each linked to the section its location names."""
    sections = list(stored.sections.all())
    by_index = {s.position: s for s in sections}
    # Reading problems name a section by code and name only; its first match is the best guess.
    by_name = {}
    for section in sections:
        by_name.setdefault((section.code, section.name), section)

    def section_of(f: Finding):
        if f.location.section_index is not None:
            return by_index.get(f.location.section_index)
        return by_name.get((f.location.section_code, f.location.section_name))

    return [
        StoredFinding(
            document=stored,
            section=section_of(f),
            row_no=f.location.row_no,
            rows=list(f.location.covered()),
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


def file_parts(stored: TargetDocument) -> list[TargetDocument]:
    """The stored parts of the file ``stored`` came from, in file order (``stored`` itself included)."""
    if stored.file_group is None:
        return [stored]
    others = TargetDocument.objects.filter(file_group=stored.file_group).exclude(pk=stored.pk)
    return sorted([stored, *others], key=lambda d: (d.part, d.pk))


def lock_file(stored: TargetDocument) -> None:
    """Lock every part of ``stored``'s file, always in one order, before a change that reviews the
    file again (:func:`refresh` rewrites the findings and counts of all the parts): two saves or a
    save and a submission of the same file then wait for each other instead of deadlocking."""
    parts = TargetDocument.objects.filter(file_group=stored.file_group) if stored.file_group else TargetDocument.objects.filter(pk=stored.pk)
    list(parts.select_for_update().order_by("pk").values_list("pk", flat=True))


def core_parts(stored: TargetDocument) -> tuple[list[TargetDocument], list[Document]]:
    """The file's stored parts and their core documents, as the core's review takes them."""
    parts = file_parts(stored)
    return parts, [to_core(p) for p in parts]


HISTORY_YEARS = 3  # how far back the review compares a unit's targets (JX191)


def earlier_years(parts: list[TargetDocument]) -> list[Document]:
    """The same unit's documents of the years before the file's, which the review compares the
    targets with (and does not report on)."""
    years = [p.year for p in parts if p.year]
    if not years:
        return []
    earlier = TargetDocument.objects.filter(unit_id__in={p.unit_id for p in parts}, year__lt=max(years), year__gte=min(years) - HISTORY_YEARS)
    return [to_core(d) for d in earlier.exclude(pk__in=[p.pk for p in parts])]


def review_parts(parts: list[TargetDocument], documents: list[Document]) -> list[Finding]:
    """The core's review of a file's parts together, with the unit's earlier years for comparison."""
    return review(documents, history=tuple(earlier_years(parts)))


def review_file(stored: TargetDocument) -> tuple[list[TargetDocument], list[Finding]]:
    """The stored parts of ``stored``'s file and the core's review of them together."""
    parts, documents = core_parts(stored)
    return parts, review_parts(parts, documents)


def _own(found: list[Finding], parts: list[TargetDocument], part: TargetDocument) -> list[Finding]:
    """The findings ``part`` carries (the file's first part also those that name no part)."""
    return [f for f in found if f.location.part == part.part or (f.location.part is None and part is parts[0])]


def core_findings(rows: list[TargetDocument]) -> list[Finding]:
    """The core's findings on ``rows``, each reviewed with the other parts of its file, as the
    pages show them (for the exports)."""
    wanted, done, out = {r.pk for r in rows}, set(), []
    for row in rows:
        if row.pk in done:
            continue
        parts, found = review_file(row)
        done.update(p.pk for p in parts)
        out.extend(f for part in parts if part.pk in wanted for f in _own(found, parts, part))
    return out


def refresh(stored: TargetDocument) -> list[StoredFinding]:
    """Review every part of ``stored``'s file together; replace their review findings and counts,
    and let the indicator library learn the parts as they now stand."""
    parts, documents = core_parts(stored)
    found = review_parts(parts, documents)
    library.learn(parts, documents)
    created = [row for part in parts for row in attach(part, _own(found, parts, part), StoredFinding.Origin.REVIEW)]
    StoredFinding.objects.filter(document__in=parts, origin=StoredFinding.Origin.REVIEW).delete()
    StoredFinding.objects.bulk_create(created, batch_size=500)
    for part in parts:
        part.finding_counts = count(part)
        part.error_count, part.warning_count = (
            sum(by_severity.get(s, 0) for by_severity in part.finding_counts.values()) for s in (Severity.ERROR, Severity.WARNING)
        )
        TargetDocument.objects.filter(pk=part.pk).update(
            error_count=part.error_count, warning_count=part.warning_count, finding_counts=part.finding_counts
        )
    return [f for f in created if f.document_id == stored.pk]


def count(stored: TargetDocument) -> dict[str, dict[str, int]]:
    """The document's stored findings (read and review) as {code: {severity: n}}."""
    counts: dict[str, dict[str, int]] = {}
    for code, severity, n in stored.findings.values_list("code", "severity").annotate(n=Count("pk")).order_by():
        counts.setdefault(code, {})[severity] = n
    return counts
