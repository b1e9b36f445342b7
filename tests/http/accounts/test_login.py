"""Signing in and out, as a person at the sign-in page experiences it."""

from __future__ import annotations

from board.audit.models import AuditEvent
from board.extensions import db
from tests.conftest import form_token
from tests.factories import PASSWORD, make_user


def _login(web, email, password, **extra):
    return web.post("/inloggen", data={"email": email, "password": password, **extra})


def test_sign_in_page_form_carries_a_csrf_token(web):
    page = web.get("/inloggen")
    assert page.status_code == 200
    assert form_token(page.data)
    assert page.headers["Vary"] and "HX-Request" in page.headers["Vary"]


def test_sign_in_with_right_password_lands_on_home_page(web, employee):
    response = _login(web, "jelle@example.org", PASSWORD)
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    home = web.get("/")
    assert "Welkom, Jelle Postma" in home.text


def test_email_is_case_insensitive(web, employee):
    assert _login(web, "  JELLE@Example.org ", PASSWORD).status_code == 303


def test_wrong_password_and_unknown_email_give_the_same_message(web, employee):
    wrong = _login(web, "jelle@example.org", "not the password")
    unknown = _login(web, "nobody@example.org", "whatever")
    assert wrong.status_code == unknown.status_code == 422
    message = "Het e-mailadres of wachtwoord klopt niet."
    assert message in wrong.text and message in unknown.text
    assert 'value="jelle@example.org"' in wrong.text  # what was typed stays


def test_failed_sign_in_is_in_the_audit_log_without_the_password(web, employee):
    _login(web, "jelle@example.org", "Geheim-123-wrong")
    events = db.session.query(AuditEvent).filter_by(action="auth.login", result="failure").all()
    assert [e.actor_label for e in events] == ["jelle@example.org"]
    assert all("Geheim" not in (e.detail + e.object_label) for e in events)


def test_deactivated_person_cannot_sign_in(web):
    make_user(email="weg@example.org", active=False)
    response = _login(web, "weg@example.org", PASSWORD)
    assert response.status_code == 422
    assert "klopt niet" in response.text


def test_next_parameter_only_allows_local_paths(web, employee):
    response = _login(web, "jelle@example.org", PASSWORD, next="https://evil.example/")
    assert response.headers["Location"] == "/"
    response = _login(web, "jelle@example.org", PASSWORD, next="/teams")
    assert response.headers["Location"] == "/teams"


def test_pages_need_sign_in_and_come_back_after(web, employee):
    response = web.get("/teams")
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/inloggen?next=/teams")


def test_sign_out_ends_the_session_on_the_server(web, employee, app):
    _login(web, "jelle@example.org", PASSWORD)
    with web.client.session_transaction() as s:
        stolen = dict(s)
    web.post("/uitloggen")
    assert web.get("/").status_code == 303
    # A copy of the old cookie is worth nothing after sign-out.
    web.logout()
    with web.client.session_transaction() as s:
        s.update(stolen)
    assert web.get("/").status_code == 303


def test_sign_in_starts_a_fresh_session(web, employee):
    with web.client.session_transaction() as s:
        s["planted"] = "by an attacker"
    _login(web, "jelle@example.org", PASSWORD)
    with web.client.session_transaction() as s:
        assert "planted" not in s


def test_tampered_session_cookie_signs_the_person_out(web, employee, app):
    web.login(employee)
    assert web.get("/").status_code == 200
    name = app.config["SESSION_COOKIE_NAME"]
    cookie = web.client.get_cookie(name)
    tampered = cookie.value[:-3] + ("abc" if cookie.value[-3:] != "abc" else "xyz")
    web.client.set_cookie(name, tampered, domain=cookie.domain, path=cookie.path)
    assert web.get("/").status_code == 303


def test_forged_csrf_token_is_refused_and_nothing_changes(web, employee):
    web.login(employee)
    response = web.post(
        "/profiel", data={"name": "Hacked", "language": "nl", "csrf_token": "forged"}
    )
    assert response.status_code == 400
    assert "niets gewijzigd" in response.text
    db.session.refresh(employee)
    assert employee.name == "Jelle Postma"


def test_sign_in_is_rate_limited_per_account_with_a_dutch_message(web, employee):
    for _ in range(5):
        assert _login(web, "jelle@example.org", "wrong password!").status_code == 422
    response = _login(web, "jelle@example.org", PASSWORD)
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.text
    assert 'value="jelle@example.org"' in response.text


def test_successful_sign_ins_do_not_count_towards_the_limit(web, employee):
    for _ in range(8):
        assert _login(web, "jelle@example.org", PASSWORD).status_code == 303
