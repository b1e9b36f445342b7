"""Thirty people voting on one idea at the same moment, through the API, on both databases.

PostgreSQL can lose an update between two recounts; SQLite runs one writer at a time and can
refuse a transaction that read before another one wrote. The test brings its own database (a
schema `apiconc` on PostgreSQL, a file of its own on SQLite) and commits for real, like the
migration tests, so the shared test database is never touched.
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from board.extensions import db
from tests.conftest import app_on_own_database

pytestmark = [pytest.mark.no_db_isolation]

SCHEMA = "apiconc"
VOTERS = 30


@pytest.fixture
def own_app(tmp_path):
    with app_on_own_database(SCHEMA, tmp_path, connections=VOTERS + 2) as application:
        yield application


def test_thirty_simultaneous_votes_count_thirty(own_app):
    from board.accounts import tokens
    from board.accounts.services import create_user
    from board.ideas.services import IdeaInput, submit_idea

    with own_app.app_context():
        idea_id = submit_idea(IdeaInput(title="Iedereen wil dit"), submitter=None).id
        values = [
            tokens.create_token(
                create_user(email=f"stemmer{n}@example.org", name=f"S {n}"), name="Test", actor=None
            )[1]
            for n in range(VOTERS)
        ]
        db.session.commit()

    start = threading.Barrier(VOTERS)
    statuses: list[int] = []

    def vote(value: str) -> None:
        client = own_app.test_client()
        start.wait()
        response = client.post(
            f"/api/v1/ideeen/{idea_id}/stemmen", headers={"Authorization": f"Bearer {value}"}
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=vote, args=(v,)) for v in values]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [200] * VOTERS
    with own_app.app_context():
        count = db.session.execute(
            text(
                "SELECT vote_count, (SELECT count(*) FROM votes WHERE idea_id = :id) "
                "FROM ideas WHERE id = :id"
            ),
            {"id": idea_id},
        ).one()
    assert tuple(count) == (VOTERS, VOTERS)
