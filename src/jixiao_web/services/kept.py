"""Results kept in Django's cache while the rows they were computed from are unchanged (PostgreSQL).

PostgreSQL identifies every row version by the transaction that wrote it and its place in the table
(``xmin``, ``ctid``); an update writes a new version. A hash of a set of rows' versions therefore
changes with any insert, update or delete among them, whichever code path made it (the services, a
bulk update, the admin, SQL by hand), so a result kept under that hash is never shown stale. The
versions are read before the data, so a write in between can only make a kept result newer than its
key, never older. Other databases have no such mark: there the result is computed every time.

The cache is Django's default, each server process's memory, emptied when the server restarts
with new code; a cache shared across restarts (memcached, Redis) would also need the code's version
in the key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import connection

from jixiao_web.models import IndicatorActual, SectionActual, TargetDocument, TargetIndicator, TargetSection

T = TypeVar("T")


def keep(key: object, compute: Callable[[], T]) -> T:
    """``compute()``, kept in the cache under ``key`` (a hashable description of what it depends on)."""
    name = "jixiao-kept:" + hashlib.sha256(repr(key).encode()).hexdigest()
    if (value := cache.get(name)) is None:
        value = compute()
        cache.set(name, value, 3600)
    return value


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
