"""POST /api/v1/ideeen/{id}/kaarten: an idea onto a board through the API, and its status
following the card when the API moves it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from board.boards import queries, services
from board.boards.models import Card
from board.extensions import db
from board.ideas import services as idea_services
from tests.api.conftest import assert_problem, make_token, problems
from tests.factories import add_member, make_team, make_user


@pytest.fixture
def idea(team, employee):
    idea = idea_services.submit_idea(
        idea_services.IdeaInput(
            title="Balie open op zaterdag", team_id=team.id, perspectives=["klant"]
        ),
        submitter=employee,
    )
    db.session.commit()
    return idea


def test_promote_gives_201_with_the_card_and_the_api_move_starts_the_idea(api, board, idea, lead):
    token = make_token(lead)
    response = api.post(f"/api/v1/ideeen/{idea.id}/kaarten", token, json={"bordId": board.id})
    assert response.status_code == 201, response.get_json()
    card = response.get_json()
    assert card["ideeId"] == idea.id and card["titel"] == "Balie open op zaterdag"
    assert card["perspectieven"] == ["klant"]
    assert card["kolomId"] == queries.list_columns(board.id)[0].id
    assert response.headers["Location"].endswith(f"/api/v1/kaarten/{card['id']}")
    assert api.get(f"/api/v1/kaarten/{card['id']}", token).get_json() == card
    plan = queries.list_columns(board.id)[1]
    moved = api.post(
        f"/api/v1/kaarten/{card['id']}/verplaatsingen",
        token,
        json={"kolomId": plan.id, "naKaartId": None, "versie": card["versie"]},
    )
    assert moved.status_code == 200
    assert api.get(f"/api/v1/ideeen/{idea.id}", token).get_json()["status"] == "in_uitvoering"


def test_a_second_card_is_409(api, board, idea, lead):
    token = make_token(lead)
    api.post(f"/api/v1/ideeen/{idea.id}/kaarten", token, json={"bordId": board.id})
    again = api.post(f"/api/v1/ideeen/{idea.id}/kaarten", token, json={"bordId": board.id})
    body = assert_problem(again, 409)
    assert "al op een bord" in body["detail"]
    assert len(list(db.session.scalars(select(Card.id).where(Card.idea_id == idea.id)))) == 1


def test_400_lists_every_problem(api, idea, lead, team, employee):
    token = make_token(lead)
    target = idea_services.submit_idea(
        idea_services.IdeaInput(title="Groter idee", team_id=team.id), submitter=employee
    )
    idea_services.merge_ideas(idea.id, target.id, lead)
    db.session.commit()
    response = api.post(f"/api/v1/ideeen/{idea.id}/kaarten", token, json={"kleur": "rood"})
    assert_problem(response, 400)
    assert set(problems(response)) == {"bordId", "kleur", "ideeId"}


def test_404_and_403(api, board, idea, lead, employee, team):
    other_team = make_team(name="Vergunningen")
    other_lead = make_user(name="Anne Leider", email="anne@example.org")
    add_member(other_lead, other_team, "lead")
    private = services.create_board(
        other_team, "Geheim", "eenvoudig", other_lead, visibility="private"
    )
    db.session.commit()
    token = make_token(lead)
    assert_problem(api.post("/api/v1/ideeen/99999/kaarten", token, json={"bordId": board.id}), 404)
    assert_problem(
        api.post(f"/api/v1/ideeen/{idea.id}/kaarten", token, json={"bordId": private.id}), 404
    )
    public = services.create_board(other_team, "Openbaar", "eenvoudig", other_lead)
    db.session.commit()
    assert_problem(
        api.post(f"/api/v1/ideeen/{idea.id}/kaarten", token, json={"bordId": public.id}), 403
    )
    # A member of the team may change the board but not triage the idea.
    member = make_token(employee)
    assert_problem(
        api.post(f"/api/v1/ideeen/{idea.id}/kaarten", member, json={"bordId": board.id}), 403
    )
    idea.moderation = "wacht"
    db.session.commit()
    assert_problem(
        api.post(f"/api/v1/ideeen/{idea.id}/kaarten", token, json={"bordId": board.id}), 404
    )
    assert db.session.scalar(select(Card.id).where(Card.idea_id == idea.id)) is None
