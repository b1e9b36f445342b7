"""Live updates of a board for everyone who has it open, and the wallboard for the team room.

Conditional polling: the page carries the board's version; board-live.js asks every 1.5 seconds
whether it changed (cards, columns, or the team's action items past due, which the header
shows: a changed answer carries that marker too). Unchanged costs one primary-key lookup and
answers 204, which works across gunicorn processes and on SQLite and PostgreSQL alike, without
a message broker or a connection held open per viewer.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, make_response, request
from flask_login import current_user, login_required
from jinja2_fragments.flask import render_blocks

from board.boards import live_queries, queries
from board.boards.routes import (
    board_context,
    board_or_404,
    card_template_context,
    overdue_marker,
)
from board.clock import now
from board.web.htmx import render

bp = Blueprint("board_live", __name__)

VERSION_HEADER = "X-Board-Version"


def _no_store(response: Response) -> Response:
    # A poll's answer is only true for this moment and this person.
    response.headers["Cache-Control"] = "no-store"
    return response


def _unchanged_or_none(board_id: int) -> Response | None:
    """204 when the viewer's version is current; 401/404 when they may not look; else None."""
    if not current_user.is_authenticated:
        return _no_store(make_response("", 401))
    state = live_queries.get_live_state(board_id, current_user)
    if state is None or not state.visible:
        abort(404)
    if request.args.get("versie", type=int) == state.version:
        response = _no_store(make_response("", 204))
        response.headers[VERSION_HEADER] = str(state.version)
        return response
    return None


def _changes(board_id: int, template: str, block: str, context_of) -> Response:
    """204 while the viewer's version is current; else `block` of `template` with the header's
    marker of action items past due, and the new version."""
    unchanged = _unchanged_or_none(board_id)
    if unchanged is not None:
        return unchanged
    board = board_or_404(board_id)
    context = {**context_of(board), **overdue_marker(board), "live_answer": True}
    response = make_response(render_blocks(template, [block], **context))
    response.headers[VERSION_HEADER] = str(board.version)
    return _no_store(response)


def wallboard_context(board) -> dict:
    """What the wallboard shows: the board's columns and cards, nothing to click."""
    return {
        **card_template_context(),
        "view": queries.get_board_view(board),
        "board": board,
        "view_time": now(),
    }


@bp.get("/borden/<int:board_id>/live")
def board_changes(board_id: int):
    """204 while the board is unchanged since ?versie=, else its columns and the new version."""
    return _changes(board_id, "boards/board.html", "board_columns", board_context)


@bp.get("/borden/<int:board_id>/wandbord")
@login_required
def wallboard(board_id: int):
    """The board for the TV in the team room: large, read-only, refreshing itself."""
    board = board_or_404(board_id)
    response = render("boards/wallboard.html", **wallboard_context(board), **overdue_marker(board))
    return _no_store(response)


@bp.get("/borden/<int:board_id>/wandbord/live")
def wallboard_changes(board_id: int):
    """204 while the board is unchanged since ?versie=, else the wallboard's columns."""
    return _changes(board_id, "boards/wallboard.html", "wallboard_columns", wallboard_context)
