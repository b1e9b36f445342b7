"""The one clock of the application, injectable so tests can move time.

Services and models ask `now()`; tests replace the clock with `set_clock()`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from flask import current_app, has_app_context


def system_clock() -> datetime:
    return datetime.now(UTC)


def now() -> datetime:
    """The current time, aware and in UTC, from the app's clock when there is an app."""
    if has_app_context():
        clock: Callable[[], datetime] = current_app.extensions.get("clock", system_clock)
        return clock()
    return system_clock()


def set_clock(app, clock: Callable[[], datetime]) -> None:
    """Replace the app's clock (tests, benchmarks)."""
    app.extensions["clock"] = clock
