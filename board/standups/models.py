"""Tables of the stand-ups area: a team's stand-ups, what was noted and decided, action items.

Per-team settings live in their own small table keyed by team, so the teams table (which many
tables point at) never needs to be rebuilt for a stand-up setting.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from board.accounts.models import User
from board.clock import now
from board.db import UTCDateTime
from board.extensions import db
from board.org.models import Team

ENTRY_KINDS = ("note", "decision")
DEFAULT_LENGTH = 15
LENGTH_MIN = 1
LENGTH_MAX = 60
ACTION_TEXT_MAX = 500
ENTRY_TEXT_MAX = 1000
NOTES_MAX = 5000


class Standup(db.Model):  # type: ignore[name-defined,misc]
    """One stand-up of a team; its agenda covers period_start up to started_at.

    At most one stand-up per team is open (ended_at empty): the partial unique index makes a
    second start at the same moment fail instead of making two.
    """

    __tablename__ = "standups"
    __table_args__ = (
        Index("ix_standups_team_id_started_at", "team_id", "started_at"),
        Index(
            "ix_standups_team_id_open",
            "team_id",
            unique=True,
            sqlite_where=text("ended_at IS NULL"),
            postgresql_where=text("ended_at IS NULL"),
        ),
        CheckConstraint("timer_minutes BETWEEN 1 AND 60", name="timer_minutes_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=now)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    held_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    period_start: Mapped[datetime] = mapped_column(UTCDateTime())
    notes: Mapped[str] = mapped_column(Text, default="")
    timer_minutes: Mapped[int] = mapped_column(Integer, default=DEFAULT_LENGTH)
    # The agenda section presenter mode shows now, so others can follow on their own device.
    section: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The agenda as it was when the stand-up was finished (board/standups/snapshot.py), plain
    # data with a "versie" key; empty for stand-ups finished before snapshots existed.
    agenda_snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))

    team: Mapped[Team] = relationship(lazy="raise")
    held_by: Mapped[User | None] = relationship(foreign_keys=[held_by_id], lazy="raise")

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    @property
    def duration_minutes(self) -> int | None:
        if self.ended_at is None:
            return None
        return max(0, round((self.ended_at - self.started_at).total_seconds() / 60))


class StandupAttendee(db.Model):  # type: ignore[name-defined,misc]
    """A member of the team who was at the stand-up."""

    __tablename__ = "standup_attendees"
    __table_args__ = (Index("ix_standup_attendees_user_id", "user_id"),)

    standup_id: Mapped[int] = mapped_column(
        ForeignKey("standups.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)


class StandupEntry(db.Model):  # type: ignore[name-defined,misc]
    """A note or a decision recorded during a stand-up."""

    __tablename__ = "standup_entries"
    __table_args__ = (
        CheckConstraint("kind IN ('note', 'decision')", name="kind_valid"),
        Index("ix_standup_entries_standup_id_created_at", "standup_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    standup_id: Mapped[int] = mapped_column(ForeignKey("standups.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(String(ENTRY_TEXT_MAX))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=now)

    author: Mapped[User | None] = relationship(lazy="raise")


class ActionItem(db.Model):  # type: ignore[name-defined,misc]
    """Something a person agreed to do; it comes back on every stand-up until it is done."""

    __tablename__ = "action_items"
    __table_args__ = (
        Index("ix_action_items_team_id_done_at", "team_id", "done_at"),
        Index("ix_action_items_standup_id", "standup_id"),
        Index("ix_action_items_owner_id_done_at", "owner_id", "done_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    standup_id: Mapped[int | None] = mapped_column(ForeignKey("standups.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(String(ACTION_TEXT_MAX))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    due_date: Mapped[date | None] = mapped_column(Date)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    card_id: Mapped[int | None] = mapped_column(ForeignKey("cards.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=now)

    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id], lazy="raise")
    done_by: Mapped[User | None] = relationship(foreign_keys=[done_by_id], lazy="raise")

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def is_late(self, today: date) -> bool:
        """Still open and its due date has passed (`today` in the municipality's own day)."""
        return self.done_at is None and self.due_date is not None and self.due_date < today


class StandupSettings(db.Model):  # type: ignore[name-defined,misc]
    """A team's stand-up settings; a team without a row uses the defaults."""

    __tablename__ = "standup_settings"
    __table_args__ = (
        CheckConstraint("length_minutes BETWEEN 1 AND 60", name="length_minutes_range"),
        CheckConstraint("weekday IS NULL OR weekday BETWEEN 0 AND 6", name="weekday_range"),
    )

    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), primary_key=True)
    length_minutes: Mapped[int] = mapped_column(Integer, default=DEFAULT_LENGTH)
    # The team's usual moment: a weekday (0 is Monday) and a local time "09:30"; both or none.
    weekday: Mapped[int | None] = mapped_column(Integer)
    start_time: Mapped[str | None] = mapped_column(String(5))
