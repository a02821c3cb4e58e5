"""What a service refuses, in words a county finance clerk understands, with the details."""

from __future__ import annotations


class ServiceError(Exception):
    """A refused operation: ``message`` for the page, ``details`` (e.g. the blocking findings)."""

    def __init__(self, message: str, details: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.details = details or []


class StaleVersion(ServiceError):
    """Someone else saved first; the caller keeps the user's input and shows this."""
