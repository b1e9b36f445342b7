"""Boards as people use them: make a board, add and move cards (form, htmx, buttons), edit a
card, manage columns, and what outsiders may not see."""

from __future__ import annotations

import re

from sqlalchemy import select

from board.boards import queries, services
from board.boards.models import Board, Card, CardEvent
from board.boards.services import CardInput
from board.extensions import db
from tests.conftest import Page, count_queries, get_counting, send_counting
from tests.factories import add_member, column_named, make_team, make_user


def titles_in(page: Page, column) -> list[str]:
    section = page.by_id(f"column-{column.id}")
    assert section is not None, f"column {column.name} not in the response"
    return [e.text for e in section.descendants() if "board-card__title" in e.classes]


def add_card(board, title, actor, column=None, **fields):
    card = services.create_card(
        board, CardInput(title=title, **fields), actor, column_id=column.id if column else None
    )
    db.session.commit()
    return card


def test_member_makes_a_board_from_the_template(web, team, employee):
    web.login(employee)
    form = web.get("/borden/nieuw")
    assert "Verbeterbord (Ideeën, Plan, Do, Check, Act, Klaar)" in form.text
    response = web.post(
        "/borden",
        {
            "team_id": str(team.id),
            "name": "Ons bord",
            "template": "eenvoudig",
            "visibility": "public",
        },
    )
    assert response.status_code == 303
    page = Page(web.get(response.headers["Location"]).text)
    names = [e.text for e in page.by_class("board-column__name")]
    assert names == ["Te doen", "Bezig", "Klaar"]
    assert "Het bord ‘Ons bord’ is gemaakt." in page.text


def test_a_board_without_a_name_is_422_and_keeps_the_choice(web, team, employee):
    web.login(employee)
    response = web.post("/borden", {"team_id": str(team.id), "name": "  ", "template": "eenvoudig"})
    assert response.status_code == 422
    page = Page(response.text)
    assert page.field_error("name") == "Geef het bord een naam."
    assert page.value("template") == "eenvoudig"


def test_board_list_groups_by_chain_and_team_and_hides_private_boards(web, board, team, lead):
    outsider = make_user()
    add_member(outsider, make_team())
    secret = services.create_board(team, "Geheim bord", "eenvoudig", lead, visibility="private")
    db.session.commit()
    web.login(outsider)
    page = Page(web.get("/borden").text)
    assert "Verbeterbord KCC" in page.texts("board-list__name")
    assert "Geheim bord" not in page.text
    assert team.name in page.text and team.chain.name in page.text
    assert web.get(f"/borden/{secret.id}").status_code == 404
    card = add_card(secret, "Geheime kaart", lead)
    assert web.get(f"/kaarten/{card.id}").status_code == 404
    assert web.get(f"/kaarten/{card.id}/verplaatsen").status_code == 404


def test_board_shows_cards_with_owners_blocked_due_and_age(web, board, lead, employee, clock):
    do = column_named(board, "Do")
    services.set_wip_limit(do, "1", lead)
    add_card(
        board,
        "Terugbelverzoek digitaal",
        lead,
        do,
        owner_ids=[employee.id],
        blocked=True,
        blocked_reason="Wacht op leverancier",
        perspectives=["klant"],
    )
    late = add_card(board, "Oud formulier", lead, do)
    services.update_card(late, CardInput(due_date=clock().date().replace(day=1)), lead)
    services.move_card(late.id, do.id, None, late.version, lead, confirm_over_wip=True)
    db.session.commit()
    clock.advance(days=4)
    web.login(employee)
    response = web.get(f"/borden/{board.id}")
    page = Page(response.text)
    column = page.by_id(f"column-{do.id}")
    assert "board-column--over" in column.classes
    assert "Over de WIP-limiet" in column.text
    assert "2 / 1" in column.text
    card = page.by_id(f"card-{late.id}")
    assert "Te laat:" in card.text and "4 dagen in kolom" in card.text
    blocked = page.by_class("board-card--blocked")[0]
    assert "Geblokkeerd: Wacht op leverancier" in blocked.text
    assert "JP" in blocked.text and "Jelle Postma" in blocked.text
    assert "Klant" in blocked.text


def test_card_html_stays_small(web, board, lead, employee):
    for i in range(30):
        add_card(
            board,
            f"Kaart nummer {i} met een redelijk lange titel",
            lead,
            owner_ids=[employee.id],
            perspectives=["klant", "proces"],
        )
    web.login(employee)
    html = web.get(f"/borden/{board.id}").text
    sizes = [
        len(m.group(0).encode()) for m in re.finditer(r'<li class="board-card.*?</li>', html, re.S)
    ]
    assert len(sizes) == 30
    assert max(sizes) <= 1500, max(sizes)


def test_new_card_form_adds_to_the_first_column(web, board, employee):
    web.login(employee)
    response = web.post(f"/borden/{board.id}/kaarten", {"title": "Balie later open"})
    assert response.status_code == 303
    page = Page(web.get(response.headers["Location"]).text)
    assert titles_in(page, column_named(board, "Ideeën")) == ["Balie later open"]
    fragment = web.post(f"/borden/{board.id}/kaarten", {"title": "Tweede"}, htmx=True)
    assert fragment.status_code == 200
    page = Page(fragment.text)
    assert titles_in(page, column_named(board, "Ideeën")) == ["Balie later open", "Tweede"]
    assert "Kaart ‘Tweede’ toegevoegd aan Ideeën." in page.by_id("board-status").text
    too_long = web.post(f"/borden/{board.id}/kaarten", {"title": "x" * 201})
    assert too_long.status_code == 422
    assert "hoogstens 200 tekens" in Page(too_long.text).field_error("new-card-title")
    assert Page(too_long.text).value("new-card-title") == "x" * 201


def test_move_form_without_javascript_posts_and_redirects(web, board, lead, employee):
    a = add_card(board, "A", lead)
    b = add_card(board, "B", lead, column_named(board, "Do"))
    web.login(employee)
    form = Page(web.get(f"/kaarten/{a.id}/verplaatsen").text)
    assert form.by_id("column_id") is not None and form.by_id("position") is not None
    do = column_named(board, "Do")
    response = web.post(
        f"/kaarten/{a.id}/verplaatsen",
        {"column_id": str(do.id), "position": str(b.id), "versie": "1"},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == f"/borden/{board.id}#card-{a.id}"
    page = Page(web.get(response.headers["Location"]).text)
    assert titles_in(page, do) == ["B", "A"]
    assert "Kaart ‘A’ verplaatst naar Do." in page.text
    event = db.session.scalars(
        select(CardEvent).where(CardEvent.card_id == a.id, CardEvent.kind == "move")
    ).one()
    assert (event.from_value, event.to_value, event.actor_id) == ("Ideeën", "Do", employee.id)


def test_onderaan_puts_the_card_below_the_last_one_also_in_its_own_column(
    web, board, lead, employee
):
    do = column_named(board, "Do")
    a, b, c = (add_card(board, t, lead, do) for t in ("A", "B", "C"))
    moving = add_card(board, "Nieuw", lead)
    web.login(employee)
    for card, version in ((moving, "1"), (a, "1")):
        response = web.post(
            f"/kaarten/{card.id}/verplaatsen",
            {"column_id": str(do.id), "position": "onderaan", "versie": version},
        )
        assert response.status_code == 303
    assert titles_in(Page(web.get(f"/borden/{board.id}").text), do) == ["B", "C", "Nieuw", "A"]
    assert [e.kind for e in queries.list_card_events(a.id)] == ["reorder", "created"]
    assert [e.kind for e in queries.list_card_events(b.id)] == ["created"]
    assert [e.kind for e in queries.list_card_events(c.id)] == ["created"]


def test_move_form_lists_the_positions_of_the_chosen_column(web, board, lead, employee):
    a = add_card(board, "A", lead)
    do = column_named(board, "Do")
    add_card(board, "In Do", lead, do)
    web.login(employee)
    page = Page(web.get(f"/kaarten/{a.id}/verplaatsen?column_id={do.id}").text)
    options = [e.text for e in page.by_id("position").descendants() if e.tag == "option"]
    assert options == ["Bovenaan", "Onderaan", "Na ‘In Do’"]


def test_htmx_move_answers_with_both_columns_out_of_band_and_an_announcement(
    web, board, lead, employee
):
    a = add_card(board, "Telefoonmenu korter", lead)
    do = column_named(board, "Do")
    web.login(employee)
    response = web.post(
        f"/kaarten/{a.id}/verplaatsen",
        {"column_id": str(do.id), "position": "", "versie": "1"},
        htmx=True,
    )
    assert response.status_code == 200
    page = Page(response.text)
    # Only the card and the two headers come back, whatever the size of the columns.
    swaps = [e.attrs.get("hx-swap-oob") for e in page.all() if e.attrs.get("hx-swap-oob")]
    assert swaps[:2] == ["delete", f"afterbegin:#column-{do.id}-cards"]
    moved = [e for e in page.all() if e.tag == "li" and e.attrs.get("id") == f"card-{a.id}"]
    assert moved and moved[0].text.startswith("Telefoonmenu korter")
    assert "1" in page.by_id(f"column-{do.id}-header").text
    assert "0" in page.by_id(f"column-{column_named(board, 'Ideeën').id}-header").text
    assert page.by_id("board-status").text == "Kaart ‘Telefoonmenu korter’ verplaatst naar Do."
    assert '"boardMoved"' in response.headers["HX-Trigger-After-Settle"]
    assert len(response.data) < 3000
    b = add_card(board, "Tweede", lead, do)
    after = web.post(
        f"/kaarten/{b.id}/verplaatsen",
        {"column_id": str(do.id), "position": str(a.id), "versie": "1"},
        htmx=True,
    )
    assert f'hx-swap-oob="afterend:#card-{a.id}"' in after.text


def test_stale_move_is_409_with_the_fresh_column(web, make_web, board, lead, employee):
    card = add_card(board, "Gedeelde kaart", lead)
    plan, do = column_named(board, "Plan"), column_named(board, "Do")
    services.move_card(card.id, plan.id, None, 1, lead)  # someone else, just now
    db.session.commit()
    web.login(employee)
    response = web.post(
        f"/kaarten/{card.id}/verplaatsen",
        {
            "column_id": str(do.id),
            "position": "",
            "versie": "1",
            "van": str(column_named(board, "Ideeën").id),
            "bron": "slepen",
        },
        htmx=True,
    )
    assert response.status_code == 409
    page = Page(response.text)
    assert titles_in(page, plan) == ["Gedeelde kaart"]
    assert titles_in(page, do) == []
    assert "Iemand anders heeft deze kaart net verplaatst" in page.by_id("board-status").text
    assert db.session.get(Card, card.id).column_id == plan.id
    # Without JavaScript: back to the board with the message.
    plain = web.post(
        f"/kaarten/{card.id}/verplaatsen", {"column_id": str(do.id), "position": "", "versie": "1"}
    )
    assert plain.status_code == 303
    assert "Iemand anders" in web.get(plain.headers["Location"]).text


def test_move_to_a_column_of_another_board_is_422_and_changes_nothing(
    web, board, team, lead, employee
):
    other = services.create_board(team, "Ander", "eenvoudig", lead)
    card = add_card(board, "Blijft hier", lead)
    web.login(employee)
    response = web.post(
        f"/kaarten/{card.id}/verplaatsen",
        {"column_id": str(column_named(other, "Bezig").id), "position": "", "versie": "1"},
    )
    assert response.status_code == 422
    assert "Kies een kolom van dit bord." in response.text
    assert db.session.get(Card, card.id).column_id == column_named(board, "Ideeën").id


def test_wip_limit_asks_for_confirmation_before_going_over(web, board, lead, employee):
    do = column_named(board, "Do")
    services.set_wip_limit(do, "1", lead)
    add_card(board, "Bezig", lead, do)
    card = add_card(board, "Erbij", lead)
    web.login(employee)
    data = {"column_id": str(do.id), "position": "onderaan", "versie": "1"}
    asked = web.post(f"/kaarten/{card.id}/verplaatsen", data)
    assert asked.status_code == 409
    assert "gaat hiermee over de WIP-limiet van 1" in asked.text
    assert 'name="bevestig" value="1"' in asked.text
    assert db.session.get(Card, card.id).column_id != do.id
    done = web.post(f"/kaarten/{card.id}/verplaatsen", {**data, "bevestig": "1"})
    assert done.status_code == 303
    assert db.session.get(Card, card.id).column_id == do.id
    dragged = add_card(board, "Gesleept", lead)
    response = web.post(f"/kaarten/{dragged.id}/verplaatsen", {**data, "bron": "slepen"}, htmx=True)
    assert response.status_code == 409
    assert "boardWipConfirm" in response.headers["HX-Trigger-After-Settle"]


def test_up_and_down_buttons_reorder_the_column(web, board, lead, employee):
    a, b = add_card(board, "A", lead), add_card(board, "B", lead)
    first = column_named(board, "Ideeën")
    web.login(employee)
    response = web.post(f"/kaarten/{b.id}/omhoog", {"versie": "1"})
    assert response.status_code == 303
    assert titles_in(Page(web.get(f"/borden/{board.id}").text), first) == ["B", "A"]
    fragment = web.post(f"/kaarten/{b.id}/omlaag", {"versie": "2"}, htmx=True)
    assert f'hx-swap-oob="afterend:#card-{a.id}"' in fragment.text
    assert titles_in(Page(web.get(f"/borden/{board.id}").text), first) == ["A", "B"]
    assert "plaats 2" in Page(fragment.text).by_id("board-status").text
    stale = web.post(f"/kaarten/{a.id}/omlaag", {"versie": "1"}, htmx=True)
    assert stale.status_code == 200  # A was never moved: its version is still 1


def test_card_page_edits_and_shows_history(web, board, lead, employee):
    card = add_card(board, "Brief herschrijven", lead)
    web.login(employee)
    response = web.post(
        f"/kaarten/{card.id}",
        {
            "title": "Brief in begrijpelijke taal",
            "description": "Taalniveau B1",
            "owner_ids": [str(employee.id)],
            "due_date": "20-3-2026",
            "perspectives": ["klant"],
            "tags": "taal",
            "blocked": "y",
            "blocked_reason": "Juridische toets",
        },
    )
    assert response.status_code == 303
    page = Page(web.get(f"/kaarten/{card.id}").text)
    assert page.by_id("card-title").text == "Brief in begrijpelijke taal"
    assert "Geblokkeerd: Juridische toets" in page.text
    assert "Eigenaren: Jelle Postma" in page.text
    assert "checked" in page.by_id(f"owner_ids-{employee.id}").attrs
    # Who is not an owner yet is offered in the list to add from, not as a tick box.
    assert page.by_id(f"owner_ids-{lead.id}") is None
    offered = [
        e.attrs.get("value") for e in page.by_id("owner-add").descendants() if e.tag == "option"
    ]
    assert str(lead.id) in offered and str(employee.id) not in offered
    history = page.by_class("card-history")[0].text
    assert "Jelle Postma: titel ‘Brief herschrijven’ → ‘Brief in begrijpelijke taal’" in history
    assert "Tjitske Hoekstra: kaart gemaakt in Ideeën" in history


def test_31_february_is_a_clear_422_that_keeps_what_was_typed(web, board, lead, employee):
    card = add_card(board, "Deadline", lead)
    web.login(employee)
    response = web.post(f"/kaarten/{card.id}", {"title": "Nieuwe titel", "due_date": "2026-02-31"})
    assert response.status_code == 422
    page = Page(response.text)
    assert page.field_error("due_date") == "Die datum bestaat niet (2026-02-31)."
    assert page.value("title") == "Nieuwe titel"
    assert db.session.get(Card, card.id).title == "Deadline"


def test_checklist_and_comments(web, board, lead, employee):
    card = add_card(board, "Checklist", lead)
    web.login(employee)
    assert (
        web.post(f"/kaarten/{card.id}/checklist", {"text": "Tekst laten lezen"}).status_code == 303
    )
    item = queries.list_checklist(card.id)[0]
    web.post(f"/checklist/{item.id}/afvinken")
    assert queries.list_checklist(card.id)[0].done
    assert web.post(f"/kaarten/{card.id}/reacties", {"body": "Goed idee"}).status_code == 303
    page = Page(web.get(f"/kaarten/{card.id}").text)
    assert "Goed idee" in page.text and "Tekst laten lezen" in page.text
    empty = web.post(f"/kaarten/{card.id}/reacties", {"body": " "})
    assert empty.status_code == 422


def test_column_settings_reject_a_negative_wip_limit_and_need_a_target(web, board, lead, employee):
    do = column_named(board, "Do")
    web.login(employee)
    response = web.post(
        f"/kolommen/{do.id}",
        {f"kolom-{do.id}-name": "Do", f"kolom-{do.id}-wip_limit": "-1"},
    )
    assert response.status_code == 422
    assert "Een WIP-limiet is een heel getal van 1 tot en met 999" in response.text
    assert do.wip_limit is None
    ok = web.post(
        f"/kolommen/{do.id}", {f"kolom-{do.id}-name": "Uitvoeren", f"kolom-{do.id}-wip_limit": "3"}
    )
    assert ok.status_code == 303
    db.session.refresh(do)
    assert (do.name, do.wip_limit) == ("Uitvoeren", 3)
    add_card(board, "In uitvoering", lead, do)
    refused = web.post(f"/kolommen/{do.id}/verwijderen", {})
    assert refused.status_code == 422
    assert "Kies naar welke kolom ze gaan" in refused.text
    plan = column_named(board, "Plan")
    gone = web.post(
        f"/kolommen/{do.id}/verwijderen", {f"verwijder-{do.id}-target_column_id": str(plan.id)}
    )
    assert gone.status_code == 303
    assert [c.name for c in queries.list_columns(board.id)] == [
        "Ideeën",
        "Plan",
        "Check",
        "Act",
        "Klaar",
    ]
    web.post(f"/kolommen/{plan.id}/rechts")
    assert [c.name for c in queries.list_columns(board.id)][:3] == ["Ideeën", "Check", "Plan"]
    added = web.post(f"/borden/{board.id}/kolommen", {"nieuw-name": "Wacht", "nieuw-wip_limit": ""})
    assert added.status_code == 303
    assert queries.list_columns(board.id)[-1].name == "Wacht"


def test_board_settings_make_it_private_and_archive_it(web, board, lead, employee):
    web.login(employee)
    response = web.post(
        f"/borden/{board.id}/instellingen",
        {"name": "Nieuw", "visibility": "private", "wip_policy": "refuse"},
    )
    assert response.status_code == 303
    db.session.refresh(board)
    assert (board.name, board.visibility, board.wip_policy) == ("Nieuw", "private", "refuse")
    web.post(f"/borden/{board.id}/archiveren")
    db.session.refresh(board)
    assert board.archived_at is not None
    assert "Dit bord is gearchiveerd." in web.get(f"/borden/{board.id}").text


def test_readers_of_a_public_board_cannot_change_it(web, board, lead):
    outsider = make_user()
    card = add_card(board, "Alleen lezen", lead)
    web.login(outsider)
    page = web.get(f"/borden/{board.id}")
    assert page.status_code == 200 and "Alleen lezen" in page.text
    assert "board-card__move" not in page.text
    assert web.get(f"/kaarten/{card.id}/verplaatsen").status_code == 403
    assert web.post(f"/kaarten/{card.id}/omhoog", {"versie": "1"}).status_code == 403
    assert db.session.scalar(select(Board.version).where(Board.id == board.id)) == board.version


def test_board_page_fragment_for_htmx(web, board, lead, employee):
    add_card(board, "Fragment", lead)
    web.login(employee)
    response = web.get(f"/borden/{board.id}", htmx=True)
    assert response.headers["Vary"] == "HX-Request" or "HX-Request" in response.headers["Vary"]
    assert "<html" not in response.text
    assert 'id="board-columns"' in response.text and "Fragment" in response.text


def test_team_page_lists_its_boards_and_the_menu_links_to_boards(web, board, team, lead, employee):
    outsider = make_user()
    secret = services.create_board(team, "Teamgeheim", "eenvoudig", lead, visibility="private")
    db.session.commit()
    web.login(employee)
    page = Page(web.get(f"/teams/{team.id}").text)
    section = page.by_id("boards-heading").parent
    assert "Verbeterbord KCC" in section.text and "Teamgeheim" in section.text
    nav = [e for e in page.all() if e.tag == "a" and e.attrs.get("href") == "/borden"]
    assert nav and nav[0].text == "Borden"
    web.logout()
    web.login(outsider)
    section = Page(web.get(f"/teams/{team.id}").text).by_id("boards-heading").parent
    assert "Verbeterbord KCC" in section.text and secret.name not in section.text
    assert "Nieuw bord" not in section.text


def test_the_board_costs_the_same_queries_for_5_or_60_cards(web, board, lead, employee, team):
    from board.ideas import services as idea_services

    idea = idea_services.submit_idea(
        idea_services.IdeaInput(title="Idee", team_id=team.id), submitter=employee
    )
    cols = queries.list_columns(board.id)

    def fill(n):
        for i in range(n):
            services.create_card(
                board,
                CardInput(
                    title=f"Kaart {i}",
                    owner_ids=[employee.id, lead.id],
                    perspectives=["klant"],
                    tags=["t"],
                ),
                lead,
                column_id=cols[i % len(cols)].id,
                idea_id=idea.id,
            )
        db.session.commit()

    fill(5)
    web.login(employee)
    few = count_queries(web, f"/borden/{board.id}")
    fill(55)
    many = count_queries(web, f"/borden/{board.id}")
    assert many == few, (few, many)
    assert few == BOARD_PAGE_QUERIES


# A page's statements in the test app, which reads the organisation's name each of the three
# times a page shows it (a server keeps it for a minute): those three are in each page count.
ORGANISATION_NAME = 3
# The session, the board, its columns, the cards with their ideas, the owners, perspectives
# and tags of all cards in one, the viewer's teams, the team's overdue action items, the
# menu's counts.
BOARD_PAGE_QUERIES = 8 + ORGANISATION_NAME
# The session, the card with its board, column and idea, its lists (owners, perspectives,
# tags, the team, the checklist, the idea's perspectives) in one, comments and history in one,
# the menu's counts.
CARD_PAGE_QUERIES = 5 + ORGANISATION_NAME
# Who may move it and the card (one), the board's lock, the card and board locked, the
# columns, the neighbour below the new place, the card's row and its history row, and for
# the answer the two columns' counts and the card's owners, perspectives and tags; the
# session before all of it.
MOVE_QUERIES = 10


def test_a_card_page_costs_the_same_few_queries_however_much_it_shows(
    web, board, lead, employee, team
):
    from board.ideas import services as idea_services

    plain = add_card(board, "Kaal", lead)
    web.login(employee)
    assert count_queries(web, f"/kaarten/{plain.id}") == CARD_PAGE_QUERIES
    idea = idea_services.submit_idea(
        idea_services.IdeaInput(title="Idee", team_id=team.id, perspectives=["klant"]),
        submitter=employee,
    )
    full = add_card(
        board,
        "Vol",
        lead,
        owner_ids=[employee.id, lead.id],
        perspectives=["proces", "klant"],
        tags=["post", "brief"],
        blocked=True,
        blocked_reason="Wacht op juridische toets",
    )
    full.idea_id = idea.id
    for i in range(3):
        services.add_checklist_item(full, f"Stap {i}", lead)
        services.add_comment(full, employee, f"Reactie {i}")
    services.move_card(full.id, column_named(board, "Do").id, None, None, lead)
    db.session.commit()
    response, statements = get_counting(web, f"/kaarten/{full.id}")
    assert len(statements) == CARD_PAGE_QUERIES, statements
    page = Page(response.text)
    assert "Eigenaren: Jelle Postma, Tjitske Hoekstra" in page.text
    assert "Perspectieven: Klant, Proces" in page.text
    assert "#brief #post" in " ".join(page.text.split())
    assert [e.text for e in page.by_class("checklist__item")][0].endswith("Stap 0")
    comments = [e.text for e in page.by_class("card-comments__item")]
    assert [c.split("Reactie ")[1] for c in comments] == ["0", "1", "2"]
    history = page.by_class("card-history")[0].text
    assert history.index("verplaatst van Ideeën naar Do") < history.index("kaart gemaakt")
    assert "Komt uit idee" in page.text


def test_a_move_costs_the_same_few_queries_on_a_long_column(web, board, lead, employee):
    do = column_named(board, "Do")
    moving = add_card(board, "Verplaats mij", lead, owner_ids=[lead.id])

    def move(card, column, version):
        url, fields = f"/kaarten/{card.id}/verplaatsen", {"column_id": str(column.id)}
        fields.update(position="", versie=str(version))
        return send_counting(lambda: web.post(url, fields, htmx=True))

    web.login(employee)
    response, statements = move(moving, do, 1)
    assert response.status_code == 200
    assert len(statements) == MOVE_QUERIES, statements
    for i in range(30):
        services.create_card(board, CardInput(title=f"Kaart {i}"), lead, column_id=do.id)
    db.session.commit()
    response, statements = move(moving, column_named(board, "Plan"), 2)
    assert response.status_code == 200
    assert len(statements) == MOVE_QUERIES, statements
    response, statements = move(moving, do, 3)
    assert len(statements) == MOVE_QUERIES, statements
    assert "31" in Page(response.text).by_id(f"column-{do.id}-header").text
    events = db.session.scalars(
        select(CardEvent).where(CardEvent.card_id == moving.id).order_by(CardEvent.id)
    ).all()
    assert [(e.kind, e.from_value, e.to_value) for e in events] == [
        ("created", "", "Ideeën"),
        ("move", "Ideeën", "Do"),
        ("move", "Do", "Plan"),
        ("move", "Plan", "Do"),
    ]
    assert all(e.actor_id == employee.id for e in events[1:])
