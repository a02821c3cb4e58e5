"""My API tokens: issue one (shown once) or revoke one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jixiao_web.errors import whole
from jixiao_web.services import tokens


@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    issued = None
    if request.method == "POST":
        if "revoke" in request.POST:
            tokens.revoke(request.user, whole(request.POST["revoke"], "令牌"))
            messages.success(request, "令牌已作废。")
        else:
            issued = tokens.issue(request.user, request.POST.get("name", ""))
    return render(request, "jixiao_web/api_tokens.html", {"issued": issued, "tokens": request.user.api_tokens.order_by("-created")})
