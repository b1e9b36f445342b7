"""Translations for templates, looked up once per request and locale.

Flask-Babel resolves the request's locale and catalog again on every `_()` in a template (three
context look-ups and a locale-to-string each time); an inbox page calls it a few hundred times.
Here the catalog is kept beside Flask-Babel's own per-request state, keyed by the locale object,
so `force_locale` (e-mail in the reader's language) still gets its own catalog.
"""

from __future__ import annotations

from flask import Flask, g
from flask_babel import get_translations

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
