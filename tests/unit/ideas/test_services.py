"""The rules of the idea inbox, without HTTP."""

from __future__ import annotations

import pytest

from board.extensions import db
from board.ideas import queries, services
from board.ideas.models import Follow, IdeaEvent, Vote
from board.ideas.queries import InboxFilter
from board.ideas.services import IdeaError, IdeaInput
from tests.factories import make_team, make_user


def submit(user=None, **fields):
    data = IdeaInput(**{"title": "Digitaal een paspoort aanvragen", **fields})
    return services.submit_idea(data, submitter=user)


def test_submitted_idea_has_perspectives_tags_and_a_history(employee):
    idea = submit(employee, perspectives=["proces", "klant"], tags="Paspoort, wachttijd, paspoort")
    db.session.commit()
    assert idea.status == "nieuw"
    assert idea.perspectives == ["klant", "proces"]  # fixed order, no duplicates
    assert queries.tags_of([idea.id])[idea.id] == ["paspoort", "wachttijd"]
    events = db.session.query(IdeaEvent).filter_by(idea_id=idea.id).all()
    assert [(e.kind, e.actor_id) for e in events] == [("submitted", employee.id)]
    assert queries.is_following(idea.id, employee.id)


def test_every_problem_with_an_idea_is_reported_at_once():
    with pytest.raises(IdeaError) as caught:
        services.submit_idea(
            IdeaInput(
                title="x" * 121, body="y" * 5001, perspectives=["klant", "politiek"], source="krant"
            ),
            submitter=None,
        )
    fields = [f for f, _ in caught.value.problems]
    assert fields == ["title", "body", "perspectives", "source"]
    assert "hoogstens 120 tekens (nu 121)" in caught.value.problems[0][1]


def test_empty_title_is_refused():
    with pytest.raises(IdeaError) as caught:
        submit(title="   ")
    assert caught.value.field == "title"


def test_the_same_submission_key_twice_gives_one_idea(employee):
    first = submit(employee, submission_key="abc123")
    second = submit(employee, submission_key="abc123")
    assert first.id == second.id
    assert queries.count_ideas() == 1


def test_one_vote_per_person_and_withdrawing_it(employee):
    idea = submit(employee)
    other = make_user()
    assert services.cast_vote(idea.id, other) == 1
    assert services.cast_vote(idea.id, other) == 1  # again is harmless
    assert services.cast_vote(idea.id, employee) == 2
    assert services.withdraw_vote(idea.id, other) == 1
    assert db.session.query(Vote).filter_by(idea_id=idea.id).count() == 1


def test_merging_moves_votes_once_per_person_and_followers(employee):
    source = submit(employee, title="Langere openingstijden balie")
    target = submit(make_user(), title="Avondopenstelling publiekshal")
    both, only_source, only_target = make_user(), make_user(), make_user()
    for person in (both, only_source):
        services.cast_vote(source.id, person)
    for person in (both, only_target):
        services.cast_vote(target.id, person)
    services.add_comment(source.id, only_source, "Graag op donderdagavond")
    lead = make_user(role="manager")
    survivor = services.merge_ideas(source.id, target.id, lead)
    db.session.commit()
    assert survivor.id == target.id
    assert survivor.vote_count == 3  # both, only_source, only_target: each once
    db.session.refresh(source)
    assert source.status == "samengevoegd" and source.merged_into_id == target.id
    assert source.vote_count == 0
    followers = {f.user_id for f in db.session.query(Follow).filter_by(idea_id=target.id)}
    assert {employee.id, both.id, only_source.id, only_target.id} <= followers
    assert [c.body for c in queries.list_comments(target.id)] == ["Graag op donderdagavond"]
    with pytest.raises(IdeaError):
        services.cast_vote(source.id, make_user())


def test_merging_into_itself_or_into_a_merged_idea_is_refused(employee):
    a, b, c = submit(employee), submit(employee, title="Tweede"), submit(employee, title="Derde")
    manager = make_user(role="manager")
    with pytest.raises(IdeaError):
        services.merge_ideas(a.id, a.id, manager)
    services.merge_ideas(b.id, c.id, manager)
    with pytest.raises(IdeaError):
        services.merge_ideas(a.id, b.id, manager)


def test_rejecting_needs_a_reason_and_closing_erases_the_contact_address(employee):
    idea = services.submit_idea(
        IdeaInput(title="Bankjes in het park", source="wijkteam"),
        submitter=None,
        contact_email="buurt@example.org",
    )
    manager = make_user(role="manager")
    with pytest.raises(IdeaError) as caught:
        services.change_status(idea, manager, "afgewezen", "")
    assert caught.value.field == "reason"
    services.change_status(idea, manager, "afgewezen", "Valt onder de provincie")
    assert idea.contact_email is None
    assert idea.decision_reason == "Valt onder de provincie"
    history = [(e.kind, e.from_value, e.to_value) for e in queries.list_events(idea.id)]
    assert ("status", "nieuw", "afgewezen") in history


def test_comment_can_be_edited_for_fifteen_minutes_only(employee, clock):
    idea = submit(employee)
    comment = services.add_comment(idea.id, employee, "Eerste versie")
    clock.advance(minutes=14)
    services.edit_comment(comment, employee, "Tweede versie")
    clock.advance(minutes=2)
    with pytest.raises(IdeaError):
        services.edit_comment(comment, employee, "Te laat")
    assert comment.body == "Tweede versie"


def test_hiding_a_comment_needs_a_reason_and_is_audited(employee):
    from board.audit.models import AuditEvent

    idea = submit(employee)
    comment = services.add_comment(idea.id, make_user(), "Scheldwoorden")
    lead = make_user(role="manager")
    with pytest.raises(IdeaError):
        services.hide_comment(comment, lead, " ")
    services.hide_comment(comment, lead, "Kwetsend")
    assert comment.hidden_reason == "Kwetsend"
    assert db.session.query(AuditEvent).filter_by(action="comment.hide").count() == 1


def test_inbox_filters_sorts_and_counts(employee):
    team = make_team()
    a = submit(employee, title="Wachttijden bij de balie", perspectives=["klant"], team_id=team.id)
    b = submit(employee, title="Minder papier in het archief", perspectives=["proces"])
    c = submit(employee, title="Snellere wachttijd telefoon", perspectives=["klant", "proces"])
    for _ in range(2):
        services.cast_vote(b.id, make_user())
    services.cast_vote(c.id, make_user())
    db.session.commit()
    by_votes = queries.list_inbox(InboxFilter(), employee)
    assert [i.id for i in by_votes.ideas] == [b.id, c.id, a.id]
    assert by_votes.perspective_counts == {
        "klant": 2,
        "medewerker": 0,
        "proces": 2,
        "financieel": 0,
    }
    klant = queries.list_inbox(InboxFilter(perspective="klant"), employee)
    assert {i.id for i in klant.ideas} == {a.id, c.id}
    assert klant.status_counts["nieuw"] == 2
    team_only = queries.list_inbox(InboxFilter(team_id=team.id), employee)
    assert [i.id for i in team_only.ideas] == [a.id]


def test_search_uses_dutch_stemming(employee):
    a = submit(employee, title="Lange wachttijden aan de telefoon")
    submit(employee, title="Parkeren bij het stadskantoor")
    db.session.commit()
    found = queries.list_inbox(InboxFilter(q="wachttijd"), employee)
    assert [i.id for i in found.ideas] == [a.id]
    assert [i.id for i in queries.list_inbox(InboxFilter(q="wacht"), employee).ideas] == [a.id]


@pytest.mark.parametrize(
    ("title", "query"),
    [
        ("Verhuizingen sneller verwerken", "verhuizingen"),
        ("Verhuizingen sneller verwerken", "verhuizing"),
        ("Een verhuizing in één keer doorgeven", "verhuizingen"),
        ("Aanvragen voor bijzondere bijstand", "aanvraag bijstand"),
        ("Wachttijden bij de balie", "Wachttijden balie"),
        ("Terugbelafspraak met de klant", "terugbellen"),
    ],
)
def test_search_finds_every_form_of_a_word_on_both_databases(employee, title, query):
    idea = submit(employee, title=title)
    submit(employee, title="Parkeren bij het stadskantoor")
    db.session.commit()
    assert [i.id for i in queries.list_inbox(InboxFilter(q=query), employee).ideas] == [idea.id]


def test_similar_ideas_share_a_word_and_skip_merged_ones(employee):
    a = submit(employee, title="Paspoort digitaal aanvragen")
    b = submit(employee, title="Rijbewijs aanvragen zonder afspraak")
    submit(employee, title="Groenonderhoud in de wijk")
    db.session.commit()
    similar = {i.id for i in queries.list_similar("paspoort aanvraag")}
    assert similar == {a.id, b.id}


def test_inbox_query_count_does_not_grow_with_the_number_of_ideas(employee, app):
    from sqlalchemy import event

    def count_queries(f):
        statements = []

        def listener(*args):
            statements.append(args[2])

        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            page = queries.list_inbox(f, employee)
            for idea in page.ideas:
                _ = idea.perspectives, idea.team, idea.chain
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(statements)

    for n in range(3):
        submit(employee, title=f"Idee {n}", perspectives=["klant"], tags="a,b")
    few = count_queries(InboxFilter())
    for n in range(20):
        submit(employee, title=f"Meer {n}", perspectives=["proces"], tags="c")
    assert count_queries(InboxFilter()) == few
    assert few <= 6


def test_followers_are_notified_of_status_changes_and_comments_but_not_the_actor(employee):
    idea = submit(employee)
    voter = make_user()
    services.cast_vote(idea.id, voter)
    manager = make_user(role="manager")
    services.change_status(idea, manager, "gepland")
    services.add_comment(idea.id, voter, "Top!")
    assert queries.count_unread_notifications(employee.id) == 2
    assert queries.count_unread_notifications(voter.id) == 1  # not for their own comment
    assert queries.count_unread_notifications(manager.id) == 0
    kinds = [r.notification.kind for r in queries.list_notifications(employee.id)]
    assert sorted(kinds) == ["comment", "status"]
    services.mark_notifications_read(employee)
    assert queries.count_unread_notifications(employee.id) == 0


def test_filter_counts_are_reused_for_a_short_time_then_refreshed(employee, app, clock):
    from board.ideas.queries import _facet_cache, facet_counts

    _facet_cache.clear()
    app.config["FACET_CACHE_SECONDS"] = 30
    try:
        submit(employee, title="Eerste", perspectives=["klant"])
        assert facet_counts(InboxFilter())[1]["klant"] == 1
        submit(employee, title="Tweede", perspectives=["klant"])
        clock.advance(seconds=20)
        assert facet_counts(InboxFilter())[1]["klant"] == 1  # still the counted value
        assert facet_counts(InboxFilter(source="medewerker"))[1]["klant"] == 2  # other filter
        clock.advance(seconds=11)
        assert facet_counts(InboxFilter())[1]["klant"] == 2
    finally:
        app.config["FACET_CACHE_SECONDS"] = 0
        _facet_cache.clear()


def test_an_htmx_update_of_the_results_skips_the_counts(employee):
    submit(employee, perspectives=["klant"])
    page = queries.list_inbox(InboxFilter(), employee, with_counts=False)
    assert len(page.ideas) == 1
    assert page.status_counts == {} and page.perspective_counts == {}
