"""The stand-up agenda from the card events: what counts as finished, moved in, new, blocked,
overdue and aged; action items coming back until done; a constant number of queries."""

from __future__ import annotations

from datetime import date, timedelta

from board.boards import services as board_services
from board.boards.services import CardInput
from board.clock import now
from board.extensions import db
from board.ideas import services as idea_services
from board.standups import agenda as agenda_module
from board.standups import services
from tests.conftest import counted
from tests.factories import column_named
from tests.factories import make_card as card


def move(c, column, actor):
    return board_services.move_card(c.id, column.id, None, None, actor, confirm_over_wip=True)


def agenda(team, since):
    return agenda_module.build_agenda(team, since, now())


def column_agenda(result, name):
    return next(c for c in result.columns if c.column.name == name)


def test_the_board_is_walked_right_to_left(clock, team, board, lead):
    names = [c.column.name for c in agenda(team, now() - timedelta(days=7)).columns]
    assert names == ["Klaar", "Act", "Check", "Do", "Plan", "Ideeën"]


def test_moved_finished_and_new_come_from_the_events_of_the_period(
    clock, team, board, lead, employee
):
    old = card(board, "Oude kaart", lead)
    clock.advance(days=10)
    since = now()
    clock.advance(hours=1)
    moved = card(board, "Verplaatste kaart", lead)
    move(moved, column_named(board, "Plan"), employee)
    move(old, column_named(board, "Klaar"), lead)
    fresh = card(board, "Nieuwe kaart", employee)
    clock.advance(hours=1)

    result = agenda(team, since)
    plan = column_agenda(result, "Plan")
    assert [(c.title, c.from_name, c.to_name, c.actor_name) for c in plan.moved_in] == [
        ("Verplaatste kaart", "Ideeën", "Plan", "Jelle Postma")
    ]
    done = column_agenda(result, "Klaar")
    assert [c.title for c in done.finished] == ["Oude kaart"] and not done.moved_in
    ideas = column_agenda(result, "Ideeën")
    assert {c.title for c in ideas.new} == {"Verplaatste kaart", "Nieuwe kaart"}
    assert "Oude kaart" not in {c.title for c in ideas.new}, "made before the period"
    assert fresh.id in {c.card_id for c in ideas.new}


def test_events_before_the_period_are_not_on_the_agenda(clock, team, board, lead):
    c = card(board, "Kaart", lead)
    move(c, column_named(board, "Plan"), lead)
    clock.advance(days=3)
    result = agenda(team, now() - timedelta(days=1))
    assert all(v.is_empty for v in result.columns if v.column.name != "Plan")
    assert not column_agenda(result, "Plan").moved_in


def test_blocked_cards_come_first_with_reason_and_how_long(clock, team, board, lead):
    c = card(board, "Vastgelopen", lead, column=column_named(board, "Do"))
    clock.advance(days=1)
    board_services.update_card(
        c, CardInput(blocked=True, blocked_reason="Wacht op de leverancier"), lead
    )
    clock.advance(days=4, hours=2)
    card(board, "Loopt gewoon", lead, column=column_named(board, "Do"))
    result = agenda(team, now() - timedelta(days=7))
    assert [
        (b.card.title, b.card.blocked_reason, b.days, b.column_name) for b in result.blocked
    ] == [("Vastgelopen", "Wacht op de leverancier", 4, "Do")]


def test_overdue_cards_are_marked_per_column_but_not_in_the_done_column(clock, team, board, lead):
    card(board, "Te laat", lead, column=column_named(board, "Check"), due_date=date(2026, 2, 20))
    card(board, "Op tijd", lead, column=column_named(board, "Check"), due_date=date(2026, 3, 20))
    card(
        board, "Af en te laat", lead, column=column_named(board, "Klaar"), due_date=date(2026, 2, 1)
    )
    result = agenda(team, now() - timedelta(days=7))
    check = column_agenda(result, "Check")
    assert [(o.card.title, o.days_overdue) for o in check.overdue] == [("Te laat", 10)]
    assert not column_agenda(result, "Klaar").overdue


def test_aged_past_the_median_time_in_the_column(clock, team, board, lead):
    plan = column_named(board, "Plan")
    do = column_named(board, "Do")
    # Three cards each stayed 2, 3 and 4 days in Plan: its usual time is 3 days.
    for days in (2, 3, 4):
        c = card(board, f"Vlot {days}", lead, column=plan)
        clock.advance(days=days)
        move(c, do, lead)
    slow = card(board, "Blijft hangen", lead, column=plan)
    clock.advance(days=2)
    quick = card(board, "Net binnen", lead, column=plan)
    clock.advance(days=2)  # slow: 4 days in Plan, quick: 2 days
    result = agenda(team, now() - timedelta(days=7))
    view = column_agenda(result, "Plan")
    assert view.usual_days == 3.0
    assert [(a.card.title, a.days_in_column) for a in view.aged] == [("Blijft hangen", 4)]
    assert quick.id not in {a.card.id for a in view.aged} and slow.id


def test_a_column_without_history_uses_the_fallback_usual_time(clock, team, board, lead):
    card(board, "Heel oud", lead, column=column_named(board, "Check"))
    clock.advance(days=agenda_module.FALLBACK_USUAL_DAYS + 1)
    card(board, "Jong", lead, column=column_named(board, "Check"))
    view = column_agenda(agenda(team, now() - timedelta(days=7)), "Check")
    assert [a.card.title for a in view.aged] == ["Heel oud"]


def test_wip_limits_that_are_exceeded(clock, team, board, lead):
    do = column_named(board, "Do")
    board_services.set_wip_limit(do, "1", lead)
    card(board, "Een", lead, column=do)
    assert agenda(team, now() - timedelta(days=7)).wip == []
    card(board, "Twee", lead, column=do)
    wip = agenda(team, now() - timedelta(days=7)).wip
    assert [(w.column.name, w.count, w.limit) for w in wip] == [("Do", 2, 1)]


def test_new_ideas_of_the_team_sorted_by_votes(clock, team, employee, lead):
    few = idea_services.submit_idea(
        idea_services.IdeaInput(title="Weinig stemmen", team_id=team.id), submitter=employee
    )
    many = idea_services.submit_idea(
        idea_services.IdeaInput(title="Veel stemmen", team_id=team.id), submitter=employee
    )
    idea_services.cast_vote(many.id, lead)
    planned = idea_services.submit_idea(
        idea_services.IdeaInput(title="Al gepland", team_id=team.id), submitter=employee
    )
    idea_services.change_status(planned, lead, "gepland")
    result = agenda(team, now() - timedelta(days=7))
    assert [i.title for i in result.ideas] == ["Veel stemmen", "Weinig stemmen"]
    assert all(i.is_new for i in result.ideas) and few.id


def test_open_action_items_come_back_until_done(clock, team, lead, employee):
    first = services.start_standup(team, lead)
    item = services.add_action_item(team, "Bellen met de leverancier", employee.id, "", lead, first)
    overdue = services.add_action_item(
        team, "Werkinstructie", employee.id, date(2026, 3, 3), lead, first
    )
    services.end_standup(first, lead)
    for _week in range(2):
        clock.advance(days=7)
        standup = services.start_standup(team, lead)
        rows = agenda(team, standup.period_start).action_items
        assert {r.item.text for r in rows} == {"Bellen met de leverancier", "Werkinstructie"}
        assert [r.item.text for r in rows if r.overdue] == ["Werkinstructie"]
        services.end_standup(standup, lead)
    services.tick_action_item(item, employee)
    clock.advance(days=7)
    services.start_standup(team, lead)
    assert [r.item.text for r in agenda(team, now()).action_items] == ["Werkinstructie"]
    assert overdue.done_at is None


def test_the_agenda_costs_the_same_queries_for_little_or_much_history(
    clock, team, board, lead, employee
):
    def fill(n):
        for i in range(n):
            c = card(board, f"Kaart {i}", lead, due_date=date(2026, 2, 1))
            move(c, column_named(board, "Plan"), employee)
            board_services.update_card(c, CardInput(blocked=True, blocked_reason="Wacht"), lead)
            services.add_action_item(team, f"Actie {i}", employee.id, "", lead)
            idea_services.submit_idea(
                idea_services.IdeaInput(title=f"Idee {i}", team_id=team.id), submitter=employee
            )
        db.session.flush()

    fill(2)
    clock.advance(days=1)
    with counted() as small:
        agenda(team, now() - timedelta(days=7))
    fill(30)
    clock.advance(days=1)
    with counted() as large:
        result = agenda(team, now() - timedelta(days=7))
    assert len(result.blocked) == 32 and len(result.action_items) == 32
    assert len(small) == len(large) <= 9, (len(small), len(large))


def test_private_boards_are_left_out_for_readers_from_outside(clock, team, board, lead):
    secret = board_services.create_board(team, "Geheim", "eenvoudig", lead, visibility="private")
    card(secret, "Geheime kaart", lead)
    inside = agenda_module.build_agenda(team, now() - timedelta(days=7), now())
    outside = agenda_module.build_agenda(
        team, now() - timedelta(days=7), now(), include_private=False
    )
    assert any(c.title == "Geheime kaart" for v in inside.columns for c in v.new)
    assert not any(c.title == "Geheime kaart" for v in outside.columns for c in v.new)
    assert [b.name for b in outside.boards] == ["Verbeterbord KCC"]


def test_a_long_list_shows_the_most_telling_cards_and_counts_the_rest(clock, team, board, lead):
    check = column_named(board, "Check")
    for n in range(agenda_module.LIST_MAX + 3):
        card(board, f"Te laat {n}", lead, column=check, due_date=date(2026, 2, 1 + n))
    view = column_agenda(agenda(team, now() - timedelta(days=7)), "Check")
    assert len(view.overdue) == agenda_module.LIST_MAX and view.more["overdue"] == 3
    assert view.overdue[0].card.title == "Te laat 0", "the longest overdue first"
