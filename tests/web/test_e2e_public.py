"""The public portal in headless Chromium as an anonymous visitor: find a published document by
an indicator's name, open it, print it, download it; see the analytics charts; a withdrawn
document is gone. Screenshots go to test-artifacts/web/."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from jixiao_web.models import DocState, Role, TargetDocument
from jixiao_web.services import workflow
from test_e2e import ARTIFACTS, CHROMIUM, browser  # noqa: F401 (the fixture)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="需要 Debian 的 chromium（.ci/run 会安装）"),
]


def test_anonymous_visitor_finds_opens_prints_and_downloads_a_published_document(browser, live_server, own, other):  # noqa: F811
    TargetDocument.objects.filter(pk=own.document.pk).update(state=DocState.PUBLISHED)
    errors: list[str] = []
    page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN", accept_downloads=True)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: m.type == "error" and "404" not in m.text and errors.append(m.text))

    page.goto(f"{live_server.url}/public/")
    expect(page.locator("table.grid tbody tr")).to_have_count(1)  # other's draft is not there
    page.fill("input[name=q]", "贫困大学生救助")
    page.click("button:has-text('查找')")
    page.click(f"a[href='/public/documents/{own.document.pk}/']")
    expect(page.locator("h1")).to_contain_text("2024年部门整体支出绩效目标批复表")
    expect(page.locator("text=≥10141人次")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "public-01-document.png"))

    page.emulate_media(media="print")  # the print stylesheet: the tables alone
    expect(page.locator("header.top")).to_be_hidden()
    expect(page.locator("nav.actions")).to_be_hidden()
    expect(page.locator("text=≥10141人次")).to_be_visible()
    page.emulate_media(media="screen")

    with page.expect_download() as download:
        page.click("text=下载正式表样（Excel）")
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert any("城市低保" in str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value)
    with page.expect_download() as download:
        page.click("text=下载指标明细（CSV）")
    assert "≥10141人次" in Path(download.value.path()).read_text(encoding="utf-8-sig")

    page.goto(f"{live_server.url}/public/analytics/")
    expect(page.locator("#chart-quantitative canvas")).to_be_visible()  # ECharts drew it
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTIFACTS / "public-02-analytics.png"), full_page=True)
    with page.expect_download() as download:
        page.locator("a:has-text('下载数据（CSV）')").first.click()
    assert Path(download.value.path()).read_text(encoding="utf-8-sig").startswith("年度,单位,指标数")

    workflow.withdraw(own.users[Role.PERFORMANCE], TargetDocument.objects.get(pk=own.document.pk))
    response = page.goto(f"{live_server.url}/public/documents/{own.document.pk}/")
    assert response.status == 404
    page.goto(f"{live_server.url}/public/")
    expect(page.locator("text=没有符合条件的公开文档。")).to_be_visible()
    assert errors == []
