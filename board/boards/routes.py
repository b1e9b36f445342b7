"""Boards: the list, a new board, the board itself, its settings and its columns."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, g, request, url_for
from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import escape

from board.boards import permissions, queries, services
from board.boards.filters import filter_context
from board.boards.forms import (
    BoardForm,
    BoardSettingsForm,
    ColumnForm,
    NewCardForm,
    RemoveColumnForm,
)
from board.boards.models import Board, BoardColumn
from board.errors import NotFound
from board.extensions import db
from board.org import queries as org_queries
from board.standups import queries as standup_queries
from board.web.forms import attach_error
from board.web.htmx import is_partial, redirect_303, render

bp = Blueprint("boards", __name__)


@bp.app_template_filter("shortdate")
def shortdate(value: date | None) -> str:
    """12 mrt 2026, in the reader's language (a board shows the same dates many times)."""
    if not value:
        return ""
    cache = g.setdefault("shortdates", {})  # the language stays the same within a request
    if value not in cache:
        cache[value] = format_date(value, "d MMM y")
    return cache[value]


def board_or_404(board_id: int) -> Board:
    """The board when the viewer may see it; a private board of another team is a 404."""
    board = queries.get_visible_board(board_id, current_user)
    if board is None:
        abort(404)
    return board


def editable_board(board_id: int) -> Board:
    """The board when the viewer may change it (404 when they may not even see it)."""
    board = board_or_404(board_id)
    if not permissions.can_edit(current_user, board):
        abort(403)
    return board


def column_or_404(column_id: int) -> tuple[BoardColumn, Board]:
    column = db.session.get(BoardColumn, column_id)
    if column is None:
        abort(404)
    return column, editable_board(column.board_id)


def _creatable_teams():
    member_of = permissions.team_ids(current_user)
    return [
        t
        for t in org_queries.list_teams(False)
        if permissions.can_create_for(current_user, t.id, member_of)
    ]


@bp.get("/borden")
@login_required
def index():
    """Every board the viewer may see, grouped by chain and team."""
    items = queries.list_boards(current_user)
    groups: list[tuple[str, str, int, list]] = []
    for item in items:
        team = item.board.team
        if not groups or groups[-1][2] != team.id:
            groups.append((team.chain.name, team.name, team.id, []))
        groups[-1][3].append(item)
    return render("boards/index.html", groups=groups, can_create=bool(_creatable_teams()))


def _new_page(form: BoardForm, status: int = 200):
    teams = _creatable_teams()
    form.team_id.choices = [(str(t.id), f"{t.name} ({t.chain.name})") for t in teams]
    return render("boards/new.html", status=status, form=form, has_teams=bool(teams))


@bp.get("/borden/nieuw")
@login_required
def new():
    """The form for a new board (for the team in ?team= when given)."""
    return _new_page(BoardForm(formdata=None, team_id=request.args.get("team", type=int)))


@bp.post("/borden")
@login_required
def create():
    """Make a board for a team from a template."""
    form = BoardForm()
    team = org_queries.get_team(form.team_id.data) if form.team_id.data else None
    if team is not None and not permissions.can_create_for(current_user, team.id):
        abort(403)
    try:
        board = services.create_board(
            team,  # type: ignore[arg-type]
            form.name.data or "",
            form.template.data or "",
            current_user,
            visibility=form.visibility.data or "public",
        )
        db.session.commit()
    except services.BoardError as error:
        db.session.rollback()
        attach_error(form, error)
        return _new_page(form, 422)
    flash(_("Het bord ‘%(name)s’ is gemaakt.", name=board.name), "success")
    return redirect_303(url_for("boards.show", board_id=board.id))


def card_template_context() -> dict:
    """What every card on a board needs once, not per card: labels and address prefixes."""
    return {
        "plabels": {
            "klant": _("Klant"),
            "medewerker": _("Medewerker"),
            "proces": _("Proces"),
            "financieel": _("Financieel"),
        },
        # "/kaarten/"; a card's addresses are this plus its id: url_for a thousand times
        # was a tenth of the page's time.
        "card_url": escape(url_for("cards.show", card_id=0)[:-1]),
        "idea_url": escape(url_for("ideas.detail", idea_id=0)[:-1]),
        "t": {
            "blocked": _("Geblokkeerd"),
            "late": _("Te laat:"),
            "due": _("Deadline:"),
            "idea": _("Idee #"),
            "move": _("Verplaats"),
            "up": _("Omhoog"),
            "down": _("Omlaag"),
        },
        "days": _counted(lambda n: ngettext("%(num)d dag in kolom", "%(num)d dagen in kolom", n)),
        "votes": _counted(lambda n: ngettext("%(num)d stem", "%(num)d stemmen", n)),
    }


def _counted(label):
    """A plural label remembered per number: the same few numbers come back on every card."""
    cache: dict[int, str] = {}

    def get(n: int) -> str:
        if n not in cache:
            cache[n] = label(n)
        return cache[n]

    return get


def board_context(board: Board, **extra):
    """Everything the board page shows, with the viewer's permissions."""
    cards = card_template_context()
    view = queries.get_board_view(board)
    return {
        **cards,
        "view": view,
        "board": board,
        "can_edit": permissions.can_edit(current_user, board),
        "new_card_form": extra.pop("new_card_form", None) or NewCardForm(),
        # Filters and swimlanes (GET parameters, also of the live check) use the cards read.
        **filter_context(view, request.args, cards["plabels"]),
        **extra,
    }


def overdue_marker(board: Board) -> dict:
    """The header's marker of the team's action items past due (one query; the header is not
    part of a fragment or of the live check, so those skip it)."""
    if is_partial():
        return {}
    return {"overdue": standup_queries.team_overdue_action_items(board.team_id)}


@bp.get("/borden/<int:board_id>")
@login_required
def show(board_id: int):
    """The board: its columns side by side with their cards."""
    board = board_or_404(board_id)
    return render(
        "boards/board.html", "board_columns", **board_context(board), **overdue_marker(board)
    )


def _settings_page(board: Board, form: BoardSettingsForm | None = None, status: int = 200):
    form = form or BoardSettingsForm(
        name=board.name, visibility=board.visibility, wip_policy=board.wip_policy
    )
    return render("boards/settings.html", status=status, board=board, form=form)


@bp.get("/borden/<int:board_id>/instellingen")
@login_required
def settings(board_id: int):
    """The board's name, visibility, WIP policy and archiving."""
    return _settings_page(editable_board(board_id))


@bp.post("/borden/<int:board_id>/instellingen")
@login_required
def save_settings(board_id: int):
    """Save the board's name, visibility and WIP policy."""
    board = editable_board(board_id)
    form = BoardSettingsForm()
    try:
        services.set_board_settings(
            board,
            name=form.name.data or "",
            visibility=form.visibility.data or "",
            wip_policy=form.wip_policy.data or "",
            actor=current_user,
        )
        db.session.commit()
    except services.BoardError as error:
        db.session.rollback()
        attach_error(form, error)
        return _settings_page(editable_board(board_id), form, 422)
    flash(_("De instellingen van het bord zijn opgeslagen."), "success")
    return redirect_303(url_for("boards.show", board_id=board_id))


@bp.post("/borden/<int:board_id>/archiveren")
@login_required
def archive(board_id: int):
    """Put the board away (it stays readable) or, when archived, bring it back."""
    board = editable_board(board_id)
    if board.archived_at is None:
        services.archive_board(board, current_user)
        flash(_("Het bord is gearchiveerd."), "success")
    else:
        services.restore_board(board, current_user)
        flash(_("Het bord is teruggezet."), "success")
    db.session.commit()
    return redirect_303(url_for("boards.show", board_id=board_id))


def _columns_page(board: Board, status: int = 200, **forms):
    columns = queries.list_columns(board.id)
    counts = queries.count_open_cards(board.id)
    column_forms = {
        c.id: forms.get(f"column_{c.id}")
        or ColumnForm(
            prefix=f"kolom-{c.id}",
            formdata=None,
            name=c.name,
            wip_limit=str(c.wip_limit or ""),
            is_done=c.is_done,
        )
        for c in columns
    }
    remove_forms = {}
    for c in columns:
        form = forms.get(f"remove_{c.id}") or RemoveColumnForm(
            prefix=f"verwijder-{c.id}", formdata=None
        )
        form.target_column_id.choices = [("", _("Kies een kolom"))] + [
            (str(o.id), o.name) for o in columns if o.id != c.id
        ]
        remove_forms[c.id] = form
    return render(
        "boards/columns.html",
        status=status,
        board=board,
        columns=columns,
        counts=counts,
        column_forms=column_forms,
        remove_forms=remove_forms,
        add_form=forms.get("add") or ColumnForm(prefix="nieuw"),
    )


@bp.get("/borden/<int:board_id>/kolommen")
@login_required
def columns(board_id: int):
    """Column settings: add, rename, reorder, remove, WIP limit and done flag."""
    return _columns_page(editable_board(board_id))


@bp.post("/borden/<int:board_id>/kolommen")
@login_required
def add_column(board_id: int):
    """Add a column at the right end."""
    board = editable_board(board_id)
    form = ColumnForm(prefix="nieuw")
    try:
        services.add_column(
            board,
            form.name.data or "",
            current_user,
            wip_limit=form.wip_limit.data,  # type: ignore[arg-type]
            is_done=bool(form.is_done.data),
        )
        db.session.commit()
    except services.BoardError as error:
        db.session.rollback()
        attach_error(form, error)
        return _columns_page(editable_board(board_id), 422, add=form)
    flash(_("De kolom is toegevoegd."), "success")
    return redirect_303(url_for("boards.columns", board_id=board_id))


@bp.post("/kolommen/<int:column_id>")
@login_required
def update_column(column_id: int):
    """Rename a column, set its WIP limit and done flag."""
    column, board = column_or_404(column_id)
    form = ColumnForm(prefix=f"kolom-{column_id}")
    try:
        services.update_column(
            column,
            name=form.name.data or "",
            wip_limit=form.wip_limit.data,
            is_done=bool(form.is_done.data),
            actor=current_user,
        )
        db.session.commit()
    except services.BoardError as error:
        db.session.rollback()
        attach_error(form, error)
        return _columns_page(editable_board(board.id), 422, **{f"column_{column_id}": form})
    flash(_("De kolom ‘%(name)s’ is opgeslagen.", name=column.name), "success")
    return redirect_303(url_for("boards.columns", board_id=board.id) + f"#kolom-{column_id}")


@bp.post("/kolommen/<int:column_id>/links")
@login_required
def column_left(column_id: int):
    """Move a column one place to the left."""
    column, board = column_or_404(column_id)
    services.move_column(column, -1, current_user)
    db.session.commit()
    return redirect_303(url_for("boards.columns", board_id=board.id) + f"#kolom-{column_id}")


@bp.post("/kolommen/<int:column_id>/rechts")
@login_required
def column_right(column_id: int):
    """Move a column one place to the right."""
    column, board = column_or_404(column_id)
    services.move_column(column, 1, current_user)
    db.session.commit()
    return redirect_303(url_for("boards.columns", board_id=board.id) + f"#kolom-{column_id}")


@bp.post("/kolommen/<int:column_id>/verwijderen")
@login_required
def remove_column(column_id: int):
    """Remove a column; its cards go to the chosen column first."""
    column, board = column_or_404(column_id)
    form = RemoveColumnForm(prefix=f"verwijder-{column_id}")
    name = column.name
    try:
        target = form.target_column_id.data
        services.remove_column(column, target if target and target > 0 else None, current_user)
        db.session.commit()
    except (services.BoardError, NotFound) as error:
        db.session.rollback()
        attach_error(form, services.BoardError(error.message, "target_column_id"))
        return _columns_page(editable_board(board.id), 422, **{f"remove_{column_id}": form})
    flash(_("De kolom ‘%(name)s’ is verwijderd.", name=name), "success")
    return redirect_303(url_for("boards.columns", board_id=board.id))
