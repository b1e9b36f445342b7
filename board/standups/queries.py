"""Read side of the stand-ups area. Never writes; eager-loads so templates never lazy-load.

The agenda itself is built in board.standups.agenda; here are the stand-ups, their notes,
decisions, attendees and action items, the archive and the team's settings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from board.accounts.models import User
from board.boards.models import Board
from board.clock import now
from board.extensions import db
from board.org.models import Membership, Team
from board.standups.models import (
    DEFAULT_LENGTH,
    ActionItem,
    Standup,
    StandupAttendee,
    StandupEntry,
    StandupSettings,
)

FIRST_PERIOD_DAYS = 7


@dataclass(slots=True)
class ActionItemRow:
    item: ActionItem
    overdue: bool


def list_team_boards(team_id: int, include_private: bool = True) -> list[Board]:
    """The team's boards that are not archived, oldest first (the first is 'the' board)."""
    stmt = (
        select(Board)
        .where(Board.team_id == team_id, Board.archived_at.is_(None))
        .order_by(Board.id)
    )
    if not include_private:
        stmt = stmt.where(Board.visibility == "public")
    return list(db.session.scalars(stmt))


def team_has_only_private_boards(team_id: int) -> bool:
    """True when the team keeps its boards to itself: it has a private board (archived ones
    count: archiving a private board does not open up what its stand-ups said) and no public
    board in use."""
    rows = db.session.execute(
        select(Board.visibility, Board.archived_at).where(Board.team_id == team_id)
    ).all()
    has_private = any(v == "private" for v, _archived in rows)
    return has_private and not any(v != "private" and a is None for v, a in rows)


def list_open_action_items_of(
    team_ids: Sequence[int], done_since: datetime | None = None
) -> dict[int, list[ActionItem]]:
    """Per team its open action items (and those ticked off since `done_since`), oldest due
    first, with owner and who ticked them off (one query)."""
    stmt = (
        select(ActionItem)
        .where(ActionItem.team_id.in_(list(team_ids) or [-1]))
        .options(joinedload(ActionItem.owner), joinedload(ActionItem.done_by))
        .order_by(
            ActionItem.due_date.is_(None), ActionItem.due_date, ActionItem.created_at, ActionItem.id
        )
    )
    if done_since is not None:
        stmt = stmt.where(or_(ActionItem.done_at.is_(None), ActionItem.done_at >= done_since))
    else:
        stmt = stmt.where(ActionItem.done_at.is_(None))
    result: dict[int, list[ActionItem]] = {t: [] for t in team_ids}
    for item in db.session.scalars(stmt):
        result[item.team_id].append(item)
    return result


def list_open_action_items(team_id: int, done_since: datetime | None = None) -> list[ActionItem]:
    """A team's open action items (and those ticked off since `done_since`), oldest due first."""
    return list_open_action_items_of([team_id], done_since)[team_id]


def action_item_rows(items: list[ActionItem], today: date) -> list[ActionItemRow]:
    """Action items with whether they are past their due date."""
    return [ActionItemRow(i, i.is_late(today)) for i in items]


# --- stand-ups ----------------------------------------------------------------------------------


def get_settings(team_id: int) -> StandupSettings:
    """The team's stand-up settings (the defaults when it has none; not added to the session)."""
    row = db.session.get(StandupSettings, team_id)
    return row or StandupSettings(team_id=team_id, length_minutes=DEFAULT_LENGTH)


def next_standup(team_id: int, moment: datetime | None = None) -> datetime | None:
    """When the team's next stand-up is, from its usual weekday and time (local), or None."""
    return _next_of(db.session.get(StandupSettings, team_id), moment)


def _next_of(row: StandupSettings | None, moment: datetime | None) -> datetime | None:
    if row is None or row.weekday is None or not row.start_time:
        return None
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    local = (moment or now()).astimezone(zone)
    hour, minute = (int(part) for part in row.start_time.split(":"))
    day = local.date() + timedelta(days=(row.weekday - local.weekday()) % 7)
    when = datetime.combine(day, time(hour, minute), tzinfo=zone)
    return when if when > local else when + timedelta(days=7)


def get_length(team_id: int) -> int:
    """The team's stand-up length in minutes (15 unless set)."""
    value = db.session.scalar(
        select(StandupSettings.length_minutes).where(StandupSettings.team_id == team_id)
    )
    return value or DEFAULT_LENGTH


def get_open_standup(team_id: int) -> Standup | None:
    """The team's stand-up that has started and not been finished, if any."""
    return db.session.scalar(
        select(Standup)
        .where(Standup.team_id == team_id, Standup.ended_at.is_(None))
        .options(joinedload(Standup.held_by))
    )


def get_last_standup(team_id: int) -> Standup | None:
    """The team's most recent stand-up (open or finished)."""
    return db.session.scalar(
        select(Standup)
        .where(Standup.team_id == team_id)
        .order_by(Standup.started_at.desc(), Standup.id.desc())
        .limit(1)
    )


def get_standup(standup_id: int) -> Standup | None:
    """A stand-up by id."""
    return db.session.get(Standup, standup_id)


def next_period_start(team_id: int, moment: datetime) -> datetime:
    """Where the agenda starts: the previous stand-up's start, or 7 days ago for the first."""
    last = get_last_standup(team_id)
    if last is not None:
        return last.started_at
    return moment - timedelta(days=FIRST_PERIOD_DAYS)


def member_ids(team_id: int) -> set[int]:
    """The people in a team."""
    return set(db.session.scalars(select(Membership.user_id).where(Membership.team_id == team_id)))


@dataclass(slots=True)
class Person:
    id: int
    name: str


def list_attendees(standup_ids: list[int]) -> dict[int, list[Person]]:
    """Who was at each stand-up, by name."""
    result: dict[int, list[Person]] = {i: [] for i in standup_ids}
    if not standup_ids:
        return result
    for standup_id, user_id, name in db.session.execute(
        select(StandupAttendee.standup_id, User.id, User.name)
        .join(User, User.id == StandupAttendee.user_id)
        .where(StandupAttendee.standup_id.in_(standup_ids))
        .order_by(func.lower(User.name))
    ):
        result[standup_id].append(Person(user_id, name))
    return result


def list_entries(standup_ids: list[int]) -> dict[int, list[StandupEntry]]:
    """Notes and decisions per stand-up, in the order they were written."""
    result: dict[int, list[StandupEntry]] = {i: [] for i in standup_ids}
    if not standup_ids:
        return result
    for entry in db.session.scalars(
        select(StandupEntry)
        .where(StandupEntry.standup_id.in_(standup_ids))
        .options(joinedload(StandupEntry.author))
        .order_by(StandupEntry.created_at, StandupEntry.id)
    ):
        result[entry.standup_id].append(entry)
    return result


def list_agreed_items(standup_ids: list[int]) -> dict[int, list[ActionItem]]:
    """The action items agreed at each stand-up, with owner and who ticked them off."""
    result: dict[int, list[ActionItem]] = {i: [] for i in standup_ids}
    if not standup_ids:
        return result
    for item in db.session.scalars(
        select(ActionItem)
        .where(ActionItem.standup_id.in_(standup_ids))
        .options(joinedload(ActionItem.owner), joinedload(ActionItem.done_by))
        .order_by(ActionItem.created_at, ActionItem.id)
    ):
        result[item.standup_id].append(item)  # type: ignore[index]
    return result


@dataclass
class HistoryItem:
    standup: Standup
    entries: list[StandupEntry]
    action_items: list[ActionItem]
    attendees: list[Person] = field(default_factory=list)

    @property
    def notes(self) -> list[StandupEntry]:
        return [e for e in self.entries if e.kind == "note"]

    @property
    def decisions(self) -> list[StandupEntry]:
        return [e for e in self.entries if e.kind == "decision"]


HISTORY_PAGE = 15


def list_history(
    team_id: int, search: str = "", limit: int = HISTORY_PAGE, offset: int = 0
) -> list[HistoryItem]:
    """A team's stand-ups, newest first, with who was there and what was noted, decided and
    agreed (4 queries).

    `search` keeps the stand-ups whose notes, decisions or action items contain the words.
    """
    stmt = (
        select(Standup)
        .where(Standup.team_id == team_id)
        .options(joinedload(Standup.held_by))
        .order_by(Standup.started_at.desc(), Standup.id.desc())
        .limit(limit)
        .offset(offset)
    )
    term = " ".join((search or "").split())[:100]
    if term:
        pattern = f"%{term.lower()}%"
        in_entries = select(StandupEntry.standup_id).where(
            func.lower(StandupEntry.text).like(pattern)
        )
        in_items = select(ActionItem.standup_id).where(func.lower(ActionItem.text).like(pattern))
        stmt = stmt.where(
            or_(
                func.lower(Standup.notes).like(pattern),
                Standup.id.in_(in_entries),
                Standup.id.in_(in_items),
            )
        )
    standups = list(db.session.scalars(stmt))
    ids = [s.id for s in standups]
    entries = list_entries(ids)
    items = list_agreed_items(ids)
    attendees = list_attendees(ids)
    return [HistoryItem(s, entries[s.id], items[s.id], attendees[s.id]) for s in standups]


def get_action_item(item_id: int) -> ActionItem | None:
    """An action item with its owner."""
    return db.session.scalar(
        select(ActionItem)
        .where(ActionItem.id == item_id)
        .options(joinedload(ActionItem.owner), joinedload(ActionItem.done_by))
    )


def current_period(team_id: int, moment: datetime | None = None) -> tuple[Standup | None, datetime]:
    """The open stand-up (if any) and where the agenda starts."""
    moment = moment or now()
    standup = get_open_standup(team_id)
    if standup is not None:
        return standup, standup.period_start
    return None, next_period_start(team_id, moment)


# --- reminders: action items past their due date ------------------------------------------------
# Derived from the action_items table itself (no copies as notifications), so an item is gone
# from every list and count the moment it is ticked off.


def local_today(moment: datetime | None = None) -> date:
    """Today in the app's time zone (BABEL_DEFAULT_TIMEZONE), the day due dates are read in."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return (moment or now()).astimezone(zone).date()


def _open_of(user_id: int):
    """A person's open action items in active teams."""
    return (
        ActionItem.owner_id == user_id,
        ActionItem.done_at.is_(None),
        ActionItem.team_id.in_(select(Team.id).where(Team.active.is_(True))),
    )


def due_action_items_count(user_id: int, today: date):
    """For the menu's one query: how many of a person's open action items are due today or
    earlier (a scalar subquery)."""
    return (
        select(func.count(ActionItem.id))
        .where(*_open_of(user_id), ActionItem.due_date <= today)
        .scalar_subquery()
    )


@dataclass(slots=True)
class MyActionItem:
    item: ActionItem
    team_name: str
    days_late: int | None  # 0 when due today, None without a due date
    can_tick: bool  # the toggle route allows members of the team and managers


def list_my_action_items(user, due_by: date | None = None) -> list[MyActionItem]:
    """A person's open action items (only those due on or before `due_by` when given), most
    overdue first, with their team and whether they may tick it off (one query)."""
    today = local_today()
    member = select(Membership.id).where(
        Membership.team_id == ActionItem.team_id, Membership.user_id == user.id
    )
    stmt = (
        select(ActionItem, Team.name, member.exists())
        .join(Team, Team.id == ActionItem.team_id)
        .where(*_open_of(user.id))
        .order_by(
            ActionItem.due_date.is_(None),
            ActionItem.due_date,
            func.lower(Team.name),
            ActionItem.id,
        )
    )
    if due_by is not None:
        stmt = stmt.where(ActionItem.due_date <= due_by)
    return [
        MyActionItem(
            item,
            team_name,
            (today - item.due_date).days if item.due_date is not None else None,
            bool(user.is_manager) or bool(is_member),
        )
        for item, team_name, is_member in db.session.execute(stmt)
    ]


@dataclass(slots=True)
class OverdueOfTeam:
    count: int
    owners: list[str]


def team_overdue_action_items(team_id: int, today: date | None = None) -> OverdueOfTeam:
    """For the board's marker: the team's open action items past their due date, with their
    owners' names (one query)."""
    today = today or local_today()
    rows = db.session.execute(
        select(ActionItem.id, User.name)
        .outerjoin(User, User.id == ActionItem.owner_id)
        .where(
            ActionItem.team_id == team_id,
            ActionItem.done_at.is_(None),
            ActionItem.due_date < today,
        )
    ).all()
    owners = sorted({name for _item, name in rows if name}, key=str.lower)
    return OverdueOfTeam(len(rows), owners)


# --- the API: teams, stand-ups and action items across teams -----------------------------------


def teams_with_only_private_boards() -> set[int]:
    """The teams that keep their boards to themselves (one query; the list form of
    team_has_only_private_boards, for lists of teams)."""
    public_in_use = (Board.visibility != "private") & Board.archived_at.is_(None)
    return set(
        db.session.scalars(
            select(Board.team_id)
            .group_by(Board.team_id)
            .having(
                func.count(Board.id).filter(Board.visibility == "private") > 0,
                func.count(Board.id).filter(public_in_use) == 0,
            )
        )
    )


def next_standups(team_ids: list[int], moment: datetime | None = None) -> dict[int, datetime]:
    """next_standup for many teams in one query. Teams without a usual day and time are left
    out."""
    rows = db.session.scalars(
        select(StandupSettings).where(
            StandupSettings.team_id.in_(team_ids), StandupSettings.weekday.is_not(None)
        )
    )
    moment = moment or now()
    found = {row.team_id: _next_of(row, moment) for row in rows}
    return {team_id: when for team_id, when in found.items() if when is not None}


def get_history_item(standup_id: int) -> HistoryItem | None:
    """One stand-up with who led and attended it and what was noted, decided and agreed
    (4 queries)."""
    standup = db.session.scalar(
        select(Standup).where(Standup.id == standup_id).options(joinedload(Standup.held_by))
    )
    if standup is None:
        return None
    ids = [standup.id]
    return HistoryItem(
        standup,
        list_entries(ids)[standup.id],
        list_agreed_items(ids)[standup.id],
        list_attendees(ids)[standup.id],
    )


ACTION_ITEMS_PAGE = 50


def list_action_items(
    team_ids: set[int],
    *,
    owner_id: int | None = None,
    is_open: bool | None = None,
    limit: int = ACTION_ITEMS_PAGE,
    offset: int = 0,
) -> list[ActionItem]:
    """Action items of these teams, open ones first, each by due date (none last) and age,
    with their owners (one query)."""
    stmt = (
        select(ActionItem)
        .where(ActionItem.team_id.in_(team_ids or [-1]))
        .options(joinedload(ActionItem.owner))
        .order_by(
            ActionItem.done_at.is_not(None),
            ActionItem.due_date.is_(None),
            ActionItem.due_date,
            ActionItem.created_at,
            ActionItem.id,
        )
        .limit(limit)
        .offset(offset)
    )
    if owner_id is not None:
        stmt = stmt.where(ActionItem.owner_id == owner_id)
    if is_open is not None:
        stmt = stmt.where(
            ActionItem.done_at.is_(None) if is_open else ActionItem.done_at.is_not(None)
        )
    return list(db.session.scalars(stmt))
