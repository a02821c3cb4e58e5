"""Organisations and accounts for admins, within their own part of the tree."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao_web.errors import whole_or_none
from jixiao_web.models import Membership, Role
from jixiao_web.services import people
from jixiao_web.services.access import managed
from jixiao_web.views.common import attempt


def _managed_or_403(request: HttpRequest):
    nodes = managed(request.user)
    if not nodes.exists():
        raise PermissionDenied("只有管理员可以管理机构和账号。")
    return nodes


def _node(request: HttpRequest, pk: str):
    """The chosen organisation; None (with a message) when none was chosen."""
    nodes = _managed_or_403(request)
    if (number := whole_or_none(pk)) is None:
        messages.error(request, "请选择机构。")
        return None
    node = nodes.filter(pk=number).first()
    if node is None:
        raise Http404("没有找到该机构。")
    return node


@login_required
def people_page(request: HttpRequest) -> HttpResponse:
    nodes = _managed_or_403(request)
    members = Membership.objects.filter(organisation__in=nodes).select_related("user", "organisation").order_by("organisation__path", "user__username")
    return render(request, "jixiao_web/people.html", {"nodes": nodes, "members": members, "roles": Role.choices})


@login_required
@require_POST
def add_organisation(request: HttpRequest) -> HttpResponse:
    parent = _node(request, request.POST.get("parent", ""))
    if parent is not None:
        attempt(request, lambda: people.add_organisation(request.user, parent, request.POST.get("name", ""), request.POST.get("code", "")), "机构已新增。")
    return redirect("people")


@login_required
@require_POST
def grant(request: HttpRequest) -> HttpResponse:
    node = _node(request, request.POST.get("organisation", ""))
    result = node and attempt(request, lambda: people.grant(request.user, node, request.POST.get("username", ""), request.POST.get("role", "")), "已授权。")
    if result and result[1]:
        messages.warning(request, f"新账号“{result[0].user.username}”的初始密码：{result[1]}（只显示这一次，请转告本人）")
    return redirect("people")


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    membership = Membership.objects.filter(pk=pk, organisation__in=_managed_or_403(request)).select_related("user", "organisation").first()
    if membership is None:
        raise Http404("没有找到该授权。")
    attempt(request, lambda: people.revoke(request.user, membership), "已撤销。")
    return redirect("people")
