"""Forty people moving cards on one board at the same moment, through the API.

Every move locks the board's row first, so moves on one board happen one after the other; a
move with a version someone else already changed gets 409 and is tried again with the fresh
version, as a client would. Afterwards every card is on the board exactly once, the order in
each column is one strict order of ranks, and every successful move is in the history.

Like the vote test it brings its own database (schema `boardconc` on PostgreSQL, a file on
SQLite) and commits for real.
"""

from __future__ import annotations

import random
import threading
from collections import Counter

import pytest
from sqlalchemy import text

from board.extensions import db
from tests.conftest import app_on_own_database

pytestmark = [pytest.mark.no_db_isolation]

SCHEMA = "boardconc"
MOVERS = 40
MOVES_EACH = 3
CARDS = 30


@pytest.fixture
def own_app(tmp_path):
    with app_on_own_database(SCHEMA, tmp_path, connections=MOVERS + 2) as application:
        yield application


def test_forty_people_moving_cards_at_once_leave_one_consistent_board(own_app):
    from board.accounts import tokens
    from board.accounts.services import create_user
    from board.boards import services
    from board.org import services as org_services

    with own_app.app_context():
        chain = org_services.create_chain(name="Keten", actor=None)
        team = org_services.create_team(chain_id=chain.id, name="Team", actor=None)
        people = [
            create_user(email=f"schuiver{n}@example.org", name=f"Schuiver {n}")
            for n in range(MOVERS)
        ]
        for person in people:
            org_services.set_membership(user=person, team=team, role="member", actor=None)
        board = services.create_board(team, "Druk bord", "verbeterbord", people[0])
        board_id = board.id
        for n in range(CARDS):
            services.create_card(board, services.CardInput(title=f"Kaart {n}"), people[0])
        values = [tokens.create_token(p, name="Test", actor=None)[1] for p in people]
        db.session.commit()

    start = threading.Barrier(MOVERS)
    lock = threading.Lock()
    outcomes: Counter[int] = Counter()
    done: list[int] = []
    unchanged: list[int] = []

    def mover(n: int, value: str) -> None:
        rng = random.Random(n)
        client = own_app.test_client()
        headers = {"Authorization": f"Bearer {value}"}
        start.wait()
        for _ in range(MOVES_EACH):
            for _attempt in range(20):
                board_json = client.get(f"/api/v1/borden/{board_id}", headers=headers).get_json()
                columns = board_json["kolommen"]
                cards = [card for column in columns for card in column["kaarten"]]
                card = rng.choice(cards)
                target = rng.choice(columns)
                others = [c["id"] for c in target["kaarten"] if c["id"] != card["id"]]
                response = client.post(
                    f"/api/v1/kaarten/{card['id']}/verplaatsingen",
                    headers=headers,
                    json={
                        "kolomId": target["id"],
                        "naKaartId": rng.choice([None, *others]),
                        "versie": card["versie"],
                    },
                )
                with lock:
                    outcomes[response.status_code] += 1
                if response.status_code == 200:
                    # Dropped where it already was: nothing changes, nothing to record.
                    if response.get_json()["versie"] != card["versie"]:
                        with lock:
                            done.append(card["id"])
                    else:
                        with lock:
                            unchanged.append(card["id"])
                    break
                # 409: someone moved it first; 400: the card to follow left that column.
                assert response.status_code in (400, 409), response.get_json()

    threads = [threading.Thread(target=mover, args=(n, v)) for n, v in enumerate(values)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(done) + len(unchanged) == MOVERS * MOVES_EACH, outcomes
    assert len(done) > MOVERS * MOVES_EACH // 2
    with own_app.app_context():
        rows = db.session.execute(
            text(
                "SELECT id, column_id, rank, version FROM cards WHERE board_id = :b "
                "AND archived_at IS NULL ORDER BY column_id, rank, id"
            ),
            {"b": board_id},
        ).all()
        events = db.session.execute(
            text(
                "SELECT card_id, count(*) FROM card_events WHERE board_id = :b "
                "AND kind IN ('move', 'reorder') GROUP BY card_id"
            ),
            {"b": board_id},
        ).all()
        columns = {
            r[0]
            for r in db.session.execute(
                text("SELECT id FROM board_columns WHERE board_id = :b"), {"b": board_id}
            )
        }
    # Every card exactly once, in a column of this board.
    assert sorted(r.id for r in rows) == sorted({r.id for r in rows}) and len(rows) == CARDS
    assert {r.column_id for r in rows} <= columns
    # One strict order per column: no two cards share a rank.
    by_column: dict[int, list[str]] = {}
    for r in rows:
        by_column.setdefault(r.column_id, []).append(r.rank)
    for ranks in by_column.values():
        assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)
    # Every successful move is in the history, and each card's version counts its moves.
    moved = Counter(done)
    assert dict(events) == dict(moved)
    assert {r.id: r.version - 1 for r in rows if r.version > 1} == dict(moved)
