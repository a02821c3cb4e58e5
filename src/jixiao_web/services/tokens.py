"""Issuing, checking and revoking API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from jixiao_web.models import ApiToken, Organisation
from jixiao_web.services import audit
from jixiao_web.services.access import memberships


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue(user: AbstractBaseUser, name: str) -> str:
    """A new token for ``user``; the caller shows it once (only its hash is kept)."""
    token = "jx_" + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name=name.strip()[:100] or "API", digest=_digest(token))
    place: Organisation | None = next((m.organisation for m in memberships(user)), None)
    if place is not None:
        audit.log(user, "token", f"签发 API 令牌“{name.strip() or 'API'}”", organisation=place)
    return token


def user_for(token: str) -> AbstractBaseUser | None:
    row = ApiToken.objects.select_related("user").filter(digest=_digest(token)).first()
    if row is None or not row.user.is_active:
        return None
    ApiToken.objects.filter(pk=row.pk).update(last_used=timezone.now())
    return row.user


def revoke(user: AbstractBaseUser, pk: int) -> None:
    """Remove one of the user's own tokens (someone else's is silently not found)."""
    ApiToken.objects.filter(user=user, pk=pk).delete()
