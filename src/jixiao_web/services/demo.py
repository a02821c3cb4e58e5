"""The demo: the five seed documents as one finance bureau with its departments and units, and
one account per role, so a newcomer can walk the whole flow; the documents of the departments
other than the demo filer's are published, as the seeds were."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from jixiao.cli.common import sample_paths
from jixiao.read import read_path
from jixiao_web.models import DocState, Membership, Organisation, OrgKind, Role, TargetDocument
from jixiao_web.services import audit, imports

BUREAU = "演示市财政局"
FILER_DEPARTMENT = "秦皇岛市山海关区民政局"  # seed 002: the demo filer's own documents


@dataclass(frozen=True)
class Account:
    username: str
    password: str
    role: str
    organisation: str


def _node(kind: OrgKind, name: str, parent: Organisation | None, code: str = "") -> Organisation:
    node, _ = Organisation.objects.get_or_create(kind=kind, name=name, parent=parent, defaults={"code": code})
    return node


def _load_seeds(bureau: Organisation) -> None:
    """One department per seed (named as its first part names itself); its documents go to the
    department's 本级 unit."""
    for path in sample_paths():
        result = read_path(path)
        documents = result.documents
        name = next((d.organisation for d in documents if d.organisation), path.stem)
        department = _node(OrgKind.DEPARTMENT, name, bureau)
        first = next((d.units[0] for d in documents if d.units), None)
        unit = _node(OrgKind.UNIT, f"{name}本级", department, first.code if first else "")
        stored = imports.store_all(documents, result.findings, unit, None, imports.digest(path.read_bytes()))  # a re-import is told
        if name != FILER_DEPARTMENT:
            # The seeds are public disclosures: the other departments' show as published (on the
            # public portal); the filer's own stay drafts to walk the flow with.
            TargetDocument.objects.filter(pk__in=[d.pk for d in stored]).update(state=DocState.PUBLISHED)


@transaction.atomic
def load_demo() -> list[Account]:
    """Create (or refresh) the demo bureau and accounts; new random passwords each time."""
    bureau = Organisation.objects.filter(kind=OrgKind.BUREAU, name=BUREAU, parent=None).first()
    if bureau is None:
        bureau = _node(OrgKind.BUREAU, BUREAU, None)
        _load_seeds(bureau)
        audit.log(None, "demo", "载入演示数据：五份公开样表", organisation=bureau)
    department = Organisation.objects.get(kind=OrgKind.DEPARTMENT, name=FILER_DEPARTMENT, parent=bureau)
    unit = department.children.first()
    places = {
        Role.FILER: unit,
        Role.DEPT_APPROVER: department,
        Role.BUSINESS_REVIEWER: bureau,
        Role.PERFORMANCE: bureau,
        Role.AUDITOR: bureau,
        Role.ADMIN: bureau,
    }
    accounts = []
    users = get_user_model()
    for role, place in places.items():
        username = f"demo_{role.value}"
        password = secrets.token_urlsafe(9)
        user, _ = users.objects.get_or_create(username=username, defaults={"first_name": role.label})
        user.set_password(password)
        user.save()
        Membership.objects.get_or_create(user=user, organisation=place, role=role)
        accounts.append(Account(username, password, role.label, place.name))
    return accounts
