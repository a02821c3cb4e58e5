"""API tokens: only a hash is stored; the token itself is shown once, when it is issued."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    digest = models.CharField(max_length=64, unique=True)  # sha256 of the token
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)


class LoginThrottle(models.Model):
    """Login attempts counted under one key (an account from one address, or an account from
    anywhere) until ``until``; in the database, so every server process counts them together and
    one UPDATE counts each attempt, however many arrive at once."""

    key = models.CharField(max_length=200, unique=True)
    attempts = models.PositiveIntegerField(default=0)
    until = models.DateTimeField()
