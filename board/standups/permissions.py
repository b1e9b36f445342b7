"""Who may do what with a team's stand-up. Pure functions over queries; they never write.

The team's members and leads, managers and administrators run the stand-up (start it, write
notes, tick action items, triage). Everyone signed in may read it, as boards are read
municipality-wide, except when every board of the team is private: then the stand-up is the
team's own and does not exist for others (404). Readers from outside the team see only the
team's public boards in the agenda.
"""

from __future__ import annotations

from board.boards import permissions as board_permissions
from board.org.models import Team
from board.standups import queries


def can_run(user, team: Team) -> bool:
    """Members and leads of the team, managers and administrators run its stand-up."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_manager) or team.id in board_permissions.team_ids(user)


def can_read(user, team: Team, only_private: bool | None = None) -> bool:
    """Those who run it, and everyone signed in unless the team keeps its boards to itself
    (queries.team_has_only_private_boards; `only_private` when the caller already knows, as
    readable_team_ids does)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if can_run(user, team):
        return True
    if only_private is None:
        only_private = queries.team_has_only_private_boards(team.id)
    return not only_private


def readable_team_ids(user, teams: list[Team]) -> set[int]:
    """Of these teams, those whose stand-up the person may read (two queries, for any number)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    closed = queries.teams_with_only_private_boards()
    return {t.id for t in teams if can_read(user, t, only_private=t.id in closed)}
