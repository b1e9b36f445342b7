"""The chain stand-up over HTTP: the page with a summary and a section per team, the period
(?sinds=) with 422 for a wrong date, the fragment for htmx, presenter mode, who sees which
team and board, 404 for a missing chain, and the same queries for little or much history."""

from __future__ import annotations

import pytest

from board.boards import queries as board_queries
from board.boards import services as board_services
from board.extensions import db
from board.ideas import services as idea_services
from board.standups import services
from tests.conftest import Page, get_counting
from tests.factories import add_member, make_team, make_user


@pytest.fixture
def other_board(other_team, manager):
    board = board_services.create_board(other_team, "Balie", "verbeterbord", manager)
    db.session.commit()
    return board


def url(chain, tail="", **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"/ketens/{chain.id}/standup{tail}" + (f"?{query}" if query else "")


def blocked(board, title, actor, reason="Wacht op leverancier"):
    return board_services.create_card(
        board,
        board_services.CardInput(title=title, blocked=True, blocked_reason=reason),
        actor,
    )


def test_each_team_has_its_section_and_the_summary_counts_per_team(
    web, clock, chain, team, other_team, board, other_board, lead, employee, anke, manager
):
    blocked(board, "Koppeling ligt eruit", lead)
    blocked(board, "Wacht op juristen", lead)
    services.add_action_item(team, "Leverancier bellen", employee.id, "20-3-2026", lead)
    services.add_action_item(other_team, "Balie-instructie", anke.id, "3-3-2026", anke)
    idea_services.submit_idea(
        idea_services.IdeaInput(title="Paspoort thuisbezorgen", team_id=other_team.id),
        submitter=employee,
    )
    db.session.commit()
    clock.advance(days=3)  # the Balie-instructie is now past its date
    web.login(manager)
    response = web.get(url(chain))
    assert response.status_code == 200
    page = Page(response.text)
    assert page.by_id("chain-team-" + str(team.id)) is not None
    section = page.by_id(f"chain-team-{team.id}").text
    assert "Koppeling ligt eruit" in section and "Leverancier bellen" in section
    assert "Paspoort thuisbezorgen" not in section
    other = page.by_id(f"chain-team-{other_team.id}").text
    assert "Balie-instructie" in other and "Te laat" in other
    assert "Paspoort thuisbezorgen" in other and "Anke Bakker" in other
    row = [c.text for c in page.by_id(f"chain-summary-{team.id}").children]
    assert row == [team.name, "2", "0", "0", "0"]
    row = [c.text for c in page.by_id(f"chain-summary-{other_team.id}").children]
    assert row == ["Publiekszaken", "0", "0", "1", "1"]
    # The sections follow the chain's teams by name; the summary links to them.
    headings = [
        e.text for e in page.all() if e.tag == "h2" and "chain-team" in e.attrs.get("id", "")
    ]
    assert headings == sorted([team.name, "Publiekszaken"], key=str.lower)
    assert f'href="#chain-team-{team.id}"' in response.text


def test_the_teams_page_and_the_chain_admin_page_link_to_it(web, chain, team, manager, admin):
    web.login(manager)
    assert f'href="/ketens/{chain.id}/standup"' in web.get("/teams").text
    web.logout()
    web.login(admin)
    assert f'href="/ketens/{chain.id}/standup"' in web.get(f"/beheer/ketens/{chain.id}").text


def test_a_missing_chain_is_404_and_signing_in_comes_first(web, client, chain, manager):
    assert client.get(url(chain)).status_code in (302, 303)
    web.login(manager)
    assert web.get("/ketens/99999/standup").status_code == 404
    assert web.get("/ketens/99999/standup/presenteren").status_code == 404


def test_private_boards_and_closed_teams_only_for_those_allowed(
    web, clock, chain, team, other_team, board, lead, manager
):
    secret = board_services.create_board(
        team, "Geheim bord", "eenvoudig", lead, visibility="private"
    )
    blocked(secret, "Geheime kaart", lead)
    closed = make_team(chain, name="Achterkamer")
    closed_board = board_services.create_board(
        closed, "Dicht", "eenvoudig", manager, visibility="private"
    )
    blocked(closed_board, "Achterkamerkaart", manager)
    outsider = make_user(name="Oane Buiten", email="oane@example.org")
    add_member(outsider, other_team)
    db.session.commit()

    web.login(manager)
    page = Page(web.get(url(chain)).text)
    assert "Geheime kaart" in page.by_id(f"chain-team-{team.id}").text
    assert "Achterkamerkaart" in page.by_id(f"chain-team-{closed.id}").text

    web.logout()
    web.login(lead)  # a member of the team: its private board, not the other team's
    page = Page(web.get(url(chain)).text)
    assert "Geheime kaart" in page.by_id(f"chain-team-{team.id}").text
    assert page.by_id(f"chain-team-{closed.id}") is None
    assert "Achterkamer" not in page.text

    web.logout()
    web.login(outsider)  # an employee elsewhere in the chain: public boards only, read-only
    response = web.get(url(chain))
    assert response.status_code == 200
    page = Page(response.text)
    assert "Geheime kaart" not in page.text and "Achterkamer" not in page.text
    assert page.by_id(f"chain-team-{team.id}") is not None
    assert '<form method="post"' not in response.text.split('id="chain-agenda"')[1]


def test_the_period_is_chosen_with_sinds_and_a_wrong_date_is_422(
    web, clock, chain, team, board, lead, manager
):
    board_services.create_card(board, board_services.CardInput(title="Oude kaart"), lead)
    clock.advance(days=10)
    board_services.create_card(board, board_services.CardInput(title="Verse kaart"), lead)
    db.session.commit()
    web.login(manager)
    page = Page(web.get(url(chain)).text)
    walk = page.by_id(f"chain-team-{team.id}").text
    assert "Verse kaart" in walk and "Oude kaart" not in walk, "7 days by default"
    assert page.value("sinds") == "5-3-2026"

    page = Page(web.get(url(chain, sinds="1-3-2026")).text)
    assert "Oude kaart" in page.by_id(f"chain-team-{team.id}").text
    assert page.value("sinds") == "1-3-2026"
    assert "sinds=1-3-2026" in page.html, "presenter mode keeps the period"

    for wrong, message in (
        ("gisteren", "Vul een datum in als 20-3-2026."),
        ("31-2-2026", "Die datum bestaat niet"),
        ("1-4-2026", "Die datum ligt in de toekomst"),
        ("1-1-2025", "Kies een datum binnen het afgelopen jaar."),
    ):
        response = web.get(url(chain, sinds=wrong))
        assert response.status_code == 422, wrong
        page = Page(response.text)
        assert message in page.field_error("sinds"), wrong
        assert page.value("sinds") == wrong, "what was typed stays"
        assert "Verse kaart" in page.by_id(f"chain-team-{team.id}").text
    # Presenter mode has no field to put the message by: it says so on top.
    shown = web.get(url(chain, "/presenteren", sinds="gisteren"))
    assert shown.status_code == 422
    notice = next(e for e in Page(shown.text).all() if "chain-period--error" in e.classes)
    assert notice.attrs["role"] == "alert"
    assert notice.text == "Vul een datum in als 20-3-2026. Nu getoond: de afgelopen 7 dagen."


def test_htmx_gets_the_agenda_region_only(web, clock, chain, team, board, lead, manager):
    db.session.commit()
    web.login(manager)
    response = web.get(url(chain, sinds="1-3-2026"), htmx=True)
    assert response.status_code == 200
    assert "HX-Request" in response.headers["Vary"]
    assert response.text.lstrip().startswith('<div id="chain-agenda">')
    assert "<html" not in response.text and "Overzicht per team" in response.text
    wrong = web.get(url(chain, sinds="morgen"), htmx=True)
    assert wrong.status_code == 422 and "Vul een datum in" in wrong.text


def test_presenter_mode_has_the_summary_and_a_section_per_team(
    web, clock, chain, team, other_team, board, other_board, manager
):
    web.login(manager)
    response = web.get(url(chain, "/presenteren"))
    assert response.status_code == 200
    page = Page(response.text)
    sections = [e for e in page.all() if "data-section" in e.attrs]
    assert [s.attrs["id"] for s in sections] == [
        "chain-summary",
        *(f"chain-team-{t.id}" for t in sorted([team, other_team], key=lambda t: t.name.lower())),
    ]
    presenter = page.by_id("presenter")
    assert presenter.attrs["data-total-seconds"] == "900"
    assert presenter.attrs["data-box-seconds"] == "300"
    assert "data-section-url" not in presenter.attrs, "nobody follows a read-only view"


def test_the_page_costs_the_same_queries_for_little_or_much_history(
    web, clock, chain, team, other_team, board, other_board, lead, employee, anke, manager
):
    def fill(n):
        for b, t, owner in ((board, team, employee), (other_board, other_team, anke)):
            plan = board_queries.list_columns(b.id)[1]
            for i in range(n):
                card = blocked(b, f"Kaart {i}", lead)
                board_services.move_card(card.id, plan.id, None, None, employee, True)
                services.add_action_item(t, f"Actie {i}", owner.id, "", manager)
                idea_services.submit_idea(
                    idea_services.IdeaInput(title=f"Idee {i}", team_id=t.id), submitter=employee
                )
        db.session.commit()

    fill(2)
    web.login(manager)
    small = get_counting(web, url(chain))[1]
    fill(20)
    third = make_team(chain, name="Zesde team")
    board_services.create_board(third, "Derde bord", "verbeterbord", manager)
    db.session.commit()
    web.login(manager)
    response, large = get_counting(web, url(chain))
    assert len(small) == len(large) <= 20, (len(small), len(large))
    page = Page(response.text)
    assert [c.text for c in page.by_id(f"chain-summary-{team.id}").children][1] == "22"
    assert "en nog 19 kaarten" in page.by_id(f"chain-team-{team.id}").text
