"""Small helpers shared by the web tests."""

from __future__ import annotations

from django.test import Client

from jixiao.cli.common import sample_paths
from jixiao_web.models import Organisation, OrgKind, Role
from jixiao_web.services import editing, imports


SEED_001_NAME = "001"


def seed_path(prefix: str):
    return next(p for p in sample_paths() if p.name.startswith(prefix))


def page_queries(captured) -> list[str]:
    """The queries a page made for itself (a ``CaptureQueriesContext``'s): without the kept reports'
    bookkeeping (services.kept: the database's identity read once a connection, the cache table's
    statements and the savepoint around a store), a constant cost of a first view on PostgreSQL."""
    bookkeeping = ("jixiao_kept", "pg_database", "SAVEPOINT")
    return [q["sql"] for q in captured.captured_queries if not any(word in q["sql"] for word in bookkeeping)]


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def sibling_unit_document(tenant):
    """A document in another department of the same bureau."""
    department = Organisation.objects.create(kind=OrgKind.DEPARTMENT, name="教育局", parent=tenant.bureau)
    unit = Organisation.objects.create(kind=OrgKind.UNIT, name="教育局本级", parent=department)
    seed = seed_path("003")
    return imports.import_file(tenant.users[Role.ADMIN], unit, seed.read_bytes(), seed.name)[0]


def edit_of(section, changes=None, values=None):
    """The editor's submission of ``section`` as stored, with ``changes`` ((row, field) → text) to
    its grid and ``values`` to its texts."""
    rows = [{n: getattr(i, n) for n in editing.GRID_FIELDS} | {"position": str(i.position)} for i in section.indicators.all()]
    for (position, name), value in (changes or {}).items():
        rows[position - 1][name] = value
    return editing.SectionEdit(version=section.version, values=values or {}, rows=rows)
