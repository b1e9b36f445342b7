"""Reminders: the action items past their due date, read from the action items themselves."""

from __future__ import annotations

from datetime import date

from sqlalchemy import event

from board.extensions import db
from board.ideas import intake_queries
from board.org import queries as org_queries
from board.org import services as org_services
from board.standups import queries, services
from tests.factories import add_member, make_team, make_user

# The clock fixture starts on Monday 2 March 2026, 09:00 UTC (10:00 in Amsterdam).


def texts(rows) -> list[str]:
    return [row.item.text for row in rows]


def agree(team, text, owner, due, actor):
    return services.add_action_item(team, text, owner.id, due, actor)


def test_my_list_holds_my_open_items_due_today_or_earlier_most_late_first(
    clock, team, lead, employee
):
    agree(team, "Leverancier bellen", employee, "3-3-2026", lead)
    agree(team, "Werkinstructie bijwerken", employee, "5-3-2026", lead)
    agree(team, "Klantpanel uitnodigen", employee, "6-3-2026", lead)
    agree(team, "Later pas", employee, "20-3-2026", lead)
    agree(team, "Van de teamleider", lead, "3-3-2026", lead)
    services.add_action_item(team, "Zonder datum", employee.id, None, lead)
    done = agree(team, "Al gedaan", employee, "3-3-2026", lead)
    services.set_action_item_done(done, True, employee)
    clock.advance(days=4)  # Friday 6 March

    due = queries.list_my_action_items(employee, due_by=queries.local_today())

    assert texts(due) == ["Leverancier bellen", "Werkinstructie bijwerken", "Klantpanel uitnodigen"]
    assert [row.days_late for row in due] == [3, 1, 0]
    assert {row.team_name for row in due} == {team.name}
    assert all(row.can_tick for row in due)
    everything = texts(queries.list_my_action_items(employee))
    assert everything == [*texts(due), "Later pas", "Zonder datum"]
    assert texts(queries.list_my_action_items(lead, due_by=queries.local_today())) == [
        "Van de teamleider"
    ]


def test_an_item_ticked_off_is_gone_from_the_list_and_the_menu_count(clock, team, lead, employee):
    first = agree(team, "Leverancier bellen", employee, "2-3-2026", lead)
    agree(team, "Klantpanel uitnodigen", employee, "3-3-2026", lead)
    clock.advance(days=2)
    assert intake_queries.menu_counts(employee).due == 2
    services.set_action_item_done(first, True, employee)
    db.session.flush()
    assert texts(queries.list_my_action_items(employee, queries.local_today())) == [
        "Klantpanel uitnodigen"
    ]
    assert intake_queries.menu_counts(employee).due == 1
    services.set_action_item_done(first, False, employee)  # opened again: back on the list
    assert intake_queries.menu_counts(employee).due == 2


def test_the_menu_counts_stay_one_query_for_every_role(clock, team, lead, employee, manager):
    agree(team, "Leverancier bellen", employee, "2-3-2026", lead)
    agree(team, "Van de teamleider", lead, "2-3-2026", lead)
    clock.advance(days=1)
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        if not statement.startswith(("SAVEPOINT", "RELEASE")):
            statements.append(statement)

    engine = db.session.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        results = {u.name: intake_queries.menu_counts(u) for u in (employee, lead, manager)}
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(statements) == 3
    assert results[employee.name].due == 1 and results[employee.name].waiting is None
    assert results[lead.name].due == 1 and results[lead.name].waiting == 0
    assert results[manager.name].due == 0


def test_today_is_the_day_in_the_apps_time_zone(clock, team, lead, employee):
    agree(team, "Leverancier bellen", employee, "2-3-2026", lead)
    agree(team, "Klantpanel uitnodigen", employee, "3-3-2026", lead)
    clock.advance(hours=14, minutes=30)  # 23:30 UTC is already Tuesday 00:30 in Amsterdam
    assert queries.local_today() == date(2026, 3, 3)
    due = queries.list_my_action_items(employee, due_by=queries.local_today())
    assert [(row.item.text, row.days_late) for row in due] == [
        ("Leverancier bellen", 1),
        ("Klantpanel uitnodigen", 0),
    ]
    marker = queries.team_overdue_action_items(team.id)
    assert marker.count == 1 and marker.owners == [employee.name]


def test_an_owner_who_left_the_team_still_sees_the_item_but_cannot_tick_it(
    clock, team, lead, employee
):
    agree(team, "Leverancier bellen", employee, "2-3-2026", lead)
    org_services.remove_membership(org_queries.find_membership(employee.id, team.id), actor=lead)
    clock.advance(days=1)
    (row,) = queries.list_my_action_items(employee, queries.local_today())
    assert row.item.text == "Leverancier bellen" and not row.can_tick


def test_the_board_marker_counts_the_teams_items_past_due_with_their_owners(
    clock, team, lead, employee
):
    other_team = make_team()
    outsider = make_user(name="Oane Buiten")
    add_member(outsider, other_team)
    agree(team, "Leverancier bellen", employee, "2-3-2026", lead)
    agree(team, "Klantpanel uitnodigen", employee, "3-3-2026", lead)
    agree(team, "Werkinstructie", lead, "3-3-2026", lead)
    agree(team, "Vandaag pas klaar", lead, "5-3-2026", lead)
    agree(team, "Volgende week", lead, "12-3-2026", lead)
    agree(other_team, "Ander team", outsider, "2-3-2026", outsider)
    done = agree(team, "Al gedaan", lead, "2-3-2026", lead)
    services.set_action_item_done(done, True, lead)
    clock.advance(days=3)  # Thursday 5 March

    marker = queries.team_overdue_action_items(team.id)

    assert marker.count == 3
    assert marker.owners == [employee.name, lead.name]
    assert queries.team_overdue_action_items(make_team().id).count == 0
