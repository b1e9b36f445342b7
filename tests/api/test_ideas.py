"""The ideas resources as a connected system uses them: list, submit, read, triage, vote, merge."""

from __future__ import annotations

import re

import pytest

from board.audit.models import DENIED
from board.extensions import db
from board.ideas import queries, services
from board.ideas.models import Idea, IdeaEvent, Vote
from tests.api.conftest import assert_problem, make_token, problems, submit
from tests.conftest import audit_events
from tests.factories import add_member, make_team, make_user

RFC3339_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|\+00:00)$")


# --- GET /ideeen ----------------------------------------------------------------------------


def test_list_shows_ideas_with_what_a_consumer_relies_on(api, employee, team):
    idea = submit(
        employee,
        title="Wachtmuziek vervangen",
        body="Terugbellen is fijner.",
        perspectives=["klant", "proces"],
        source="klantpanel",
        team_id=team.id,
        tags="telefoon",
    )
    services.cast_vote(idea.id, make_user())
    db.session.commit()
    response = api.get("/api/v1/ideeen", make_token(employee))
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body = response.get_json()
    [item] = body["_embedded"]["ideeen"]
    assert item["id"] == idea.id
    assert item["titel"] == "Wachtmuziek vervangen"
    assert item["toelichting"] == "Terugbellen is fijner."
    assert item["perspectieven"] == ["klant", "proces"]
    assert item["bron"] == "klantpanel"
    assert item["status"] == "nieuw"
    assert item["teamId"] == team.id and item["ketenId"] == team.chain_id
    assert item["tags"] == ["telefoon"]
    assert item["aantalStemmen"] == 1 and item["aantalReacties"] == 0
    assert item["gestemd"] is False
    assert item["impact"] is None and item["inspanning"] is None
    assert item["samengevoegdMetId"] is None
    assert RFC3339_UTC.match(item["aangemaakt"])
    assert item["webUrl"] == f"http://localhost/ideeen/{idea.id}"
    assert item["_links"]["self"]["href"] == f"http://localhost/api/v1/ideeen/{idea.id}"
    assert item["indiener"] == {"id": employee.id, "naam": "Jelle Postma"}
    assert body["_links"]["self"]["href"] == "http://localhost/api/v1/ideeen"
    assert "next" not in body["_links"] and "prev" not in body["_links"]


def test_anonymous_ideas_do_not_name_their_submitter(api, employee):
    submit(employee, anonymous=True)
    [item] = api.get("/api/v1/ideeen", make_token(make_user())).get_json()["_embedded"]["ideeen"]
    assert "indiener" not in item
    assert "Jelle" not in str(item)


def test_list_filters_searches_and_sorts(api, employee, team):
    old = submit(employee, title="Archief digitaliseren", perspectives=["proces"])
    new = submit(
        employee, title="Lange wachttijden bij de balie", perspectives=["klant"], team_id=team.id
    )
    for _ in range(2):
        services.cast_vote(old.id, make_user())
    db.session.commit()
    token = make_token(employee)

    def titles(query: str) -> list[str]:
        response = api.get(f"/api/v1/ideeen{query}", token)
        assert response.status_code == 200, response.get_json()
        return [i["titel"] for i in response.get_json()["_embedded"]["ideeen"]]

    assert titles("") == ["Archief digitaliseren", "Lange wachttijden bij de balie"]
    assert titles("?sorteer=nieuwste") == [
        "Lange wachttijden bij de balie",
        "Archief digitaliseren",
    ]
    assert titles("?perspectief=klant") == [new.title]
    assert titles(f"?teamId={team.id}") == [new.title]
    assert titles("?zoek=wachttijd") == [new.title]
    assert titles("?status=gepland") == []


def test_list_leaves_out_ideas_waiting_for_moderation(api, employee):
    submit(employee, title="Zichtbaar idee")
    services.submit_idea(
        services.IdeaInput(title="Nog niet gemodereerd", source="inwoner"),
        submitter=None,
        moderation="wacht",
    )
    db.session.commit()
    body = api.get("/api/v1/ideeen", make_token(employee)).get_json()
    assert [i["titel"] for i in body["_embedded"]["ideeen"]] == ["Zichtbaar idee"]


def test_list_pages_with_next_and_prev_links(api, employee):
    for n in range(queries.PAGE_SIZE + 1):
        submit(employee, title=f"Idee nummer {n}")
    token = make_token(employee)
    first = api.get("/api/v1/ideeen?sorteer=nieuwste", token).get_json()
    assert len(first["_embedded"]["ideeen"]) == queries.PAGE_SIZE
    assert "prev" not in first["_links"]
    next_url = first["_links"]["next"]["href"]
    assert next_url == "http://localhost/api/v1/ideeen?sorteer=nieuwste&pagina=2"
    second = api.get(next_url, token).get_json()
    assert [i["titel"] for i in second["_embedded"]["ideeen"]] == ["Idee nummer 0"]
    assert "next" not in second["_links"]
    assert second["_links"]["prev"]["href"] == "http://localhost/api/v1/ideeen?sorteer=nieuwste"
    assert second["_links"]["self"]["href"] == next_url


def test_invalid_list_parameters_are_400_naming_every_one(api, employee):
    response = api.get(
        "/api/v1/ideeen?perspectief=politiek&status=weg&teamId=abc&sorteer=x"
        "&pagina=0&team=3&zoek=" + "z" * 201,
        make_token(employee),
    )
    assert_problem(response, 400)
    assert set(problems(response)) == {
        "perspectief",
        "status",
        "teamId",
        "sorteer",
        "pagina",
        "team",
        "zoek",
    }
    assert problems(response)["team"] == "Onbekende parameter."
    assert "klant, medewerker, proces, financieel" in problems(response)["perspectief"]


# --- POST /ideeen ---------------------------------------------------------------------------


def test_submitting_an_idea_answers_201_with_the_idea_and_its_location(api, employee, team):
    token = make_token(employee)
    response = api.post(
        "/api/v1/ideeen",
        token,
        json={
            "titel": "  Digitaal   parkeervergunning aanvragen ",
            "toelichting": "Scheelt de balie.",
            "perspectieven": ["proces", "klant"],
            "bron": "wijkteam",
            "teamId": team.id,
        },
    )
    assert response.status_code == 201
    body = response.get_json()
    assert body["titel"] == "Digitaal parkeervergunning aanvragen"
    assert body["perspectieven"] == ["klant", "proces"]
    assert body["bron"] == "wijkteam" and body["teamId"] == team.id
    assert body["aantalStemmen"] == 0 and body["status"] == "nieuw"
    assert body["indiener"] == {"id": employee.id, "naam": "Jelle Postma"}
    assert response.headers["Location"] == f"http://localhost/api/v1/ideeen/{body['id']}"
    again = api.get(response.headers["Location"], token).get_json()
    assert again == body
    events = db.session.query(IdeaEvent).filter_by(idea_id=body["id"]).all()
    assert [(e.kind, e.actor_id) for e in events] == [("submitted", employee.id)]


def test_the_same_idempotency_key_twice_gives_one_idea(api, employee):
    token = make_token(employee)
    headers = {"Idempotency-Key": "zaak-2026-0042"}
    first = api.post("/api/v1/ideeen", token, json={"titel": "Eén keer"}, headers=headers)
    second = api.post("/api/v1/ideeen", token, json={"titel": "Eén keer"}, headers=headers)
    assert first.get_json()["id"] == second.get_json()["id"]
    # Someone else's client using the same key gets an idea of their own.
    other = api.post(
        "/api/v1/ideeen", make_token(make_user()), json={"titel": "Eén keer"}, headers=headers
    )
    assert other.get_json()["id"] != first.get_json()["id"]
    assert queries.count_ideas() == 2


def test_every_problem_with_a_new_idea_is_listed_at_once(api, employee):
    response = api.post(
        "/api/v1/ideeen",
        make_token(employee),
        json={
            "titel": "",
            "perspectieven": ["klant", "politiek"],
            "bron": "krant",
        },
    )
    body = assert_problem(response, 400)
    assert problems(response) == {
        "titel": "Geef je idee een titel.",
        "perspectieven": "Kies perspectieven uit Klant, Medewerker, Proces en Financieel.",
        "bron": "Kies een bestaande bron.",
    }
    assert len(body["invalidParams"]) == 3
    assert queries.count_ideas() == 0


def test_wrong_types_and_unknown_properties_are_listed_with_the_rest(api, employee):
    response = api.post(
        "/api/v1/ideeen",
        make_token(employee),
        json={
            "titel": 42,
            "toelichting": "x" * 5001,
            "teamId": "drie",
            "status": "gepland",
            "perspectieven": "klant",
            "anoniem": "ja",
        },
    )
    assert_problem(response, 400)
    assert problems(response) == {
        "titel": "Moet tekst zijn.",
        "toelichting": "De toelichting is hoogstens 5000 tekens (nu 5001).",
        "teamId": "Moet een geheel getal of null zijn.",
        "status": "Onbekende eigenschap.",
        "perspectieven": "Moet een lijst met teksten zijn.",
        "anoniem": "Moet true of false zijn.",
    }
    assert queries.count_ideas() == 0


def test_an_unknown_team_is_a_problem_of_teamId(api, employee):
    response = api.post(
        "/api/v1/ideeen", make_token(employee), json={"titel": "Goed idee", "teamId": 999999}
    )
    assert_problem(response, 400)
    assert problems(response) == {"teamId": "Kies een bestaand team."}


@pytest.mark.parametrize(
    ("data", "content_type", "detail"),
    [
        (b"titel=Hallo", "application/x-www-form-urlencoded", "Content-Type: application/json"),
        (b'{"titel": "Hallo"', "application/json", "geen geldige JSON"),
        (b'["titel"]', "application/json", "JSON-object"),
        (b"\xff\xfe", "application/json", "geen geldige JSON"),
    ],
    ids=["form", "broken-json", "array", "not-utf8"],
)
def test_a_body_that_is_not_a_json_object_is_400(api, employee, data, content_type, detail):
    response = api.post(
        "/api/v1/ideeen", make_token(employee), data=data, content_type=content_type
    )
    body = assert_problem(response, 400)
    assert detail in body["detail"]


def test_a_ten_megabyte_body_is_413(api, employee):
    response = api.post(
        "/api/v1/ideeen",
        make_token(employee),
        data=b'{"titel": "' + b"x" * (10 * 1024 * 1024) + b'"}',
        content_type="application/json",
    )
    assert_problem(response, 413)
    assert queries.count_ideas() == 0


# --- GET /ideeen/{id} -----------------------------------------------------------------------


def test_one_idea_or_404(api, employee):
    idea = submit(employee)
    token = make_token(employee)
    body = api.get(f"/api/v1/ideeen/{idea.id}", token).get_json()
    assert body["id"] == idea.id and body["titel"] == idea.title
    missing = assert_problem(api.get("/api/v1/ideeen/999999", token), 404)
    assert missing["detail"] == "Dit idee bestaat niet (meer)."
    hidden = services.submit_idea(
        services.IdeaInput(title="Wacht op moderatie"), submitter=None, moderation="wacht"
    )
    db.session.commit()
    assert_problem(api.get(f"/api/v1/ideeen/{hidden.id}", token), 404)


def test_gestemd_tells_whether_the_token_holder_voted(api, employee):
    idea = submit(employee)
    voter = make_user()
    services.cast_vote(idea.id, voter)
    db.session.commit()
    assert api.get(f"/api/v1/ideeen/{idea.id}", make_token(voter)).get_json()["gestemd"] is True
    assert api.get(f"/api/v1/ideeen/{idea.id}", make_token(employee)).get_json()["gestemd"] is False


# --- PATCH /ideeen/{id} ---------------------------------------------------------------------


def test_team_lead_triages_part_of_an_idea(api, employee, lead, team):
    idea = submit(employee, team_id=team.id, perspectives=["klant"])
    token = make_token(lead)
    response = api.patch(
        f"/api/v1/ideeen/{idea.id}", token, json={"status": "gepland", "impact": 4, "inspanning": 2}
    )
    assert response.status_code == 200
    body = response.get_json()
    assert (body["status"], body["impact"], body["inspanning"]) == ("gepland", 4, 2)
    assert body["perspectieven"] == ["klant"] and body["teamId"] == team.id  # untouched
    rejected = api.patch(
        f"/api/v1/ideeen/{idea.id}",
        token,
        json={
            "status": "afgewezen",
            "reden": "Landelijke regelgeving",
            "perspectieven": ["proces", "financieel"],
        },
        content_type="application/merge-patch+json",
    )
    assert rejected.status_code == 200
    body = rejected.get_json()
    assert body["status"] == "afgewezen" and body["reden"] == "Landelijke regelgeving"
    assert body["perspectieven"] == ["proces", "financieel"]
    history = [(e.kind, e.from_value, e.to_value) for e in queries.list_events(idea.id)]
    assert ("status", "nieuw", "gepland") in history
    assert ("status", "gepland", "afgewezen") in history


def test_a_patch_with_problems_lists_them_all_and_changes_nothing(api, employee, manager, team):
    idea = submit(employee, team_id=team.id, perspectives=["klant"])
    response = api.patch(
        f"/api/v1/ideeen/{idea.id}",
        make_token(manager),
        json={
            "status": "afgewezen",
            "teamId": 999999,
            "perspectieven": ["klant", "politiek"],
            "impact": 9,
            "inspanning": 0,
            "kleur": "rood",
        },
    )
    assert_problem(response, 400)
    assert problems(response) == {
        "kleur": "Onbekende eigenschap.",
        "reden": "Geef een reden op; de indiener ziet die.",
        "teamId": "Kies een bestaand team.",
        "perspectieven": "Kies perspectieven uit Klant, Medewerker, Proces en Financieel.",
        "impact": "Kies een waarde van 1 tot en met 5.",
        "inspanning": "Kies een waarde van 1 tot en met 5.",
    }
    db.session.expire_all()
    after = db.session.get(Idea, idea.id)
    assert (after.status, after.team_id, after.perspectives, after.impact) == (
        "nieuw",
        team.id,
        ["klant"],
        None,
    )


def test_a_valid_step_is_rolled_back_when_another_fails(api, employee, manager):
    """Nothing half-written: the status change is valid, the impact is not, so neither happens."""
    idea = submit(employee)
    response = api.patch(
        f"/api/v1/ideeen/{idea.id}", make_token(manager), json={"status": "gepland", "impact": 6}
    )
    assert_problem(response, 400)
    assert set(problems(response)) == {"impact"}
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).status == "nieuw"
    assert [e.kind for e in queries.list_events(idea.id)] == ["submitted"]


def test_triage_without_rights_is_403_and_logged(api, employee, team):
    idea = submit(employee, team_id=team.id)
    other_lead = make_user()
    add_member(other_lead, make_team(), "lead")
    for person in (employee, other_lead):
        response = api.patch(
            f"/api/v1/ideeen/{idea.id}", make_token(person), json={"status": "gepland"}
        )
        assert_problem(response, 403)
    denials = audit_events(action="access.denied")
    assert [(d.actor_id, d.result, d.detail) for d in denials] == [
        (employee.id, DENIED, f"PATCH /api/v1/ideeen/{idea.id}"),
        (other_lead.id, DENIED, f"PATCH /api/v1/ideeen/{idea.id}"),
    ]
    db.session.refresh(idea)
    assert idea.status == "nieuw"


def test_triage_of_a_missing_idea_is_404(api, manager):
    assert_problem(
        api.patch("/api/v1/ideeen/999999", make_token(manager), json={"status": "gepland"}), 404
    )


def test_triage_of_a_merged_idea_is_409(api, employee, manager):
    source, target = submit(employee), submit(employee, title="Het andere idee")
    services.merge_ideas(source.id, target.id, manager)
    db.session.commit()
    assert_problem(
        api.patch(f"/api/v1/ideeen/{source.id}", make_token(manager), json={"impact": 3}), 409
    )


def test_a_reason_without_a_status_is_a_problem(api, employee, manager):
    idea = submit(employee)
    response = api.patch(f"/api/v1/ideeen/{idea.id}", make_token(manager), json={"reden": "Zomaar"})
    assert_problem(response, 400)
    assert set(problems(response)) == {"reden"}


# --- votes ----------------------------------------------------------------------------------


def test_vote_again_and_withdraw(api, employee):
    idea = submit(employee)
    token = make_token(make_user())
    url = f"/api/v1/ideeen/{idea.id}/stemmen"
    page = f"http://localhost/ideeen/{idea.id}"
    first = api.post(url, token)
    assert first.status_code == 200
    assert first.get_json() == {
        "ideeId": idea.id,
        "aantalStemmen": 1,
        "gestemd": True,
        "webUrl": page,
    }
    assert api.post(url, token).get_json() == {
        "ideeId": idea.id,
        "aantalStemmen": 1,
        "gestemd": True,
        "webUrl": page,
    }
    withdrawn = api.delete(url, token)
    assert withdrawn.status_code == 200
    assert withdrawn.get_json() == {
        "ideeId": idea.id,
        "aantalStemmen": 0,
        "gestemd": False,
        "webUrl": page,
    }
    assert api.delete(url, token).get_json()["aantalStemmen"] == 0


def test_thirty_people_voting_give_exactly_thirty_votes(api, employee):
    """Sequential here; two processes voting at once are covered by the unique key and the
    recount, which the PostgreSQL run exercises for real."""
    idea = submit(employee)
    voters = [make_user(password=None) for _ in range(30)]
    for voter in voters:
        token = make_token(voter)
        assert api.post(f"/api/v1/ideeen/{idea.id}/stemmen", token).status_code == 200
        api.post(f"/api/v1/ideeen/{idea.id}/stemmen", token)  # a double click
    body = api.get(f"/api/v1/ideeen/{idea.id}", make_token(employee)).get_json()
    assert body["aantalStemmen"] == 30
    assert db.session.query(Vote).filter_by(idea_id=idea.id).count() == 30


def test_voting_on_a_missing_idea_is_404_and_on_a_merged_one_409(api, employee, manager):
    token = make_token(make_user())
    assert_problem(api.post("/api/v1/ideeen/999999/stemmen", token), 404)
    assert_problem(api.delete("/api/v1/ideeen/999999/stemmen", token), 404)
    source, target = submit(employee), submit(employee, title="Het andere idee")
    services.merge_ideas(source.id, target.id, manager)
    db.session.commit()
    body = assert_problem(api.post(f"/api/v1/ideeen/{source.id}/stemmen", token), 409)
    assert "samengevoegd" in body["detail"]


# --- merges ---------------------------------------------------------------------------------


def test_manager_merges_and_gets_the_surviving_idea(api, employee, manager):
    source = submit(employee, title="Avondopenstelling balie")
    target = submit(make_user(), title="Balie ook 's avonds open")
    both, only_source = make_user(), make_user()
    for person in (both, only_source):
        services.cast_vote(source.id, person)
    services.cast_vote(target.id, both)
    db.session.commit()
    token = make_token(manager)
    response = api.post(
        f"/api/v1/ideeen/{source.id}/samenvoegingen", token, json={"doelId": target.id}
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["id"] == target.id and body["aantalStemmen"] == 2
    merged = api.get(f"/api/v1/ideeen/{source.id}", token).get_json()
    assert merged["status"] == "samengevoegd" and merged["samengevoegdMetId"] == target.id
    assert merged["aantalStemmen"] == 0
    again = api.post(
        f"/api/v1/ideeen/{source.id}/samenvoegingen", token, json={"doelId": target.id}
    )
    assert_problem(again, 409)


def test_merge_refusals(api, employee, manager):
    a, b, c = submit(employee), submit(employee, title="Tweede"), submit(employee, title="Derde")
    services.merge_ideas(b.id, c.id, manager)
    db.session.commit()
    token = make_token(manager)
    url = f"/api/v1/ideeen/{a.id}/samenvoegingen"
    cases = {
        "self": {"doelId": a.id},
        "merged-target": {"doelId": b.id},
        "missing-target": {"doelId": 999999},
        "not-a-number": {"doelId": "3"},
        "missing": {},
        "unknown": {"doelId": c.id, "reden": "dubbel"},
    }
    answers = {name: api.post(url, token, json=data) for name, data in cases.items()}
    for response in answers.values():
        assert_problem(response, 400)
    assert problems(answers["self"]) == {
        "doelId": "Een idee kan niet met zichzelf worden samengevoegd."
    }
    assert problems(answers["merged-target"]) == {
        "doelId": "Kies een idee dat niet zelf al is samengevoegd."
    }
    assert problems(answers["missing-target"]) == {"doelId": "Er is geen idee met nummer 999999."}
    assert set(problems(answers["not-a-number"])) == {"doelId"}
    assert set(problems(answers["missing"])) == {"doelId"}
    assert set(problems(answers["unknown"])) == {"reden"}
    assert_problem(
        api.post("/api/v1/ideeen/999999/samenvoegingen", token, json={"doelId": a.id}), 404
    )
    db.session.refresh(a)
    assert a.status == "nieuw"


def test_merging_needs_triage_rights_on_the_source(api, employee):
    source, target = submit(employee), submit(employee, title="Ander idee")
    response = api.post(
        f"/api/v1/ideeen/{source.id}/samenvoegingen",
        make_token(employee),
        json={"doelId": target.id},
    )
    assert_problem(response, 403)
    db.session.refresh(source)
    assert source.status == "nieuw"


def test_the_list_takes_the_same_number_of_queries_for_3_or_23_ideas(api, employee):
    from sqlalchemy import event

    token = make_token(employee)

    def count_queries() -> int:
        statements = []

        def listener(*args):
            statements.append(args[2])

        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            response = api.get("/api/v1/ideeen", token)
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        assert response.status_code == 200
        # Transaction statements depend on the test's SAVEPOINTs, not on the route.
        return len([s for s in statements if s.split()[0] not in {"BEGIN", "SAVEPOINT", "RELEASE"}])

    for n in range(3):
        submit(make_user(password=None), title=f"Idee {n}", perspectives=["klant"], tags="a,b")
    count_queries()  # the first use of the token also notes when it was used
    few = count_queries()
    for n in range(20):
        submit(make_user(password=None), title=f"Meer {n}", perspectives=["proces"], tags="c")
    assert count_queries() == few
    assert few <= 8
