"""Findings are attached to the exact section they name, and the parts of one file are reviewed
together — after import and after every edit — as ``jixiao review`` reviews the file."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable

from jixiao.cli import main as jixiao
from jixiao.read import read_path
from jixiao.review import review
from jixiao_web.models import Role, StoredFinding, TargetDocument
from jixiao_web.services import editing, imports
from tests_web_helpers import edit_of, seed_path

SEED_002 = seed_path("002")
SEED_004 = seed_path("004")  # a special-fund summary, its spending directions and a department table


def _cli_review(path, capsys) -> Counter:
    capsys.readouterr()
    jixiao(["review", "--format", "json", "--fail-on", "never", str(path)])
    found = json.loads(capsys.readouterr().out)["findings"]
    keys = ("section_code", "section_name", "row_no", "field")
    return Counter((f["code"], f["message"], *(f["location"][k] for k in keys)) for f in found)


def _stored(documents: Iterable[TargetDocument]) -> Counter:
    rows = StoredFinding.objects.filter(document__in=list(documents)).select_related("section")
    return Counter(
        (f.code, f.message, f.section.code if f.section else "", f.section.name if f.section else "", f.row_no, f.field)
        for f in rows
    )


def _import(tenant, path) -> list[TargetDocument]:
    return imports.import_file(tenant.users[Role.FILER], tenant.unit, path.read_bytes(), path.name)


def test_two_sections_with_the_same_code_and_name_keep_their_own_findings(own):
    parts = _import(own, SEED_002)
    book = next(d for d in parts if d.part == 2)
    twins = [s for s in book.sections.all() if (s.code, s.name) == ("13030322P00391410001H", "汽车保险费")]
    assert len(twins) == 2
    # every review finding sits on the section whose position the core names, not the first twin
    core = review(read_path(SEED_002).documents)
    expected = Counter((f.location.part, f.location.section_index, f.code, f.message) for f in core if f.location.section_index)
    stored = StoredFinding.objects.filter(document__in=parts, origin=StoredFinding.Origin.REVIEW).exclude(section=None)
    stored = stored.select_related("document", "section")
    assert Counter((f.document.part, f.section.position, f.code, f.message) for f in stored) == expected
    assert all(s.findings.exists() for s in twins)


def test_a_cross_part_finding_appears_after_import_as_the_cli_reports_it(own, capsys):
    parts = _import(own, SEED_004)
    assert len(parts) == 3
    assert _stored(parts) == _cli_review(SEED_004, capsys)
    directions = next(d for d in parts if d.part == 2)
    # the fund's goal differs between the summary (part 1) and its spending direction (part 2)
    assert set(directions.findings.filter(code="JX165").values_list("section__name", flat=True)) == {"城市低保户", "农村低保户"}
    assert sum(d.findings.count() for d in parts) == sum(_cli_review(SEED_004, capsys).values())


def test_editing_one_part_updates_the_findings_of_the_others(own, capsys, tmp_path):
    parts = _import(own, SEED_004)
    summary, directions = parts[0], parts[1]
    # make the summary's goal for 城市低保金 (part 1) agree with its spending direction (part 2)
    fund = summary.sections.get(name="城市低保金")
    goal = directions.sections.get(name="城市低保户").goal
    editing.save_section(own.users[Role.FILER], fund, edit_of(fund, values={"goal": goal}))
    # the same edit made in the file itself: 城市低保金's year goal is the second such text (the
    # first is its whole-period goal, a field the editor does not change)
    edited = tmp_path / SEED_004.name
    head, between, rest = SEED_004.read_text(encoding="utf-8").split("按文件做好困难群众生活保障工作", 2)
    edited.write_text(head + "按文件做好困难群众生活保障工作" + between + goal + rest, encoding="utf-8")
    assert _stored(parts) == _cli_review(edited, capsys)
    directions.refresh_from_db()
    assert list(directions.findings.filter(code="JX165").values_list("section__name", flat=True)) == ["农村低保户"]
    assert directions.error_count == directions.findings.filter(severity="error").count()
    assert directions.warning_count == directions.findings.filter(severity="warning").count()


def test_a_file_imported_twice_is_two_files(own):
    first, second = _import(own, SEED_004), _import(own, SEED_004)
    assert len({d.file_group for d in first}) == 1 and len({d.file_group for d in second}) == 1
    assert first[0].file_group != second[0].file_group
    fund = first[0].sections.get(name="城市低保金")
    editing.save_section(own.users[Role.FILER], fund, edit_of(fund, values={"goal": "随便写的目标"}))
    # the second copy's findings are its own file's, untouched by the edit of the first
    assert second[1].findings.filter(code="JX165").count() == 2


def test_documents_stored_before_file_groups_are_grouped_by_their_run_of_parts(own):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("jixiao_web.migrations.0007_file_groups")
    first, second = _import(own, SEED_004), _import(own, SEED_004)
    TargetDocument.objects.update(file_group=None)
    migration.group_existing(apps, None)
    groups = {d.pk: d.file_group for d in TargetDocument.objects.all()}
    assert len({groups[d.pk] for d in first}) == len({groups[d.pk] for d in second}) == 1
    assert groups[first[0].pk] != groups[second[0].pk] != groups[own.document.pk]


def test_the_review_export_of_one_part_has_its_cross_part_findings(own):
    import io

    from openpyxl import load_workbook

    from jixiao_web.services.export import export

    parts = _import(own, SEED_004)
    directions = parts[1]
    _, _, content = export([directions], "review-xlsx")
    cells = [str(c.value) for ws in load_workbook(io.BytesIO(content)) for row in ws.iter_rows() for c in row if c.value]
    assert sum("JX165" in c for c in cells) == directions.findings.filter(code="JX165").count() == 2
    assert sum(c.startswith("JX") and len(c) == 5 for c in cells) == directions.findings.count()
