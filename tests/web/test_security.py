"""Security: headers on every page, login throttling, safe parsing of uploaded office files."""

from __future__ import annotations

import os
import subprocess
import sys

from django.test import Client
from django.urls import reverse

from jixiao_web.models import Role
from tests_web_helpers import login


def test_security_headers(own):
    response = login(own.users[Role.FILER]).get(reverse("dashboard"))
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_login_is_throttled_after_repeated_failures(own):
    client = Client()
    for _ in range(5):
        client.post(reverse("login"), {"username": "甲_filer", "password": "wrong"})
    page = client.post(reverse("login"), {"username": "甲_filer", "password": "correct horse battery staple"})
    assert "登录尝试次数过多，请 15 分钟后再试" in page.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_is_throttled_per_account_from_every_address_too(own):
    """Regression: the count was per address and name only, so guessing from many addresses went on."""
    for i in range(20):
        Client(REMOTE_ADDR=f"10.0.0.{i}").post(reverse("login"), {"username": "甲_filer", "password": "wrong"})
    fresh = Client(REMOTE_ADDR="10.0.1.1")
    page = fresh.post(reverse("login"), {"username": "甲_filer", "password": "correct horse battery staple"})
    assert "登录尝试次数过多" in page.content.decode() and "_auth_user_id" not in fresh.session
    other = Client(REMOTE_ADDR="10.0.1.1")  # another account is not locked by it
    other.post(reverse("login"), {"username": "甲_auditor", "password": "correct horse battery staple"})
    assert "_auth_user_id" in other.session


def test_a_right_password_starts_the_count_again(own):
    client = Client()
    for _ in range(4):
        client.post(reverse("login"), {"username": "甲_filer", "password": "wrong"})
    client.post(reverse("login"), {"username": "甲_filer", "password": "correct horse battery staple"})
    client.logout()
    for _ in range(4):
        client.post(reverse("login"), {"username": "甲_filer", "password": "wrong"})
    client.post(reverse("login"), {"username": "甲_filer", "password": "correct horse battery staple"})
    assert "_auth_user_id" in client.session


def test_office_files_are_parsed_with_defusedxml():
    """Uploaded workbooks go through openpyxl; with defusedxml installed it refuses XML bombs."""
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML


def test_a_new_data_folder_and_its_database_are_readable_by_their_owner_only(tmp_path):
    """Regression: the SQLite file (every document) was world-readable under the usual umask."""
    folder = tmp_path / "new" / "data"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")} | {"JIXIAO_DATA_DIR": str(folder)}
    subprocess.run([sys.executable, "-m", "jixiao", "serve", "--no-server"], env=env, check=True, capture_output=True, timeout=120)
    assert (folder.stat().st_mode & 0o777, (folder / "jixiao.sqlite3").stat().st_mode & 0o777) == (0o700, 0o600)
    assert (folder / "jixiao.sqlite3").stat().st_size > 0  # migrated: an ordinary SQLite database
    assert (folder / "secret_key").stat().st_mode & 0o777 == 0o600
