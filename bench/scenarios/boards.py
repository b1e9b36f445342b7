"""Kanban boards: a board with 200 and with 1,000 open cards, a card's page, and a move."""

from __future__ import annotations

from bench.core import Refs, Scenario

EMPLOYEE = "medewerker@example.org"


def board_200(refs: Refs) -> str:
    return f"/borden/{refs['board_200_id']}"


def board_1000(refs: Refs) -> str:
    return f"/borden/{refs['board_1000_id']}"


def card_detail(refs: Refs) -> str:
    return f"/kaarten/{refs['card_detail_id']}"


def board_unchanged(refs: Refs) -> str:
    """The live check of an open board that nothing changed: the generator's version 1 (no
    scenario writes to this board, so a 200 here means something did)."""
    return f"/borden/{refs['board_200_id']}/live?versie=1"


def move_fields(refs: Refs, number: int) -> dict[str, str]:
    """Back and forth between Do and Plan, on top: every request is a real move."""
    column = refs["card_move_do_column_id"] if number % 2 == 0 else refs["card_move_plan_column_id"]
    return {"column_id": str(column), "position": ""}


SCENARIOS = [
    Scenario("board_200", board_200, account=EMPLOYEE, budgets={"p95_ms": 25, "queries": 9}),
    Scenario("board_1000", board_1000, account=EMPLOYEE, budgets={"p95_ms": 100, "queries": 9}),
    Scenario("card_detail", card_detail, account=EMPLOYEE, budgets={"p95_ms": 25, "queries": 6}),
    # Every open board asks this every 1.5 s: the session and one primary-key lookup, 204.
    Scenario(
        "board_unchanged",
        board_unchanged,
        account=EMPLOYEE,
        status=204,
        budgets={"p95_ms": 5, "queries": 2},
    ),
    # As boards.js sends it after a drop: htmx, no version (a drag knows it; a repeated command
    # here would be stale), the answer is both columns as fragments. On the 1,000-card board.
    Scenario(
        "card_move",
        lambda refs: f"/kaarten/{refs['card_move_id']}/verplaatsen",
        method="POST",
        account=EMPLOYEE,
        csrf_page=board_1000,
        headers={"HX-Request": "true"},
        form_each=move_fields,
        budgets={"p95_ms": 25, "queries": 12},
    ),
]
