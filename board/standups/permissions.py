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


def can_read(user, team: Team) -> bool:
    """Those who run it, and everyone signed in unless all the team's boards are private."""
    if not getattr(user, "is_authenticated", False):
        return False
    if can_run(user, team):
        return True
    return not queries.team_has_only_private_boards(team.id)
