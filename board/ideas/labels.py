"""Translated labels for the stored values of ideas (status, perspective, source).

Templates show them on every row of the inbox; translating each label anew costs a gettext call
per badge, so each language's labels are translated once per process and reused.
"""

from __future__ import annotations

from flask import Flask
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

STATUS = {
    "nieuw": _l("Nieuw"),
    "in_behandeling": _l("In behandeling"),
    "gepland": _l("Gepland"),
    "in_uitvoering": _l("In uitvoering"),
    "gerealiseerd": _l("Gerealiseerd"),
    "afgewezen": _l("Afgewezen"),
    "samengevoegd": _l("Samengevoegd"),
}
PERSPECTIVE = {
    "klant": _l("Klant"),
    "medewerker": _l("Medewerker"),
    "proces": _l("Proces"),
    "financieel": _l("Financieel"),
}
SOURCE = {
    "medewerker": _l("Medewerker"),
    "klantpanel": _l("Klantpanel"),
    "clientenraad": _l("Cliëntenraad"),
    "wijkteam": _l("Wijkteam"),
    "inwoner": _l("Inwoner"),
    "ondernemer": _l("Ondernemer"),
    "overig": _l("Overig"),
}


class Labels:
    """One language's labels: `labels.status["gepland"]` → "Gepland"."""

    def __init__(self) -> None:
        self.status = {k: str(v) for k, v in STATUS.items()}
        self.perspective = {k: str(v) for k, v in PERSPECTIVE.items()}
        self.source = {k: str(v) for k, v in SOURCE.items()}


_by_locale: dict[str, Labels] = {}


def idea_labels() -> Labels:
    """The labels in the language in force now (translated once per process and language)."""
    key = str(get_locale() or "nl")
    labels = _by_locale.get(key)
    if labels is None:
        labels = _by_locale[key] = Labels()
    return labels


def init_labels(app: Flask) -> None:
    """Make `idea_labels()` available to every template, imported macros included."""
    app.jinja_env.globals["idea_labels"] = idea_labels
