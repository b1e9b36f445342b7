"""The rules of stand-ups and action items, without HTTP."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from board.boards import queries as board_queries
from board.boards import services as board_services
from board.ideas import queries as idea_queries
from board.ideas import services as idea_services
from board.standups import queries, services
from board.standups.services import AlreadyFinished, StandupError
from tests.conftest import audit_events
from tests.factories import make_team, make_user


def test_start_twice_resumes_the_open_standup(clock, team, lead, employee):
    first = services.start_standup(team, lead)
    assert services.start_standup(team, employee).id == first.id
    assert first.timer_minutes == 15
    assert first.period_start == clock.current - timedelta(days=7)


def test_the_next_period_starts_at_the_previous_standup(clock, team, lead):
    first = services.start_standup(team, lead)
    clock.advance(minutes=14)
    services.end_standup(first, lead, "Goed overleg")
    assert first.duration_minutes == 14 and first.notes == "Goed overleg"
    clock.advance(days=7)
    second = services.start_standup(team, lead)
    assert second.id != first.id and second.period_start == first.started_at
    assert [e.action for e in audit_events(object_type="team")][-3:] == [
        "standup.started",
        "standup.finished",
        "standup.started",
    ]


def test_finishing_twice_is_refused_and_changes_nothing(clock, team, lead, employee):
    standup = services.start_standup(team, lead)
    services.end_standup(standup, lead, "Eerste")
    clock.advance(minutes=5)
    with pytest.raises(AlreadyFinished) as caught:
        services.end_standup(standup, employee, "Tweede")
    assert caught.value.status == 409 and "al afgerond" in caught.value.message
    assert standup.notes == "Eerste" and standup.ended_by_id == lead.id


def test_notes_and_decisions_need_text_and_an_open_standup(clock, team, lead):
    standup = services.start_standup(team, lead)
    with pytest.raises(StandupError, match="Typ eerst de notitie"):
        services.add_note(standup, "   ", lead)
    services.add_note(standup, "Klantpanel was positief", lead)
    services.add_decision(standup, "We stoppen met de papieren lijst", lead)
    services.end_standup(standup, lead)
    with pytest.raises(AlreadyFinished):
        services.add_decision(standup, "Te laat", lead)
    history = queries.list_history(team.id)
    assert [e.text for e in history[0].notes] == ["Klantpanel was positief"]
    assert [e.text for e in history[0].decisions] == ["We stoppen met de papieren lijst"]


@pytest.mark.parametrize(
    ("text", "owner", "due", "field", "message"),
    [
        ("", "member", "", "text", "Typ wat er gedaan moet worden."),
        ("x" * 501, "member", "", "text", "Hoogstens 500 tekens (nu 501)."),
        ("Bellen", None, "", "owner_id", "Kies wie het oppakt."),
        ("Bellen", "outsider", "", "owner_id", "Kies iemand uit het team."),
        ("Bellen", "member", "31-2-2026", "due_date", "Die datum bestaat niet (31-2-2026)."),
        ("Bellen", "member", "morgen", "due_date", "Vul een datum in als 20-3-2026."),
        ("Bellen", "member", "1-3-2025", "due_date", "Die datum ligt in het verleden"),
    ],
)
def test_an_action_item_needs_text_an_owner_from_the_team_and_a_real_date(
    clock, team, employee, lead, text, owner, due, field, message
):
    owner_id = {"member": employee.id, "outsider": make_user().id, None: None}[owner]
    with pytest.raises(StandupError) as caught:
        services.add_action_item(team, text, owner_id, due, lead)
    problems = dict(caught.value.problems)
    assert problems[field].startswith(message)
    assert queries.list_open_action_items(team.id) == []


def test_an_action_item_is_ticked_off_and_back(clock, team, lead, employee):
    item = services.add_action_item(team, "Brief aanpassen", employee.id, "20-3-2026", lead)
    assert item.due_date == date(2026, 3, 20)
    services.tick_action_item(item, lead)
    services.tick_action_item(item, employee)  # again: harmless
    assert item.done_by_id == lead.id and queries.list_open_action_items(team.id) == []
    services.untick_action_item(item, employee)
    assert item.done_at is None and queries.list_open_action_items(team.id) == [item]
    assert [e.action for e in audit_events(object_type="action_item")] == [
        "action_item.created",
        "action_item.done",
        "action_item.reopened",
    ]


def test_an_action_item_becomes_a_card_on_the_first_board_once(clock, team, board, lead, employee):
    board_services.create_board(team, "Tweede bord", "eenvoudig", lead)
    item = services.add_action_item(team, "Formulier testen", employee.id, "2026-03-10", lead)
    card = services.action_item_to_card(item, lead)
    assert services.action_item_to_card(item, lead).id == card.id
    assert item.card_id == card.id and card.board_id == board.id
    assert card.title == "Formulier testen" and card.due_date == date(2026, 3, 10)
    assert [u.id for u in board_queries.get_card(card.id).owners] == [employee.id]
    assert [e.kind for e in board_queries.list_card_events(card.id)] == ["created"]


def test_an_action_item_of_a_team_without_a_board_cannot_become_a_card(clock, lead, team, employee):
    item = services.add_action_item(team, "Iets", employee.id, "", lead)
    with pytest.raises(StandupError, match="nog geen bord"):
        services.action_item_to_card(item, lead)
    assert item.card_id is None


def test_the_standup_length_is_1_to_60_minutes(team, lead):
    assert queries.get_length(team.id) == 15
    for bad in ("0", "61", "tien", ""):
        with pytest.raises(StandupError):
            services.set_length(team, bad, lead)
    services.set_length(team, "20", lead)
    assert queries.get_length(team.id) == 20


def test_accepting_an_idea_puts_it_on_the_board_and_plans_it(clock, team, board, lead, employee):
    idea = idea_services.submit_idea(
        idea_services.IdeaInput(title="Wachtrij zichtbaar", team_id=team.id), submitter=employee
    )
    card = services.accept_idea(team, idea, lead)
    assert idea.status == "gepland" and card.idea_id == idea.id and card.board_id == board.id
    assert "op_bord" in [e.kind for e in idea_queries.list_events(idea.id)]
    with pytest.raises(Exception, match="al beslist"):
        services.accept_idea(team, idea, lead)


def test_accepting_an_idea_already_on_a_board_only_plans_it(clock, team, board, lead, employee):
    from board.boards import promotion

    idea = idea_services.submit_idea(
        idea_services.IdeaInput(title="Al op het bord", team_id=team.id), submitter=employee
    )
    existing = promotion.promote_idea(idea, board, lead)
    assert services.accept_idea(team, idea, lead).id == existing.id
    assert idea.status == "gepland"


def test_declining_an_idea_needs_a_reason(clock, team, board, lead, employee):
    idea = idea_services.submit_idea(
        idea_services.IdeaInput(title="Gratis koffie", team_id=team.id), submitter=employee
    )
    with pytest.raises(StandupError, match="reden"):
        services.decline_idea(team, idea, lead, "")
    assert idea.status == "nieuw"
    services.decline_idea(team, idea, lead, "Past niet in het budget")
    assert idea.status == "afgewezen" and idea.decision_reason == "Past niet in het budget"


def test_an_idea_of_another_team_is_refused(clock, team, board, lead, employee):
    other = make_team()
    idea = idea_services.submit_idea(
        idea_services.IdeaInput(title="Elders", team_id=other.id), submitter=employee
    )
    with pytest.raises(StandupError, match="niet voor dit team"):
        services.accept_idea(team, idea, lead)


def test_who_is_present_is_ticked_from_the_team(clock, team, lead, employee):
    standup = services.start_standup(team, lead, [lead.id])
    assert [u.id for u in queries.list_attendees([standup.id])[standup.id]] == [lead.id]
    with pytest.raises(StandupError, match="leden van het team"):
        services.set_attendance(standup, [make_user().id], lead)
    services.end_standup(standup, lead, "", [lead.id, employee.id])
    assert {u.name for u in queries.list_history(team.id)[0].attendees} == {
        "Tjitske Hoekstra",
        "Jelle Postma",
    }
    with pytest.raises(AlreadyFinished):
        services.set_attendance(standup, [lead.id], lead)


def test_the_usual_day_and_time_give_the_next_standup(clock, team, lead):
    # The clock says Monday 2 March 2026, 09:00 UTC (10:00 in Amsterdam).
    assert queries.next_standup(team.id) is None
    services.set_schedule(team, "1", "9.30", lead)
    upcoming = queries.next_standup(team.id)
    assert (upcoming.weekday(), upcoming.hour, upcoming.minute) == (1, 9, 30)
    assert upcoming.date() == date(2026, 3, 3)
    services.set_schedule(team, "0", "11:00", lead)  # later today
    assert queries.next_standup(team.id).date() == date(2026, 3, 2)
    services.set_schedule(team, "0", "9:00", lead)  # earlier today: next week
    assert queries.next_standup(team.id).date() == date(2026, 3, 9)
    for day, at, field in (("7", "9:00", "weekday"), ("1", "25:00", "start_time"),
                           ("", "9:00", "weekday"), ("2", "", "start_time")):  # fmt: skip
        with pytest.raises(StandupError) as caught:
            services.set_schedule(team, day, at, lead)
        assert caught.value.field == field
    services.set_schedule(team, "", "", lead)
    assert queries.next_standup(team.id) is None


def test_due_dates_are_read_in_the_municipality_s_own_day(clock, team, lead, employee):
    clock.advance(hours=14, minutes=30)  # 23:30 UTC on Monday is Tuesday 00:30 in Amsterdam
    with pytest.raises(services.StandupError):
        services.add_action_item(team, "Gisteren al", employee.id, "2-3-2026", lead)
    item = services.add_action_item(team, "Vandaag", employee.id, "3-3-2026", lead)
    rows = queries.action_item_rows([item], queries.local_today())
    assert rows[0].overdue is False
