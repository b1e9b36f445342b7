"""Moves from swimlanes (the board in rows): a drop "on top of this row" is translated by the
server into a place in the whole column, and the answer brings all rows anew."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from board.boards import queries, services
from board.boards.models import Card
from board.boards.services import CardInput
from board.extensions import db
from tests.conftest import Page
from tests.factories import column_named


def titles(board, name) -> list[str]:
    return [c.title for c in queries.list_column_cards(column_named(board, name).id)]


@pytest.fixture
def board(team, lead):
    """Plan holds, top to bottom: Proces 1 (proces), Klant 1 (klant), Proces 2, Klant 2."""
    board = services.create_board(team, "Verbeterbord KCC", "verbeterbord", lead)
    plan = column_named(board, "Plan")
    for title, perspective, column in [
        ("Proces 1", "proces", plan),
        ("Klant 1", "klant", plan),
        ("Proces 2", "proces", plan),
        ("Klant 2", "klant", plan),
        ("Klant nieuw", "klant", column_named(board, "Ideeën")),
    ]:
        services.create_card(
            board, CardInput(title=title, perspectives=[perspective]), lead, column_id=column.id
        )
    db.session.commit()
    return board


def card(board, title) -> Card:
    found = db.session.scalar(select(Card).where(Card.board_id == board.id, Card.title == title))
    assert found is not None
    db.session.refresh(found)  # the version as the database has it now
    return found


def drop(web, board, moving, column, **place):
    return web.post(
        f"/kaarten/{moving.id}/verplaatsen",
        {
            "column_id": str(column_named(board, column).id),
            "versie": str(moving.version),
            "bron": "slepen",
            "bordweergave": f"/borden/{board.id}?rijen=perspectief",
            **place,
        },
        htmx=True,
    )


def test_on_top_of_a_row_means_right_above_that_rows_next_card(web, board, lead):
    web.login(lead)
    moving = card(board, "Klant nieuw")
    response = drop(web, board, moving, "Plan", position="", voor=str(card(board, "Klant 1").id))
    assert response.status_code == 200
    # Not the top of the column: the Proces row's card above stays above.
    assert titles(board, "Plan") == ["Proces 1", "Klant nieuw", "Klant 1", "Proces 2", "Klant 2"]
    page = Page(response.text)
    rows = page.by_id("board-columns")
    assert rows is not None and rows.attrs.get("hx-swap-oob") == "true"
    assert "board-lanes" in rows.classes
    assert "verplaatst naar Plan" in page.by_id("board-status").text
    klant = [e.text for e in rows.descendants() if "board-card__title" in e.classes]
    assert klant.index("Klant nieuw") < klant.index("Klant 1")


def test_after_a_card_of_the_row_is_right_after_it_in_the_whole_column(web, board, lead):
    web.login(lead)
    moving = card(board, "Klant nieuw")
    drop(web, board, moving, "Plan", position=str(card(board, "Klant 1").id))
    assert titles(board, "Plan") == ["Proces 1", "Klant 1", "Klant nieuw", "Proces 2", "Klant 2"]


def test_above_the_card_it_is_already_above_changes_nothing(web, board, lead):
    web.login(lead)
    moving = card(board, "Klant 1")
    version = moving.version
    response = drop(web, board, moving, "Plan", position="", voor=str(card(board, "Proces 2").id))
    assert response.status_code == 200
    assert titles(board, "Plan") == ["Proces 1", "Klant 1", "Proces 2", "Klant 2"]
    assert card(board, "Klant 1").version == version


def test_above_a_card_that_is_no_longer_in_that_column_is_refused(web, board, lead):
    web.login(lead)
    moving = card(board, "Klant nieuw")
    elsewhere = card(board, "Klant 2")
    services.move_card(elsewhere.id, column_named(board, "Check").id, None, elsewhere.version, lead)
    db.session.commit()
    response = drop(web, board, moving, "Plan", position="", voor=str(elsewhere.id))
    assert response.status_code == 422
    assert "staat niet (meer) in die kolom" in Page(response.text).by_id("board-status").text
    assert titles(board, "Ideeën") == ["Klant nieuw"]


def test_above_a_card_id_no_database_can_hold_is_refused_with_a_message(web, board, lead):
    web.login(lead)
    moving = card(board, "Klant nieuw")
    response = drop(web, board, moving, "Plan", position="", voor="99999999999999999999")
    assert response.status_code == 422
    assert Page(response.text).by_id("board-status").text.strip()
    assert titles(board, "Ideeën") == ["Klant nieuw"]
