"""Deciding on the team's new ideas during the stand-up: onto the board, declined with a
reason, or merged into a duplicate, without leaving the page (the ideas' own services).

On the stand-ups blueprint (imported by board.standups.routes).
"""

from __future__ import annotations

from flask import abort, flash
from flask_babel import gettext as _
from flask_login import current_user, login_required

from board.errors import DomainError
from board.extensions import db
from board.ideas import permissions as idea_permissions
from board.ideas import queries as idea_queries
from board.org.models import Team
from board.standups import services
from board.standups.forms import DeclineForm, MergeForm
from board.standups.routes import PAGE, _back, bp, page_context, runnable_team
from board.web.forms import attach_error
from board.web.htmx import is_partial, render


def _team_idea(team: Team, idea_id: int):
    idea = idea_queries.get_idea(idea_id)
    if idea is None or idea.team_id != team.id:
        abort(404)
    if not idea_permissions.can_triage(current_user, idea):
        abort(403)
    return idea


def _ideas_answer(team: Team, message: str, status: int = 200, **forms):
    if is_partial():
        return render(
            PAGE,
            "ideas",
            "board_walk",
            status=status,
            **page_context(team, announcement=message, oob=True, **forms),
        )
    if status == 422:
        return render(PAGE, status=422, **page_context(team, **forms))
    flash(message, "success" if status < 400 else "error")
    return _back(team, "#standup-ideas")


def _refused(team: Team, error: DomainError, form, field: str, **forms):
    """A decision the service refused: nothing kept; a conflict (409) as it is, otherwise the
    idea's form again with the message by `field` (422)."""
    db.session.rollback()
    if error.status == 409:
        return _ideas_answer(team, error.message, 409)
    attach_error(form, services.StandupError(error.message, field))
    return _ideas_answer(team, error.message, 422, **forms)


@bp.post("/teams/<int:team_id>/standup/ideeen/<int:idea_id>/accepteren")
@login_required
def accept_idea(team_id: int, idea_id: int):
    """Take a new idea onto the team's board (as a card) and plan it."""
    team = runnable_team(team_id)
    idea = _team_idea(team, idea_id)
    try:
        services.accept_idea(team, idea, current_user)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        return _ideas_answer(team, error.message, 409 if error.status == 409 else 422)
    return _ideas_answer(team, _("‘%(title)s’ staat nu op het bord.", title=idea.title))


@bp.post("/teams/<int:team_id>/standup/ideeen/<int:idea_id>/afwijzen")
@login_required
def decline_idea(team_id: int, idea_id: int):
    """Decline a new idea with a reason."""
    team = runnable_team(team_id)
    idea = _team_idea(team, idea_id)
    form = DeclineForm(prefix=f"idee-{idea.id}")
    try:
        services.decline_idea(team, idea, current_user, form.reason.data)
        db.session.commit()
    except DomainError as error:
        return _refused(team, error, form, "reason", decline_forms={idea.id: form})
    return _ideas_answer(team, _("‘%(title)s’ is afgewezen.", title=idea.title))


@bp.post("/teams/<int:team_id>/standup/ideeen/<int:idea_id>/samenvoegen")
@login_required
def merge_idea(team_id: int, idea_id: int):
    """Merge a new idea into another one it duplicates."""
    team = runnable_team(team_id)
    idea = _team_idea(team, idea_id)
    form = MergeForm(prefix=f"idee-{idea.id}")
    raw = (form.target_id.data or "").strip().lstrip("#")
    try:
        target = services.merge_idea(team, idea, int(raw) if raw.isdigit() else None, current_user)
        db.session.commit()
    except DomainError as error:
        return _refused(team, error, form, "target_id", merge_forms={idea.id: form})
    return _ideas_answer(
        team, _("‘%(title)s’ is samengevoegd met idee %(n)d.", title=idea.title, n=target.id)
    )
