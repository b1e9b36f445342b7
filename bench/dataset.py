"""The bench database: built once by the generator steps, reused while their versions match."""

from __future__ import annotations

import json
import os
import random
import secrets
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import func, insert, inspect, select, text
from sqlalchemy.engine import make_url

from bench.core import GenContext, Refs, table
from bench.generators import STEPS
from board import create_app
from board.config import PROJECT_ROOT, normalise_database_url
from board.demo import DEMO_PASSWORD
from board.extensions import db

DATA_DIR = Path(__file__).resolve().parent / "data"
SQLITE_PATH = DATA_DIR / "bench.db"
MARKER_KEY = "bench_dataset"
SEED = 20261123  # fixed, so every machine measures the same data


class BenchError(RuntimeError):
    """The bench cannot run; the message says why."""


@dataclass(frozen=True)
class Dataset:
    """A ready bench database."""

    url: str
    kind: str
    server_version: str
    version: str
    counts: dict[str, int]
    refs: Refs
    reused: bool
    seconds: float


def generator_version() -> str:
    """Identifies what the steps produce; a change rebuilds the dataset."""
    return ",".join(f"{step.name}:{step.version}" for step in STEPS)


def database_url() -> str:
    """BENCH_DATABASE_URL, else a SQLite file under bench/data/ (never the developer's database)."""
    raw = os.environ.get("BENCH_DATABASE_URL", "").strip()
    if not raw:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{SQLITE_PATH}"
    url = normalise_database_url(raw)
    developer = os.environ.get("DATABASE_URL", "").strip()
    if developer and normalise_database_url(developer) == url:
        raise BenchError(
            "BENCH_DATABASE_URL is DATABASE_URL; the bench wipes its database, "
            "so give it a database of its own."
        )
    return url


def _generator_app(url: str) -> Flask:
    # Production settings, so the password hash has the real argon2 cost and is not rehashed
    # on the first sign-in; the secret only lives for this process.
    return create_app(
        {
            "BOARD_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(32),
            "SQLALCHEMY_DATABASE_URI": url,
            "BENCH_QUERY_COUNT": False,
        }
    )


def _read_marker() -> dict[str, Any] | None:
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("settings"):
            return None
        settings = table("settings")
        raw = conn.scalar(select(settings.c.value).where(settings.c.key == MARKER_KEY))
    return json.loads(raw) if raw else None


def _holds_people() -> bool:
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("users"):
            return False
        return bool(conn.scalar(select(func.count()).select_from(table("users"))))


def _wipe(url: str) -> None:
    """Remove every table, but only from a database that holds bench data or no people."""
    if _read_marker() is None and _holds_people():
        raise BenchError(
            f"{make_url(url).render_as_string()} holds people but no bench data; "
            "refusing to wipe it. Point BENCH_DATABASE_URL at an empty database."
        )
    kind = db.engine.dialect.name
    if kind == "sqlite":
        db.engine.dispose()
        path = Path(make_url(url).database or "")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    elif kind == "postgresql":
        with db.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    else:
        raise BenchError(f"the bench supports SQLite and PostgreSQL, not {kind}")


def _server_version() -> str:
    if db.engine.dialect.name == "sqlite":
        return sqlite3.sqlite_version
    with db.engine.connect() as conn:
        return str(conn.scalar(text("SHOW server_version")))


def _generate() -> tuple[dict[str, int], Refs]:
    from board.accounts.passwords import hash_password

    password_hash = hash_password(DEMO_PASSWORD)
    with db.engine.begin() as conn:
        ctx = GenContext(conn=conn, rng=random.Random(SEED), password_hash=password_hash)
        for step in STEPS:
            started = time.perf_counter()
            step.run(ctx)
            print(f"  generated {step.name} in {time.perf_counter() - started:.1f} s", flush=True)
        marker = {"version": generator_version(), "counts": ctx.counts, "refs": ctx.refs}
        conn.execute(insert(table("settings")).values(key=MARKER_KEY, value=json.dumps(marker)))
    return ctx.counts, ctx.refs


def ensure_dataset(url: str, *, fresh: bool = False) -> Dataset:
    """The bench database at the current schema, generated unless a matching one exists."""
    started = time.perf_counter()
    app = _generator_app(url)
    migrations = str(PROJECT_ROOT / "migrations")
    version = generator_version()
    with app.app_context():
        marker = _read_marker()
        reused = bool(marker and marker.get("version") == version and not fresh)
        if reused and marker:
            upgrade(directory=migrations)  # new migrations apply as they would on an install
            counts, refs = marker["counts"], marker["refs"]
        else:
            _wipe(url)
            upgrade(directory=migrations)
            counts, refs = _generate()
        kind, server_version = db.engine.dialect.name, _server_version()
        db.engine.dispose()
    return Dataset(
        url=url,
        kind=kind,
        server_version=server_version,
        version=version,
        counts=counts,
        refs=refs,
        reused=reused,
        seconds=time.perf_counter() - started,
    )
