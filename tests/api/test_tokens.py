"""Personal access tokens: made on the profile page or the command line, shown once, stored only
as a hash, revoked for good, and every create and revoke in the audit log without the token."""

from __future__ import annotations

import hashlib

import pytest

from board.accounts import tokens
from board.accounts.models import ApiToken
from board.extensions import db
from tests.api.conftest import assert_problem, make_token
from tests.conftest import Page, audit_events
from tests.factories import make_user


def test_a_token_is_stored_only_as_its_hash_and_audited_without_it(employee):
    row, value = tokens.create_token(employee, name="  Zaaksysteem  ", actor=employee)
    db.session.commit()
    assert value.startswith("lw_") and len(value) >= 40
    assert row.name == "Zaaksysteem"
    assert row.prefix == value[:8]
    assert row.token_hash == hashlib.sha256(value.encode()).hexdigest()
    stored = db.session.query(ApiToken).one()
    assert value not in {stored.token_hash, stored.prefix, stored.name}
    [event] = audit_events(action="api_token.create")
    assert (event.actor_id, event.object_id, event.object_label) == (
        employee.id,
        str(row.id),
        "Zaaksysteem",
    )
    everything = " ".join(str(v) for v in vars(event).values())
    assert value not in everything and value[8:] not in everything


def test_two_tokens_differ(employee):
    assert make_token(employee) != make_token(employee)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("   ", "Geef de sleutel een naam"),
        ("n" * 81, "Een naam is hoogstens 80 tekens."),
    ],
)
def test_a_token_needs_a_sensible_name(employee, name, message):
    with pytest.raises(tokens.TokenError) as caught:
        tokens.create_token(employee, name=name, actor=employee)
    assert message in caught.value.message
    assert tokens.list_tokens(employee.id) == []


def test_revoking_is_audited_once_and_the_token_is_gone_for_good(employee):
    value = make_token(employee)
    row = tokens.list_tokens(employee.id)[0]
    tokens.revoke_token(row, actor=employee)
    tokens.revoke_token(row, actor=employee)  # twice is harmless
    db.session.commit()
    assert tokens.authenticate_token(value) is None
    assert len(audit_events(action="api_token.revoke")) == 1


# --- the profile page -----------------------------------------------------------------------


def test_made_on_the_profile_page_shown_once_and_working(web, api, employee):
    web.login(employee)
    response = web.post("/profiel/toegangssleutels", {"token-name": "Zaaksysteem"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/profiel#toegangssleutels"
    page = Page(web.get("/profiel").text)
    value = page.value("new-api-token")
    assert value.startswith("lw_")
    row = page.by_id(f"api-token-{tokens.list_tokens(employee.id)[0].id}")
    assert "Zaaksysteem" in row.text and value[:8] + "…" in row.text
    assert "Nog niet" in row.text  # not used yet
    # Shown once: the next visit no longer has it.
    assert value not in web.get("/profiel").text
    assert api.get("/api/v1/ideeen", value).status_code == 200


def test_a_token_without_a_name_is_refused_on_the_page(web, employee):
    web.login(employee)
    response = web.post("/profiel/toegangssleutels", {"token-name": ""})
    assert response.status_code == 422
    page = Page(response.text)
    assert "Geef de sleutel een naam" in (page.field_error("token-name") or "")
    assert page.by_id("new-api-token") is None
    assert tokens.list_tokens(employee.id) == []


def test_revoking_on_the_profile_page(web, api, employee):
    value = make_token(employee, name="Oude koppeling")
    row = tokens.list_tokens(employee.id)[0]
    web.login(employee)
    response = web.post(f"/profiel/toegangssleutels/{row.id}/intrekken")
    assert response.status_code == 303
    page = Page(web.get("/profiel").text)
    assert "De toegangssleutel Oude koppeling is ingetrokken." in page.text
    assert "Ingetrokken" in page.by_id(f"api-token-{row.id}").text
    assert_problem(api.get("/api/v1/ideeen", value), 401)


def test_nobody_can_revoke_someone_elses_token(web, api, employee):
    value = make_token(employee)
    row = tokens.list_tokens(employee.id)[0]
    web.login(make_user())
    assert web.post(f"/profiel/toegangssleutels/{row.id}/intrekken").status_code == 404
    assert web.post("/profiel/toegangssleutels/999999/intrekken").status_code == 404
    assert api.get("/api/v1/ideeen", value).status_code == 200


def test_token_routes_need_a_signed_in_person_and_csrf(web, client, employee):
    response = web.post("/profiel/toegangssleutels", {"token-name": "X"})
    assert response.status_code == 303 and "/inloggen" in response.headers["Location"]
    web.login(employee)
    without_csrf = client.post("/profiel/toegangssleutels", data={"token-name": "X"})
    assert without_csrf.status_code == 400
    assert tokens.list_tokens(employee.id) == []


# --- the command line -----------------------------------------------------------------------


@pytest.fixture
def cli(app):
    runner = app.test_cli_runner()

    def invoke(*args):
        db.session.commit()  # what the test set up is there before the command runs
        return runner.invoke(args=list(args))

    return invoke


def test_cli_create_prints_a_working_token_as_its_last_line(cli, api, employee):
    result = cli("tokens", "create", "Jelle@Example.org", "--name", "Koppeling KCC")
    assert result.exit_code == 0, result.output
    value = result.output.strip().splitlines()[-1]
    assert value.startswith("lw_")
    assert api.get("/api/v1/ideeen", value).status_code == 200
    listed = cli("tokens", "list", "jelle@example.org")
    assert listed.exit_code == 0
    [line] = listed.output.strip().splitlines()
    assert "Koppeling KCC" in line and value[:8] in line and "active" in line
    assert value not in listed.output


def test_cli_revoke(cli, api, employee):
    value = make_token(employee, name="Weg ermee")
    row = tokens.list_tokens(employee.id)[0]
    result = cli("tokens", "revoke", str(row.id))
    assert result.exit_code == 0, result.output
    assert "revoked" in result.output
    assert_problem(api.get("/api/v1/ideeen", value), 401)
    assert "revoked" in cli("tokens", "list", employee.email).output
    [event] = audit_events(action="api_token.revoke")
    assert event.actor_id is None and event.object_id == str(row.id)


def test_cli_refuses_unknown_people_and_tokens(cli):
    assert cli("tokens", "create", "niemand@example.org").exit_code != 0
    assert cli("tokens", "list", "niemand@example.org").exit_code != 0
    assert cli("tokens", "revoke", "999999").exit_code != 0


def test_cli_will_not_make_a_token_for_a_deactivated_person(cli):
    make_user(email="weg@example.org", active=False)
    result = cli("tokens", "create", "weg@example.org")
    assert result.exit_code != 0
    assert "lw_" not in result.output
