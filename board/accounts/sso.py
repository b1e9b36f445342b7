"""Single sign-on through OpenID Connect (Entra ID, ADFS, Keycloak).

Authorization code flow with PKCE (S256), `state` and `nonce`, done by Authlib's Flask client:
`authorize_redirect` keeps state, nonce and code verifier in the (signed) session, and
`authorize_access_token` checks the state, exchanges the code with the verifier and validates
the ID token (signature against the provider's JWKS, `iss`, `aud`, `exp`, `nonce`). Who the
identity is in the app is decided in `board.accounts.sso_services`.

The client is built per application, lazily at first use from that app's configuration, and
kept in `app.extensions`. Not through the shared `oauth.register()` registry: that registry is
one per process, keyed by name, and reads its settings from whichever app called
`oauth.init_app` last, which is wrong as soon as one process holds two apps (tests do).
"""

from __future__ import annotations

import re

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from authlib.integrations.flask_client import FlaskOAuth2App
from flask import Blueprint, Flask, abort, current_app, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from board.accounts import services, sso_services
from board.accounts.forms import LoginForm
from board.accounts.routes import _login_page, _safe_next
from board.accounts.sso_services import SsoError
from board.extensions import db, oauth
from board.web.htmx import redirect_303
from board.web.ip import client_ip

try:  # Authlib 1.6+ validates tokens with joserfc, older versions with authlib.jose
    from joserfc.errors import JoseError as _JoseRfcError
except ImportError:  # pragma: no cover
    _JoseRfcError = AuthlibBaseError  # type: ignore[assignment,misc]

bp = Blueprint("sso", __name__, url_prefix="/sso")

CLIENT_NAME = "oidc"
EXTENSION_KEY = "wurkje.oidc_client"
NEXT_KEY = "sso_next"
PENDING_KEEP = 3  # sign-ins started but not finished, kept per browser
HTTP_TIMEOUT = 10  # seconds for each call to the identity provider
# The provider could not be reached or answered something unusable.
_UNREACHABLE = (requests.RequestException, ValueError, KeyError, RuntimeError)


def build_client(app: Flask) -> FlaskOAuth2App:
    """An OpenID Connect client from the app's OIDC_* settings (metadata is fetched on use)."""
    cfg = app.config
    scopes = cfg["OIDC_SCOPES"].split()
    if "openid" not in scopes:  # without it there is no ID token and no nonce
        scopes.insert(0, "openid")
    return oauth.oauth2_client_cls(
        oauth.framework_integration_cls(CLIENT_NAME),
        CLIENT_NAME,
        client_id=cfg["OIDC_CLIENT_ID"],
        client_secret=cfg["OIDC_CLIENT_SECRET"] or None,  # none: a public client (PKCE only)
        server_metadata_url=cfg["OIDC_DISCOVERY_URL"],
        client_kwargs={
            "scope": " ".join(scopes),
            "code_challenge_method": "S256",
            "default_timeout": HTTP_TIMEOUT,
        },
    )


def oidc_client() -> FlaskOAuth2App:
    """This app's client, built at first use."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    client = app.extensions.get(EXTENSION_KEY)
    if client is None:
        client = app.extensions.setdefault(EXTENSION_KEY, build_client(app))
    return client


def _provider() -> str:
    return current_app.config["OIDC_PROVIDER_NAME"] or _("je organisatie")


def _unreachable(reason: str) -> SsoError:
    return SsoError(
        _(
            "De inlogdienst van %(provider)s is nu niet bereikbaar of gaf een "
            "onbruikbaar antwoord. Probeer het over een paar minuten opnieuw; blijft "
            "het misgaan, meld het dan bij de beheerder.",
            provider=_provider(),
        ),
        reason=reason,
        status=502,
    )


def _not_signed_in(reason: str) -> SsoError:
    return SsoError(
        _(
            "Inloggen via %(provider)s is niet gelukt: het antwoord van de "
            "inlogdienst kon niet worden gecontroleerd. Probeer het opnieuw.",
            provider=_provider(),
        ),
        reason=reason,
        status=401,
    )


def _code(value: object) -> str:
    """An OAuth error code, safe to log."""
    return re.sub(r"[^a-z0-9_.-]", "", str(value or "").lower())[:40] or "unknown"


def _refused(error: SsoError, *, logged: bool = False):
    """The sign-in page with the message; the refusal is in the audit log. Nothing is written
    before a refusal, so there is nothing to roll back: the commit keeps the audit record."""
    if not logged:
        sso_services.record_failure(error.reason)
    db.session.commit()
    current_app.logger.warning("Single sign-on refused: %s", error.reason)
    return _login_page(LoginForm(), error.status, error.message)


def _forget_old_attempts() -> None:
    """Authlib keeps every started sign-in (state, nonce, code verifier) in the session cookie
    until it comes back or is an hour old; keep only the newest few, so that clicking the
    button again and again cannot grow the cookie past what browsers accept."""
    prefix = f"_state_{CLIENT_NAME}_"
    pending = sorted(
        (key for key in session if key.startswith(prefix)),
        key=lambda key: (session[key] or {}).get("exp", 0),
    )
    for key in pending[: max(len(pending) - (PENDING_KEEP - 1), 0)]:
        session.pop(key)


@bp.before_request
def _only_when_configured():
    if not current_app.config["OIDC_ENABLED"]:
        abort(404)


@bp.get("/inloggen")
def start():
    """Send the person to the organisation's identity provider."""
    target = _safe_next(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect_303(target)
    session[NEXT_KEY] = target
    _forget_old_attempts()
    try:
        return oidc_client().authorize_redirect(url_for("sso.callback", _external=True))
    except _UNREACHABLE as exc:
        return _refused(_unreachable(f"provider metadata: {type(exc).__name__}"))


def _exchange_code() -> dict:
    """Check the state, exchange the code, validate the ID token; its claims, or SsoError."""
    client = oidc_client()
    error = request.args.get("error")
    if error:
        client.framework.clear_state_data(session, request.args.get("state"))
        code = _code(error)
        if code == "access_denied":
            message = _(
                "Inloggen via %(provider)s is afgebroken, of je organisatie geeft je "
                "geen toegang tot Linich Wurkje. Vraag zo nodig de beheerder om hulp.",
                provider=_provider(),
            )
        else:
            message = _(
                "De inlogdienst van %(provider)s meldde een fout. Probeer het opnieuw; "
                "blijft het misgaan, meld het dan bij de beheerder.",
                provider=_provider(),
            )
        raise SsoError(message, reason=f"provider error: {code}", status=401)
    try:
        metadata = client.load_server_metadata()
        options = {
            "iss": {"essential": True, "values": [metadata["issuer"]]},
            "aud": {"essential": True, "values": [client.client_id]},
        }
        token = client.authorize_access_token(claims_options=options)
    except MismatchingStateError:
        raise SsoError(
            _("Deze inlogpoging is verlopen of niet geldig. Begin opnieuw met inloggen."),
            reason="state missing or mismatching",
            status=400,
        ) from None
    except OAuthError as exc:
        raise _not_signed_in(f"token endpoint: {_code(exc.error)}") from None
    except (AuthlibBaseError, _JoseRfcError) as exc:
        raise _not_signed_in(f"id token rejected: {type(exc).__name__}") from None
    except _UNREACHABLE as exc:
        raise _unreachable(f"provider call failed: {type(exc).__name__}") from None
    claims = token.get("userinfo")
    if not claims:
        raise _unreachable("no id token in the token response")
    return dict(claims)


@bp.get("/terug")
def callback():
    """The identity provider sends the person back here."""
    target = _safe_next(session.get(NEXT_KEY))
    cfg = current_app.config
    try:
        claims = _exchange_code()
        identity = sso_services.identity_from_claims(claims, groups_claim=cfg["OIDC_GROUPS_CLAIM"])
    except SsoError as error:
        return _refused(error)
    try:
        user = sso_services.resolve_person(identity, role_map=cfg["OIDC_ROLE_MAP"])
    except SsoError as error:  # already in the audit log, with the person when known
        return _refused(error, logged=True)
    session.clear()  # a fresh session on sign-in (no fixation)
    token = services.start_session(
        user, ip=client_ip(), user_agent=request.user_agent.string, method=sso_services.METHOD
    )
    db.session.commit()
    user.session_token = token
    login_user(user)
    return redirect_303(target)
