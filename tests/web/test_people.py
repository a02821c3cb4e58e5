"""Admins manage organisations and accounts below their own node, and nowhere else."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from jixiao_web.models import AuditEntry, Membership, OrgKind, Role
from jixiao_web.services import people
from jixiao_web.services.access import get_document
from jixiao_web.services.errors import ServiceError
from tests_web_helpers import login


def test_an_admin_adds_a_unit_and_an_account_that_then_sees_only_that_unit(own, other):
    admin = own.users[Role.ADMIN]
    unit = people.add_organisation(admin, own.department, "民政局下属中心", "314009")
    assert (unit.kind, unit.parent, unit.path) == (OrgKind.UNIT, own.department, f"{own.department.path}{unit.pk}/")
    membership, password = people.grant(admin, unit, "新填报员", Role.FILER)
    assert password and authenticate(username="新填报员", password=password) == membership.user
    newcomer = membership.user
    with pytest.raises(Exception) as hidden:
        get_document(newcomer, own.document.pk)  # the department's 本级 unit is a sibling: not in sight
    assert hidden.type.__name__ == "Http404"
    _, again = people.grant(admin, own.unit, "新填报员", Role.AUDITOR)
    assert again == ""  # an existing account keeps its password
    with pytest.raises(ServiceError, match="已经是"):
        people.grant(admin, own.unit, "新填报员", Role.AUDITOR)
    with pytest.raises(ServiceError, match="下面不能再设机构"):
        people.add_organisation(admin, unit, "再下一级")
    assert AuditEntry.objects.filter(action__in=["add_org", "grant"]).count() == 3


def test_only_admins_and_only_below_their_node(own, other):
    with pytest.raises(PermissionDenied):
        people.add_organisation(own.users[Role.PERFORMANCE], own.bureau, "新部门")
    with pytest.raises(PermissionDenied):
        people.grant(own.users[Role.ADMIN], other.unit, "x", Role.FILER)
    client = login(other.users[Role.ADMIN])
    assert client.post(reverse("people_add_org"), {"parent": own.bureau.pk, "name": "越权"}).status_code == 404
    assert client.post(reverse("people_grant"), {"organisation": own.unit.pk, "username": "x", "role": "filer"}).status_code == 404
    theirs = Membership.objects.get(user=own.users[Role.FILER])
    assert client.post(reverse("people_revoke", kwargs={"pk": theirs.pk})).status_code == 404
    assert login(own.users[Role.FILER]).post(reverse("people_revoke", kwargs={"pk": theirs.pk})).status_code == 403
    assert Membership.objects.filter(pk=theirs.pk).exists()


def test_the_page_grants_shows_the_password_once_and_revokes(own):
    admin = own.users[Role.ADMIN]
    client = login(admin)
    page = client.post(reverse("people_grant"), {"organisation": own.unit.pk, "username": "张三", "role": "filer"}, follow=True)
    text = page.content.decode()
    assert "新账号“张三”的初始密码" in text and "张三" in client.get(reverse("people")).content.decode()
    grant = Membership.objects.get(user__username="张三")
    client.post(reverse("people_revoke", kwargs={"pk": grant.pk}))
    assert not Membership.objects.filter(pk=grant.pk).exists()
    mine = Membership.objects.get(user=admin, role=Role.ADMIN)
    page = client.post(reverse("people_revoke", kwargs={"pk": mine.pk}), follow=True).content.decode()
    assert "不能撤销自己的管理员角色" in page and Membership.objects.filter(pk=mine.pk).exists()
    assert "机构与账号" in page and "机构与账号" not in login(own.users[Role.FILER]).get(reverse("dashboard")).content.decode()


def test_a_username_with_spaces_or_punctuation_is_refused(own):
    for bad in ("bad user!", "a b", "名字；"):
        with pytest.raises(ServiceError, match="不可用"):
            people.grant(own.users[Role.ADMIN], own.unit, bad, Role.FILER)
    membership, _ = people.grant(own.users[Role.ADMIN], own.unit, "王_filer.2", Role.FILER)  # Chinese letters are fine
    assert membership.user.username == "王_filer.2"


def test_the_tree_is_indented_by_level(own):
    page = login(own.users[Role.ADMIN]).get(reverse("people")).content.decode()
    for node, depth in ((own.bureau, 0), (own.department, 1), (own.unit, 2)):
        assert f'<li class="depth-{depth}">{node.name} ' in page


def test_a_role_is_granted_only_where_it_belongs_in_the_tree(own):
    admin = own.users[Role.ADMIN]
    with pytest.raises(ServiceError, match="单位填报只能授予在预算单位或主管部门，“甲财政局”是财政局"):
        people.grant(admin, own.bureau, "x_filer", Role.FILER)
    with pytest.raises(ServiceError, match="财政绩效股只能授予在财政局"):
        people.grant(admin, own.unit, "x_perf", Role.PERFORMANCE)
    with pytest.raises(ServiceError, match="主管部门审核只能授予在主管部门"):
        people.grant(admin, own.unit, "x_dept", Role.DEPT_APPROVER)
    assert not Membership.objects.filter(user__username__startswith="x_").exists()
    people.grant(admin, own.bureau, "x_perf", Role.PERFORMANCE)
    people.grant(admin, own.department, "x_dept", Role.DEPT_APPROVER)
