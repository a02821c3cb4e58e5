"""One's own account: the header says who and in which role; the password can be changed."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.urls import reverse

from jixiao_web.models import Role
from jixiao_web.services import people
from tests_web_helpers import login


def test_the_header_names_the_role_and_where_it_is_held(own):
    admin = own.users[Role.ADMIN]
    membership, _ = people.grant(admin, own.unit, "new_filer", Role.FILER)
    page = login(membership.user).get(reverse("dashboard")).content.decode()
    assert f"new_filer · 单位填报（{own.unit.name}）" in page  # not "new_filer（new_filer）"


def test_a_user_changes_their_own_password(own):
    user = own.users[Role.FILER]
    client = login(user)
    url = reverse("password_change")
    wrong = client.post(url, {"old_password": "nope", "new_password1": "x", "new_password2": "x"})
    assert wrong.status_code == 200 and "旧密码不正确" in wrong.content.decode()
    weak = client.post(url, {"old_password": "correct horse battery staple", "new_password1": "12345678901",
                             "new_password2": "12345678901"})  # fmt: skip
    assert "密码只包含数字" in weak.content.decode()  # the validators of settings, said in Chinese
    assert weak.status_code == 200 and authenticate(username=user.username, password="correct horse battery staple")
    done = client.post(url, {"old_password": "correct horse battery staple", "new_password1": "青山绿水 2026 年度",
                             "new_password2": "青山绿水 2026 年度"}, follow=True)  # fmt: skip
    assert "密码已修改" in done.content.decode()
    assert authenticate(username=user.username, password="青山绿水 2026 年度") == user
    assert client.get(reverse("dashboard")).status_code == 200  # still logged in
