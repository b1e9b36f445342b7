"""Reading what a client sends: a JSON object or query parameters, with every problem at once.

These functions check only the shape (is it text, a list, a whole number; is the property
known). What the values may be is up to the services, whose problems the routes add to these.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from flask import request
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from board.api.problems import ApiProblem, api_name, invalid
from board.ideas.models import PERSPECTIVES, SOURCES, STATUSES
from board.ideas.queries import SORTS, InboxFilter
from board.ideas.services import IdeaInput

Problems = list[tuple[str, str]]

NEW_IDEA = {
    "titel": "text",
    "toelichting": "text",
    "perspectieven": "texts",
    "bron": "text",
    "teamId": "id_or_null",
    "tags": "texts",
    "anoniem": "bool",
}
TRIAGE = {
    "status": "text",
    "reden": "text",
    "teamId": "id_or_null",
    "perspectieven": "texts",
    "impact": "int_or_null",
    "inspanning": "int_or_null",
}
# API property → the key apply_triage() takes.
TRIAGE_KEYS = {
    "status": "status",
    "reden": "reason",
    "teamId": "team_id",
    "perspectieven": "perspectives",
    "impact": "impact",
    "inspanning": "effort",
}
LIST_PARAMETERS = (
    "status",
    "perspectief",
    "teamId",
    "ketenId",
    "bron",
    "tag",
    "zoek",
    "sorteer",
    "pagina",
)
_WHOLE = re.compile(r"[0-9]{1,9}")


def json_object() -> dict[str, Any]:
    """The request body as a JSON object, or 400 (413 when it is too large)."""
    raw = request.get_data(cache=True)  # reading enforces the body limit: 413
    if not request.is_json:
        raise ApiProblem(
            400, _("Stuur de gegevens als JSON, met de kop Content-Type: application/json.")
        )
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        raise ApiProblem(400, _("De inhoud van het verzoek is geen geldige JSON.")) from None
    if not isinstance(data, dict):
        raise ApiProblem(400, _("Stuur één JSON-object, tussen { en }."))
    return data


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _shape_problem(kind: str, value: Any) -> str | None:
    if kind == "text" and not isinstance(value, str):
        return _("Moet tekst zijn.")
    if kind == "texts" and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        return _("Moet een lijst met teksten zijn.")
    if kind == "bool" and not isinstance(value, bool):
        return _("Moet true of false zijn.")
    if kind in ("id_or_null", "int_or_null") and value is not None and not _is_int(value):
        return _("Moet een geheel getal of null zijn.")
    if kind == "id" and not _is_int(value):
        return _("Moet een geheel getal zijn.")
    return None


def read_properties(
    data: dict[str, Any], allowed: dict[str, str]
) -> tuple[dict[str, Any], Problems]:
    """The properties with the right shape, and a problem for each wrong or unknown one."""
    values: dict[str, Any] = {}
    problems: Problems = []
    for name, value in data.items():
        if name not in allowed:
            problems.append((name, _("Onbekende eigenschap.")))
            continue
        problem = _shape_problem(allowed[name], value)
        if problem:
            problems.append((name, problem))
        else:
            values[name] = value
    return values, problems


def service_problems(error: Exception, already: Problems) -> Problems:
    """A service's problems in the API's names, leaving out properties already reported."""
    reported = {name for name, _message in already}
    items = getattr(error, "problems", None) or [
        (getattr(error, "field", None), getattr(error, "message", str(error)))
    ]
    return [(api_name(f), m) for f, m in items if api_name(f) not in reported]


def new_idea(
    data: dict[str, Any], *, submitter_id: int, idempotency_key: str | None
) -> tuple[IdeaInput, Problems]:
    """An idea to submit; properties with a wrong shape are left out (and reported)."""
    values, problems = read_properties(data, NEW_IDEA)
    key = None
    if idempotency_key is not None:
        if not 1 <= len(idempotency_key) <= 200:
            problems.append(("Idempotency-Key", _("Hoogstens %(n)d tekens.", n=200)))
        # Per person: one client's key can never return another person's idea.
        key = hashlib.sha256(f"api:{submitter_id}:{idempotency_key}".encode()).hexdigest()
    data_in = IdeaInput(
        title=values.get("titel", ""),
        body=values.get("toelichting", ""),
        perspectives=values.get("perspectieven", []),
        source=values.get("bron", "medewerker"),
        team_id=values.get("teamId"),
        tags=values.get("tags", []),
        anonymous=values.get("anoniem", False),
        submission_key=key,
    )
    return data_in, problems


def triage_changes(data: dict[str, Any]) -> tuple[dict[str, Any], Problems]:
    """The triage fields a PATCH changes, in the keys apply_triage() takes."""
    values, problems = read_properties(data, TRIAGE)
    return {TRIAGE_KEYS[name]: value for name, value in values.items()}, problems


def merge_target(data: dict[str, Any]) -> int:
    """The id of the idea to merge into, or 400."""
    values, problems = read_properties(data, {"doelId": "id"})
    if "doelId" not in data:
        problems.append(("doelId", _("Vul het nummer van een bestaand idee in.")))
    if problems:
        raise invalid(problems)
    return int(values["doelId"])


def inbox_filter(args: MultiDict[str, str]) -> InboxFilter:
    """The list's query parameters as an inbox filter, or 400 naming every wrong parameter."""
    problems: Problems = []
    for name in args:
        if name not in LIST_PARAMETERS:
            problems.append((name, _("Onbekende parameter.")))
        elif len(args.getlist(name)) > 1:
            problems.append((name, _("Geef deze parameter hoogstens één keer op.")))

    def choice(name: str, allowed: tuple[str, ...], default: str = "") -> str:
        value = args.get(name, "")
        if value and value not in allowed:
            problems.append((name, _("Kies uit: %(choices)s.", choices=", ".join(allowed))))
            return default
        return value or default

    def whole(name: str) -> int | None:
        raw = args.get(name, "")
        if raw == "":
            return None
        if not _WHOLE.fullmatch(raw) or int(raw) < 1:
            problems.append((name, _("Moet een positief geheel getal zijn.")))
            return None
        return int(raw)

    def text(name: str, limit: int) -> str:
        value = args.get(name, "").strip()
        if len(value) > limit:
            problems.append((name, _("Hoogstens %(n)d tekens.", n=limit)))
            return ""
        return value

    f = InboxFilter(
        status=choice("status", STATUSES),
        perspective=choice("perspectief", PERSPECTIVES),
        team_id=whole("teamId"),
        chain_id=whole("ketenId"),
        source=choice("bron", SOURCES),
        tag=text("tag", 40).lower(),
        q=text("zoek", 200),
        sort=choice("sorteer", SORTS, "stemmen"),
        page=whole("pagina") or 1,
    )
    if problems:
        raise invalid(problems)
    return f
