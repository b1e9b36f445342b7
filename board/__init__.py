"""Linich Wurkje: lean continuous improvement for the service teams of a municipality."""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from board.config import PROJECT_ROOT, build_config

__version__ = "0.1.0"


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the application: configuration, extensions, areas, web plumbing, commands."""
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.update(build_config(config))
    if app.config["PROXY_COUNT"]:
        n = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)  # type: ignore[method-assign]

    from board import models  # noqa: F401  (every table, for Alembic and relationships)
    from board.web.querycount import init_query_counter
    from board.web.setup import init_extensions, init_templates, init_url_converters

    init_url_converters(app)
    init_extensions(app)
    init_query_counter(app)
    init_templates(app)

    from board.accounts.admin_routes import bp as people_admin
    from board.accounts.routes import bp as accounts
    from board.accounts.sso import bp as sso
    from board.api.routes import bp as api
    from board.audit.routes import bp as audit
    from board.boards.card_routes import bp as cards
    from board.boards.live import bp as board_live
    from board.boards.routes import bp as boards
    from board.boards.views import bp as board_views
    from board.ideas.actions import bp as idea_actions
    from board.ideas.imports.routes import bp as idea_imports
    from board.ideas.intake_routes import bp as intake
    from board.ideas.moderation import bp as moderation
    from board.ideas.notifications import bp as notifications
    from board.ideas.routes import bp as ideas
    from board.ideas.triage import bp as idea_triage
    from board.main.routes import bp as main
    from board.org.routes import bp as org
    from board.standups.routes import bp as standups

    for blueprint in (
        main,
        accounts,
        sso,
        people_admin,
        org,
        audit,
        ideas,
        idea_actions,
        idea_triage,
        idea_imports,
        notifications,
        intake,
        moderation,
        boards,
        cards,
        board_views,
        board_live,
        standups,
        api,
    ):
        app.register_blueprint(blueprint)

    from board.web.errors import register_error_handlers
    from board.web.security import register_security_headers

    register_error_handlers(app)
    register_security_headers(app)

    from board.cli import register_cli

    register_cli(app)
    return app
