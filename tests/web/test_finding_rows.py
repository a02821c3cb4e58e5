"""A finding about several indicator rows (JX175 on seed 002's P33: rows 1–9) keeps all of them,
and both the document grid and the section editor mark every one."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from jixiao_web.models import Role, StoredFinding
from jixiao_web.services import imports, tokens
from jixiao_web.views.documents import section_link
from tests_web_helpers import login, seed_path

P33_ROWS = list(range(1, 10))


@pytest.fixture
def p33(own):
    seed = seed_path("002")
    imports.import_file(own.users[Role.FILER], own.unit, seed.read_bytes(), seed.name)
    finding = StoredFinding.objects.get(code="JX175")
    assert (finding.document.part, finding.section.position) == (2, 33)  # P33: the 33rd table
    return own, finding


def _marked(html: str, row_tag: str) -> list[int]:
    return [int(n) for n in re.findall(row_tag, html)]


def test_the_finding_stores_every_row_it_covers(p33):
    _, finding = p33
    assert (finding.row_no, finding.rows, finding.covered) == (1, P33_ROWS, P33_ROWS)
    assert "指标第1–9行" in finding.where


def test_the_document_grid_marks_every_covered_row_and_lists_the_finding_once(p33):
    own, finding = p33
    page = section_link(finding.document, finding.section_id).split("#")[0]  # P33 is on a later page
    assert "?page=" in page
    html = login(own.users[Role.FILER]).get(page).content.decode()
    card = html[html.index(f'id="section-{finding.section_id}"') :]
    card = card[: card.index("</section>")]
    assert _marked(card, r'<tr class="has-finding"><td>(\d+)</td>') == P33_ROWS
    assert card.count("[JX175 ") == 1


def test_the_editor_marks_every_covered_row_and_the_live_check_keeps_it(p33):
    own, finding = p33
    client = login(own.users[Role.FILER])
    html = client.get(reverse("section_edit", kwargs={"pk": finding.section_id})).content.decode()
    assert [n + 1 for n in _marked(html, r'<tr data-row="(\d+)" class="has-finding">')] == P33_ROWS
    assert html.count("[JX175 ") == len(P33_ROWS)
    row = finding.section.indicators.get(position=5)
    fields = {n: getattr(row, n) for n in ("level1", "level2", "level3", "description", "target_raw", "basis")}
    checked = client.post(reverse("check_row", kwargs={"pk": finding.section_id}), {**fields, "position": "5"}).json()
    assert "JX175" in [f["code"] for f in checked["findings"]]  # row 5 is not the first, and still covered


def test_the_api_gives_every_covered_row(p33):
    own, finding = p33
    headers = {"HTTP_AUTHORIZATION": f"Bearer {tokens.issue(own.users[Role.FILER], 'test')}"}
    body = login(own.users[Role.FILER]).get(f"/api/documents/{finding.document_id}", **headers).json()
    jx175 = next(f for f in body["findings"] if f["code"] == "JX175")
    assert (jx175["row_no"], jx175["rows"]) == (1, P33_ROWS)
    assert all(f["rows"][:1] == ([f["row_no"]] if f["row_no"] else []) for f in body["findings"])  # row_no first
