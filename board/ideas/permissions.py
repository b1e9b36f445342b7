"""Who may do what with ideas. Pure functions over queries; they never write."""

from __future__ import annotations

from board.ideas.models import Idea
from board.org import queries as org_queries


def lead_scope(user) -> tuple[set[int], set[int]]:
    """The teams a person leads and the chains those teams are in."""
    team_ids = org_queries.lead_team_ids(user.id)
    if not team_ids:
        return set(), set()
    chain_ids = {t.chain_id for t in org_queries.list_teams() if t.id in team_ids}
    return team_ids, chain_ids


def can_triage(user, idea: Idea, scope: tuple[set[int], set[int]] | None = None) -> bool:
    """Managers triage every idea; a team lead the ideas of their team, of their chain without a
    team, and ideas nobody has picked up yet."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_manager:
        return True
    team_ids, chain_ids = scope if scope is not None else lead_scope(user)
    if not team_ids:
        return False
    if idea.team_id is not None:
        return idea.team_id in team_ids
    return idea.chain_id is None or idea.chain_id in chain_ids


def can_see_voters(user, scope: tuple[set[int], set[int]] | None = None) -> bool:
    """Team leads and managers see who voted."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_manager:
        return True
    team_ids, _ = scope if scope is not None else lead_scope(user)
    return bool(team_ids)


def shows_submitter(idea: Idea, viewer) -> bool:
    """An anonymous idea hides its submitter from everyone but the submitter."""
    if idea.submitter_id is None:
        return False
    if not idea.anonymous:
        return True
    return getattr(viewer, "id", None) == idea.submitter_id


def can_import(user) -> bool:
    """Team leads and managers (administrators too) import an existing idea list."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_manager or org_queries.lead_team_ids(user.id))
