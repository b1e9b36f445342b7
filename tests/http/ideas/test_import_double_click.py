"""A double click on "Importeren": two requests for the same upload at the same moment add the
ideas once, and both land on the result page, on both databases. The test brings its own
database (a schema `impconc` on PostgreSQL, a file of its own on SQLite) and commits for real."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from board.extensions import db
from tests.conftest import app_on_own_database

pytestmark = [pytest.mark.no_db_isolation]

SCHEMA = "impconc"
CLICKS = 4


@pytest.fixture
def own_app(tmp_path):
    with app_on_own_database(SCHEMA, tmp_path, connections=CLICKS + 2) as application:
        yield application


def test_simultaneous_clicks_import_once(own_app):
    from board.accounts.services import create_user, start_session
    from board.ideas.imports import services

    rows = "".join(f"Idee {n};Toelichting {n}\n" for n in range(300))
    with own_app.app_context():
        lead = create_user(email="lead@example.org", name="Lead", role="manager")
        upload = services.create_import(lead, "dubbel.csv", f"Titel;Toelichting\n{rows}".encode())
        upload_id = upload.id
        tokens = [start_session(lead, ip="127.0.0.1", user_agent="pytest") for _ in range(CLICKS)]
        db.session.commit()

    start = threading.Barrier(CLICKS)
    answers: list[tuple[int, str]] = []

    def click(token: str) -> None:
        client = own_app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = token
            session["_fresh"] = True
            session["csrf_token"] = "x" * 40
        own_app.config["WTF_CSRF_ENABLED"] = False
        start.wait()
        response = client.post(f"/ideeen/importeren/{upload_id}/importeren")
        answers.append((response.status_code, response.headers.get("Location", "")))

    threads = [threading.Thread(target=click, args=(t,)) for t in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    result = f"/ideeen/importeren/{upload_id}/resultaat"
    assert answers == [(303, result)] * CLICKS
    with own_app.app_context():
        counts = db.session.execute(
            text(
                "SELECT (SELECT count(*) FROM ideas), (SELECT count(*) FROM imported_ideas), "
                "(SELECT added_count FROM idea_imports WHERE id = :id)"
            ),
            {"id": upload_id},
        ).one()
    assert tuple(counts) == (300, 300, 300)
