"""SQL statements per request in an X-Query-Count header, for `make bench`; off by default."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask, Response, g, has_app_context
from sqlalchemy import event

from board.extensions import db

HEADER = "X-Query-Count"


def init_query_counter(app: Flask) -> None:
    """When BENCH_QUERY_COUNT is on, add an X-Query-Count header with the statements run."""
    app.config.setdefault("BENCH_QUERY_COUNT", os.environ.get("BOARD_BENCH_QUERY_COUNT") == "1")
    if not app.config["BENCH_QUERY_COUNT"]:
        return  # nothing registered: no cost at all in a normal install

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        # SQLite gets an explicit BEGIN from board.db where psycopg begins implicitly; leaving
        # it out keeps the counts of both databases comparable.
        if statement in ("BEGIN", "BEGIN IMMEDIATE") or not has_app_context():
            return
        # g belongs to the app context, which Flask pushes anew for every request, so the
        # count starts at zero by itself and also includes queries of earlier before_request
        # handlers (a reset in our own before_request would miss those).
        g.bench_query_count = g.get("bench_query_count", 0) + 1

    with app.app_context():
        for engine in db.engines.values():
            event.listen(engine, "before_cursor_execute", count)

    # Registered before the security headers' handler, which asks who is signed in and may so
    # load the user; Flask runs after_request handlers in reverse, so this one counts that too.
    @app.after_request
    def add_header(response: Response) -> Response:
        response.headers[HEADER] = str(g.get("bench_query_count", 0))
        return response
