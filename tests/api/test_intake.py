"""Ideas from an intake link do not exist for the API until they are approved."""

from __future__ import annotations

from board.extensions import db
from board.ideas import intake_services
from board.ideas.intake_services import PublicIdeaInput
from tests.api.conftest import assert_problem, make_token, submit


def _waiting(manager, team, title="Via het klantpanel binnengekomen"):
    link = intake_services.create_intake_link(
        label="Klantpanel", source="klantpanel", team_id=team.id, chain_id=None, actor=manager
    )
    idea = intake_services.submit_through_link(
        link, PublicIdeaInput(title=title, contact_email="panel@example.org")
    )
    db.session.commit()
    return idea


def test_a_waiting_idea_is_404_and_absent_until_approved(api, employee, manager, team):
    idea = _waiting(manager, team)
    visible = submit(employee, title="Gewoon ingediend")
    token = make_token(manager)
    listed = api.get("/api/v1/ideeen?sorteer=nieuwste", token).get_json()
    ids = [item["id"] for item in listed["_embedded"]["ideeen"]]
    assert ids == [visible.id]
    assert_problem(api.get(f"/api/v1/ideeen/{idea.id}", token), 404)
    assert_problem(api.post(f"/api/v1/ideeen/{idea.id}/stemmen", token), 404)
    assert_problem(api.delete(f"/api/v1/ideeen/{idea.id}/stemmen", token), 404)
    assert_problem(
        api.post(f"/api/v1/ideeen/{visible.id}/samenvoegingen", token, json={"doelId": idea.id}),
        400,
    )
    assert_problem(api.patch(f"/api/v1/ideeen/{idea.id}", token, json={"status": "gepland"}), 404)

    intake_services.approve_idea(idea, manager)
    db.session.commit()
    body = api.get(f"/api/v1/ideeen/{idea.id}", token).get_json()
    assert body["titel"] == "Via het klantpanel binnengekomen"
    assert body["bron"] == "klantpanel"
    assert "panel@example.org" not in str(body)  # the contact address never leaves
