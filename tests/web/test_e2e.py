"""End to end in headless Chromium (Debian's, driven by Playwright): log in, import a seed, see
its findings, be refused on submit, fix the cells, submit, be returned with a comment, fix,
get reviewed, approved and published, and export; then a monitoring round (enter actuals, see the
warnings and the spending chart) and the self-evaluation (see the score). Screenshots go to
test-artifacts/web/."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from django.db import connections

from jixiao_web.models import DocState, TargetDocument
from tests_web_helpers import SEED_001_NAME, seed_path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
PASSWORD = "correct horse battery staple"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="需要 Debian 的 chromium（.ci/run 会安装）"),
]


@pytest.fixture
def browser(transactional_db, live_server, monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still sync.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()
        # ORM calls made while Playwright's loop runs get their own connection (Django keys
        # connections by context there); close it here, in that context, before the flush.
        connections.close_all()


def _login(browser, live_server, username, script_errors):
    page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page.on("pageerror", lambda error: script_errors.append(f"{username}: {error}"))
    page.on("console", lambda m: m.type == "error" and script_errors.append(f"{username}: {m.text}"))
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return page


def _shot(page, name):
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def _edit_cells(page, live_server, document, section_name, changes):
    from playwright.sync_api import expect

    section = document.sections.get(name=section_name)
    page.goto(f"{live_server.url}/sections/{section.pk}/edit/")
    for (row, field), value in changes.items():
        box = page.locator(f"[name='row-{row - 1}-{field}']")  # inputs and text cells
        box.fill(value)
        if field == "target_raw":  # the live check shows the core's reading of what was typed
            live = page.locator(f"tr[data-row='{row - 1}'] .parsed")
            expect(live).not_to_have_text("（空）")
    return page


def test_declare_review_approve_publish_export(browser, live_server, own):
    from playwright.sync_api import expect

    errors: list[str] = []
    # the filer imports seed 001 and sees its findings
    filer = _login(browser, live_server, "甲_filer", errors)
    _shot(filer, "01-dashboard-filer")
    filer.click("text=导入")
    filer.set_input_files("input[name=file]", str(seed_path(SEED_001_NAME)))
    filer.click("button:has-text('上传并预览')")
    expect(filer.locator("text=读到 1 份目标表")).to_be_visible()
    _shot(filer, "02-import-preview")
    filer.click("button:has-text('确认导入')")
    expect(filer.locator(".msg-success")).to_contain_text("已导入")
    document = TargetDocument.objects.latest("pk")
    expect(filer.locator(".finding.sev-error").first).to_contain_text("JX111")
    _shot(filer, "03-document-with-findings")

    # submitting with errors is refused and lists them
    filer.click("button:has-text('提交')")
    expect(filer.locator(".msg-error")).to_contain_text("还有 4 个错误级问题")
    _shot(filer, "04-submit-refused")

    # fix the cells in the editor; the live check shows the parsed value
    _edit_cells(filer, live_server, document, "社会事务", {(5, "target_raw"): "100%", (11, "target_raw"): "≥95%"})
    expect(filer.locator("tr[data-row='4'] .parsed")).to_have_text("定量 = 100 %")
    _shot(filer, "05-section-editor")
    filer.click("button:has-text('保存')")
    expect(filer.locator(".msg-success")).to_contain_text("已保存")
    _edit_cells(filer, live_server, document, "其他民政管理事务",
                {(10, "level3"): "新增自聘人员工资", (16, "target_raw"): "≥12个月"})  # fmt: skip
    filer.click("button:has-text('保存')")
    expect(filer.locator(".msg-success")).to_contain_text("已保存")
    filer.goto(f"{live_server.url}/documents/{document.pk}/")
    filer.click("button:has-text('提交')")
    expect(filer.locator(".msg-success")).to_contain_text("已提交")

    # the department's reviewer comments on a cell and returns it
    reviewer = _login(browser, live_server, "甲_dept_approver", errors)
    expect(reviewer.locator("text=我的待办")).to_be_visible()
    reviewer.goto(f"{live_server.url}/documents/{document.pk}/")
    social = document.sections.get(name="社会事务")
    cell = reviewer.locator(f"form:has(input[name=section][value='{social.pk}']):has(input[name=row][value='8'])")
    cell.locator("xpath=..").locator("summary").click()
    cell.locator("textarea").fill("“稳步提升”不可衡量，请写明提升到多少。")
    cell.locator("button").click()
    expect(reviewer.locator(".msg-success")).to_contain_text("意见已保存")
    reviewer.locator("textarea[name=comment]").fill("请按指标行上的意见修改后再提交。")
    reviewer.click("button:has-text('退回')")
    expect(reviewer.locator(".msg-success")).to_contain_text("已退回")
    _shot(reviewer, "06-returned-with-comment")

    # the filer sees the comment, fixes, submits again
    filer.goto(f"{live_server.url}/documents/{document.pk}/")
    expect(filer.locator(".comment").first).to_contain_text("请按指标行上的意见修改")
    row_notes = filer.locator(f"#section-{social.pk} tr.notes[data-row='8']")  # under indicator row 8
    expect(row_notes.locator(".comment")).to_contain_text("稳步提升")
    row_notes.scroll_into_view_if_needed()
    _shot(filer, "06b-filer-sees-cell-comment")
    _edit_cells(filer, live_server, document, "社会事务", {(8, "target_raw"): "人均补助水平≥3000元"})
    filer.click("button:has-text('保存')")
    filer.goto(f"{live_server.url}/documents/{document.pk}/")
    filer.click("button:has-text('提交')")
    expect(filer.locator(".msg-success")).to_contain_text("已提交")

    # passed on by the department, reviewed by the business section, approved and published by the
    # performance section
    reviewer.goto(f"{live_server.url}/documents/{document.pk}/")
    reviewer.click("button:has-text('审核通过并报财政')")
    expect(reviewer.locator(".msg-success")).to_contain_text("已审核通过并报财政")
    business = _login(browser, live_server, "甲_business_reviewer", errors)
    business.goto(f"{live_server.url}/documents/{document.pk}/")
    business.click("button:has-text('审核通过')")
    expect(business.locator(".msg-success")).to_contain_text("已审核通过")
    performance = _login(browser, live_server, "甲_performance", errors)
    performance.goto(f"{live_server.url}/documents/{document.pk}/")
    performance.click("button:has-text('批复')")
    performance.click("button:has-text('公开')")
    expect(performance.locator(".msg-success")).to_contain_text("已公开")
    document.refresh_from_db()
    assert document.state == DocState.PUBLISHED
    performance.click("text=公开门户中的页面")
    expect(performance.locator("article.public-document h1")).to_be_visible()
    _shot(performance, "07-publication")
    performance.goto(f"{live_server.url}/documents/{document.pk}/history/")
    expect(performance.locator("td.ins").first).to_be_visible()
    _shot(performance, "08-history")

    # export through the core's CSV writer
    performance.goto(f"{live_server.url}/documents/{document.pk}/")
    performance.click("summary:has-text('导出')")
    with performance.expect_download() as download:
        performance.click("text=指标明细（CSV）")
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert content.startswith("file,unit,section_code") and "新增自聘人员工资" in content
    performance.goto(f"{live_server.url}/")
    expect(performance.locator("#chart-findings canvas")).to_be_visible()  # ECharts drew the chart
    performance.wait_for_timeout(1200)  # let the bars finish their animation for the screenshot
    _shot(performance, "09-dashboard-performance")
    performance.goto(f"{live_server.url}/documents/")
    _shot(performance, "10-document-list")
    assert re.search(r"已公开", performance.content())
    _year(performance, filer, live_server, document)
    assert os.path.exists(ARTIFACTS / "05-section-editor.png")
    assert errors == []


def _enter_actuals(filer, live_server, section, spent, reached, **first_row):
    from playwright.sync_api import expect

    filer.goto(f"{live_server.url}/sections/{section.pk}/actuals/")
    filer.fill("input[name=adjusted_budget]", "120")  # seed 001 has no amounts: the budget to measure against
    filer.fill("input[name=spent]", spent)
    filer.fill("input[name='row-1-reached']", reached)
    for name, value in first_row.items():
        filer.locator(f"[name='row-1-{name}']").fill(value) if name == "action" else filer.select_option(f"select[name='row-1-{name}']", value)
    filer.click("button:has-text('保存')")
    expect(filer.locator(".msg-success")).to_contain_text("执行数据已保存")


def _year(performance, filer, live_server, document):
    """After publication: a 6月底 monitoring round, then the year-end self-evaluation."""
    from playwright.sync_api import expect

    social = document.sections.get(name="社会事务")
    performance.goto(f"{live_server.url}/documents/{document.pk}/")
    performance.click("text=运行监控与自评")
    performance.select_option("select[name=checkpoint]", "6月底")
    performance.click("button:has-text('开始新一轮')")
    expect(performance.locator("#round-state")).to_contain_text("运行监控（6月底） · 填报中")
    _shot(performance, "11a-year-rounds")
    # 30 of 120 spent by 6月底 (25 % against 50 % of the year), and the unit doubts the first target
    _enter_actuals(filer, live_server, social, "30", "20人", likelihood="有可能", reason="人员保障", action="增派人员")
    _shot(filer, "11-enter-actuals")
    filer.goto(f"{live_server.url}/documents/{document.pk}/monitor/?at=6月底")
    card = filer.locator("section.card:has(h2:has-text('社会事务'))")
    expect(card.locator("h2 .light-red")).to_be_visible()  # 25 points behind: red
    expect(card.locator("tbody tr").first.locator(".light-yellow")).to_be_visible()  # 有可能: at least yellow
    expect(card.locator(".chart-spending canvas")).to_be_visible()
    card.scroll_into_view_if_needed()
    filer.wait_for_timeout(1200)
    _shot(filer, "12-monitor-warnings")
    filer.goto(f"{live_server.url}/documents/{document.pk}/year/")
    expect(filer.locator("#fill-status")).to_contain_text("未填写")  # a round with empty sections is not submitted
    for other in document.sections.exclude(pk=social.pk):  # nothing spent yet elsewhere: 0
        filer.goto(f"{live_server.url}/sections/{other.pk}/actuals/")
        filer.fill("input[name=spent]", "0")
        filer.click("button:has-text('保存')")
        expect(filer.locator(".msg-success")).to_contain_text("执行数据已保存")
    filer.goto(f"{live_server.url}/documents/{document.pk}/year/")
    filer.click("button:has-text('报送')")
    performance.goto(f"{live_server.url}/documents/{document.pk}/year/")
    performance.click("button:has-text('确认')")
    expect(performance.locator("#round-state")).to_contain_text("已确认")
    performance.select_option("select[name=kind]", "evaluation")
    performance.click("button:has-text('开始新一轮')")
    expect(performance.locator("#round-state")).to_contain_text("单位自评（12月底） · 填报中")
    _enter_actuals(filer, live_server, social, "114", "50人", likelihood="确定能")
    filer.goto(f"{live_server.url}/documents/{document.pk}/score/")
    card = filer.locator("section.card:has(h2:has-text('社会事务'))")
    # by hand: budget 10 × 114/120 = 9.50; the one reported output 50 ÷ 7 = 7.14 in full; the rest unreported
    expect(card.locator(".grade")).to_contain_text("总分 16.64，等级 差")
    expect(card).to_contain_text("执行率 95.00%")
    card.scroll_into_view_if_needed()
    _shot(filer, "13-self-evaluation")
    performance.goto(f"{live_server.url}/")
    chart = performance.locator("#chart-execution")
    expect(chart.locator("canvas")).to_be_visible()  # budget execution against plan
    chart.scroll_into_view_if_needed()
    performance.wait_for_timeout(1200)
    _shot(performance, "14-dashboard-execution")
