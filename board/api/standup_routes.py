"""The API's teams, stand-ups and action items: /api/v1/teams and /api/v1/actiepunten.

Read only, on the API blueprint. Who may read a team's stand-ups is decided by
board.standups.permissions as on the pages: when a team keeps its boards to itself, its
stand-ups and action items do not exist for anyone outside the team (404, left out of lists).
Every answer costs the same number of queries however many teams or stand-ups there are.
"""

from __future__ import annotations

import re
from typing import Any

from flask import jsonify, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from board.api import auth
from board.api.problems import ApiProblem, invalid
from board.api.routes import bp
from board.api.serializers import rfc3339
from board.boards import queries as board_queries
from board.org import queries as org_queries
from board.org.models import Team
from board.standups import permissions, queries, snapshot
from board.standups.models import ActionItem, Standup, StandupEntry

STANDUP_PARAMETERS = ("zoek", "pagina")
ACTION_ITEM_PARAMETERS = ("eigenaarId", "open", "teamId", "pagina")
SEARCH_MAX = 100  # the archive's search reads as much
_WHOLE = re.compile(r"[0-9]{1,9}")


class QueryArgs:
    """Query parameters read one by one; every problem is collected, then `check()` raises
    one 400 listing them all."""

    def __init__(self, args: MultiDict[str, str], allowed: tuple[str, ...]) -> None:
        self.args = args
        self.problems: list[tuple[str, str]] = []
        for name in args:
            if name not in allowed:
                self.problems.append((name, _("Onbekende parameter.")))
            elif len(args.getlist(name)) > 1:
                self.problems.append((name, _("Geef deze parameter hoogstens één keer op.")))

    def whole(self, name: str) -> int | None:
        raw = self.args.get(name, "")
        if raw == "":
            return None
        if not _WHOLE.fullmatch(raw) or int(raw) < 1:
            self.problems.append((name, _("Moet een positief geheel getal zijn.")))
            return None
        return int(raw)

    def page(self) -> int:
        return self.whole("pagina") or 1

    def boolean(self, name: str) -> bool | None:
        raw = self.args.get(name, "")
        if raw == "":
            return None
        if raw not in ("true", "false"):
            self.problems.append((name, _("Moet true of false zijn.")))
            return None
        return raw == "true"

    def text(self, name: str, limit: int) -> str:
        value = " ".join(self.args.get(name, "").split())
        if len(value) > limit:
            self.problems.append((name, _("Hoogstens %(n)d tekens.", n=limit)))
            return ""
        return value

    def check(self) -> None:
        if self.problems:
            raise invalid(self.problems)


def _person(user) -> dict[str, Any] | None:
    return {"id": user.id, "naam": user.name} if user is not None else None


def _page_links(
    endpoint: str, args: dict[str, Any], page: int, has_next: bool
) -> dict[str, dict[str, str]]:
    """self, prev and next of a paginated list, keeping the other parameters (HAL style)."""

    def link(number: int) -> dict[str, str]:
        values: dict[str, Any] = {k: v for k, v in args.items() if v not in ("", None)}
        if number > 1:
            values["pagina"] = number
        return {"href": url_for(endpoint, **values, _external=True)}

    links = {"self": link(page)}
    if page > 1:
        links["prev"] = link(page - 1)
    if has_next:
        links["next"] = link(page + 1)
    return links


def _team_json(team: Team, boards: list[dict[str, Any]], next_at, readable: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": team.id,
        "naam": team.name,
        "keten": {"id": team.chain.id, "naam": team.chain.name},
        "borden": boards,
        "volgendeStandUp": rfc3339(next_at) if readable else None,
        "webUrl": url_for("org.team", team_id=team.id, _external=True),
        "_links": {},
    }
    if readable:
        data["_links"]["standUps"] = {
            "href": url_for("api.list_standups", team_id=team.id, _external=True)
        }
    return data


def _standup_web_url(standup: Standup) -> str:
    """The stand-up page while it is open; afterwards its own page in the team's archive."""
    if standup.is_open:
        return url_for("standups.show", team_id=standup.team_id, _external=True)
    return url_for(
        "standups.record", team_id=standup.team_id, standup_id=standup.id, _external=True
    )


def _standup_json(standup: Standup) -> dict[str, Any]:
    return {
        "id": standup.id,
        "teamId": standup.team_id,
        "begonnenOp": rfc3339(standup.started_at),
        "beeindigdOp": rfc3339(standup.ended_at),
        "open": standup.is_open,
        "duurMinuten": standup.duration_minutes,
        "voorzitter": _person(standup.held_by),
        "webUrl": _standup_web_url(standup),
        "_links": {
            "self": {
                "href": url_for(
                    "api.get_standup",
                    team_id=standup.team_id,
                    standup_id=standup.id,
                    _external=True,
                )
            }
        },
    }


def _entry_json(entry: StandupEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "tekst": entry.text,
        "auteur": _person(entry.author),
        "aangemaakt": rfc3339(entry.created_at),
    }


def _action_item_json(item: ActionItem, today) -> dict[str, Any]:
    if item.done_at is None or item.standup_id is None:
        web_url = url_for("standups.show", team_id=item.team_id, _external=True)
        web_url += f"#action-item-{item.id}" if item.done_at is None else ""
    else:
        web_url = url_for(
            "standups.record", team_id=item.team_id, standup_id=item.standup_id, _external=True
        )
    return {
        "id": item.id,
        "tekst": item.text,
        "teamId": item.team_id,
        "standUpId": item.standup_id,
        "eigenaar": _person(item.owner),
        "deadline": item.due_date.isoformat() if item.due_date else None,
        "teLaat": item.is_late(today),
        "klaar": item.done_at is not None,
        "klaarOp": rfc3339(item.done_at),
        "kaartId": item.card_id,
        "webUrl": web_url,
    }


def _readable_team(team_id: int, message: str) -> Team:
    """The team when the token's person may read its stand-ups; else 404 with `message`, the
    same whether the team is missing or keeps its stand-ups to itself."""
    team = org_queries.get_team(team_id)
    if team is None or not permissions.can_read(auth.current_api_user(), team):
        raise ApiProblem(404, message)
    return team


@bp.get("/teams")
def list_teams():
    """The active teams by chain and name, with the boards the caller may see and when the
    next stand-up is."""
    user = auth.current_api_user()
    teams = org_queries.list_teams(include_inactive=False)
    readable = permissions.readable_team_ids(user, teams)
    boards: dict[int, list[dict[str, Any]]] = {}
    for item in board_queries.list_boards(user):
        board = item.board
        boards.setdefault(board.team_id, []).append(
            {
                "id": board.id,
                "naam": board.name,
                "webUrl": url_for("boards.show", board_id=board.id, _external=True),
                "_links": {
                    "self": {"href": url_for("api.get_board", board_id=board.id, _external=True)}
                },
            }
        )
    upcoming = queries.next_standups([t.id for t in teams if t.id in readable])
    return jsonify(
        {
            "_links": {"self": {"href": url_for("api.list_teams", _external=True)}},
            "_embedded": {
                "teams": [
                    _team_json(t, boards.get(t.id, []), upcoming.get(t.id), t.id in readable)
                    for t in teams
                ]
            },
        }
    )


@bp.get("/teams/<int:team_id>/stand-ups")
def list_standups(team_id: int):
    """A page of the team's stand-ups, newest first (the open one too), searchable like the
    archive."""
    args = QueryArgs(request.args, STANDUP_PARAMETERS)
    search, page = args.text("zoek", SEARCH_MAX), args.page()
    args.check()
    team = _readable_team(
        team_id, _("Dit team bestaat niet, of zijn stand-ups zijn van het team zelf.")
    )
    size = queries.HISTORY_PAGE
    found = queries.list_history(team.id, search, limit=size + 1, offset=(page - 1) * size)
    return jsonify(
        {
            "_links": _page_links(
                "api.list_standups",
                {"team_id": team.id, "zoek": search},
                page,
                len(found) > size,
            ),
            "_embedded": {"standUps": [_standup_json(h.standup) for h in found[:size]]},
        }
    )


@bp.get("/teams/<int:team_id>/stand-ups/<int:standup_id>")
def get_standup(team_id: int, standup_id: int):
    """One stand-up: who was there, what was noted, decided and agreed, and its agenda."""
    missing = _("Deze stand-up bestaat niet (meer).")
    team = _readable_team(team_id, missing)
    found = queries.get_history_item(standup_id)
    if found is None or found.standup.team_id != team.id:
        raise ApiProblem(404, missing)
    standup, today = found.standup, queries.local_today()
    # Readers from outside the team get the agenda without its private boards, as on the page.
    user = auth.current_api_user()
    hidden = None if permissions.can_run(user, team) else snapshot.private_board_ids(team.id)
    data = _standup_json(standup)
    data.update(
        {
            "aanwezigen": [{"id": p.id, "naam": p.name} for p in found.attendees],
            "aantekeningen": standup.notes or None,
            "notities": [_entry_json(e) for e in found.notes],
            "besluiten": [_entry_json(e) for e in found.decisions],
            "actiepunten": [_action_item_json(i, today) for i in found.action_items],
            "agenda": snapshot.for_reader(standup.agenda_snapshot, hidden),
        }
    )
    return jsonify(data)


@bp.get("/actiepunten")
def list_action_items():
    """A page of the action items the caller may see, open ones first; by owner, team and
    whether they are done."""
    args = QueryArgs(request.args, ACTION_ITEM_PARAMETERS)
    owner_id, team_id = args.whole("eigenaarId"), args.whole("teamId")
    is_open, page = args.boolean("open"), args.page()
    args.check()
    user = auth.current_api_user()
    team_ids = permissions.readable_team_ids(user, org_queries.list_teams(include_inactive=False))
    if team_id is not None:
        team_ids &= {team_id}
    size = queries.ACTION_ITEMS_PAGE
    items = queries.list_action_items(
        team_ids, owner_id=owner_id, is_open=is_open, limit=size + 1, offset=(page - 1) * size
    )
    filters = {
        "eigenaarId": owner_id,
        "open": None if is_open is None else str(is_open).lower(),
        "teamId": team_id,
    }
    today = queries.local_today()
    return jsonify(
        {
            "_links": _page_links("api.list_action_items", filters, page, len(items) > size),
            "_embedded": {"actiepunten": [_action_item_json(i, today) for i in items[:size]]},
        }
    )
