"""The migrations build the whole schema from nothing, match the models, and can be undone.

These tests bring their own database (a temporary SQLite file, or a separate PostgreSQL schema
`migtest` when TEST_DATABASE_URL points at PostgreSQL), so the session database the other tests
share is never touched.
"""

from __future__ import annotations

import ast
import re
from datetime import datetime
from pathlib import Path

import pytest
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import Column, Integer, Table, create_engine, inspect, text

from board import create_app
from board.config import normalise_database_url
from board.extensions import db
from tests.conftest import ON_POSTGRES, TEST_DATABASE_URL

pytestmark = pytest.mark.no_db_isolation

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
VERSIONS = MIGRATIONS / "versions"
FILE_NAME = re.compile(
    r"^(?P<date>\d{8})_(?P<time>\d{4})_(?P<rev>[0-9a-f]{12})_(?P<slug>[a-z0-9_]+)\.py$"
)
SCHEMA = "migtest"


@pytest.fixture
def fresh_app(tmp_path):
    """An application on an empty database of its own, inside its app context."""
    admin_engine = None
    if ON_POSTGRES:
        url = normalise_database_url(TEST_DATABASE_URL)
        admin_engine = create_engine(url)
        with admin_engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
            conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
        options = {"pool_pre_ping": True,
                   "connect_args": {"options": f"-csearch_path={SCHEMA}"}}
    else:
        url = f"sqlite:///{tmp_path / 'migrations.db'}"
        options = {"pool_pre_ping": True}
    application = create_app(
        {"BOARD_ENV": "test", "SQLALCHEMY_DATABASE_URI": url,
         "SQLALCHEMY_ENGINE_OPTIONS": options}
    )
    with application.app_context():
        try:
            yield application
        finally:
            db.session.remove()
            db.engine.dispose()
    if admin_engine is not None:
        with admin_engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        admin_engine.dispose()


def _tables() -> set[str]:
    return set(inspect(db.engine).get_table_names())


def _current_revision() -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _head() -> str:
    script = ScriptDirectory(str(MIGRATIONS))
    heads = script.get_heads()
    assert len(heads) == 1, f"the migrations have several heads {heads}; merge them"
    return heads[0]


def _db_check(application) -> int:
    """`flask db check`: autogenerate against the models, with env.py's own settings."""
    result = application.test_cli_runner().invoke(args=["db", "check"])
    return result.exit_code


def test_the_database_really_is_empty_before_upgrading(fresh_app):
    assert _tables() == set()
    assert _current_revision() is None


def test_upgrade_from_an_empty_database_builds_every_table_at_head(fresh_app):
    upgrade(directory=str(MIGRATIONS))
    missing = set(db.metadata.tables) - _tables()
    assert not missing
    assert "alembic_version" in _tables()
    assert _current_revision() == _head()


def test_models_and_migrations_do_not_drift(fresh_app):
    upgrade(directory=str(MIGRATIONS))
    assert _db_check(fresh_app) == 0


def test_drift_check_notices_a_model_change_without_a_migration(fresh_app):
    """The check above can fail: a table in the models that no migration creates."""
    upgrade(directory=str(MIGRATIONS))
    probe = Table("unmigrated_things", db.metadata, Column("id", Integer, primary_key=True))
    try:
        assert _db_check(fresh_app) != 0
    finally:
        db.metadata.remove(probe)
    assert _db_check(fresh_app) == 0


def test_downgrade_to_base_then_upgrade_again(fresh_app):
    upgrade(directory=str(MIGRATIONS))
    downgrade(directory=str(MIGRATIONS), revision="base")
    assert _tables() - {"alembic_version"} == set(), "downgrade left tables behind"
    assert _current_revision() is None
    upgrade(directory=str(MIGRATIONS))
    assert not set(db.metadata.tables) - _tables()
    assert _current_revision() == _head()
    assert _db_check(fresh_app) == 0


def test_every_step_down_and_up_again_keeps_working_with_the_demo_data_in_it(fresh_app):
    """A real installation downgrades with data in it: SQLite must never rebuild a table that
    other tables point at (it refuses to drop it with foreign keys on)."""
    from board.demo import seed_demo

    upgrade(directory=str(MIGRATIONS))
    seed_demo()
    db.session.commit()
    script = ScriptDirectory(str(MIGRATIONS))
    for revision in script.walk_revisions():
        if revision.down_revision is None:
            break
        db.session.remove()
        downgrade(directory=str(MIGRATIONS), revision=revision.down_revision)
        assert _current_revision() == revision.down_revision
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM users")).scalar() > 0
    upgrade(directory=str(MIGRATIONS))
    assert _current_revision() == _head()


def test_a_migrated_database_takes_data_through_the_app(fresh_app):
    """Constraints and defaults from the migration work with the services."""
    from board.accounts.services import create_user
    from board.org.services import create_chain, create_team, set_membership

    upgrade(directory=str(MIGRATIONS))
    user = create_user(email="anne@example.org", name="Anne", password="een lang wachtwoord")
    team = create_team(chain_id=create_chain(name="Burgerzaken", actor=None).id,
                       name="Publiekszaken", actor=None)
    set_membership(user=user, team=team, role="lead", actor=None)
    db.session.commit()
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM memberships")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM audit_events")).scalar() == 4


def _migration_files() -> list[Path]:
    files = sorted(p for p in VERSIONS.glob("*.py") if p.name != "__init__.py")
    assert files, "no migrations found"
    return files


def test_every_migration_file_is_named_date_time_revision_slug():
    for path in _migration_files():
        match = FILE_NAME.match(path.name)
        assert match, f"{path.name} is not YYYYMMDD_HHMM_<rev>_<slug>.py"
        datetime.strptime(match["date"] + match["time"], "%Y%m%d%H%M")  # a real moment
        tree = ast.parse(path.read_text())
        revision = next(
            node.value.value for node in tree.body
            if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "revision"
        )
        assert revision == match["rev"], f"{path.name} holds revision {revision}"


def test_every_migration_has_a_downgrade_that_does_something():
    for path in _migration_files():
        tree = ast.parse(path.read_text())
        functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
        assert "upgrade" in functions, f"{path.name} has no upgrade()"
        assert "downgrade" in functions, f"{path.name} has no downgrade()"
        body = [
            n for n in functions["downgrade"].body
            if not isinstance(n, ast.Pass)
            and not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))
        ]
        assert body, f"{path.name}: downgrade() is empty"


def test_migrations_form_one_unbroken_line():
    script = ScriptDirectory(str(MIGRATIONS))
    revisions = list(script.walk_revisions())
    assert len(revisions) == len(_migration_files())
    assert revisions[-1].down_revision is None
    assert _head() == revisions[0].revision
