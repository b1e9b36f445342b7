"""Who may do what with boards. Pure functions over queries; they never write.

Members of the board's team, managers and administrators change a board; everyone signed in
reads public boards; a private board does not exist for anyone else (404, also in lists).
"""

from __future__ import annotations

from flask import g, has_request_context
from sqlalchemy import ColumnElement, or_, true

from board.boards.models import Board
from board.org import queries as org_queries


def team_ids(user) -> set[int]:
    """The teams a person belongs to (empty when not signed in); asked once per request."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if not has_request_context():
        return org_queries.team_ids_of(user.id)
    cache = g.setdefault("board_team_ids", {})
    if user.id not in cache:
        cache[user.id] = org_queries.team_ids_of(user.id)
    return cache[user.id]


def can_edit(user, board: Board, member_of: set[int] | None = None) -> bool:
    """Members of the board's team, managers and administrators change it."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_manager:
        return True
    return board.team_id in (member_of if member_of is not None else team_ids(user))


def can_view(user, board: Board, member_of: set[int] | None = None) -> bool:
    """Public boards for everyone signed in; private ones for those who may change them."""
    if not getattr(user, "is_authenticated", False):
        return False
    return board.visibility == "public" or can_edit(user, board, member_of)


def can_create_for(user, team_id: int, member_of: set[int] | None = None) -> bool:
    """Members of a team (and managers) make boards for it."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_manager or team_id in (member_of if member_of is not None else team_ids(user))


def visible_clause(user, member_of: set[int] | None = None) -> ColumnElement[bool]:
    """The boards a person may see, as a WHERE clause (lists never show what the page hides)."""
    if getattr(user, "is_manager", False):
        return true()
    ids = member_of if member_of is not None else team_ids(user)
    return or_(Board.visibility == "public", Board.team_id.in_(ids or [-1]))
