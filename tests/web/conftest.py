"""Two finance bureaus, each bureau → department → unit, one user per role in each, and a seed
document in each unit: enough for every own / other organisation and role combination."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model

from jixiao.cli.common import sample_paths
from jixiao_web.models import Membership, Organisation, OrgKind, Role, TargetDocument
from jixiao_web.services import imports

SEED_002 = next(p for p in sample_paths() if p.name.startswith("002"))
SEED_001 = next(p for p in sample_paths() if p.name.startswith("001"))
PASSWORD = "correct horse battery staple"


@dataclass
class Tenant:
    bureau: Organisation
    department: Organisation
    unit: Organisation
    users: dict[str, object] = field(default_factory=dict)
    document: TargetDocument | None = None


def make_tenant(prefix: str, seed=SEED_001) -> Tenant:
    bureau = Organisation.objects.create(kind=OrgKind.BUREAU, name=f"{prefix}财政局")
    department = Organisation.objects.create(kind=OrgKind.DEPARTMENT, name=f"{prefix}民政局", parent=bureau)
    unit = Organisation.objects.create(kind=OrgKind.UNIT, name=f"{prefix}民政局本级", parent=department)
    tenant = Tenant(bureau, department, unit)
    place = {Role.FILER: unit, Role.DEPT_APPROVER: department}
    for role in Role:
        user = get_user_model().objects.create_user(f"{prefix}_{role.value}", password=PASSWORD)
        Membership.objects.create(user=user, organisation=place.get(role, bureau), role=role)
        tenant.users[role.value] = user
    tenant.document = imports.import_file(tenant.users[Role.FILER], unit, seed.read_bytes(), seed.name)[0]
    return tenant


@pytest.fixture
def own(db) -> Tenant:
    return make_tenant("甲")


@pytest.fixture
def other(db) -> Tenant:
    return make_tenant("乙")

