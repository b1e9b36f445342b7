"""Live updates as the open board and the wallboard see them: 204 while nothing changed (one
lookup), the fresh columns after someone else's move, and nothing for those who may not look."""

from __future__ import annotations

from datetime import date

from board.boards import services
from board.boards.models import Board
from board.boards.queries import OwnerSummary
from board.boards.services import CardInput
from board.extensions import db
from tests.conftest import Page, get_counting
from tests.factories import add_member, column_named, make_team, make_user


def add_card(board, title, actor, column=None, **fields):
    card = services.create_card(
        board, CardInput(title=title, **fields), actor, column_id=column.id if column else None
    )
    db.session.commit()
    return card


def version_of(board) -> int:
    db.session.expire_all()
    return db.session.get(Board, board.id).version


def titles_in(page: Page, column) -> list[str]:
    section = page.by_id(f"column-{column.id}")
    assert section is not None, f"column {column.name} not in the response"
    return [e.text for e in section.descendants() if "board-card__title" in e.classes]


def test_the_board_page_carries_its_version_and_the_live_address(web, board, employee):
    web.login(employee)
    page = Page(web.get(f"/borden/{board.id}").text)
    root = page.by_id("board-columns")
    assert root.attrs["data-board-version"] == str(version_of(board))
    assert root.attrs["data-live-url"] == f"/borden/{board.id}/live"
    assert any(
        e.tag == "script" and e.attrs.get("src", "").endswith("/js/board-live.js")
        for e in page.all()
    )
    link = [e for e in page.all() if e.tag == "a" and e.text == "Wandbord"]
    assert link and link[0].attrs["href"] == f"/borden/{board.id}/wandbord"


def test_unchanged_is_204_after_the_session_and_one_lookup_of_the_version(web, board, employee):
    web.login(employee)
    version = version_of(board)
    web.get(f"/borden/{board.id}/live?versie={version}")  # the session touch happens once
    response, statements = get_counting(web, f"/borden/{board.id}/live?versie={version}")
    assert response.status_code == 204
    assert response.data == b""
    assert response.headers["X-Board-Version"] == str(version)
    assert response.headers["Cache-Control"] == "no-store"
    board_reads = [s for s in statements if "FROM boards" in s]
    assert len(board_reads) == 1 and "boards.id = " in board_reads[0]
    assert "card" not in " ".join(statements).lower()
    assert len(statements) == 2, statements  # the session with its person, and the version


def test_a_manager_costs_the_same_one_lookup(web, board, manager):
    web.login(manager)
    version = version_of(board)
    web.get(f"/borden/{board.id}/live?versie={version}")
    response, statements = get_counting(web, f"/borden/{board.id}/live?versie={version}")
    assert response.status_code == 204
    assert len(statements) == 2, statements


def test_after_a_move_by_someone_else_the_columns_come_fresh_with_the_new_version(
    web, board, lead, employee
):
    plan, do = column_named(board, "Plan"), column_named(board, "Do")
    card = add_card(board, "Wachttijd balie", lead, plan)
    add_card(board, "Formulier korter", lead, do)
    web.login(employee)
    seen = version_of(board)
    assert web.get(f"/borden/{board.id}/live?versie={seen}").status_code == 204

    services.move_card(card.id, do.id, None, card.version, lead)
    db.session.commit()

    response = web.get(f"/borden/{board.id}/live?versie={seen}")
    assert response.status_code == 200
    new_version = version_of(board)
    assert new_version > seen
    assert response.headers["X-Board-Version"] == str(new_version)
    assert response.headers["Cache-Control"] == "no-store"
    page = Page(response.text)
    assert titles_in(page, do) == ["Wachttijd balie", "Formulier korter"]
    assert titles_in(page, plan) == []
    # The same markup as the board page: the columns' container with the version it shows.
    root = page.by_id("board-columns")
    assert root.attrs["data-board-version"] == str(new_version)
    assert "<html" not in response.text and "site-header" not in response.text
    # The employee is in the team: the card's own move controls come along.
    assert page.by_class("board-card__move")
    assert web.get(f"/borden/{board.id}/live?versie={new_version}").status_code == 204


def test_no_version_or_a_wrong_one_gets_the_columns(web, board, lead, employee):
    add_card(board, "Brief herschrijven", lead)
    web.login(employee)
    for query in ("", "?versie=", "?versie=abc", "?versie=999999"):
        response = web.get(f"/borden/{board.id}/live{query}")
        assert response.status_code == 200, query
        assert "Brief herschrijven" in Page(response.text).texts("board-card__title")


def test_a_reader_outside_the_team_gets_the_columns_without_move_controls(web, board, lead):
    add_card(board, "Brief herschrijven", lead)
    reader = make_user()
    add_member(reader, make_team())
    web.login(reader)
    page = Page(web.get(f"/borden/{board.id}/live?versie=0").text)
    assert page.texts("board-card__title") == ["Brief herschrijven"]
    assert not page.by_class("board-card__move")


def test_a_private_board_is_404_for_an_outsider_also_when_unchanged(web, team, lead):
    secret = services.create_board(team, "Geheim", "eenvoudig", lead, visibility="private")
    db.session.commit()
    outsider = make_user()
    add_member(outsider, make_team())
    web.login(outsider)
    version = version_of(secret)
    for url in (
        f"/borden/{secret.id}/live?versie={version}",
        f"/borden/{secret.id}/live",
        f"/borden/{secret.id}/wandbord",
        f"/borden/{secret.id}/wandbord/live?versie={version}",
    ):
        response = web.get(url)
        assert response.status_code == 404, url
        assert "Geheim" not in response.text
    assert web.get(f"/borden/{secret.id}").status_code == 404  # as the board page itself


def test_a_private_board_stays_live_for_its_team(web, team, lead, employee):
    secret = services.create_board(team, "Geheim", "eenvoudig", lead, visibility="private")
    db.session.commit()
    web.login(employee)
    version = version_of(secret)
    web.get(f"/borden/{secret.id}/live?versie={version}")
    response, statements = get_counting(web, f"/borden/{secret.id}/live?versie={version}")
    assert response.status_code == 204
    assert len(statements) == 2, statements


def test_a_board_made_private_disappears_from_an_outsiders_live_check(web, board, lead):
    outsider = make_user()
    add_member(outsider, make_team())
    web.login(outsider)
    version = version_of(board)
    assert web.get(f"/borden/{board.id}/live?versie={version}").status_code == 204
    services.set_board_settings(
        board, name=board.name, visibility="private", wip_policy="warn", actor=lead
    )
    db.session.commit()
    assert web.get(f"/borden/{board.id}/live?versie={version}").status_code == 404


def test_a_missing_board_is_404(web, employee):
    web.login(employee)
    assert web.get("/borden/999999/live?versie=1").status_code == 404
    assert web.get("/borden/999999/wandbord").status_code == 404


def test_signed_out_the_live_check_is_401_not_the_sign_in_page(web, board):
    for url in (f"/borden/{board.id}/live?versie=1", f"/borden/{board.id}/wandbord/live"):
        response = web.get(url)
        assert response.status_code == 401, url
        assert response.headers["Cache-Control"] == "no-store"
        assert "Location" not in response.headers
    response = web.get(f"/borden/{board.id}/wandbord")
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/inloggen?next=")


def test_the_wallboard_shows_every_column_and_its_cards_without_controls(
    web, board, lead, employee, clock
):
    do = column_named(board, "Do")
    add_card(
        board,
        "Wachttijd balie",
        lead,
        do,
        owner_ids=[employee.id],
        blocked=True,
        blocked_reason="Wacht op ICT",
    )
    add_card(board, "Oude klacht", lead, column_named(board, "Check"), due_date=date(2020, 2, 3))
    clock.advance(days=3)
    web.login(employee)
    response = web.get(f"/borden/{board.id}/wandbord")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    page = Page(response.text)
    assert page.texts("wallboard-column__name")[0].startswith("Ideeën")
    assert len(page.by_class("wallboard-column")) == 6
    cards = {e.text: e for e in page.by_class("wallboard-card__title")}
    assert set(cards) == {"Wachttijd balie", "Oude klacht"}
    blocked = next(e for e in page.by_class("wallboard-card") if "Wachttijd balie" in e.text)
    assert "wallboard-card--blocked" in blocked.classes
    assert "Geblokkeerd" in blocked.text
    assert OwnerSummary(employee.id, employee.name).initials in blocked.text
    assert "3 dagen in kolom" in blocked.text and "3 d" in blocked.text
    overdue = next(e for e in page.by_class("wallboard-card") if "Oude klacht" in e.text)
    assert "Te laat" in overdue.text
    assert "Bijgewerkt om" in page.text
    # Read-only: no forms, no move controls, no links on the cards.
    wall = page.by_id("wallboard-columns")
    assert not [e for e in wall.descendants() if e.tag in ("a", "button", "form", "input")]
    assert wall.attrs["data-live-url"] == f"/borden/{board.id}/wandbord/live"
    assert wall.attrs["data-board-version"] == str(version_of(board))


def test_the_wallboard_live_check_sends_the_wallboard_columns(web, board, lead, employee):
    plan, do = column_named(board, "Plan"), column_named(board, "Do")
    card = add_card(board, "Wachttijd balie", lead, plan)
    web.login(employee)
    seen = version_of(board)
    assert web.get(f"/borden/{board.id}/wandbord/live?versie={seen}").status_code == 204
    services.move_card(card.id, do.id, None, card.version, lead)
    db.session.commit()
    response = web.get(f"/borden/{board.id}/wandbord/live?versie={seen}")
    assert response.status_code == 200
    assert response.headers["X-Board-Version"] == str(version_of(board))
    page = Page(response.text)
    assert page.by_id("wallboard-columns") is not None
    do_section = page.by_id(f"wall-column-{do.id}").parent
    assert "Wachttijd balie" in do_section.text
    assert "Wachttijd balie" not in page.by_id(f"wall-column-{plan.id}").parent.text
    assert "board-card__move" not in response.text


def test_the_live_check_keeps_the_viewers_filters_and_rows(web, board, lead, employee):
    do = column_named(board, "Do")
    add_card(board, "Wacht op ICT", lead, do, blocked=True, blocked_reason="Server")
    add_card(board, "Loopt gewoon", lead, do, perspectives=["klant"])
    web.login(employee)
    page = Page(web.get(f"/borden/{board.id}?geblokkeerd=1").text)
    live_url = page.by_id("board-columns").attrs["data-live-url"]
    assert live_url.startswith(f"/borden/{board.id}/live?") and "geblokkeerd=1" in live_url
    fresh = Page(web.get(live_url + "&versie=0").text)
    assert fresh.texts("board-card__title") == ["Wacht op ICT"]

    lanes = Page(web.get(f"/borden/{board.id}?rijen=perspectief").text)
    live_url = lanes.by_id("board-columns").attrs["data-live-url"]
    assert "rijen=perspectief" in live_url
    assert lanes.by_id("board-columns").attrs["data-board-version"] == str(version_of(board))
    response = web.get(live_url + f"&versie={version_of(board)}")
    assert response.status_code == 204
    fresh = Page(web.get(live_url + "&versie=0").text)
    assert "board-lanes" in fresh.by_id("board-columns").classes
    assert sorted(fresh.texts("board-card__title")) == ["Loopt gewoon", "Wacht op ICT"]


def test_a_long_column_on_the_wallboard_shows_ten_cards_and_how_many_more(
    web, board, lead, employee
):
    plan = column_named(board, "Plan")
    for n in range(13):
        add_card(board, f"Kaart {n:02d}", lead, plan)
    web.login(employee)
    page = Page(web.get(f"/borden/{board.id}/wandbord").text)
    section = page.by_id(f"wall-column-{plan.id}").parent
    shown = [e.text for e in section.descendants() if "wallboard-card__title" in e.classes]
    assert shown == [f"Kaart {n:02d}" for n in range(8)]
    assert "13" in page.by_id(f"wall-column-{plan.id}").text  # the count is of all cards
    assert "en nog 5 kaarten" in section.text
