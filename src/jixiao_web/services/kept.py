"""Results kept while the rows they were computed from are unchanged (PostgreSQL).

PostgreSQL identifies every row version by the transaction that wrote it and its place in the table
(``xmin``, ``ctid``); an update writes a new version. A hash of a set of rows' versions therefore
changes with any insert, update or delete among them, whichever code path made it (the services, a
bulk update, the admin, SQL by hand), so a result kept under that hash is never shown stale. The
versions are read before the data, so a write in between can only make a kept result newer than its
key, never older. Other databases have no such mark: there the result is computed every time.

The results are kept in the database itself (Django's database cache, ``CACHES["kept"]``), so every
server process finds what one of them computed, and a restart keeps them. Their keys therefore also
hold what the results were made by and of: the code and templates (a new release computes them
anew) and the database server and database (row versions start again in a restored copy).
"""

from __future__ import annotations

import hashlib
import pickle
import zlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

import django
from django.core.cache import caches
from django.db import connection
from django.db.backends.signals import connection_created
from django.dispatch import receiver

import jixiao
import jixiao_web
from jixiao_web.models import IndicatorActual, SectionActual, TargetDocument, TargetIndicator, TargetSection

T = TypeVar("T")


def keep(key: object, compute: Callable[[], T]) -> T:
    """``compute()``, kept under ``key`` (a hashable description of what it depends on)."""
    name = "jixiao-kept:" + hashlib.sha256(repr((_code(), _database(), key)).encode()).hexdigest()
    kept = caches["kept"]
    if (stored := kept.get(name)) is not None:
        return pickle.loads(zlib.decompress(stored))
    value = compute()
    # compressed: a report's HTML is 140–200 KB, a tenth of it stored
    kept.set(name, zlib.compress(pickle.dumps(value, pickle.HIGHEST_PROTOCOL), 1))
    return value


@cache
def _code() -> str:
    """A hash of the code and templates the kept results are made by (read once a process: 1.5 MB)."""
    digest = hashlib.sha256(django.get_version().encode())
    for package in (jixiao, jixiao_web):
        root = Path(package.__file__).parent
        for path in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".html", ".j2", ".toml")):
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _database() -> str | None:
    """The database server's start and the database's oid, read once a connection: row versions
    repeat in another cluster or a re-created database (a restored dump holds the kept results too);
    these do not."""
    if getattr(connection, "jixiao_identity", None) is None and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT oid::text || '@' || pg_postmaster_start_time()::text FROM pg_database WHERE datname = current_database()")
            connection.jixiao_identity = cursor.fetchone()[0]
    return getattr(connection, "jixiao_identity", None)


@receiver(connection_created)
def _forget_database(sender, connection, **kwargs) -> None:
    connection.jixiao_identity = None  # a new connection may be to another database


def document_versions(pk: int) -> str | None:
    """A hash of the versions of everything the core reads of document ``pk`` for its year: its own
    row, its sections and indicators, and their actuals; None on a database without row versions."""
    if connection.vendor != "postgresql":
        return None
    doc, sec, ind, sa, ia = (m._meta.db_table for m in (TargetDocument, TargetSection, TargetIndicator, SectionActual, IndicatorActual))
    # each table's versions tagged with a letter of its own. Their order is the plan's: another plan
    # could only give another hash (a result computed again), never one of other rows.
    sql = f"""
        WITH s AS (SELECT id, 's' || xmin::text || ctid::text AS v FROM "{sec}" WHERE document_id = %(pk)s),
             i AS (SELECT id, 'i' || xmin::text || ctid::text AS v FROM "{ind}" WHERE section_id IN (SELECT id FROM s))
        SELECT count(*) || '-' || md5(string_agg(v, ',')) FROM (
            SELECT 'd' || xmin::text || ctid::text AS v FROM "{doc}" WHERE id = %(pk)s
            UNION ALL SELECT v FROM s
            UNION ALL SELECT v FROM i
            UNION ALL SELECT 'a' || xmin::text || ctid::text FROM "{sa}" WHERE section_id IN (SELECT id FROM s)
            UNION ALL SELECT 'b' || xmin::text || ctid::text FROM "{ia}" WHERE indicator_id IN (SELECT id FROM i)
        ) versions"""
    with connection.cursor() as cursor:
        cursor.execute(sql, {"pk": pk})
        return cursor.fetchone()[0]


def keep_by_versions(versions: str | None, what: object, compute: Callable[[], T]) -> T:
    """``compute()``, kept under the rows' ``versions`` (:func:`document_versions`, read before the
    data ``compute`` reads) and ``what`` else it depends on (the document, a page's name, the
    checkpoint asked for); computed every time when there are no versions."""
    return compute() if versions is None else keep((versions, what), compute)
