"""Single sign-on through OpenID Connect (Entra ID, ADFS, Keycloak)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app

bp = Blueprint("sso", __name__, url_prefix="/sso")


@bp.get("/inloggen")
def start():
    """Send the person to the organisation's identity provider."""
    if not current_app.config["OIDC_ENABLED"]:
        abort(404)
    abort(501)


@bp.get("/terug")
def callback():
    """The identity provider sends the person back here."""
    if not current_app.config["OIDC_ENABLED"]:
        abort(404)
    abort(501)
