"""Test foundation: one schema per session (built by the migrations), each test in a
rolled-back SAVEPOINT, a fake clock, and helpers to sign in and send CSRF tokens.

SQLite by default; TEST_DATABASE_URL=postgresql://... runs the same suite on PostgreSQL.
"""

from __future__ import annotations

import hashlib
import os
import re
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from flask import g
from flask_sqlalchemy.session import Session as FlaskSQLAlchemySession
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import text

from board import create_app
from board.clock import set_clock, system_clock
from board.config import normalise_database_url
from board.extensions import db, limiter

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
ON_POSTGRES = TEST_DATABASE_URL.startswith(("postgres://", "postgresql"))


class _ConnectionBoundSession(FlaskSQLAlchemySession):
    """Flask-SQLAlchemy's session picks the engine per table; in tests it must use the one
    connection that holds the outer transaction."""

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        if self.bind is not None:
            return self.bind
        return super().get_bind(mapper=mapper, clause=clause, bind=bind, **kwargs)


def _database_url(tmp_path_factory) -> str:
    if TEST_DATABASE_URL:
        return normalise_database_url(TEST_DATABASE_URL)
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


def reset_schema(engine) -> None:
    """Start from nothing: drop every table of an earlier run."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        else:
            for (name,) in conn.execute(
                text("SELECT name FROM sqlite_master WHERE type='table'")
            ).all():
                conn.execute(text(f'DROP TABLE IF EXISTS "{name}"'))


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    """The application on a freshly migrated test database."""
    from flask_migrate import upgrade

    application = create_app(
        {
            "BOARD_ENV": "test",
            "SQLALCHEMY_DATABASE_URI": _database_url(tmp_path_factory),
        }
    )
    with application.app_context():
        reset_schema(db.engine)
        upgrade(directory=str(Path(__file__).resolve().parent.parent / "migrations"))
    return application


class FakeClock:
    """A clock tests can move: `clock.advance(minutes=30)`."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta) -> None:
        self.current = self.current + timedelta(**delta)


@pytest.fixture
def clock(app):
    fake = FakeClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    set_clock(app, fake)
    yield fake
    set_clock(app, system_clock)


@pytest.fixture(autouse=True)
def _isolated(request, app):
    """Each test runs inside a transaction that is rolled back; commits become SAVEPOINTs."""
    if request.node.get_closest_marker("browser") or request.node.get_closest_marker(
        "no_db_isolation"
    ):
        yield
        return
    ctx = app.app_context()
    ctx.push()
    connection = db.engine.connect()
    transaction = connection.begin()
    original = db.session
    db.session = db._make_scoped_session(
        {
            "bind": connection,
            "join_transaction_mode": "create_savepoint",
            "class_": _ConnectionBoundSession,
        }
    )
    limiter.reset()
    try:
        yield
    finally:
        db.session.remove()
        db.session = original
        transaction.rollback()
        connection.close()
        ctx.pop()


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_token(app, client) -> str:
    """A valid CSRF token for this client's session, as Flask-WTF would make it."""
    with client.session_transaction() as session:
        if "csrf_token" not in session:
            session["csrf_token"] = hashlib.sha1(os.urandom(64)).hexdigest()  # noqa: S324
        raw = session["csrf_token"]
    return URLSafeTimedSerializer(app.secret_key, salt="wtf-csrf-token").dumps(raw)


def form_token(html: bytes | str) -> str:
    """The CSRF token in a rendered form."""
    if isinstance(html, bytes):
        html = html.decode()
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


class Web:
    """A test client that sends the CSRF token with every write, like a browser would."""

    def __init__(self, app, client) -> None:
        self.app = app
        self.client = client

    @staticmethod
    def _fresh_request_globals() -> None:
        # The test keeps an app context open, which Flask reuses for each request, so `g`
        # (and Flask-Login's cached user in it) would leak from one request into the next.
        for name in list(vars(g)):
            delattr(g, name)

    def get(self, url: str, htmx: bool = False, **kwargs):
        self._fresh_request_globals()
        headers = dict(kwargs.pop("headers", {}))
        if htmx:
            headers["HX-Request"] = "true"
        return self.client.get(url, headers=headers, **kwargs)

    def post(self, url: str, data: dict | None = None, htmx: bool = False, **kwargs):
        self._fresh_request_globals()
        data = dict(data or {})
        data.setdefault("csrf_token", csrf_token(self.app, self.client))
        headers = dict(kwargs.pop("headers", {}))
        if htmx:
            headers["HX-Request"] = "true"
        return self.client.post(url, data=data, headers=headers, **kwargs)

    def login(self, user) -> None:
        """Sign in as `user` through a real server-side session (no form round trip)."""
        from board.accounts.services import start_session

        token = start_session(user, ip="127.0.0.1", user_agent="pytest")
        db.session.commit()
        with self.client.session_transaction() as session:
            session["_user_id"] = token
            session["_fresh"] = True

    def logout(self) -> None:
        with self.client.session_transaction() as session:
            session.clear()


@pytest.fixture
def web(app, client):
    return Web(app, client)


@pytest.fixture
def make_web(app):
    """Several independent browsers (sessions) in one test."""

    def factory() -> Web:
        return Web(app, app.test_client())

    return factory


# --- Reading pages as a person would: text by element, not by markup details -------------------

_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class Element:
    """One element of a parsed page: its tag, attributes, text and children."""

    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Element | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Element] = []
        self._text: list[str] = []

    @property
    def text(self) -> str:
        """The visible text inside, whitespace collapsed."""
        return " ".join("".join(self._text).split())

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def descendants(self):
        for child in self.children:
            yield child
            yield from child.descendants()


class Page:
    """A rendered page or fragment, parsed with the standard library (no markup guessing)."""

    def __init__(self, html: bytes | str) -> None:
        from html.parser import HTMLParser

        if isinstance(html, bytes):
            html = html.decode()
        self.html = html
        self.root = Element("#root", {}, None)
        page = self

        class _Parser(HTMLParser):
            def __init__(self) -> None:
                super().__init__(convert_charrefs=True)
                self.open = [page.root]

            def handle_starttag(self, tag, attrs):
                element = Element(tag, dict(attrs), self.open[-1])
                self.open[-1].children.append(element)
                if tag not in _VOID:
                    self.open.append(element)

            def handle_startendtag(self, tag, attrs):
                self.open[-1].children.append(Element(tag, dict(attrs), self.open[-1]))

            def handle_endtag(self, tag):
                for i in range(len(self.open) - 1, 0, -1):
                    if self.open[i].tag == tag:
                        del self.open[i:]
                        break

            def handle_data(self, data):
                for element in self.open:
                    element._text.append(data)

        parser = _Parser()
        parser.feed(html)
        parser.close()

    def all(self):
        return self.root.descendants()

    def by_id(self, element_id: str) -> Element | None:
        return next((e for e in self.all() if e.attrs.get("id") == element_id), None)

    def by_class(self, class_name: str) -> list[Element]:
        return [e for e in self.all() if class_name in e.classes]

    def texts(self, class_name: str) -> list[str]:
        return [e.text for e in self.by_class(class_name)]

    @property
    def text(self) -> str:
        return self.root.text

    def field_error(self, field_id: str) -> str | None:
        """The error message shown next to a form field, if any."""
        element = self.by_id(f"{field_id}-error")
        return element.text if element is not None else None

    def value(self, field_id: str) -> str | None:
        """What a form field holds: an input's value, a textarea's text, a select's choice."""
        element = self.by_id(field_id)
        if element is None:
            return None
        if element.tag == "textarea":
            # As in a browser: one newline right after <textarea> is not part of the value.
            text = "".join(element._text)
            return text[2:] if text.startswith("\r\n") else text.removeprefix("\n")
        if element.tag == "select":
            for option in element.descendants():
                if option.tag == "option" and "selected" in option.attrs:
                    return option.attrs.get("value")
            return None
        return element.attrs.get("value")


def member_names(html: bytes | str) -> list[str]:
    """The names in a team page's member list."""
    return Page(html).texts("member-list__name")


def audit_events(**filters):
    """Audit events in the order they happened, optionally filtered by column values."""
    from sqlalchemy import select

    from board.audit.models import AuditEvent

    stmt = select(AuditEvent).filter_by(**filters).order_by(AuditEvent.id)
    return list(db.session.scalars(stmt))


from tests.factories import *  # noqa: E402,F403  (fixtures)
from tests.smtp import smtp_inbox  # noqa: E402,F401  (fixture: a local SMTP server)


@contextmanager
def app_on_own_database(name: str, tmp_path, connections: int = 5):
    """An application on a database of its own, migrated, for tests that commit for real from
    several threads at once: a schema `name` on PostgreSQL, a file in tmp_path on SQLite. The
    shared test database is never touched; the schema goes again afterwards."""
    from flask_migrate import upgrade
    from sqlalchemy import create_engine

    admin = None
    if ON_POSTGRES:
        url = normalise_database_url(TEST_DATABASE_URL)
        admin = create_engine(url)
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {name} CASCADE"))
            conn.execute(text(f"CREATE SCHEMA {name}"))
        options = {
            "pool_size": connections,
            "max_overflow": 0,
            "connect_args": {"options": f"-csearch_path={name}"},
        }
    else:
        url = f"sqlite:///{tmp_path / f'{name}.db'}"
        options = {}
    application = create_app(
        {"BOARD_ENV": "test", "SQLALCHEMY_DATABASE_URI": url, "SQLALCHEMY_ENGINE_OPTIONS": options}
    )
    with application.app_context():
        upgrade(directory=str(Path(__file__).resolve().parent.parent / "migrations"))
    try:
        yield application
    finally:
        with application.app_context():
            db.session.remove()
            db.engine.dispose()
        if admin is not None:
            with admin.begin() as conn:
                conn.execute(text(f"DROP SCHEMA IF EXISTS {name} CASCADE"))
            admin.dispose()


def get_counting(web, url):
    """GET `url` through `web`: the response and the SQL statements it cost (the transaction
    bookkeeping of the test harness left out)."""
    return send_counting(lambda: web.get(url))


@contextmanager
def counted():
    """The SQL statements run inside the block (the transaction bookkeeping of the test harness
    left out): `with counted() as statements: ...`."""
    from sqlalchemy import event

    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        if statement != "BEGIN" and not statement.startswith(("SAVEPOINT", "RELEASE")):
            statements.append(statement)

    engine = db.session.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def send_counting(send):
    """Call `send` (a request through `web`, a GET or a POST): its response and the SQL
    statements it cost."""
    with counted() as statements:
        response = send()
    return response, statements


def count_queries(web, url) -> int:
    """How many SQL statements a page costs; the page must answer 200."""
    response, statements = get_counting(web, url)
    assert response.status_code == 200
    return len(statements)
