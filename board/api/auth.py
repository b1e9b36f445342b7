"""Who is calling the API: a personal access token in `Authorization: Bearer <token>`.

The session cookie of the web pages is never looked at here, so a page in a browser cannot be
tricked into writing through the API (no CSRF): only a client that holds a token can.
"""

from __future__ import annotations

from flask import Response, g, request
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.exc import OperationalError

from board.accounts import tokens
from board.accounts.models import User
from board.api.problems import ApiProblem
from board.extensions import db

API_VERSION = "1.0.0"
# An idea is at most a few kB of JSON; nothing the API takes comes near this.
MAX_BODY_BYTES = 1024 * 1024
PUBLIC_ENDPOINTS = {"api.openapi"}


def current_api_user() -> User:
    """The person whose token authorised this request."""
    user = g.get("api_user")
    if user is None:  # pragma: no cover - every non-public endpoint passes require_token
        raise ApiProblem(401)
    return user


def _bearer() -> str | None:
    scheme, _sep, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def require_token() -> None:
    """Before every API request: Dutch answers, a small body limit, and the token's person."""
    g.api_user = None  # never a person left over from an earlier request in the same context
    # The API speaks Dutch to every client, whatever language a browser or person prefers;
    # end_request() leaves the forced language again.
    g.api_locale = force_locale("nl")
    g.api_locale.__enter__()
    request.max_content_length = MAX_BODY_BYTES
    if request.endpoint in PUBLIC_ENDPOINTS:
        return
    value = _bearer()
    if value is None:
        raise ApiProblem(
            401,
            _(
                "Stuur een persoonlijke toegangssleutel mee: Authorization: Bearer <sleutel>. "
                "Je maakt er een op je profielpagina."
            ),
            headers={"WWW-Authenticate": 'Bearer realm="api"'},
        )
    user = tokens.authenticate_token(value)
    if user is None:
        raise ApiProblem(
            401,
            _("Deze toegangssleutel is onbekend of ingetrokken, of het account is uitgeschakeld."),
            headers={"WWW-Authenticate": 'Bearer realm="api", error="invalid_token"'},
        )
    if db.session.dirty:
        # Only the note of when the token was last used; the route has not changed anything yet.
        try:
            db.session.commit()
        except OperationalError:
            # SQLite refuses a reading request's late write when another request wrote in the
            # meantime; the note is bookkeeping, so a later request writes it instead.
            db.session.rollback()
    g.api_user = user


def end_request(exc: BaseException | None) -> None:
    """After every API request, also a failed one: back to the normal choice of language."""
    locale = g.pop("api_locale", None)
    if locale is not None:
        locale.__exit__(None, None, None)


def add_api_headers(response: Response) -> Response:
    """After every response of the app: under /api the version header, and no caching."""
    if request.path.startswith("/api/"):
        response.headers["API-Version"] = API_VERSION
        response.headers.setdefault("Cache-Control", "no-store")
    return response
