"""Finding documents: the list filters and search the pages and the API share."""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from jixiao_web.errors import whole
from jixiao_web.models import DocState, TargetDocument, TargetSection
from jixiao_web.services.access import visible_documents

FILTERS = ("q", "year", "unit", "state", "errors")  # the keys find_documents reads


def find_documents(user: AbstractBaseUser, f: Mapping[str, str]) -> QuerySet[TargetDocument]:
    """Visible documents filtered by year, unit, state, has-errors (``errors`` 1/0) and ``q``."""
    documents = visible_documents(user).select_related("unit")
    if str(f.get("year") or "").isdigit():
        documents = documents.filter(year=whole(str(f["year"]), "年度"))
    if str(f.get("unit") or "").isdigit():
        documents = documents.filter(unit_id=whole(str(f["unit"]), "单位"))
    if f.get("state") in DocState.values:
        documents = documents.filter(state=f["state"])
    if str(f.get("errors")) in ("1", "True", "true"):
        documents = documents.filter(error_count__gt=0)
    elif str(f.get("errors")) in ("0", "False", "false"):
        documents = documents.filter(error_count=0)
    if q := str(f.get("q") or "").strip():
        # Sections are matched on their own (the outer query already limits to visible documents),
        # so PostgreSQL can answer from the trigram indexes (migration 0005) instead of walking
        # every visible document's sections.
        sections = TargetSection.objects.filter(Q(name__icontains=q) | Q(code__icontains=q)).values("document_id")
        documents = documents.filter(
            Q(title__icontains=q) | Q(organisation_name__icontains=q) | Q(source_file__icontains=q) | Q(pk__in=sections)
        )
    return documents
