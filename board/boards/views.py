"""Views across boards: an idea put on a board, "Mijn kaarten" and the archived boards."""

from __future__ import annotations

from flask import Blueprint, abort, flash, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from board.boards import permissions, promotion, queries
from board.boards.forms import PromoteIdeaForm
from board.boards.my_cards import list_my_cards
from board.boards.services import BoardError
from board.extensions import db
from board.ideas import permissions as idea_permissions
from board.web.forms import attach_error
from board.web.htmx import is_partial, redirect_303, render

bp = Blueprint("board_views", __name__)


def idea_board_context(idea, can_triage: bool, form: PromoteIdeaForm | None = None) -> dict:
    """What the idea page shows about boards: the idea's card, or the form to put it on one."""
    found = promotion.card_of_idea(idea.id, current_user)
    boards = []
    if found is None and can_triage and idea.status != "samengevoegd":
        boards = promotion.promotable_boards(current_user, idea)
    if boards:
        form = form or PromoteIdeaForm(formdata=None)
        form.board_id.choices = [("", _("Kies een bord"))] + [
            (str(b.id), f"{b.name} ({b.team.name})") for b in boards
        ]
    return {"idea_card": found, "promote_form": form if boards else None}


def _idea_page(idea_id: int, form: PromoteIdeaForm, status: int, message: str = ""):
    from board.ideas.routes import detail_context, idea_or_404

    idea = idea_or_404(idea_id)
    context = detail_context(idea, promote_form=form, message=message)
    if is_partial():
        return render_template("boards/_idea_board.html", oob=True, **context), status
    return render("ideas/detail.html", status=status, **context)


@bp.post("/ideeen/<int:idea_id>/op-bord")
@login_required
def promote_idea(idea_id: int):
    """Put an idea on a board: a card in its first column, linked to the idea."""
    from board.ideas.routes import idea_or_404

    idea = idea_or_404(idea_id)
    if not idea_permissions.can_triage(current_user, idea):
        abort(403)
    form = PromoteIdeaForm()
    board = None
    if form.board_id.data is not None:
        board = queries.get_visible_board(form.board_id.data, current_user)
        if board is None:
            abort(404)
        if not permissions.can_edit(current_user, board):
            abort(403)
    try:
        if board is None:
            raise BoardError(_("Kies het bord waar het idee op moet."), "board_id")
        card = promotion.promote_idea(idea, board, current_user)
        db.session.commit()
    except promotion.AlreadyOnBoard as error:
        db.session.rollback()
        attach_error(form, error)
        return _idea_page(idea_id, form, 409, error.message)
    except BoardError as error:
        db.session.rollback()
        attach_error(form, error)
        return _idea_page(idea_id, form, 422)
    message = _("Het idee staat op ‘%(board)s’ (kaart #%(n)d).", board=board.name, n=card.id)
    if is_partial():
        from board.ideas.routes import detail_context

        context = detail_context(idea_or_404(idea_id))
        return render_template("boards/_idea_board.html", oob=True, message=message, **context)
    flash(message, "success")
    return redirect_303(url_for("ideas.detail", idea_id=idea_id) + "#op-bord")


@bp.get("/mijn-kaarten")
@login_required
def my_cards():
    """The open cards I own on every board I may see, by board, and my open action items."""
    from board.clock import now
    from board.standups.queries import list_my_action_items

    return render(
        "boards/mine.html",
        groups=list_my_cards(current_user),
        today=now().date(),
        action_items=list_my_action_items(current_user),
    )


@bp.get("/borden/gearchiveerd")
@login_required
def archived():
    """The archived boards the viewer may see; those who may change one can bring it back."""
    member_of = permissions.team_ids(current_user)
    items = [
        item
        for item in queries.list_boards(current_user, include_archived=True)
        if item.board.archived_at is not None
    ]
    editable = {i.board.id for i in items if permissions.can_edit(current_user, i.board, member_of)}
    return render("boards/archived.html", items=items, editable=editable)
