"""Read side of public intake: the links a person manages and the ideas waiting for moderation.
Never writes; a fixed number of queries per page."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import joinedload

from board.extensions import db
from board.ideas.models import PENDING, Idea, IntakeLink, Notification
from board.org.models import LEAD, Chain, Membership, Team
from board.standups import queries as standup_queries


@dataclass(frozen=True)
class LinkRow:
    """An intake link with what it is for and how many ideas came in through it."""

    link: IntakeLink
    team_name: str
    chain_name: str
    received: int
    waiting: int

    @property
    def target_name(self) -> str:
        return self.team_name or self.chain_name


def _link_rows(stmt_filter=None) -> list[LinkRow]:
    counts = (
        select(
            Idea.intake_link_id.label("link_id"),
            func.count(Idea.id).label("received"),
            func.sum(case((Idea.moderation == PENDING, 1), else_=0)).label("waiting"),
        )
        .where(Idea.intake_link_id.is_not(None))
        .group_by(Idea.intake_link_id)
        .subquery()
    )
    stmt = (
        select(IntakeLink, Team.name, Chain.name, counts.c.received, counts.c.waiting)
        .outerjoin(Team, Team.id == IntakeLink.team_id)
        .outerjoin(Chain, Chain.id == IntakeLink.chain_id)
        .outerjoin(counts, counts.c.link_id == IntakeLink.id)
        .order_by(IntakeLink.revoked_at.is_not(None), IntakeLink.created_at.desc(), IntakeLink.id)
    )
    if stmt_filter is not None:
        stmt = stmt.where(stmt_filter)
    return [
        LinkRow(link, team or "", chain or "", int(received or 0), int(waiting or 0))
        for link, team, chain, received, waiting in db.session.execute(stmt).all()
    ]


def list_links(*, all_links: bool, team_ids: set[int], only_team_id: int | None = None):
    """The links a person manages (every link for managers, their teams' for leads), active
    first, newest first; optionally those of one team only."""
    condition: ColumnElement[bool] | None = (
        None if all_links else IntakeLink.team_id.in_(team_ids or {-1})
    )
    if only_team_id is not None:
        team_condition = IntakeLink.team_id == only_team_id
        condition = team_condition if condition is None else and_(condition, team_condition)
    return _link_rows(condition)


def get_link_row(link_id: int) -> LinkRow | None:
    """One link with its team or chain and its counts."""
    rows = _link_rows(IntakeLink.id == link_id)
    return rows[0] if rows else None


def get_link(link_id: int) -> IntakeLink | None:
    """An intake link by id."""
    return db.session.get(IntakeLink, link_id)


def get_link_by_token(token: str) -> IntakeLink | None:
    """The link a public address points at, revoked or not (None for an unknown token)."""
    if not token or len(token) > 64:
        return None
    return db.session.scalar(select(IntakeLink).where(IntakeLink.token == token))


def target_names(link: IntakeLink) -> tuple[str, str]:
    """The team's and the chain's name of a link (the team's chain when it is a team link)."""
    if link.team_id is not None:
        row = db.session.execute(
            select(Team.name, Chain.name).join(Chain).where(Team.id == link.team_id)
        ).first()
        return (row[0], row[1]) if row else ("", "")
    return "", db.session.scalar(select(Chain.name).where(Chain.id == link.chain_id)) or ""


def _scope_condition(all_ideas: bool, team_ids: set[int], chain_ids: set[int]):
    """Which waiting ideas a person moderates, as one index-friendly condition."""
    pending = Idea.moderation == PENDING
    if all_ideas:
        return pending
    return and_(
        pending,
        or_(
            Idea.team_id.in_(team_ids or {-1}),
            and_(Idea.team_id.is_(None), Idea.chain_id.in_(chain_ids or {-1})),
        ),
    )


@dataclass(frozen=True)
class PendingRow:
    """A waiting idea with the label of the link it came through."""

    idea: Idea
    link_label: str

    @property
    def left_email(self) -> bool:
        return bool(self.idea.contact_email)


def list_pending(*, all_ideas: bool, team_ids: set[int], chain_ids: set[int], limit: int = 200):
    """The ideas waiting for this person's moderation, oldest first."""
    stmt = (
        select(Idea, IntakeLink.label)
        .outerjoin(IntakeLink, IntakeLink.id == Idea.intake_link_id)
        .where(_scope_condition(all_ideas, team_ids, chain_ids))
        .options(joinedload(Idea.team), joinedload(Idea.chain))
        .order_by(Idea.created_at, Idea.id)
        .limit(limit)
    )
    return [PendingRow(idea, label or "") for idea, label in db.session.execute(stmt).all()]


def count_pending(*, all_ideas: bool, team_ids: set[int], chain_ids: set[int]) -> int:
    """How many ideas wait for this person's moderation."""
    stmt = select(func.count(Idea.id)).where(_scope_condition(all_ideas, team_ids, chain_ids))
    return db.session.scalar(stmt) or 0


@dataclass(frozen=True)
class MenuCounts:
    """The numbers in the main menu: unread notifications, the ideas waiting for moderation
    (None for someone who does not moderate), and my action items due today or earlier."""

    unread: int
    waiting: int | None
    due: int = 0  # my open action items due today or earlier (board.standups.queries)


def menu_counts(user) -> MenuCounts:
    """The menu numbers of every signed-in page in one query, whatever the role: the unread
    count and the due action items beside a manager's plain waiting count, or beside a lead's
    count and whether they lead a team at all."""
    unread = (
        select(func.count(Notification.id))
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .scalar_subquery()
    )
    due = standup_queries.due_action_items_count(user.id, standup_queries.local_today())
    if user.is_manager:
        waiting_all = (
            select(func.count(Idea.id)).where(Idea.moderation == PENDING).scalar_subquery()
        )
        unread_count, waiting_count, due_count = db.session.execute(
            select(unread, waiting_all, due)
        ).one()
        return MenuCounts(int(unread_count or 0), int(waiting_count or 0), int(due_count or 0))
    lead_teams = select(Membership.team_id).where(
        Membership.user_id == user.id, Membership.role == LEAD
    )
    lead_chains = select(Team.chain_id).where(Team.id.in_(lead_teams))
    leads = select(func.count()).select_from(lead_teams.subquery()).scalar_subquery()
    waiting = (
        select(func.count(Idea.id))
        .where(
            Idea.moderation == PENDING,
            or_(
                Idea.team_id.in_(lead_teams),
                and_(Idea.team_id.is_(None), Idea.chain_id.in_(lead_chains)),
            ),
        )
        .scalar_subquery()
    )
    unread_count, lead_count, waiting_count, due_count = db.session.execute(
        select(unread, leads, waiting, due)
    ).one()
    return MenuCounts(
        int(unread_count or 0),
        int(waiting_count or 0) if lead_count else None,
        int(due_count or 0),
    )


def moderation_badge(user) -> int | None:
    """For the menu: how many ideas wait for this person, or None when they do not moderate."""
    return menu_counts(user).waiting
