"""Translations for templates, looked up once per request and locale.

Flask-Babel resolves the request's locale and catalog again on every `_()` in a template (three
context look-ups and a locale-to-string each time); an inbox page calls it a few hundred times.
Here the catalog is kept beside Flask-Babel's own per-request state, keyed by the locale object,
so `force_locale` (e-mail in the reader's language) still gets its own catalog.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import parse_pattern
from flask import Flask, current_app, g
from flask_babel import get_locale, get_translations

_CACHE = "wurkje_translations"


def current_translations():
    """The catalog for the locale in force now."""
    ctx = getattr(g, "_flask_babel", None)
    locale = getattr(ctx, "babel_locale", None)
    cached = getattr(ctx, _CACHE, None)
    if cached is not None and locale is not None and cached[0] is locale:
        return cached[1]
    translations = get_translations()
    ctx = getattr(g, "_flask_babel", None)
    if ctx is not None:
        setattr(ctx, _CACHE, (getattr(ctx, "babel_locale", None), translations))
    return translations


def install_template_gettext(app: Flask) -> None:
    """Replace Flask-Babel's template callables with ones that use `current_translations`."""
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: current_translations().ugettext(s),
        ngettext=lambda s, p, n: current_translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: current_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: current_translations().unpgettext(c, s, p, n),
    )


DATETIME_FORMATS = {"medium": "d MMM y, HH:mm", "short": "d-M-y HH:mm", "date": "d MMMM y"}


@lru_cache(maxsize=8)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def format_local_datetime(value: datetime | None, fmt: str = "medium") -> str:
    """A stored (UTC) time in the installation's time zone and the request's language.

    The same result as Flask-Babel's `format_datetime`, without resolving the time zone, the
    locale and the pattern again for each of the fifty times a history shows."""
    if not value:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    local = value.astimezone(_zone(current_app.config["BABEL_DEFAULT_TIMEZONE"]))
    pattern = parse_pattern(DATETIME_FORMATS.get(fmt, fmt))
    return pattern.apply(local, get_locale() or "nl")
