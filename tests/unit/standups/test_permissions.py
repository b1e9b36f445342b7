"""Who may read a team's stand-ups: everyone signed in, unless the team keeps its boards to
itself (a private board and no public board in use), archived boards included."""

from __future__ import annotations

import pytest

from board.boards import services as board_services
from board.extensions import db
from board.standups import permissions, queries
from tests.factories import make_user


@pytest.fixture
def outsider():
    return make_user(name="Oane Buiten", email="oane@example.org")


def boards(team, lead, *kinds):
    made = []
    for n, kind in enumerate(kinds):
        board = board_services.create_board(team, f"Bord {n}", "eenvoudig", lead)
        if kind.startswith("private"):
            board_services.set_visibility(board, "private", lead)
        if kind.endswith("archived"):
            board_services.archive_board(board, lead)
        made.append(board)
    db.session.flush()
    return made


@pytest.mark.parametrize(
    ("kinds", "closed"),
    [
        ((), False),
        (("public",), False),
        (("private",), True),
        (("private", "public"), False),
        # Archiving the only private board does not open up what its stand-ups said.
        (("private archived",), True),
        (("private archived", "public"), False),
        # A public board that is no longer used does not open up a team that works in private.
        (("public archived", "private"), True),
        (("public archived",), False),
    ],
)
def test_a_team_keeps_its_standups_when_it_keeps_its_boards(
    team, lead, employee, outsider, kinds, closed
):
    boards(team, lead, *kinds)
    assert queries.team_has_only_private_boards(team.id) is closed
    assert (team.id in queries.teams_with_only_private_boards()) is closed
    assert permissions.can_read(outsider, team) is not closed
    assert (team.id in permissions.readable_team_ids(outsider, [team])) is not closed
    assert permissions.can_read(employee, team), "the team itself always reads them"
