"""The public side (绩效目标公开): what anyone may see without logging in.

Every public page, download and API path gets its documents through :func:`published` and
:func:`get_published`, so only 已公开 documents ever show: a draft, an approved but unpublished
document or a withdrawn publication (:func:`jixiao_web.services.workflow.withdraw`) is 404, the
same answer as a document that does not exist.

:func:`stamp` is the validator of every public response and the key of what the public side
keeps in the cache: it changes with every publication and withdrawal, so a browser or proxy
revalidates and never shows a withdrawn document from its copy.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max, QuerySet, Sum
from django.http import Http404

from jixiao.write.datapackage import package_files
from jixiao.write.json_out import jsonable
from jixiao_web.errors import whole
from jixiao_web.models import AuditEntry, DocState, Organisation, OrgKind, TargetDocument
from jixiao_web.services.bulk_export import file_names
from jixiao_web.services.export import EXPORTERS, CoreData
from jixiao_web.services.queries import matching
from jixiao_web.services.store import WITH_TABLES

FILTERS = ("q", "year", "region", "department", "unit")  # the keys find_published reads
# where each of the place filters looks in an organisation's path (/bureau/department/unit/)
PLACES = {"region": OrgKind.BUREAU, "department": OrgKind.DEPARTMENT, "unit": OrgKind.UNIT}


def published() -> QuerySet[TargetDocument]:
    return TargetDocument.objects.filter(state=DocState.PUBLISHED)


def get_published(pk: int, tables: bool = False) -> TargetDocument:
    """The published document ``pk`` (with ``tables``: its sections and indicators read at once)."""
    documents = published().select_related("unit").filter(pk=pk)
    document = (documents.prefetch_related(WITH_TABLES) if tables else documents).first()
    if document is None:
        raise Http404("没有找到该公开文档。")
    return document


_request_stamp: ContextVar[str | None] = ContextVar("jixiao_public_stamp", default=None)


def stamp() -> str:
    """What the public side shows, in a few characters: the newest audit row (every publication,
    withdrawal and accepted self-evaluation writes one) and the published set itself (how many,
    which, last changed), so a change that bypassed the workflow shows as well."""
    if (known := _request_stamp.get()) is not None:
        return known
    audit = AuditEntry.objects.aggregate(last=Max("pk"))["last"] or 0
    shown = published().aggregate(n=Count("pk"), ids=Sum("pk"), last=Max("updated"))
    return f"{audit}-{shown['n']}-{shown['ids'] or 0}-{shown['last'].timestamp() if shown['last'] else 0}"


@contextmanager
def one_stamp() -> Iterator[str]:
    """The stamp taken once for a whole request (its validator and its cache keys agree)."""
    token = _request_stamp.set(stamp())
    try:
        yield _request_stamp.get()
    finally:
        _request_stamp.reset(token)


def remembered(key: str, compute: Callable[[], object]) -> object:
    """``compute()`` kept in the cache until the stamp moves (keyed by :func:`stamp`)."""
    key = f"jixiao-public:{stamp()}:{key}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, 3600)
    return value


def find_published(f: Mapping[str, str]) -> QuerySet[TargetDocument]:
    """Published documents by year, region (the finance bureau), department and unit, and ``q``
    over titles, names, goals and indicators (services.queries.matching)."""
    documents = published().select_related("unit", "unit__parent")
    if str(f.get("year") or "").isdigit():
        documents = documents.filter(year=whole(str(f["year"]), "年度"))
    for key in PLACES:
        if str(f.get(key) or "").isdigit():
            # a node's id is one segment of its own and every descendant's path
            documents = documents.filter(unit__path__contains=f"/{whole(str(f[key]), '机构')}/")
    if q := str(f.get("q") or "").strip():
        documents = matching(documents, q, goals_and_indicators=True)
    return documents.order_by("-year", "unit__path", "pk")


def facets() -> dict[str, list]:
    """The years and places that have published documents, for the filter menus."""

    def compute() -> dict[str, list]:
        years = sorted({y for y in published().values_list("year", flat=True) if y}, reverse=True)
        paths = set(published().values_list("unit__path", flat=True))
        ids = {int(p) for path in paths for p in path.strip("/").split("/")}
        places: dict[str, list] = {key: [] for key in PLACES}
        kinds = {kind: key for key, kind in PLACES.items()}
        for org in Organisation.objects.filter(pk__in=ids).only("pk", "name", "kind", "path"):
            places[kinds[org.kind]].append((org.pk, org.name))
        return {"years": years, **places}

    return remembered("facets", compute)


def with_tables(documents: QuerySet[TargetDocument]) -> list[TargetDocument]:
    return list(documents.prefetch_related(WITH_TABLES))


def _public_json(x: CoreData) -> bytes:
    # the documents as published: the review's findings are the bureau's working notes, not published
    return json.dumps({"documents": jsonable(x.documents)}, ensure_ascii=False, indent=2).encode("utf-8")


@dataclass(frozen=True)
class PublicFormat:
    identifier: str
    label: str
    mimetype: str
    render: Callable[[CoreData], bytes]


DOWNLOADS = {
    f.identifier: f
    for f in [
        *(PublicFormat(k, EXPORTERS[k].label, EXPORTERS[k].mimetype, EXPORTERS[k].render) for k in ("xlsx", "pdf", "docx", "indicators-csv", "sections-csv")),
        PublicFormat("json", EXPORTERS["json"].label, "application/json", _public_json),
    ]
}


def download(pk: int, fmt: str) -> tuple[str, str, bytes]:
    """(filename, mimetype, content) of published document ``pk`` in ``fmt``, by the core's writers."""
    if fmt not in DOWNLOADS:
        raise Http404("没有这种下载格式。")
    document = get_published(pk, tables=True)
    return file_names([document], fmt)[0], DOWNLOADS[fmt].mimetype, DOWNLOADS[fmt].render(CoreData([document]))


def document_package(pk: int) -> dict[str, bytes]:
    """The open-data package of published document ``pk`` (files by relative path)."""
    document = get_published(pk, tables=True)
    return package_files(CoreData([document]).documents, f"jixiao-document-{pk}", str(document))


def year_package(year: int) -> dict[str, bytes]:
    """The open-data package of every document published for ``year`` (404 when there is none)."""

    def compute() -> dict[str, bytes]:
        rows = with_tables(published().filter(year=year).order_by("unit__path", "pk"))
        if not rows:
            raise Http404(f"{year} 年没有公开的绩效目标。")
        return package_files(CoreData(rows).documents, f"jixiao-{year}", f"{year}年度公开的绩效目标")

    return remembered(f"year-package:{year}", compute)
