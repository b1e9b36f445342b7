"""The archive shows each stand-up's agenda as it was discussed: folded away on screen, open
when printed; nothing for stand-ups from before snapshots; outsiders without private boards."""

from __future__ import annotations

from sqlalchemy import update

from board.boards import services as board_services
from board.extensions import db
from board.ideas import services as idea_services
from board.standups import services
from board.standups.models import Standup
from tests.conftest import Page, count_queries, get_counting
from tests.factories import make_team, make_user


def archive(team) -> str:
    return f"/teams/{team.id}/standups"


def hold(team, lead, clock, note="Goed overleg"):
    standup = services.start_standup(team, lead)
    services.add_note(standup, note, lead)
    clock.advance(minutes=12)
    services.end_standup(standup, lead)
    clock.advance(days=7)
    return standup


def test_the_archive_shows_the_agenda_as_it_was(web, clock, team, board, lead, employee):
    board_services.create_card(
        board,
        board_services.CardInput(
            title="Wacht op leverancier", blocked=True, blocked_reason="Offerte"
        ),
        lead,
    )
    services.add_action_item(team, "Leverancier bellen", employee.id, "", lead)
    declined = idea_services.submit_idea(
        idea_services.IdeaInput(title="Gratis koffie", team_id=team.id), submitter=employee
    )
    standup = services.start_standup(team, lead)
    services.decline_idea(team, declined, lead, "Past niet in het budget")
    services.end_standup(standup, lead)
    db.session.commit()
    web.login(employee)
    page = Page(web.get(archive(team)).text)
    details = page.by_id(f"standup-{standup.id}-agenda")
    assert details is not None and details.tag == "details"
    assert "open" not in details.attrs, "folded away on screen"
    assert "print-open" in details.classes, "opened for printing"
    text = details.text
    assert text.startswith("Agenda zoals besproken")
    assert "Leverancier bellen Jelle Postma · Open" in text
    assert "Wacht op leverancier Ideeën · Offerte · 0 dagen geblokkeerd" in text
    assert "Gratis koffie 0 stemmen · afgewezen: Past niet in het budget" in text
    # The card went on; the archive still tells what was discussed then.
    board_services.create_card(board, board_services.CardInput(title="Later"), lead)
    db.session.commit()
    assert (
        "Later" not in Page(web.get(archive(team)).text).by_id(f"standup-{standup.id}-agenda").text
    )


def test_stand_ups_from_before_snapshots_show_no_agenda(web, clock, team, board, lead):
    old = hold(team, lead, clock, "Van voor de snapshots")
    db.session.execute(update(Standup).where(Standup.id == old.id).values(agenda_snapshot=None))
    new = hold(team, lead, clock, "Met agenda")
    db.session.commit()
    web.login(lead)
    response = web.get(archive(team))
    assert response.status_code == 200
    page = Page(response.text)
    assert page.by_id(f"standup-{old.id}-agenda") is None
    assert "Van voor de snapshots" in page.by_id(f"standup-{old.id}").text
    assert page.by_id(f"standup-{new.id}-agenda") is not None


def test_outsiders_see_no_private_board_in_the_agenda(web, clock, team, board, lead):
    secret = board_services.create_board(team, "Personeelszaken", "verbeterbord", lead)
    board_services.set_visibility(secret, "private", lead)
    board_services.create_card(
        secret,
        board_services.CardInput(title="Dossier Jansen", blocked=True, blocked_reason="Wacht"),
        lead,
    )
    board_services.create_card(
        board,
        board_services.CardInput(title="Nieuwe folder", blocked=True, blocked_reason="Wacht"),
        lead,
    )
    standup = hold(team, lead, clock)
    outsider = make_user(name="Oane Buiten", email="oane@example.org")
    db.session.commit()
    web.login(lead)
    assert "Dossier Jansen" in web.get(archive(team)).text
    web.login(outsider)
    text = Page(web.get(archive(team)).text).by_id(f"standup-{standup.id}-agenda").text
    assert "Nieuwe folder" in text and "Dossier Jansen" not in text
    assert "Personeelszaken" not in text


def test_the_archive_costs_the_same_queries_with_many_agendas(web, clock, team, board, lead):
    outsider = make_user(name="Oane Buiten", email="oane@example.org")
    hold(team, lead, clock)
    db.session.commit()
    counts = {}
    for reader in (lead, outsider):
        web.login(reader)
        counts[reader.id] = [count_queries(web, archive(team))]
    for n in range(12):
        board_services.create_card(
            board,
            board_services.CardInput(title=f"Kaart {n}", blocked=True, blocked_reason="Wacht"),
            lead,
        )
        hold(team, lead, clock, f"Week {n}")
    db.session.commit()
    for reader in (lead, outsider):
        web.login(reader)
        response, statements = get_counting(web, archive(team))
        assert response.status_code == 200
        assert Page(response.text).by_class("history-agenda")
        counts[reader.id].append(len(statements))
    assert counts[lead.id][0] == counts[lead.id][1], counts
    assert counts[outsider.id][0] == counts[outsider.id][1], counts


def test_each_stand_up_has_its_own_page_with_the_agenda_open(web, clock, team, board, lead):
    first = hold(team, lead, clock, "Eerste overleg")
    second = hold(team, lead, clock, "Tweede overleg")
    db.session.commit()
    web.login(lead)
    listing = Page(web.get(archive(team)).text)
    link = next(
        e for e in listing.by_id(f"standup-{first.id}-heading").descendants() if e.tag == "a"
    )
    assert link.attrs["href"] == f"/teams/{team.id}/standups/{first.id}"
    response = web.get(link.attrs["href"])
    assert response.status_code == 200
    page = Page(response.text)
    assert next(e for e in page.all() if e.tag == "h1").text == f"Stand-up van {team.name}"
    assert "Eerste overleg" in page.by_id(f"standup-{first.id}").text
    assert page.by_id(f"standup-{second.id}") is None, "only this stand-up"
    assert "open" in page.by_id(f"standup-{first.id}-agenda").attrs, "the agenda is unfolded"


def test_a_stand_up_page_of_another_team_or_of_nobody_is_missing(web, clock, team, board, lead):
    standup = hold(team, lead, clock)
    other = make_team(name="Belastingen")
    db.session.commit()
    web.login(lead)
    assert web.get(f"/teams/{other.id}/standups/{standup.id}").status_code == 404
    assert web.get(f"/teams/{team.id}/standups/{standup.id + 999}").status_code == 404


def test_a_private_teams_stand_up_page_is_missing_for_outsiders(web, clock, team, board, lead):
    board_services.set_visibility(board, "private", lead)
    standup = hold(team, lead, clock)
    outsider = make_user(name="Oane Buiten", email="oane@example.org")
    db.session.commit()
    web.login(outsider)
    assert web.get(f"/teams/{team.id}/standups/{standup.id}").status_code == 404
    web.login(lead)
    assert web.get(f"/teams/{team.id}/standups/{standup.id}").status_code == 200
