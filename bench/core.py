"""What areas plug into the bench: generator steps (dataset) and scenarios (measurements)."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from sqlalchemy import Connection, Table, insert

from board.extensions import db

# Ids and other facts that later steps and scenarios need; stored as JSON with the dataset.
Refs = dict[str, Any]
Row = dict[str, Any]

# Large tables are sent in slices: bounded memory, and one statement per slice on PostgreSQL.
CHUNK = 5000


def _chunks(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def table(name: str) -> Table:
    """A table of the application's metadata, by name."""
    return db.metadata.tables[name]


@dataclass
class GenContext:
    """What a generator step works with: one open transaction and what earlier steps made."""

    conn: Connection
    rng: random.Random
    # One argon2 hash of the demo password for every account: hashing 400 times would
    # take minutes and only a handful of accounts ever sign in during a run.
    password_hash: str
    refs: Refs = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def insert_returning_ids(self, table_name: str, rows: Iterable[Row]) -> list[int]:
        """Insert many rows and return their new ids, in the order given."""
        target = table(table_name)
        ids: list[int] = []
        for chunk in _chunks(rows, CHUNK):
            stmt = insert(target).returning(target.c.id, sort_by_parameter_order=True)
            ids.extend(self.conn.execute(stmt, chunk).scalars())
            self.counts[table_name] = self.counts.get(table_name, 0) + len(chunk)
        return ids

    def insert_many(self, table_name: str, rows: Iterable[Row]) -> int:
        """Insert many rows when their ids are not needed (faster); returns how many."""
        target = table(table_name)
        total = 0
        for chunk in _chunks(rows, CHUNK):
            self.conn.execute(insert(target), chunk)
            total += len(chunk)
        self.counts[table_name] = self.counts.get(table_name, 0) + total
        return total


@dataclass(frozen=True)
class Step:
    """One generator step; raise `version` whenever its output changes, so data is rebuilt."""

    name: str
    version: int
    run: Callable[[GenContext], None]


PathSpec = str | Callable[[Refs], str]
FormSpec = Mapping[str, str] | Callable[[Refs], Mapping[str, str]]

# Budget keys are result keys: "p50_ms", "p95_ms", "queries", "bytes"; a value is a maximum.
BUDGET_KEYS = ("p50_ms", "p95_ms", "queries", "bytes")


@dataclass(frozen=True)
class Scenario:
    """One request measured over HTTP, sequentially, many times."""

    name: str
    path: PathSpec
    method: str = "GET"
    account: str | None = None  # demo account e-mail to sign in as; None for anonymous
    form: FormSpec | None = None  # POST fields; the runner adds csrf_token
    csrf_page: PathSpec | None = None  # GET page whose form holds the CSRF token (POSTs)
    status: int = 200  # every response must have this status, else the scenario fails
    api: bool = False  # send the account's personal access token instead of a session cookie
    headers: Mapping[str, str] = field(default_factory=dict)  # extra request headers
    # Fields that change from one request to the next (request number → fields), merged over
    # `form`: for a write that must do real work every time, such as a move back and forth.
    form_each: Callable[[Refs, int], Mapping[str, str]] | None = None
    budgets: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = set(self.budgets) - set(BUDGET_KEYS)
        if unknown:
            raise ValueError(f"scenario {self.name}: unknown budget keys {sorted(unknown)}")
        if self.method != "GET" and self.csrf_page is None:
            raise ValueError(f"scenario {self.name}: a {self.method} needs csrf_page")


def resolve(spec: Any, refs: Refs) -> Any:
    """A path or form, calling it with the dataset refs when it is a function."""
    return spec(refs) if callable(spec) else spec
