"""The live check's lookup: the board's version and whether the viewer may read it, at once."""

from __future__ import annotations

from board.boards import live_queries, services
from board.extensions import db
from tests.factories import add_member, make_team, make_user


def test_public_board_is_visible_to_everyone_signed_in_with_its_version(team, lead):
    board = services.create_board(team, "Bord", "eenvoudig", lead)
    db.session.commit()
    stranger = make_user()
    state = live_queries.get_live_state(board.id, stranger)
    assert state == live_queries.LiveState(board.version, True)
    services.add_column(board, "Wachten", lead)
    db.session.commit()
    # Every change a viewer would see moves the version on, which the open boards notice.
    assert live_queries.get_live_state(board.id, stranger).version > state.version


def test_private_board_is_visible_to_its_team_and_managers_only(team, lead, employee, manager):
    board = services.create_board(team, "Geheim", "eenvoudig", lead, visibility="private")
    db.session.commit()
    outsider = make_user()
    add_member(outsider, make_team())
    assert live_queries.get_live_state(board.id, employee).visible
    assert live_queries.get_live_state(board.id, manager).visible
    assert not live_queries.get_live_state(board.id, outsider).visible


def test_no_board_or_nobody_signed_in_is_none(team, lead):
    board = services.create_board(team, "Bord", "eenvoudig", lead)
    db.session.commit()

    class Anonymous:
        is_authenticated = False

    assert live_queries.get_live_state(board.id, Anonymous()) is None
    assert live_queries.get_live_state(999999, lead) is None
