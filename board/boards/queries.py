"""Read side of the boards area. Never writes; eager-loads so templates never lazy-load.

The board page costs the same few queries whatever the number of cards: the board with its
team, its columns, its open cards with their ideas, and one query for the owners, perspectives
and tags of all those cards together. A card's page reads the card with its board, column and
idea, then everything listed on it (owners, perspectives, tags, checklist, the team's people)
in one query and its comments and history in one more.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Integer,
    String,
    and_,
    bindparam,
    case,
    cast,
    exists,
    false,
    func,
    literal,
    literal_column,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import contains_eager, joinedload, selectinload

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
from board.ideas.models import PERSPECTIVES, Idea, IdeaPerspective, Tag
from board.org.models import LEAD, Chain, Membership, Team


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
    """Cards as plain rows with their ideas, then owners, perspectives and tags: two queries."""
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
    _read_labels(cards, select(Card.id).where(*where).scalar_subquery())
    return list(cards.values())


def _read_labels(cards: dict[int, CardSummary], ids, idea_id: int | None = None) -> None:
    """The owners, perspectives and tags of cards (`ids`: a subquery of their ids), and with
    `idea_id` that idea's title and votes too: one UNION ALL."""
    owners = (
        select(_kind("o"), CardOwner.card_id, User.id, User.name)
        .join(User, User.id == CardOwner.user_id)
        .where(CardOwner.card_id.in_(ids))
    )
    perspectives = select(
        _kind("p"), CardPerspective.card_id, cast(null(), Integer), CardPerspective.perspective
    ).where(CardPerspective.card_id.in_(ids))
    tags = (
        select(_kind("t"), CardTag.card_id, Tag.id, Tag.name)
        .join(Tag, Tag.id == CardTag.tag_id)
        .where(CardTag.card_id.in_(ids))
    )
    parts = [owners, perspectives, tags]
    if idea_id is not None:
        card_id = next(iter(cards))
        parts.append(
            select(_kind("d"), literal(card_id, Integer), Idea.vote_count, Idea.title).where(
                Idea.id == idea_id
            )
        )
    labels = union_all(*parts)
    kind_column, _card, _ref, label_column = labels.selected_columns
    for kind, card_id, ref, label in db.session.execute(
        labels.order_by(kind_column, label_column)  # owners and tags by name
    ):
        card = cards[card_id]
        if kind == "o":
            card.owners.append(OwnerSummary(ref, label))
        elif kind == "p":
            card.perspectives.append(label)
        elif kind == "t":
            card.tags.append(label)
        else:
            card.idea = IdeaSummary(label, ref)
    for card in cards.values():
        if len(card.perspectives) > 1:
            card.perspectives.sort(key=_PERSPECTIVE_ORDER.__getitem__)


def summary_of(card: Card) -> CardSummary:
    """A card already read (and perhaps just changed) as the board shows it: its owners,
    perspectives, tags and idea in one query."""
    summary = CardSummary(
        id=card.id,
        board_id=card.board_id,
        column_id=card.column_id,
        title=card.title,
        due_date=card.due_date,
        blocked=card.blocked,
        blocked_reason=card.blocked_reason,
        idea_id=card.idea_id,
        version=card.version,
        column_entered_at=card.column_entered_at,
    )
    _read_labels({card.id: summary}, [card.id], card.idea_id)
    return summary


_PERSPECTIVE_ORDER = {p: i for i, p in enumerate(PERSPECTIVES)}


def _kind(letter: str):
    """A constant first column that says which part of a UNION ALL a row comes from."""
    return literal_column(f"'{letter}'", String).label("kind")


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


def get_card_summary(card_id: int, full: bool = False) -> CardSummary | None:
    """One card as the board shows it (`full`: also as the API shows it); two queries."""
    found = _summaries(Card.id == card_id, full=full)
    return found[0] if found else None


def get_column_headers(
    board: Board, column_ids: list[int], columns: list[BoardColumn] | None = None
) -> BoardView:
    """Columns with their open-card counts but without their cards (the headers of a move);
    `columns`: the board's columns when already read."""
    counts = count_open_cards(board.id, column_ids)
    shown = list_columns(board.id) if columns is None else columns
    views = [ColumnView(c, [], counts.get(c.id, 0)) for c in shown if c.id in column_ids]
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


@dataclass(frozen=True)
class CardToChange:
    card: Card  # with its board and team; no owners or tags
    member_of: set[int]  # the viewer's teams as far as this card goes: its board's, or none


def get_card_to_change(card_id: int, viewer) -> CardToChange | None:
    """A card with its board and team, and whether the viewer is in that team: enough to
    authorise a change, in one query."""
    viewer_id = getattr(viewer, "id", None)
    member = (
        exists().where(Membership.team_id == Board.team_id, Membership.user_id == viewer_id)
        if viewer_id is not None
        else false()
    )
    row = db.session.execute(
        select(Card, member)
        .join(Card.board)
        .where(Card.id == card_id)
        .options(contains_eager(Card.board).joinedload(Board.team))
    ).first()
    if row is None:
        return None
    card, is_member = row
    return CardToChange(card, {card.board.team_id} if is_member else set())


def count_open_cards(board_id: int, column_ids: list[int] | None = None) -> dict[int, int]:
    """Open cards per column of a board (of some of its columns)."""
    stmt = select(Card.column_id, func.count(Card.id)).where(
        Card.board_id == board_id, Card.archived_at.is_(None)
    )
    if column_ids is not None:
        stmt = stmt.where(Card.column_id.in_(column_ids))
    return {row[0]: row[1] for row in db.session.execute(stmt.group_by(Card.column_id))}


def last_card_id(column_id: int, except_id: int) -> int | None:
    """The open card at the bottom of a column (leaving one card out), if any."""
    return db.session.scalar(
        select(Card.id)
        .where(Card.column_id == column_id, Card.archived_at.is_(None), Card.id != except_id)
        .order_by(Card.rank.desc(), Card.id.desc())
        .limit(1)
    )


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


@dataclass(slots=True)
class ChecklistLine:
    id: int
    text: str
    done: bool


@dataclass(slots=True)
class CommentLine:
    id: int
    created_at: datetime
    author_name: str
    body: str


@dataclass(slots=True)
class EventLine:
    id: int
    created_at: datetime
    actor_name: str | None  # None: the system
    kind: str
    from_value: str
    to_value: str


@dataclass
class CardPage:
    """Everything a card's page shows. `card` has its board, team, column and idea loaded."""

    card: Card
    owners: list[OwnerSummary] = field(default_factory=list)
    perspectives: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    idea_perspectives: list[str] = field(default_factory=list)
    # The active people of the board's team, leads first (the owner choice), and the ids of
    # everyone in it (whether the viewer may change the card).
    members: list[OwnerSummary] = field(default_factory=list)
    member_ids: set[int] = field(default_factory=set)
    checklist: list[ChecklistLine] = field(default_factory=list)
    comments: list[CommentLine] = field(default_factory=list)  # oldest first
    events: list[EventLine] = field(default_factory=list)  # newest first

    def member_of(self, viewer) -> set[int]:
        """The viewer's teams as far as this card is concerned: its board's team, or none."""
        return (
            {self.card.board.team_id} if getattr(viewer, "id", None) in self.member_ids else set()
        )


def get_card_page(card_id: int, viewer) -> CardPage | None:
    """A card's page when the viewer may see its board, else None; three queries."""
    card = db.session.scalar(
        select(Card)
        .where(Card.id == card_id)
        .options(
            joinedload(Card.board).joinedload(Board.team),
            joinedload(Card.column),
            # The idea's perspectives come with the card's lists below.
            joinedload(Card.idea).raiseload(Idea.perspective_rows),
        )
    )
    if card is None:
        return None
    page = CardPage(card)
    _read_card_lists(page)
    if not permissions.can_view(viewer, card.board, page.member_of(viewer)):
        return None
    _read_card_timeline(page)
    return page


def _list_row(kind: str, ref, text, flag=None, position=None, sort=None):
    """One part of the card's lists: (kind, id, text, flag, position, sort key), labelled so
    the UNION ALL can be ordered by name."""
    return select(
        _kind(kind),
        (ref if ref is not None else cast(null(), Integer)).label("ref"),
        text.label("text"),
        (flag if flag is not None else cast(null(), Boolean)).label("flag"),
        (position if position is not None else literal_column("0", Integer)).label("position"),
        (sort if sort is not None else text).label("sort"),
    )


def _card_lists_statement():
    """Owners, perspectives, tags, the team, the checklist and the idea's perspectives of one
    card: one UNION ALL, ordered by kind, then position, then name. Built once: putting it
    together cost more than running it."""
    card_id = bindparam("card_id", type_=Integer)
    lower = func.lower
    lists = union_all(
        _list_row("o", User.id, User.name, sort=lower(User.name))
        .join(CardOwner, CardOwner.user_id == User.id)
        .where(CardOwner.card_id == card_id),
        _list_row("p", None, CardPerspective.perspective).where(CardPerspective.card_id == card_id),
        _list_row("t", Tag.id, Tag.name, sort=lower(Tag.name))
        .join(CardTag, CardTag.tag_id == Tag.id)
        .where(CardTag.card_id == card_id),
        # The team, leads first as on the team page.
        _list_row(
            "m",
            User.id,
            User.name,
            User.active,
            case((Membership.role == LEAD, 0), else_=1),
            lower(User.name),
        )
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.team_id == bindparam("team_id", type_=Integer)),
        _list_row(
            "l",
            CardChecklistItem.id,
            CardChecklistItem.text,
            CardChecklistItem.done,
            CardChecklistItem.position,
            literal_column("''", String),
        ).where(CardChecklistItem.card_id == card_id),
        # No rows for a card without an idea (idea_id = NULL matches nothing).
        _list_row("i", None, IdeaPerspective.perspective).where(
            IdeaPerspective.idea_id == bindparam("idea_id", type_=Integer)
        ),
    )
    columns = lists.selected_columns
    return lists.order_by(columns.kind, columns.position, columns.sort, columns.ref)


def _card_timeline_statement():
    """A card's comments and history in one UNION ALL, oldest first; built once."""
    card_id = bindparam("card_id", type_=Integer)
    empty = literal_column("''", String)
    comments = (
        select(
            _kind("c"),
            CardComment.id.label("ref"),
            CardComment.created_at.label("created_at"),
            User.name.label("name"),
            CardComment.body.label("text"),
            empty.label("from_value"),
            empty.label("to_value"),
        )
        .join(User, User.id == CardComment.author_id)
        .where(CardComment.card_id == card_id)
    )
    events = (
        select(
            _kind("e"),
            CardEvent.id,
            CardEvent.created_at,
            User.name,
            CardEvent.kind,
            CardEvent.from_value,
            CardEvent.to_value,
        )
        .outerjoin(User, User.id == CardEvent.actor_id)
        .where(CardEvent.card_id == card_id)
    )
    timeline = union_all(comments, events)
    columns = timeline.selected_columns
    return timeline.order_by(columns.created_at, columns.ref)


_CARD_LISTS = _card_lists_statement()
_CARD_TIMELINE = _card_timeline_statement()


def _read_card_lists(page: CardPage) -> None:
    card = page.card
    rows = db.session.execute(
        _CARD_LISTS,
        {"card_id": card.id, "team_id": card.board.team_id, "idea_id": card.idea_id},
    )
    for kind, ref, text, flag, _position, _sort in rows:
        if kind == "o":
            page.owners.append(OwnerSummary(ref, text))
        elif kind == "p":
            page.perspectives.append(text)
        elif kind == "t":
            page.tags.append(text)
        elif kind == "i":
            page.idea_perspectives.append(text)
        elif kind == "m":
            page.member_ids.add(ref)
            if flag:
                page.members.append(OwnerSummary(ref, text))
        else:
            page.checklist.append(ChecklistLine(ref, text, bool(flag)))
    page.perspectives.sort(key=_PERSPECTIVE_ORDER.__getitem__)
    page.idea_perspectives.sort(key=_PERSPECTIVE_ORDER.__getitem__)


def _read_card_timeline(page: CardPage) -> None:
    """Comments oldest first, the history newest first."""
    rows = db.session.execute(_CARD_TIMELINE, {"card_id": page.card.id})
    for kind, ref, created_at, name, text, before, after in rows:
        if kind == "c":
            page.comments.append(CommentLine(ref, created_at, name, text))
        else:
            page.events.append(EventLine(ref, created_at, name, text, before, after))
    page.events.reverse()


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
