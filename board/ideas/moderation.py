"""The moderation queue: ideas handed in through an intake link wait here until a team lead or
manager approves them (into the inbox) or declines them (with a reason)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from board.extensions import db
from board.ideas import intake_queries, intake_services, queries
from board.ideas.intake_forms import DeclineForm
from board.ideas.intake_permissions import can_moderate
from board.ideas.models import PENDING, Idea
from board.ideas.permissions import can_triage, lead_scope
from board.web.htmx import is_partial, redirect_303, render

bp = Blueprint("moderation", __name__)


def _scope() -> tuple[set[int], set[int]]:
    return (set(), set()) if current_user.is_manager else lead_scope(current_user)


def _queue_kwargs(scope: tuple[set[int], set[int]]) -> dict:
    return {"all_ideas": current_user.is_manager, "team_ids": scope[0], "chain_ids": scope[1]}


def _queue_page(scope, status: int = 200, errors: dict | None = None, typed: dict | None = None):
    rows = intake_queries.list_pending(**_queue_kwargs(scope))
    return render(
        "ideas/moderation/queue.html",
        status=status,
        rows=rows,
        waiting=len(rows),
        errors=errors or {},
        typed=typed or {},
        form=DeclineForm(),
    )


@bp.get("/ideeen/moderatie")
@login_required
def queue():
    """The ideas from intake links that wait for this person's approval, oldest first."""
    scope = _scope()
    if not can_moderate(current_user, scope):
        abort(403)
    return _queue_page(scope)


def _moderated_idea_or_404(idea_id: int, scope) -> Idea:
    """An idea from an intake link this person moderates; anyone else gets 404 (a waiting idea
    does not exist for them)."""
    idea = queries.get_idea(idea_id)
    if idea is None or idea.intake_link_id is None or not can_triage(current_user, idea, scope):
        abort(404)
    return idea


def _done(idea: Idea, message: str, scope, category: str = "success"):
    """The row goes away in place with a status message (htmx), or back to the queue (303)."""
    if is_partial():
        waiting = intake_queries.count_pending(**_queue_kwargs(scope))
        return render(
            "ideas/moderation/_done.html",
            idea=idea,
            message=message,
            waiting=waiting,
            category=category,
        )
    flash(message, category)
    return redirect_303(url_for("moderation.queue"))


@bp.post("/ideeen/moderatie/<int:idea_id>/goedkeuren")
@login_required
def approve(idea_id: int):
    """Approve a waiting idea: it appears in the inbox as a new idea."""
    scope = _scope()
    idea = _moderated_idea_or_404(idea_id, scope)
    try:
        intake_services.approve_idea(idea, current_user)
        db.session.commit()
    except intake_services.IntakeError as error:
        db.session.rollback()
        return _done(idea, error.message, scope, "info")
    return _done(idea, _("‘%(title)s’ staat nu in de ideeënbus.", title=idea.title), scope)


@bp.post("/ideeen/moderatie/<int:idea_id>/weigeren")
@login_required
def decline(idea_id: int):
    """Decline a waiting idea, with a reason; it never appears in the inbox."""
    scope = _scope()
    idea = _moderated_idea_or_404(idea_id, scope)
    form = DeclineForm()
    try:
        intake_services.decline_idea(idea, current_user, form.reason.data or "")
        db.session.commit()
    except intake_services.IntakeError as error:
        db.session.rollback()
        if error.field != "reason":
            return _done(idea, error.message, scope, "info")
        errors, typed = {idea.id: error.message}, {idea.id: form.reason.data or ""}
        if is_partial():
            idea = _moderated_idea_or_404(idea_id, scope)  # fresh after the rollback
            row = intake_queries.PendingRow(idea, _link_label(idea))
            return render(
                "ideas/moderation/_pending.html",
                status=422,
                row=row,
                errors=errors,
                typed=typed,
                enhance=True,
            )
        return _queue_page(scope, 422, errors, typed)
    return _done(idea, _("‘%(title)s’ is geweigerd.", title=idea.title), scope)


def _link_label(idea: Idea) -> str:
    link = intake_queries.get_link(idea.intake_link_id) if idea.intake_link_id else None
    return link.label if link else ""


def pending_page(idea: Idea):
    """An idea that waits for moderation, as its moderator sees it (ideas.detail sends them
    here; everyone else gets 404 there)."""
    if idea.moderation != PENDING:  # pragma: no cover - the caller checks
        abort(404)
    row = intake_queries.PendingRow(idea, _link_label(idea))
    return render("ideas/moderation/pending.html", row=row, errors={}, typed={})
