"""The errors a user can meet beyond a refused action, each told in Chinese: a bad number in a
form or query (400), a server that cannot write its data or is too busy (503), anything else (500,
templates/500.html). The API answers the same in its JSON shape."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

MAX_NUMBER = 2**31 - 1  # the largest whole number an integer column holds on every backend
log = logging.getLogger(__name__)


class BadInput(BadRequest):
    """A form or query value that is not what the page sends; its message is shown as it is."""


def whole_or_none(text: str | None) -> int | None:
    """``text`` as a whole number the database can hold, or None (not str.isdigit: "²" is a digit to it)."""
    text = (text or "").strip()
    return int(text) if text.isascii() and text.isdigit() and int(text) <= MAX_NUMBER else None


def whole(text: str | None, what: str, default: int | None = None) -> int:
    """``text`` as a whole number for ``what``, or 400 saying so (``default`` when it is empty)."""
    if not (text or "").strip() and default is not None:
        return default
    if (number := whole_or_none(text)) is None:
        raise BadInput(f"“{what}”应为 0 到 {MAX_NUMBER} 之间的整数，收到的是“{(text or '')[:30]}”。请从页面重新操作。")
    return number


def unavailable(error: BaseException) -> str:
    """What to tell the user when ``error`` is the server's storage failing or busy ("" otherwise)."""
    text = str(error).lower()
    if isinstance(error, OSError) or (isinstance(error, DatabaseError) and any(w in text for w in ("readonly", "read-only", "disk", "unable to open"))):
        return "服务器无法写入数据（数据目录只读、磁盘已满或没有权限），您这次的操作没有保存。请联系系统管理员检查数据目录（JIXIAO_DATA_DIR）或数据库。"
    if isinstance(error, DatabaseError) and "locked" in text:
        return "服务器正忙（数据库被其他操作占用），您这次的操作没有保存，请稍后再试。"
    return ""


def error_response(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "details": []}, status=status, json_dumps_params={"ensure_ascii": False})
    # A page of its own, not the site's layout: that reads the session and the user, which may be what failed.
    return render(request, "jixiao_web/error.html", {"title": title, "message": message}, status=status)


class ServerTroubleMiddleware:
    """A data folder or database that cannot be written, or a database still busy after the wait:
    503 with what happened and what to do, instead of a bare 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not (message := unavailable(exception)):
            return None
        log.error("%s %s: %s", request.method, request.path, exception, exc_info=exception)
        return error_response(request, 503, "暂时无法完成", message)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: our own refusals say what was wrong; others (a forged host, a broken upload) not."""
    message = str(exception) if isinstance(exception, BadInput) else "请求的格式不正确，请从页面重新操作。"
    return error_response(request, 400, "请求有误", message)
