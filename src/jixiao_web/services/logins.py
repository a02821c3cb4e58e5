"""Login throttling. Each attempt is counted before the password is checked, under the account from
this address and under the account from anywhere, for ``LOCK_SECONDS``: attempts sent all at once
cannot pass the check before any of them is counted, and guessing from many addresses is limited too."""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from jixiao_web.models import LoginThrottle

LOCK_SECONDS = 15 * 60
FROM_ONE_ADDRESS, FROM_ANYWHERE = 5, 20  # attempts per account in LOCK_SECONDS


def _keys(address: str, username: str) -> list[tuple[str, int]]:
    name = username.strip().lower()[:150]
    return [(f"{address}|{name}", FROM_ONE_ADDRESS), (f"*|{name}", FROM_ANYWHERE)]


@transaction.atomic
def admit(address: str, username: str) -> bool:
    """Count one attempt; False when it is over a limit (the password is then not checked at all)."""
    now = timezone.now()
    admitted = True
    for key, limit in _keys(address, username):
        LoginThrottle.objects.filter(key=key, until__lt=now).delete()  # the last window is over
        if not LoginThrottle.objects.filter(key=key).update(attempts=F("attempts") + 1):
            try:
                with transaction.atomic():
                    LoginThrottle.objects.create(key=key, attempts=1, until=now + timedelta(seconds=LOCK_SECONDS))
            except IntegrityError:  # a simultaneous attempt made the row first: count on it
                LoginThrottle.objects.filter(key=key).update(attempts=F("attempts") + 1)
        admitted = LoginThrottle.objects.get(key=key).attempts <= limit and admitted
    return admitted


def succeeded(address: str, username: str) -> None:
    """The account's counts start again once its password was right."""
    LoginThrottle.objects.filter(key__in=[key for key, _ in _keys(address, username)]).delete()
