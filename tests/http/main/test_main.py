"""Home page, language switch and the health check."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from sqlalchemy.exc import OperationalError

from board import create_app
from board.accounts import queries
from board.extensions import db
from tests.conftest import Page
from tests.factories import add_member, make_team


def _html_lang(html: str) -> str | None:
    return next((e.attrs.get("lang") for e in Page(html).all() if e.tag == "html"), None)


# --- health -------------------------------------------------------------------------------


def test_health_check_reports_app_and_database(web):
    response = web.get("/healthz")
    assert response.status_code == 200
    assert response.is_json
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_health_check_needs_no_sign_in_and_sets_no_cookie(web):
    response = web.get("/healthz")
    assert response.status_code == 200
    assert not response.headers.getlist("Set-Cookie")


def test_health_check_says_503_when_the_database_fails(web, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(db.session, "execute", broken)
    response = web.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "unavailable"}


@pytest.mark.no_db_isolation
def test_health_check_says_503_when_the_database_server_is_unreachable():
    unreachable = create_app(
        {
            "BOARD_ENV": "test",
            "SQLALCHEMY_DATABASE_URI": "postgresql://nobody@127.0.0.1:1/x",
            "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"connect_timeout": 2}},
        }
    )
    response = unreachable.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "unavailable"}
    assert "connection" not in response.text.lower()  # no internals in the answer
    with unreachable.app_context():
        db.engine.dispose()


# --- language -----------------------------------------------------------------------------


def test_anonymous_language_choice_is_kept_in_the_session(web):
    assert _html_lang(web.get("/inloggen").text) == "nl"
    response = web.post("/taal", data={"lang": "en", "terug": "/inloggen"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/inloggen"
    assert _html_lang(web.get("/inloggen").text) == "en"
    with web.client.session_transaction() as session:
        assert session["lang"] == "en"
    web.post("/taal", data={"lang": "fy", "terug": "/inloggen"})
    assert _html_lang(web.get("/inloggen").text) == "fy"


def test_browser_language_is_used_until_someone_chooses(web):
    page = web.get("/inloggen", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert _html_lang(page.text) == "en"
    page = web.get("/inloggen", headers={"Accept-Language": "de-DE"})
    assert _html_lang(page.text) == "nl"


def test_signed_in_language_choice_is_stored_for_the_person(make_web, employee):
    web = make_web()
    web.login(employee)
    response = web.post("/taal", data={"lang": "en", "terug": "/teams"})
    assert response.status_code == 303 and response.headers["Location"] == "/teams"
    assert queries.get_user(employee.id).language == "en"
    assert _html_lang(web.get("/teams").text) == "en"
    other_browser = make_web()
    other_browser.login(employee)
    assert _html_lang(other_browser.get("/").text) == "en"


def test_unknown_language_is_ignored(web, employee):
    web.login(employee)
    web.post("/taal", data={"lang": "de", "terug": "/"})
    assert queries.get_user(employee.id).language == "nl"
    assert _html_lang(web.get("/").text) == "nl"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "evil.example",
        "",
    ],
)
def test_language_switch_only_goes_back_to_local_paths(web, target):
    response = web.post("/taal", data={"lang": "nl", "terug": target})
    assert response.status_code == 303
    location = response.headers["Location"]
    parts = urlsplit(location)
    assert not parts.scheme and not parts.netloc, location
    assert location.startswith("/") and not location.startswith("//"), location
    assert "evil.example" not in location or location.startswith("/%5C"), location


def test_language_switch_keeps_the_query_of_the_page(web):
    response = web.post("/taal", data={"lang": "nl", "terug": "/beheer/audit?actie=auth.login"})
    assert response.headers["Location"] == "/beheer/audit?actie=auth.login"


def test_language_switch_form_returns_to_the_current_page(web, employee, team):
    web.login(employee)
    page = Page(web.get(f"/teams/{team.id}").text)
    back = next(e for e in page.all() if e.attrs.get("name") == "terug")
    assert back.attrs["value"] == f"/teams/{team.id}"


# --- home ---------------------------------------------------------------------------------


def test_home_page_lists_my_teams_with_chain_and_role(web, employee, team):
    led = make_team(name="Wijkteam Noord")
    add_member(employee, led, "lead")
    make_team(name="Niet mijn team")
    web.login(employee)
    page = Page(web.get("/").text)
    assert "Welkom, Jelle Postma" in page.text
    cards = [c.text for c in page.by_class("card-list__item")]
    assert sorted(cards) == sorted(
        [
            f"{team.name} {team.chain.name}",
            f"Wijkteam Noord {led.chain.name} · jij bent teamleider",
        ]
    )
    links = {a.attrs["href"] for a in page.by_class("card-list__title")}
    assert links == {f"/teams/{team.id}", f"/teams/{led.id}"}


def test_home_page_without_teams_says_what_to_do(web):
    from tests.factories import make_user

    loner = make_user(name="Alleen")
    web.login(loner)
    page = Page(web.get("/").text)
    assert page.by_class("card-list__item") == []
    assert "Je bent nog geen lid van een team." in page.text


def test_home_page_shows_admin_tasks_only_to_administrators(web, employee, admin):
    web.login(employee)
    assert "Auditlog" not in web.get("/").text
    web.login(admin)
    assert 'href="/beheer/audit"' in web.get("/").text


def test_anonymous_visitor_is_sent_to_sign_in(web):
    response = web.get("/")
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/inloggen")
