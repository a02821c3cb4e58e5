"""The menu offers only what the role may do: no link that ends in 没有权限."""

from __future__ import annotations

from django.urls import reverse

from jixiao_web.models import Role
from jixiao_web.services.access import ALLOWED, Action
from tests_web_helpers import login


def test_import_links_only_for_roles_that_may_import(own):
    for role in Role:
        page = login(own.users[role]).get(reverse("dashboard")).content.decode()
        offered = f'href="{reverse("import")}"' in page and f'href="{reverse("import_bulk")}"' in page
        assert offered == (role in ALLOWED[Action.EDIT]), role
