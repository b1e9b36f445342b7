"""What the API added to the ideas area, without HTTP: apply_triage() (the partial triage of
PATCH) and submitters_of() (the submitters of a page of ideas in one query)."""

from __future__ import annotations

import pytest

from board.errors import Conflict
from board.extensions import db
from board.ideas import queries, services
from board.ideas.services import IdeaError
from tests.api.conftest import submit
from tests.factories import make_team


def test_only_the_given_fields_change_each_with_its_event(employee, manager):
    idea = submit(employee, perspectives=["klant"])
    team = make_team()
    services.apply_triage(idea, manager, {"team_id": team.id, "effort": 2})
    assert (idea.team_id, idea.chain_id, idea.effort) == (team.id, team.chain_id, 2)
    assert idea.status == "nieuw" and idea.perspectives == ["klant"] and idea.impact is None
    kinds = [e.kind for e in queries.list_events(idea.id)]
    assert kinds == ["submitted", "assignment", "estimate"]


def test_every_problem_is_reported_together(employee, manager):
    idea = submit(employee)
    with pytest.raises(IdeaError) as caught:
        services.apply_triage(
            idea,
            manager,
            {
                "status": "weg",
                "team_id": 999999,
                "perspectives": ["politiek"],
                "impact": 0,
                "effort": 8,
            },
        )
    assert [f for f, _m in caught.value.problems] == [
        "status",
        "team_id",
        "perspectives",
        "impact",
        "effort",
    ]


def test_a_reason_alone_is_a_problem(employee, manager):
    idea = submit(employee)
    with pytest.raises(IdeaError) as caught:
        services.apply_triage(idea, manager, {"reason": "Zomaar"})
    assert caught.value.field == "reason"


def test_a_merged_idea_cannot_be_triaged(employee, manager):
    source, target = submit(employee), submit(employee, title="Ander idee")
    services.merge_ideas(source.id, target.id, manager)
    db.session.commit()
    with pytest.raises(Conflict):
        services.apply_triage(source, manager, {"impact": 3})


def test_an_unknown_key_is_a_programming_error(employee, manager):
    with pytest.raises(ValueError):
        services.apply_triage(submit(employee), manager, {"colour": "red"})


def test_submitters_of_a_page_in_one_go(employee):
    from tests.factories import make_user

    other = make_user()
    ideas = [
        submit(employee),
        submit(other, title="Tweede"),
        submit(employee, title="Derde"),
        services.submit_idea(
            services.IdeaInput(title="Via de balie", source="inwoner"), submitter=None
        ),
    ]
    found = queries.submitters_of(ideas)
    assert {uid: u.name for uid, u in found.items()} == {
        employee.id: employee.name,
        other.id: other.name,
    }
    assert queries.submitters_of([]) == {}
