"""Read side of the organisation. Never writes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select

from board.accounts.models import User
from board.extensions import db
from board.org.models import LEAD, Chain, Membership, Setting, Team

DEMO_EMAILS = (
    "beheerder@example.org",
    "manager@example.org",
    "teamleider@example.org",
    "medewerker@example.org",
)


def get_chain(chain_id: int) -> Chain | None:
    """A chain by id."""
    return db.session.get(Chain, chain_id)


def get_team(team_id: int) -> Team | None:
    """A team by id, with its chain."""
    return db.session.get(Team, team_id)


def get_team_by_name(name: str) -> Team | None:
    """A team by its exact name, ignoring case."""
    return db.session.scalar(select(Team).where(func.lower(Team.name) == name.strip().lower()))


def get_chain_by_name(name: str) -> Chain | None:
    """A chain by its exact name, ignoring case."""
    return db.session.scalar(select(Chain).where(func.lower(Chain.name) == name.strip().lower()))


def list_chains(include_inactive: bool = True) -> list[Chain]:
    """Chains by name."""
    stmt = select(Chain).order_by(func.lower(Chain.name))
    if not include_inactive:
        stmt = stmt.where(Chain.active.is_(True))
    return list(db.session.scalars(stmt))


def list_teams(include_inactive: bool = True) -> list[Team]:
    """Teams with their chains, by chain name then team name."""
    stmt = select(Team).join(Team.chain).order_by(func.lower(Chain.name), func.lower(Team.name))
    if not include_inactive:
        stmt = stmt.where(Team.active.is_(True), Chain.active.is_(True))
    return list(db.session.scalars(stmt))


def list_chain_teams(chain_id: int) -> list[Team]:
    """The active teams of a chain, by name."""
    return list(
        db.session.scalars(
            select(Team)
            .where(Team.chain_id == chain_id, Team.active.is_(True))
            .order_by(func.lower(Team.name), Team.id)
        )
    )


def list_active_chains_and_teams() -> tuple[list[Chain], list[Team]]:
    """Active chains and their active teams, in one query (for filter choices)."""
    rows = db.session.execute(
        select(Chain, Team)
        .outerjoin(Team, (Team.chain_id == Chain.id) & Team.active.is_(True))
        .where(Chain.active.is_(True))
        .order_by(func.lower(Chain.name), func.lower(Team.name))
    ).all()
    chains: list[Chain] = []
    teams: list[Team] = []
    for chain, team in rows:
        if not chains or chains[-1].id != chain.id:
            chains.append(chain)
        if team is not None:
            teams.append(team)
    return chains, teams


@dataclass(frozen=True)
class ChainOverview:
    chain: Chain
    teams: list[Team]
    member_counts: dict[int, int]


def list_chain_overview(include_inactive: bool = False) -> list[ChainOverview]:
    """Each chain with its teams and the number of active members per team (three queries)."""
    chains = list_chains(include_inactive)
    teams = list_teams(include_inactive)
    counts = dict(
        db.session.execute(
            select(Membership.team_id, func.count(Membership.id))
            .join(Membership.user)
            .where(User.active.is_(True))
            .group_by(Membership.team_id)
        ).all()
    )
    by_chain: dict[int, list[Team]] = {}
    for team in teams:
        by_chain.setdefault(team.chain_id, []).append(team)
    return [ChainOverview(c, by_chain.get(c.id, []), counts) for c in chains]


def list_members(team_id: int) -> list[Membership]:
    """A team's memberships with their people, leads first, then by name."""
    return list(
        db.session.scalars(
            select(Membership)
            .join(Membership.user)
            .where(Membership.team_id == team_id)
            .order_by(case((Membership.role == LEAD, 0), else_=1), func.lower(User.name))
        )
    )


def list_memberships_of(user_id: int) -> list[Membership]:
    """The teams a person belongs to, with their roles."""
    return list(
        db.session.scalars(
            select(Membership)
            .join(Membership.team)
            .where(Membership.user_id == user_id)
            .order_by(func.lower(Team.name))
        )
    )


def get_membership(membership_id: int) -> Membership | None:
    """A membership by id."""
    return db.session.get(Membership, membership_id)


def find_membership(user_id: int, team_id: int) -> Membership | None:
    """A person's membership of a team, if any."""
    return db.session.scalar(
        select(Membership).where(Membership.user_id == user_id, Membership.team_id == team_id)
    )


def lead_team_ids(user_id: int) -> set[int]:
    """The teams a person leads."""
    return set(
        db.session.scalars(
            select(Membership.team_id).where(Membership.user_id == user_id, Membership.role == LEAD)
        )
    )


def team_ids_of(user_id: int) -> set[int]:
    """The teams a person belongs to."""
    return set(db.session.scalars(select(Membership.team_id).where(Membership.user_id == user_id)))


def get_setting(key: str, default: str = "") -> str:
    """An installation setting."""
    row = db.session.get(Setting, key)
    return row.value if row else default


def demo_accounts_present() -> bool:
    """True while the demo data is loaded and its accounts still work."""
    if get_setting("demo_data") != "1":
        return False
    count = db.session.scalar(
        select(func.count(User.id)).where(User.email.in_(DEMO_EMAILS), User.active.is_(True))
    )
    return bool(count)
