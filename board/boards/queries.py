"""Read side of the boards area. Never writes; eager-loads so templates never lazy-load.

The board page costs the same few queries whatever the number of cards: the board with its
team, its columns, its open cards with their ideas, and one query each for the owners,
perspectives and tags of all those cards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from board.accounts.models import User
from board.boards import permissions
from board.boards.models import (
    Board,
    BoardColumn,
    Card,
    CardChecklistItem,
    CardComment,
    CardEvent,
    CardOwner,
    CardPerspective,
    CardTag,
)
from board.clock import now
from board.extensions import db
from board.ideas.models import PERSPECTIVES, Idea, Tag
from board.org.models import Chain, Team


@dataclass(slots=True)
class OwnerSummary:
    id: int
    name: str

    @property
    def initials(self) -> str:
        """Jelle Postma → JP; Sjoerd van der Meer → SM (first and last name)."""
        parts = self.name.replace("-", " ").split()
        if not parts:
            return ""
        if len(parts) == 1:
            return parts[0][:2].upper()
        return (parts[0][0] + parts[-1][0]).upper()


@dataclass(slots=True)
class IdeaSummary:
    title: str
    vote_count: int


@dataclass(slots=True)
class CardSummary:
    """A card as the board shows it: plain values, no ORM object (a board has 1,000 of them)."""

    id: int
    board_id: int
    column_id: int
    title: str
    due_date: date | None
    blocked: bool
    blocked_reason: str
    idea_id: int | None
    version: int
    column_entered_at: datetime
    # Only for the API (`full=True`): the board page needs none of these.
    description: str = ""
    archived_at: datetime | None = None
    created_at: datetime | None = None
    idea: IdeaSummary | None = None
    owners: list[OwnerSummary] = field(default_factory=list)
    perspectives: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


@dataclass
class ColumnView:
    column: BoardColumn
    cards: list[CardSummary] = field(default_factory=list)
    count: int = 0

    @property
    def over_limit(self) -> bool:
        return self.column.wip_limit is not None and self.count > self.column.wip_limit

    @property
    def at_limit(self) -> bool:
        return self.column.wip_limit is not None and self.count >= self.column.wip_limit


@dataclass
class BoardView:
    board: Board
    columns: list[ColumnView]
    today: date
    first_column_id: int | None = None

    def column(self, column_id: int) -> ColumnView | None:
        return next((c for c in self.columns if c.column.id == column_id), None)

    @property
    def card_count(self) -> int:
        return sum(c.count for c in self.columns)


def _board_stmt():
    return select(Board).options(joinedload(Board.team))


def get_board(board_id: int) -> Board | None:
    """A board by id, with its team and chain."""
    return db.session.scalar(_board_stmt().where(Board.id == board_id))


def get_visible_board(board_id: int, viewer) -> Board | None:
    """A board the viewer may see, else None (a private board of another team is missing)."""
    board = get_board(board_id)
    if board is None or not permissions.can_view(viewer, board):
        return None
    return board


def list_columns(board_id: int) -> list[BoardColumn]:
    """A board's columns, left to right."""
    return list(
        db.session.scalars(
            select(BoardColumn)
            .where(BoardColumn.board_id == board_id)
            .order_by(BoardColumn.position, BoardColumn.id)
        )
    )


def _card_options():
    return (
        joinedload(Card.idea),
        selectinload(Card.owners),
        selectinload(Card.perspective_rows),
        selectinload(Card.tags),
    )


def _summaries(*where, full: bool = False) -> list[CardSummary]:
    """Cards as plain rows with their ideas, then owners, perspectives and tags: four queries."""
    extra = (Card.description, Card.archived_at, Card.created_at) if full else ()
    rows = db.session.execute(
        select(
            Card.id,
            Card.board_id,
            Card.column_id,
            Card.title,
            Card.due_date,
            Card.blocked,
            Card.blocked_reason,
            Card.idea_id,
            Card.version,
            Card.column_entered_at,
            Idea.title,
            Idea.vote_count,
            *extra,
        )
        .outerjoin(Idea, Idea.id == Card.idea_id)
        .where(*where)
        .order_by(Card.column_id, Card.rank, Card.id)
    ).all()
    cards: dict[int, CardSummary] = {}
    for row in rows:
        card = CardSummary(
            id=row[0],
            board_id=row[1],
            column_id=row[2],
            title=row[3],
            due_date=row[4],
            blocked=row[5],
            blocked_reason=row[6],
            idea_id=row[7],
            version=row[8],
            column_entered_at=row[9],
        )
        if full:
            card.description, card.archived_at, card.created_at = row[12], row[13], row[14]
        if row[7] is not None:
            card.idea = IdeaSummary(row[10], row[11])
        cards[card.id] = card
    if not cards:
        return []
    ids = select(Card.id).where(*where).scalar_subquery()
    for card_id, user_id, name in db.session.execute(
        select(CardOwner.card_id, User.id, User.name)
        .join(User, User.id == CardOwner.user_id)
        .where(CardOwner.card_id.in_(ids))
        .order_by(User.name)
    ):
        cards[card_id].owners.append(OwnerSummary(user_id, name))
    for card_id, perspective in db.session.execute(
        select(CardPerspective.card_id, CardPerspective.perspective).where(
            CardPerspective.card_id.in_(ids)
        )
    ):
        cards[card_id].perspectives.append(perspective)
    for card_id, name in db.session.execute(
        select(CardTag.card_id, Tag.name)
        .join(Tag, Tag.id == CardTag.tag_id)
        .where(CardTag.card_id.in_(ids))
        .order_by(Tag.name)
    ):
        cards[card_id].tags.append(name)
    order = {p: i for i, p in enumerate(PERSPECTIVES)}
    for card in cards.values():
        if len(card.perspectives) > 1:
            card.perspectives.sort(key=order.__getitem__)
    return list(cards.values())


def get_board_view(
    board: Board, column_ids: list[int] | None = None, full: bool = False
) -> BoardView:
    """The board's columns with their open cards in order (all columns, or only some).

    Five queries whatever the number of cards, read as plain rows: building ORM objects for a
    thousand cards with their owners and ideas cost ten times the SQL.
    """
    columns = list_columns(board.id)
    first_column_id = columns[0].id if columns else None
    if column_ids is not None:
        columns = [c for c in columns if c.id in column_ids]
    views = {c.id: ColumnView(c) for c in columns}
    for card in _summaries(
        Card.board_id == board.id,
        Card.archived_at.is_(None),
        Card.column_id.in_(list(views)),
        full=full,
    ):
        views[card.column_id].cards.append(card)
    for view in views.values():
        view.count = len(view.cards)
    return BoardView(board, [views[c.id] for c in columns], now().date(), first_column_id)


def get_card_summary(card_id: int) -> CardSummary | None:
    """One card as the board shows it."""
    found = _summaries(Card.id == card_id)
    return found[0] if found else None


def get_column_headers(board: Board, column_ids: list[int]) -> BoardView:
    """Columns with their open-card counts but without their cards (the headers of a move)."""
    counts = count_open_cards(board.id)
    columns = [c for c in list_columns(board.id) if c.id in column_ids]
    views = [ColumnView(c, [], counts.get(c.id, 0)) for c in columns]
    return BoardView(board, views, now().date())


def card_before(card: Card) -> int | None:
    """The open card right above this one in its column, if any."""
    return db.session.scalar(
        select(Card.id)
        .where(
            Card.column_id == card.column_id,
            Card.archived_at.is_(None),
            or_(Card.rank < card.rank, and_(Card.rank == card.rank, Card.id < card.id)),
        )
        .order_by(Card.rank.desc(), Card.id.desc())
        .limit(1)
    )


def card_position(card: Card) -> int:
    """1 for the top card of its column, 2 for the next, …"""
    above = db.session.scalar(
        select(func.count(Card.id)).where(
            Card.column_id == card.column_id,
            Card.archived_at.is_(None),
            or_(Card.rank < card.rank, and_(Card.rank == card.rank, Card.id < card.id)),
        )
    )
    return (above or 0) + 1


def get_card_for_write(card_id: int) -> Card | None:
    """A card with its board and team: enough to authorise a change (no owners or tags)."""
    return db.session.scalar(
        select(Card)
        .where(Card.id == card_id)
        .options(joinedload(Card.board).joinedload(Board.team))
    )


def count_open_cards(board_id: int) -> dict[int, int]:
    """Open cards per column of a board."""
    return {
        row[0]: row[1]
        for row in db.session.execute(
            select(Card.column_id, func.count(Card.id))
            .where(Card.board_id == board_id, Card.archived_at.is_(None))
            .group_by(Card.column_id)
        )
    }


@dataclass(frozen=True)
class BoardListItem:
    board: Board
    open_cards: int


def list_boards(viewer, team_id: int | None = None, include_archived: bool = False):
    """The boards a viewer may see (of one team, or all), by chain, team and name."""
    stmt = (
        select(Board)
        .join(Team, Team.id == Board.team_id)
        .join(Chain, Chain.id == Team.chain_id)
        .options(joinedload(Board.team))
        .where(permissions.visible_clause(viewer))
        .order_by(func.lower(Chain.name), func.lower(Team.name), func.lower(Board.name))
    )
    if team_id is not None:
        stmt = stmt.where(Board.team_id == team_id)
    if not include_archived:
        stmt = stmt.where(Board.archived_at.is_(None))
    boards = list(db.session.scalars(stmt).unique())
    counts: dict[int, int] = {}
    if boards:
        counts = {
            row[0]: row[1]
            for row in db.session.execute(
                select(Card.board_id, func.count(Card.id))
                .where(Card.board_id.in_([b.id for b in boards]), Card.archived_at.is_(None))
                .group_by(Card.board_id)
            )
        }
    return [BoardListItem(b, counts.get(b.id, 0)) for b in boards]


def get_card(card_id: int) -> Card | None:
    """A card with its board, column, owners, perspectives, tags and idea."""
    return db.session.scalar(
        select(Card)
        .where(Card.id == card_id)
        .options(
            joinedload(Card.board).joinedload(Board.team),
            joinedload(Card.column),
            *_card_options(),
        )
    )


def get_visible_card(card_id: int, viewer) -> Card | None:
    """A card on a board the viewer may see, else None."""
    card = get_card(card_id)
    if card is None or not permissions.can_view(viewer, card.board):
        return None
    return card


def list_card_events(card_id: int) -> list[CardEvent]:
    """A card's history, newest first, with who did it."""
    return list(
        db.session.scalars(
            select(CardEvent)
            .where(CardEvent.card_id == card_id)
            .options(joinedload(CardEvent.actor))
            .order_by(CardEvent.created_at.desc(), CardEvent.id.desc())
        )
    )


def list_checklist(card_id: int) -> list[CardChecklistItem]:
    """A card's checklist in order."""
    return list(
        db.session.scalars(
            select(CardChecklistItem)
            .where(CardChecklistItem.card_id == card_id)
            .order_by(CardChecklistItem.position, CardChecklistItem.id)
        )
    )


def get_checklist_item(item_id: int) -> CardChecklistItem | None:
    """A checklist line by id."""
    return db.session.get(CardChecklistItem, item_id)


def list_comments(card_id: int) -> list[CardComment]:
    """A card's comments, oldest first, with their authors."""
    return list(
        db.session.scalars(
            select(CardComment)
            .where(CardComment.card_id == card_id)
            .options(joinedload(CardComment.author))
            .order_by(CardComment.created_at, CardComment.id)
        )
    )


def list_column_cards(column_id: int) -> list[Card]:
    """The open cards of one column in order (for the position choice of a move)."""
    return list(
        db.session.scalars(
            select(Card)
            .where(Card.column_id == column_id, Card.archived_at.is_(None))
            .order_by(Card.rank, Card.id)
        )
    )


def list_open_cards_by_column(board_id: int) -> dict[int, list[tuple[int, str]]]:
    """Id and title of every open card per column, in order (the move form's positions)."""
    result: dict[int, list[tuple[int, str]]] = {}
    rows = db.session.execute(
        select(Card.column_id, Card.id, Card.title)
        .where(Card.board_id == board_id, Card.archived_at.is_(None))
        .order_by(Card.column_id, Card.rank, Card.id)
    )
    for column_id, card_id, title in rows:
        result.setdefault(column_id, []).append((card_id, title))
    return result


def board_version(board_id: int) -> int | None:
    """The board's change counter (one indexed read)."""
    return db.session.scalar(select(Board.version).where(Board.id == board_id))
