"""Reminders over HTTP: my action items past due on Meldingen (ticked off right there), the
count beside 'Meldingen' in the menu, and the marker on the team's board and wallboard."""

from __future__ import annotations

from board.extensions import db
from board.standups import services
from tests.conftest import Page, count_queries, get_counting
from tests.factories import add_member, make_team, make_user

# The clock fixture starts on Monday 2 March 2026, 09:00 UTC (10:00 in Amsterdam).


def agree(team, text, owner, due, actor):
    item = services.add_action_item(team, text, owner.id, due, actor)
    db.session.commit()
    return item


def badge(page: Page) -> str | None:
    element = page.by_id("notifications-badge")
    return element.text if element is not None else None


def test_meldingen_lists_my_items_past_due_first_and_the_menu_counts_them(
    web, clock, team, lead, employee
):
    other = make_team(name="Team Burgerzaken")
    add_member(employee, other)
    agree(team, "Leverancier bellen", employee, "3-3-2026", lead)
    agree(other, "Formulier aanpassen", employee, "5-3-2026", lead)
    agree(team, "Volgende week pas", employee, "12-3-2026", lead)
    agree(team, "Van de teamleider", lead, "3-3-2026", lead)
    clock.advance(days=3)  # Thursday 5 March
    web.login(employee)

    page = Page(web.get("/meldingen").text)

    section = page.by_id("due-actions")
    assert section is not None
    assert "Actiepunten over datum" in section.text
    rows = [e for e in section.descendants() if "my-action" in e.classes]
    first, second = rows
    assert "Leverancier bellen" in first.text and team.name in first.text
    assert "klaar op 3 mrt 2026" in first.text and "2 dagen te laat" in first.text
    assert "Formulier aanpassen" in second.text and "Vandaag" in second.text
    assert "Team Burgerzaken" in second.text
    assert "Volgende week pas" not in section.text, "not due yet"
    assert "Van de teamleider" not in page.text, "someone else's"
    links = [e.attrs["href"] for e in first.descendants() if e.tag == "a"]
    assert links == [f"/teams/{team.id}/standup#standup-actions"]
    buttons = [e.text for e in first.descendants() if e.tag == "button"]
    assert buttons == ["Afvinken: Leverancier bellen"]
    assert badge(page) == "2: 2 actiepunten moeten af"


def test_ticking_off_on_meldingen_goes_back_there_and_the_item_is_gone(
    web, clock, team, lead, employee
):
    item = agree(team, "Leverancier bellen", employee, "3-3-2026", lead)
    agree(team, "Klantpanel uitnodigen", employee, "3-3-2026", lead)
    clock.advance(days=2)
    web.login(employee)
    form = Page(web.get("/meldingen").text).by_id(f"my-action-{item.id}")
    action = next(e.attrs["action"] for e in form.descendants() if e.tag == "form")

    response = web.post(action, {"done": "1", "terug": "meldingen"})

    assert response.status_code == 303 and response.headers["Location"] == "/meldingen"
    page = Page(web.get("/meldingen").text)
    assert "Afgevinkt: Leverancier bellen" in page.by_id("flash").text
    assert "Leverancier bellen" not in page.by_id("due-actions").text
    assert badge(page) == "1: 1 actiepunt moet af"
    agreed = Page(web.get(f"/teams/{team.id}/standup").text).texts("action-item__text")
    assert agreed == ["Klantpanel uitnodigen"], "done on the stand-up too"


def test_a_tick_off_goes_back_only_to_known_pages(web, clock, team, lead, employee):
    item = agree(team, "Leverancier bellen", employee, "3-3-2026", lead)
    web.login(employee)
    response = web.post(
        f"/actiepunten/{item.id}/afvinken", {"done": "1", "terug": "https://example.com/"}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == f"/teams/{team.id}/standup#standup-actions"


def test_without_items_due_meldingen_and_the_badge_are_as_before(web, clock, team, lead, employee):
    agree(team, "Volgende week pas", employee, "12-3-2026", lead)
    web.login(employee)
    page = Page(web.get("/meldingen").text)
    assert page.by_id("due-actions") is None and "Actiepunten over datum" not in page.text
    assert badge(page) is None


def test_meldingen_costs_the_same_queries_for_one_item_or_ten(web, clock, team, lead, employee):
    agree(team, "Eerste", employee, "3-3-2026", lead)
    clock.advance(days=2)
    web.login(employee)
    web.get("/meldingen")
    few = count_queries(web, "/meldingen")
    clock.advance(days=-2)
    for n in range(9):
        where = team
        if n % 2:  # items of several teams
            where = make_team()
            add_member(employee, where)
        agree(where, f"Punt {n}", employee, "3-3-2026", lead)
    clock.advance(days=2)
    web.login(employee)
    web.get("/meldingen")
    assert count_queries(web, "/meldingen") == few


def test_the_board_shows_how_many_action_items_are_past_due_and_whose(
    web, clock, team, board, lead, employee
):
    agree(team, "Leverancier bellen", employee, "3-3-2026", lead)
    agree(team, "Werkinstructie bijwerken", lead, "3-3-2026", lead)
    agree(team, "Vandaag klaar", lead, "5-3-2026", lead)
    clock.advance(days=3)
    outsider = make_user(name="Oane Buiten")
    add_member(outsider, make_team())
    web.login(outsider)  # the board is public: everyone reads the marker

    page = Page(web.get(f"/borden/{board.id}").text)

    marker = page.by_id("board-overdue")
    assert marker is not None and marker.tag == "p"
    shown = " ".join(marker.text.split())
    assert shown == "! 2 actiepunten over datum · Jelle Postma, Tjitske Hoekstra"
    (link,) = [e for e in marker.descendants() if e.tag == "a"]
    assert link.attrs["href"] == f"/teams/{team.id}/standup#standup-actions"
    wall = Page(web.get(f"/borden/{board.id}/wandbord").text).by_id("board-overdue")
    assert "2 actiepunten over datum" in wall.text
    assert not [e for e in wall.descendants() if e.tag == "a"], "nothing to click on the TV"


def test_no_marker_without_items_past_due(web, clock, team, board, lead, employee):
    item = agree(team, "Leverancier bellen", employee, "3-3-2026", lead)
    agree(team, "Volgende week", employee, "12-3-2026", lead)
    clock.advance(days=2)
    web.login(employee)
    assert Page(web.get(f"/borden/{board.id}").text).by_id("board-overdue") is not None
    services.set_action_item_done(item, True, employee)
    db.session.commit()
    assert Page(web.get(f"/borden/{board.id}").text).by_id("board-overdue") is None


def test_the_marker_costs_no_extra_query_and_none_in_fragments_or_the_live_check(
    web, clock, team, board, lead, employee
):
    web.login(employee)
    web.get(f"/borden/{board.id}")
    without = count_queries(web, f"/borden/{board.id}")
    agree(team, "Leverancier bellen", employee, "3-3-2026", lead)
    agree(team, "Werkinstructie bijwerken", lead, "3-3-2026", lead)
    clock.advance(days=3)
    web.login(employee)  # the earlier session has expired by now
    web.get(f"/borden/{board.id}")
    response, statements = get_counting(web, f"/borden/{board.id}")
    assert "board-overdue" in response.text
    assert len(statements) == without
    assert len([s for s in statements if "action_items" in s]) == 2  # the menu and the marker
    fragment = web.get(f"/borden/{board.id}?rijen=perspectief", htmx=True)
    assert "board-column" in fragment.text and "board-overdue" not in fragment.text
    unchanged, statements = get_counting(
        web, f"/borden/{board.id}/live?versie={board_version(board)}"
    )
    assert unchanged.status_code == 204
    assert not [s for s in statements if "action_items" in s], "the live check reads none"
    fresh, statements = get_counting(web, f"/borden/{board.id}/live?versie=0")
    assert fresh.status_code == 200 and "2 actiepunten over datum" in fresh.text
    assert len([s for s in statements if "action_items" in s]) == 1, "a changed answer: one"


def board_version(board) -> int:
    from board.boards import queries as board_queries

    return board_queries.board_version(board.id)


def test_ticking_off_a_late_item_refreshes_open_boards_and_wallboards(
    web, clock, team, board, lead, employee
):
    late = agree(team, "Leverancier bellen", employee, "3-3-2026", lead)
    later = agree(team, "Volgende week", employee, "12-3-2026", lead)
    agree(team, "Werkinstructie bijwerken", lead, "3-3-2026", lead)
    clock.advance(days=3)
    web.login(employee)
    seen = board_version(board)

    services.set_action_item_done(later, True, employee)  # not late: the marker stays the same
    db.session.commit()
    assert web.get(f"/borden/{board.id}/live?versie={seen}").status_code == 204

    services.set_action_item_done(late, True, employee)
    db.session.commit()
    for address in (f"/borden/{board.id}/live", f"/borden/{board.id}/wandbord/live"):
        answer = web.get(f"{address}?versie={seen}")
        assert answer.status_code == 200, address
        marker = Page(answer.text).by_id("board-overdue-marker")
        assert marker is not None, address
        assert " ".join(marker.text.split()) == "! 1 actiepunt over datum · Tjitske Hoekstra"
    # Opened again, it counts once more.
    services.set_action_item_done(late, False, employee)
    db.session.commit()
    reopened = web.get(f"/borden/{board.id}/wandbord/live?versie={seen + 1}")
    assert "2 actiepunten over datum" in reopened.text


def test_my_cards_lists_all_my_open_action_items(web, clock, team, lead, employee):
    agree(team, "Leverancier bellen", employee, "3-3-2026", lead)
    agree(team, "Volgende week", employee, "12-3-2026", lead)
    agree(team, "Van de teamleider", lead, "3-3-2026", lead)
    clock.advance(days=2)
    web.login(employee)
    section = Page(web.get("/mijn-kaarten").text).by_id("my-actions")
    assert section is not None
    assert [e.text for e in section.descendants() if "my-action__text" in e.classes] == [
        "Leverancier bellen",
        "Volgende week",
    ]
    assert "1 dag te laat" in section.text
    values = [e.attrs.get("value") for e in section.descendants() if e.tag == "input"]
    assert "mijn-kaarten" in values
