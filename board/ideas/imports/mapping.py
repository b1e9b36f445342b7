"""From a spreadsheet's columns to an idea's fields: guessing the mapping from header names, and
reading each kind of cell (perspectives, source, date, votes) the way Dutch lists write them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

FIELDS = ("title", "body", "perspectives", "source", "team", "date", "votes")


def field_labels() -> dict[str, str]:
    return {
        "title": _l("Titel"),
        "body": _l("Toelichting"),
        "perspectives": _l("Perspectief"),
        "source": _l("Bron"),
        "team": _l("Team"),
        "date": _l("Datum"),
        "votes": _l("Stemmen"),
    }


def fold(value: str) -> str:
    """Lower case, without diacritics and punctuation: 'Cliëntenraad ' → 'clientenraad'."""
    text = unicodedata.normalize("NFKD", value or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


# Header names people use, folded; the first field to claim a column gets it.
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "title": (
        "titel",
        "title",
        "idee",
        "idea",
        "onderwerp",
        "subject",
        "naam",
        "name",
        "verbeterpunt",
        "verbeteridee",
        "kop",
        "samenvatting",
        "summary",
    ),
    "body": (
        "toelichting",
        "omschrijving",
        "beschrijving",
        "description",
        "explanation",
        "uitleg",
        "details",
        "tekst",
        "text",
        "body",
        "opmerking",
        "opmerkingen",
        "notes",
    ),
    "perspectives": (
        "perspectief",
        "perspectieven",
        "perspective",
        "perspectives",
        "invalshoek",
    ),
    "source": ("bron", "source", "herkomst", "afkomstig van", "origin"),
    "team": ("team", "teamnaam", "team name", "afdeling", "department"),
    "date": (
        "datum",
        "date",
        "ingediend",
        "ingediend op",
        "datum ingediend",
        "aangemaakt",
        "aangemaakt op",
        "created",
        "created at",
        "submitted",
        "submitted at",
    ),
    "votes": (
        "stemmen",
        "stem",
        "votes",
        "vote",
        "aantal stemmen",
        "number of votes",
        "likes",
        "punten",
    ),
}


@dataclass
class Mapping:
    """Which column (index into the header) feeds which field, and defaults for empty cells."""

    columns: dict[str, int | None] = field(default_factory=lambda: dict.fromkeys(FIELDS))
    default_source: str = "medewerker"
    default_team_id: int | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "columns": self.columns,
            "default_source": self.default_source,
            "default_team_id": self.default_team_id,
        }

    @classmethod
    def from_json(cls, data: dict) -> Mapping:
        columns = dict.fromkeys(FIELDS)
        for name, index in (data.get("columns") or {}).items():
            if name in columns and (index is None or isinstance(index, int)):
                columns[name] = index
        return cls(
            columns=columns,
            default_source=data.get("default_source") or "medewerker",
            default_team_id=data.get("default_team_id"),
        )


def guess_mapping(header: list[str]) -> Mapping:
    """Guess each field's column from the header names (Dutch and English, any case)."""
    folded = [fold(h) for h in header]
    mapping = Mapping()
    taken: set[int] = set()
    for name in FIELDS:
        known = HEADER_NAMES[name]
        exact = next((i for i, h in enumerate(folded) if h in known and i not in taken), None)
        if exact is None:  # "Titel van het idee", "Datum ingediend (dd-mm-jjjj)"
            exact = next(
                (
                    i
                    for i, h in enumerate(folded)
                    if i not in taken and h.split(" ")[0] in known and len(h.split(" ")[0]) > 3
                ),
                None,
            )
        if exact is not None:
            mapping.columns[name] = exact
            taken.add(exact)
    return mapping


PERSPECTIVE_NAMES = {
    "klant": "klant",
    "klanten": "klant",
    "customer": "klant",
    "customers": "klant",
    "medewerker": "medewerker",
    "medewerkers": "medewerker",
    "employee": "medewerker",
    "employees": "medewerker",
    "proces": "proces",
    "processen": "proces",
    "process": "proces",
    "processes": "proces",
    "financieel": "financieel",
    "financiele": "financieel",
    "financien": "financieel",
    "financial": "financieel",
    "finance": "financieel",
}

SOURCE_NAMES = {
    "medewerker": "medewerker",
    "medewerkers": "medewerker",
    "employee": "medewerker",
    "klantpanel": "klantpanel",
    "klantenpanel": "klantpanel",
    "customer panel": "klantpanel",
    "clientenraad": "clientenraad",
    "client council": "clientenraad",
    "wijkteam": "wijkteam",
    "neighbourhood team": "wijkteam",
    "neighborhood team": "wijkteam",
    "inwoner": "inwoner",
    "inwoners": "inwoner",
    "resident": "inwoner",
    "citizen": "inwoner",
    "ondernemer": "ondernemer",
    "ondernemers": "ondernemer",
    "entrepreneur": "ondernemer",
    "business": "ondernemer",
    "overig": "overig",
    "overige": "overig",
    "anders": "overig",
    "other": "overig",
}

_SPLIT = re.compile(r"\s*(?:[,;/+&|]|\ben\b|\band\b)\s*", re.IGNORECASE)


def parse_perspectives(value: str) -> tuple[list[str], list[str]]:
    """'Klant en Proces', 'customer; process' → (['klant', 'proces'], unknown names)."""
    found: list[str] = []
    unknown: list[str] = []
    for part in _SPLIT.split(value or ""):
        part = part.strip()
        if not part:
            continue
        name = PERSPECTIVE_NAMES.get(fold(part))
        if name is None:
            unknown.append(part)
        elif name not in found:
            found.append(name)
    return found, unknown


def parse_source(value: str) -> str | None:
    """A source name in Dutch or English (with or without diacritics), or None if unknown."""
    return SOURCE_NAMES.get(fold(value))


_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$")
_SERIAL = re.compile(r"^\d{1,6}(?:\.\d+)?$")
EXCEL_EPOCH = date(1899, 12, 30)
EXCEL_1970 = 25569


def parse_date(value: str) -> date | None:
    """dd-mm-jjjj, d-m-jjjj (also with / or .), jjjj-mm-dd, or an Excel day number; else None."""
    text = (value or "").strip()
    try:
        if m := _DMY.match(text):
            return date(int(m[3]), int(m[2]), int(m[1]))
        if m := _YMD.match(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        # Excel day numbers from 1970 on; a lone "2024" is a year, not 16 July 1905.
        if _SERIAL.match(text) and EXCEL_1970 <= float(text) < 2958466:
            return EXCEL_EPOCH + timedelta(days=int(float(text)))
    except (ValueError, OverflowError):
        return None
    return None


VOTES_MAX = 1_000_000


def parse_votes(value: str) -> int | None:
    """A whole number of zero or more ('12', '12.0'); None when it is anything else."""
    text = (value or "").strip().replace(" ", "")
    if text == "":
        return 0
    if re.fullmatch(r"\d+", text):
        number = int(text)
    elif re.fullmatch(r"\d+[.,]0+", text):
        number = int(re.split(r"[.,]", text)[0])
    else:
        return None
    return number if number <= VOTES_MAX else None


def import_key(title: str, body: str, when: date | None) -> str:
    """The same idea in any file, whatever its column order or spacing: one hash."""
    parts = (" ".join(title.split()).casefold(), " ".join(body.split()).casefold())
    raw = "\x1f".join((*parts, when.isoformat() if when else ""))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()
