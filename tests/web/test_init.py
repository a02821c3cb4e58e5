"""``jixiao init``: the first finance bureau and its administrator on a new installation, without
the demo; the administrator then builds the tree and the accounts on the pages."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from jixiao.cli import main
from jixiao_web.models import Membership, Organisation, OrgKind, Role

PASSWORD = "县财政局的一个好密码"


@pytest.fixture
def password(monkeypatch):
    monkeypatch.setenv("JIXIAO_ADMIN_PASSWORD", PASSWORD)


def test_init_creates_the_bureau_and_an_administrator_who_builds_the_tree(db, password, capsys):
    assert main(["init", "--bureau", "某县财政局", "--admin", "chief"]) == 0
    assert "已创建财政局“某县财政局”和管理员“chief”" in capsys.readouterr().out
    bureau = Organisation.objects.get(kind=OrgKind.BUREAU, parent=None, name="某县财政局")
    assert Membership.objects.filter(user__username="chief", organisation=bureau, role=Role.ADMIN).exists()
    admin = Client()
    assert admin.login(username="chief", password=PASSWORD)
    admin.post(reverse("people_add_org"), {"parent": bureau.pk, "name": "某县民政局"})
    assert Organisation.objects.filter(parent=bureau, kind=OrgKind.DEPARTMENT, name="某县民政局").exists()


def test_init_twice_or_with_a_weak_password_changes_nothing_and_says_why(db, password, capsys, monkeypatch):
    main(["init", "--bureau", "某县财政局", "--admin", "chief"])
    assert main(["init", "--bureau", "某县财政局", "--admin", "other"]) == 1
    assert "已有财政局“某县财政局”，未改动" in capsys.readouterr().err
    assert main(["init", "--bureau", "另一县财政局", "--admin", "chief"]) == 1
    assert "已有用户“chief”" in capsys.readouterr().err
    monkeypatch.setenv("JIXIAO_ADMIN_PASSWORD", "12345678")
    assert main(["init", "--bureau", "另一县财政局", "--admin", "second"]) == 1
    assert "密码不符合要求，未创建：密码太短，至少需要 10 个字符。" in capsys.readouterr().err
    assert Organisation.objects.count() == 1


def test_init_without_a_password_and_without_a_terminal_says_where_to_give_it(db, monkeypatch, capsys):
    monkeypatch.delenv("JIXIAO_ADMIN_PASSWORD", raising=False)
    assert main(["init", "--bureau", "某县财政局", "--admin", "chief"]) == 2  # pytest's stdin is no terminal
    assert "JIXIAO_ADMIN_PASSWORD" in capsys.readouterr().err
    assert not Organisation.objects.exists()
