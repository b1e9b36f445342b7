"""Table of the audit area."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from board.db import UTCDateTime
from board.extensions import db

SUCCESS = "success"
FAILURE = "failure"
DENIED = "denied"


class AuditEvent(db.Model):  # type: ignore[name-defined,misc]
    """Who did what to which object, with what result, from where, when (UTC).

    Never holds a password or token: `detail` is written by services, not copied from forms.
    """

    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_occurred_at", "occurred_at"),
        Index("ix_audit_events_action_occurred_at", "action", "occurred_at"),
        Index("ix_audit_events_actor_id_occurred_at", "actor_id", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor_label: Mapped[str] = mapped_column(String(254), default="")
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str] = mapped_column(String(40), default="")
    object_id: Mapped[str] = mapped_column(String(64), default="")
    object_label: Mapped[str] = mapped_column(String(200), default="")
    result: Mapped[str] = mapped_column(String(10), default=SUCCESS)
    ip: Mapped[str] = mapped_column(String(45), default="")
    detail: Mapped[str] = mapped_column(String(500), default="")
