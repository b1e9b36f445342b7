"""The stand-ups API: teams with their boards and next stand-up, a team's stand-ups newest
first, one stand-up with all that was recorded, and action items across teams. A team whose
boards are all private keeps its stand-ups to itself: 404 and left out of lists for others."""

from __future__ import annotations

import json

import pytest

from board.boards import services as board_services
from board.extensions import db
from board.standups import services
from board.standups.queries import HISTORY_PAGE
from tests.api.conftest import assert_problem, make_token, problems
from tests.conftest import get_counting
from tests.factories import add_member, make_chain, make_team, make_user


@pytest.fixture
def outsider():
    return make_user(name="Oane Buiten", email="oane@example.org")


def hold_standup(team, lead, *, note="", decision="", items=(), present=(), minutes=15, clock):
    """A finished stand-up with what was said and agreed; `items` are (text, owner, due)."""
    standup = services.start_standup(team, lead, [p.id for p in present] or None)
    if note:
        services.add_note(standup, note, lead)
    if decision:
        services.add_decision(standup, decision, lead)
    for text, owner, due in items:
        services.add_action_item(team, text, owner.id, due, lead, standup)
    clock.advance(minutes=minutes)
    services.end_standup(standup, lead, "Goed overleg")
    clock.advance(days=7)
    db.session.commit()
    return standup


def private_team(lead):
    """A team whose only board is private, with `lead` as its lead."""
    secret = make_team(name="Team Geheim")
    add_member(lead, secret, "lead")
    board_services.create_board(secret, "Geheim bord", "eenvoudig", lead, visibility="private")
    db.session.commit()
    return secret


class TokenClient:
    """What get_counting needs: `get(url)`, here with a Bearer token."""

    def __init__(self, api, token: str) -> None:
        self.api, self.token = api, token

    def get(self, url: str):
        return self.api.get(url, self.token)


def counted(api, token, url) -> int:
    """The statements a request costs once the token's last use is noted (at most hourly)."""
    api.get(url, token)
    response, statements = get_counting(TokenClient(api, token), url)
    assert response.status_code == 200, response.get_json()
    return len(statements)


def embedded(response, name: str) -> list[dict]:
    assert response.status_code == 200, response.get_json()
    assert response.headers["API-Version"] == "1.0.0"
    return response.get_json()["_embedded"][name]


# --- teams --------------------------------------------------------------------------------


def test_teams_come_with_their_chain_the_boards_one_may_see_and_the_next_standup(
    api, clock, team, board, lead, outsider
):
    board_services.create_board(team, "Teamzaken", "eenvoudig", lead, visibility="private")
    services.set_schedule(team, 1, "9:30", lead)  # Tuesday, Amsterdam time
    db.session.commit()

    def ours(token):
        found = embedded(api.get("/api/v1/teams", token), "teams")
        return next(t for t in found if t["id"] == team.id)

    mine = ours(make_token(lead))
    assert mine["naam"] == team.name
    assert mine["keten"] == {"id": team.chain.id, "naam": team.chain.name}
    assert sorted(b["naam"] for b in mine["borden"]) == ["Teamzaken", "Verbeterbord KCC"]
    assert mine["volgendeStandUp"] == "2026-03-03T08:30:00Z"
    assert mine["webUrl"].endswith(f"/teams/{team.id}")
    assert mine["_links"]["standUps"]["href"].endswith(f"/api/v1/teams/{team.id}/stand-ups")
    theirs = ours(make_token(outsider))
    assert [(b["naam"], b["webUrl"]) for b in theirs["borden"]] == [
        ("Verbeterbord KCC", f"http://localhost/borden/{board.id}")
    ]
    assert theirs["volgendeStandUp"] == "2026-03-03T08:30:00Z"


def test_a_team_with_only_private_boards_shows_outsiders_no_boards_and_no_standup(
    api, clock, lead, outsider, manager
):
    secret = private_team(lead)
    services.set_schedule(secret, 4, "14:00", lead)
    db.session.commit()

    def listed(user):
        found = embedded(api.get("/api/v1/teams", make_token(user)), "teams")
        return next(t for t in found if t["id"] == secret.id)

    other = listed(outsider)
    assert (other["borden"], other["volgendeStandUp"], other["_links"]) == ([], None, {})
    for insider in (lead, manager):
        seen = listed(insider)
        assert [b["naam"] for b in seen["borden"]] == ["Geheim bord"]
        assert seen["volgendeStandUp"] == "2026-03-06T13:00:00Z"


def test_the_teams_list_costs_the_same_queries_for_one_team_or_many(api, clock, lead, outsider):
    first = make_team()
    board_services.create_board(first, "Bord", "eenvoudig", lead)
    services.set_schedule(first, 2, "10:00", lead)
    db.session.commit()
    token = make_token(outsider)
    few = counted(api, token, "/api/v1/teams")
    chain = make_chain()
    for i in range(6):
        other = make_team(chain)
        board_services.create_board(other, f"Bord {i}", "eenvoudig", lead, visibility="private")
        board_services.create_board(other, f"Open bord {i}", "eenvoudig", lead)
        services.set_schedule(other, i, "9:00", lead)
    db.session.commit()
    many = counted(api, token, "/api/v1/teams")
    assert few == many
    assert len(embedded(api.get("/api/v1/teams", token), "teams")) >= 7


# --- a team's stand-ups -------------------------------------------------------------------


def test_a_teams_standups_newest_first_with_the_open_one_on_top(
    api, clock, team, board, lead, employee
):
    hold_standup(team, lead, minutes=12, clock=clock)
    last = hold_standup(team, lead, minutes=20, clock=clock)
    running = services.start_standup(team, employee)
    db.session.commit()
    found = embedded(api.get(f"/api/v1/teams/{team.id}/stand-ups", make_token(lead)), "standUps")
    assert [s["id"] for s in found][:2] == [running.id, last.id]
    now_open, done = found[0], found[1]
    assert (now_open["open"], now_open["beeindigdOp"], now_open["duurMinuten"]) == (
        True,
        None,
        None,
    )
    assert now_open["voorzitter"] == {"id": employee.id, "naam": "Jelle Postma"}
    assert now_open["webUrl"].endswith(f"/teams/{team.id}/standup")
    assert (done["open"], done["duurMinuten"]) == (False, 20)
    assert done["begonnenOp"] == "2026-03-09T09:12:00Z"
    assert done["beeindigdOp"] == "2026-03-09T09:32:00Z"
    assert done["webUrl"].endswith(f"/teams/{team.id}/standups/{last.id}")
    assert done["_links"]["self"]["href"].endswith(f"/api/v1/teams/{team.id}/stand-ups/{last.id}")
    assert [s["duurMinuten"] for s in found] == [None, 20, 12]


def test_standups_come_in_pages_and_can_be_searched(api, clock, team, board, lead):
    for i in range(HISTORY_PAGE + 1):
        hold_standup(
            team,
            lead,
            note=f"Week {i}" + (" over de wachtrij" if i == 3 else ""),
            minutes=1,
            clock=clock,
        )
    token = make_token(lead)
    first = api.get(f"/api/v1/teams/{team.id}/stand-ups", token)
    assert len(embedded(first, "standUps")) == HISTORY_PAGE
    links = first.get_json()["_links"]
    assert "prev" not in links
    second = api.get(links["next"]["href"], token)
    assert len(embedded(second, "standUps")) == 1
    assert second.get_json()["_links"]["prev"]["href"].endswith(
        f"/api/v1/teams/{team.id}/stand-ups"
    )
    assert "next" not in second.get_json()["_links"]
    everything = embedded(first, "standUps") + embedded(second, "standUps")
    found = api.get(f"/api/v1/teams/{team.id}/stand-ups?zoek=WACHTRIJ", token)
    hits = embedded(found, "standUps")
    assert [s["id"] for s in hits] == [everything[-4]["id"]]
    assert found.get_json()["_links"]["self"]["href"].endswith("stand-ups?zoek=WACHTRIJ")


def test_bad_list_parameters_are_400_naming_each(api, team, board, lead):
    response = api.get(
        f"/api/v1/teams/{team.id}/stand-ups?pagina=0&zoek={'x' * 101}&sorteer=oud",
        make_token(lead),
    )
    assert_problem(response, 400)
    assert set(problems(response)) == {"pagina", "zoek", "sorteer"}


def test_one_standup_with_who_was_there_and_what_was_said_decided_and_agreed(
    api, clock, team, board, lead, employee
):
    standup = hold_standup(
        team,
        lead,
        note="Wachttijd aan de telefoon is 4 minuten",
        decision="We bellen terug binnen een dag",
        items=[("Terugbelscript schrijven", employee, "2026-03-06")],
        present=(lead, employee),
        clock=clock,
    )
    response = api.get(f"/api/v1/teams/{team.id}/stand-ups/{standup.id}", make_token(employee))
    assert response.status_code == 200
    body = response.get_json()
    assert body["id"] == standup.id and body["open"] is False
    assert body["aanwezigen"] == [
        {"id": employee.id, "naam": "Jelle Postma"},
        {"id": lead.id, "naam": "Tjitske Hoekstra"},
    ]
    assert body["aantekeningen"] == "Goed overleg"
    assert [n["tekst"] for n in body["notities"]] == ["Wachttijd aan de telefoon is 4 minuten"]
    assert body["besluiten"][0]["tekst"] == "We bellen terug binnen een dag"
    assert body["besluiten"][0]["auteur"] == {"id": lead.id, "naam": "Tjitske Hoekstra"}
    (item,) = body["actiepunten"]
    assert item["tekst"] == "Terugbelscript schrijven"
    assert item["eigenaar"] == {"id": employee.id, "naam": "Jelle Postma"}
    assert (item["deadline"], item["klaar"], item["klaarOp"], item["kaartId"]) == (
        "2026-03-06",
        False,
        None,
        None,
    )
    assert item["teLaat"] is True  # the clock is a week further now
    assert item["webUrl"].endswith(f"/teams/{team.id}/standup#action-item-{item['id']}")
    agenda = body["agenda"]
    assert agenda["versie"] == 1 and agenda["van"] == "2026-02-23T09:00:00Z"
    assert [b["naam"] for b in agenda["borden"]] == ["Verbeterbord KCC"]
    assert [a["tekst"] for a in agenda["actiepunten"]] == ["Terugbelscript schrijven"]


def test_outsiders_read_the_agenda_without_the_teams_private_boards(
    api, clock, team, board, lead, outsider
):
    hidden = board_services.create_board(team, "Teamzaken", "eenvoudig", lead, visibility="private")
    for where, title in ((board, "Open kaart"), (hidden, "Geheime kaart")):
        board_services.create_card(
            where,
            board_services.CardInput(title=title, blocked=True, blocked_reason="Wacht op IT"),
            lead,
        )
    standup = hold_standup(team, lead, clock=clock)
    url = f"/api/v1/teams/{team.id}/stand-ups/{standup.id}"

    def seen(user):
        agenda = api.get(url, make_token(user)).get_json()["agenda"]
        return [b["naam"] for b in agenda["borden"]], [c["titel"] for c in agenda["geblokkeerd"]]

    assert seen(lead) == (["Verbeterbord KCC", "Teamzaken"], ["Open kaart", "Geheime kaart"])
    assert seen(outsider) == (["Verbeterbord KCC"], ["Open kaart"])


def test_an_open_standup_has_no_agenda_yet(api, clock, team, board, lead):
    standup = services.start_standup(team, lead)
    db.session.commit()
    body = api.get(f"/api/v1/teams/{team.id}/stand-ups/{standup.id}", make_token(lead)).get_json()
    assert (body["agenda"], body["beeindigdOp"], body["aantekeningen"]) == (None, None, None)


def test_a_standup_is_only_found_under_its_own_team(api, clock, team, board, lead):
    standup = hold_standup(team, lead, clock=clock)
    other = make_team()
    token = make_token(lead)
    for url in (
        f"/api/v1/teams/{other.id}/stand-ups/{standup.id}",
        f"/api/v1/teams/{team.id}/stand-ups/99999",
        "/api/v1/teams/99999/stand-ups",
    ):
        assert_problem(api.get(url, token), 404)


def test_the_standups_of_a_team_with_only_private_boards_do_not_exist_for_others(
    api, clock, team, lead, outsider, manager
):
    secret = private_team(lead)
    standup = hold_standup(secret, lead, items=[("Geheim actiepunt", lead, "")], clock=clock)
    missing_team = api.get("/api/v1/teams/99999/stand-ups", make_token(outsider))
    missing = api.get(f"/api/v1/teams/{team.id}/stand-ups/99999", make_token(outsider))
    for url, twin in (
        (f"/api/v1/teams/{secret.id}/stand-ups", missing_team),
        (f"/api/v1/teams/{secret.id}/stand-ups/{standup.id}", missing),
    ):
        hidden = api.get(url, make_token(outsider))
        # Word for word what a team or stand-up that does not exist gets.
        assert assert_problem(hidden, 404) == assert_problem(twin, 404)
    items = embedded(api.get("/api/v1/actiepunten", make_token(outsider)), "actiepunten")
    assert "Geheim actiepunt" not in [i["tekst"] for i in items]
    for insider in (lead, manager):
        token = make_token(insider)
        assert (
            api.get(f"/api/v1/teams/{secret.id}/stand-ups/{standup.id}", token).status_code == 200
        )
        items = embedded(api.get("/api/v1/actiepunten", token), "actiepunten")
        assert [i["tekst"] for i in items] == ["Geheim actiepunt"]


def test_reading_standups_costs_the_same_queries_for_little_or_much_history(
    api, clock, team, board, lead, employee
):
    token = make_token(employee)

    def fill(n):
        last = None
        for i in range(n):
            last = hold_standup(
                team,
                lead,
                note=f"Notitie {i}",
                decision=f"Besluit {i}",
                items=[(f"Actie {i}", employee, ""), (f"Nog een actie {i}", lead, "")],
                present=(lead, employee),
                minutes=5,
                clock=clock,
            )
        return last

    small_one = fill(1)
    small = [
        counted(api, token, f"/api/v1/teams/{team.id}/stand-ups"),
        counted(api, token, f"/api/v1/teams/{team.id}/stand-ups/{small_one.id}"),
        counted(api, token, "/api/v1/actiepunten"),
    ]
    fill(20)
    big_one = hold_standup(  # one stand-up with much more agreed
        team,
        lead,
        note="Veel",
        decision="Nog meer",
        items=[(f"Extra {i}", employee, "") for i in range(10)],
        present=(lead, employee),
        clock=clock,
    )
    large = [
        counted(api, token, f"/api/v1/teams/{team.id}/stand-ups"),
        counted(api, token, f"/api/v1/teams/{team.id}/stand-ups/{big_one.id}"),
        counted(api, token, "/api/v1/actiepunten"),
    ]
    assert small == large, (small, large)


# --- action items ---------------------------------------------------------------------------


def test_action_items_by_owner_team_and_whether_they_are_done(
    api, clock, team, board, lead, employee
):
    other = make_team()
    add_member(employee, other)
    board_services.create_board(other, "Bord", "eenvoudig", lead)
    standup = hold_standup(
        team,
        lead,
        items=[("Script schrijven", employee, "2026-03-20"), ("Koffie regelen", lead, "")],
        clock=clock,
    )
    elsewhere = services.add_action_item(other, "Formulier testen", employee.id, "", employee)
    done = services.add_action_item(team, "Al gedaan", employee.id, "", lead)
    services.tick_action_item(done, lead)
    db.session.commit()
    token = make_token(employee)

    def texts(query=""):
        return [
            i["tekst"]
            for i in embedded(api.get(f"/api/v1/actiepunten{query}", token), "actiepunten")
        ]

    # Open first; by due date (none last), then age.
    assert texts() == ["Script schrijven", "Koffie regelen", "Formulier testen", "Al gedaan"]
    assert texts(f"?eigenaarId={employee.id}&open=true") == ["Script schrijven", "Formulier testen"]
    assert texts(f"?open=true&teamId={other.id}") == ["Formulier testen"]
    assert texts("?open=false") == ["Al gedaan"]
    assert texts(f"?eigenaarId={lead.id}&teamId={team.id}") == ["Koffie regelen"]
    item = embedded(api.get("/api/v1/actiepunten?open=false", token), "actiepunten")[0]
    assert item["klaar"] is True and item["klaarOp"] == "2026-03-09T09:15:00Z"
    assert item["standUpId"] is None and item["teamId"] == team.id
    first = embedded(api.get("/api/v1/actiepunten", token), "actiepunten")[0]
    assert (first["standUpId"], first["deadline"], first["teLaat"]) == (
        standup.id,
        "2026-03-20",
        False,
    )
    assert elsewhere.id in {
        i["id"] for i in embedded(api.get("/api/v1/actiepunten", token), "actiepunten")
    }


def test_action_items_come_in_pages(api, clock, team, board, lead, employee):
    from board.standups.queries import ACTION_ITEMS_PAGE

    for i in range(ACTION_ITEMS_PAGE + 2):
        services.add_action_item(team, f"Actie {i}", employee.id, "", lead)
    db.session.commit()
    token = make_token(lead)
    first = api.get(f"/api/v1/actiepunten?teamId={team.id}&open=true", token)
    assert len(embedded(first, "actiepunten")) == ACTION_ITEMS_PAGE
    next_url = first.get_json()["_links"]["next"]["href"]
    assert "open=true" in next_url and f"teamId={team.id}" in next_url and "pagina=2" in next_url
    assert [i["tekst"] for i in embedded(api.get(next_url, token), "actiepunten")] == [
        f"Actie {ACTION_ITEMS_PAGE}",
        f"Actie {ACTION_ITEMS_PAGE + 1}",
    ]


def test_bad_action_item_filters_are_400_listing_every_problem(api, employee):
    response = api.get(
        "/api/v1/actiepunten?eigenaarId=jelle&open=ja&teamId=0&pagina=-1&eigenaar=1",
        make_token(employee),
    )
    assert_problem(response, 400)
    assert problems(response) == {
        "eigenaar": "Onbekende parameter.",
        "eigenaarId": "Moet een positief geheel getal zijn.",
        "open": "Moet true of false zijn.",
        "teamId": "Moet een positief geheel getal zijn.",
        "pagina": "Moet een positief geheel getal zijn.",
    }
    twice = api.get("/api/v1/actiepunten?open=true&open=false", make_token(employee, "twee"))
    assert problems(twice) == {"open": "Geef deze parameter hoogstens één keer op."}


def test_without_a_token_it_is_401(api, team):
    for url in ("/api/v1/teams", f"/api/v1/teams/{team.id}/stand-ups", "/api/v1/actiepunten"):
        assert_problem(api.get(url), 401)


# --- the document --------------------------------------------------------------------------


def _resolve(spec: dict, schema: dict) -> dict:
    while "$ref" in schema or "allOf" in schema:
        if "allOf" in schema:
            schema = schema["allOf"][0]
        kind, name = schema["$ref"].split("/")[-2:]
        schema = spec["components"][kind][name]
    return schema


def assert_matches(spec: dict, schema: dict, value, where: str = "") -> None:
    """The value has what the schema requires and nothing it does not describe, deeply."""
    nullable = schema.get("nullable", False)
    schema = _resolve(spec, schema)
    if value is None:
        assert nullable, where
        return
    kind = schema.get("type", "object")
    types = {"integer": int, "string": str, "boolean": bool, "array": list, "object": dict}
    assert isinstance(value, types[kind]), where
    if kind == "object" and "properties" in schema:
        assert set(schema.get("required", [])) <= set(value), where
        assert set(value) <= set(schema["properties"]), (where, set(value))
        for name, item in value.items():
            assert_matches(spec, schema["properties"][name], item, f"{where}.{name}")
    if kind == "array":
        for i, item in enumerate(value):
            assert_matches(spec, schema["items"], item, f"{where}[{i}]")


def test_the_answers_match_their_schemas_in_the_document(api, clock, team, board, lead, employee):
    standup = hold_standup(
        team,
        lead,
        note="N",
        decision="B",
        items=[("A", employee, "2026-03-04")],
        present=(lead,),
        clock=clock,
    )
    services.set_schedule(team, 1, "9:30", lead)
    db.session.commit()
    token = make_token(lead)
    spec = json.loads(api.get("/api/v1/openapi.json").get_data(as_text=True))
    schemas = spec["components"]["schemas"]
    for url, schema in (
        ("/api/v1/teams", "TeamsLijst"),
        (f"/api/v1/teams/{team.id}/stand-ups", "StandUpsPagina"),
        (f"/api/v1/teams/{team.id}/stand-ups/{standup.id}", "StandUpDetail"),
        ("/api/v1/actiepunten", "ActiepuntenPagina"),
    ):
        response = api.get(url, token)
        assert response.status_code == 200, url
        assert_matches(spec, schemas[schema], response.get_json(), url)
    listed = {p["name"] for p in spec["paths"]["/actiepunten"]["get"]["parameters"]}
    from board.api.standup_routes import ACTION_ITEM_PARAMETERS, STANDUP_PARAMETERS

    assert listed == set(ACTION_ITEM_PARAMETERS)
    listed = {p["name"] for p in spec["paths"]["/teams/{id}/stand-ups"]["get"]["parameters"]}
    assert listed == set(STANDUP_PARAMETERS)


def test_action_items_of_a_deactivated_team_are_left_out_as_the_team_is(
    api, clock, team, board, lead, employee, admin
):
    from board.org import services as org_services

    services.add_action_item(team, "Van het oude team", employee.id, "", lead)
    db.session.commit()
    token = make_token(employee)
    assert [i["tekst"] for i in embedded(api.get("/api/v1/actiepunten", token), "actiepunten")] == [
        "Van het oude team"
    ]
    org_services.update_team(
        team, chain_id=team.chain_id, name=team.name, description="", active=False, actor=admin
    )
    db.session.commit()
    assert embedded(api.get("/api/v1/actiepunten", token), "actiepunten") == []
    assert team.id not in [t["id"] for t in embedded(api.get("/api/v1/teams", token), "teams")]
