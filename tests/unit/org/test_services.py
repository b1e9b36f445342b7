"""Org services, queries and permissions without HTTP."""

from __future__ import annotations

import pytest
from flask_login import AnonymousUserMixin

from board.org import queries, services
from board.org.permissions import can_manage_team
from tests.conftest import audit_events
from tests.factories import add_member, make_chain, make_team, make_user

# --- chains and teams ---------------------------------------------------------------------


def test_chain_name_is_trimmed_and_unique_ignoring_case(admin):
    chain = services.create_chain(name="  Burgerzaken  ", description=" Balie ", actor=admin)
    assert (chain.name, chain.description, chain.active) == ("Burgerzaken", "Balie", True)
    with pytest.raises(services.OrgError) as caught:
        services.create_chain(name="BURGERZAKEN", actor=admin)
    assert (caught.value.field, caught.value.message) == (
        "name",
        "Er is al een keten met deze naam.",
    )
    [event] = audit_events(action="chain.create", actor_id=admin.id)
    assert event.object_label == "Burgerzaken"


@pytest.mark.parametrize(
    ("name", "description", "field", "message"),
    [
        ("", "", "name", "Vul een naam in."),
        ("k" * 81, "", "name", "Een naam is hoogstens 80 tekens."),
        ("Keten", "d" * 2001, "description", "Een omschrijving is hoogstens 2000 tekens."),
    ],
)
def test_chain_and_team_field_rules(name, description, field, message):
    with pytest.raises(services.OrgError) as caught:
        services.create_chain(name=name, description=description, actor=None)
    assert (caught.value.field, caught.value.message) == (field, message)
    chain = make_chain()
    with pytest.raises(services.OrgError) as caught:
        services.create_team(chain_id=chain.id, name=name, description=description, actor=None)
    assert (caught.value.field, caught.value.message) == (field, message)


def test_limits_are_inclusive():
    chain = services.create_chain(name="k" * 80, description="d" * 2000, actor=None)
    services.create_team(chain_id=chain.id, name="t" * 80, description="d" * 2000, actor=None)


def test_renaming_a_chain_to_its_own_name_in_other_case_is_fine(admin):
    chain = make_chain("Burgerzaken")
    services.update_chain(chain, name="BurgerZaken", description="", active=True, actor=admin)
    assert chain.name == "BurgerZaken"


def test_deactivating_a_chain_is_recorded(admin):
    chain = make_chain("Vergunningen")
    services.update_chain(chain, name="Vergunningen", description="", active=False, actor=admin)
    assert chain.active is False
    [event] = audit_events(action="chain.update")
    assert event.detail == "active: True → False"


def test_team_needs_an_existing_chain():
    for chain_id in (None, 0, 999999):
        with pytest.raises(services.OrgError) as caught:
            services.create_team(chain_id=chain_id, name="Team", actor=None)
        assert caught.value.field == "chain_id"


def test_team_names_are_unique_across_chains():
    make_team(make_chain("A"), "Publiekszaken")
    with pytest.raises(services.OrgError, match="Er is al een team met deze naam."):
        services.create_team(chain_id=make_chain("B").id, name="publiekszaken", actor=None)


def test_moving_a_team_updates_its_chain_and_logs_from_and_to(admin):
    team = make_team(make_chain("Oud"), "Team X")
    new = make_chain("Nieuw")
    services.update_team(
        team, chain_id=new.id, name="Team Y", description="", active=False, actor=admin
    )
    assert (team.chain.name, team.name, team.active) == ("Nieuw", "Team Y", False)
    [event] = audit_events(action="team.update")
    assert event.detail == "name: Team X → Team Y; chain: Oud → Nieuw; active: True → False"


# --- memberships --------------------------------------------------------------------------


def test_set_membership_is_idempotent(team, admin):
    person = make_user()
    first = services.set_membership(user=person, team=team, role="member", actor=admin)
    again = services.set_membership(user=person, team=team, role="member", actor=admin)
    assert first is again
    assert [m.user_id for m in queries.list_members(team.id)] == [person.id]
    assert len(audit_events(action="membership.create", actor_id=admin.id)) == 1
    assert audit_events(action="membership.update") == []


def test_changing_the_role_in_a_team(team, admin):
    person = make_user()
    services.set_membership(user=person, team=team, role="member", actor=admin)
    services.set_membership(user=person, team=team, role="lead", actor=admin)
    assert queries.find_membership(person.id, team.id).role == "lead"
    assert queries.lead_team_ids(person.id) == {team.id}
    [event] = audit_events(action="membership.update")
    assert event.detail == "role: member → lead"


@pytest.mark.parametrize(
    ("case", "field", "message"),
    [
        ("no-user", "user_id", "Kies een persoon."),
        ("no-team", "team_id", "Kies een team."),
        ("bad-role", "role", "Kies een bestaande rol in het team."),
        ("inactive", "user_id", "Deze persoon is uitgeschakeld."),
    ],
)
def test_membership_rules(team, case, field, message):
    person = make_user(active=case != "inactive")
    kwargs = {"user": person, "team": team, "role": "member", "actor": None}
    if case == "no-user":
        kwargs["user"] = None
    if case == "no-team":
        kwargs["team"] = None
    if case == "bad-role":
        kwargs["role"] = "eigenaar"
    with pytest.raises(services.OrgError) as caught:
        services.set_membership(**kwargs)
    assert (caught.value.field, caught.value.message) == (field, message)
    assert queries.find_membership(person.id, team.id) is None


def test_remove_membership_is_logged_with_who_and_where(team, employee, admin):
    membership = queries.find_membership(employee.id, team.id)
    services.remove_membership(membership, actor=admin)
    assert queries.find_membership(employee.id, team.id) is None
    [event] = audit_events(action="membership.delete")
    assert (event.actor_id, event.object_id, event.object_label) == (
        admin.id,
        str(team.id),
        f"jelle@example.org @ {team.name}",
    )


# --- queries ------------------------------------------------------------------------------


def test_members_are_listed_leads_first_then_by_name_ignoring_case(team):
    for name, role in [
        ("bram", "member"),
        ("Anke", "member"),
        ("Zwaan", "lead"),
        ("Douwe", "lead"),
    ]:
        add_member(make_user(name=name), team, role)
    assert [(m.user.name, m.role) for m in queries.list_members(team.id)] == [
        ("Douwe", "lead"),
        ("Zwaan", "lead"),
        ("Anke", "member"),
        ("bram", "member"),
    ]


def test_chain_overview_counts_active_members_and_hides_inactive(team, employee, lead):
    gone = make_user(active=False)
    add_member(make_user(), team)
    membership = add_member(make_user(), team)
    membership.user.active = False
    closed = make_team(team.chain, "Opgeheven")
    closed.active = False
    hidden_chain = make_chain("Weg")
    hidden_chain.active = False
    make_team(hidden_chain, "In opgeheven keten")
    overview = queries.list_chain_overview()
    assert [o.chain.name for o in overview] == [team.chain.name]
    [item] = overview
    assert [t.name for t in item.teams] == [team.name]
    assert item.member_counts[team.id] == 3  # employee, lead and one more; not the inactive
    assert gone.id not in {m.user_id for m in queries.list_members(team.id)}
    everything = queries.list_chain_overview(include_inactive=True)
    assert {t.name for o in everything for t in o.teams} == {
        team.name,
        "Opgeheven",
        "In opgeheven keten",
    }


def test_team_and_chain_lookups_by_name_ignore_case_and_spaces(team):
    assert queries.get_team_by_name(f"  {team.name.upper()} ") is team
    assert queries.get_chain_by_name(team.chain.name.lower()) is team.chain
    assert queries.get_team_by_name("bestaat niet") is None


def test_settings_are_stored_and_updated():
    assert queries.get_setting("organisation_name", "standaard") == "standaard"
    services.set_setting("organisation_name", "Gemeente Súdwest-Fryslân")
    services.set_setting("organisation_name", "Gemeente Voorbeeld")
    assert queries.get_setting("organisation_name") == "Gemeente Voorbeeld"


def test_demo_accounts_are_present_only_with_the_demo_flag_and_an_active_account():
    account = make_user(email="beheerder@example.org")
    assert not queries.demo_accounts_present()
    services.set_setting("demo_data", "1")
    assert queries.demo_accounts_present()
    account.active = False
    assert not queries.demo_accounts_present()


# --- permissions --------------------------------------------------------------------------


def test_who_may_manage_a_team(team, employee, lead, manager, admin):
    other_lead = make_user()
    add_member(other_lead, make_team(), "lead")
    assert can_manage_team(lead, team)
    assert can_manage_team(manager, team)
    assert can_manage_team(admin, team)
    assert not can_manage_team(employee, team)
    assert not can_manage_team(other_lead, team)
    assert not can_manage_team(AnonymousUserMixin(), team)
    assert not can_manage_team(None, team)
