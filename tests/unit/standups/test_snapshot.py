"""The agenda kept with a finished stand-up: what it holds, that it is plain data which outlives
the cards, trimmed like the agenda, and shown to outsiders without the private boards."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from board.boards import services as board_services
from board.boards.services import CardInput
from board.extensions import db
from board.standups import services, snapshot
from board.standups.agenda import LIST_MAX
from board.standups.models import Standup
from tests.factories import column_named
from tests.factories import make_card as card
from tests.factories import make_idea as idea


def move(c, column, actor):
    return board_services.move_card(c.id, column.id, None, None, actor, confirm_over_wip=True)


def stored(standup) -> dict:
    """The snapshot as it comes back from the database."""
    db.session.expire_all()
    found = db.session.get(Standup, standup.id)
    assert found is not None
    return found.agenda_snapshot


def column(snap, name):
    return next(c for c in snap["kolommen"] if c["kolom"] == name)


def test_finishing_keeps_the_agenda_as_it_was_discussed(clock, team, board, lead, employee):
    waiting = card(board, "Wacht op leverancier", lead, blocked=True, blocked_reason="Offerte")
    moved = card(board, "Brief herschrijven", lead)
    services.add_action_item(team, "Leverancier bellen", employee.id, "", lead)
    accepted = idea(team, "Terugbellen binnen een dag", employee)
    declined = idea(team, "Gratis koffie", employee)
    still_new = idea(team, "Chat op de website", employee)
    board_services.set_wip_limit(column_named(board, "Do"), "1", lead)
    clock.advance(days=3)
    move(moved, column_named(board, "Do"), employee)
    card(board, "Ook in Do", lead, column=column_named(board, "Do"))
    clock.advance(hours=1)
    standup = services.start_standup(team, lead)
    clock.advance(minutes=5)
    services.tick_action_item(
        services.add_action_item(team, "Cijfers delen", lead.id, "", lead), lead
    )
    services.accept_idea(team, accepted, lead)
    services.decline_idea(team, declined, lead, "Past niet in het budget")
    clock.advance(minutes=9)
    services.end_standup(standup, lead, "")

    snap = stored(standup)
    assert snap["versie"] == 1
    assert snap["tot"] == standup.ended_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert [b["naam"] for b in snap["borden"]] == ["Verbeterbord KCC"]
    actions = {a["tekst"]: a for a in snap["actiepunten"]}
    assert actions["Leverancier bellen"]["eigenaar"] == "Jelle Postma"
    assert actions["Leverancier bellen"]["gedaan"] is False
    assert actions["Cijfers delen"]["gedaan"] is True, "ticked off during the stand-up"
    [blocked] = snap["geblokkeerd"]
    assert (blocked["kaartId"], blocked["titel"]) == (waiting.id, "Wacht op leverancier")
    assert (blocked["reden"], blocked["dagen"], blocked["kolom"]) == ("Offerte", 3, "Ideeën")
    do = column(snap, "Do")
    [arrived] = do["binnengekomen"]
    assert (arrived["titel"], arrived["van"], arrived["naar"]) == (
        "Brief herschrijven",
        "Ideeën",
        "Do",
    )
    assert arrived["door"] == "Jelle Postma" and arrived["op"].endswith("Z")
    assert [c["titel"] for c in do["nieuw"]] == ["Ook in Do"]
    assert (do["open"], do["wipLimiet"]) == (2, 1)
    assert snap["wip"] == [{"bordId": board.id, "kolom": "Do", "aantal": 2, "limiet": 1}]
    # The right-most column comes first, as the board is walked.
    assert [c["kolom"] for c in snap["kolommen"]][0] in ("Klaar", "Act", "Check", "Do")
    ideas = {i["titel"]: i for i in snap["ideeen"]}
    assert ideas["Terugbellen binnen een dag"]["besluit"] == "gepland"
    assert ideas["Gratis koffie"]["besluit"] == "afgewezen"
    assert ideas["Gratis koffie"]["reden"] == "Past niet in het budget"
    assert ideas["Chat op de website"]["besluit"] is None and still_new.id
    json.dumps(snap)  # plain data all the way down


def test_the_snapshot_outlives_the_cards_it_names(clock, team, board, lead):
    gone = card(board, "Oude werkinstructie", lead)
    standup = services.start_standup(team, lead)
    services.end_standup(standup, lead)
    board_services.update_card(gone, CardInput(title="Nieuwe werkinstructie"), lead)
    board_services.rename_column(column_named(board, "Ideeën"), "Wensen", lead)
    board_services.archive_card(gone, lead)
    snap = stored(standup)
    assert [c["titel"] for c in column(snap, "Ideeën")["nieuw"]] == ["Oude werkinstructie"]


def test_long_lists_are_trimmed_and_say_how_many_more(clock, team, board, lead):
    for n in range(LIST_MAX + 4):
        card(board, f"Kaart {n}", lead)
    standup = services.start_standup(team, lead)
    services.end_standup(standup, lead)
    ideas_column = column(stored(standup), "Ideeën")
    assert len(ideas_column["nieuw"]) == LIST_MAX
    assert ideas_column["meer"] == {"nieuw": 4}


def test_finishing_twice_keeps_the_first_snapshot(clock, team, board, lead):
    standup = services.start_standup(team, lead)
    services.end_standup(standup, lead)
    first = stored(standup)
    card(board, "Later gemaakt", lead)
    clock.advance(minutes=3)
    with pytest.raises(services.AlreadyFinished):
        services.end_standup(db.session.get(Standup, standup.id), lead)
    assert stored(standup) == first


def test_without_keep_agenda_nothing_is_stored(clock, team, board, lead):
    standup = services.start_standup(team, lead)
    services.end_standup(standup, lead, keep_agenda=False)
    assert stored(standup) is None


def test_outsiders_read_it_without_the_private_boards(clock, team, board, lead):
    secret = board_services.create_board(team, "Personeelszaken", "verbeterbord", lead)
    board_services.set_visibility(secret, "private", lead)
    card(secret, "Geheim", lead, blocked=True, blocked_reason="Dossier")
    card(board, "Openbaar", lead, blocked=True, blocked_reason="Wacht")
    standup = services.start_standup(team, lead)
    services.end_standup(standup, lead)
    snap = stored(standup)
    everything = snapshot.for_reader(snap, None)
    assert {b["titel"] for b in everything["geblokkeerd"]} == {"Geheim", "Openbaar"}
    outsider = snapshot.for_reader(snap, snapshot.private_board_ids(team.id))
    assert [b["titel"] for b in outsider["geblokkeerd"]] == ["Openbaar"]
    assert [b["naam"] for b in outsider["borden"]] == ["Verbeterbord KCC"]
    assert {c["bordId"] for c in outsider["kolommen"]} == {board.id}
    # A board made private later is hidden from outsiders in the old snapshots too.
    board_services.set_visibility(board, "private", lead)
    later = snapshot.for_reader(snap, snapshot.private_board_ids(team.id))
    assert later["geblokkeerd"] == [] and later["kolommen"] == []


def test_an_unknown_or_missing_snapshot_shows_nothing():
    assert snapshot.view_of(snapshot.for_reader(None)) is None
    assert snapshot.view_of(snapshot.for_reader({"versie": 99, "kolommen": []})) is None


def test_the_view_is_ready_to_show(clock, team, board, lead, employee):
    c = card(board, "Brief", lead, due_date=(clock.current - timedelta(days=2)).date())
    move(c, column_named(board, "Do"), employee)
    standup = services.start_standup(team, lead)
    services.end_standup(standup, lead)
    view = snapshot.view_of(stored(standup))
    assert view is not None and not view.is_empty
    assert view.until is not None and view.until.tzinfo is not None
    do = next(c for c in view.columns if c.name == "Do")
    assert [(line.key, line.titles) for line in do.lines] == [
        ("binnengekomen", "Brief"),
        ("teLaat", "Brief"),
    ]


def test_the_archive_shows_the_first_titles_and_counts_the_rest(clock, team, board, lead):
    for n in range(LIST_MAX + 4):
        card(board, f"Kaart {n}", lead)
    standup = services.start_standup(team, lead)
    services.end_standup(standup, lead)
    view = snapshot.view_of(stored(standup))
    [line] = next(c for c in view.columns if c.name == "Ideeën").lines
    assert line.titles.count("Kaart") == snapshot.ARCHIVE_TITLES
    assert line.more == LIST_MAX + 4 - snapshot.ARCHIVE_TITLES


def test_outsiders_are_not_told_how_many_private_cards_were_left_out(clock, team, board, lead):
    card(board, "Openbaar", lead, blocked=True, blocked_reason="Wacht")  # blocked longest
    clock.advance(days=1)
    secret = board_services.create_board(team, "Personeelszaken", "verbeterbord", lead)
    board_services.set_visibility(secret, "private", lead)
    for n in range(snapshot.BLOCKED_MAX + 3):
        card(secret, f"Dossier {n}", lead, blocked=True, blocked_reason="Privacy")
    standup = services.start_standup(team, lead)
    services.end_standup(standup, lead)
    snap = stored(standup)
    everything = snapshot.for_reader(snap, None)
    assert len(everything["geblokkeerd"]) == snapshot.BLOCKED_MAX
    assert everything["geblokkeerdMeer"] == 4
    outsider = snapshot.for_reader(snap, snapshot.private_board_ids(team.id))
    assert [b["titel"] for b in outsider["geblokkeerd"]] == ["Openbaar"]
    assert outsider["geblokkeerdMeer"] == 0, "no count of cards on a private board"
