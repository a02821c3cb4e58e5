"""The public, read-only API (django-ninja, no auth; OpenAPI at ``/public/api/openapi.json``).

A separate API from the bureau's (:mod:`jixiao_web.api`), so no path of it can reach anything but
published documents: every document comes through :mod:`jixiao_web.services.publication`, and a
document that is not (or no longer) published is 404 like one that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import reverse
from ninja import NinjaAPI, Query, Schema
from ninja.decorators import decorate_view

from jixiao.write.json_out import jsonable
from jixiao_web.errors import BadInput
from jixiao_web.services import analytics, publication
from jixiao_web.services.store import to_core
from jixiao_web.views.public import public

public_api = NinjaAPI(title="jixiao 绩效目标公开 API", version="1", urls_namespace="public_api", docs_url=None)


@public_api.exception_handler(Http404)
def _not_found(request, exc):
    return public_api.create_response(request, {"detail": str(exc) or "没有找到。"}, status=404)


@public_api.exception_handler(BadInput)
def _bad_input(request, exc):
    return public_api.create_response(request, {"detail": str(exc)}, status=400)


class Filters(Schema):
    q: str = ""
    year: str = ""
    region: str = ""
    department: str = ""
    unit: str = ""


class PublishedOut(Schema):
    id: int
    title: str
    unit: str
    year: int | None
    part: int
    url: str
    datapackage: str

    @staticmethod
    def of(d) -> dict[str, Any]:
        return {
            "id": d.pk, "title": str(d), "unit": d.unit.name, "year": d.year, "part": d.part,
            "url": reverse("public:document", args=[d.pk]), "datapackage": reverse("public:document_data", args=[d.pk, "datapackage.json"]),
        }  # fmt: skip


MAX_LIMIT = 200


@public_api.get("/documents", response=list[PublishedOut], summary="公开的绩效目标（按年度、地区、部门、单位筛选与全文搜索）")
@decorate_view(public)
def list_documents(request, filters: Query[Filters], limit: int = 50, offset: int = 0):
    limit, offset = min(max(limit, 1), MAX_LIMIT), max(offset, 0)
    return [PublishedOut.of(d) for d in publication.find_published(filters.dict())[offset : offset + limit]]


@public_api.get("/documents/{pk}", summary="一份公开的绩效目标：总体目标、预算与全部表格（核心模型的 JSON）")
@decorate_view(public)
def get_document(request, pk: int):
    document = publication.get_published(pk, tables=True)
    return {**PublishedOut.of(document), "document": jsonable(to_core(document))}


@public_api.get("/years", summary="有公开绩效目标的年度及其开放数据包")
@decorate_view(public)
def years(request):
    return [{"year": y, "datapackage": reverse("public:year_data", args=[y, "datapackage.json"])} for y in publication.facets()["years"]]


@public_api.get("/analytics", summary="统计：定量指标占比、审核问题、执行率与自评等级、目标与实际（仅公开数据）")
@decorate_view(public)
def figures(request):
    return [{"key": f.key, "title": f.title, "rows": f.records()} for f in analytics.public_figures()]
