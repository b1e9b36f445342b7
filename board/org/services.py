"""Write side of the organisation: chains, teams, memberships, settings."""

from __future__ import annotations

from flask_babel import gettext as _

from board.accounts.models import User
from board.audit.services import record_event
from board.errors import DomainError
from board.extensions import db
from board.org import queries
from board.org.models import TEAM_ROLES, Chain, Membership, Setting, Team

NAME_MAX = 80
DESCRIPTION_MAX = 2000


class OrgError(DomainError):
    """A rule about chains, teams or memberships was broken."""


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise OrgError(_("Vul een naam in."), "name")
    if len(name) > NAME_MAX:
        raise OrgError(_("Een naam is hoogstens %(n)d tekens.", n=NAME_MAX), "name")
    return name


def _clean_description(text: str) -> str:
    text = (text or "").strip()
    if len(text) > DESCRIPTION_MAX:
        raise OrgError(
            _("Een omschrijving is hoogstens %(n)d tekens.", n=DESCRIPTION_MAX), "description"
        )
    return text


def create_chain(*, name: str, description: str = "", actor: User | None) -> Chain:
    """Add a chain (keten)."""
    name = _clean_name(name)
    if queries.get_chain_by_name(name):
        raise OrgError(_("Er is al een keten met deze naam."), "name")
    chain = Chain(name=name, description=_clean_description(description))
    db.session.add(chain)
    db.session.flush()
    record_event(
        "chain.create",
        actor=actor,
        object_type="chain",
        object_id=chain.id,
        object_label=chain.name,
    )
    return chain


def update_chain(chain: Chain, *, name: str, description: str, active: bool, actor: User) -> Chain:
    """Rename, describe, deactivate or reactivate a chain."""
    name = _clean_name(name)
    other = queries.get_chain_by_name(name)
    if other is not None and other.id != chain.id:
        raise OrgError(_("Er is al een keten met deze naam."), "name")
    detail = []
    if chain.name != name:
        detail.append(f"name: {chain.name} → {name}")
    if chain.active != active:
        detail.append(f"active: {chain.active} → {active}")
    chain.name, chain.description, chain.active = name, _clean_description(description), active
    db.session.flush()
    record_event(
        "chain.update",
        actor=actor,
        object_type="chain",
        object_id=chain.id,
        object_label=chain.name,
        detail="; ".join(detail),
    )
    return chain


def create_team(
    *, chain_id: int | None, name: str, description: str = "", actor: User | None
) -> Team:
    """Add a team to a chain."""
    chain = queries.get_chain(chain_id) if chain_id else None
    if chain is None:
        raise OrgError(_("Kies een keten."), "chain_id")
    name = _clean_name(name)
    if queries.get_team_by_name(name):
        raise OrgError(_("Er is al een team met deze naam."), "name")
    team = Team(chain_id=chain.id, name=name, description=_clean_description(description))
    db.session.add(team)
    db.session.flush()
    record_event(
        "team.create",
        actor=actor,
        object_type="team",
        object_id=team.id,
        object_label=team.name,
        detail=f"chain={chain.name}",
    )
    return team


def update_team(
    team: Team, *, chain_id: int | None, name: str, description: str, active: bool, actor: User
) -> Team:
    """Rename, move to another chain, deactivate or reactivate a team."""
    chain = queries.get_chain(chain_id) if chain_id else None
    if chain is None:
        raise OrgError(_("Kies een keten."), "chain_id")
    name = _clean_name(name)
    other = queries.get_team_by_name(name)
    if other is not None and other.id != team.id:
        raise OrgError(_("Er is al een team met deze naam."), "name")
    detail = []
    if team.name != name:
        detail.append(f"name: {team.name} → {name}")
    if team.chain_id != chain.id:
        detail.append(f"chain: {team.chain.name} → {chain.name}")
    if team.active != active:
        detail.append(f"active: {team.active} → {active}")
    team.chain_id, team.name = chain.id, name
    team.description, team.active = _clean_description(description), active
    db.session.flush()
    db.session.refresh(team)
    record_event(
        "team.update",
        actor=actor,
        object_type="team",
        object_id=team.id,
        object_label=team.name,
        detail="; ".join(detail),
    )
    return team


def find_person(email: str) -> User:
    """The active person with this e-mail address, to add to a team."""
    from board.accounts import queries as account_queries

    email = (email or "").strip()
    if not email:
        raise OrgError(_("Vul het e-mailadres van een persoon in."), "person")
    person = account_queries.get_user_by_email(email)
    if person is None:
        raise OrgError(_("Er is niemand met dit e-mailadres."), "person")
    if not person.active:
        raise OrgError(_("Deze persoon is uitgeschakeld."), "person")
    return person


def set_membership(
    *, user: User | None, team: Team | None, role: str, actor: User | None
) -> Membership:
    """Put a person in a team with a role, or change their role there."""
    if user is None:
        raise OrgError(_("Kies een persoon."), "user_id")
    if team is None:
        raise OrgError(_("Kies een team."), "team_id")
    if role not in TEAM_ROLES:
        raise OrgError(_("Kies een bestaande rol in het team."), "role")
    if not user.active:
        raise OrgError(_("Deze persoon is uitgeschakeld."), "user_id")
    membership = queries.find_membership(user.id, team.id)
    if membership is None:
        membership = Membership(user_id=user.id, team_id=team.id, role=role)
        db.session.add(membership)
        action, detail = "membership.create", f"role={role}"
    elif membership.role != role:
        action, detail = "membership.update", f"role: {membership.role} → {role}"
        membership.role = role
    else:
        return membership
    db.session.flush()
    record_event(
        action,
        actor=actor,
        object_type="team",
        object_id=team.id,
        object_label=f"{user.email} @ {team.name}"[:200],
        detail=detail,
    )
    return membership


def remove_membership(membership: Membership, *, actor: User) -> None:
    """Take a person out of a team."""
    label = f"{membership.user.email} @ {membership.team.name}"[:200]
    team_id = membership.team_id
    db.session.delete(membership)
    db.session.flush()
    record_event(
        "membership.delete", actor=actor, object_type="team", object_id=team_id, object_label=label
    )


def set_setting(key: str, value: str) -> None:
    """Store an installation setting."""
    row = db.session.get(Setting, key)
    if row is None:
        db.session.add(Setting(key=key, value=value))
    else:
        row.value = value
    db.session.flush()
