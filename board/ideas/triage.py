"""Triage by team leads and managers: status, assignment, perspectives, estimate, merge."""

from __future__ import annotations

from flask import Blueprint, abort, flash, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from board.errors import Conflict, NotFound
from board.extensions import db
from board.ideas import permissions, queries, services
from board.ideas.forms import MergeForm, StatusForm, TriageForm, optional_int
from board.ideas.routes import detail_context, idea_or_404
from board.web.forms import attach_error
from board.web.htmx import redirect_303, render

bp = Blueprint("idea_triage", __name__)


def _triageable(idea_id: int):
    idea = idea_or_404(idea_id)
    if not permissions.can_triage(current_user, idea):
        abort(403)
    return idea


def _back(idea_id: int):
    return redirect_303(url_for("ideas.detail", idea_id=idea_id) + "#triage")


@bp.post("/ideeen/<int:idea_id>/status")
@login_required
def status(idea_id: int):
    """Move an idea to another status (a rejection needs a reason)."""
    idea = _triageable(idea_id)
    form = StatusForm()
    try:
        services.change_status(idea, current_user, form.status.data or "", form.reason.data or "")
        db.session.commit()
    except services.IdeaError as error:
        db.session.rollback()
        attach_error(form, error)
        return render(
            "ideas/detail.html",
            status=422,
            **detail_context(idea_or_404(idea_id), status_form=form),
        )
    flash(_("De status is bijgewerkt."), "success")
    return _back(idea_id)


@bp.post("/ideeen/<int:idea_id>/triage")
@login_required
def triage(idea_id: int):
    """Team, perspectives, impact and effort in one go."""
    idea = _triageable(idea_id)
    form = TriageForm()
    team_id = form.team_id.data
    changes = {
        "team_id": team_id if team_id != -1 else 0,
        "perspectives": form.perspectives.data or [],
        "impact": form.impact.data,
        "effort": form.effort.data,
    }
    try:
        services.apply_triage(idea, current_user, changes)
        db.session.commit()
    except services.IdeaError as error:
        db.session.rollback()
        for field_name, message in getattr(error, "problems", [(error.field, error.message)]):
            attach_error(form, services.IdeaError(message, field_name))
        return render(
            "ideas/detail.html",
            status=422,
            **detail_context(idea_or_404(idea_id), triage_form=form),
        )
    flash(_("De beoordeling is opgeslagen."), "success")
    return _back(idea_id)


@bp.get("/ideeen/<int:idea_id>/samenvoegen/kandidaten")
@login_required
def merge_candidates(idea_id: int):
    """Open ideas that look like this one: likely duplicates to merge it into."""
    idea = _triageable(idea_id)
    candidates = queries.list_similar(idea.title, exclude_id=idea.id)
    return render("ideas/_merge_candidates.html", idea=idea, candidates=candidates)


@bp.post("/ideeen/<int:idea_id>/samenvoegen")
@login_required
def merge(idea_id: int):
    """Merge this idea into another one."""
    idea = _triageable(idea_id)
    form = MergeForm()
    raw = (form.target_id.data or "").strip().lstrip("#")
    target_id = optional_int(raw)
    try:
        if not target_id or target_id < 1:
            raise services.IdeaError(_("Vul het nummer van een bestaand idee in."), "target_id")
        target = services.merge_ideas(idea.id, target_id, current_user)
        db.session.commit()
    except (services.IdeaError, NotFound, Conflict) as error:
        db.session.rollback()
        if isinstance(error, NotFound):
            error = services.IdeaError(
                _("Er is geen idee met nummer %(n)s.", n=raw[:12]), "target_id"
            )
        attach_error(form, error)
        return render(
            "ideas/detail.html", status=422, **detail_context(idea_or_404(idea_id), merge_form=form)
        )
    flash(_("Het idee is samengevoegd met dit idee."), "success")
    return redirect_303(url_for("ideas.detail", idea_id=target.id))
