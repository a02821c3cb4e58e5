"""``jixiao serve --demo`` (without starting the server): migrations, the demo bureau from the
five seeds, one printed account per role that can log in and sees its own part of the tree."""

from __future__ import annotations

import re

from django.test import Client

from jixiao.cli import main
from jixiao_web.models import DocState, Organisation, OrgKind, Role, TargetDocument


def _accounts(text: str) -> dict[str, str]:
    return dict(re.findall(r"^\s+(demo_\w+)\s+密码 (\S+)", text, re.M))


def test_serve_demo_loads_the_seeds_and_prints_working_accounts(db, capsys):
    assert main(["serve", "--demo", "--no-server"]) == 0
    out = capsys.readouterr().out
    accounts = _accounts(out)
    assert set(accounts) == {f"demo_{r.value}" for r in Role}
    bureau = Organisation.objects.get(kind=OrgKind.BUREAU, name="演示市财政局")
    assert Organisation.objects.filter(kind=OrgKind.DEPARTMENT, parent=bureau).count() == 5
    assert TargetDocument.objects.count() == 8  # 1 + 1 + 2 + 1 + 3 parts in the five seeds
    filer = Client()
    assert filer.login(username="demo_filer", password=accounts["demo_filer"])
    listing = filer.get("/documents/").content.decode()
    assert "秦皇岛市山海关区民政局本级" in listing and "深泽县" not in listing
    auditor = Client()
    assert auditor.login(username="demo_auditor", password=accounts["demo_auditor"])
    assert "共 8 份" in auditor.get("/documents/").content.decode()
    # the other departments' seeds are published, as they were: the public portal shows them
    assert set(TargetDocument.objects.values_list("state", flat=True)) == {DocState.DRAFT, DocState.PUBLISHED}
    assert not TargetDocument.objects.filter(unit__parent__name="秦皇岛市山海关区民政局").exclude(state=DocState.DRAFT)
    portal = Client().get("/public/").content.decode()
    assert "深泽县" in portal and "秦皇岛市山海关区民政局本级" not in portal


def test_serve_demo_twice_keeps_the_data_and_renews_passwords(db, capsys):
    main(["serve", "--demo", "--no-server"])
    first = _accounts(capsys.readouterr().out)
    main(["serve", "--demo", "--no-server"])
    second = _accounts(capsys.readouterr().out)
    assert TargetDocument.objects.count() == 8
    assert first["demo_admin"] != second["demo_admin"]
    assert not Client().login(username="demo_admin", password=first["demo_admin"])


def test_a_demo_sample_imported_again_is_recognised_as_the_same_file(db, capsys):
    """Regression: the demo's documents had no file digest, so re-importing a sample was not told."""
    from django.contrib.auth import get_user_model

    from jixiao_web.services import imports
    from tests_web_helpers import seed_path

    main(["serve", "--demo", "--no-server"])
    user = get_user_model().objects.get(username="demo_filer")
    again = imports.same_file(user, imports.digest(seed_path("002").read_bytes()))
    assert len(again) == 2  # seed 002's two parts, in the filer's unit
