"""Finding documents: the list filters and search the pages and the API share."""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from jixiao_web.errors import whole
from jixiao_web.models import DocState, TargetDocument, TargetIndicator, TargetSection
from jixiao_web.services.access import visible_documents

FILTERS = ("q", "year", "unit", "state", "errors")  # the keys find_documents reads
# A document's JSON columns: the lists of documents show none, and decoding them took a fifth of a list page.
DOCUMENT_JSON = ("units", "texts", "budget", "fields", "source", "finding_counts", "execution")
INDICATOR_JSON = ("grades", "source", "parsed")  # an indicator's, which the document page's rows do not show


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
        documents = matching(documents, q)
    return documents


def matching(documents: QuerySet[TargetDocument], q: str, goals_and_indicators: bool = False) -> QuerySet[TargetDocument]:
    """``documents`` whose title, organisation, file or a section's name or code contains ``q``;
    with ``goals_and_indicators`` (the public portal) also a section's goal or an indicator's name."""
    # Sections are matched on their own (the outer query already limits the documents), so
    # PostgreSQL can answer from the trigram indexes (migrations 0005 and 0017) instead of walking
    # every document's sections. Each column is a subquery of its own: ORed into one, PostgreSQL
    # scanned every section (50,000 sections, goals and indicators: 100–220 ms against 20–60 ms;
    # 21,636 sections, a name in one section of 18: 86 against 6 ms, bench/WEB.md), because its
    # costs do not see how dear UPPER is on Chinese text.
    found = Q(title__icontains=q) | Q(organisation_name__icontains=q) | Q(source_file__icontains=q)
    for column in ("name", "code", "goal") if goals_and_indicators else ("name", "code"):
        found |= Q(pk__in=TargetSection.objects.filter(**{f"{column}__icontains": q}).values("document_id"))
    if goals_and_indicators:
        found |= Q(pk__in=TargetIndicator.objects.filter(level3__icontains=q).values("section__document_id"))
    return documents.filter(found)
