"""The stand-up agenda, built from the card events of the team's boards in a constant number
of queries whatever the size of the history: boards, columns, open cards, the stays in each
column over the last 90 days (a window function), the events of the period, when blocked
cards were blocked, the open action items and the new ideas. The rest is done in Python.

`build_agendas` does this for several teams at once (the chain stand-up) in the same number of
queries as for one; `build_agenda` is the one team of the team stand-up.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import aliased

from board.accounts.models import User
from board.boards.models import Board, BoardColumn, Card, CardEvent
from board.db import UTCDateTime
from board.extensions import db
from board.ideas.models import VISIBLE, Idea
from board.org.models import Team
from board.standups.queries import (
    ActionItemRow,
    action_item_rows,
    list_open_action_items_of,
    list_team_boards,
    local_today,
)

USUAL_TIME_WINDOW_DAYS = 90
# Fewer finished stays than this say too little about a column's usual time; then a card
# counts as aged after FALLBACK_USUAL_DAYS.
MIN_STAYS = 3
FALLBACK_USUAL_DAYS = 14.0
IDEAS_MAX = 8
# A stand-up talks about a few cards per column, not about all of them: each list shows the
# most telling ones (newest changes, longest overdue or aged) and says how many more there are.
LIST_MAX = 8
STAY_EVENT_KINDS = ("created", "move", "restored")


@dataclass(slots=True)
class AgendaCard:
    """An open card as the agenda shows it."""

    id: int
    board_id: int
    column_id: int
    title: str
    due_date: date | None
    blocked: bool
    blocked_reason: str
    column_entered_at: datetime
    created_at: datetime


@dataclass(slots=True)
class CardChange:
    """Something that happened to a card in the period: who moved or made it, and when."""

    card_id: int
    title: str
    from_name: str
    to_name: str
    actor_name: str
    at: datetime


@dataclass(slots=True)
class OverdueCard:
    card: AgendaCard
    days_overdue: int


@dataclass(slots=True)
class AgedCard:
    card: AgendaCard
    days_in_column: int
    usual_days: float


@dataclass(slots=True)
class BlockedCard:
    card: AgendaCard
    board_name: str
    column_name: str
    since: datetime
    days: int


@dataclass
class ColumnAgenda:
    """One column of the board walk: what finished, moved in, is new, overdue or aged."""

    board: Board
    column: BoardColumn
    open_count: int
    finished: list[CardChange] = field(default_factory=list)
    moved_in: list[CardChange] = field(default_factory=list)
    new: list[CardChange] = field(default_factory=list)
    overdue: list[OverdueCard] = field(default_factory=list)
    aged: list[AgedCard] = field(default_factory=list)
    usual_days: float | None = None
    more: dict[str, int] = field(default_factory=dict)

    def trim(self, limit: int = LIST_MAX) -> None:
        """Keep the first `limit` of each list; remember how many were left out."""
        for name in ("finished", "moved_in", "new", "overdue", "aged"):
            items = getattr(self, name)
            if len(items) > limit:
                self.more[name] = len(items) - limit
                del items[limit:]

    def total(self, name: str) -> int:
        """How many cards a list had before trim() cut it ('finished', 'overdue', ...)."""
        return len(getattr(self, name)) + self.more.get(name, 0)

    @property
    def is_empty(self) -> bool:
        return not (self.finished or self.moved_in or self.new or self.overdue or self.aged)

    @property
    def over_limit(self) -> bool:
        limit = self.column.wip_limit
        return limit is not None and self.open_count > limit


@dataclass(slots=True)
class WipExceeded:
    board: Board
    column: BoardColumn
    count: int
    limit: int


@dataclass(slots=True)
class AgendaIdea:
    id: int
    title: str
    vote_count: int
    created_at: datetime
    is_new: bool


@dataclass
class Agenda:
    """Everything the stand-up page needs, ready to show."""

    team: Team
    since: datetime
    until: datetime
    today: date
    boards: list[Board]
    action_items: list[ActionItemRow]
    blocked: list[BlockedCard]
    columns: list[ColumnAgenda]
    wip: list[WipExceeded]
    ideas: list[AgendaIdea]
    # All the team's untriaged ideas; `ideas` holds the first IDEAS_MAX of them.
    ideas_waiting: int = 0

    @property
    def overdue_action_items(self) -> int:
        return sum(1 for row in self.action_items if row.overdue)

    @property
    def walk(self) -> list[ColumnAgenda]:
        """The columns that have something to talk about, right to left."""
        return [c for c in self.columns if not c.is_empty]

    @property
    def first_board(self) -> Board | None:
        return self.boards[0] if self.boards else None


def _days(delta: timedelta) -> float:
    return delta.total_seconds() / 86400


@lru_cache(maxsize=1)
def _stays_statement():
    """Each finished stay in a column: a move out of it paired with the card's previous event,
    which put it there (a window function, so only the stays come back, not the history).

    Built once: a subquery with window functions costs more to construct than to run.
    """
    ordering = (CardEvent.created_at, CardEvent.id)
    history = (
        select(
            CardEvent.kind,
            CardEvent.from_column_id,
            CardEvent.created_at,
            func.lag(CardEvent.created_at, type_=UTCDateTime())
            .over(partition_by=CardEvent.card_id, order_by=ordering)
            .label("prev_at"),
            func.lag(CardEvent.to_column_id)
            .over(partition_by=CardEvent.card_id, order_by=ordering)
            .label("prev_to"),
        )
        .where(
            CardEvent.board_id.in_(bindparam("board_ids", expanding=True)),
            CardEvent.kind.in_(STAY_EVENT_KINDS),
            CardEvent.created_at >= bindparam("fetch_from", type_=UTCDateTime()),
            CardEvent.created_at <= bindparam("until", type_=UTCDateTime()),
        )
        .subquery()
    )
    return select(history.c.from_column_id, history.c.created_at, history.c.prev_at).where(
        history.c.kind == "move",
        history.c.prev_to == history.c.from_column_id,
        history.c.created_at >= bindparam("usual_from", type_=UTCDateTime()),
    )


def _usual_days(stays: dict[int, list[float]], column_id: int) -> float:
    found = stays.get(column_id, [])
    if len(found) < MIN_STAYS:
        return FALLBACK_USUAL_DAYS
    return float(statistics.median(found))


def list_new_ideas(team_id: int, since: datetime) -> list[AgendaIdea]:
    """The team's ideas that nobody triaged yet, most votes first; those since `since` marked."""
    return list_new_ideas_of([team_id], since)[team_id][0]


def list_new_ideas_of(
    team_ids: Sequence[int], since: datetime, limit: int = IDEAS_MAX
) -> dict[int, tuple[list[AgendaIdea], int]]:
    """Per team its first `limit` untriaged ideas (most votes first) and how many there are in
    all, in one query (window functions number and count them per team)."""
    order = (Idea.vote_count.desc(), Idea.created_at.desc(), Idea.id.desc())
    ranked = (
        select(
            Idea.id,
            Idea.team_id,
            Idea.title,
            Idea.vote_count,
            Idea.created_at,
            func.row_number().over(partition_by=Idea.team_id, order_by=order).label("n"),
            func.count(Idea.id).over(partition_by=Idea.team_id).label("total"),
        )
        .where(
            Idea.team_id.in_(list(team_ids) or [-1]),
            Idea.status == "nieuw",
            Idea.moderation == VISIBLE,
        )
        .subquery()
    )
    result: dict[int, tuple[list[AgendaIdea], int]] = {t: ([], 0) for t in team_ids}
    for idea_id, team_id, title, votes, created_at, _n, total in db.session.execute(
        select(ranked).where(ranked.c.n <= limit).order_by(ranked.c.team_id, ranked.c.n)
    ):
        ideas = result[team_id][0]
        ideas.append(AgendaIdea(idea_id, title, votes, created_at, created_at >= since))
        result[team_id] = (ideas, total)
    return result


def build_agenda(
    team: Team,
    since: datetime,
    until: datetime,
    *,
    include_private: bool = True,
    done_since: datetime | None = None,
) -> Agenda:
    """The stand-up agenda of a team for the period since → until, from the card events."""
    boards = list_team_boards(team.id, include_private)
    return build_agendas([team], boards, since, until, done_since=done_since)[0]


def build_agendas(
    teams: Sequence[Team],
    boards: Sequence[Board],
    since: datetime,
    until: datetime,
    *,
    done_since: datetime | None = None,
    list_max: int = LIST_MAX,
) -> list[Agenda]:
    """The agendas of several teams over the same period, one per team in the order given, in
    the queries of one. `boards` are the boards to walk (those the reader may see), oldest
    first; each goes to its team's agenda. Lists of the board walk keep `list_max` cards."""
    today = local_today(until)
    board_ids = [b.id for b in boards] or [-1]
    boards_by_id = {b.id: b for b in boards}
    columns = list(
        db.session.scalars(
            select(BoardColumn)
            .where(BoardColumn.board_id.in_(board_ids))
            .order_by(BoardColumn.board_id, BoardColumn.position, BoardColumn.id)
        )
    )
    columns_by_id = {c.id: c for c in columns}
    card_rows = db.session.execute(
        select(
            Card.id,
            Card.board_id,
            Card.column_id,
            Card.title,
            Card.due_date,
            Card.blocked,
            Card.blocked_reason,
            Card.column_entered_at,
            Card.created_at,
        )
        .where(Card.board_id.in_(board_ids), Card.archived_at.is_(None))
        .order_by(Card.column_id, Card.rank, Card.id)
    ).all()
    cards = [AgendaCard(*row) for row in card_rows]

    usual_from = until - timedelta(days=USUAL_TIME_WINDOW_DAYS)
    stays: dict[int, list[float]] = {}
    for column_id, left_at, entered_at in db.session.execute(
        _stays_statement(),
        {
            "board_ids": board_ids,
            "fetch_from": usual_from - timedelta(days=USUAL_TIME_WINDOW_DAYS),
            "until": until,
            "usual_from": usual_from,
        },
    ):
        stays.setdefault(column_id, []).append(_days(left_at - entered_at))

    actor = aliased(User)
    events = db.session.execute(
        select(
            CardEvent.card_id,
            CardEvent.kind,
            CardEvent.from_value,
            CardEvent.to_value,
            CardEvent.to_column_id,
            CardEvent.created_at,
            Card.title,
            actor.name,
        )
        .join(Card, Card.id == CardEvent.card_id)
        .outerjoin(actor, actor.id == CardEvent.actor_id)
        .where(
            CardEvent.board_id.in_(board_ids),
            CardEvent.kind.in_(("created", "move")),
            CardEvent.created_at >= since,
            CardEvent.created_at <= until,
        )
        .order_by(CardEvent.created_at, CardEvent.id)
    ).all()

    blocked_ids = [c.id for c in cards if c.blocked]
    blocked_at: dict[int, datetime] = {}
    if blocked_ids:
        blocked_at = dict(
            db.session.execute(
                select(CardEvent.card_id, func.max(CardEvent.created_at))
                .where(CardEvent.card_id.in_(blocked_ids), CardEvent.kind == "blocked")
                .group_by(CardEvent.card_id)
            ).all()
        )

    views = {c.id: ColumnAgenda(boards_by_id[c.board_id], c, 0) for c in columns}
    usual = {c.id: _usual_days(stays, c.id) for c in columns}
    seen: dict[tuple[str, int, int], CardChange] = {}
    for card_id, kind, before, after, to_col, at, title, actor_name in events:
        if to_col is None or to_col not in views:
            continue
        change = CardChange(card_id, title, before, after, actor_name or "", at)
        if kind == "created":
            seen[("new", to_col, card_id)] = change
        else:
            section = "finished" if columns_by_id[to_col].is_done else "moved_in"
            # A card that went back and forth is told once per column: its latest arrival.
            seen[(section, to_col, card_id)] = change
    for (section_name, column_id, _card_id), change in seen.items():
        getattr(views[column_id], section_name).append(change)
    for view in views.values():
        for changes in (view.finished, view.moved_in, view.new):
            changes.sort(key=lambda c: c.at, reverse=True)

    blocked: list[BlockedCard] = []
    for card in cards:
        found = views.get(card.column_id)
        if found is None:
            continue
        view = found
        view.open_count += 1
        column = view.column
        if card.blocked:
            moment = blocked_at.get(card.id) or card.created_at
            blocked.append(
                BlockedCard(card, view.board.name, column.name, moment, int(_days(until - moment)))
            )
        if column.is_done:
            continue
        if card.due_date is not None and card.due_date < today:
            view.overdue.append(OverdueCard(card, (today - card.due_date).days))
        age = _days(until - card.column_entered_at)
        if age > usual[column.id]:
            view.aged.append(AgedCard(card, int(age), round(usual[column.id], 1)))
    for view in views.values():
        view.usual_days = None if view.column.is_done else round(usual[view.column.id], 1)
        view.aged.sort(key=lambda a: a.days_in_column, reverse=True)
        view.overdue.sort(key=lambda o: o.days_overdue, reverse=True)
        view.trim(list_max)
    blocked.sort(key=lambda b: b.since)

    team_ids = [t.id for t in teams]
    items = list_open_action_items_of(team_ids, done_since)
    ideas = list_new_ideas_of(team_ids, since)
    agendas: list[Agenda] = []
    for team in teams:
        team_boards = [b for b in boards if b.team_id == team.id]
        walk: list[ColumnAgenda] = []
        for board in team_boards:
            walk.extend(reversed([views[c.id] for c in columns if c.board_id == board.id]))
        wip = [
            WipExceeded(v.board, v.column, v.open_count, v.column.wip_limit)  # type: ignore[arg-type]
            for v in walk
            if v.over_limit
        ]
        team_ideas, waiting = ideas[team.id]
        agendas.append(
            Agenda(
                team=team,
                since=since,
                until=until,
                today=today,
                boards=team_boards,
                action_items=action_item_rows(items[team.id], today),
                blocked=[b for b in blocked if boards_by_id[b.card.board_id].team_id == team.id],
                columns=walk,
                wip=wip,
                ideas=team_ideas,
                ideas_waiting=waiting,
            )
        )
    return agendas
