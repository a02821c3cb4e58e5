"""The section editor's grid as Chromium lays it out (Debian's chromium through Playwright): a
4-character 一级指标 and a typical 指标值 are seen whole, long text wraps in a growing cell, and the
live check takes no more than a fifth of the grid."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.db import connections

from jixiao_web.models import Role
from jixiao_web.services import imports
from tests_web_helpers import seed_path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PASSWORD = "correct horse battery staple"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="需要 Debian 的 chromium（.ci/run 会安装）"),
]


@pytest.fixture
def page(transactional_db, live_server, monkeypatch, own):
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN")
        page.goto(f"{live_server.url}/login/")
        page.fill("input[name=username]", own.users[Role.FILER].username)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        yield page
        browser.close()
        connections.close_all()


def _box(page, name):
    return page.locator(f"[name='{name}']").evaluate(
        "e => ({sw: e.scrollWidth, cw: e.clientWidth, h: e.getBoundingClientRect().height, w: e.getBoundingClientRect().width})"
    )


def test_editor_cells_are_wide_enough_and_long_text_wraps(page, live_server, own):
    seed = seed_path("002")
    documents = imports.import_file(own.users[Role.FILER], own.unit, seed.read_bytes(), seed.name)
    section = next(s for d in documents for s in d.sections.all() if s.indicators.exclude(description="").exists())
    page.goto(f"{live_server.url}/sections/{section.pk}/edit/")
    page.fill("[name='row-0-level1']", "产出指标")
    level1 = _box(page, "row-0-level1")
    assert level1["sw"] <= level1["cw"], level1  # 产出指标 whole, not 产出扌
    page.fill("[name='row-0-level1']", "满意度指标")
    longest = _box(page, "row-0-level1")
    assert longest["sw"] <= longest["cw"], longest  # the longest standard 一级指标, not 满意度指·
    page.fill("[name='row-0-target_raw']", "1")
    one_line = _box(page, "row-0-target_raw")["h"]
    page.fill("[name='row-0-target_raw']", "依据政策文件规定标准值")
    assert _box(page, "row-0-target_raw")["h"] == one_line  # seen whole on one line
    page.fill("[name='row-0-level3']", "城乡低保标准达标率、流浪应救人员的救助率、特困人员供养准确率、孤儿基本生活保障率")
    assert _box(page, "row-0-level3")["h"] > one_line * 1.5  # a long name wraps and the cell grows
    assert page.locator("[name='row-0-description']").is_visible()  # seed 002 has descriptions
    grid = page.locator("table.editor").evaluate("e => e.getBoundingClientRect().width")
    live = page.locator("table.editor td.live").first.evaluate("e => e.getBoundingClientRect().width")
    assert live <= grid / 5, (live, grid)
