"""Tables of the org area: chains, teams, memberships and installation settings."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from board.accounts.models import User
from board.db import TimestampMixin
from board.extensions import db

MEMBER = "member"
LEAD = "lead"
TEAM_ROLES = (MEMBER, LEAD)


class Chain(TimestampMixin, db.Model):  # type: ignore[name-defined,misc]
    """A service chain (keten), such as Burgerzaken, across which work is prioritised."""

    __tablename__ = "chains"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)


class Team(TimestampMixin, db.Model):  # type: ignore[name-defined,misc]
    """A service team inside a chain; it owns boards and holds stand-ups."""

    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    chain_id: Mapped[int] = mapped_column(ForeignKey("chains.id"), index=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)

    chain: Mapped[Chain] = relationship(lazy="joined", innerjoin=True)


class Membership(TimestampMixin, db.Model):  # type: ignore[name-defined,misc]
    """A person in a team, as member or as team lead (teamleider)."""

    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("user_id", "team_id"),
        CheckConstraint("role IN ('member', 'lead')", name="role_valid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    role: Mapped[str] = mapped_column(String(10), default=MEMBER)

    user: Mapped[User] = relationship(lazy="joined", innerjoin=True)
    team: Mapped[Team] = relationship(lazy="joined", innerjoin=True)


class Setting(db.Model):  # type: ignore[name-defined,misc]
    """Installation-wide settings (organisation name, whether demo data is loaded)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
