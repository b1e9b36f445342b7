"""Secure by default: headers, cookies, secrets, request sizes, CSRF, errors and escaping."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from board import create_app
from board.accounts.models import PasswordResetLink, User, UserSession
from board.accounts.services import create_reset_link
from board.audit.models import AuditEvent
from board.config import ConfigError
from board.extensions import db
from board.org.models import Chain, Membership, Setting, Team
from tests.conftest import Page
from tests.factories import PASSWORD, add_member, make_user

PROD_SECRET = "x" * 40


@pytest.fixture(scope="module")
def production_app(app):
    """The same code in production configuration, on the test database."""
    return create_app(
        {
            "BOARD_ENV": "production",
            "SECRET_KEY": PROD_SECRET,
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        }
    )


# --- headers ------------------------------------------------------------------------------


def _assert_security_headers(response):
    csp = response.headers["Content-Security-Policy"]
    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    ("who", "path", "status"),
    [
        (None, "/inloggen", 200),
        (None, "/healthz", 200),
        (None, "/bestaat-niet", 404),
        ("employee", "/", 200),
        ("employee", "/teams", 200),
        ("employee", "/beheer", 403),
        ("employee", "/teams/999999", 404),
    ],
)
def test_security_headers_on_pages_and_errors(web, employee, who, path, status):
    if who:
        web.login(employee)
    response = web.get(path)
    assert response.status_code == status
    _assert_security_headers(response)
    assert "Strict-Transport-Security" not in response.headers  # only behind https


def test_security_headers_on_a_refused_form_and_an_export(web, admin):
    web.login(admin)
    _assert_security_headers(web.client.post("/profiel", data={"name": "x"}))
    _assert_security_headers(web.get("/beheer/audit.csv"))


def test_pages_have_no_inline_scripts_or_styles(web, employee):
    """What the CSP forbids must not be needed: no inline script, style or handlers."""
    web.login(employee)
    for path in ("/", "/teams", "/profiel"):
        page = Page(web.get(path).text)
        for element in page.all():
            if element.tag == "script":
                assert element.attrs.get("src"), f"inline script on {path}"
            assert element.tag != "style", f"inline <style> on {path}"
            assert "style" not in element.attrs, f"style attribute on {path}"
            assert not [a for a in element.attrs if a.startswith("on")], f"handler on {path}"


def test_production_sends_hsts(production_app):
    response = production_app.test_client().get("/inloggen", base_url="https://localhost")
    hsts = response.headers["Strict-Transport-Security"]
    max_age = int(hsts.split("max-age=")[1].split(";")[0])
    assert max_age >= 365 * 24 * 3600
    _assert_security_headers(response)


def test_production_session_cookie_is_host_only_secure_httponly_lax(production_app):
    response = production_app.test_client().get("/inloggen", base_url="https://localhost")
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("__Host-wurkje=")]
    assert len(cookies) == 1, response.headers.getlist("Set-Cookie")
    attributes = {
        part.strip().split("=")[0].lower(): part.strip() for part in cookies[0].split(";")[1:]
    }
    assert "secure" in attributes
    assert "httponly" in attributes
    assert attributes["samesite"].lower() == "samesite=lax"
    assert attributes["path"] == "Path=/"
    assert "domain" not in attributes


def test_development_cookie_is_httponly_and_lax_too(web):
    response = web.get("/inloggen")
    [cookie] = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("wurkje=")]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_refuses_to_start_without_a_secret_key(app, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("BOARD_ENV", "production")
    with pytest.raises(ConfigError) as caught:
        create_app({"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    message = str(caught.value)
    assert "SECRET_KEY" in message
    assert "secrets.token_urlsafe" in message  # it says how to make one


# --- request size -------------------------------------------------------------------------


def test_too_large_request_gets_a_dutch_413_and_nothing_happens(web, employee, app):
    web.login(employee)
    limit = app.config["MAX_CONTENT_LENGTH"]
    upload = io.BytesIO(b"x" * (limit + 1))
    response = web.post(
        "/profiel", data={"name": "Te Groot", "language": "nl", "bestand": (upload, "groot.xlsx")}
    )
    assert response.status_code == 413
    assert "Wat je stuurde is te groot." in response.text
    assert db.session.get(User, employee.id).name == "Jelle Postma"


def test_too_large_text_field_in_a_multipart_form_is_refused(web, employee, app):
    web.login(employee)
    response = web.post(
        "/profiel",
        data={
            "name": "y" * (app.config["MAX_FORM_MEMORY_SIZE"] + 1),
            "language": "nl",
            "bestand": (io.BytesIO(b"klein"), "klein.txt"),
        },
    )
    assert response.status_code == 413
    assert "Te groot" in response.text


# --- CSRF ---------------------------------------------------------------------------------


def _post_rules(app):
    # The JSON API takes no cookies, only Bearer tokens, so it needs no CSRF token: a POST with
    # just the session cookie gets 401 there (tests/api/test_auth.py).
    return sorted(
        (
            r
            for r in app.url_map.iter_rules()
            if "POST" in r.methods and not r.endpoint.startswith("api.")
        ),
        key=lambda r: r.rule,
    )


def _snapshot():
    """Everything a write could change, as plain values."""

    def rows(model, *columns):
        return sorted(db.session.execute(select(*[getattr(model, c) for c in columns])).all())

    db.session.expire_all()
    return {
        "users": rows(User, "id", "email", "name", "role", "language", "active", "password_hash"),
        "sessions": rows(UserSession, "id", "ended_at", "last_seen_at"),
        "links": rows(PasswordResetLink, "id", "used_at"),
        "chains": rows(Chain, "id", "name", "active"),
        "teams": rows(Team, "id", "name", "chain_id", "active"),
        "memberships": rows(Membership, "id", "user_id", "team_id", "role"),
        "settings": rows(Setting, "key", "value"),
        "audit": db.session.scalar(select(func.count(AuditEvent.id))),
    }


def test_every_post_route_refuses_a_missing_csrf_token_and_changes_nothing(app, web, admin, team):
    target = make_user(name="Doutzen Doel", email="doel@example.org")
    membership = add_member(target, team)
    token = create_reset_link(target, actor=admin)
    other = make_user(email="ander@example.org")
    web.login(admin)
    values = {
        "user_id": target.id,
        "team_id": team.id,
        "chain_id": team.chain_id,
        "membership_id": membership.id,
        "token": token,
    }
    # Input that would change something on any of the forms, were it accepted.
    payload = {
        "name": "Gewijzigd",
        "email": "gewijzigd@example.org",
        "role": "manager",
        "language": "en",
        "lang": "en",
        "description": "gewijzigd",
        "active": "",
        "user_id": other.id,
        "team_id": team.id,
        "chain_id": team.chain_id,
        "password": "een lang wachtwoord",
        "current_password": PASSWORD,
        "new_password": "een lang wachtwoord",
        "confirm_password": "een lang wachtwoord",
        "terug": "/",
    }
    rules = _post_rules(app)
    assert len(rules) >= 15
    before = _snapshot()
    for rule in rules:
        with app.test_request_context():
            from flask import url_for

            # CSRF is checked before the view runs, so other areas' ids need not exist.
            path = url_for(rule.endpoint, **{k: values.get(k, 1) for k in rule.arguments})
        web._fresh_request_globals()
        response = web.client.post(path, data=payload)  # no csrf_token
        assert response.status_code == 400, (path, response.status_code)
        assert "er is niets gewijzigd" in response.text, path
        _assert_security_headers(response)
        assert _snapshot() == before, f"POST {path} changed something without a CSRF token"
    # The session survived every refused request, sign-out included.
    assert web.get("/").status_code == 200


def test_a_csrf_token_from_another_session_is_refused(make_web, employee, manager):
    mine, theirs = make_web(), make_web()
    mine.login(employee)
    theirs.login(manager)
    from tests.conftest import csrf_token

    stolen = csrf_token(theirs.app, theirs.client)
    response = mine.post(
        "/profiel", data={"name": "Overgenomen", "language": "nl", "csrf_token": stolen}
    )
    assert response.status_code == 400
    assert db.session.get(User, employee.id).name == "Jelle Postma"


# --- errors -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def broken_app(app):
    """A separate app with a route that fails, as a bug in production would."""
    application = create_app(
        {
            "BOARD_ENV": "production",
            "SECRET_KEY": PROD_SECRET,
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        }
    )

    def explode():
        raise RuntimeError("geheime-interne-details in /srv/board/secret.py")

    application.add_url_rule("/kapot", "explode", explode)
    return application


def test_unexpected_error_shows_the_generic_dutch_page_without_a_trace(broken_app):
    response = broken_app.test_client().get("/kapot", base_url="https://localhost")
    assert response.status_code == 500
    page = Page(response.text)
    assert page.by_class("utrecht-heading-1")[0].text == "Er ging iets mis"
    assert "meld het dan bij de beheerder" in page.text
    for leak in ("Traceback", "RuntimeError", "geheime-interne-details", "secret.py", 'File "'):
        assert leak not in response.text
    _assert_security_headers(response)


@pytest.mark.parametrize(
    ("method", "path", "status", "title"),
    [
        ("GET", "/bestaat-niet", 404, "Pagina niet gevonden"),
        ("GET", "/uitloggen", 405, "Niet toegestaan"),
    ],
)
def test_http_errors_are_dutch_pages(web, method, path, status, title):
    response = web.client.open(path, method=method)
    assert response.status_code == status
    assert Page(response.text).by_class("utrecht-heading-1")[0].text == title
    assert f"Foutcode {status}" in response.text


# --- caching ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/", "/teams", "/profiel", "/beheer/audit", "/beheer/audit.csv", "/bestaat-niet"]
)
def test_pages_for_a_signed_in_person_are_not_stored(web, admin, path):
    web.login(admin)
    response = web.get(path)
    assert response.headers["Cache-Control"] == "no-store"


def test_static_files_may_be_cached(web, admin):
    web.login(admin)
    response = web.get("/static/js/app.js")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
    response.close()


# --- escaping -----------------------------------------------------------------------------

EVIL = "<script>alert(1)</script>"


def test_a_name_with_markup_is_shown_as_text_everywhere(web, admin, team):
    evil = make_user(name=EVIL, email="evil@example.org")
    add_member(evil, team)
    web.login(admin)
    for path in (f"/teams/{team.id}", "/beheer/mensen", f"/beheer/mensen/{evil.id}"):
        response = web.get(path)
        assert EVIL not in response.text, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text, path
        assert EVIL in Page(response.text).text, path
    fragment = web.get(f"/teams/{team.id}", htmx=True).text
    assert EVIL not in fragment and "&lt;script&gt;" in fragment


def test_markup_in_team_and_chain_names_is_escaped(web, admin, employee, team):
    from board.org.services import update_team

    update_team(
        team,
        chain_id=team.chain_id,
        name='"><img src=x onerror=alert(1)>',
        description=EVIL,
        active=True,
        actor=admin,
    )
    db.session.commit()
    web.login(employee)
    for path in ("/", "/teams", f"/teams/{team.id}"):
        text = web.get(path).text
        assert "<img src=x" not in text and EVIL not in text, path


@pytest.mark.parametrize(
    "path",
    [
        "/borden/99999999999999999999",
        "/kaarten/99999999999999999999",
        "/ideeen/99999999999999999999",
        "/ketens/99999999999999999999/standup",
        "/teams/1/standups/99999999999999999999",
        "/api/v1/teams/99999999999999999999/stand-ups",
        "/api/v1/borden/99999999999999999999",
    ],
)
def test_an_id_no_database_can_hold_is_simply_not_found(web, employee, path):
    web.login(employee)
    response = web.get(path)
    assert response.status_code == 404, path
