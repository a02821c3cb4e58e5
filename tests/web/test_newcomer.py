"""A newcomer's first minutes: the README's run command (``jixiao serve --demo``) as a real process on an
empty data folder — it migrates, loads the demo bureau, prints the address and one account per role; a
browser opens that address, logs in with a printed account, imports a seed into the printed unit and
finds its documents and their findings. Unlike test_e2e (Django's live server) this is the program a
newcomer starts, with its own settings, SQLite file and background worker."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_e2e import ARTIFACTS, CHROMIUM
from tests_web_helpers import seed_path

README = Path(__file__).resolve().parents[2] / "README.md"

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="需要 Debian 的 chromium（.ci/run 会安装）"),
    # The newcomer runs on the embedded SQLite default; CI's PostgreSQL pass has nothing to add here.
    pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="新用户的路径是默认的 SQLite"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_readme_run_command_is_the_one_tested():
    commands = re.findall(r"^python3 -m venv .venv && .*$", README.read_text(encoding="utf-8"), re.M)
    assert "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/jixiao serve --demo" in commands


@pytest.fixture
def demo_server(tmp_path):
    """``jixiao serve --demo`` in its own process group; yields (address, {account: password})."""
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    env.update(JIXIAO_DATA_DIR=str(tmp_path / "data"), PYTHONUNBUFFERED="1")
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "jixiao", "serve", "--demo", "--port", str(_free_port())],
                                  stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while not (address := re.search(r"jixiao 网页版：(http://\S+)", log.read_text(encoding="utf-8"))):
            assert server.poll() is None, log.read_text(encoding="utf-8")
            assert time.monotonic() < deadline, "no address printed:\n" + log.read_text(encoding="utf-8")
            time.sleep(0.5)
        text = log.read_text(encoding="utf-8")
        accounts = dict(re.findall(r"^\s+(demo_\w+)\s+密码 (\S+)", text, re.M))
        yield address.group(1), accounts, text
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the server and the worker it started
        server.wait(timeout=30)


def test_newcomer_logs_in_with_a_printed_account_and_imports_a_seed(demo_server):
    from playwright.sync_api import expect, sync_playwright

    address, accounts, printed = demo_server
    assert set(accounts) >= {"demo_filer", "demo_performance", "demo_auditor"}
    unit = re.search(r"demo_filer\s+密码 \S+\s+\S+（(.+)）", printed).group(1)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN")
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(address)
        expect(page.locator("input[name=username]")).to_be_visible()  # / sends a stranger to the login
        page.fill("input[name=username]", "demo_filer")
        page.fill("input[name=password]", accounts["demo_filer"])
        page.click("button[type=submit]")
        page.wait_for_url(address)
        expect(page.locator("text=我的待办")).to_be_visible()
        page.wait_for_timeout(1500)  # ECharts grows its bars in: let the animation end before the picture
        page.screenshot(path=str(ARTIFACTS / "00-newcomer-dashboard.png"))

        page.click("text=导入")
        page.set_input_files("input[name=file]", str(seed_path("001")))
        page.click("button:has-text('上传并预览')")
        expect(page.locator("text=读到 1 份目标表")).to_be_visible()
        page.click("button:has-text('确认导入')")
        expect(page.locator(".msg-success")).to_contain_text("已导入")
        expect(page.locator(".finding.sev-error").first).to_be_visible()

        page.goto(f"{address}documents/")
        expect(page.locator("body")).to_contain_text(unit)
        browser.close()
    assert not errors
