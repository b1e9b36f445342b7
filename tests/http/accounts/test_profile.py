"""One's own profile: name, language and password."""

from __future__ import annotations

import pytest

from board.accounts import queries
from tests.conftest import Page, audit_events
from tests.factories import PASSWORD

NEW_PASSWORD = "mijn nieuwe wachtwoordzin"


def _html_lang(html: str) -> str | None:
    return next((e.attrs.get("lang") for e in Page(html).all() if e.tag == "html"), None)


def test_profile_shows_who_i_am_and_my_teams(web, employee, team):
    web.login(employee)
    page = Page(web.get("/profiel").text)
    assert page.value("name") == "Jelle Postma"
    assert page.value("language") == "nl"
    assert "jelle@example.org · Medewerker" in page.text
    teams = page.by_id("teams-heading").parent.text
    assert team.name in teams and team.chain.name in teams


def test_changing_my_name_shows_everywhere(web, employee):
    web.login(employee)
    response = web.post("/profiel", data={"name": "  Jelle P. Postma ", "language": "nl"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/profiel"
    page = Page(web.get("/profiel").text)
    assert "Je gegevens zijn opgeslagen." in page.text
    assert "Jelle P. Postma" in page.by_class("site-header__profile")[0].text
    assert "Welkom, Jelle P. Postma" in web.get("/").text


@pytest.mark.parametrize(
    ("name", "language", "field", "message"),
    [
        ("", "nl", "name", "Vul een naam in."),
        ("N" * 121, "nl", "name", "Een naam is hoogstens 120 tekens."),
        ("Jelle", "xx", "language", "Kies een beschikbare taal."),
    ],
    ids=["empty-name", "name-121", "unknown-language"],
)
def test_invalid_profile_is_refused_and_nothing_changes(
    web, employee, name, language, field, message
):
    web.login(employee)
    response = web.post("/profiel", data={"name": name, "language": language})
    assert response.status_code == 422
    page = Page(response.text)
    assert page.field_error(field) == message
    assert page.value("name") == name
    person = queries.get_user(employee.id)
    assert (person.name, person.language) == ("Jelle Postma", "nl")


def test_invalid_profile_over_htmx_returns_only_the_form(web, employee):
    web.login(employee)
    response = web.post("/profiel", data={"name": "", "language": "nl"}, htmx=True)
    assert response.status_code == 422
    assert "<html" not in response.text
    assert Page(response.text).field_error("name") == "Vul een naam in."


def test_choosing_english_switches_the_interface_language(web, employee):
    web.login(employee)
    assert _html_lang(web.get("/").text) == "nl"
    web.post("/profiel", data={"name": "Jelle Postma", "language": "en"})
    assert _html_lang(web.get("/").text) == "en"
    assert queries.get_user(employee.id).language == "en"
    # It is remembered for the person, not the browser: a new session gets it too.
    web.logout()
    web.login(employee)
    assert _html_lang(web.get("/profiel").text) == "en"


# --- password -----------------------------------------------------------------------------


def _change(web, current, new, confirm=None):
    return web.post(
        "/profiel/wachtwoord",
        data={
            "current_password": current,
            "new_password": new,
            "confirm_password": new if confirm is None else confirm,
        },
    )


@pytest.mark.parametrize(
    ("current", "new", "confirm", "field", "message"),
    [
        (
            "verkeerd wachtwoord",
            NEW_PASSWORD,
            None,
            "current_password",
            "Je huidige wachtwoord klopt niet.",
        ),
        (
            PASSWORD,
            NEW_PASSWORD,
            NEW_PASSWORD + "x",
            "confirm_password",
            "De twee wachtwoorden zijn niet gelijk.",
        ),
        (PASSWORD, "kort", None, "new_password", "Een wachtwoord heeft minstens 10 tekens."),
    ],
    ids=["wrong-current", "mismatch", "too-short"],
)
def test_password_change_is_refused_with_a_reason(
    web, employee, current, new, confirm, field, message, make_web
):
    web.login(employee)
    response = _change(web, current, new, confirm)
    assert response.status_code == 422
    page = Page(response.text)
    assert page.field_error(field) == message
    # Passwords are never sent back into the form.
    assert new not in response.text and PASSWORD not in response.text
    # The old password still works.
    assert (
        make_web()
        .post("/inloggen", data={"email": employee.email, "password": PASSWORD})
        .status_code
        == 303
    )


def test_password_change_ends_my_other_sessions_but_not_this_one(make_web, employee):
    here, elsewhere = make_web(), make_web()
    here.login(employee)
    elsewhere.login(employee)
    assert elsewhere.get("/").status_code == 200

    response = _change(here, PASSWORD, NEW_PASSWORD)
    assert response.status_code == 303
    assert (
        "Je wachtwoord is gewijzigd. Je andere sessies zijn beëindigd." in here.get("/profiel").text
    )
    assert here.get("/").status_code == 200
    assert elsewhere.get("/").status_code == 303

    fresh = make_web()
    assert (
        fresh.post("/inloggen", data={"email": employee.email, "password": PASSWORD}).status_code
        == 422
    )
    assert (
        fresh.post(
            "/inloggen", data={"email": employee.email, "password": NEW_PASSWORD}
        ).status_code
        == 303
    )
    [event] = audit_events(action="user.password_change")
    assert event.actor_id == employee.id
    assert NEW_PASSWORD not in event.detail and PASSWORD not in event.detail


def test_email_notifications_can_be_turned_off_when_the_installation_sends_mail(
    app, monkeypatch, web, employee
):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    web.login(employee)
    page = Page(web.get("/profiel").text)
    assert "checked" in page.by_id("email_notifications").attrs
    web.post("/profiel", data={"name": employee.name, "language": "nl"})  # box left unticked
    assert queries.get_user(employee.id).email_notifications is False
    page = Page(web.get("/profiel").text)
    assert "checked" not in page.by_id("email_notifications").attrs
    web.post("/profiel", data={"name": employee.name, "language": "nl", "email_notifications": "y"})
    assert queries.get_user(employee.id).email_notifications is True


def test_without_a_mail_server_the_choice_is_not_offered_and_stays_as_it_was(web, employee):
    web.login(employee)
    assert Page(web.get("/profiel").text).by_id("email_notifications") is None
    web.post("/profiel", data={"name": employee.name, "language": "nl"})
    assert queries.get_user(employee.id).email_notifications is True
