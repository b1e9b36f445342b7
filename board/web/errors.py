"""Error pages: in Dutch (or the user's language), never a stack trace; problem+json for the API."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from board.extensions import db
from board.web.htmx import render

log = logging.getLogger(__name__)


def _messages() -> dict[int, tuple[str, str]]:
    return {
        400: (_("Verzoek niet begrepen"), _("Het verzoek kon niet worden verwerkt.")),
        403: (_("Geen toegang"), _("Je hebt geen toegang tot deze pagina.")),
        404: (_("Pagina niet gevonden"), _("Deze pagina bestaat niet (meer).")),
        405: (_("Niet toegestaan"), _("Deze handeling kan hier niet.")),
        409: (
            _("Gewijzigd door iemand anders"),
            _("Laad de pagina opnieuw en probeer het nog eens."),
        ),
        413: (
            _("Te groot"),
            _("Wat je stuurde is te groot. Maak het kleiner en probeer het opnieuw."),
        ),
        429: (
            _("Te veel pogingen"),
            _("Je hebt het te vaak geprobeerd. Wacht een paar minuten en probeer het dan opnieuw."),
        ),
        500: (
            _("Er ging iets mis"),
            _(
                "Er ging aan onze kant iets mis. Probeer het later opnieuw; blijft het misgaan, "
                "meld het dan bij de beheerder."
            ),
        ),
        503: (
            _("Tijdelijk niet beschikbaar"),
            _("Linich Wurkje is even niet bereikbaar. Probeer het over een paar minuten opnieuw."),
        ),
    }


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def error_response(status: int, detail: str | None = None):
    """A problem+json answer for the API, an HTML error page for people."""
    title, message = _messages().get(status, (_("Fout"), _("Er ging iets mis.")))
    if wants_json():
        response = jsonify({"status": status, "title": title, "detail": detail or message})
        response.status_code = status
        response.mimetype = "application/problem+json"
        return response
    return render(
        "errors/error.html", status=status, code=status, title=title, message=detail or message
    )


def register_error_handlers(app: Flask) -> None:
    """Install the handlers for HTTP errors, CSRF failures and unexpected exceptions."""

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return error_response(
            400,
            _(
                "Het formulier was verlopen of niet geldig, er is niets gewijzigd. "
                "Laad de pagina opnieuw en probeer het nog eens."
            ),
        )

    @app.errorhandler(403)
    def forbidden(error: HTTPException):
        from board.accounts.services import record_denial

        db.session.rollback()
        user = current_user if current_user.is_authenticated else None
        record_denial(user, f"{request.method} {request.path}")
        db.session.commit()
        return error_response(403)

    @app.errorhandler(429)
    def too_many(error: HTTPException):
        if request.endpoint == "accounts.login":
            from board.accounts.routes import render_login_rate_limited

            return render_login_rate_limited()
        return error_response(429)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return error_response(error.code or 500)

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        if isinstance(error, HTTPException):  # pragma: no cover - handled above
            return http_error(error)
        log.exception("Unhandled error on %s %s", request.method, request.path)
        db.session.rollback()
        return error_response(InternalServerError.code)
