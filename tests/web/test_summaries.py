"""What the main pages read instead of counting at request time: the per-document finding counts
behind the dashboard chart, the current round beside each listed document, and (on PostgreSQL) the
trigram indexes behind the search."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Count
from django.urls import reverse

from conftest import SEED_002, make_tenant
from jixiao_web.models import DocState, Role, RoundKind, RoundState, StoredFinding, TargetDocument
from jixiao_web.services import editing, imports, rounds, workflow
from jixiao_web.services.errors import ServiceError
from jixiao_web.views.dashboard import finding_kinds
from tests_web_helpers import login


def _direct(documents) -> dict[tuple[str, str], int]:
    rows = StoredFinding.objects.filter(document__in=documents).values_list("code", "severity").annotate(n=Count("pk"))
    return {(code, severity): n for code, severity, n in rows.order_by()}


def _summed(documents) -> dict[tuple[str, str], int]:
    kinds = finding_kinds(TargetDocument.objects.filter(pk__in=documents).values_list("finding_counts", flat=True), top=10_000)
    return {(code, severity): n for code, severity, n in kinds}


def _assert_counts_match(document: TargetDocument) -> None:
    document.refresh_from_db()
    assert _summed([document.pk]) == _direct([document.pk])
    assert document.error_count == StoredFinding.objects.filter(document=document, severity="error").count()
    assert document.warning_count == StoredFinding.objects.filter(document=document, severity="warning").count()


def test_finding_counts_follow_import_edit_and_re_review(own):
    document, filer = own.document, own.users[Role.FILER]
    _assert_counts_match(document)  # after import: read and review findings both counted
    assert document.finding_counts["JX111"]["error"] > 0
    section = document.findings.filter(code="JX111").select_related("section").first().section
    before = document.finding_counts["JX111"]["error"]
    rows = [{n: getattr(i, n) for n in editing.GRID_FIELDS} | {"position": str(i.position)} for i in section.indicators.all()]
    for row in rows:
        row["target_raw"] = row["target_raw"] or "≥95%"
    editing.save_section(filer, section, editing.SectionEdit(version=section.version, rows=rows))
    _assert_counts_match(document)
    document.refresh_from_db()
    assert document.finding_counts.get("JX111", {}).get("error", 0) < before
    # Submitting re-reviews (and is refused while errors remain); the counts stay the direct ones.
    StoredFinding.objects.filter(document=document, origin=StoredFinding.Origin.REVIEW, code="JX104").delete()
    with pytest.raises(ServiceError):
        workflow.submit(filer, document)
    _assert_counts_match(document)


def test_the_dashboard_chart_equals_a_direct_count(own, other):
    seed_parts = imports.import_file(own.users[Role.FILER], own.unit, SEED_002.read_bytes(), SEED_002.name)
    mine = [own.document.pk, *(d.pk for d in seed_parts)]
    assert _summed(mine) == _direct(mine)
    page = login(own.users[Role.PERFORMANCE]).get(reverse("dashboard"))
    chart = page.context["chart"]
    shown = list(zip(chart["codes"], chart["severities"], chart["counts"], strict=True))
    direct = _direct(mine)
    assert len(shown) == min(20, len(direct))
    assert all(direct[code, severity] == n for code, severity, n in shown)  # the other bureau's are not added
    assert [n for *_, n in shown] == sorted(direct.values(), reverse=True)[: len(shown)]
    # each bar is named for a clerk, not only by its code (the tooltip shows it)
    titles = dict(zip(chart["codes"], chart["titles"], strict=True))
    assert titles["JX134"] == "金额或补助标准写在数量或质量指标下"
    assert chart["severity_labels"]["error"] == "错误"


def test_finding_kinds_adds_documents_and_orders_by_count_then_code():
    summaries = [{"JX111": {"error": 2}, "JX145": {"warning": 1}}, {"JX111": {"error": 1, "warning": 1}, "JX020": {"hint": 1}}]
    assert finding_kinds(summaries) == [
        ("JX111", "error", 3), ("JX020", "hint", 1), ("JX111", "warning", 1), ("JX145", "warning", 1),
    ]  # fmt: skip
    assert finding_kinds(summaries, top=1) == [("JX111", "error", 3)]


def test_the_list_shows_each_documents_current_round(db):
    tenant = make_tenant("丁", SEED_002)
    TargetDocument.objects.filter(unit=tenant.unit).update(state=DocState.PUBLISHED)
    first, second = TargetDocument.objects.filter(unit=tenant.unit).order_by("part")
    performance = tenant.users[Role.PERFORMANCE]
    done = rounds.open_round(performance, second, RoundKind.MONITOR, "6月底")
    done.state = RoundState.ACCEPTED
    done.save()
    rounds.open_round(performance, second, RoundKind.EVALUATION)  # in progress: shown before the accepted one
    listed = {d.pk: rounds.current_of(d) for d in rounds.with_current_round(TargetDocument.objects.filter(unit=tenant.unit))}
    assert listed[first.pk] is None
    assert str(listed[second.pk]) == str(rounds.current(second)) == "单位自评（12月底）"
    assert listed[second.pk].state == rounds.current(second).state == RoundState.OPEN
    page = login(tenant.users[Role.ADMIN]).get(reverse("documents")).content.decode()
    assert "单位自评（12月底）</a> <span class=\"state state-open\">填报中</span>" in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes exist on PostgreSQL only")
def test_the_search_can_use_the_trigram_indexes(own):
    from jixiao_web.services.queries import find_documents

    sql, params = find_documents(own.users[Role.ADMIN], {"q": "汽车保险费"}).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny test table would be scanned anyway
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "jx_sec_name_trgm" in plan and "jx_sec_code_trgm" in plan, plan


@pytest.mark.django_db(transaction=True)  # migrating changes the schema, which SQLite refuses inside a transaction
def test_migration_0005_counts_the_findings_already_stored():
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("jixiao_web", "0004_year_rounds")])
    old = executor.loader.project_state([("jixiao_web", "0004_year_rounds")]).apps
    unit = old.get_model("jixiao_web", "Organisation").objects.create(kind="unit", name="单位", path="/1/")
    document = old.get_model("jixiao_web", "TargetDocument").objects.create(unit=unit, kind="project")
    rows = [("JX111", "error"), ("JX111", "error"), ("JX111", "warning"), ("JX145", "warning")]
    findings = old.get_model("jixiao_web", "StoredFinding")
    for code, severity in rows:
        findings.objects.create(document=document, origin="review", code=code, severity=severity, message="…")
    executor = MigrationExecutor(connection)  # reload: the graph now starts from 0004
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert TargetDocument.objects.get(pk=document.pk).finding_counts == {"JX111": {"error": 2, "warning": 1}, "JX145": {"warning": 1}}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the dashboard keeps its chart on PostgreSQL only (by the rows' versions)")
def test_the_kept_dashboard_chart_follows_every_write(own, other, monkeypatch):
    from jixiao_web.services.access import visible_documents
    from jixiao_web.views import dashboard

    computed = []
    real = dashboard.chart
    monkeypatch.setattr(dashboard, "chart", lambda documents: computed.append(1) or real(documents))
    admin, filer = own.users[Role.ADMIN], own.users[Role.FILER]
    client = login(admin)

    def shown(expect_computed: int) -> dict:
        chart = client.get(reverse("dashboard")).context["chart"]
        assert len(computed) == expect_computed
        assert chart == real(visible_documents(admin))  # what a fresh count gives: never a stale one
        return chart

    first = shown(1)
    assert shown(1) == first  # kept while nothing was written
    # a review's finding counts (an edit re-reviews the section)
    section = own.document.findings.filter(code="JX111").select_related("section").first().section
    rows = [{n: getattr(i, n) for n in editing.GRID_FIELDS} | {"position": str(i.position)} for i in section.indicators.all()]
    for row in rows:
        row["target_raw"] = row["target_raw"] or "≥95%"
    editing.save_section(filer, section, editing.SectionEdit(version=section.version, rows=rows))
    assert shown(2)["counts"] != first["counts"]
    # an execution summary
    summary = {"checkpoints": ["6月底"], "budget": "100", "planned": ["50"], "spent": ["20"]}
    TargetDocument.objects.filter(pk=own.document.pk).update(execution=summary)
    with_summary = shown(3)
    assert with_summary["execution"]["spent"] == ["20"]
    # a new document, then its deletion: the same rows as before, for which the kept chart is right
    added = imports.import_file(filer, own.unit, SEED_002.read_bytes(), SEED_002.name)
    assert shown(4) != with_summary
    TargetDocument.objects.filter(pk__in=[d.pk for d in added]).delete()
    assert shown(4) == with_summary
    # another bureau's administrator sees their own documents' chart, not the one kept for this one
    assert login(other.users[Role.ADMIN]).get(reverse("dashboard")).context["chart"] == real(visible_documents(other.users[Role.ADMIN]))
