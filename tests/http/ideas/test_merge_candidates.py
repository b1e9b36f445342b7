"""Likely duplicates offered beside the merge field, so a team lead need not look up numbers."""

from __future__ import annotations

from board.extensions import db
from board.ideas import services
from board.ideas.services import IdeaInput
from tests.conftest import Page


def submit(user, title):
    idea = services.submit_idea(IdeaInput(title=title), submitter=user)
    db.session.commit()
    return idea


def test_a_triager_sees_similar_open_ideas_to_merge_into(web, employee, manager):
    idea = submit(employee, "Parkeervergunning digitaal aanvragen")
    twin = submit(employee, "Digitaal een parkeervergunning aanvragen via de website")
    merged = submit(employee, "Parkeervergunning online verlengen")
    other = submit(employee, "Meer bankjes in het park")
    services.merge_ideas(merged.id, twin.id, manager)
    db.session.commit()

    web.login(manager)
    detail = Page(web.get(f"/ideeen/{idea.id}").text)
    assert detail.by_id("target_id").attrs["list"] == "merge-candidate-ids"
    response = web.get(f"/ideeen/{idea.id}/samenvoegen/kandidaten", htmx=True)
    page = Page(response.text)
    offered = page.by_id("merge-candidates").text
    assert f"#{twin.id} Digitaal een parkeervergunning" in offered
    assert f"#{idea.id} " not in offered  # not itself
    assert f"#{merged.id} " not in offered  # not one that is merged already
    assert other.title not in offered
    options = [e.attrs["value"] for e in page.all() if e.tag == "option"]
    assert options == [str(twin.id)]


def test_without_look_alikes_it_explains_where_the_number_is(web, employee, manager):
    idea = submit(employee, "Gratis koffie bij de balie")
    web.login(manager)
    text = Page(web.get(f"/ideeen/{idea.id}/samenvoegen/kandidaten", htmx=True).text).text
    assert "Geen ideeën gevonden die erop lijken" in text


def test_an_employee_cannot_ask_for_merge_candidates(web, employee):
    idea = submit(employee, "Parkeervergunning digitaal aanvragen")
    web.login(employee)
    assert web.get(f"/ideeen/{idea.id}/samenvoegen/kandidaten").status_code == 403
