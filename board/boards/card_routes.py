"""Cards: a new card, a card's page and edits, moving (drag, the "Verplaats naar…" form and the
up/down buttons), archiving, the checklist and comments.

A move answers a plain form with 303 back to the board; an htmx request gets the columns that
changed as out-of-band swaps, a line for the status region, and an HX-Trigger that puts the
focus back on the moved card.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlencode, urlsplit

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    make_response,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from board.boards import permissions, queries, services
from board.boards.filters import filter_context, parse_filter
from board.boards.forms import (
    CardCommentForm,
    CardForm,
    ChecklistForm,
    MoveForm,
    NewCardForm,
    parse_due_date,
)
from board.boards.models import Board, Card
from board.boards.routes import board_context, card_template_context, editable_board
from board.clock import now
from board.errors import NotFound
from board.extensions import db
from board.ideas.forms import optional_int
from board.web.forms import attach_error
from board.web.htmx import is_partial, redirect_303, render

bp = Blueprint("cards", __name__)


def card_or_404(card_id: int) -> Card:
    """The card when the viewer may see its board; else 404."""
    card = queries.get_visible_card(card_id, current_user)
    if card is None:
        abort(404)
    return card


def editable_card(card_id: int) -> Card:
    """The card when the viewer may change its board (404 when they may not even see it)."""
    found = queries.get_card_to_change(card_id, current_user)
    if found is None or not permissions.can_view(current_user, found.card.board, found.member_of):
        abort(404)
    if not permissions.can_edit(current_user, found.card.board, found.member_of):
        abort(403)
    return found.card


def _commit_answered() -> None:
    """Commit a change whose answer is already built. Nothing after it needs rows read anew, so
    this commit leaves what the session loaded as it is (the signed-in person included, whom
    the response headers still look at) instead of reading it all again."""
    session = db.session()
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True


def _moved_response(board: Board, result: services.MoveResult, message: str) -> Response:
    """After a move: the card in its new place and the column headers, out of band. Built from
    what the move read (the board's columns, the card it now follows), before the commit."""
    card_id = result.card.id
    column_ids = list(dict.fromkeys([result.from_column_id, result.to_column_id]))
    if _view_args(board.id):
        # A filtered view: the card's neighbour may be hidden there, so both columns come anew.
        trigger = {"boardMoved": {"cardId": card_id}}
        return _columns_response(board, column_ids, message, trigger=trigger)
    headers = queries.get_column_headers(board, column_ids, result.columns or None)
    # Nothing read when the card could not go further up or down: then ask what is above it.
    after_id = result.after_id if result.board is not None else queries.card_before(result.card)
    html = render_template(
        "boards/_moved_card.html",
        **card_template_context(),
        view=headers,
        headers=headers.columns,
        card=queries.summary_of(result.card),
        after_id=after_id,
        board=board,
        can_edit=True,
        message=message,
    )
    response = make_response(html, 200)
    response.headers["HX-Trigger-After-Settle"] = json.dumps({"boardMoved": {"cardId": card_id}})
    response.vary.add("HX-Request")
    return response


def _board_url(card: Card | None = None, board_id: int | None = None) -> str:
    url = url_for("boards.show", board_id=board_id or card.board_id)  # type: ignore[union-attr]
    view = _view_of(board_id or card.board_id)  # type: ignore[union-attr]
    return url + view + (f"#card-{card.id}" if card is not None else "")


def _view_args(board_id: int) -> dict[str, str]:
    """The filters and rows of the board view the person came from ({"rijen": "eigenaar"}), so
    a move from a filtered view or from swimlanes goes back there; nothing from another page."""
    candidate = request.form.get("bordweergave") or request.referrer or ""
    parts = urlsplit(candidate)
    if parts.path != url_for("boards.show", board_id=board_id) or (
        parts.netloc and parts.netloc != request.host
    ):
        return {}
    return parse_filter(dict(parse_qsl(parts.query))).args()


def _view_of(board_id: int) -> str:
    args = _view_args(board_id)
    return "?" + urlencode(args) if args else ""


def _columns_response(
    board: Board,
    column_ids: list[int],
    message: str,
    status: int = 200,
    trigger: dict | None = None,
    main: str = "",
    new_card_form: NewCardForm | None = None,
) -> Response:
    """The changed columns as out-of-band swaps, the status line, and events for boards.js."""
    ids = list(dict.fromkeys(i for i in column_ids if i))
    cards = card_template_context()
    shown = _view_args(board.id)
    can_edit = permissions.can_edit(current_user, board)
    if shown.get("rijen"):
        # Swimlanes: every row holds part of each column, so all rows come anew.
        view = queries.get_board_view(board)
        lanes = filter_context(view, shown, cards["plabels"])
        html = main + render_template(
            "boards/_lanes.html",
            **cards,
            **lanes,
            view=view,
            board=board,
            can_edit=can_edit,
            oob=True,
            message=message,
        )
    else:
        view = queries.get_board_view(board, ids)
        if shown:
            filter_context(view, shown, cards["plabels"])  # the columns as that view shows them
        html = main + render_template(
            "boards/_columns_oob.html",
            **cards,
            view=view,
            board=board,
            can_edit=can_edit,
            new_card_form=new_card_form or NewCardForm(formdata=None),
            message=message,
        )
    response = make_response(html, status)
    if trigger:
        # ASCII-only JSON: header values must be Latin-1, titles need not be.
        response.headers["HX-Trigger-After-Settle"] = json.dumps(trigger)
    response.vary.add("HX-Request")
    return response


@bp.post("/borden/<int:board_id>/kaarten")
@login_required
def create(board_id: int):
    """A new card at the bottom of the first column."""
    board = editable_board(board_id)
    form = NewCardForm()
    try:
        card = services.create_card(board, services.CardInput(title=form.title.data), current_user)
        db.session.commit()
    except services.BoardError as error:
        db.session.rollback()
        attach_error(form, error)
        if is_partial():
            first = queries.list_columns(board_id)[0].id
            return _columns_response(
                editable_board(board_id), [first], error.message, 422, new_card_form=form
            )
        return render(
            "boards/board.html",
            "board_columns",
            status=422,
            **board_context(editable_board(board_id), new_card_form=form),
        )
    if is_partial():
        column = queries.get_card(card.id).column  # type: ignore[union-attr]
        message = _(
            "Kaart ‘%(title)s’ toegevoegd aan %(column)s.", title=card.title, column=column.name
        )
        return _columns_response(
            board, [card.column_id], message, trigger={"boardMoved": {"cardId": card.id}}
        )
    flash(_("Kaart ‘%(title)s’ toegevoegd.", title=card.title), "success")
    return redirect_303(_board_url(card))


def _card_form(page: queries.CardPage) -> CardForm:
    card = page.card
    return CardForm(
        formdata=None,
        title=card.title,
        description=card.description,
        owner_ids=[u.id for u in page.owners],
        due_date=f"{card.due_date.day}-{card.due_date.month}-{card.due_date.year}"
        if card.due_date
        else "",
        perspectives=page.perspectives,
        tags=", ".join(page.tags),
        blocked=card.blocked,
        blocked_reason=card.blocked_reason,
    )


def card_page_or_404(card_id: int) -> queries.CardPage:
    """What a card's page shows, when the viewer may see its board; else 404."""
    page = queries.get_card_page(card_id, current_user)
    if page is None:
        abort(404)
    return page


def _card_page(page: queries.CardPage, status: int = 200, **forms):
    card = page.card
    form = forms.get("form") or _card_form(page)
    form.owner_ids.choices = [(m.id, m.name) for m in page.members]
    return render(
        "boards/card.html",
        status=status,
        card=card,
        board=card.board,
        can_edit=permissions.can_edit(current_user, card.board, page.member_of(current_user)),
        form=form,
        owners=page.owners,
        perspectives=page.perspectives,
        tags=page.tags,
        idea_perspectives=page.idea_perspectives,
        checklist=page.checklist,
        comments=page.comments,
        events=page.events,
        checklist_form=forms.get("checklist_form") or ChecklistForm(formdata=None),
        comment_form=forms.get("comment_form") or CardCommentForm(formdata=None),
        today=now().date(),
    )


@bp.get("/kaarten/<int:card_id>")
@login_required
def show(card_id: int):
    """A card with its details, checklist, comments and full history."""
    return _card_page(card_page_or_404(card_id))


@bp.post("/kaarten/<int:card_id>")
@login_required
def update(card_id: int):
    """Save what was edited on the card's page."""
    card = editable_card(card_id)
    form = CardForm()
    due, due_error = parse_due_date(form.due_date.data)
    data = services.CardInput(
        title=form.title.data or "",
        description=form.description.data or "",
        due_date=due,
        blocked=bool(form.blocked.data),
        blocked_reason=form.blocked_reason.data or "",
        owner_ids=[i for i in (form.owner_ids.data or []) if i is not None],
        perspectives=form.perspectives.data or [],
        tags=form.tags.data or "",
        problems=[("due_date", due_error)] if due_error else [],
    )
    try:
        services.update_card(card, data, current_user)
        db.session.commit()
    except services.BoardError as error:
        db.session.rollback()
        for field_name, message in getattr(error, "problems", [(error.field, error.message)]):
            attach_error(form, services.BoardError(message, field_name))
        return _card_page(card_page_or_404(card_id), 422, form=form)
    flash(_("De kaart is opgeslagen."), "success")
    return redirect_303(url_for("cards.show", card_id=card_id))


def _move_form(card: Card, form: MoveForm | None = None) -> MoveForm:
    """The move form, its position choices for the chosen column (default: the card's own)."""
    columns = queries.list_columns(card.board_id)
    chosen = optional_int(request.values.get("column_id"))
    form = form or MoveForm(formdata=None, column_id=card.column_id, position="onderaan")
    if chosen and any(c.id == chosen for c in columns):
        form.column_id.data = chosen
    column_id = form.column_id.data if form.column_id.data else card.column_id
    form.column_id.choices = [(c.id, c.name) for c in columns]
    others = [c for c in queries.list_column_cards(column_id) if c.id != card.id]
    form.position.choices = [("", _("Bovenaan")), ("onderaan", _("Onderaan"))] + [
        (str(c.id), _("Na ‘%(title)s’", title=c.title)) for c in others
    ]
    return form


def _move_page(card: Card, form: MoveForm | None = None, status: int = 200, **extra):
    return render(
        "boards/move.html",
        "move_form",
        status=status,
        card=card,
        board=card.board,
        form=_move_form(card, form),
        back=_board_url(card),
        **extra,
    )


@bp.get("/kaarten/<int:card_id>/verplaatsen")
@login_required
def move_form(card_id: int):
    """The "Verplaats naar…" form: a column and a place in it (a page, or the dialog's body)."""
    return _move_page(editable_card(card_id))


def _after_id(raw: str | None, column_id: int | None, card_id: int) -> int | None:
    """'' → on top; 'onderaan' → after the last card; a card id → after that card. With `voor`
    (a card id) and no position: right above that card (a swimlane shows part of a column)."""
    if raw == "onderaan":
        return queries.last_card_id(column_id or 0, card_id)
    below_id = optional_int(request.form.get("voor"))
    if not raw and below_id:
        below = db.session.get(Card, below_id)
        if below is None or below.column_id != column_id or below.archived_at is not None:
            return -1  # "not (any more) in that column"
        above = queries.card_before(below)
        if above == card_id:  # the card is right above it already: keep what is above the card
            moving = db.session.get(Card, card_id)
            above = queries.card_before(moving) if moving else None
        return above
    value = optional_int(raw)
    return value if value is None or value > 0 else -1


def _moved_message(card: Card, column_name: str) -> str:
    return _("Kaart ‘%(title)s’ verplaatst naar %(column)s.", title=card.title, column=column_name)


@bp.post("/kaarten/<int:card_id>/verplaatsen")
@login_required
def move(card_id: int):
    """Move a card to a place in a column; stale → 409 with the fresh columns."""
    card = editable_card(card_id)
    board = card.board
    form = MoveForm()
    dragged = request.form.get("bron") == "slepen"
    seen_from = optional_int(request.form.get("van"))
    column_id = form.column_id.data if form.column_id.data and form.column_id.data > 0 else -1
    version = optional_int(request.form.get("versie"))
    try:
        result = services.move_card(
            card,
            column_id,
            _after_id(form.position.data, column_id, card.id),
            version,
            current_user,
            confirm_over_wip=request.form.get("bevestig") == "1",
        )
    except services.StaleCard as stale:
        db.session.rollback()
        message = stale.message
        if is_partial():
            main = "" if dragged else _move_page(card_or_404(card_id), status=409).get_data(True)
            return _columns_response(
                board,
                [stale.column_id, column_id, seen_from or 0],
                message,
                status=409,
                trigger={"boardStale": {"cardId": card_id}},
                main=main,
            )
        flash(message, "error")
        return redirect_303(_board_url(card))
    except services.WipConfirmationNeeded as wip:
        db.session.rollback()
        if is_partial() and dragged:
            values = dict(request.form)
            values.pop("csrf_token", None)
            return _columns_response(
                board,
                [card.column_id, column_id],
                "",
                status=409,
                trigger={
                    "boardWipConfirm": {
                        "message": wip.message,
                        "url": url_for("cards.move", card_id=card_id),
                        "values": values,
                    }
                },
            )
        return _move_page(card_or_404(card_id), form, 409, confirm=wip.message)
    except (services.BoardError, NotFound) as error:
        db.session.rollback()
        attach_error(form, services.BoardError(error.message, error.field or "column_id"))
        if is_partial() and dragged:
            return _columns_response(
                board, [card.column_id, column_id, seen_from or 0], error.message, status=422
            )
        return _move_page(card_or_404(card_id), form, 422)
    column = result.to_column
    message = _moved_message(result.card, column.name if column else "")
    # The answer shows this move as it was made: built before the commit, whoever moves the
    # card next.
    if is_partial():
        response = _moved_response(board, result, message)
        _commit_answered()
        return response
    _commit_answered()
    flash(message, "success")  # only once the move is in
    return redirect_303(_board_url(result.card))


def _step(card_id: int, step) -> Response:
    card = editable_card(card_id)
    board = card.board
    version = optional_int(request.form.get("versie"))
    try:
        result = step(card, version, current_user)
    except services.StaleCard as stale:
        db.session.rollback()
        if is_partial():
            return _columns_response(
                board,
                [stale.column_id, card.column_id],
                stale.message,
                status=409,
                trigger={"boardStale": {"cardId": card_id}},
            )
        flash(stale.message, "error")
        return redirect_303(_board_url(card))
    if result.moved:
        column = result.to_column
        message = _(
            "Kaart ‘%(title)s’ staat nu op plaats %(n)d in %(column)s.",
            title=card.title,
            n=queries.card_position(result.card),
            column=column.name if column else "",
        )
    else:
        message = _("Kaart ‘%(title)s’ kan niet verder.", title=card.title)
    if is_partial():
        response = _moved_response(board, result, message)
        _commit_answered()
        return response
    _commit_answered()
    flash(message, "success")  # only once the move is in
    return redirect_303(_board_url(card))


@bp.post("/kaarten/<int:card_id>/omhoog")
@login_required
def move_up(card_id: int):
    """One place up in the column."""
    return _step(card_id, services.move_up)


@bp.post("/kaarten/<int:card_id>/omlaag")
@login_required
def move_down(card_id: int):
    """One place down in the column."""
    return _step(card_id, services.move_down)


@bp.post("/kaarten/<int:card_id>/archiveren")
@login_required
def archive(card_id: int):
    """Take the card off the board, or put an archived card back."""
    card = editable_card(card_id)
    if card.archived_at is None:
        services.archive_card(card, current_user)
        flash(_("De kaart is gearchiveerd."), "success")
    else:
        services.restore_card(card, current_user)
        flash(_("De kaart staat weer op het bord."), "success")
    db.session.commit()
    return redirect_303(url_for("cards.show", card_id=card_id))


@bp.post("/kaarten/<int:card_id>/checklist")
@login_required
def add_checklist_item(card_id: int):
    """Add a line to the card's checklist."""
    card = editable_card(card_id)
    form = ChecklistForm()
    try:
        services.add_checklist_item(card, form.text.data or "", current_user)
        db.session.commit()
    except services.BoardError as error:
        db.session.rollback()
        attach_error(form, error)
        return _card_page(card_page_or_404(card_id), 422, checklist_form=form)
    return redirect_303(url_for("cards.show", card_id=card_id) + "#checklist")


def _item_or_404(item_id: int):
    item = queries.get_checklist_item(item_id)
    if item is None:
        abort(404)
    editable_card(item.card_id)
    return item


@bp.post("/checklist/<int:item_id>/afvinken")
@login_required
def toggle_checklist_item(item_id: int):
    """Tick a checklist line off, or untick it."""
    item = _item_or_404(item_id)
    services.toggle_checklist_item(item, current_user)
    db.session.commit()
    return redirect_303(url_for("cards.show", card_id=item.card_id) + "#checklist")


@bp.post("/checklist/<int:item_id>/verwijderen")
@login_required
def remove_checklist_item(item_id: int):
    """Remove a checklist line."""
    item = _item_or_404(item_id)
    card_id = item.card_id
    services.remove_checklist_item(item, current_user)
    db.session.commit()
    return redirect_303(url_for("cards.show", card_id=card_id) + "#checklist")


@bp.post("/kaarten/<int:card_id>/reacties")
@login_required
def comment(card_id: int):
    """Comment on a card (everyone who can see the board)."""
    card = card_or_404(card_id)
    form = CardCommentForm()
    try:
        services.add_comment(card, current_user, form.body.data or "")
        db.session.commit()
    except services.BoardError as error:
        db.session.rollback()
        attach_error(form, error)
        return _card_page(card_page_or_404(card_id), 422, comment_form=form)
    return redirect_303(url_for("cards.show", card_id=card_id) + "#reacties")
