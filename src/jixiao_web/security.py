"""A Content-Security-Policy for every response: scripts and styles only from this site.

Pages load their scripts from static files (no inline script); inline ``style`` attributes are
allowed for the progress bar and the chart library's layout.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import password_validation
from django.http import HttpRequest, HttpResponse

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/api/docs"):  # the API docs page loads its viewer from a CDN
            response.setdefault("Content-Security-Policy", POLICY)
        return response


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, saying it in Chinese: Django 5.2 rewrote this message, and its zh-hans translation
    (still of the old text) no longer applies, so it came out in English."""

    def get_error_message(self) -> str:
        return f"密码太短，至少需要 {self.min_length} 个字符。"
