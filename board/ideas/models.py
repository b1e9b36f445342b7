"""Tables of the ideas area."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from board.accounts.models import User
from board.clock import now
from board.db import TimestampMixin, UTCDateTime
from board.extensions import db
from board.org.models import Chain, Team

PERSPECTIVES = ("klant", "medewerker", "proces", "financieel")
SOURCES = (
    "medewerker",
    "klantpanel",
    "clientenraad",
    "wijkteam",
    "inwoner",
    "ondernemer",
    "overig",
)
STATUSES = (
    "nieuw",
    "in_behandeling",
    "gepland",
    "in_uitvoering",
    "gerealiseerd",
    "afgewezen",
    "samengevoegd",
)
OPEN_STATUSES = ("nieuw", "in_behandeling", "gepland", "in_uitvoering")
CLOSED_STATUSES = ("gerealiseerd", "afgewezen", "samengevoegd")
VISIBLE = "zichtbaar"
PENDING = "wacht"
REJECTED = "geweigerd"
MODERATION_STATES = (VISIBLE, PENDING, REJECTED)

TITLE_MAX = 120
BODY_MAX = 5000


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Idea(TimestampMixin, db.Model):  # type: ignore[name-defined,misc]
    """An improvement idea. The vote count is derived from the votes, kept beside it for sorting."""

    __tablename__ = "ideas"
    __table_args__ = (
        CheckConstraint(_in("status", STATUSES), name="status_valid"),
        CheckConstraint(_in("source", SOURCES), name="source_valid"),
        CheckConstraint(_in("moderation", MODERATION_STATES), name="moderation_valid"),
        CheckConstraint("impact IS NULL OR impact BETWEEN 1 AND 5", name="impact_range"),
        CheckConstraint("effort IS NULL OR effort BETWEEN 1 AND 5", name="effort_range"),
        Index("ix_ideas_moderation_status_created_at", "moderation", "status", "created_at"),
        Index("ix_ideas_moderation_vote_count", "moderation", "vote_count"),
        Index("ix_ideas_moderation_last_activity_at", "moderation", "last_activity_at"),
        Index("ix_ideas_team_id_status", "team_id", "status"),
        Index("ix_ideas_chain_id_status", "chain_id", "status"),
        Index("ix_ideas_submitter_id_created_at", "submitter_id", "created_at"),
        Index("ix_ideas_merged_into_id", "merged_into_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    body: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(20), default="medewerker")
    status: Mapped[str] = mapped_column(String(20), default="nieuw")
    moderation: Mapped[str] = mapped_column(String(10), default=VISIBLE)
    chain_id: Mapped[int | None] = mapped_column(ForeignKey("chains.id"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    submitter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    anonymous: Mapped[bool] = mapped_column(default=False)
    impact: Mapped[int | None] = mapped_column(SmallInteger)
    effort: Mapped[int | None] = mapped_column(SmallInteger)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id"))
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    vote_count: Mapped[int] = mapped_column(Integer, default=0)
    comment_count: Mapped[int] = mapped_column(Integer, default=0)
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=now)
    # Public intake: who to tell "you said, we did"; erased when the idea closes.
    contact_email: Mapped[str | None] = mapped_column(String(254))
    intake_link_id: Mapped[int | None] = mapped_column(ForeignKey("intake_links.id"))
    # A client-made key that makes a double click on "submit" harmless.
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Votes counted by an idea list this idea was imported from; vote_count adds them.
    imported_vote_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    submitter: Mapped[User | None] = relationship(foreign_keys=[submitter_id], lazy="raise")
    team: Mapped[Team | None] = relationship(lazy="raise")
    chain: Mapped[Chain | None] = relationship(lazy="raise")
    perspective_rows: Mapped[list[IdeaPerspective]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="IdeaPerspective.perspective"
    )

    @property
    def perspectives(self) -> list[str]:
        return [p.perspective for p in self.perspective_rows]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class IdeaPerspective(db.Model):  # type: ignore[name-defined,misc]
    """One of the four perspectives an idea is tagged with."""

    __tablename__ = "idea_perspectives"
    __table_args__ = (
        CheckConstraint(_in("perspective", PERSPECTIVES), name="perspective_valid"),
        Index("ix_idea_perspectives_perspective_idea_id", "perspective", "idea_id"),
    )

    idea_id: Mapped[int] = mapped_column(
        ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True
    )
    perspective: Mapped[str] = mapped_column(String(12), primary_key=True)


class Tag(db.Model):  # type: ignore[name-defined,misc]
    """A free tag, stored once in lower case."""

    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)


class IdeaTag(db.Model):  # type: ignore[name-defined,misc]
    """A tag on an idea."""

    __tablename__ = "idea_tags"
    __table_args__ = (Index("ix_idea_tags_tag_id_idea_id", "tag_id", "idea_id"),)

    idea_id: Mapped[int] = mapped_column(
        ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id"), primary_key=True)


class Vote(db.Model):  # type: ignore[name-defined,misc]
    """One person's vote on one idea; the unique key makes a second vote impossible."""

    __tablename__ = "votes"
    __table_args__ = (
        UniqueConstraint("user_id", "idea_id"),
        Index("ix_votes_idea_id_created_at", "idea_id", "created_at"),
        Index("ix_votes_created_at_idea_id", "created_at", "idea_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=now)

    user: Mapped[User] = relationship(lazy="raise")


class Comment(db.Model):  # type: ignore[name-defined,misc]
    """A comment on an idea. Removed comments keep their row (history); hidden ones a reason."""

    __tablename__ = "comments"
    __table_args__ = (Index("ix_comments_idea_id_created_at", "idea_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=now)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    hidden_reason: Mapped[str] = mapped_column(String(500), default="")

    author: Mapped[User] = relationship(foreign_keys=[author_id], lazy="raise")


class IdeaEvent(db.Model):  # type: ignore[name-defined,misc]
    """Every change that matters to an idea: who, what, when, from → to."""

    __tablename__ = "idea_events"
    __table_args__ = (Index("ix_idea_events_idea_id_created_at", "idea_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(30))
    from_value: Mapped[str] = mapped_column(String(200), default="")
    to_value: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=now)

    actor: Mapped[User | None] = relationship(lazy="raise")


class Follow(db.Model):  # type: ignore[name-defined,misc]
    """A person who hears about changes to an idea."""

    __tablename__ = "follows"

    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=now)


class Notification(db.Model):  # type: ignore[name-defined,misc]
    """An in-app notification (Meldingen)."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_id_read_at", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id"))
    kind: Mapped[str] = mapped_column(String(30))
    detail: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=now)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class IntakeLink(db.Model):  # type: ignore[name-defined,misc]
    """A public intake link for a customer panel, client council or neighbourhood team.

    The token is an unguessable capability shown on a printable page, so it is kept readable;
    revoking the link makes it worthless.
    """

    __tablename__ = "intake_links"
    __table_args__ = (CheckConstraint(_in("source", SOURCES), name="source_valid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(120))
    source: Mapped[str] = mapped_column(String(20))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    chain_id: Mapped[int | None] = mapped_column(ForeignKey("chains.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=now)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
