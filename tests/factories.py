"""Factories for test data. They go through the services, so the rules hold in tests too."""

from __future__ import annotations

import itertools

import pytest

from board.accounts import services as account_services
from board.extensions import db
from board.org import services as org_services

PASSWORD = "correct horse battery"  # noqa: S105
_seq = itertools.count(1)


def make_user(
    *,
    name: str | None = None,
    email: str | None = None,
    role: str = "employee",
    password: str | None = PASSWORD,
    language: str = "nl",
    active: bool = True,
):
    n = next(_seq)
    user = account_services.create_user(
        email=email or f"persoon{n}@example.org",
        name=name or f"Persoon {n}",
        role=role,
        password=password,
        language=language,
    )
    if not active:
        account_services.deactivate_user(user, actor=None)
    db.session.flush()
    return user


def make_chain(name: str | None = None):
    return org_services.create_chain(name=name or f"Keten {next(_seq)}", actor=None)


def make_team(chain=None, name: str | None = None):
    chain = chain or make_chain()
    return org_services.create_team(
        chain_id=chain.id, name=name or f"Team {next(_seq)}", actor=None
    )


def column_named(board, name: str):
    """The board's column called `name`."""
    from board.boards import queries as board_queries

    return next(c for c in board_queries.list_columns(board.id) if c.name == name)


def make_card(board, title: str, actor, column=None, **fields):
    """A card on `board` (in its first column, or in `column`)."""
    from board.boards import services as board_services

    return board_services.create_card(
        board,
        board_services.CardInput(title=title, **fields),
        actor,
        column_id=column.id if column else None,
    )


def make_idea(team, title: str, submitter):
    """An idea for `team`."""
    from board.ideas import services as idea_services

    return idea_services.submit_idea(
        idea_services.IdeaInput(title=title, team_id=team.id), submitter=submitter
    )


def add_member(user, team, role: str = "member"):
    return org_services.set_membership(user=user, team=team, role=role, actor=None)


@pytest.fixture
def team():
    return make_team()


@pytest.fixture
def employee(team):
    user = make_user(name="Jelle Postma", email="jelle@example.org")
    add_member(user, team)
    return user


@pytest.fixture
def lead(team):
    user = make_user(name="Tjitske Hoekstra", email="tjitske@example.org")
    add_member(user, team, "lead")
    return user


@pytest.fixture
def chain(team):
    """The chain of `team`."""
    return team.chain


@pytest.fixture
def other_team(chain):
    """A second team in the same chain."""
    return make_team(chain, name="Publiekszaken")


@pytest.fixture
def anke(other_team):
    """The team lead of `other_team`."""
    user = make_user(name="Anke Bakker", email="anke@example.org")
    add_member(user, other_team, "lead")
    return user


@pytest.fixture
def board(team, lead):
    """The team's PDCA board, made by its team lead."""
    from board.boards import services as board_services

    board = board_services.create_board(team, "Verbeterbord KCC", "verbeterbord", lead)
    db.session.commit()
    return board


@pytest.fixture
def manager():
    return make_user(name="Marrit Visser", email="marrit@example.org", role="manager")


@pytest.fixture
def admin():
    return make_user(name="Bauke de Boer", email="bauke@example.org", role="admin")


__all__ = [
    "PASSWORD",
    "add_member",
    "admin",
    "anke",
    "board",
    "chain",
    "column_named",
    "employee",
    "lead",
    "make_card",
    "make_chain",
    "make_idea",
    "make_team",
    "make_user",
    "manager",
    "other_team",
    "team",
]
