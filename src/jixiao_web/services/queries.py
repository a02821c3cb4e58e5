"""Finding documents: the list filters and search the pages and the API share."""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from jixiao_web.models import DocState, TargetDocument
from jixiao_web.services.access import visible_documents


def find_documents(user: AbstractBaseUser, f: Mapping[str, str]) -> QuerySet[TargetDocument]:
    """Visible documents filtered by year, unit, state, has-errors (``errors`` 1/0) and ``q``."""
    documents = visible_documents(user).select_related("unit")
    if str(f.get("year") or "").isdigit():
        documents = documents.filter(year=int(f["year"]))
    if str(f.get("unit") or "").isdigit():
        documents = documents.filter(unit_id=int(f["unit"]))
    if f.get("state") in DocState.values:
        documents = documents.filter(state=f["state"])
    if str(f.get("errors")) in ("1", "True", "true"):
        documents = documents.filter(error_count__gt=0)
    elif str(f.get("errors")) in ("0", "False", "false"):
        documents = documents.filter(error_count=0)
    if q := str(f.get("q") or "").strip():
        matching_sections = Q(sections__name__icontains=q) | Q(sections__code__icontains=q)
        ids = visible_documents(user).filter(matching_sections).values("pk")
        documents = documents.filter(
            Q(title__icontains=q) | Q(organisation_name__icontains=q) | Q(source_file__icontains=q) | Q(pk__in=ids)
        )
    return documents
