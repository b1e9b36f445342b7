"""The administrator's people pages: add, edit, switch off and on, reset links, teams."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from board.accounts import queries
from tests.conftest import Page, audit_events
from tests.factories import PASSWORD, make_team, make_user

NEW_PASSWORD = "een nieuw lang wachtwoord"


def _new_person(web, **fields):
    data = {
        "name": "Sietske Zijlstra",
        "email": "sietske@example.org",
        "role": "employee",
        "language": "nl",
        "password": "",
    }
    data.update(fields)
    return web.post("/beheer/mensen/nieuw", data=data)


def _sign_in(web, email, password):
    return web.post("/inloggen", data={"email": email, "password": password})


# --- adding -------------------------------------------------------------------------------


def test_admin_adds_a_person_who_then_shows_in_the_list(web, admin):
    web.login(admin)
    response = _new_person(web, role="manager", language="fy")
    assert response.status_code == 303
    person = queries.get_user_by_email("sietske@example.org")
    assert response.headers["Location"] == f"/beheer/mensen/{person.id}"
    page = Page(web.get(response.headers["Location"]).text)
    assert "Sietske Zijlstra is toegevoegd." in page.text
    assert page.value("role") == "manager" and page.value("language") == "fy"
    row = Page(web.get("/beheer/mensen").text).by_id(f"person-{person.id}")
    assert row.text.split() == ["Sietske", "Zijlstra", "sietske@example.org", "Manager", "Actief"]
    [event] = audit_events(action="user.create", actor_id=admin.id)
    assert (event.object_label, event.detail) == ("sietske@example.org", "role=manager")


def test_person_added_with_a_password_can_sign_in(web, admin, make_web):
    web.login(admin)
    _new_person(web, password=NEW_PASSWORD)
    other = make_web()
    assert _sign_in(other, "sietske@example.org", NEW_PASSWORD).status_code == 303


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"email": "JELLE@example.org"}, "email", "Er is al iemand met dit e-mailadres."),
        ({"email": "geen-adres"}, "email", "Dit is geen geldig e-mailadres."),
        ({"email": ""}, "email", "Vul een e-mailadres in."),
        ({"name": "N" * 121}, "name", "Een naam is hoogstens 120 tekens."),
        ({"name": "  "}, "name", "Vul een naam in."),
        ({"role": "superbeheerder"}, "role", "Kies een bestaande rol."),
        ({"language": "de"}, "language", "Kies een beschikbare taal."),
        ({"password": "kort"}, "password", "Een wachtwoord heeft minstens 10 tekens."),
    ],
    ids=[
        "duplicate-email",
        "invalid-email",
        "empty-email",
        "name-121",
        "empty-name",
        "unknown-role",
        "unknown-language",
        "short-password",
    ],
)
def test_invalid_new_person_is_refused_with_a_dutch_message_next_to_the_field(
    web, admin, employee, fields, field, message
):
    web.login(admin)
    before = queries.count_users()
    response = _new_person(web, **fields)
    assert response.status_code == 422
    page = Page(response.text)
    assert page.field_error(field) == message
    # What was typed stays, except a password, which is never sent back.
    typed = {"name": "Sietske Zijlstra", "email": "sietske@example.org", **fields}
    assert page.value("name") == typed["name"]
    assert page.value("email") == typed["email"]
    assert not page.value("password")
    if "password" in fields:
        assert fields["password"] not in response.text
    assert queries.count_users() == before


def test_a_name_of_exactly_120_characters_is_fine(web, admin):
    web.login(admin)
    assert _new_person(web, name="N" * 120).status_code == 303


# --- editing ------------------------------------------------------------------------------


def test_admin_changes_someones_role(web, admin, employee):
    web.login(admin)
    page = Page(web.get(f"/beheer/mensen/{employee.id}").text)
    assert page.value("role") == "employee"
    response = web.post(
        f"/beheer/mensen/{employee.id}",
        data={"name": employee.name, "email": employee.email, "role": "manager", "language": "nl"},
    )
    assert response.status_code == 303
    page = Page(web.get(f"/beheer/mensen/{employee.id}").text)
    assert "De gegevens van Jelle Postma zijn opgeslagen." in page.text
    assert page.value("role") == "manager"
    [event] = audit_events(action="user.update")
    assert (event.actor_id, event.detail) == (admin.id, "role: employee → manager")


def test_editing_to_someone_elses_email_is_refused(web, admin, employee, manager):
    web.login(admin)
    response = web.post(
        f"/beheer/mensen/{employee.id}",
        data={"name": "Jelle P.", "email": manager.email, "role": "employee", "language": "nl"},
    )
    assert response.status_code == 422
    page = Page(response.text)
    assert page.field_error("email") == "Er is al iemand met dit e-mailadres."
    assert page.value("name") == "Jelle P."
    assert queries.get_user(employee.id).name == "Jelle Postma"


def test_admin_cannot_take_away_their_own_admin_role(web, admin):
    web.login(admin)
    response = web.post(
        f"/beheer/mensen/{admin.id}",
        data={"name": admin.name, "email": admin.email, "role": "employee", "language": "nl"},
    )
    assert response.status_code == 422
    page = Page(response.text)
    assert page.field_error("role") == "Je kunt jezelf de rol beheerder niet afnemen."
    assert queries.get_user(admin.id).role == "admin"
    assert web.get("/beheer").status_code == 200


def test_admin_cannot_switch_themselves_off(web, admin, employee):
    web.login(admin)

    def buttons(user_id):
        page = Page(web.get(f"/beheer/mensen/{user_id}").text)
        return [b.text for b in page.all() if b.tag == "button"]

    assert "Uitschakelen" in buttons(employee.id)
    assert "Uitschakelen" not in buttons(admin.id)
    response = web.post(f"/beheer/mensen/{admin.id}/uitschakelen")
    assert response.status_code == 303
    page = web.get(response.headers["Location"]).text
    assert "Je kunt je eigen account niet uitschakelen." in page
    assert queries.get_user(admin.id).active
    assert web.get("/beheer").status_code == 200


# --- switching off and on -----------------------------------------------------------------


def test_switching_someone_off_ends_their_open_session_at_once(make_web, admin, employee):
    admin_web, their_web = make_web(), make_web()
    admin_web.login(admin)
    their_web.login(employee)
    assert their_web.get("/").status_code == 200
    assert "1 open sessie" in admin_web.get(f"/beheer/mensen/{employee.id}").text

    response = admin_web.post(f"/beheer/mensen/{employee.id}/uitschakelen")
    assert response.status_code == 303
    page = admin_web.get(f"/beheer/mensen/{employee.id}").text
    assert "Jelle Postma is uitgeschakeld en overal uitgelogd." in page
    assert "Uitgeschakeld" in page and "0 open sessies" in page

    kicked = their_web.get("/")
    assert kicked.status_code == 303 and kicked.headers["Location"].startswith("/inloggen")
    notice = their_web.get(kicked.headers["Location"]).text
    assert "Je sessie is beëindigd. Log opnieuw in." in notice
    assert _sign_in(their_web, employee.email, PASSWORD).status_code == 422
    row = Page(admin_web.get("/beheer/mensen").text).by_id(f"person-{employee.id}")
    assert "Uitgeschakeld" in row.text


def test_switching_someone_on_again_lets_them_sign_in(make_web, admin):
    person = make_user(email="terug@example.org", active=False)
    admin_web, their_web = make_web(), make_web()
    admin_web.login(admin)
    assert _sign_in(their_web, "terug@example.org", PASSWORD).status_code == 422
    response = admin_web.post(f"/beheer/mensen/{person.id}/inschakelen")
    assert response.status_code == 303
    assert "is weer ingeschakeld." in admin_web.get(response.headers["Location"]).text
    assert _sign_in(their_web, "terug@example.org", PASSWORD).status_code == 303
    assert [e.action for e in audit_events(actor_id=admin.id) if e.action.startswith("user.")] == [
        "user.reactivate"
    ]


# --- reset links --------------------------------------------------------------------------


def _make_reset_link(web, person) -> str:
    response = web.post(f"/beheer/mensen/{person.id}/herstellink")
    assert response.status_code == 200
    url = Page(response.text).value("reset-url")
    assert url and "/wachtwoord-instellen/" in url
    return urlsplit(url).path


def test_reset_link_is_shown_once(web, admin, employee):
    web.login(admin)
    path = _make_reset_link(web, employee)
    again = web.get(f"/beheer/mensen/{employee.id}").text
    assert path not in again
    assert Page(again).by_id("reset-url") is None
    # Only its hash is stored.
    token = path.rsplit("/", 1)[1]
    assert queries.get_reset_link(token).token_hash != token


def test_reset_link_sets_a_new_password_and_works_only_once(web, admin, employee, make_web):
    web.login(admin)
    path = _make_reset_link(web, employee)
    person_web = make_web()
    form = person_web.get(path)
    assert form.status_code == 200
    assert "Stel een nieuw wachtwoord in voor jelle@example.org." in form.text

    response = person_web.post(
        path, data={"new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/inloggen"
    assert "Je wachtwoord is ingesteld." in person_web.get("/inloggen").text

    assert _sign_in(person_web, employee.email, PASSWORD).status_code == 422
    assert _sign_in(person_web, employee.email, NEW_PASSWORD).status_code == 303

    used = make_web().get(path)
    assert used.status_code == 404
    assert "Deze link is niet (meer) geldig." in used.text
    second = make_web().post(
        path,
        data={
            "new_password": "nog een ander wachtwoord",
            "confirm_password": "nog een ander wachtwoord",
        },
    )
    assert second.status_code == 404
    assert _sign_in(make_web(), employee.email, NEW_PASSWORD).status_code == 303


def test_reset_link_expires(web, admin, employee, clock, app):
    web.login(admin)
    path = _make_reset_link(web, employee)
    clock.advance(hours=app.config["PASSWORD_RESET_HOURS"], minutes=-1)
    assert web.get(path).status_code == 200
    clock.advance(minutes=2)
    expired = web.get(path)
    assert expired.status_code == 404
    assert "Vraag de beheerder om een nieuwe link." in expired.text


def test_a_new_reset_link_makes_the_earlier_one_stop_working(web, admin, employee):
    web.login(admin)
    first = _make_reset_link(web, employee)
    second = _make_reset_link(web, employee)
    assert first != second
    assert web.get(first).status_code == 404
    assert web.get(second).status_code == 200


@pytest.mark.parametrize(
    ("new", "confirm", "field", "message"),
    [
        ("kort", "kort", "new_password", "Een wachtwoord heeft minstens 10 tekens."),
        (
            NEW_PASSWORD,
            NEW_PASSWORD + "!",
            "confirm_password",
            "De twee wachtwoorden zijn niet gelijk.",
        ),
    ],
    ids=["too-short", "mismatch"],
)
def test_reset_form_explains_what_is_wrong_and_the_link_keeps_working(
    web, admin, employee, make_web, new, confirm, field, message
):
    web.login(admin)
    path = _make_reset_link(web, employee)
    person_web = make_web()
    response = person_web.post(path, data={"new_password": new, "confirm_password": confirm})
    assert response.status_code == 422
    assert Page(response.text).field_error(field) == message
    assert person_web.get(path).status_code == 200


def test_setting_a_password_by_link_ends_open_sessions(web, admin, employee, make_web):
    signed_in = make_web()
    signed_in.login(employee)
    web.login(admin)
    path = _make_reset_link(web, employee)
    make_web().post(path, data={"new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD})
    assert signed_in.get("/").status_code == 303


def test_no_reset_link_for_a_switched_off_person(web, admin):
    gone = make_user(active=False)
    web.login(admin)
    response = web.post(f"/beheer/mensen/{gone.id}/herstellink")
    assert response.status_code == 303
    assert "Schakel dit account eerst weer in." in web.get(response.headers["Location"]).text


# --- team memberships from the person page ------------------------------------------------


def test_admin_puts_a_person_in_a_team_and_takes_them_out(web, admin, employee):
    team = make_team(name="Wijkteam Noord")
    web.login(admin)
    response = web.post(
        f"/beheer/mensen/{employee.id}/lidmaatschappen", data={"team_id": team.id, "role": "lead"}
    )
    assert response.status_code == 303
    page = Page(web.get(f"/beheer/mensen/{employee.id}").text)
    assert "Het lidmaatschap is opgeslagen." in page.text
    rows = [r.text for r in page.all() if r.tag == "tr" and "Wijkteam Noord" in r.text]
    assert len(rows) == 1 and "Teamleider" in rows[0]

    from board.org.queries import find_membership

    membership = find_membership(employee.id, team.id)
    response = web.post(f"/lidmaatschappen/{membership.id}/verwijderen", data={"terug": "persoon"})
    assert response.status_code == 303
    assert response.headers["Location"] == f"/beheer/mensen/{employee.id}"
    page = Page(web.get(response.headers["Location"]).text)
    assert not [r for r in page.all() if r.tag == "tr" and "Wijkteam Noord" in r.text]


def test_membership_without_a_team_is_refused(web, admin, employee):
    web.login(admin)
    response = web.post(f"/beheer/mensen/{employee.id}/lidmaatschappen", data={"role": "member"})
    assert response.status_code == 422
    assert Page(response.text).field_error("team_id") == "Kies een team."


def test_only_active_teams_are_offered(web, admin, employee):
    make_team(name="Levend team")
    old = make_team(name="Opgeheven team")
    old.active = False
    web.login(admin)
    choices = Page(web.get(f"/beheer/mensen/{employee.id}").text).by_id("team_id").text
    assert "Levend team" in choices and "Opgeheven team" not in choices


# --- the list -----------------------------------------------------------------------------


def test_people_list_searches_by_name_or_email(web, admin, employee, manager):
    web.login(admin)
    names = Page(web.get("/beheer/mensen?zoek=JELLE").text).by_id("people-table").text
    assert "Jelle Postma" in names and "Marrit Visser" not in names
    names = Page(web.get("/beheer/mensen?zoek=marrit@").text).by_id("people-table").text
    assert "Marrit Visser" in names and "Jelle Postma" not in names
    assert "Niemand gevonden." in web.get("/beheer/mensen?zoek=xyzzy").text


def test_people_search_as_htmx_returns_only_the_table(web, admin, employee):
    web.login(admin)
    response = web.get("/beheer/mensen?zoek=jelle", htmx=True)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "Jelle Postma" in Page(response.text).by_id("people-table").text
    assert "HX-Request" in response.headers["Vary"]


def test_unknown_person_is_a_404(web, admin):
    web.login(admin)
    assert web.get("/beheer/mensen/999999").status_code == 404
    assert web.post("/beheer/mensen/999999/uitschakelen").status_code == 404
