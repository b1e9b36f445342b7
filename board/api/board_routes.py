"""The API's boards and cards: /api/v1/borden and /api/v1/kaarten, on the API blueprint.

Same conventions as the ideas: a Bearer token's person, problem+json, 400 listing every problem
in the API's property names, 404 for a private board of another team, 409 for a stale version.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Response, jsonify, request, url_for
from flask_babel import gettext as _

from board.accounts.services import record_denial
from board.api import auth
from board.api.inputs import json_object, read_properties
from board.api.problems import ApiProblem, invalid, problem_response
from board.api.routes import bp
from board.api.serializers import rfc3339
from board.boards import permissions, queries, services
from board.boards.models import Board, Card
from board.clock import now
from board.errors import NotFound
from board.extensions import db
from board.org import queries as org_queries

# Field names of the boards services → property names of the API.
NAMES = {
    "name": "naam",
    "template": "sjabloon",
    "visibility": "zichtbaarheid",
    "team_id": "teamId",
    "title": "titel",
    "description": "beschrijving",
    "due_date": "deadline",
    "blocked": "geblokkeerd",
    "blocked_reason": "redenGeblokkeerd",
    "owner_ids": "eigenaarIds",
    "perspectives": "perspectieven",
    "tags": "tags",
    "column_id": "kolomId",
    "after_card_id": "naKaartId",
}
NEW_BOARD = {"teamId": "id", "naam": "text", "sjabloon": "text", "zichtbaarheid": "text"}
CARD_FIELDS = {
    "titel": "text",
    "beschrijving": "text",
    "deadline": "date_or_null",
    "geblokkeerd": "bool",
    "redenGeblokkeerd": "text",
    "eigenaarIds": "ids",
    "perspectieven": "texts",
    "tags": "texts",
}
NEW_CARD = {**CARD_FIELDS, "kolomId": "id"}
CARD_CHANGE = {**CARD_FIELDS, "versie": "id"}
MOVE = {"kolomId": "id", "naKaartId": "id_or_null", "versie": "id", "overWipLimiet": "bool"}


def _problems_of(error: services.BoardError) -> list[tuple[str, str]]:
    items = getattr(error, "problems", None) or [(error.field, error.message)]
    return [(NAMES.get(f or "", f or ""), m) for f, m in items]


def _more(error: services.BoardError, already: list[tuple[str, str]]):
    """A service's problems in the API's names, leaving out properties already reported."""
    reported = {name for name, _m in already}
    return [(n, m) for n, m in _problems_of(error) if n not in reported]


def _read(data: dict[str, Any], allowed: dict[str, str]):
    """Each property in its shape (also dates and lists of ids); a problem for each other one."""
    values: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for name, value in data.items():
        kind = allowed.get(name)
        if kind == "ids":
            if isinstance(value, list) and all(
                isinstance(v, int) and not isinstance(v, bool) for v in value
            ):
                values[name] = value
            else:
                problems.append((name, _("Moet een lijst met gehele getallen zijn.")))
        elif kind == "date_or_null":
            try:
                values[name] = None if value is None else date.fromisoformat(str(value))
            except ValueError:
                problems.append((name, _("Moet een bestaande datum zijn als 2026-03-20, of null.")))
        else:
            found, wrong = read_properties({name: value}, {name: kind} if kind else {})
            values.update(found)
            problems += wrong
    return values, problems


def _board_json(board: Board, view: queries.BoardView | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": board.id,
        "naam": board.name,
        "teamId": board.team_id,
        "sjabloon": board.template,
        "zichtbaarheid": "openbaar" if board.visibility == "public" else "team",
        "wipBeleid": "waarschuwen" if board.wip_policy == "warn" else "weigeren",
        "gearchiveerd": board.archived_at is not None,
        "versie": board.version,
        "webUrl": url_for("boards.show", board_id=board.id, _external=True),
        "_links": {"self": {"href": url_for("api.get_board", board_id=board.id, _external=True)}},
    }
    if view is not None:
        data["kolommen"] = [
            {
                "id": cv.column.id,
                "naam": cv.column.name,
                "positie": position,
                "wipLimiet": cv.column.wip_limit,
                "klaar": cv.column.is_done,
                "aantalKaarten": cv.count,
                "overWipLimiet": cv.over_limit,
                "kaarten": [_card_json(card, view.today) for card in cv.cards],
            }
            for position, cv in enumerate(view.columns)
        ]
    return data


def _card_json(card: Card | queries.CardSummary, today: date) -> dict[str, Any]:
    return {
        "id": card.id,
        "titel": card.title,
        "beschrijving": card.description,
        "bordId": card.board_id,
        "kolomId": card.column_id,
        "versie": card.version,
        "deadline": card.due_date.isoformat() if card.due_date else None,
        "teLaat": bool(card.due_date and card.due_date < today),
        "geblokkeerd": card.blocked,
        "redenGeblokkeerd": card.blocked_reason or None,
        "eigenaren": [{"id": u.id, "naam": u.name} for u in card.owners],
        "perspectieven": card.perspectives,
        "tags": [getattr(t, "name", t) for t in card.tags],
        "ideeId": card.idea_id,
        "inKolomSinds": rfc3339(card.column_entered_at),
        "dagenInKolom": (today - card.column_entered_at.date()).days,
        "gearchiveerd": card.archived_at is not None,
        "aangemaakt": rfc3339(card.created_at),
        "webUrl": url_for("cards.show", card_id=card.id, _external=True),
        "_links": {"self": {"href": url_for("api.get_card", card_id=card.id, _external=True)}},
    }


def _visible_board(board_id: int) -> Board:
    board = queries.get_visible_board(board_id, auth.current_api_user())
    if board is None:
        raise ApiProblem(404, _("Dit bord bestaat niet (meer)."))
    return board


def _denied() -> ApiProblem:
    record_denial(auth.current_api_user(), f"{request.method} {request.path}")
    db.session.commit()
    return ApiProblem(403, _("Alleen leden van het team van dit bord en managers mogen dit."))


def _editable_board(board_id: int) -> Board:
    board = _visible_board(board_id)
    if not permissions.can_edit(auth.current_api_user(), board):
        raise _denied()
    return board


def _editable_card(card_id: int) -> Card:
    card = queries.get_visible_card(card_id, auth.current_api_user())
    if card is None:
        raise ApiProblem(404, _("Deze kaart bestaat niet (meer)."))
    if not permissions.can_edit(auth.current_api_user(), card.board):
        raise _denied()
    return card


def _card_to_move(card_id: int) -> Card:
    """The card with its board and team only (no owners or tags): what a move needs."""
    user = auth.current_api_user()
    found = queries.get_card_to_change(card_id, user)
    if found is None or not permissions.can_view(user, found.card.board, found.member_of):
        raise ApiProblem(404, _("Deze kaart bestaat niet (meer)."))
    if not permissions.can_edit(user, found.card.board, found.member_of):
        raise _denied()
    return found.card


def _card_response(card_id: int, status: int = 200) -> Response:
    card = queries.get_card(card_id)
    assert card is not None
    response = jsonify(_card_json(card, now().date()))
    response.status_code = status
    if status == 201:
        response.headers["Location"] = url_for("api.get_card", card_id=card_id, _external=True)
    return response


def _card_input(values: dict[str, Any], problems: list[tuple[str, str]]) -> services.CardInput:
    return services.CardInput(
        title=values.get("titel"),
        description=values.get("beschrijving"),
        due_date=values.get("deadline", ""),
        blocked=values.get("geblokkeerd"),
        blocked_reason=values.get("redenGeblokkeerd"),
        owner_ids=values.get("eigenaarIds"),
        perspectives=values.get("perspectieven"),
        tags=values.get("tags"),
    )


@bp.get("/borden")
def list_boards():
    """The boards the token's person may see, by chain, team and name."""
    items = queries.list_boards(auth.current_api_user())
    boards = []
    for item in items:
        data = _board_json(item.board)
        data["aantalOpenKaarten"] = item.open_cards
        boards.append(data)
    return jsonify(
        {
            "_links": {"self": {"href": url_for("api.list_boards", _external=True)}},
            "_embedded": {"borden": boards},
        }
    )


@bp.post("/borden")
def create_board():
    """A new board for a team from a template."""
    user = auth.current_api_user()
    values, problems = read_properties(json_object(), NEW_BOARD)
    for required in ("teamId", "naam"):
        if required not in values and required not in {p for p, _m in problems}:
            problems.append((required, _("Verplicht.")))
    team = org_queries.get_team(values["teamId"]) if "teamId" in values else None
    if "teamId" in values and team is None:
        problems.append(("teamId", _("Er is geen team met nummer %(n)s.", n=values["teamId"])))
    visibility = {"openbaar": "public", "team": "private"}.get(
        values.get("zichtbaarheid", "openbaar"), ""
    )
    if not visibility:
        problems.append(("zichtbaarheid", _("Kies openbaar of team.")))
    if problems:
        raise invalid(problems)
    assert team is not None
    if not permissions.can_create_for(user, team.id):
        raise _denied()
    try:
        board = services.create_board(
            team,
            values["naam"],
            values.get("sjabloon", "verbeterbord"),
            user,
            visibility=visibility,
        )
    except services.BoardError as error:
        raise invalid(_problems_of(error)) from None
    db.session.commit()
    response = jsonify(_board_json(board, queries.get_board_view(board, full=True)))
    response.status_code = 201
    response.headers["Location"] = url_for("api.get_board", board_id=board.id, _external=True)
    return response


@bp.get("/borden/<int:board_id>")
def get_board(board_id: int):
    """A board with its columns and their open cards, in order."""
    board = _visible_board(board_id)
    return jsonify(_board_json(board, queries.get_board_view(board, full=True)))


@bp.post("/borden/<int:board_id>/kaarten")
def create_card(board_id: int):
    """A new card at the bottom of a column (the first unless kolomId says otherwise)."""
    board = _editable_board(board_id)
    values, problems = _read(json_object(), NEW_CARD)
    try:
        card = services.create_card(
            board,
            _card_input(values, problems),
            auth.current_api_user(),
            column_id=values.get("kolomId"),
        )
    except services.BoardError as error:
        problems += _more(error, problems)
    if problems:
        raise invalid(problems)  # the handler rolls back whatever was written
    db.session.commit()
    return _card_response(card.id, 201)


@bp.get("/kaarten/<int:card_id>")
def get_card(card_id: int):
    """One card."""
    card = queries.get_visible_card(card_id, auth.current_api_user())
    if card is None:
        raise ApiProblem(404, _("Deze kaart bestaat niet (meer)."))
    return jsonify(_card_json(card, now().date()))


def _stale(error: services.StaleCard) -> Response:
    db.session.rollback()
    response = problem_response(409, error.message)
    body = response.get_json()
    body.update({"kaartId": error.card_id, "kolomId": error.column_id, "versie": error.version})
    body["bordUrl"] = url_for("api.get_board", board_id=error.board_id, _external=True)
    fresh = jsonify(body)
    fresh.status_code = 409
    fresh.mimetype = response.mimetype or "application/problem+json"
    return fresh


@bp.patch("/kaarten/<int:card_id>")
def update_card(card_id: int):
    """Change a card's title, description, deadline, blocked state, owners, perspectives or
    tags; only what is sent changes, all of it or nothing."""
    card = _editable_card(card_id)
    values, problems = _read(json_object(), CARD_CHANGE)
    try:
        services.update_card(
            card, _card_input(values, problems), auth.current_api_user(), values.get("versie")
        )
    except services.StaleCard as error:
        return _stale(error)
    except services.BoardError as error:
        problems += _more(error, problems)
    if problems:
        raise invalid(problems)  # the handler rolls back whatever was written
    db.session.commit()
    return _card_response(card_id)


@bp.post("/kaarten/<int:card_id>/verplaatsingen")
def move_card(card_id: int):
    """Move a card: to a column, right after a card (naKaartId null: on top), at the version
    the client saw; a stale versie gives 409 with the card's current column and version."""
    card = _card_to_move(card_id)
    data = json_object()
    values, problems = read_properties(data, MOVE)
    for required in ("kolomId", "versie"):
        if required not in data:
            problems.append((required, _("Verplicht.")))
    if "naKaartId" not in data:
        problems.append(("naKaartId", _("Verplicht; null betekent bovenaan.")))
    if problems:
        raise invalid(problems)
    try:
        services.move_card(
            card,
            values["kolomId"],
            values.get("naKaartId"),
            values["versie"],
            auth.current_api_user(),
            confirm_over_wip=values.get("overWipLimiet", False),
        )
    except services.StaleCard as error:
        return _stale(error)
    except services.WipConfirmationNeeded as error:
        db.session.rollback()
        return problem_response(
            409, error.message + " " + _("Stuur overWipLimiet: true om toch te verplaatsen.")
        )
    except services.WipLimitRefused as error:
        raise ApiProblem(409, error.message) from None
    except services.BoardError as error:
        if error.field is None:
            raise ApiProblem(409, error.message) from None
        raise invalid(_problems_of(error)) from None
    except NotFound as error:
        raise ApiProblem(404, error.message) from None
    # The answer is the card as this move left it, read before the commit: afterwards someone
    # else may already have moved it again, and the client would take their version for its own.
    response = _card_response(card_id)
    db.session.commit()
    return response


@bp.post("/ideeen/<int:idea_id>/kaarten")
def promote_idea(idea_id: int):
    """Put an idea on a board: a card in its first column, linked to the idea (one per idea)."""
    from board.boards import promotion
    from board.ideas import permissions as idea_permissions
    from board.ideas import queries as idea_queries

    user = auth.current_api_user()
    idea = idea_queries.get_idea(idea_id)
    if idea is None or idea.moderation != "zichtbaar":
        raise ApiProblem(404, _("Dit idee bestaat niet (meer)."))
    data = json_object()
    values, problems = read_properties(data, {"bordId": "id"})
    if "bordId" not in data:
        problems.append(("bordId", _("Verplicht.")))
    if idea.status == "samengevoegd":
        problems.append(
            (
                "ideeId",
                _("Dit idee is samengevoegd; zet het idee waarin het is opgegaan op een bord."),
            )
        )
    if problems:
        raise invalid(problems)
    board = _visible_board(values["bordId"])
    if not (permissions.can_edit(user, board) and idea_permissions.can_triage(user, idea)):
        raise _denied()
    try:
        card = promotion.promote_idea(idea, board, user)
    except (promotion.AlreadyOnBoard, services.WipLimitRefused) as error:
        raise ApiProblem(409, error.message) from None
    except services.BoardError as error:
        raise invalid(_problems_of(error)) from None
    db.session.commit()
    return _card_response(card.id, 201)
