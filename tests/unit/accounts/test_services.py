"""Accounts services without HTTP: people, sign-in, sessions, passwords, reset links."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from board.accounts import queries, services
from board.accounts.models import UserSession
from board.accounts.passwords import hash_password, verify_password
from board.extensions import db
from tests.conftest import audit_events
from tests.factories import PASSWORD, make_user

NEW = "een ander lang wachtwoord"


def _open(user):
    return services.start_session(user, ip="10.0.0.1", user_agent="unit")


# --- people -------------------------------------------------------------------------------


def test_create_user_normalises_and_logs(admin):
    user = services.create_user(
        email="  Anke.Bakker@Example.ORG ",
        name="  Anke Bakker ",
        role="manager",
        language="fy",
        actor=admin,
    )
    assert (user.email, user.name, user.role, user.language) == (
        "anke.bakker@example.org",
        "Anke Bakker",
        "manager",
        "fy",
    )
    assert user.password_hash is None
    [event] = audit_events(action="user.create", actor_id=admin.id)
    assert (event.object_id, event.detail) == (str(user.id), "role=manager")


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"email": "x"}, "email", "Dit is geen geldig e-mailadres."),
        ({"email": "a" * 250 + "@x.nl"}, "email", "Een e-mailadres is hoogstens 254 tekens."),
        ({"name": "n" * 121}, "name", "Een naam is hoogstens 120 tekens."),
        ({"role": "root"}, "role", "Kies een bestaande rol."),
        ({"language": "de"}, "language", "Kies een beschikbare taal."),
        ({"password": "123456789"}, "password", "Een wachtwoord heeft minstens 10 tekens."),
        ({"password": "p" * 257}, "password", "Een wachtwoord is hoogstens 256 tekens."),
    ],
)
def test_create_user_rules(kwargs, field, message):
    args = {"email": "a@example.org", "name": "A", **kwargs}
    with pytest.raises(services.AccountError) as caught:
        services.create_user(**args)
    assert (caught.value.field, caught.value.message) == (field, message)
    assert queries.count_users() == 0


def test_duplicate_email_ignores_case():
    make_user(email="anke@example.org")
    with pytest.raises(services.AccountError, match="Er is al iemand"):
        services.create_user(email="ANKE@example.org", name="Anke 2")


def test_update_user_records_what_changed(admin, employee):
    services.update_user(
        employee,
        email="JELLE@example.org",
        name="Jelle P",
        role="manager",
        language="en",
        actor=admin,
    )
    [event] = audit_events(action="user.update")
    assert event.detail == (
        "name: Jelle Postma → Jelle P; role: employee → manager; language: nl → en"
    )


def test_admin_cannot_demote_themselves_but_can_demote_another_admin(admin):
    with pytest.raises(services.AccountError) as caught:
        services.update_user(
            admin, email=admin.email, name=admin.name, role="manager", language="nl", actor=admin
        )
    assert caught.value.field == "role"
    other = make_user(role="admin")
    services.update_user(
        other, email=other.email, name=other.name, role="employee", language="nl", actor=admin
    )
    assert other.role == "employee"


def test_deactivation_is_idempotent_and_self_deactivation_refused(admin, employee, clock):
    with pytest.raises(services.AccountError, match="eigen account"):
        services.deactivate_user(admin, actor=admin)
    services.deactivate_user(employee, actor=admin)
    services.deactivate_user(employee, actor=admin)
    assert employee.active is False and employee.deactivated_at == clock.current
    assert len(audit_events(action="user.deactivate")) == 1
    services.reactivate_user(employee, actor=admin)
    services.reactivate_user(employee, actor=admin)
    assert employee.active and employee.deactivated_at is None
    assert len(audit_events(action="user.reactivate")) == 1


# --- authenticate -------------------------------------------------------------------------


def test_authenticate_with_the_right_password(employee):
    assert services.authenticate(" Jelle@Example.org ", PASSWORD) is employee


@pytest.mark.parametrize(
    ("email", "password", "detail"),
    [
        ("jelle@example.org", "verkeerd!", "wrong password"),
        ("niemand@example.org", PASSWORD, "unknown e-mail"),
        ("geen adres", PASSWORD, "invalid e-mail"),
        ("", "", "invalid e-mail"),
    ],
)
def test_failed_authentication_has_one_message_and_is_logged(employee, email, password, detail):
    with pytest.raises(services.AuthenticationFailed) as caught:
        services.authenticate(email, password)
    assert caught.value.message == "Het e-mailadres of wachtwoord klopt niet."
    [event] = audit_events(action="auth.login", result="failure")
    assert event.detail == detail
    if password:
        assert password not in event.detail + event.actor_label + event.object_label
    if detail == "wrong password":
        assert event.actor_id == employee.id


def test_deactivated_person_cannot_authenticate_even_with_the_right_password():
    make_user(email="weg@example.org", active=False)
    with pytest.raises(services.AuthenticationFailed):
        services.authenticate("weg@example.org", PASSWORD)
    [event] = audit_events(action="auth.login", result="failure")
    assert event.detail == "account deactivated"


def test_sso_only_person_cannot_authenticate_with_any_password():
    make_user(email="sso@example.org", password=None)
    with pytest.raises(services.AuthenticationFailed):
        services.authenticate("sso@example.org", "")
    assert verify_password(None, "") is False


def test_stronger_hash_settings_upgrade_the_hash_on_sign_in(app, employee, monkeypatch):
    old_hash = employee.password_hash
    monkeypatch.setitem(app.config, "ARGON2_TIME_COST", app.config["ARGON2_TIME_COST"] + 1)
    services.authenticate("jelle@example.org", PASSWORD)
    assert employee.password_hash != old_hash
    assert f"t={app.config['ARGON2_TIME_COST']}" in employee.password_hash
    assert verify_password(employee.password_hash, PASSWORD)


def test_hashes_are_argon2id_and_salted(employee):
    assert employee.password_hash.startswith("$argon2id$")
    assert hash_password(PASSWORD) != hash_password(PASSWORD)


# --- sessions -----------------------------------------------------------------------------


def test_session_token_is_stored_only_as_a_hash(employee):
    token = _open(employee)
    rows = db.session.scalars(select(UserSession)).all()
    assert len(rows) == 1
    assert rows[0].token_hash == queries.token_hash(token) != token
    assert (rows[0].ip, rows[0].user_agent) == ("10.0.0.1", "unit")
    [event] = audit_events(action="auth.login")
    assert event.detail == "method=password"


def test_resume_returns_the_person_and_touches_at_most_once_a_minute(employee, clock):
    token = _open(employee)
    start = clock.current
    clock.advance(seconds=59)
    assert services.resume_session(token) == (employee, None)
    session = queries.get_session_by_token(token)
    assert session.last_seen_at == start
    clock.advance(seconds=2)
    services.resume_session(token)
    assert session.last_seen_at == clock.current


def test_idle_session_ends(app, employee, clock):
    token = _open(employee)
    clock.advance(minutes=app.config["SESSION_IDLE_MINUTES"])
    assert services.resume_session(token) == (employee, None)
    clock.advance(minutes=app.config["SESSION_IDLE_MINUTES"], seconds=1)
    assert services.resume_session(token) == (None, "idle")
    session = queries.get_session_by_token(token)
    assert (session.ended_at, session.end_reason) == (clock.current, "idle")
    # Once ended, it stays ended even if time were to go back.
    clock.advance(minutes=-60)
    assert services.resume_session(token) == (None, "idle")


def test_absolute_limit_ends_even_an_active_session(app, employee, clock):
    token = _open(employee)
    created = clock.current
    limit = timedelta(hours=app.config["SESSION_ABSOLUTE_HOURS"])
    while clock.current + timedelta(hours=1) <= created + limit:
        clock.advance(hours=1)
        assert services.resume_session(token)[0] is employee
    clock.current = created + limit + timedelta(seconds=1)
    assert services.resume_session(token) == (None, "absolute")


def test_deactivated_persons_sessions_are_refused(employee, admin):
    token = _open(employee)
    employee.active = False
    assert services.resume_session(token) == (None, "deactivated")


def test_unknown_and_empty_tokens_are_refused():
    assert services.resume_session("bestaat-niet") == (None, "unknown")
    assert services.resume_session("") == (None, "unknown")


def test_sign_out_ends_one_session_and_is_logged(employee):
    first, second = _open(employee), _open(employee)
    services.end_session(first)
    assert services.resume_session(first) == (None, "signed out")
    assert services.resume_session(second)[0] is employee
    assert len(audit_events(action="auth.logout")) == 1
    services.end_session(first)  # twice is harmless
    assert len(audit_events(action="auth.logout")) == 1


def test_end_all_sessions(employee, manager):
    mine = [_open(employee), _open(employee)]
    theirs = _open(manager)
    services.end_all_sessions(employee, reason="admin")
    assert [services.resume_session(t) for t in mine] == [(None, "admin")] * 2
    assert services.resume_session(theirs)[0] is manager
    assert queries.count_active_sessions(employee.id) == 0


# --- passwords ----------------------------------------------------------------------------


def test_change_password_keeps_the_current_session_only(employee):
    here, elsewhere = _open(employee), _open(employee)
    services.resume_session(here)  # the request's own session
    services.change_password(employee, current=PASSWORD, new=NEW, confirm=NEW)
    assert services.resume_session(here)[0] is employee
    assert services.resume_session(elsewhere) == (None, "password")
    assert verify_password(employee.password_hash, NEW)


@pytest.mark.parametrize(
    ("current", "new", "confirm", "field"),
    [
        ("fout", NEW, NEW, "current_password"),
        (PASSWORD, "kort", "kort", "new_password"),
        (PASSWORD, NEW, NEW + "x", "confirm_password"),
    ],
)
def test_change_password_rules(employee, current, new, confirm, field):
    old = employee.password_hash
    with pytest.raises(services.AccountError) as caught:
        services.change_password(employee, current=current, new=new, confirm=confirm)
    assert caught.value.field == field
    assert employee.password_hash == old


def test_person_without_password_sets_one_without_a_current_password():
    person = make_user(password=None)
    services.change_password(person, current="", new=NEW, confirm=NEW)
    assert verify_password(person.password_hash, NEW)


def test_password_minimum_follows_the_configuration(app, monkeypatch):
    monkeypatch.setitem(app.config, "PASSWORD_MIN_LENGTH", 20)
    with pytest.raises(services.AccountError, match="minstens 20 tekens"):
        services.check_password_rules("negentien tekens...")
    services.check_password_rules("twintig tekens lang!")


# --- reset links --------------------------------------------------------------------------


def test_reset_link_sets_the_password_once_and_ends_sessions(employee, admin):
    session_token = _open(employee)
    token = services.create_reset_link(employee, actor=admin)
    assert services.check_reset_link(token).user is employee
    assert queries.get_reset_link(token).token_hash != token
    user = services.reset_password(token, new=NEW, confirm=NEW)
    assert user is employee and verify_password(employee.password_hash, NEW)
    assert services.resume_session(session_token) == (None, "password")
    with pytest.raises(services.AccountError, match="niet \\(meer\\) geldig"):
        services.check_reset_link(token)
    assert [e.action for e in audit_events() if e.action.startswith("user.")][-2:] == [
        "user.reset_link",
        "user.password_reset",
    ]


def test_reset_link_expires_after_the_configured_hours(app, employee, admin, clock):
    token = services.create_reset_link(employee, actor=admin)
    hours = app.config["PASSWORD_RESET_HOURS"]
    clock.advance(hours=hours)
    services.check_reset_link(token)  # exactly at the limit it still works
    clock.advance(seconds=1)
    with pytest.raises(services.AccountError):
        services.check_reset_link(token)


def test_new_reset_link_invalidates_the_earlier_one(employee, admin):
    first = services.create_reset_link(employee, actor=admin)
    second = services.create_reset_link(employee, actor=admin)
    with pytest.raises(services.AccountError):
        services.check_reset_link(first)
    assert services.check_reset_link(second).user is employee


def test_reset_link_stops_working_when_the_person_is_switched_off(employee, admin):
    token = services.create_reset_link(employee, actor=admin)
    services.deactivate_user(employee, actor=admin)
    with pytest.raises(services.AccountError):
        services.check_reset_link(token)
    with pytest.raises(services.AccountError, match="eerst weer in"):
        services.create_reset_link(employee, actor=admin)


def test_reset_password_rules_leave_the_link_usable(employee, admin):
    token = services.create_reset_link(employee, actor=admin)
    with pytest.raises(services.AccountError) as caught:
        services.reset_password(token, new=NEW, confirm="anders dan dat")
    assert caught.value.field == "confirm_password"
    assert services.check_reset_link(token)
    with pytest.raises(services.AccountError) as caught:
        services.reset_password("verzonnen", new=NEW, confirm=NEW)
    assert caught.value.field is None
