"""The stand-up pages over HTTP: the agenda, fragments for htmx, 303 without it, 403/404/422."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from board.boards import services as board_services
from board.boards.models import Card
from board.extensions import db
from board.ideas import services as idea_services
from board.standups import queries, services
from board.standups.models import ActionItem, Standup
from tests.conftest import Page, count_queries
from tests.factories import make_team, make_user


@pytest.fixture
def outsider():
    return make_user(name="Oane Buiten", email="oane@example.org")


def url(team, tail=""):
    return f"/teams/{team.id}/standup{tail}"


def test_the_agenda_shows_what_happened_and_what_was_agreed(
    web, clock, team, board, lead, employee
):
    card = board_services.create_card(
        board,
        board_services.CardInput(
            title="Wacht op leverancier", blocked=True, blocked_reason="Offerte"
        ),
        lead,
    )
    services.add_action_item(team, "Leverancier bellen", employee.id, "20-3-2026", lead)
    idea_services.submit_idea(
        idea_services.IdeaInput(title="Terugbellen binnen een dag", team_id=team.id),
        submitter=employee,
    )
    db.session.commit()
    web.login(employee)
    response = web.get(url(team))
    assert response.status_code == 200
    page = Page(response.text)
    assert page.texts("action-item__text") == ["Leverancier bellen"]
    assert page.texts("action-item__owner") == ["Jelle Postma"]
    blocked = page.by_id("standup-blocked").text
    assert "Wacht op leverancier" in blocked and "Offerte" in blocked
    walk = page.by_id("standup-board").text
    assert "Ideeën" in walk and "Nieuw Wacht op leverancier" in walk and card.id
    assert "Terugbellen binnen een dag" in page.by_id("standup-ideas").text
    assert "Start stand-up" in page.text
    # A member who does not lead the team cannot decide on ideas here.
    assert "Op het bord" not in page.by_id("standup-ideas").text


def test_start_and_finish_with_303_and_the_history_keeps_it(
    web, clock, team, board, lead, employee
):
    web.login(lead)
    start_form = Page(web.get(url(team)).text)
    assert "checked" in start_form.by_id(f"present-{employee.id}").attrs, "everyone ticked"
    response = web.post(url(team, "/starten"), {"present_given": "1", "present": [str(lead.id)]})
    assert response.status_code == 303 and response.headers["Location"].endswith(url(team))
    assert "Bezig" in Page(web.get(url(team)).text).by_id("standup-bar").text
    web.post(url(team, "/notities"), {"kind": "decision", "text": "Papieren lijst stopt"})
    clock.advance(minutes=12)
    response = web.post(url(team, "/afronden"), {"notes": "Iedereen was er"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/teams/{team.id}/standups")
    history = Page(web.get(f"/teams/{team.id}/standups").text)
    article = history.by_class("history-item")[0].text
    assert "12 minuten" in article and "Iedereen was er" in article
    assert "Papieren lijst stopt" in article
    assert "Aanwezig: Tjitske Hoekstra" in article and "Jelle Postma" not in article
    # Finishing again: nothing doubled, a clear message.
    response = web.post(url(team, "/afronden"), {"notes": "Nog eens"})
    assert response.status_code == 303
    assert "geen stand-up bezig" in web.get(url(team)).text
    standups = list(db.session.scalars(select(Standup).where(Standup.team_id == team.id)))
    assert len(standups) == 1 and standups[0].notes == "Iedereen was er"


def test_a_bad_action_item_comes_back_with_422_and_what_was_typed(web, clock, team, board, lead):
    web.login(lead)
    response = web.post(
        f"/teams/{team.id}/actiepunten",
        {"text": "Brief herschrijven", "owner_id": "", "due_date": "31-2-2026"},
    )
    assert response.status_code == 422
    page = Page(response.text)
    assert page.field_error("owner_id") == "Kies wie het oppakt."
    assert page.field_error("due_date") == "Die datum bestaat niet (31-2-2026)."
    assert page.value("text") == "Brief herschrijven" and page.value("due_date") == "31-2-2026"
    assert db.session.scalars(select(ActionItem)).all() == []


def test_an_action_item_added_with_htmx_comes_back_as_its_section(
    web, clock, team, board, lead, employee
):
    web.login(lead)
    response = web.post(
        f"/teams/{team.id}/actiepunten",
        {"text": "Cijfers delen", "owner_id": str(employee.id), "due_date": "2026-03-09"},
        htmx=True,
    )
    assert response.status_code == 200 and "HX-Request" in response.headers["Vary"]
    assert "<html" not in response.text
    page = Page(response.text)
    assert "Cijfers delen" in page.by_id("standup-actions").text
    assert page.by_id("standup-status").text == "Het actiepunt is toegevoegd."
    assert page.value("text") == "", "the form is empty again for the next one"
    response = web.post(f"/teams/{team.id}/actiepunten", {"text": "", "owner_id": ""}, htmx=True)
    assert response.status_code == 422 and "<html" not in response.text
    assert Page(response.text).field_error("text") == "Typ wat er gedaan moet worden."


def test_ticking_an_action_item_updates_it_in_place(web, clock, team, board, lead, employee):
    item = services.add_action_item(team, "Werkinstructie", employee.id, "", lead)
    db.session.commit()
    web.login(employee)
    response = web.post(f"/actiepunten/{item.id}/afvinken", {"done": "1"}, htmx=True)
    assert response.status_code == 200
    page = Page(response.text)
    li = page.by_id(f"action-item-{item.id}")
    assert li is not None and "action-item--done" in li.classes
    assert "checked" in page.by_id(f"action-done-{item.id}").attrs
    assert page.by_id("standup-status").text == "Afgevinkt: Werkinstructie"
    db.session.expire_all()
    assert db.session.get(ActionItem, item.id).done_by_id == employee.id
    response = web.post(f"/actiepunten/{item.id}/afvinken", {})
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(ActionItem, item.id).done_at is None


def test_an_action_item_becomes_a_card_in_one_click(web, clock, team, board, lead, employee):
    item = services.add_action_item(team, "Formulier testen", employee.id, "", lead)
    db.session.commit()
    web.login(lead)
    response = web.post(f"/actiepunten/{item.id}/kaart", htmx=True)
    assert response.status_code == 200
    card = db.session.scalar(select(Card).where(Card.title == "Formulier testen"))
    assert card is not None and card.board_id == board.id
    link = [e for e in Page(response.text).all() if e.tag == "a"][0]
    assert link.attrs["href"] == f"/kaarten/{card.id}" and "Kaart op het bord" in link.text
    # Clicking twice makes one card.
    web.post(f"/actiepunten/{item.id}/kaart")
    assert len(db.session.scalars(select(Card).where(Card.title == "Formulier testen")).all()) == 1


def test_an_action_item_of_a_team_without_board_says_so(web, clock, team, lead, employee):
    item = services.add_action_item(team, "Iets", employee.id, "", lead)
    db.session.commit()
    web.login(lead)
    response = web.post(f"/actiepunten/{item.id}/kaart", htmx=True)
    assert "Dit team heeft nog geen bord" in Page(response.text).by_id("standup-status").text


def test_readers_from_elsewhere_read_but_do_not_run_it(web, clock, team, board, lead, outsider):
    item = services.add_action_item(team, "Bellen", lead.id, "", lead)
    db.session.commit()
    web.login(outsider)
    page = Page(web.get(url(team)).text)
    assert "Bellen" in page.by_id("standup-actions").text
    assert "Start stand-up" not in page.text and page.by_id("text") is None
    assert web.post(f"/actiepunten/{item.id}/afvinken", {"done": "1"}).status_code == 403
    assert web.post(url(team, "/starten")).status_code == 403


def test_a_team_with_only_private_boards_has_no_standup_for_others(
    web, clock, team, lead, outsider
):
    board_services.create_board(team, "Geheim", "eenvoudig", lead, visibility="private")
    item = services.add_action_item(team, "Geheim actiepunt", lead.id, "", lead)
    db.session.commit()
    web.login(outsider)
    for path in (url(team), url(team, "/presenteren"), f"/teams/{team.id}/standups"):
        assert web.get(path).status_code == 404, path
    assert web.post(f"/actiepunten/{item.id}/afvinken", {"done": "1"}).status_code == 404
    web.logout()
    web.login(lead)
    assert "Geheim actiepunt" in web.get(url(team)).text


def test_a_missing_team_or_action_item_is_404(web, lead):
    web.login(lead)
    assert web.get("/teams/99999/standup").status_code == 404
    assert web.post("/actiepunten/99999/afvinken", {"done": "1"}).status_code == 404


def test_declining_an_idea_needs_a_reason_and_keeps_the_page(
    web, clock, team, board, lead, employee
):
    idea = idea_services.submit_idea(
        idea_services.IdeaInput(title="Gratis koffie", team_id=team.id), submitter=employee
    )
    db.session.commit()
    web.login(lead)
    path = url(team, f"/ideeen/{idea.id}/afwijzen")
    response = web.post(path, {f"idee-{idea.id}-reason": ""}, htmx=True)
    assert response.status_code == 422
    assert Page(response.text).field_error(f"idee-{idea.id}-reason").startswith("Geef een reden")
    response = web.post(path, {f"idee-{idea.id}-reason": "Past niet in het budget"}, htmx=True)
    assert response.status_code == 200
    page = Page(response.text)
    assert page.by_class("agenda-idea") == []
    assert page.by_id("standup-status").text == "‘Gratis koffie’ is afgewezen."
    db.session.expire_all()
    assert db.session.get(type(idea), idea.id).status == "afgewezen"


def test_accepting_an_idea_puts_it_on_the_board_without_leaving_the_page(
    web, clock, team, board, lead, employee
):
    idea = idea_services.submit_idea(
        idea_services.IdeaInput(title="Wachttijd tonen", team_id=team.id), submitter=employee
    )
    db.session.commit()
    web.login(lead)
    response = web.post(url(team, f"/ideeen/{idea.id}/accepteren"), htmx=True)
    assert response.status_code == 200
    page = Page(response.text)
    assert page.by_class("agenda-idea") == []
    walk = page.by_id("standup-board")
    assert walk.attrs.get("hx-swap-oob") == "true" and "Wachttijd tonen" in walk.text
    db.session.expire_all()
    assert db.session.get(type(idea), idea.id).status == "gepland"
    # Again (someone else was quicker): 409, nothing doubled.
    response = web.post(url(team, f"/ideeen/{idea.id}/accepteren"), htmx=True)
    assert response.status_code == 409
    assert len(db.session.scalars(select(Card).where(Card.idea_id == idea.id)).all()) == 1


def test_an_idea_of_another_team_is_not_found_here(web, clock, team, board, lead, employee):
    idea = idea_services.submit_idea(
        idea_services.IdeaInput(title="Elders", team_id=make_team().id), submitter=employee
    )
    db.session.commit()
    web.login(lead)
    assert web.post(url(team, f"/ideeen/{idea.id}/accepteren")).status_code == 404


def test_the_length_is_set_and_the_presenter_counts_down_from_it(web, clock, team, board, lead):
    web.login(lead)
    response = web.post(url(team, "/instellingen"), {"length_minutes": "0"})
    assert response.status_code == 422
    page = Page(response.text)
    assert page.field_error("length_minutes").startswith("Een stand-up duurt 1 tot en met 60")
    assert page.value("length_minutes") == "0"
    assert web.post(url(team, "/instellingen"), {"length_minutes": "20"}).status_code == 303
    present = Page(web.get(url(team, "/presenteren")).text)
    root = present.by_id("presenter")
    assert root.attrs["data-total-seconds"] == "1200"
    sections = [e for e in present.all() if "data-section" in e.attrs]
    assert len(sections) >= 6
    assert present.by_id("presenter-timer").attrs["role"] == "timer"
    assert queries.get_length(team.id) == 20


def test_notes_need_a_started_standup(web, clock, team, board, lead):
    web.login(lead)
    response = web.post(url(team, "/notities"), {"kind": "note", "text": "Iets"}, htmx=True)
    assert response.status_code == 422
    services.start_standup(team, lead)
    db.session.commit()
    response = web.post(url(team, "/notities"), {"kind": "note", "text": "Klantpanel"}, htmx=True)
    page = Page(response.text)
    assert "Klantpanel" in page.by_id("standup-capture").text
    assert page.by_id("standup-status").text == "De notitie is vastgelegd."


def test_the_history_is_searchable(web, clock, team, board, lead):
    for words in ("Afvalpas besproken", "Zaterdagspreekuur geëvalueerd"):
        standup = services.start_standup(team, lead)
        services.add_note(standup, words, lead)
        services.end_standup(standup, lead)
        clock.advance(days=7)
    db.session.commit()
    web.login(lead)
    page = Page(web.get(f"/teams/{team.id}/standups").text)
    assert len(page.by_class("history-item")) == 2
    response = web.get(f"/teams/{team.id}/standups?zoek=afvalpas", htmx=True)
    page = Page(response.text)
    assert [a.text for a in page.by_class("history-item") if "Afvalpas" in a.text]
    assert len(page.by_class("history-item")) == 1 and "<html" not in response.text


def test_the_team_page_and_the_board_link_to_the_standup(web, team, board, employee):
    web.login(employee)
    assert f'href="/teams/{team.id}/standup"' in web.get(f"/teams/{team.id}").text
    assert f'href="/teams/{team.id}/standup"' in web.get(f"/borden/{board.id}").text


def test_the_pages_cost_the_same_queries_for_little_or_much_history(
    web, clock, team, board, lead, employee
):
    from board.boards import queries as board_queries

    plan = board_queries.list_columns(board.id)[1]

    def fill(n):
        for i in range(n):
            card = board_services.create_card(
                board,
                board_services.CardInput(title=f"Kaart {i}", blocked=True, blocked_reason="Wacht"),
                lead,
            )
            board_services.move_card(card.id, plan.id, None, None, employee, True)
            standup = services.start_standup(team, lead)
            services.add_note(standup, f"Notitie {i}", lead)
            services.add_action_item(team, f"Actie {i}", employee.id, "", lead, standup)
            services.end_standup(standup, lead)
            idea_services.submit_idea(
                idea_services.IdeaInput(title=f"Idee {i}", team_id=team.id), submitter=employee
            )
            clock.advance(hours=2)
        db.session.commit()

    fill(2)
    web.login(lead)
    small = [count_queries(web, p) for p in (url(team), f"/teams/{team.id}/standups")]
    fill(25)
    web.login(lead)  # hours went by: a fresh session
    large = [count_queries(web, p) for p in (url(team), f"/teams/{team.id}/standups")]
    assert small == large, (small, large)
    assert "Actie 24" in web.get(url(team)).text


def test_a_duplicate_idea_is_merged_on_the_spot(web, clock, team, board, lead, employee):
    idea = idea_services.submit_idea(
        idea_services.IdeaInput(title="Zaterdag open", team_id=team.id), submitter=employee
    )
    other = idea_services.submit_idea(
        idea_services.IdeaInput(title="Open op zaterdag", team_id=team.id), submitter=lead
    )
    db.session.commit()
    web.login(lead)
    path = url(team, f"/ideeen/{idea.id}/samenvoegen")
    response = web.post(path, {f"idee-{idea.id}-target_id": "999999"}, htmx=True)
    assert response.status_code == 422
    page = Page(response.text)
    assert page.field_error(f"idee-{idea.id}-target_id") == "Er is geen idee met nummer 999999."
    assert page.value(f"idee-{idea.id}-target_id") == "999999"
    response = web.post(path, {f"idee-{idea.id}-target_id": f"#{other.id}"}, htmx=True)
    assert response.status_code == 200
    assert Page(response.text).by_id("standup-status").text == (
        f"‘Zaterdag open’ is samengevoegd met idee {other.id}."
    )
    db.session.expire_all()
    merged = db.session.get(type(idea), idea.id)
    assert merged.status == "samengevoegd" and merged.merged_into_id == other.id


def test_others_follow_the_section_the_team_screen_shows(web, make_web, clock, team, board, lead):
    web.login(lead)
    path = url(team, "/onderdeel")
    assert web.post(path, {"onderdeel": "1"}).status_code == 409, "no stand-up under way"
    assert web.get(path).json == {"bezig": False, "onderdeel": 0}
    web.post(url(team, "/starten"))
    assert Page(web.get(url(team, "/presenteren")).text).by_id("presenter").attrs["data-lead"]
    assert web.post(path, {"onderdeel": "3"}).status_code == 204
    assert web.post(path, {"onderdeel": "-1"}).status_code == 422
    follower = make_web()
    follower.login(make_user(name="Iemand Anders"))
    assert follower.get(path).json == {"bezig": True, "onderdeel": 3}
    page = Page(follower.get(url(team, "/presenteren?volgen=1")).text)
    root = page.by_id("presenter")
    assert root.attrs["data-follow"] == "1" and root.attrs["data-current-section"] == "3"
    assert "data-lead" not in root.attrs
    assert follower.post(path, {"onderdeel": "0"}).status_code == 403


def test_the_archive_pages_back_in_time(web, clock, team, board, lead):
    for n in range(queries.HISTORY_PAGE + 2):
        standup = services.start_standup(team, lead)
        services.add_note(standup, f"Week {n}", lead)
        services.end_standup(standup, lead)
        clock.advance(days=7)
    db.session.commit()
    web.login(lead)
    first = Page(web.get(f"/teams/{team.id}/standups").text)
    assert len(first.by_class("history-item")) == queries.HISTORY_PAGE
    assert f"Week {queries.HISTORY_PAGE + 1}" in first.by_class("history-item")[0].text
    older = [e for e in first.all() if e.tag == "a" and e.text == "Oudere stand-ups"]
    assert older and older[0].attrs["href"].endswith("pagina=2")
    second = Page(web.get(older[0].attrs["href"]).text)
    notes = [a.text.split("Week ")[-1].split()[0] for a in second.by_class("history-item")]
    assert notes == ["1", "0"]
    assert [e for e in second.all() if e.tag == "a" and e.text == "Nieuwere stand-ups"]


def test_the_team_page_says_when_the_next_standup_is(web, clock, team, board, lead):
    web.login(lead)
    response = web.post(
        url(team, "/instellingen"), {"length_minutes": "15", "weekday": "1", "start_time": "25:00"}
    )
    assert response.status_code == 422
    page = Page(response.text)
    assert page.field_error("start_time") == "Vul een tijd in als 9:30."
    assert page.value("start_time") == "25:00" and page.value("weekday") == "1"
    response = web.post(
        url(team, "/instellingen"), {"length_minutes": "15", "weekday": "1", "start_time": "9:30"}
    )
    assert response.status_code == 303
    team_page = Page(web.get(f"/teams/{team.id}").text)
    assert "Volgende stand-up: dinsdag 3 maart, 09:30" in team_page.text
