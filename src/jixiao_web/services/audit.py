"""The audit log: every service that changes something writes one row through here."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from jixiao_web.models import AuditEntry, Organisation, TargetDocument


def log(
    actor: AbstractBaseUser,
    action: str,
    summary: str,
    *,
    organisation: Organisation,
    document: TargetDocument | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor,
        organisation=organisation,
        document=document,
        action=action,
        summary=summary[:500],
        before=before or {},
        after=after or {},
    )


EXPORT, BULK_EXPORT = "export", "bulk_export"


def exported(actor: AbstractBaseUser, documents: list[tuple[int, int]], summary: str, action: str = EXPORT) -> None:
    """Record that ``actor`` took tables out: one row per (document id, its unit id), in that
    document's history and its unit's log. A bulk export across units is thus seen by every unit it
    took documents from, and by no other."""
    AuditEntry.objects.bulk_create(
        [AuditEntry(actor=actor, organisation_id=unit, document_id=document, action=action, summary=summary[:500]) for document, unit in documents]
    )


def diff(entry: AuditEntry) -> list[tuple[str, Any, Any]]:
    """(field, before, after) for every field that differs, in a stable order."""
    keys = sorted(set(entry.before) | set(entry.after))
    return [(k, entry.before.get(k), entry.after.get(k)) for k in keys if entry.before.get(k) != entry.after.get(k)]
