"""Read side of the audit log."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, select

from board.audit.models import AuditEvent
from board.extensions import db

PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditFilter:
    action: str = ""
    actor: str = ""
    result: str = ""
    date_from: date | None = None
    date_to: date | None = None


def _filtered(f: AuditFilter, tz: str) -> Select:
    stmt = select(AuditEvent)
    if f.action:
        stmt = stmt.where(AuditEvent.action.startswith(f.action, autoescape=True))
    if f.actor:
        stmt = stmt.where(
            func.lower(AuditEvent.actor_label).contains(f.actor.lower(), autoescape=True)
        )
    if f.result:
        stmt = stmt.where(AuditEvent.result == f.result)
    zone = ZoneInfo(tz)
    if f.date_from:
        stmt = stmt.where(AuditEvent.occurred_at >= datetime.combine(f.date_from, time(), zone))
    if f.date_to:
        end = datetime.combine(f.date_to + timedelta(days=1), time(), zone)
        stmt = stmt.where(AuditEvent.occurred_at < end)
    return stmt


def list_audit_events(
    f: AuditFilter, page: int, tz: str = "Europe/Amsterdam"
) -> tuple[list[AuditEvent], bool]:
    """One page of events, newest first, and whether there is a next page."""
    stmt = (
        _filtered(f, tz)
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        .limit(PAGE_SIZE + 1)
        .offset((page - 1) * PAGE_SIZE)
    )
    rows = list(db.session.scalars(stmt))
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


def iter_audit_events(f: AuditFilter, tz: str = "Europe/Amsterdam") -> Iterator[AuditEvent]:
    """All matching events, oldest first, streamed for the CSV export."""
    stmt = _filtered(f, tz).order_by(AuditEvent.occurred_at, AuditEvent.id)
    yield from db.session.scalars(stmt.execution_options(yield_per=500))


def list_audit_actions() -> list[str]:
    """The distinct actions in the log, for the filter's choices."""
    stmt = select(AuditEvent.action).distinct().order_by(AuditEvent.action)
    return list(db.session.scalars(stmt))
