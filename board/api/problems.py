"""Errors of the API as RFC 9457 problem details (`application/problem+json`).

Every problem has `status`, `title` and `detail`; invalid input (400) also lists every problem
in `invalidParams` as `{name, reason}`, with the API's property names, never the form's.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import Response, jsonify
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from board.errors import Conflict, DomainError, NotFound
from board.extensions import db

PROBLEM_JSON = "application/problem+json"

# Field names of the services and forms → property names of the API.
PROPERTY_NAMES = {
    "title": "titel",
    "body": "toelichting",
    "perspectives": "perspectieven",
    "source": "bron",
    "team_id": "teamId",
    "chain_id": "ketenId",
    "tags": "tags",
    "anonymous": "anoniem",
    "status": "status",
    "reason": "reden",
    "impact": "impact",
    "effort": "inspanning",
    "target_id": "doelId",
}


def _titles() -> dict[int, str]:
    return {
        400: _("Ongeldige invoer"),
        401: _("Toegangssleutel nodig"),
        403: _("Geen toegang"),
        404: _("Niet gevonden"),
        405: _("Niet toegestaan"),
        409: _("Conflict"),
        413: _("Te groot"),
        429: _("Te veel pogingen"),
        500: _("Er ging iets mis"),
    }


def _details() -> dict[int, str]:
    return {
        400: _("Het verzoek kon niet worden verwerkt."),
        404: _("Dit adres bestaat niet in de API."),
        405: _("Deze handeling kan hier niet."),
        413: _("Het verzoek is te groot."),
        429: _(
            "Je hebt het te vaak geprobeerd. Wacht een paar minuten en probeer het dan opnieuw."
        ),
        500: _(
            "Er ging aan onze kant iets mis. Probeer het later opnieuw; blijft het misgaan, "
            "meld het dan bij de beheerder."
        ),
    }


class ApiProblem(Exception):
    """Raised anywhere in an API request; the blueprint turns it into problem+json."""

    def __init__(
        self,
        status: int,
        detail: str | None = None,
        *,
        invalid_params: Iterable[tuple[str, str]] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail or str(status))
        self.status = status
        self.detail = detail
        self.invalid_params = list(invalid_params)
        self.headers = headers or {}


def api_name(field: str | None) -> str:
    """The API's property name for a service's field name."""
    return PROPERTY_NAMES.get(field or "", field or "")


def problem_response(
    status: int,
    detail: str | None = None,
    *,
    invalid_params: Iterable[tuple[str, str]] = (),
    headers: dict[str, str] | None = None,
) -> Response:
    """A problem+json response."""
    body: dict[str, object] = {
        "status": status,
        "title": _titles().get(status, _("Fout")),
        "detail": detail or _details().get(status, _("Er ging iets mis.")),
    }
    params = [{"name": name, "reason": reason} for name, reason in invalid_params]
    if params:
        body["invalidParams"] = params
    response = jsonify(body)
    response.status_code = status
    response.mimetype = PROBLEM_JSON
    response.headers.update(headers or {})
    return response


def invalid(problems: Iterable[tuple[str, str]]) -> ApiProblem:
    """400 listing every problem (names already in the API's terms)."""
    problems = list(problems)
    return ApiProblem(
        400, _("De invoer klopt niet; invalidParams noemt elk probleem."), invalid_params=problems
    )


def handle_api_problem(error: ApiProblem) -> Response:
    db.session.rollback()
    return problem_response(
        error.status, error.detail, invalid_params=error.invalid_params, headers=error.headers
    )


def handle_domain_error(error: DomainError) -> Response:
    """A service refused: 404, 409, or 400 listing every problem with its property name.

    A refusal without a field is about the idea's state (say, it was merged), not the input: 409.
    """
    db.session.rollback()
    if isinstance(error, NotFound):
        return problem_response(404, error.message)
    if isinstance(error, Conflict) or not error.field:
        return problem_response(409, error.message)
    problems = getattr(error, "problems", None) or [(error.field, error.message)]
    return handle_api_problem(invalid((api_name(f), m) for f, m in problems))


def handle_http_error(error: HTTPException) -> Response:
    """Werkzeug's errors inside the API (413, 405, …) as problem+json too."""
    db.session.rollback()
    return problem_response(error.code or 500)
