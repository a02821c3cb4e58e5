"""Importing a document: preview what the core reads and finds, then store it all or nothing."""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from jixiao.findings import Finding, ReadError
from jixiao.model.document import Document
from jixiao.read import READERS, TableColumns, read_bytes
from jixiao.read.indicator_header import ROLE_NAMES, column_field
from jixiao.read.target_tables import DESCRIPTION_TEXT as GRID_DESCRIPTION, NAME as GRID
from jixiao.review import review
from jixiao_web.models import ColumnRoles, Organisation, StoredFinding, TargetDocument
from jixiao_web.services import audit, findings
from jixiao_web.services.access import Action, require, visible_documents, visible_units
from jixiao_web.services.errors import ServiceError
from jixiao_web.services.limits import check_file, check_rows
from jixiao_web.services.store import save_document


# 部门整体支出绩效目标批复表 for dept_approval_form; office files read as tables have a name of their own
LAYOUTS = {r.name: r.description.split("（")[0] for r in READERS} | {GRID: GRID_DESCRIPTION.split("（")[0]}


def digest(data: bytes) -> str:
    """What makes two uploads the same file: their bytes (names differ, a name is no identity)."""
    return hashlib.sha256(data).hexdigest()


def same_file(user: AbstractBaseUser, sha256: str):
    """The documents ``user`` can see that were imported from a file with these bytes."""
    return visible_documents(user).filter(file_sha256=sha256).select_related("unit").order_by("pk")


_UNIT_NOISE = re.compile(r"\s+|本级$")


def same_unit(unit_name: str, written: str) -> bool:
    """Whether the unit a file names (渚源县民政局) is the unit ``unit_name`` (渚源县民政局本级): the
    same name, or one within the other once spaces and 本级 are left out."""
    a, b = _UNIT_NOISE.sub("", unit_name), _UNIT_NOISE.sub("", written)
    return bool(a and b) and (a in b or b in a)


@dataclass
class Preview:
    name: str
    reader: str = ""
    sha256: str = ""
    documents: list[Document] = field(default_factory=list)
    read_findings: list[Finding] = field(default_factory=list)
    review_findings: list[Finding] = field(default_factory=list)
    tables: list[TableColumns] = field(default_factory=list)  # each indicator table's columns as read

    @property
    def findings(self) -> list[Finding]:
        return self.read_findings + self.review_findings

    @property
    def layout(self) -> str:
        """The layout as a clerk names it (部门整体支出绩效目标批复表), not the reader's identifier."""
        return LAYOUTS.get(self.reader, self.reader)

    @property
    def organisations(self) -> list[str]:
        """The units the file's parts name, in file order, each once."""
        return list(dict.fromkeys(d.organisation for d in self.documents if d.organisation))

    def fits(self, unit: Organisation) -> bool:
        """Whether ``unit`` is a unit the file names (or the file names none)."""
        return all(same_unit(unit.name, o) for o in self.organisations)


def preview(data: bytes, name: str, user: AbstractBaseUser | None = None) -> Preview:
    """Read and review ``data`` with the core, with the column corrections ``user``'s bureau keeps;
    a file it cannot read is refused with its finding."""
    check_file(data, name)
    try:
        result = read_bytes(data, name, corrections(user) if user is not None else None)
    except ReadError as exc:
        raise ServiceError(f"无法读取“{name}”：{exc.finding.message}", [exc.finding.suggestion] if exc.finding.suggestion else []) from None
    check_rows(result.documents, name)
    return Preview(name, result.reader, digest(data), result.documents, result.findings, review(result.documents),
                   result.tables)


def _bureaus(user: AbstractBaseUser) -> list[Organisation]:
    """The bureaus of the units ``user`` may import into (their corrections are the user's)."""
    return list({u.bureau().pk: u.bureau() for u in visible_units(user, Action.EDIT)}.values())


def corrections(user: AbstractBaseUser) -> dict[str, dict[int, str]]:
    """Column roles corrected for layouts in ``user``'s bureaus: header signature → {column: role}."""
    kept = ColumnRoles.objects.filter(bureau__in=_bureaus(user))
    return {c.signature: {int(k): v for k, v in c.roles.items()} for c in kept}


def correct_columns(user: AbstractBaseUser, table: TableColumns, roles: dict[int, str]) -> None:
    """Keep ``roles`` (0-based column → role, '' for a column read as nothing) for ``table``'s layout
    in ``user``'s bureaus, so that this file and every later one of the layout read with them."""
    bureaus = _bureaus(user)
    if not bureaus:
        raise ServiceError("您的角色不能导入文档，也就不能更正表格的列。")
    unknown = [r for r in roles.values() if r and r not in ROLE_NAMES]
    if unknown or any(not 0 <= k < len(table.names) for k in roles):
        raise ServiceError("列的含义不在可选范围内，请从下拉列表中选择。")
    # kept: what differs from the header's own words, so a later correction replaces a former one whole
    chosen = {str(k): r for k, r in roles.items() if r != column_field(table.names[k])}
    with transaction.atomic():
        for bureau in bureaus:
            ColumnRoles.objects.update_or_create(
                bureau=bureau, signature=table.signature,
                defaults={"names": list(table.names), "roles": chosen, "updated_by": user})
            audit.log(user, "columns", f"更正表头“{' | '.join(table.names)}”各列的含义", organisation=bureau,
                      after={table.names[int(k)]: ROLE_NAMES.get(r, "不读") for k, r in chosen.items()})


def import_file(user: AbstractBaseUser, unit: Organisation, data: bytes, name: str) -> list[TargetDocument]:
    """Store every document of the file under ``unit`` as drafts — all of them or none."""
    require(user, Action.EDIT, unit)
    # Read and reviewed before the transaction begins: on SQLite a write transaction holds every
    # other writer back, so it holds only the writes.
    return store_preview(user, unit, preview(data, name, user))


@transaction.atomic
def store_preview(user: AbstractBaseUser, unit: Organisation, seen: Preview) -> list[TargetDocument]:
    """Store what :func:`preview` read of a file under ``unit`` — all of it or none."""
    require(user, Action.EDIT, unit)
    name = seen.name
    if not seen.documents:
        raise ServiceError(f"“{name}”中没有读到任何目标表，未导入。")
    stored_all = store_all(seen.documents, seen.read_findings, unit, user, seen.sha256)
    for document, stored in zip(seen.documents, stored_all, strict=True):
        audit.log(
            user, "import", f"导入“{name}”第{document.part}部分（{len(document.sections)} 节）到 {unit.name}",
            organisation=unit, document=stored, after={"文件": name, "章节数": len(document.sections)},
        )  # fmt: skip
    return stored_all


def store_all(
    documents: list[Document], read_findings: list[Finding], unit: Organisation, user: AbstractBaseUser | None, sha256: str = ""
) -> list[TargetDocument]:
    """Store a file's documents with their findings (the caller holds the transaction)."""
    stored_all = []
    group = uuid.uuid4()
    for i, document in enumerate(documents):
        stored = save_document(document, unit, user, group)
        if sha256:
            TargetDocument.objects.filter(pk=stored.pk).update(file_sha256=sha256)
            stored.file_sha256 = sha256
        # What the reader noticed belongs to the file; it is shown with the file's first part.
        own = read_findings if i == 0 else []
        StoredFinding.objects.bulk_create(findings.attach(stored, own, StoredFinding.Origin.READ))
        stored_all.append(stored)
    if stored_all:
        findings.refresh(stored_all[0])  # reviews every part at once
    return stored_all
