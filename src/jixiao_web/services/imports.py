"""Importing a document: preview what the core reads and finds, then store it all or nothing."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from jixiao.findings import Finding, ReadError
from jixiao.model.document import Document
from jixiao.read import read_bytes
from jixiao.review import review
from jixiao_web.models import Organisation, StoredFinding, TargetDocument
from jixiao_web.services import audit, findings
from jixiao_web.services.access import Action, require
from jixiao_web.services.errors import ServiceError
from jixiao_web.services.store import save_document


@dataclass
class Preview:
    name: str
    reader: str = ""
    documents: list[Document] = field(default_factory=list)
    read_findings: list[Finding] = field(default_factory=list)
    review_findings: list[Finding] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return self.read_findings + self.review_findings


def preview(data: bytes, name: str) -> Preview:
    """Read and review ``data`` with the core; a file it cannot read is refused with its finding."""
    limit = settings.JIXIAO_MAX_UPLOAD_BYTES
    if len(data) > limit:
        raise ServiceError(f"文件过大（{len(data) // 1024} KB），上限为 {limit // 1048576} MB。")
    try:
        result = read_bytes(data, name)
    except ReadError as exc:
        raise ServiceError(f"无法读取“{name}”：{exc.finding.message}", [exc.finding.suggestion] if exc.finding.suggestion else []) from None
    return Preview(name, result.reader, result.documents, result.findings, review(result.documents))


@transaction.atomic
def import_file(user: AbstractBaseUser, unit: Organisation, data: bytes, name: str) -> list[TargetDocument]:
    """Store every document of the file under ``unit`` as drafts — all of them or none."""
    require(user, Action.EDIT, unit)
    seen = preview(data, name)
    if not seen.documents:
        raise ServiceError(f"“{name}”中没有读到任何目标表，未导入。")
    stored_all = store_all(seen.documents, seen.read_findings, unit, user)
    for document, stored in zip(seen.documents, stored_all, strict=True):
        audit.log(
            user, "import", f"导入“{name}”第{document.part}部分（{len(document.sections)} 节）到 {unit.name}",
            organisation=unit, document=stored, after={"文件": name, "章节数": len(document.sections)},
        )  # fmt: skip
    return stored_all


def store_all(
    documents: list[Document], read_findings: list[Finding], unit: Organisation, user: AbstractBaseUser | None
) -> list[TargetDocument]:
    """Store a file's documents with their findings (the caller holds the transaction)."""
    stored_all = []
    group = uuid.uuid4()
    for i, document in enumerate(documents):
        stored = save_document(document, unit, user, group)
        # What the reader noticed belongs to the file; it is shown with the file's first part.
        own = read_findings if i == 0 else []
        StoredFinding.objects.bulk_create(findings.attach(stored, own, StoredFinding.Origin.READ))
        stored_all.append(stored)
    if stored_all:
        findings.refresh(stored_all[0])  # reviews every part at once
    return stored_all
