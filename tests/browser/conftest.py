"""Browser tests: Debian's Chromium through pytest-playwright, against a live server.

The live server is its own application instance on its own database (a SQLite file in a tmp
folder, or `<dbname>_browser` next to TEST_DATABASE_URL on PostgreSQL), migrated and loaded
with the demo data, served by werkzeug in a thread for the whole session. Browsers cannot be
downloaded here, so without Chromium every test in this folder is skipped, loudly.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from werkzeug.serving import make_server

from board import create_app
from board.config import normalise_database_url
from board.extensions import db, limiter
from tests.conftest import TEST_DATABASE_URL, reset_schema

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HERE = Path(__file__).resolve().parent
MIGRATIONS = HERE.parent.parent / "migrations"

DEMO_PASSWORD = "wurkje-demo"  # noqa: S105 - the documented demo password
ADMIN = "beheerder@example.org"


def pytest_collection_modifyitems(config, items):
    """Mark everything here `browser`; skip it all when there is no Chromium to drive."""
    missing = not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK))
    skip = pytest.mark.skip(
        reason=f"Chromium not found at {CHROMIUM}: browser tests skipped "
        "(apt-get install chromium, or set CHROMIUM_PATH)"
    )
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)
            if missing:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args():
    """Debian's Chromium, headless, with nothing phoning home."""
    return {"executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, base_url):
    return {
        **browser_context_args,
        "base_url": base_url,
        "locale": "nl-NL",
    }


def _browser_database_url(tmp_path_factory) -> str:
    """SQLite in tmp, or `<dbname>_browser` on the same PostgreSQL server (created if needed)."""
    if not TEST_DATABASE_URL.startswith(("postgres://", "postgresql")):
        return f"sqlite:///{tmp_path_factory.mktemp('browser-db') / 'browser.db'}"
    url = make_url(normalise_database_url(TEST_DATABASE_URL))
    name = f"{url.database}_browser"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            ).scalar()
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    """A second application on its own database, migrated and loaded with the demo data."""
    from flask_migrate import upgrade

    from board.demo import seed_demo

    application = create_app(
        {"BOARD_ENV": "test", "SQLALCHEMY_DATABASE_URI": _browser_database_url(tmp_path_factory)}
    )
    with application.app_context():
        reset_schema(db.engine)
        upgrade(directory=str(MIGRATIONS))
        seed_demo()
        db.session.commit()
    yield application
    with application.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def live_server(live_app):
    """The live application served on a free port; yields its base URL."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def base_url(live_server):
    """pytest-playwright resolves page.goto('/path') against this."""
    return live_server


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Sign-in is rate limited per account; the tests sign in more often than a person would."""
    limiter.reset()


@pytest.fixture(scope="session")
def shots(tmp_path_factory) -> Path:
    """Screenshots land here (tmp, never committed); the path is printed with -s."""
    folder = tmp_path_factory.mktemp("browser-shots")
    print(f"\nbrowser screenshots: {folder}")
    return folder


def sign_in(page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the real form, as a person would."""
    page.goto("/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.locator("main").get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state("domcontentloaded")


@pytest.fixture(scope="session")
def admin_state(browser, browser_context_args, tmp_path_factory) -> str:
    """A storage state of a signed-in administrator, made once through the sign-in form."""
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    sign_in(page, ADMIN)
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    assert nav.get_by_role("link", name="Beheer").is_visible(), "the administrator is not in"
    path = tmp_path_factory.mktemp("browser-state") / "admin.json"
    context.storage_state(path=str(path))
    context.close()
    return str(path)


@pytest.fixture
def admin_page(new_context, admin_state):
    """A page in a fresh context that is already signed in as the administrator."""
    return new_context(storage_state=admin_state).new_page()


class PageProblems:
    """Console errors and Content Security Policy violations a page reports."""

    def __init__(self, page) -> None:
        self.console: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console.append(f"pageerror: {error}"))
        # Violations are also logged to the console; the DOM event names the directive.
        page.add_init_script(
            "window.__csp = [];"
            "document.addEventListener('securitypolicyviolation', e => window.__csp.push("
            "e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':'"
            " + e.lineNumber));"
        )
        self.page = page

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.console.append(f"{message.text} ({message.location.get('url', '')})")

    def csp(self) -> list[str]:
        return self.page.evaluate("window.__csp || []")

    def clear(self) -> None:
        self.console.clear()


@pytest.fixture(scope="module")
def admin_tab(browser, browser_context_args, admin_state):
    """One signed-in administrator tab shared by a module's tests, with its problems log."""
    context = browser.new_context(**browser_context_args, storage_state=admin_state)
    page = context.new_page()
    problems = PageProblems(page)
    yield page, problems
    context.close()
