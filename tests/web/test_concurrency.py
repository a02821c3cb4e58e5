"""Many clients at once against a real server (``jixiao serve``, or gunicorn processes and ``jixiao worker``),
on SQLite and on PostgreSQL: reads, saves of one section, submissions, returns, comments, imports
and a bulk export → no 5xx, and no lost update (every accepted save has a version of its own); wrong
passwords at once → no more checked than the login throttle allows.

Regression: on the default SQLite setup a quarter of concurrent requests answered 500 "database
is locked", and two saves of the same version gave 500 instead of 409."""

from __future__ import annotations

import http.cookiejar
import json
import os
import random
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from jixiao_web.services import logins
from tests_web_helpers import seed_path

POSTGRES = os.environ.get("JIXIAO_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
CLIENTS = 32
REQUESTS = 240


def _jixiao(env: dict, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "jixiao", *args], env=env, capture_output=True, text=True, check=True, timeout=300, **kwargs)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _postgres_database():
    """A fresh database on the PostgreSQL server (dropped afterwards); skipped, saying why, without one."""
    psycopg = pytest.importorskip("psycopg")
    name = f"jixiao_concurrency_{uuid.uuid4().hex[:8]}"
    try:
        admin = psycopg.connect(POSTGRES, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"需要 PostgreSQL（JIXIAO_TEST_POSTGRES={POSTGRES}）：{exc}")
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield POSTGRES.rsplit("/", 1)[0] + "/" + name
    finally:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.close()


# how the server runs: `jixiao serve` (one process, its worker beside it) on SQLite and on
# PostgreSQL, and the production shape of the README (gunicorn processes, `jixiao worker` apart)
SHAPES = {
    "sqlite": ["serve"],
    "postgresql": ["serve"],
    "postgresql-gunicorn": ["gunicorn", "jixiao_web.wsgi", "-w", "3"],
}


@pytest.fixture(params=list(SHAPES))
def server(request, tmp_path):
    """A demo bureau served as ``SHAPES`` says on a fresh database; API tokens by user."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["JIXIAO_DATA_DIR"] = str(tmp_path / "data")
    databases = _postgres_database() if request.param.startswith("postgresql") else None
    if databases is not None:
        env["DATABASE_URL"] = next(databases)
    _jixiao(env, "serve", "--demo", "--no-server")
    tokens = {role: _jixiao(env, "manage", "issue_token", f"demo_{role}").stdout.strip() for role in ("filer", "dept_approver", "auditor")}
    port = _free_port()
    log = open(tmp_path / "server.log", "w")
    command = SHAPES[request.param]
    if command[0] == "serve":
        processes = [[sys.executable, "-m", "jixiao", "serve", "--port", str(port)]]
    else:
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        processes = [[gunicorn, *command[1:], "-b", f"127.0.0.1:{port}"], [sys.executable, "-m", "jixiao", "worker"]]
    running = [subprocess.Popen(p, env=env, stdout=log, stderr=subprocess.STDOUT) for p in processes]
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url + "/login/", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        yield url, tokens, tmp_path / "server.log"
    finally:
        for process in running:
            process.terminate()
            process.wait(timeout=30)
        log.close()
        if databases is not None:
            next(databases, None)


def _call(url: str, token: str, method: str, path: str, body=None, files=None) -> tuple[int, dict | list | str]:
    headers = {"Authorization": f"Bearer {token}"}
    data = None
    if files is not None:
        boundary = uuid.uuid4().hex
        name, content = files
        data = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode() + content + f"\r\n--{boundary}--\r\n".encode()
        headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
    elif body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=120) as reply:
            status, text = reply.status, reply.read().decode()
    except urllib.error.HTTPError as exc:
        status, text = exc.code, exc.read().decode()
    try:
        return status, json.loads(text)
    except ValueError:
        return status, text


def _wrong_login(url: str, username: str) -> str:
    """The login page's answer to a wrong password, sent as a browser sends it (with its CSRF token)."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', opener.open(url + "/login/").read().decode()).group(1)
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": "wrong"}).encode()
    return opener.open(urllib.request.Request(url + "/login/", data=form)).read().decode()


def test_many_clients_at_once_get_no_server_error_and_lose_no_update(server):
    url, tokens, log = server
    filer, approver, auditor = tokens["filer"], tokens["dept_approver"], tokens["auditor"]
    seed = seed_path("003")
    unit = _call(url, filer, "GET", "/api/documents")[1][0]["unit_id"]
    status, imported = _call(url, filer, "POST", f"/api/units/{unit}/import", files=(seed.name, seed.read_bytes()))
    assert status == 200, imported
    document = imported[0]["id"]
    section = next(s for s in _call(url, filer, "GET", f"/api/documents/{document}")[1]["sections"] if s["indicators"])
    start = section["version"]

    def save(i: int):
        current = next(s for s in _call(url, filer, "GET", f"/api/documents/{document}")[1]["sections"] if s["id"] == section["id"])
        rows = [{k: str(r[k]) for k in ("position", "level1", "level2", "level3", "description", "target_raw", "basis")} for r in current["indicators"]]
        rows[0]["basis"] = f"保存{i}"
        status, body = _call(url, filer, "PUT", f"/api/sections/{section['id']}", {"version": current["version"], "rows": rows})
        return "save", status, (body.get("version"), i) if status == 200 else body

    def other(i: int):
        kind = i % 6
        if kind == 0:
            return ("read", *_call(url, auditor, "GET", f"/api/documents/{document}"))
        if kind == 1:
            return ("list", *_call(url, auditor, "GET", "/api/documents?q=%E6%B0%91%E6%94%BF"))
        if kind == 2:
            return ("submit", *_call(url, filer, "POST", f"/api/documents/{document}/transitions/submit", {}))
        if kind == 3:
            return ("return", *_call(url, approver, "POST", f"/api/documents/{document}/transitions/return", {"comment": f"退回{i}"}))
        if kind == 4:
            return ("comment", *_call(url, approver, "POST", f"/api/documents/{document}/comments", {"text": f"意见{i}"}))
        return ("import", *_call(url, filer, "POST", f"/api/units/{unit}/import", files=(f"{i}.txt", seed.read_bytes())))

    work = [save if i % 3 == 0 else other for i in range(REQUESTS)]
    random.Random(13).shuffle(work)
    with ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(lambda pair: pair[1](pair[0]), enumerate(work)))

    errors = [(kind, status, body) for kind, status, body in results if status >= 500]
    assert errors == [], f"{errors[:3]}\n{log.read_text()[-3000:]}"
    saved = [body for kind, status, body in results if kind == "save" and status == 200]
    assert saved and any(kind == "import" and status == 200 for kind, status, _ in results)  # the writes did happen
    refused = {status for kind, status, body in results if kind == "save" and status != 200}
    assert refused <= {409, 400}  # a stale version, or the document no longer a draft (submitted meanwhile)
    versions = [v for v, _ in saved]
    assert len(set(versions)) == len(versions)  # no two saves accepted on the same version
    final = next(s for s in _call(url, filer, "GET", f"/api/documents/{document}")[1]["sections"] if s["id"] == section["id"])
    assert final["version"] == start + len(saved)
    assert final["indicators"][0]["basis"] == f"保存{max(saved)[1]}"  # the last accepted save is what is stored

    # the worker, beside the server or a service of its own, finishes a bulk export meanwhile
    status, job = _call(url, auditor, "POST", "/api/exports", {"fmt": "json"})
    assert status == 200, job
    for _ in range(300):
        job = _call(url, auditor, "GET", f"/api/exports/{job['id']}")[1]
        if job["state"] not in ("queued", "running"):
            break
        time.sleep(0.2)
    assert job["state"] == "done" and job["exported"] == job["total"] > 10, job

    # wrong passwords sent all at once: no more of them are checked than the throttle allows one address
    with ThreadPoolExecutor(CLIENTS) as pool:
        pages = list(pool.map(lambda _: _wrong_login(url, "demo_auditor"), range(CLIENTS)))
    assert 1 <= sum("登录尝试次数过多" not in page for page in pages) <= logins.FROM_ONE_ADDRESS
