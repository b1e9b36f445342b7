"""Ideas onto boards from the idea page, "Mijn kaarten", board filters and swimlanes, archived
boards: as people use them."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from board.boards import promotion, services
from board.boards.models import Card, CardOwner
from board.boards.services import CardInput
from board.extensions import db
from board.ideas import services as idea_services
from board.ideas.models import Notification
from tests.conftest import Page, count_queries
from tests.factories import add_member, column_named, make_team, make_user


@pytest.fixture
def idea(team, employee):
    idea = idea_services.submit_idea(
        idea_services.IdeaInput(
            title="Wachtmuziek korter", team_id=team.id, perspectives=["klant"]
        ),
        submitter=employee,
    )
    db.session.commit()
    return idea


def add_card(board, title, actor, column=None, **fields):
    card = services.create_card(
        board, CardInput(title=title, **fields), actor, column_id=column.id if column else None
    )
    db.session.commit()
    return card


# --- Zet op bord ------------------------------------------------------------------------------


def test_lead_puts_an_idea_on_the_teams_board(web, board, idea, lead):
    web.login(lead)
    page = Page(web.get(f"/ideeen/{idea.id}").text)
    options = [e.text for e in page.by_id("board_id").descendants() if e.tag == "option"]
    assert options[1].startswith("Verbeterbord KCC (")
    response = web.post(f"/ideeen/{idea.id}/op-bord", {"board_id": str(board.id)})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/ideeen/{idea.id}#op-bord")
    card = db.session.scalars(select(Card).where(Card.idea_id == idea.id)).one()
    assert card.title == "Wachtmuziek korter"
    assert card.column_id == column_named(board, "Ideeën").id
    page = Page(web.get(f"/ideeen/{idea.id}").text)
    line = page.by_id("idea-board-line").text
    assert f"Op bord: Verbeterbord KCC (kaart #{card.id})" in line
    assert "Dit idee staat al op een bord" in page.by_id("op-bord").text
    assert page.by_id("board_id") is None  # not offered twice
    card_page = web.get(f"/kaarten/{card.id}").text
    assert f"#{idea.id} Wachtmuziek korter" in card_page


def test_with_htmx_the_triage_part_and_the_line_come_back(web, board, idea, lead):
    web.login(lead)
    response = web.post(f"/ideeen/{idea.id}/op-bord", {"board_id": str(board.id)}, htmx=True)
    assert response.status_code == 200
    html = response.text
    assert 'id="op-bord"' in html and "<html" not in html
    assert "Het idee staat op ‘Verbeterbord KCC’" in html
    assert 'id="idea-board-line" hx-swap-oob="true"' in html


def test_a_second_time_is_409_and_no_board_chosen_is_422(web, board, idea, lead):
    web.login(lead)
    empty = web.post(f"/ideeen/{idea.id}/op-bord", {"board_id": ""})
    assert empty.status_code == 422
    assert "Kies het bord" in Page(empty.text).field_error("board_id")
    web.post(f"/ideeen/{idea.id}/op-bord", {"board_id": str(board.id)})
    again = web.post(f"/ideeen/{idea.id}/op-bord", {"board_id": str(board.id)}, htmx=True)
    assert again.status_code == 409
    assert "Dit idee staat al op een bord" in again.text
    assert len(list(db.session.scalars(select(Card.id).where(Card.idea_id == idea.id)))) == 1


def test_who_may_put_an_idea_on_which_board(web, make_web, board, idea, employee, team):
    # A member of the team may change the board but not triage: 403.
    web.login(employee)
    assert web.post(f"/ideeen/{idea.id}/op-bord", {"board_id": str(board.id)}).status_code == 403
    # The lead of another team who triages nothing of team A: 403 as well.
    other_team = make_team(name="Vergunningen")
    other_lead = make_user(name="Anne Leider", email="anne@example.org")
    add_member(other_lead, other_team, "lead")
    private = services.create_board(
        other_team, "Geheim", "eenvoudig", other_lead, visibility="private"
    )
    lead_a = make_user(name="Lieuwe Leider", email="lieuwe@example.org")
    add_member(lead_a, team, "lead")
    db.session.commit()
    other = make_web()
    other.login(lead_a)
    # A private board of another team does not exist for lead A; a public one is read-only.
    assert (
        other.post(f"/ideeen/{idea.id}/op-bord", {"board_id": str(private.id)}).status_code == 404
    )
    public = services.create_board(other_team, "Openbaar", "eenvoudig", other_lead)
    db.session.commit()
    assert other.post(f"/ideeen/{idea.id}/op-bord", {"board_id": str(public.id)}).status_code == 403
    assert other.post(f"/ideeen/{idea.id}/op-bord", {"board_id": "99999"}).status_code == 404
    assert db.session.scalar(select(Card.id).where(Card.idea_id == idea.id)) is None


def test_a_waiting_idea_is_404(web, board, idea, lead):
    idea.moderation = "wacht"
    db.session.commit()
    web.login(lead)
    assert web.post(f"/ideeen/{idea.id}/op-bord", {"board_id": str(board.id)}).status_code == 404


def test_moving_the_card_out_of_the_first_column_starts_the_idea(web, board, idea, lead, employee):
    card = promotion.promote_idea(idea, board, lead)
    db.session.commit()
    web.login(lead)
    response = web.post(
        f"/kaarten/{card.id}/verplaatsen",
        {
            "column_id": str(column_named(board, "Plan").id),
            "position": "",
            "versie": str(card.version),
        },
    )
    assert response.status_code == 303
    page = web.get(f"/ideeen/{idea.id}").text
    assert "In uitvoering" in page
    kinds = db.session.scalars(
        select(Notification.detail).where(Notification.user_id == employee.id)
    )
    assert "in_uitvoering" in list(kinds)


# --- Mijn kaarten -----------------------------------------------------------------------------


def test_my_cards_by_board_with_column_due_date_and_blocked(
    web, board, lead, employee, team, clock
):
    mine = add_card(
        board,
        "Brief herschrijven",
        lead,
        owner_ids=[employee.id],
        blocked=True,
        blocked_reason="Wacht op juridisch",
    )
    late = add_card(
        board, "Klant terugbellen", lead, owner_ids=[employee.id], due_date=date(2026, 2, 1)
    )
    add_card(board, "Van een ander", lead, owner_ids=[lead.id])
    done = add_card(board, "Al klaar", lead, column_named(board, "Klaar"), owner_ids=[employee.id])
    archived = add_card(board, "Opgeborgen", lead, owner_ids=[employee.id])
    services.archive_card(archived, lead)
    other_team = make_team(name="Belastingen")
    other_lead = make_user(name="Anne Leider", email="anne@example.org")
    add_member(other_lead, other_team, "lead")
    private = services.create_board(
        other_team, "Geheim", "eenvoudig", other_lead, visibility="private"
    )
    secret = add_card(private, "Geheime kaart", other_lead)
    # Owner of a card on a board they cannot see (they left that team): still not listed.
    db.session.add(CardOwner(card_id=secret.id, user_id=employee.id))
    db.session.commit()
    web.login(employee)
    page = Page(web.get("/mijn-kaarten").text)
    text = page.text
    assert "Brief herschrijven" in text and "Klant terugbellen" in text
    assert "Van een ander" not in text and "Al klaar" not in text and "Opgeborgen" not in text
    assert "Geheime kaart" not in text
    row = page.by_id(f"my-card-{mine.id}").text
    assert "Ideeën" in row and "Geblokkeerd: Wacht op juridisch" in row
    assert "Te laat:" in page.by_id(f"my-card-{late.id}").text
    assert done.id and page.by_id(f"my-card-{done.id}") is None


def test_my_cards_costs_the_same_queries_for_few_or_many(web, board, lead, employee):
    web.login(employee)
    add_card(board, "Eerste", lead, owner_ids=[employee.id])
    few = count_queries(web, "/mijn-kaarten")
    for n in range(12):
        add_card(board, f"Kaart {n}", lead, owner_ids=[employee.id], tags=[f"tag{n}"])
    assert count_queries(web, "/mijn-kaarten") == few


def test_nobody_owns_anything_yet(web, employee):
    web.login(employee)
    assert "Je bent van geen enkele open kaart eigenaar." in web.get("/mijn-kaarten").text


def test_the_boards_page_links_to_my_cards_and_archived_boards(web, employee, board):
    web.login(employee)
    html = web.get("/borden").text
    assert 'href="/mijn-kaarten"' in html and 'href="/borden/gearchiveerd"' in html


# --- Filters and swimlanes --------------------------------------------------------------------


@pytest.fixture
def filled(board, lead, employee, clock):
    a = add_card(
        board, "Klantbrief", lead, owner_ids=[employee.id], perspectives=["klant"], tags=["brief"]
    )
    b = add_card(
        board,
        "Wachttijd meten",
        lead,
        owner_ids=[lead.id],
        perspectives=["proces"],
        blocked=True,
        blocked_reason="Wacht op ICT",
    )
    c = add_card(board, "Formulier", lead, due_date=date(2026, 1, 5), tags=["digitaal"])
    return a, b, c


def titles(page: Page) -> list[str]:
    return page.texts("board-card__title")


def test_filter_by_owner_keeps_full_counts_and_the_url(web, board, filled, employee, lead):
    web.login(employee)
    page = Page(web.get(f"/borden/{board.id}?eigenaar={employee.id}").text)
    assert titles(page) == ["Klantbrief"]
    header = page.by_id(f"column-{column_named(board, 'Ideeën').id}-header").text
    assert "1 van 3 getoond" in header and "3" in header
    assert page.by_id("filter-eigenaar") is not None
    selected = [
        e
        for e in page.by_id("filter-eigenaar").descendants()
        if e.tag == "option" and "selected" in e.attrs
    ]
    assert [e.text for e in selected] == ["Jelle Postma"]
    # With htmx the columns come back alone, filtered; the form pushes the address.
    partial = web.get(f"/borden/{board.id}?geblokkeerd=1", htmx=True)
    assert "<html" not in partial.text and "Wachttijd meten" in partial.text
    assert "Klantbrief" not in partial.text
    assert "geblokkeerd=1" in partial.text  # the live check asks for the same filtered view
    assert 'hx-push-url="true"' in web.get(f"/borden/{board.id}").text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("perspectief=proces", ["Wachttijd meten"]),
        ("tag=digitaal", ["Formulier"]),
        ("te-laat=1", ["Formulier"]),
        ("geblokkeerd=1&perspectief=klant", []),
        ("perspectief=onzin&eigenaar=abc&tag=", ["Klantbrief", "Wachttijd meten", "Formulier"]),
    ],
)
def test_filters(web, board, filled, employee, query, expected):
    web.login(employee)
    response = web.get(f"/borden/{board.id}?{query}")
    assert response.status_code == 200
    assert titles(Page(response.text)) == expected


def test_filters_and_lanes_cost_no_extracount_queries(web, board, filled, employee):
    web.login(employee)
    plain = count_queries(web, f"/borden/{board.id}")
    assert (
        count_queries(web, f"/borden/{board.id}?eigenaar={employee.id}&rijen=perspectief") == plain
    )
    assert count_queries(web, f"/borden/{board.id}?rijen=eigenaar&te-laat=1") == plain


def test_swimlanes_by_perspective_and_by_owner(web, board, filled, employee, lead):
    web.login(employee)
    page = Page(web.get(f"/borden/{board.id}?rijen=perspectief").text)
    lanes = [e.text.split(" ")[0] for e in page.by_class("board-lane__name")]
    assert lanes == ["Klant", "Proces", "Zonder"]
    lane = page.by_id("lane-klant").parent
    assert [e.text for e in lane.descendants() if "board-card__title" in e.classes] == [
        "Klantbrief"
    ]
    # Each lane has all the board's columns.
    assert len([e for e in lane.descendants() if e.tag == "h3"]) == 6
    owners = Page(web.get(f"/borden/{board.id}?rijen=eigenaar").text)
    names = owners.texts("board-lane__name")
    assert names[0].startswith("Jelle Postma") and names[1].startswith("Tjitske Hoekstra")
    assert names[-1].startswith("Zonder eigenaar")
    # Filtering still works inside lanes, and the row choice is kept in the links.
    both = Page(web.get(f"/borden/{board.id}?rijen=eigenaar&geblokkeerd=1").text)
    assert titles(both) == ["Wachttijd meten"]
    assert both.by_id("board-filters") is not None
    assert 'name="rijen" value="eigenaar"' in web.get(f"/borden/{board.id}?rijen=eigenaar").text


# --- Archived boards --------------------------------------------------------------------------


def test_archived_boards_listed_with_terugzetten_for_editors(web, make_web, board, lead, employee):
    services.archive_board(board, lead)
    other_team = make_team(name="Sport")
    other_lead = make_user(name="Anne Leider", email="anne@example.org")
    add_member(other_lead, other_team, "lead")
    private = services.create_board(
        other_team, "Geheim oud", "eenvoudig", other_lead, visibility="private"
    )
    services.archive_board(private, other_lead)
    db.session.commit()
    web.login(employee)
    page = Page(web.get("/borden/gearchiveerd").text)
    item = page.by_id(f"archived-board-{board.id}").text
    assert "Verbeterbord KCC" in item and "Terugzetten" in item
    assert "Geheim oud" not in page.text
    assert (
        "Verbeterbord KCC"
        not in Page(web.get("/borden").text).text.split("Gearchiveerde borden")[-1]
    )
    reader = make_web()
    reader.login(other_lead)
    seen = Page(reader.get("/borden/gearchiveerd").text)
    assert "Terugzetten" not in seen.by_id(f"archived-board-{board.id}").text
    assert "Geheim oud" in seen.text
    back = web.post(f"/borden/{board.id}/archiveren")
    assert back.status_code == 303
    db.session.refresh(board)
    assert board.archived_at is None
    assert f"archived-board-{board.id}" not in web.get("/borden/gearchiveerd").text


def test_an_in_place_filter_update_is_announced(web, board, filled, employee):
    web.login(employee)
    response = web.get(
        f"/borden/{board.id}?geblokkeerd=1", htmx=True, headers={"HX-Trigger": "board-filters"}
    )
    page = Page(response.text)
    assert page.by_id("board-status").text == "1 van 3 kaarten getoond."
    cleared = web.get(f"/borden/{board.id}", htmx=True, headers={"HX-Trigger": "board-filters"})
    assert Page(cleared.text).by_id("board-status").text == "Alle 3 kaarten getoond."
    # A full page has its one status region, empty.
    full = web.get(f"/borden/{board.id}?geblokkeerd=1").text
    assert full.count('id="board-status"') == 1


def test_the_live_check_of_a_filtered_board_keeps_the_filter(web, board, filled, employee, lead):
    web.login(employee)
    page = Page(web.get(f"/borden/{board.id}?tag=digitaal").text)
    live_url = page.by_id("board-columns").attrs["data-live-url"]
    assert live_url == f"/borden/{board.id}/live?tag=digitaal"
    add_card(board, "Nog een digitale", lead, tags=["digitaal"])
    add_card(board, "Niet digitaal", lead)
    fresh = web.get(live_url)
    assert fresh.status_code == 200
    assert titles(Page(fresh.text)) == ["Formulier", "Nog een digitale"]


def test_click_only_moves_from_swimlanes_go_back_to_the_same_view(web, board, filled, lead):
    web.login(lead)
    a, b, _c = filled
    view = f"http://localhost/borden/{board.id}?rijen=eigenaar&geblokkeerd=1&kleur=rood"
    html = web.get(f"/kaarten/{b.id}/verplaatsen", headers={"Referer": view}).text
    found = re.search(r'name="bordweergave" value="([^"]+)"', html)
    back = found.group(1).replace("&amp;", "&") if found else None
    expected = f"/borden/{board.id}?geblokkeerd=1&rijen=eigenaar#card-{b.id}"
    assert back == expected
    moved = web.post(
        f"/kaarten/{b.id}/verplaatsen",
        {
            "column_id": str(column_named(board, "Do").id),
            "position": "",
            "versie": str(b.version),
            "bordweergave": back,
        },
    )
    assert moved.status_code == 303
    assert moved.headers["Location"] == expected
    db.session.refresh(b)
    assert b.column_id == column_named(board, "Do").id
    # The up button posts from the board page itself: its address is the way back.
    up = web.post(f"/kaarten/{a.id}/omlaag", {"versie": str(a.version)}, headers={"Referer": view})
    assert up.headers["Location"] == f"/borden/{board.id}?geblokkeerd=1&rijen=eigenaar#card-{a.id}"
    # Another site or another page of ours: back to the plain board.
    elsewhere = web.post(
        f"/kaarten/{a.id}/omhoog",
        {"versie": str(a.version + 1)},
        headers={"Referer": f"https://elders.example/borden/{board.id}?rijen=eigenaar"},
    )
    assert elsewhere.headers["Location"] == f"/borden/{board.id}#card-{a.id}"


def test_a_move_in_a_filtered_view_sends_both_columns_as_that_view_shows_them(
    web, board, filled, lead, employee
):
    web.login(lead)
    a, b, c = filled
    plan = column_named(board, "Plan")
    view = f"http://localhost/borden/{board.id}?eigenaar={employee.id}"
    response = web.post(
        f"/kaarten/{a.id}/verplaatsen",
        {"column_id": str(plan.id), "position": "", "versie": str(a.version), "bron": "slepen"},
        htmx=True,
        headers={"Referer": view},
    )
    assert response.status_code == 200
    page = Page(response.text)
    ideas = page.by_id(f"column-{column_named(board, 'Ideeën').id}")
    assert ideas is not None and "hx-swap-oob" in ideas.attrs
    assert [e.text for e in ideas.descendants() if "board-card__title" in e.classes] == []
    assert "0 van 2 getoond" in ideas.text  # Wachttijd meten and Formulier are hidden, not gone
    moved_to = page.by_id(f"column-{plan.id}")
    assert [e.text for e in moved_to.descendants() if "board-card__title" in e.classes] == [
        "Klantbrief"
    ]
    assert "verplaatst naar Plan" in page.by_id("board-status").text
    # Without a filter the answer stays the light one: the card and the two headers.
    plain = web.post(
        f"/kaarten/{b.id}/verplaatsen",
        {"column_id": str(plan.id), "position": "", "versie": str(b.version), "bron": "slepen"},
        htmx=True,
        headers={"Referer": f"http://localhost/borden/{board.id}"},
    )
    assert f'id="card-{b.id}" hx-swap-oob="delete"' in plain.text
    assert '<section class="board-column' not in plain.text
