"""Eight members pressing "Start stand-up" at the same moment get one stand-up; eight pressing
"Afronden" at the same moment finish it once. On both databases, committing for real in a
database of its own (a schema `suconc` on PostgreSQL, a file on SQLite)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from board.extensions import db
from tests.conftest import app_on_own_database, csrf_token

pytestmark = [pytest.mark.no_db_isolation]

SCHEMA = "suconc"
PEOPLE = 8


@pytest.fixture
def own_app(tmp_path):
    with app_on_own_database(SCHEMA, tmp_path, connections=PEOPLE + 2) as application:
        yield application


def _all_at_once(app, clients, path, data) -> list[int]:
    start = threading.Barrier(len(clients))
    statuses: list[int] = []

    def press(client) -> None:
        form = {**data, "csrf_token": csrf_token(app, client)}
        start.wait()
        statuses.append(client.post(path, data=form).status_code)

    threads = [threading.Thread(target=press, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_start_and_finish_at_the_same_moment_happen_once(own_app):
    from board.accounts.services import create_user, start_session
    from board.org import services as org_services

    with own_app.app_context():
        chain = org_services.create_chain(name="Keten", actor=None)
        team = org_services.create_team(chain_id=chain.id, name="Team", actor=None)
        tokens = []
        for n in range(PEOPLE):
            user = create_user(email=f"lid{n}@example.org", name=f"Lid {n}")
            org_services.set_membership(user=user, team=team, role="member", actor=None)
            tokens.append(start_session(user, ip="127.0.0.1", user_agent="pytest"))
        team_id = team.id
        db.session.commit()
    clients = []
    for token in tokens:
        client = own_app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = token
            session["_fresh"] = True
        clients.append(client)

    started = _all_at_once(own_app, clients, f"/teams/{team_id}/standup/starten", {})
    assert started == [303] * PEOPLE
    finished = _all_at_once(
        own_app, clients, f"/teams/{team_id}/standup/afronden", {"notes": "Klaar"}
    )
    assert finished == [303] * PEOPLE
    with own_app.app_context():
        rows = db.session.execute(
            text("SELECT ended_at IS NOT NULL, notes FROM standups WHERE team_id = :t"),
            {"t": team_id},
        ).all()
        finishes = db.session.execute(
            text("SELECT count(*) FROM audit_events WHERE action = 'standup.finished'")
        ).scalar()
    assert [tuple(r) for r in rows] == [(True, "Klaar")]
    assert finishes == 1
