"""The chain stand-up's agenda: one agenda per team of the chain, each with only its own
boards, cards, action items and ideas; private boards and closed teams only for those allowed;
the period from ?sinds=; the same queries for one team or several."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from board.boards import services as board_services
from board.boards.services import CardInput
from board.clock import now
from board.org import services as org_services
from board.standups import agenda as agenda_module
from board.standups import chain as chain_module
from board.standups import services
from board.standups.services import StandupError
from tests.conftest import counted
from tests.factories import column_named, make_team, make_user
from tests.factories import make_card as card
from tests.factories import make_idea as idea


def board_of(team, name, actor, **kwargs):
    return board_services.create_board(team, name, "verbeterbord", actor, **kwargs)


def chain_agenda(chain, viewer):
    return chain_module.build_chain_agenda(chain, viewer, now() - timedelta(days=7), now())


def by_team(result):
    return {row.team.name: row.agenda for row in result.teams}


def titles(agenda):
    """Every card the board walk and the blocked list mention."""
    found = {b.card.title for b in agenda.blocked}
    for view in agenda.columns:
        found |= {c.title for c in view.new + view.moved_in + view.finished}
    return found


def test_each_team_gets_its_own_agenda_in_name_order(
    clock, chain, team, other_team, lead, employee, anke, manager
):
    kcc = board_of(team, "KCC-bord", lead)
    balie = board_of(other_team, "Balie", anke)
    card(kcc, "Terugbelnotitie", lead, blocked=True, blocked_reason="Wacht op ICT")
    card(balie, "Afsprakenmodule", anke)
    services.add_action_item(team, "Script herschrijven", employee.id, "", lead)
    services.add_action_item(other_team, "Balie-rooster", anke.id, "", anke)
    idea(other_team, "Paspoort thuisbezorgen", employee)
    elsewhere = make_team(name="Werk en Inkomen")  # another chain
    board_of(elsewhere, "Elders", manager)

    result = chain_agenda(chain, manager)
    assert [row.team.name for row in result.teams] == sorted(
        [team.name, "Publiekszaken"], key=str.lower
    )
    agendas = by_team(result)
    mine, theirs = agendas[team.name], agendas["Publiekszaken"]
    assert [b.name for b in mine.boards] == ["KCC-bord"]
    assert titles(mine) == {"Terugbelnotitie"} and titles(theirs) == {"Afsprakenmodule"}
    assert [r.item.text for r in mine.action_items] == ["Script herschrijven"]
    assert [r.item.text for r in theirs.action_items] == ["Balie-rooster"]
    assert [i.title for i in theirs.ideas] == ["Paspoort thuisbezorgen"] and not mine.ideas
    assert (result.blocked, mine.ideas_waiting, theirs.ideas_waiting) == (1, 0, 1)


def test_the_summary_counts_blocks_full_columns_late_items_and_waiting_ideas(
    clock, chain, team, other_team, lead, employee, anke, manager
):
    kcc = board_of(team, "KCC-bord", lead)
    do = column_named(kcc, "Do")
    board_services.set_wip_limit(do, "1", lead)
    for n in range(2):
        board_services.create_card(kcc, CardInput(title=f"Bezig {n}"), lead, column_id=do.id)
    card(kcc, "Vast", lead, blocked=True, blocked_reason="Wacht")
    services.add_action_item(other_team, "Over de datum", anke.id, "3-3-2026", anke)
    services.add_action_item(other_team, "Nog op tijd", anke.id, "30-3-2026", anke)
    for n in range(chain_module.LIST_MAX + 2):
        idea(other_team, f"Idee {n}", employee)
    clock.advance(days=2)

    result = chain_agenda(chain, manager)
    agendas = by_team(result)
    assert len(agendas[team.name].wip) == 1 and result.wip == 1
    assert agendas["Publiekszaken"].overdue_action_items == 1 == result.overdue_action_items
    assert result.ideas_waiting == chain_module.LIST_MAX + 2
    row = next(r for r in result.teams if r.team.id == other_team.id)
    assert len(row.ideas) == chain_module.LIST_MAX and row.ideas_more == 2
    assert row.needs_attention, "a late action item asks for attention"


def test_private_boards_and_teams_with_only_private_boards_follow_the_board_rules(
    clock, chain, team, other_team, lead, anke, manager
):
    board_of(team, "Open bord", lead)
    secret = board_of(team, "Geheim", lead, visibility="private")
    card(secret, "Geheime kaart", lead)
    closed = board_of(other_team, "Dicht", anke, visibility="private")
    card(closed, "Achterkamer", anke)
    outsider = make_user(name="Oane Buiten")

    everything = by_team(chain_agenda(chain, manager))
    assert "Geheime kaart" in titles(everything[team.name])
    assert "Achterkamer" in titles(everything["Publiekszaken"])

    member = by_team(chain_agenda(chain, lead))
    assert "Geheime kaart" in titles(member[team.name])
    assert "Publiekszaken" not in member, "a team with only private boards is its own"

    other = by_team(chain_agenda(chain, outsider))
    assert list(other) == [team.name]
    assert [b.name for b in other[team.name].boards] == ["Open bord"]
    assert "Geheime kaart" not in titles(other[team.name])


def test_inactive_teams_are_not_on_the_chain_agenda(clock, chain, team, other_team, manager):
    org_services.update_team(
        other_team,
        chain_id=chain.id,
        name=other_team.name,
        description="",
        active=False,
        actor=None,
    )
    assert [row.team.id for row in chain_agenda(chain, manager).teams] == [team.id]


def test_several_teams_give_the_same_agendas_as_one_at_a_time(
    clock, chain, team, other_team, lead, employee, anke
):
    kcc = board_of(team, "KCC-bord", lead)
    balie = board_of(other_team, "Balie", anke)
    moved = card(kcc, "Verplaatst", lead, due_date=datetime(2026, 2, 20, tzinfo=UTC).date())
    card(balie, "Nieuw aan de balie", anke, blocked=True, blocked_reason="Wacht")
    clock.advance(days=1)
    plan = column_named(kcc, "Plan")
    board_services.move_card(moved.id, plan.id, None, None, employee, True)
    services.add_action_item(team, "Bellen", employee.id, "", lead)
    idea(team, "Chat op de website", employee)
    since, until = now() - timedelta(days=7), now()

    together = agenda_module.build_agendas([team, other_team], [kcc, balie], since, until)
    alone = [agenda_module.build_agenda(t, since, until) for t in (team, other_team)]

    def shape(a):
        return (
            [b.name for b in a.boards],
            [b.card.title for b in a.blocked],
            [
                (
                    v.column.name,
                    [c.title for c in v.moved_in + v.new],
                    [o.card.title for o in v.overdue],
                )
                for v in a.columns
            ],
            [w.column.name for w in a.wip],
            [r.item.text for r in a.action_items],
            [i.title for i in a.ideas],
        )

    assert [shape(a) for a in together] == [shape(a) for a in alone]


def test_one_team_or_five_cost_the_same_queries(clock, chain, team, lead, manager):
    board_of(team, "KCC-bord", lead)
    card(board_of(team, "Tweede bord", lead), "Vast", lead, blocked=True, blocked_reason="x")
    with counted() as one:
        chain_agenda(chain, manager)
    for n in range(4):
        extra = make_team(chain, name=f"Team {n} erbij")
        card(
            board_of(extra, f"Bord {n}", manager), "Vast", manager, blocked=True, blocked_reason="x"
        )
    with counted() as five:
        result = chain_agenda(chain, manager)
    assert len(result.teams) == 5 and result.blocked == 5
    assert len(one) == len(five) <= 12, (len(one), len(five))


def test_the_period_starts_on_the_chosen_day_or_seven_days_ago(app, clock):
    moment = now()
    assert chain_module.parse_since("", moment) == moment - timedelta(days=7)
    since = chain_module.parse_since("23-2-2026", moment)
    assert since.isoformat() == "2026-02-23T00:00:00+01:00", "the start of the local day"
    assert chain_module.parse_since("2026-02-23", moment) == since
    for wrong in ("maandag", "30-2-2026", "3-3-2026", "1-2-2025"):
        with pytest.raises(StandupError) as raised:
            chain_module.parse_since(wrong, moment)
        assert raised.value.field == "sinds", wrong
