"""The public portal (no login): only published documents, everywhere public; withdrawal removes
them; downloads, open data (validated with frictionless), the public API, caching and analytics."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import resolve
from frictionless import validate

from jixiao.analytics import analyse
from jixiao_web import public_urls
from conftest import SEED_002, make_tenant
from jixiao_web.models import DocState, Role, RoundKind, TargetDocument
from jixiao_web.public_api import public_api
from jixiao_web.services import actuals, analytics, publication, rounds, workflow
from jixiao_web.services.export import CoreData
from tests_web_helpers import login

FORMATS = sorted(publication.DOWNLOADS)
PACKAGE_FILES = ("datapackage.json", "indicators.csv", "sections.csv", "datapackage.zip")


def _set_state(document: TargetDocument, state: str) -> TargetDocument:
    TargetDocument.objects.filter(pk=document.pk).update(state=state)
    document.refresh_from_db()
    return document


def document_urls(pk: int) -> list[str]:
    """Every public URL and API path that shows one document."""
    return [
        f"/public/documents/{pk}/",
        *(f"/public/documents/{pk}/download/{fmt}/" for fmt in FORMATS),
        *(f"/public/documents/{pk}/data/{name}" for name in PACKAGE_FILES),
        f"/public/api/documents/{pk}",
    ]


def year_urls(year: int) -> list[str]:
    return [f"/public/data/{year}/{name}" for name in PACKAGE_FILES]


# the public URLs that list documents or figures: they answer, without the unpublished document
LISTINGS = ["/public/", "/public/data/", "/public/analytics/", "/public/analytics/quantitative.csv",
            "/public/api/documents", "/public/api/years", "/public/api/analytics"]  # fmt: skip


def test_every_public_url_and_api_path_is_in_the_matrix(own):
    urls = document_urls(own.document.pk) + year_urls(2024) + LISTINGS
    names = {resolve(u).url_name for u in urls if not u.startswith("/public/api/")}
    assert names == {p.name for p in public_urls.urlpatterns if getattr(p, "name", None)}
    api_paths = {re.sub(r"/\d+$", "/{pk}", u) for u in urls if u.startswith("/public/api/")}
    assert api_paths == set(public_api.get_openapi_schema()["paths"])


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()  # the test databases reuse ids, so one test's stamp may be the next one's


@pytest.fixture
def published(own):
    return _set_state(own.document, DocState.PUBLISHED)


def test_a_published_document_is_open_to_anyone(published):
    anonymous = Client()
    for url in document_urls(published.pk) + year_urls(published.year):
        response = anonymous.get(url)
        assert response.status_code == 200, url
    page = anonymous.get(f"/public/documents/{published.pk}/").content.decode()
    assert "城市低保" in page and "≥10141人次" in page and "甲民政局本级" in page and "规范城乡低保政策实施" in page
    listing = anonymous.get("/public/").content.decode()
    assert f"/public/documents/{published.pk}/" in listing
    ids = [d["id"] for d in anonymous.get("/public/api/documents").json()]
    assert ids == [published.pk]


@pytest.mark.parametrize("state", [s for s in DocState.values if s != DocState.PUBLISHED])
def test_an_unpublished_document_is_404_on_every_public_url_and_api_path(own, state):
    document = _set_state(own.document, state)
    anonymous = Client()
    for url in document_urls(document.pk) + year_urls(document.year):
        assert anonymous.get(url).status_code == 404, (state, url)
    assert f"/public/documents/{document.pk}/" not in anonymous.get(f"/public/?q={document.title[:4]}").content.decode()
    assert anonymous.get("/public/api/documents").json() == []
    assert all(f["rows"] == [] for f in anonymous.get("/public/api/analytics").json())
    assert document.year not in [y["year"] for y in anonymous.get("/public/api/years").json()]
    for url in LISTINGS:
        response = anonymous.get(url)
        assert response.status_code == 200 and own.unit.name not in response.content.decode("utf-8-sig"), url


def test_withdrawing_a_publication_removes_it_everywhere_and_revalidates_caches(own, published):
    anonymous = Client()
    first = anonymous.get(f"/public/documents/{published.pk}/")
    etag = first["ETag"]
    assert "max-age=0" in first["Cache-Control"] and "public" in first["Cache-Control"]
    assert anonymous.get(f"/public/documents/{published.pk}/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    withdrawn = workflow.withdraw(own.users[Role.PERFORMANCE], published)
    assert withdrawn.state == DocState.APPROVED
    assert withdrawn.audit.filter(action="withdraw").exists()
    # the stamp moved: the cached copy is not confirmed, the document is gone
    assert anonymous.get(f"/public/documents/{published.pk}/", HTTP_IF_NONE_MATCH=etag).status_code == 404
    for url in document_urls(published.pk) + year_urls(published.year):
        assert anonymous.get(url).status_code == 404, url
    assert anonymous.get("/public/api/documents").json() == []


def test_withdraw_is_the_performance_sections_step_from_the_page(own, published):
    filer = login(own.users[Role.FILER])
    assert filer.post(f"/documents/{published.pk}/do/withdraw/").status_code == 403
    performance = login(own.users[Role.PERFORMANCE])
    assert "撤回公开" in performance.get(f"/documents/{published.pk}/").content.decode()
    performance.post(f"/documents/{published.pk}/do/withdraw/")
    published.refresh_from_db()
    assert published.state == DocState.APPROVED


def test_search_filters_and_pagination_find_published_documents(own, other, published, django_assert_max_num_queries):
    _set_state(other.document, DocState.PUBLISHED)
    anonymous = Client()
    published.sections.filter(position=2).update(goal="让失能老人就近得到照护")
    indicator_word = published.sections.first().indicators.first().level3
    for q in ("失能老人就近", indicator_word):
        assert f"/public/documents/{published.pk}/" in anonymous.get("/public/", {"q": q}).content.decode(), q
    only_other = anonymous.get("/public/", {"region": other.bureau.pk}).content.decode()
    assert f"/public/documents/{other.document.pk}/\"" in only_other and f"/public/documents/{published.pk}/\"" not in only_other
    assert [d["id"] for d in anonymous.get("/public/api/documents", {"department": own.department.pk}).json()] == [published.pk]
    assert [d["id"] for d in anonymous.get("/public/api/documents", {"unit": own.unit.pk, "limit": 1}).json()] == [published.pk]
    anonymous.get("/public/")  # facets cached
    with django_assert_max_num_queries(4):  # the stamp (two), the count, the rows with unit and department
        assert anonymous.get("/public/", {"page": 1}).status_code == 200
    with django_assert_max_num_queries(5):  # the stamp (two), the document, its sections, their indicators
        first = anonymous.get(f"/public/documents/{published.pk}/")
    with django_assert_max_num_queries(2):  # the stamp: the page was kept under it
        again = Client().get(f"/public/documents/{published.pk}/")
    assert again.content == first.content and again["ETag"] == first["ETag"]


def test_downloads_are_the_core_writers_output(published):
    anonymous = Client()
    xlsx = anonymous.get(f"/public/documents/{published.pk}/download/xlsx/")
    assert xlsx.content[:2] == b"PK" and "attachment" in xlsx["Content-Disposition"]
    assert anonymous.get(f"/public/documents/{published.pk}/download/pdf/").content.startswith(b"%PDF")
    body = anonymous.get(f"/public/documents/{published.pk}/download/json/").json()
    assert set(body) == {"documents"}  # the review's findings are the bureau's, not published
    assert anonymous.get(f"/public/documents/{published.pk}/download/review-xlsx/").status_code == 404


def _fetch_package(client, base: str, folder) -> dict:
    descriptor = client.get(base + "datapackage.json").json()
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    for resource in descriptor["resources"]:
        (folder / resource["path"]).write_bytes(client.get(base + resource["path"]).content)
    return descriptor


def test_open_data_packages_validate_with_frictionless(published, tmp_path):
    anonymous = Client()
    (tmp_path / "doc").mkdir()
    _fetch_package(anonymous, f"/public/documents/{published.pk}/data/", tmp_path / "doc")
    report = validate(tmp_path / "doc" / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = list(csv.DictReader(io.StringIO((tmp_path / "doc" / "indicators.csv").read_text(encoding="utf-8"))))
    assert len(rows) == sum(s.indicators.count() for s in published.sections.all())
    (tmp_path / "year").mkdir()
    descriptor = _fetch_package(anonymous, f"/public/data/{published.year}/", tmp_path / "year")
    assert descriptor["name"] == f"jixiao-{published.year}" and validate(tmp_path / "year" / "datapackage.json").valid
    with zipfile.ZipFile(io.BytesIO(anonymous.get(f"/public/data/{published.year}/datapackage.zip").content)) as z:
        assert sorted(z.namelist()) == ["datapackage.json", "indicators.csv", "sections.csv"]


def test_public_analytics_are_the_cores_figures_of_published_documents_only(own, other, published):
    expected = analyse(analytics.cases(TargetDocument.objects.filter(pk=published.pk), accepted_only=True))
    anonymous = Client()
    figures = {f["key"]: f["rows"] for f in anonymous.get("/public/api/analytics").json()}
    assert figures == {f.key: f.records() for f in expected}
    share = figures["quantitative"][0]
    indicators = [i for s in published.sections.all() for i in s.indicators.all()]
    assert (share["单位"], int(share["指标数"])) == ("甲民政局本级", len(indicators))
    assert int(share["定量指标数"]) == sum(i.parsed.get("kind") in ("quantity", "range", "compound") for i in indicators)
    page = anonymous.get("/public/analytics/").content.decode()
    assert "定量指标占比" in page and "乙民政局本级" not in page  # other's document is not published
    assert anonymous.get("/public/analytics/quantitative.csv").content.decode("utf-8-sig").startswith("年度,单位,指标数")
    assert anonymous.get("/public/analytics/nothing.csv").status_code == 404


def test_bureau_analytics_need_a_login_and_cover_unpublished_documents(own, published):
    assert Client().get("/analytics/").status_code == 302
    _set_state(published, DocState.DRAFT)
    page = login(own.users[Role.PERFORMANCE]).get("/analytics/").content.decode()
    assert "甲民政局本级" in page
    assert "甲民政局本级" not in Client().get("/public/analytics/").content.decode()


EXAMPLE_002 = Path(__file__).parents[2] / "examples" / "actuals" / "002_actuals.xlsx"


def test_execution_and_grades_reach_the_public_only_once_the_self_evaluation_is_accepted(db):
    tenant = make_tenant("丙", SEED_002)
    TargetDocument.objects.filter(unit=tenant.unit).update(state=DocState.PUBLISHED)
    document = TargetDocument.objects.get(unit=tenant.unit, part=2)
    round_ = rounds.open_round(tenant.users[Role.PERFORMANCE], document, RoundKind.EVALUATION)
    actuals.import_workbook(tenant.users[Role.FILER], document, EXAMPLE_002.read_bytes(), "002_actuals.xlsx", True)
    report = CoreData([document]).score()
    budget = sum(s.budget for s in report.sections if s.budget is not None and s.spent is not None)
    spent = sum(s.spent for s in report.sections if s.budget is not None and s.spent is not None)

    bureau = {f.key: f.records() for f in analytics.bureau_figures(tenant.users[Role.PERFORMANCE])}
    row = next(r for r in bureau["execution"] if r["年度"] == str(document.year))
    assert (Decimal(row["预算数（万元）"]), Decimal(row["执行数（万元）"])) == (budget.quantize(Decimal("0.01")), spent.quantize(Decimal("0.01")))
    assert Decimal(row["执行率（%）"]) == (spent * 100 / budget).quantize(Decimal("0.01"))
    assert sum(int(row[g]) for g in ("优", "良", "中", "差", "无法评分")) == int(row["评价项目数"]) == len(report.sections)
    assert Client().get("/public/api/analytics").json()[2]["rows"] == []  # entered, not yet accepted

    rounds.move(tenant.users[Role.FILER], round_, "submit")
    rounds.move(tenant.users[Role.PERFORMANCE], round_, "accept")
    public = {f["key"]: f["rows"] for f in Client().get("/public/api/analytics").json()}
    assert public["execution"] == [row]
    compared = public["actuals"][0]
    assert int(compared["对照指标数"]) == int(compared["达到目标"]) + int(compared["部分达到"]) + int(compared["未达到或无实际值"]) > 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes exist on PostgreSQL only")
def test_the_public_search_can_use_the_goal_and_indicator_trigram_indexes(own):
    sql, params = publication.find_published({"q": "车辆到期续保"}).query.sql_with_params()
    with connection.cursor() as cursor:
        # a tiny test table would be scanned anyway, or walked along another index
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "jx_sec_goal_trgm" in plan and "jx_ind_level3_trgm" in plan, plan
