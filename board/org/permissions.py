"""Who may do what with chains and teams. Pure functions over queries; they never write."""

from __future__ import annotations

from board.org import queries


def can_manage_team(user, team) -> bool:
    """Administrators, managers and the team's own leads manage its membership."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_manager:
        return True
    return team.id in queries.lead_team_ids(user.id)
