"""The boards API: list, make and read boards, add, change and move cards; private boards are
missing for outsiders; a stale version is 409 with what the client needs to refresh."""

from __future__ import annotations

import json

from board.boards import queries, services
from board.boards.models import Card, CardEvent
from board.extensions import db
from tests.api.conftest import assert_problem, make_token, problems
from tests.conftest import send_counting
from tests.factories import add_member, make_team, make_user


def columns(board):
    return {c.name: c for c in queries.list_columns(board.id)}


def add_card(board, title, actor, column=None):
    card = services.create_card(
        board, services.CardInput(title=title), actor, column_id=column.id if column else None
    )
    db.session.commit()
    return card


def test_create_a_board_and_read_it_back_with_columns_and_cards(api, team, employee):
    token = make_token(employee)
    response = api.post(
        "/api/v1/borden",
        token,
        json={"teamId": team.id, "naam": "Ons PDCA-bord", "sjabloon": "verbeterbord"},
    )
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert [k["naam"] for k in body["kolommen"]] == [
        "Ideeën",
        "Plan",
        "Do",
        "Check",
        "Act",
        "Klaar",
    ]
    assert body["kolommen"][-1]["klaar"] is True
    assert response.headers["Location"].endswith(f"/api/v1/borden/{body['id']}")
    card = api.post(
        f"/api/v1/borden/{body['id']}/kaarten", token, json={"titel": "Brief herschrijven"}
    )
    assert card.status_code == 201
    assert card.get_json()["kolomId"] == body["kolommen"][0]["id"]
    again = api.get(f"/api/v1/borden/{body['id']}", token).get_json()
    first = again["kolommen"][0]["kaarten"][0]
    assert (first["titel"], first["versie"]) == ("Brief herschrijven", 1)
    assert first["webUrl"].endswith(f"/kaarten/{first['id']}")
    listed = api.get("/api/v1/borden", token).get_json()["_embedded"]["borden"]
    assert [(b["naam"], b["aantalOpenKaarten"]) for b in listed] == [("Ons PDCA-bord", 1)]


def test_bad_board_input_lists_every_problem(api, team, employee):
    response = api.post(
        "/api/v1/borden", make_token(employee), json={"naam": 5, "sjabloon": "kanban", "x": 1}
    )
    assert_problem(response, 400)
    assert set(problems(response)) == {"naam", "x", "teamId"}
    bad_template = api.post(
        "/api/v1/borden",
        make_token(employee, "twee"),
        json={"teamId": team.id, "naam": "Bord", "sjabloon": "kanban"},
    )
    assert problems(bad_template) == {"sjabloon": "Kies het sjabloon Verbeterbord of Eenvoudig."}


def test_outsiders_may_not_make_boards_for_a_team(api, team):
    outsider = make_user()
    response = api.post(
        "/api/v1/borden", make_token(outsider), json={"teamId": team.id, "naam": "Niet van mij"}
    )
    assert_problem(response, 403)


def test_move_a_card_and_get_409_with_a_stale_version(api, board, lead, employee):
    cols = columns(board)
    a = add_card(board, "A", lead, cols["Do"])
    moving = add_card(board, "Verplaats mij", lead)
    token = make_token(employee)
    response = api.post(
        f"/api/v1/kaarten/{moving.id}/verplaatsingen",
        token,
        json={"kolomId": cols["Do"].id, "naKaartId": a.id, "versie": 1},
    )
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["kolomId"], body["versie"]) == (cols["Do"].id, 2)
    fresh = api.get(f"/api/v1/borden/{board.id}", token).get_json()
    do = next(k for k in fresh["kolommen"] if k["naam"] == "Do")
    assert [k["titel"] for k in do["kaarten"]] == ["A", "Verplaats mij"]
    stale = api.post(
        f"/api/v1/kaarten/{moving.id}/verplaatsingen",
        token,
        json={"kolomId": cols["Plan"].id, "naKaartId": None, "versie": 1},
    )
    body = assert_problem(stale, 409)
    assert (body["kaartId"], body["kolomId"], body["versie"]) == (moving.id, cols["Do"].id, 2)
    assert body["bordUrl"].endswith(f"/api/v1/borden/{board.id}")
    assert db.session.get(Card, moving.id).column_id == cols["Do"].id
    moves = db.session.query(CardEvent).filter_by(card_id=moving.id, kind="move").count()
    assert moves == 1


def test_bad_moves_are_refused(api, board, team, lead, employee):
    other = services.create_board(team, "Ander", "eenvoudig", lead)
    db.session.commit()
    card = add_card(board, "Hier", lead)
    token = make_token(employee)
    url = f"/api/v1/kaarten/{card.id}/verplaatsingen"
    elsewhere = api.post(
        url, token, json={"kolomId": columns(other)["Bezig"].id, "naKaartId": None, "versie": 1}
    )
    assert problems(elsewhere) == {"kolomId": "Kies een kolom van dit bord."}
    missing = api.post(
        url, token, json={"kolomId": columns(board)["Do"].id, "naKaartId": 999999, "versie": 1}
    )
    assert "naKaartId" in problems(missing)
    shapeless = api.post(url, token, json={"kolomId": "Do"})
    assert set(problems(shapeless)) == {"kolomId", "versie", "naKaartId"}
    assert_problem(
        api.post(
            "/api/v1/kaarten/999999/verplaatsingen",
            token,
            json={"kolomId": 1, "naKaartId": None, "versie": 1},
        ),
        404,
    )


def test_wip_limit_needs_overwiplimiet(api, board, lead, employee):
    do = columns(board)["Do"]
    services.set_wip_limit(do, "1", lead)
    add_card(board, "Vol", lead, do)
    card = add_card(board, "Erbij", lead)
    token = make_token(employee)
    url = f"/api/v1/kaarten/{card.id}/verplaatsingen"
    move = {"kolomId": do.id, "naKaartId": None, "versie": 1}
    body = assert_problem(api.post(url, token, json=move), 409)
    assert "overWipLimiet" in body["detail"]
    assert api.post(url, token, json={**move, "overWipLimiet": True}).status_code == 200


def test_patch_changes_only_what_is_sent(api, board, lead, employee):
    card = add_card(board, "Oud", lead)
    token = make_token(employee)
    response = api.patch(
        f"/api/v1/kaarten/{card.id}",
        token,
        json={
            "titel": "Nieuw",
            "deadline": "2026-03-20",
            "geblokkeerd": True,
            "redenGeblokkeerd": "Wacht op ICT",
            "eigenaarIds": [employee.id],
            "perspectieven": ["klant"],
        },
    )
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["titel"], body["deadline"], body["redenGeblokkeerd"]) == (
        "Nieuw",
        "2026-03-20",
        "Wacht op ICT",
    )
    assert body["eigenaren"] == [{"id": employee.id, "naam": "Jelle Postma"}]
    bad = api.patch(
        f"/api/v1/kaarten/{card.id}",
        token,
        json={"titel": "x" * 201, "deadline": "2026-02-31", "eigenaarIds": [make_user().id]},
    )
    assert set(problems(bad)) == {"titel", "deadline", "eigenaarIds"}
    bad = api.patch(
        f"/api/v1/kaarten/{card.id}", token, json={"titel": "x" * 201, "eigenaarIds": [999]}
    )
    assert set(problems(bad)) == {"titel", "eigenaarIds"}
    assert db.session.get(Card, card.id).title == "Nieuw"
    stale = api.patch(f"/api/v1/kaarten/{card.id}", token, json={"titel": "Later", "versie": 1})
    assert_problem(stale, 409)


def test_private_boards_are_missing_for_outsiders(api, team, lead):
    secret = services.create_board(team, "Geheim", "eenvoudig", lead, visibility="private")
    db.session.commit()
    card = add_card(secret, "Geheime kaart", lead)
    outsider = make_user()
    add_member(outsider, make_team())
    token = make_token(outsider)
    assert_problem(api.get(f"/api/v1/borden/{secret.id}", token), 404)
    assert_problem(api.get(f"/api/v1/kaarten/{card.id}", token), 404)
    assert_problem(
        api.post(
            f"/api/v1/kaarten/{card.id}/verplaatsingen",
            token,
            json={"kolomId": card.column_id, "naKaartId": None, "versie": 1},
        ),
        404,
    )
    assert_problem(api.patch(f"/api/v1/kaarten/{card.id}", token, json={"titel": "Hoi"}), 404)
    listed = api.get("/api/v1/borden", token).get_json()["_embedded"]["borden"]
    assert "Geheim" not in [b["naam"] for b in listed]
    # Readers of a public board may not change it.
    public = services.create_board(team, "Open", "eenvoudig", lead)
    db.session.commit()
    public_card = add_card(public, "Open kaart", lead)
    assert api.get(f"/api/v1/borden/{public.id}", token).status_code == 200
    assert_problem(
        api.patch(f"/api/v1/kaarten/{public_card.id}", token, json={"titel": "Hoi"}), 403
    )


def test_the_board_from_the_api_matches_its_schema(api, board, lead, employee):
    add_card(board, "Schema", lead)
    token = make_token(employee)
    spec = json.loads(api.get("/api/v1/openapi.json").get_data(as_text=True))
    schemas = spec["components"]["schemas"]
    body = api.get(f"/api/v1/borden/{board.id}", token).get_json()
    assert set(schemas["Bord"]["required"]) <= set(body) <= set(schemas["Bord"]["properties"])
    column = body["kolommen"][0]
    assert set(schemas["Kolom"]["required"]) <= set(column) <= set(schemas["Kolom"]["properties"])
    card = column["kaarten"][0]
    assert set(schemas["Kaart"]["required"]) <= set(card) <= set(schemas["Kaart"]["properties"])
    from board.api import board_routes

    assert set(schemas["Verplaatsing"]["properties"]) == set(board_routes.MOVE)
    assert set(schemas["NieuweKaart"]["properties"]) == set(board_routes.NEW_CARD)
    assert set(schemas["KaartWijziging"]["properties"]) == set(board_routes.CARD_CHANGE)
    assert set(schemas["NieuwBord"]["properties"]) == set(board_routes.NEW_BOARD)


# Besides the token (read, and its last use written at most once a minute): the token's
# person; who may move the card and the card (one), the board's lock, the card and board
# locked, the columns, the card it goes after, the neighbour below, the card's row and its
# history row; the answer: the card with its board and column, its owners, its perspectives,
# its tags.
API_MOVE_QUERIES = 13


def test_a_move_costs_the_same_few_queries_on_a_long_column(api, board, lead, employee):
    cols = columns(board)
    first = add_card(board, "Eerste", lead, cols["Do"])
    moving = add_card(board, "Verplaats mij", lead)
    token = make_token(employee)
    url, target, top = f"/api/v1/kaarten/{moving.id}/verplaatsingen", cols["Do"].id, first.id

    def move(version, after):
        body = {"kolomId": target, "naKaartId": after, "versie": version}
        response, statements = send_counting(lambda: api.post(url, token, json=body))
        return response, [s for s in statements if "api_tokens" not in s]

    response, statements = move(1, top)
    assert response.status_code == 200, response.get_json()
    assert len(statements) == API_MOVE_QUERIES
    for i in range(20):
        add_card(board, f"Kaart {i}", lead, cols["Do"])
    last = add_card(board, "Laatste", lead, cols["Do"]).id
    response, statements = move(2, last)  # now to the bottom of the longer column
    assert response.get_json()["versie"] == 3
    assert len(statements) == API_MOVE_QUERIES
    kinds = [e.kind for e in queries.list_card_events(moving.id)]
    assert kinds == ["reorder", "move", "created"]
