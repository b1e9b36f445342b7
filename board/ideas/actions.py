"""Voting, following and comments on an idea."""

from __future__ import annotations

from flask import Blueprint, abort, flash, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from board.errors import NotFound
from board.extensions import db
from board.ideas import permissions, queries, services
from board.ideas.forms import CommentForm, HideCommentForm
from board.ideas.routes import detail_context, idea_or_404
from board.web.forms import attach_error
from board.web.htmx import is_partial, redirect_303, render

bp = Blueprint("idea_actions", __name__)


def _vote_fragment(idea_id: int, voted: bool, count: int):
    return render("ideas/_vote.html", idea_id=idea_id, voted=voted, count=count)


@bp.post("/ideeen/<int:idea_id>/stem")
@login_required
def vote(idea_id: int):
    """Vote for an idea; again is harmless."""
    try:
        count = services.cast_vote(idea_id, current_user)
        db.session.commit()
    except NotFound:
        abort(404)
    except services.IdeaError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect_303(url_for("ideas.detail", idea_id=idea_id))
    if is_partial():
        return _vote_fragment(idea_id, True, count)
    return redirect_303(url_for("ideas.detail", idea_id=idea_id))


@bp.post("/ideeen/<int:idea_id>/stem/intrekken")
@login_required
def unvote(idea_id: int):
    """Withdraw one's vote."""
    try:
        count = services.withdraw_vote(idea_id, current_user)
        db.session.commit()
    except NotFound:
        abort(404)
    if is_partial():
        return _vote_fragment(idea_id, False, count)
    return redirect_303(url_for("ideas.detail", idea_id=idea_id))


@bp.post("/ideeen/<int:idea_id>/volgen")
@login_required
def follow(idea_id: int):
    """Hear about changes to this idea."""
    services.follow(idea_or_404(idea_id), current_user)
    db.session.commit()
    flash(_("Je volgt dit idee."), "success")
    return redirect_303(url_for("ideas.detail", idea_id=idea_id))


@bp.post("/ideeen/<int:idea_id>/ontvolgen")
@login_required
def unfollow(idea_id: int):
    """Stop hearing about this idea."""
    services.unfollow(idea_or_404(idea_id), current_user)
    db.session.commit()
    flash(_("Je volgt dit idee niet meer."), "success")
    return redirect_303(url_for("ideas.detail", idea_id=idea_id))


@bp.post("/ideeen/<int:idea_id>/reacties")
@login_required
def comment(idea_id: int):
    """Comment on an idea."""
    idea = idea_or_404(idea_id)
    form = CommentForm()
    try:
        services.add_comment(idea.id, current_user, form.body.data or "")
        db.session.commit()
    except services.IdeaError as error:
        db.session.rollback()
        attach_error(form, error)
        return render(
            "ideas/detail.html",
            status=422,
            **detail_context(idea_or_404(idea_id), comment_form=form),
        )
    return redirect_303(url_for("ideas.detail", idea_id=idea_id) + "#reacties")


def _comment_or_404(comment_id: int):
    comment = queries.get_comment(comment_id)
    if comment is None:
        abort(404)
    return comment


@bp.post("/reacties/<int:comment_id>/wijzigen")
@login_required
def edit_comment(comment_id: int):
    """The author changes their comment within 15 minutes."""
    comment = _comment_or_404(comment_id)
    if comment.author_id != current_user.id:
        abort(403)
    form = CommentForm()
    try:
        services.edit_comment(comment, current_user, form.body.data or "")
        db.session.commit()
    except services.IdeaError as error:
        db.session.rollback()
        flash(error.message, "error")
    return redirect_303(url_for("ideas.detail", idea_id=comment.idea_id) + f"#reactie-{comment_id}")


@bp.post("/reacties/<int:comment_id>/verwijderen")
@login_required
def remove_comment(comment_id: int):
    """The author removes their comment."""
    comment = _comment_or_404(comment_id)
    if comment.author_id != current_user.id:
        abort(403)
    services.remove_comment(comment, current_user)
    db.session.commit()
    flash(_("Je reactie is verwijderd."), "success")
    return redirect_303(url_for("ideas.detail", idea_id=comment.idea_id) + "#reacties")


@bp.post("/reacties/<int:comment_id>/verbergen")
@login_required
def hide_comment(comment_id: int):
    """A team lead hides an abusive comment, with a reason."""
    comment = _comment_or_404(comment_id)
    idea = idea_or_404(comment.idea_id)
    if not permissions.can_triage(current_user, idea):
        abort(403)
    form = HideCommentForm()
    try:
        services.hide_comment(comment, current_user, form.reason.data or "")
        db.session.commit()
        flash(_("De reactie is verborgen."), "success")
    except services.IdeaError as error:
        db.session.rollback()
        flash(error.message, "error")
    return redirect_303(url_for("ideas.detail", idea_id=idea.id) + "#reacties")
