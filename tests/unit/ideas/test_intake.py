"""Public intake without HTTP: links, ideas through a link, the form stamp, moderation, and
that a waiting idea shows up nowhere."""

from __future__ import annotations

import pytest

from board.errors import NotFound
from board.extensions import db
from board.ideas import intake_queries, intake_services, queries, services
from board.ideas.intake_services import IntakeError, PublicIdeaInput, SpamRefused
from board.ideas.models import PENDING, REJECTED, VISIBLE, IdeaEvent
from board.ideas.queries import InboxFilter
from tests.conftest import audit_events
from tests.factories import add_member, make_team, make_user


def make_link(actor, team, **fields):
    values = {"label": "Klantpanel Sneek", "source": "klantpanel", "team_id": team.id}
    values.update(fields)
    values.setdefault("chain_id", None)
    return intake_services.create_intake_link(actor=actor, **values)


def send(link, title="Wachtrij bij de balie korter maken", **fields):
    return intake_services.submit_through_link(link, PublicIdeaInput(title=title, **fields))


def test_a_link_gets_an_unguessable_token_and_is_audited(lead, team):
    link = make_link(lead, team)
    other = make_link(lead, team, label="Tweede")
    db.session.commit()
    assert len(link.token) >= 32 and link.token != other.token
    assert (link.source, link.team_id, link.revoked_at) == ("klantpanel", team.id, None)
    created = audit_events(action="intake_link.create")
    assert [(e.actor_id, e.object_label) for e in created] == [
        (lead.id, "Klantpanel Sneek"),
        (lead.id, "Tweede"),
    ]


def test_a_link_needs_a_name_a_source_and_one_team_or_chain(lead, team):
    with pytest.raises(IntakeError) as caught:
        intake_services.create_intake_link(
            label="  ", source="krant", team_id=team.id, chain_id=team.chain_id, actor=lead
        )
    assert [f for f, _ in caught.value.problems] == ["label", "source", "target"]
    with pytest.raises(IntakeError, match="bestaand team"):
        make_link(lead, team, team_id=999_999)


def test_an_idea_through_a_link_waits_without_submitter_and_takes_the_links_source(manager, team):
    link = make_link(manager, team, source="wijkteam")
    idea = send(link, body="Ook op zaterdag", contact_email="  Panel@Example.ORG ")
    db.session.commit()
    assert idea.moderation == PENDING
    assert idea.submitter_id is None
    assert (idea.source, idea.team_id, idea.chain_id) == ("wijkteam", team.id, team.chain_id)
    assert idea.intake_link_id == link.id
    assert idea.contact_email == "panel@example.org"
    assert send(link, title="Zonder adres").contact_email is None


def test_every_problem_with_a_public_idea_comes_back_at_once(manager, team):
    link = make_link(manager, team)
    with pytest.raises(services.IdeaError) as caught:
        send(link, title="", contact_email="geen adres")
    assert [f for f, _ in caught.value.problems] == ["title", "contact_email"]


def test_a_revoked_link_takes_no_more_ideas_but_keeps_what_came_in(manager, team):
    link = make_link(manager, team)
    earlier = send(link)
    intake_services.revoke_intake_link(link, manager)
    intake_services.revoke_intake_link(link, manager)  # twice is harmless, audited once
    db.session.commit()
    with pytest.raises(NotFound):
        send(link, title="Te laat")
    assert db.session.get(type(earlier), earlier.id) is not None
    assert [e.object_id for e in audit_events(action="intake_link.revoke")] == [str(link.id)]
    row = intake_queries.get_link_row(link.id)
    assert (row.received, row.waiting, row.link.revoked_at is not None) == (1, 1, True)


def test_the_same_submission_key_twice_gives_one_idea(manager, team):
    link = make_link(manager, team)
    first = send(link, submission_key="abc123")
    second = send(link, submission_key="abc123")
    assert first.id == second.id


def test_a_waiting_idea_is_nowhere_until_approved(manager, employee, team):
    link = make_link(manager, team)
    idea = send(link, title="Parkeervergunning digitaal verlengen")
    visible = services.submit_idea(
        services.IdeaInput(title="Parkeervergunning automatisch verlengen"), submitter=employee
    )
    db.session.commit()
    everything = InboxFilter(status="")
    search = InboxFilter(q="parkeervergunning")
    by_source = InboxFilter(source="klantpanel")

    def inbox_ids(f):
        return [i.id for i in queries.list_inbox(f, employee).ideas]

    assert inbox_ids(everything) == [visible.id]
    assert inbox_ids(search) == [visible.id]
    assert inbox_ids(by_source) == []
    assert queries.list_inbox(everything, employee).status_counts["nieuw"] == 1
    assert [i.id for i in queries.list_similar("parkeervergunning verlengen")] == [visible.id]
    exported = [i.id for i, _tags in queries.iter_inbox_for_export(everything)]
    assert exported == [visible.id]
    with pytest.raises(NotFound):
        services.cast_vote(idea.id, employee)
    with pytest.raises(NotFound):
        services.add_comment(idea.id, employee, "Goed plan")

    intake_services.approve_idea(idea, manager)
    db.session.commit()
    assert set(inbox_ids(everything)) == {visible.id, idea.id}
    assert idea.status == "nieuw"
    assert set(inbox_ids(search)) == {visible.id, idea.id}
    assert services.cast_vote(idea.id, employee) == 1


def test_approving_and_declining_leave_events_and_only_once(manager, team):
    link = make_link(manager, team)
    approved, declined = send(link, title="Eén"), send(link, title="Twee", contact_email="a@b.nl")
    intake_services.approve_idea(approved, manager)
    with pytest.raises(IntakeError, match="reden"):
        intake_services.decline_idea(declined, manager, "   ")
    assert declined.moderation == PENDING
    intake_services.decline_idea(declined, manager, "Gaat over een ander bestuursorgaan")
    db.session.commit()
    assert (approved.moderation, declined.moderation) == (VISIBLE, REJECTED)
    assert declined.decision_reason == "Gaat over een ander bestuursorgaan"
    assert declined.contact_email is None  # nothing more will happen with it
    with pytest.raises(IntakeError, match="al beoordeeld"):
        intake_services.approve_idea(declined, manager)
    events = {
        (e.idea_id, e.kind, e.from_value, e.to_value, e.actor_id)
        for e in db.session.query(IdeaEvent).filter(IdeaEvent.kind == "moderation")
    }
    assert events == {
        (approved.id, "moderation", PENDING, VISIBLE, manager.id),
        (declined.id, "moderation", PENDING, REJECTED, manager.id),
    }


def test_the_queue_and_its_count_follow_who_leads_which_team(manager, lead, team):
    other_team = make_team()
    other_lead = make_user()
    add_member(other_lead, other_team, "lead")
    chain_link = intake_services.create_intake_link(
        label="Cliëntenraad",
        source="clientenraad",
        team_id=None,
        chain_id=team.chain_id,
        actor=manager,
    )
    mine = send(make_link(manager, team), title="Voor het team")
    for_chain = send(chain_link, title="Voor de keten")
    theirs = send(make_link(manager, other_team), title="Voor het andere team")
    db.session.commit()

    def queue(user):
        scope = intake_queries_scope(user)
        return [r.idea.id for r in intake_queries.list_pending(**scope)]

    assert queue(lead) == [mine.id, for_chain.id]
    assert queue(other_lead) == [theirs.id]
    assert queue(manager) == [mine.id, for_chain.id, theirs.id]
    assert intake_queries.moderation_badge(lead) == 2
    assert intake_queries.moderation_badge(manager) == 3
    assert intake_queries.moderation_badge(make_user()) is None


def intake_queries_scope(user):
    from board.ideas.permissions import lead_scope

    if user.is_manager:
        return {"all_ideas": True, "team_ids": set(), "chain_ids": set()}
    team_ids, chain_ids = lead_scope(user)
    return {"all_ideas": False, "team_ids": team_ids, "chain_ids": chain_ids}


def test_the_form_stamp_refuses_forgeries_haste_and_old_forms(app, clock, manager, team):
    link = make_link(manager, team)
    other = make_link(manager, team, label="Ander")
    stamp = intake_services.issue_stamp(link)
    with pytest.raises(SpamRefused) as too_fast:
        intake_services.check_stamp(stamp, link)
    assert too_fast.value.status == 422
    clock.advance(seconds=4)
    intake_services.check_stamp(stamp, link)  # a person's pace: fine
    with pytest.raises(SpamRefused) as wrong_link:
        intake_services.check_stamp(stamp, other)
    assert wrong_link.value.status == 400
    with pytest.raises(SpamRefused):
        intake_services.check_stamp(stamp[:-2] + "xx", link)
    with pytest.raises(SpamRefused):
        intake_services.check_stamp("", link)
    clock.advance(days=1, minutes=1)
    with pytest.raises(SpamRefused, match="te lang open"):
        intake_services.check_stamp(stamp, link)


def test_links_listed_for_a_lead_are_their_teams_with_counts(manager, lead, team):
    link = make_link(lead, team)
    other = make_link(manager, make_team(), label="Elders")
    send(link)
    approved = send(link, title="Goedgekeurd")
    intake_services.approve_idea(approved, manager)
    db.session.commit()
    rows = intake_queries.list_links(all_links=False, team_ids={team.id})
    assert [(r.link.id, r.received, r.waiting, r.team_name) for r in rows] == [
        (link.id, 2, 1, team.name)
    ]
    everything = intake_queries.list_links(all_links=True, team_ids=set())
    assert {r.link.id for r in everything} == {link.id, other.id}
    assert intake_queries.get_link_by_token(link.token).id == link.id
    assert intake_queries.get_link_by_token("x" * 65) is None
    assert intake_queries.get_link_by_token("") is None


def test_the_menu_badge_costs_one_query_whoever_asks(app, manager, lead, employee, team):
    from sqlalchemy import event

    send(make_link(manager, team))
    db.session.commit()
    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        for user, expected in ((manager, 1), (lead, 1), (employee, None)):
            _ = user.role, user.id  # loaded already, as current_user is in a request
            statements.clear()
            assert intake_queries.moderation_badge(user) == expected
            assert len(statements) == 1, statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def test_the_menu_counts_hold_unread_notifications_beside_the_waiting_ideas(
    manager, lead, employee, team
):
    from board.ideas import services as idea_services

    send(make_link(manager, team))
    idea = idea_services.submit_idea(
        idea_services.IdeaInput(title="Bankje bij de bushalte"), submitter=employee
    )
    db.session.commit()
    idea_services.change_status(idea, lead, "gepland")
    db.session.commit()
    mine = intake_queries.menu_counts(employee)
    assert (mine.unread, mine.waiting) == (1, None)
    assert intake_queries.menu_counts(lead).waiting == 1
    assert intake_queries.menu_counts(manager).unread == 0
