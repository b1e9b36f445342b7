"""The base error every area's error derives from: a message for the person, and a field."""

from __future__ import annotations


class DomainError(Exception):
    """A rule was broken. `message` is already translated; `field` names the form field."""

    status = 422

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(DomainError):
    status = 404


class Conflict(DomainError):
    status = 409
