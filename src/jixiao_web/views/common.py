"""What every page shares: turning a refused service call into a message on the page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest

from jixiao_web.services.errors import ServiceError


def attempt(request: HttpRequest, call: Callable[[], Any], success: str) -> Any | None:
    """Run a service call; on refusal show its message and details, and return None."""
    try:
        result = call()
    except ServiceError as exc:
        messages.error(request, exc.message)
        for detail in exc.details[:50]:
            messages.warning(request, detail)
        if len(exc.details) > 50:
            messages.warning(request, f"……另有 {len(exc.details) - 50} 条")
        return None
    messages.success(request, success)
    return result
