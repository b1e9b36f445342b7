"""Binding the extensions and the template helpers to the app."""

from __future__ import annotations

from time import monotonic

from flask import Flask, g, has_request_context, request, session
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy.exc import OperationalError
from werkzeug.routing import IntegerConverter

from board.config import LANGUAGES, PROJECT_ROOT
from board.extensions import babel, csrf, db, limiter, login_manager, migrate, oauth


def select_locale() -> str:
    """The signed-in person's language, else the one they chose, else the browser's, else nl."""
    if not has_request_context():
        return "nl"
    if current_user and current_user.is_authenticated:
        return current_user.language
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or "nl"


# The largest id either database can hold (a signed 64-bit integer).
MAX_ID = 2**63 - 1


class IdConverter(IntegerConverter):
    """`<int:...>` in every route: an id no database can hold matches no route (404), instead of
    reaching the database and failing there (SQLite raises OverflowError, PostgreSQL an error)."""

    def __init__(self, map, *args, **kwargs) -> None:  # noqa: A002 - werkzeug's own name
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def init_url_converters(app: Flask) -> None:
    """Before any route is added: ids in addresses stay within what the database holds."""
    app.url_map.converters["int"] = IdConverter


def init_extensions(app: Flask) -> None:
    """Bind every extension; Flask-Login loads people by their server-side session token."""
    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True, compare_type=True
    )
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)
    oauth.init_app(app)

    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.session_protection = None  # the server-side session record does this job

    @login_manager.user_loader
    def load_user(token: str):
        from board.accounts.services import resume_session

        user, reason = resume_session(token)
        # The loader runs when a request first asks who is signed in, before the route changes
        # anything: committing here saves only the session touch or its ending.
        if db.session.dirty:
            try:
                db.session.commit()
            except OperationalError:
                # SQLite refuses a page's late write when another request wrote meanwhile; the
                # touch is only bookkeeping, so the next request writes it instead.
                db.session.rollback()
        if user is None:
            g.session_end_reason = reason
        return user

    @login_manager.unauthorized_handler
    def unauthorized():
        from board.accounts.routes import unauthorized_response

        return unauthorized_response()


_organisation_cache: dict[str, tuple[str, float]] = {}


def init_templates(app: Flask) -> None:
    """Globals and filters every template may use."""
    from board import __version__
    from board.boards.card_cache import init_card_cache
    from board.ideas.labels import init_labels
    from board.org.queries import get_setting
    from board.web.i18n import format_local_datetime, install_template_gettext

    install_template_gettext(app)
    init_labels(app)
    init_card_cache(app)

    @app.context_processor
    def inject():
        def organisation_name() -> str:
            # On every page (title, header, footer) and it hardly ever changes: kept per process
            # for a minute instead of a query per request.
            if app.config["ORGANISATION_NAME"]:
                return app.config["ORGANISATION_NAME"]
            cached = _organisation_cache.get("value")
            if cached is None or monotonic() - cached[1] > 60 or app.testing:
                cached = (get_setting("organisation_name", ""), monotonic())
                _organisation_cache["value"] = cached
            return cached[0]

        def _menu_counts():
            # Shown in the menu of every page: one query per request, only when signed in.
            if "menu_counts" not in g:
                from board.ideas.intake_queries import menu_counts

                signed_in = current_user and current_user.is_authenticated
                g.menu_counts = menu_counts(current_user) if signed_in else None
            return g.menu_counts

        def unread_notifications() -> int:
            counts = _menu_counts()
            return counts.unread if counts else 0

        def due_action_items() -> int:
            counts = _menu_counts()
            return counts.due if counts else 0

        def moderation_waiting() -> int | None:
            counts = _menu_counts()
            return counts.waiting if counts else None

        return {
            "unread_notifications": unread_notifications,
            "due_action_items": due_action_items,
            "moderation_waiting": moderation_waiting,
            "current_locale": str(get_locale() or "nl"),
            "languages": [("nl", "Nederlands"), ("en", "English"), ("fy", "Frysk")],
            "organisation_name": organisation_name,
            "app_version": __version__,
        }

    app.jinja_env.filters["datetime"] = format_local_datetime
    from board.web.text import linkify

    app.jinja_env.filters["linkify"] = linkify
    app.jinja_env.autoescape = True
