"""Tables of the boards area: Kanban boards per team, their columns, cards and card events.

Card order is a lexicographic fractional rank (see board.boards.ranks): a move rewrites only the
moved card's row, because a rank strictly between its new neighbours always exists.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
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
from board.db import TimestampMixin, UTCDateTime
from board.extensions import db
from board.ideas.models import PERSPECTIVES, Idea, Tag
from board.org.models import Team

TEMPLATES = ("verbeterbord", "eenvoudig")
VISIBILITIES = ("public", "private")
WIP_POLICIES = ("warn", "refuse")

NAME_MAX = 80
COLUMN_NAME_MAX = 60
CARD_TITLE_MAX = 200
CARD_DESCRIPTION_MAX = 10000
BLOCKED_REASON_MAX = 300
RANK_MAX = 64


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Board(TimestampMixin, db.Model):  # type: ignore[name-defined,misc]
    """A team's Kanban board. `version` goes up with every change, for cheap change detection."""

    __tablename__ = "boards"
    __table_args__ = (
        CheckConstraint(_in("template", TEMPLATES), name="template_valid"),
        CheckConstraint(_in("visibility", VISIBILITIES), name="visibility_valid"),
        CheckConstraint(_in("wip_policy", WIP_POLICIES), name="wip_policy_valid"),
        Index("ix_boards_team_id_archived_at", "team_id", "archived_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    template: Mapped[str] = mapped_column(String(20), default="verbeterbord")
    visibility: Mapped[str] = mapped_column(String(10), default="public")
    wip_policy: Mapped[str] = mapped_column(String(10), default="warn")
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    team: Mapped[Team] = relationship(lazy="raise")
    columns: Mapped[list[BoardColumn]] = relationship(
        lazy="raise", order_by="BoardColumn.position", back_populates="board"
    )

    @property
    def is_private(self) -> bool:
        return self.visibility == "private"


class BoardColumn(db.Model):  # type: ignore[name-defined,misc]
    """A column of a board; `wip_limit` is empty or at least 1; done columns end the flow."""

    __tablename__ = "board_columns"
    __table_args__ = (
        CheckConstraint("wip_limit IS NULL OR wip_limit >= 1", name="wip_limit_positive"),
        Index("ix_board_columns_board_id_position", "board_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(COLUMN_NAME_MAX))
    position: Mapped[int] = mapped_column(Integer, default=0)
    wip_limit: Mapped[int | None] = mapped_column(Integer)
    is_done: Mapped[bool] = mapped_column(default=False)

    board: Mapped[Board] = relationship(lazy="raise", back_populates="columns")


class Card(TimestampMixin, db.Model):  # type: ignore[name-defined,misc]
    """A card on a board. `version` is the optimistic-concurrency counter a move must match."""

    __tablename__ = "cards"
    __table_args__ = (
        Index(
            "ix_cards_column_id_rank_open",
            "column_id",
            "rank",
            sqlite_where=text("archived_at IS NULL"),
            postgresql_where=text("archived_at IS NULL"),
        ),
        Index("ix_cards_board_id_archived_at", "board_id", "archived_at"),
        Index("ix_cards_idea_id", "idea_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"))
    column_id: Mapped[int] = mapped_column(ForeignKey("board_columns.id"))
    rank: Mapped[str] = mapped_column(String(RANK_MAX))
    title: Mapped[str] = mapped_column(String(CARD_TITLE_MAX))
    description: Mapped[str] = mapped_column(Text, default="")
    due_date: Mapped[date | None] = mapped_column(Date)
    blocked: Mapped[bool] = mapped_column(default=False)
    blocked_reason: Mapped[str] = mapped_column(String(BLOCKED_REASON_MAX), default="")
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    column_entered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=now)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    board: Mapped[Board] = relationship(lazy="raise")
    column: Mapped[BoardColumn] = relationship(lazy="raise")
    idea: Mapped[Idea | None] = relationship(lazy="raise")
    owners: Mapped[list[User]] = relationship(
        secondary="card_owners", lazy="raise", order_by="User.name", viewonly=True
    )
    perspective_rows: Mapped[list[CardPerspective]] = relationship(
        lazy="raise", order_by="CardPerspective.perspective", viewonly=True
    )
    tags: Mapped[list[Tag]] = relationship(
        secondary="card_tags", lazy="raise", order_by="Tag.name", viewonly=True
    )

    @property
    def perspectives(self) -> list[str]:
        return [p.perspective for p in self.perspective_rows]


class CardOwner(db.Model):  # type: ignore[name-defined,misc]
    """A person who owns (trekt) a card."""

    __tablename__ = "card_owners"
    __table_args__ = (Index("ix_card_owners_user_id_card_id", "user_id", "card_id"),)

    card_id: Mapped[int] = mapped_column(
        ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)


class CardPerspective(db.Model):  # type: ignore[name-defined,misc]
    """One of the four perspectives a card serves."""

    __tablename__ = "card_perspectives"
    __table_args__ = (CheckConstraint(_in("perspective", PERSPECTIVES), name="perspective_valid"),)

    card_id: Mapped[int] = mapped_column(
        ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True
    )
    perspective: Mapped[str] = mapped_column(String(12), primary_key=True)


class CardTag(db.Model):  # type: ignore[name-defined,misc]
    """A tag on a card; the tags themselves are shared with ideas."""

    __tablename__ = "card_tags"
    __table_args__ = (Index("ix_card_tags_tag_id_card_id", "tag_id", "card_id"),)

    card_id: Mapped[int] = mapped_column(
        ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id"), primary_key=True)


class CardChecklistItem(db.Model):  # type: ignore[name-defined,misc]
    """One line of a card's checklist."""

    __tablename__ = "card_checklist_items"
    __table_args__ = (Index("ix_card_checklist_items_card_id_position", "card_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(String(200))
    done: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)


class CardComment(db.Model):  # type: ignore[name-defined,misc]
    """A comment on a card."""

    __tablename__ = "card_comments"
    __table_args__ = (Index("ix_card_comments_card_id_created_at", "card_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=now)

    author: Mapped[User] = relationship(lazy="raise")


class CardEvent(db.Model):  # type: ignore[name-defined,misc]
    """Every change to a card: who, what, when, from → to. Stand-ups, history and flow read it."""

    __tablename__ = "card_events"
    __table_args__ = (
        Index("ix_card_events_board_id_created_at", "board_id", "created_at"),
        Index("ix_card_events_card_id_created_at", "card_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(30))
    from_value: Mapped[str] = mapped_column(String(200), default="")
    to_value: Mapped[str] = mapped_column(String(200), default="")
    from_column_id: Mapped[int | None] = mapped_column(
        ForeignKey("board_columns.id", ondelete="SET NULL")
    )
    to_column_id: Mapped[int | None] = mapped_column(
        ForeignKey("board_columns.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=now)

    actor: Mapped[User | None] = relationship(lazy="raise")
