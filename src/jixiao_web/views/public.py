"""The public portal (no login): published documents, their downloads, open data and analytics;
and the bureau's analytics page (login) beside it.

Every public view is :func:`public`: its answer carries an ETag of the publication stamp and the
URL, and is revalidated on every use (``max-age=0``), so a proxy or browser answers from its copy
with a 304 only while nothing was published or withdrawn since; the server keeps the answer under
the same key, so a page is rendered once per publication state, not once per visitor.
"""

from __future__ import annotations

import hashlib
from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from jixiao.analytics import Figure
from jixiao.write.datapackage import package_zip
from jixiao_web.services import analytics, editing, publication
from jixiao_web.views.common import CountingPaginator, download
from jixiao_web.views.documents import CELL_ATTRS, section_texts

PAGE_SIZE = 20
VERSION = "1"  # bump when the public pages' markup changes, so cached copies are not reused


PAGE_CACHE_BYTES = 2 * 1024 * 1024  # larger answers (a big PDF) are made again rather than kept
KEPT_HEADERS = ("Content-Type", "Content-Disposition")


def public(view):
    """No login; ETag from the publication stamp and the full URL; 304 while it still matches, and
    the answer itself kept in the cache under the same key (so correct until the stamp moves)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        with publication.one_stamp() as at:
            digest = hashlib.sha256(f"{VERSION}|{at}|{request.get_full_path()}".encode()).hexdigest()[:24]
            etag, key = f'"{digest}"', f"jixiao-public-page:{digest}"
            if request.method in ("GET", "HEAD") and etag in request.headers.get("If-None-Match", ""):
                response = HttpResponseNotModified()
            elif request.method == "GET" and (kept := cache.get(key)) is not None:
                response = HttpResponse(kept[0], headers=kept[1])
            else:
                response = view(request, *args, **kwargs)
                if request.method == "GET" and response.status_code == 200 and len(response.content) <= PAGE_CACHE_BYTES:
                    cache.set(key, (response.content, {h: response[h] for h in KEPT_HEADERS if h in response}), 3600)
        if response.status_code in (200, 304):
            response["ETag"] = etag
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        return response

    return wrapped


@public
def index(request: HttpRequest) -> HttpResponse:
    f = request.GET
    page = CountingPaginator(publication.find_published(f), PAGE_SIZE).get_page(f.get("page"))
    context = {
        "page": page,
        "facets": publication.facets(),
        "filters": {k: f.get(k, "") for k in publication.FILTERS},
        "query": urlencode({k: f[k] for k in publication.FILTERS if f.get(k)}),
    }
    return render(request, "jixiao_web/public/index.html", context)


@public
def document(request: HttpRequest, pk: int) -> HttpResponse:
    document = publication.get_published(pk, tables=True)
    stored = document.sections.all()
    # the document's columns only (no 指标描述 column where no row has one), as the bureau's page
    columns = editing.cells_of((i.description, i.cycle_target_raw) for s in stored for i in s.indicators.all())
    sections = [
        {"section": s, "texts": section_texts(s), "rows": [[getattr(i, CELL_ATTRS.get(c, c)) for c in columns] for i in s.indicators.all()]}
        for s in stored
    ]
    context = {
        "document": document,
        "sections": sections,
        "texts": [(label, text) for label, text in document.texts if text.strip()],
        "budget": document.budget,
        "columns": columns,
        "downloads": publication.DOWNLOADS.values(),
    }
    return render(request, "jixiao_web/public/document.html", context)


@public
def document_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    return download(*publication.download(pk, fmt))


CONTENT_TYPES = {"json": "application/json; charset=utf-8", "csv": "text/csv; charset=utf-8"}


def _package_file(files: dict[str, bytes], name: str, zip_name: str) -> HttpResponse:
    """One file of an open-data package at its stable URL, or the whole package as a zip."""
    if name == "datapackage.zip":
        return download(zip_name, "application/zip", package_zip(files))
    if name not in files:
        raise Http404("开放数据包中没有这个文件。")
    return HttpResponse(files[name], content_type=CONTENT_TYPES[name.rsplit(".", 1)[-1]])


@public
def document_data(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    return _package_file(publication.document_package(pk), name, f"jixiao-document-{pk}.zip")


@public
def data_index(request: HttpRequest) -> HttpResponse:
    return render(request, "jixiao_web/public/data.html", {"years": publication.facets()["years"]})


@public
def year_data(request: HttpRequest, year: int, name: str) -> HttpResponse:
    return _package_file(publication.year_package(year), name, f"jixiao-{year}.zip")


# How each figure is drawn: the columns that label a bar, the columns drawn (with their colours:
# severities and grades as the bureau's pages colour them), stacked or side by side, and whether
# rows with the same label are added up (findings: per rule over all units).
SEVERITY_COLOURS = ["#b42318", "#d68a00", "#8a94a3"]
GRADE_COLOURS = ["#16623a", "#1d5fa8", "#d68a00", "#b42318", "#b8c1cc"]
CHARTS = {
    "quantitative": {"x": ["年度", "单位"], "series": ["定量占比（%）"], "colours": ["#1d5fa8"], "stack": False, "sum": False},
    "findings": {"x": ["规则"], "series": ["错误", "警告", "提示"], "colours": SEVERITY_COLOURS, "stack": True, "sum": True},
    "execution": {"x": ["年度", "单位"], "series": ["执行率（%）"], "colours": ["#1d5fa8"], "stack": False, "sum": False},
    "grades": {"x": ["年度", "单位"], "series": ["优", "良", "中", "差", "无法评分"], "colours": GRADE_COLOURS, "stack": True, "sum": False},
    "actuals": {"x": ["年度", "单位"], "series": ["达到目标", "部分达到", "未达到或无实际值"], "colours": [GRADE_COLOURS[0], GRADE_COLOURS[2], GRADE_COLOURS[3]], "stack": True, "sum": False},
}
# the execution figure is drawn twice: its rate, and the grades of the same rows
DRAWN = {"execution": ("execution", "grades")}


def _analytics(request: HttpRequest, figures: list[Figure], audience: str) -> HttpResponse:
    charts = [
        {"id": chart, "key": f.key, "title": f.title if chart != "grades" else "自评等级", "columns": f.columns,
         "rows": [[str(v) if v is not None else "" for v in row] for row in f.rows], **CHARTS[chart]}
        for f in figures for chart in DRAWN.get(f.key, (f.key,))
    ]  # fmt: skip
    base = "jixiao_web/public/base.html" if audience == "public" else "jixiao_web/base.html"
    return render(request, "jixiao_web/public/analytics.html", {"charts": charts, "figures": figures, "audience": audience, "base": base})


def _figure_csv(figures: list[Figure], key: str) -> HttpResponse:
    figure = next((f for f in figures if f.key == key), None)
    if figure is None:
        raise Http404("没有这张图。")
    return download(f"jixiao-{key}.csv", "text/csv", figure.csv())


@public
def public_analytics(request: HttpRequest) -> HttpResponse:
    return _analytics(request, analytics.public_figures(), "public")


@public
def public_analytics_csv(request: HttpRequest, key: str) -> HttpResponse:
    return _figure_csv(analytics.public_figures(), key)


@login_required
def bureau_analytics(request: HttpRequest) -> HttpResponse:
    return _analytics(request, analytics.bureau_figures(request.user), "bureau")


@login_required
def bureau_analytics_csv(request: HttpRequest, key: str) -> HttpResponse:
    return _figure_csv(analytics.bureau_figures(request.user), key)
