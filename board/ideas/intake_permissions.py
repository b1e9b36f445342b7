"""Who may manage intake links and moderate what came in through them. Pure functions."""

from __future__ import annotations

from board.ideas.models import PENDING, Idea, IntakeLink
from board.ideas.permissions import can_triage, lead_scope
from board.org import queries as org_queries


def can_moderate(user, scope: tuple[set[int], set[int]] | None = None) -> bool:
    """Managers and team leads have a moderation queue (and manage intake links)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_manager:
        return True
    team_ids, _ = scope if scope is not None else lead_scope(user)
    return bool(team_ids)


def can_moderate_idea(user, idea: Idea, scope: tuple[set[int], set[int]] | None = None) -> bool:
    """A waiting idea is for the leads of its team (or of a team in its chain, for a chain's
    link) and for managers: the same people who triage it once it is in the inbox."""
    return idea.moderation == PENDING and can_triage(user, idea, scope)


def can_create_link(user, *, team_id: int | None, chain_id: int | None) -> bool:
    """Leads make links for the teams they lead; managers for any team or chain."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_manager:
        return True
    if chain_id is not None or team_id is None:
        return False
    return team_id in org_queries.lead_team_ids(user.id)


def can_manage_link(user, link: IntakeLink, lead_team_ids: set[int] | None = None) -> bool:
    """Who may see a link's printable page and revoke it: whoever may make such a link."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_manager:
        return True
    team_ids = lead_team_ids if lead_team_ids is not None else org_queries.lead_team_ids(user.id)
    return link.team_id is not None and link.team_id in team_ids
