"""Single sign-on through OpenID Connect, against a fake identity provider on 127.0.0.1.

How the apps and the database fit together
    The session-scoped `app` fixture has no SSO. The SSO tests use their own apps, made once
    per session by `create_app()` with the OIDC settings of the fake provider and *the same
    database URL* as `app`. No second schema, and the isolation of `_isolated` still holds:
    that fixture replaces the global `db.session` by one bound to a single connection inside an
    outer transaction, and every app in the process uses that `db.session`. The `sso` fixture
    pushes the SSO app's context for the test, so the test body and the requests (which reuse
    a pushed context of the same app) share one session, just like `web` does for `app`.
    Popping the context removes that session before `_isolated` rolls the transaction back.

    The OIDC client is built per app at first use (see `board.accounts.sso`), so nothing has to
    be reset between apps.
"""

from __future__ import annotations

import socket
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from sqlalchemy import select

from board import create_app
from board.accounts.models import User
from board.accounts.services import deactivate_user
from board.audit.models import AuditEvent
from board.extensions import db
from tests.conftest import Web
from tests.factories import PASSWORD, make_user
from tests.fake_idp import FakeIdP, s256

ROLE_MAP = {"wurkje-beheer": "admin", "wurkje-leiding": "manager", "alle-medewerkers": "employee"}


@pytest.fixture(scope="session")
def idp():
    provider = FakeIdP(client_id="wurkje", client_secret="s3cret").start()  # noqa: S106
    yield provider
    provider.stop()


def _sso_config(app, discovery_url: str, **extra) -> dict:
    return {
        "BOARD_ENV": "test",
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "OIDC_DISCOVERY_URL": discovery_url,
        "OIDC_CLIENT_ID": "wurkje",
        "OIDC_CLIENT_SECRET": "s3cret",
        "OIDC_PROVIDER_NAME": "Gemeente Test",
        "OIDC_ROLE_MAP": ROLE_MAP,
        **extra,
    }


@pytest.fixture(scope="session")
def sso_app(app, idp):
    """The app with SSO and password sign-in both on."""
    return create_app(_sso_config(app, idp.discovery_url))


@pytest.fixture(scope="session")
def sso_only_app(app, idp):
    """The app with password sign-in switched off."""
    return create_app(_sso_config(app, idp.discovery_url, LOCAL_LOGIN_ENABLED=False))


class Sso:
    """A browser on an SSO app, able to walk through the fake provider."""

    def __init__(self, app, idp: FakeIdP) -> None:
        self.app = app
        self.idp = idp
        self.web = Web(app, app.test_client())

    def start(self, next_url: str = "/"):
        return self.web.get("/sso/inloggen", query_string={"next": next_url})

    def at_provider(self, start_response) -> str:
        """Follow the redirect to the provider like a browser; the callback path it sends to."""
        assert start_response.status_code == 302, start_response.text
        answer = requests.get(start_response.headers["Location"], allow_redirects=False, timeout=10)
        assert answer.status_code == 302, answer.text
        back = urlsplit(answer.headers["Location"])
        assert back.path == "/sso/terug"
        return f"{back.path}?{back.query}"

    def sign_in(self, next_url: str = "/", **claims):
        """The whole round trip; the callback's response."""
        if claims:
            self.idp.claims = claims
        return self.web.get(self.at_provider(self.start(next_url)))

    def signed_in_name(self) -> str | None:
        home = self.web.get("/")
        if home.status_code != 200:
            return None
        return home.text


@pytest.fixture
def use_app():
    """Push an app's context for the rest of the test (popped before `_isolated` cleans up)."""
    pushed = []

    def push(application):
        ctx = application.app_context()
        ctx.push()
        pushed.append(ctx)

    yield push
    for ctx in reversed(pushed):
        ctx.pop()


@pytest.fixture
def sso(sso_app, idp, use_app):
    idp.reset()
    use_app(sso_app)
    return Sso(sso_app, idp)


@pytest.fixture
def sso_only(sso_only_app, idp, use_app):
    idp.reset()
    use_app(sso_only_app)
    return Sso(sso_only_app, idp)


def _user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email))


def _events(action: str, result: str | None = None) -> list[AuditEvent]:
    query = select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
    if result:
        query = query.where(AuditEvent.result == result)
    return list(db.session.scalars(query))


def _nobody_signed_in(sso: Sso) -> bool:
    return sso.web.get("/").status_code == 303


# -- the flow -------------------------------------------------------------------------------


def test_start_redirects_to_the_provider_with_pkce_state_and_nonce(sso):
    response = sso.start("/teams")
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == sso.idp.url + "/authorize"
    params = {k: v[0] for k, v in parse_qs(location.query).items()}
    assert params["response_type"] == "code"
    assert params["client_id"] == "wurkje"
    assert params["redirect_uri"] == "http://localhost/sso/terug"
    assert params["code_challenge_method"] == "S256"
    assert len(params["code_challenge"]) == 43
    assert len(params["state"]) >= 20 and len(params["nonce"]) >= 20
    assert set(params["scope"].split()) >= {"openid", "email", "profile"}


def test_new_person_is_created_as_employee_and_lands_where_they_wanted(sso):
    response = sso.sign_in(
        "/teams", sub="abc-1", email="Anna.deVries@Gemeente.example", name="Anna de Vries"
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/teams"
    assert "Welkom, Anna de Vries" in sso.signed_in_name()
    user = _user("anna.devries@gemeente.example")
    assert user.role == "employee"
    assert (user.oidc_issuer, user.oidc_subject) == (sso.idp.issuer, "abc-1")
    assert user.password_hash is None
    # the code was exchanged with the PKCE verifier that belongs to the challenge
    verifier = sso.idp.token_requests[-1]["code_verifier"]
    assert s256(verifier) == sso.idp.authorize_requests[-1]["code_challenge"]


def test_name_comes_from_given_and_family_name_when_there_is_no_name(sso):
    sso.sign_in(sub="abc-2", email="piet@gemeente.example", given_name="Piet", family_name="Hein")
    assert _user("piet@gemeente.example").name == "Piet Hein"


def test_existing_person_with_the_same_email_is_linked_and_keeps_their_role(sso):
    existing = make_user(name="Marrit Visser", email="marrit@gemeente.example", role="manager")
    response = sso.sign_in(sub="m-1", email="marrit@gemeente.example", name="M. Visser")
    assert response.status_code == 303
    db.session.refresh(existing)
    assert (existing.oidc_issuer, existing.oidc_subject) == (sso.idp.issuer, "m-1")
    assert existing.role == "manager"
    assert existing.name == "Marrit Visser"
    assert "Welkom, Marrit Visser" in sso.signed_in_name()
    assert (
        db.session.scalar(
            select(db.func.count()).select_from(User).where(User.email == "marrit@gemeente.example")
        )
        == 1
    )
    assert [e.object_id for e in _events("user.sso_link")] == [str(existing.id)]


def test_email_marked_unverified_is_not_used_to_link(sso):
    existing = make_user(email="bauke@gemeente.example", role="admin")
    response = sso.sign_in(
        sub="evil-1", email="bauke@gemeente.example", name="Bauke?", email_verified=False
    )
    assert response.status_code == 403
    assert "Er is al een account met jouw e-mailadres" in response.text
    db.session.refresh(existing)
    assert existing.oidc_subject is None
    assert _nobody_signed_in(sso)


def test_email_already_linked_to_another_identity_is_refused(sso):
    sso.sign_in(sub="first", email="dubbel@gemeente.example", name="Eerste")
    sso.web.logout()
    response = sso.sign_in(sub="second", email="dubbel@gemeente.example", name="Tweede")
    assert response.status_code == 403
    assert _nobody_signed_in(sso)


def test_group_mapped_to_admin_gives_a_new_person_admin(sso):
    sso.sign_in(
        sub="adm-1",
        email="beheer@gemeente.example",
        name="Beheerder",
        groups=["alle-medewerkers", "wurkje-beheer", "ongemapt"],
    )
    assert _user("beheer@gemeente.example").role == "admin"
    assert sso.web.get("/beheer/mensen").status_code == 200


def test_group_mapping_follows_the_groups_on_every_sign_in(sso):
    sso.sign_in(sub="g-1", email="wisselend@gemeente.example", name="W", groups=["wurkje-leiding"])
    user = _user("wisselend@gemeente.example")
    assert user.role == "manager"
    sso.web.logout()
    sso.sign_in(
        sub="g-1", email="wisselend@gemeente.example", name="W", groups=["alle-medewerkers"]
    )
    db.session.refresh(user)
    assert user.role == "employee"  # taken away: a mapped group says employee now
    assert any("manager → employee" in e.detail for e in _events("user.update"))


def test_role_of_a_person_without_mapped_groups_is_left_alone(sso):
    existing = make_user(email="handmatig@gemeente.example", role="manager")
    sso.sign_in(sub="h-1", email="handmatig@gemeente.example", name="H", groups=["ongemapt"])
    db.session.refresh(existing)
    assert existing.role == "manager"


def test_second_sign_in_finds_the_person_by_subject_and_follows_a_new_email(sso):
    sso.sign_in(sub="stable-7", email="oud@gemeente.example", name="Sjoukje")
    user = _user("oud@gemeente.example")
    sso.web.logout()
    response = sso.sign_in(sub="stable-7", email="nieuw@gemeente.example", name="Sjoukje")
    assert response.status_code == 303
    db.session.refresh(user)
    assert user.email == "nieuw@gemeente.example"
    assert _user("oud@gemeente.example") is None
    assert (
        db.session.scalar(
            select(db.func.count()).select_from(User).where(User.oidc_subject == "stable-7")
        )
        == 1
    )


def test_next_only_allows_local_paths(sso):
    response = sso.sign_in("https://evil.example/", sub="n-1", email="n@gemeente.example", name="N")
    assert response.headers["Location"] == "/"


def test_started_sign_ins_do_not_pile_up_in_the_session_cookie(sso):
    for _ in range(10):
        sso.start()
    with sso.web.client.session_transaction() as s:
        assert len([k for k in s if k.startswith("_state_")]) <= 3
    response = sso.sign_in(sub="p-1", email="p@gemeente.example", name="P")
    assert response.status_code == 303


def test_sign_in_starts_a_fresh_session(sso):
    with sso.web.client.session_transaction() as s:
        s["planted"] = "by an attacker"
    sso.sign_in(sub="f-1", email="f@gemeente.example", name="F")
    with sso.web.client.session_transaction() as s:
        assert "planted" not in s


# -- refusals -------------------------------------------------------------------------------


def test_tampered_state_is_refused_and_nobody_is_signed_in(sso):
    sso.idp.claims = {"sub": "t-1", "email": "t@gemeente.example", "name": "T"}
    callback = sso.at_provider(sso.start())
    parts = urlsplit(callback)
    params = {k: v[0] for k, v in parse_qs(parts.query).items()}
    params["state"] = params["state"][:-4] + "XXXX"
    response = sso.web.get(parts.path, query_string=params)
    assert response.status_code == 400
    assert "Deze inlogpoging is verlopen of niet geldig" in response.text
    assert "Traceback" not in response.text
    assert _nobody_signed_in(sso)
    assert _user("t@gemeente.example") is None
    assert sso.idp.token_requests == []  # the code was never even exchanged


def test_a_callback_cannot_be_replayed(sso):
    sso.idp.claims = {"sub": "r-1", "email": "r@gemeente.example", "name": "R"}
    callback = sso.at_provider(sso.start())
    assert sso.web.get(callback).status_code == 303
    sso.web.logout()
    assert sso.web.get(callback).status_code == 400
    assert _nobody_signed_in(sso)


def test_callback_without_starting_is_refused(sso):
    response = sso.web.get("/sso/terug?code=abc&state=def")
    assert response.status_code == 400
    assert _nobody_signed_in(sso)


@pytest.mark.parametrize("failure", ["wrong_nonce", "wrong_audience", "expired", "bad_signature"])
def test_an_id_token_that_does_not_check_out_is_refused(sso, failure):
    sso.idp.failure = failure
    response = sso.sign_in(sub="x-1", email="x@gemeente.example", name="X")
    assert response.status_code == 401
    assert "Inloggen via Gemeente Test is niet gelukt" in response.text
    assert _nobody_signed_in(sso)
    assert _user("x@gemeente.example") is None
    [event] = _events("auth.login", "failure")
    assert event.detail.startswith("method=oidc; id token rejected")


def test_token_endpoint_refusing_the_code_is_refused(sso):
    sso.idp.failure = "invalid_grant"
    response = sso.sign_in(sub="y-1", email="y@gemeente.example", name="Y")
    assert response.status_code == 401
    assert "niet gelukt" in response.text
    assert _nobody_signed_in(sso)
    [event] = _events("auth.login", "failure")
    assert event.detail == "method=oidc; token endpoint: invalid_grant"


def test_provider_saying_access_denied_gives_a_clear_message(sso):
    sso.idp.failure = "access_denied"
    response = sso.sign_in(sub="z-1", email="z@gemeente.example", name="Z")
    assert response.status_code == 401
    assert "Inloggen via Gemeente Test is afgebroken" in response.text
    assert _nobody_signed_in(sso)
    [event] = _events("auth.login", "failure")
    assert event.detail == "method=oidc; provider error: access_denied"


def test_deactivated_person_is_refused(sso):
    make_user(email="weg@gemeente.example", active=False)
    response = sso.sign_in(sub="weg-1", email="weg@gemeente.example", name="Weg")
    assert response.status_code == 403
    assert "Je account in Linich Wurkje is uitgeschakeld" in response.text
    assert _nobody_signed_in(sso)


def test_deactivated_linked_person_is_refused(sso):
    sso.sign_in(sub="later-weg", email="laterweg@gemeente.example", name="Later Weg")
    sso.web.logout()
    user = _user("laterweg@gemeente.example")
    deactivate_user(user, actor=None)
    db.session.commit()
    response = sso.sign_in(sub="later-weg", email="laterweg@gemeente.example", name="Later Weg")
    assert response.status_code == 403
    assert "uitgeschakeld" in response.text
    assert _nobody_signed_in(sso)
    assert _events("auth.login", "failure")[-1].actor_id == user.id


def test_no_email_claim_is_refused_with_a_clear_message(sso):
    response = sso.sign_in(sub="no-mail", name="Zonder Mail")
    assert response.status_code == 400
    assert "gaf geen (geldig) e-mailadres door" in response.text
    assert _nobody_signed_in(sso)
    assert db.session.scalar(select(User).where(User.oidc_subject == "no-mail")) is None


def test_unreachable_provider_gives_a_clear_message(app, use_app):
    with socket.socket() as probe:  # a port on which nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    down = create_app(_sso_config(app, f"http://127.0.0.1:{port}/.well-known/openid-configuration"))
    use_app(down)
    web = Web(down, down.test_client())
    response = web.get("/sso/inloggen")
    assert response.status_code == 502
    assert "niet bereikbaar" in response.text
    assert "Traceback" not in response.text
    [event] = _events("auth.login", "failure")
    assert event.detail.startswith("method=oidc; provider metadata:")


# -- audit log ------------------------------------------------------------------------------


def test_audit_log_has_the_sign_in_and_the_new_person_and_no_secrets(sso):
    sso.idp.failure = "wrong_nonce"
    sso.sign_in(sub="au-1", email="audit@gemeente.example", name="Audit")
    sso.idp.failure = None
    sso.sign_in(sub="au-1", email="audit@gemeente.example", name="Audit")
    user = _user("audit@gemeente.example")
    [login] = _events("auth.login", "success")
    assert (login.actor_id, login.detail) == (user.id, "method=oidc")
    [created] = _events("user.create")
    assert created.object_id == str(user.id)
    assert "source=oidc" in created.detail
    secrets = [
        sso.idp.token_requests[-1]["code"],
        sso.idp.token_requests[-1]["code_verifier"],
        sso.idp.authorize_requests[-1]["state"],
        sso.idp.authorize_requests[-1]["nonce"],
        "s3cret",
    ]
    for event in db.session.scalars(select(AuditEvent)):
        text = " ".join((event.detail, event.actor_label, event.object_label))
        assert not any(secret in text for secret in secrets)


# -- switches -------------------------------------------------------------------------------


def test_sign_in_page_offers_the_provider(sso):
    page = sso.web.get("/inloggen?next=/teams")
    assert "Inloggen via Gemeente Test" in page.text
    assert "/sso/inloggen?next=/teams" in page.text
    assert 'name="password"' in page.text


def test_without_local_login_passwords_are_refused_but_sso_works(sso_only):
    make_user(name="Jelle Postma", email="jelle@gemeente.example")
    page = sso_only.web.get("/inloggen")
    assert page.status_code == 200
    assert 'name="password"' not in page.text
    assert "Inloggen via Gemeente Test" in page.text
    refused = sso_only.web.post(
        "/inloggen", data={"email": "jelle@gemeente.example", "password": PASSWORD}
    )
    assert refused.status_code == 403
    assert "Inloggen met een wachtwoord staat uit" in refused.text
    assert _nobody_signed_in(sso_only)
    response = sso_only.sign_in(sub="j-1", email="jelle@gemeente.example", name="Jelle")
    assert response.status_code == 303
    assert "Welkom, Jelle Postma" in sso_only.signed_in_name()


def test_sso_routes_are_not_there_without_oidc_configuration(web):
    assert web.get("/sso/inloggen").status_code == 404
    assert web.get("/sso/terug?code=a&state=b").status_code == 404
    assert "/sso/inloggen" not in web.get("/inloggen").text
