"""From idea to card: the promotion rules and the idea's status following its card."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from board.boards import promotion, queries, services
from board.boards.models import Card, CardEvent
from board.boards.promotion import AlreadyOnBoard
from board.boards.services import BoardError
from board.extensions import db
from board.ideas import services as idea_services
from board.ideas.models import IdeaEvent, Notification
from tests.factories import column_named, make_user


@pytest.fixture
def submitter():
    return make_user(name="Sjoukje Indiener", email="sjoukje@example.org")


@pytest.fixture
def idea(team, submitter, lead):
    idea = idea_services.submit_idea(
        idea_services.IdeaInput(
            title="Terugbelverzoek binnen een dag",
            team_id=team.id,
            perspectives=["klant", "proces"],
        ),
        submitter=submitter,
    )
    return idea


def test_promotion_makes_a_linked_card_in_the_first_column(board, idea, lead):
    card = promotion.promote_idea(idea, board, lead)
    assert card.idea_id == idea.id
    assert card.title == "Terugbelverzoek binnen een dag"
    assert card.column_id == column_named(board, "Ideeën").id
    summary = queries.get_card_summary(card.id)
    assert summary is not None and summary.perspectives == ["klant", "proces"]
    assert (
        db.session.scalar(select(CardEvent.kind).where(CardEvent.card_id == card.id)) == "created"
    )
    kinds = db.session.scalars(select(IdeaEvent.kind).where(IdeaEvent.idea_id == idea.id))
    assert "op_bord" in list(kinds)
    found = promotion.card_of_idea(idea.id, lead)
    assert found is not None
    assert (found.card_id, found.board_name, found.column_name) == (
        card.id,
        "Verbeterbord KCC",
        "Ideeën",
    )


def test_one_card_per_idea(board, idea, lead, team):
    first = promotion.promote_idea(idea, board, lead)
    other = services.create_board(team, "Tweede bord", "eenvoudig", lead)
    with pytest.raises(AlreadyOnBoard) as caught:
        promotion.promote_idea(idea, other, lead)
    assert caught.value.status == 409
    assert caught.value.card_id == first.id
    assert "al op een bord" in caught.value.message
    assert (
        db.session.scalar(select(Card.id).where(Card.idea_id == idea.id, Card.id != first.id))
        is None
    )


def test_an_archived_card_still_counts(board, idea, lead):
    card = promotion.promote_idea(idea, board, lead)
    services.archive_card(card, lead)
    with pytest.raises(AlreadyOnBoard):
        promotion.promote_idea(idea, board, lead)


def test_merged_and_waiting_ideas_cannot_be_promoted(board, idea, lead, team, submitter):
    target = idea_services.submit_idea(
        idea_services.IdeaInput(title="Het grotere idee", team_id=team.id), submitter=submitter
    )
    idea_services.merge_ideas(idea.id, target.id, lead)
    with pytest.raises(BoardError) as caught:
        promotion.promote_idea(idea, board, lead)
    assert "samengevoegd" in caught.value.message
    target.moderation = "wacht"
    with pytest.raises(BoardError) as caught:
        promotion.promote_idea(target, board, lead)
    assert "moderatie" in caught.value.message
    assert db.session.scalar(select(Card.id).where(Card.board_id == board.id)) is None


def test_archived_board_refuses(board, idea, lead):
    services.archive_board(board, lead)
    with pytest.raises(BoardError):
        promotion.promote_idea(idea, board, lead)


def test_leaving_the_first_column_starts_the_idea_and_notifies_followers(
    board, idea, lead, submitter
):
    card = promotion.promote_idea(idea, board, lead)
    before = db.session.scalar(
        select(Notification.id).where(Notification.user_id == submitter.id).limit(1)
    )
    services.move_card(card.id, column_named(board, "Plan").id, None, card.version, lead)
    assert idea.status == "in_uitvoering"
    event = db.session.scalars(
        select(IdeaEvent).where(IdeaEvent.idea_id == idea.id, IdeaEvent.kind == "status")
    ).one()
    assert (event.from_value, event.to_value, event.actor_id) == ("nieuw", "in_uitvoering", lead.id)
    note = db.session.scalars(
        select(Notification).where(
            Notification.user_id == submitter.id, Notification.kind == "status"
        )
    ).one()
    assert note.detail == "in_uitvoering" and note.id != before


def test_reaching_a_done_column_realises_the_idea(board, idea, lead):
    card = promotion.promote_idea(idea, board, lead)
    services.move_card(card.id, column_named(board, "Do").id, None, card.version, lead)
    services.move_card(card.id, column_named(board, "Klaar").id, None, card.version, lead)
    assert idea.status == "gerealiseerd"


def test_never_backwards(board, idea, lead):
    card = promotion.promote_idea(idea, board, lead)
    services.move_card(card.id, column_named(board, "Klaar").id, None, card.version, lead)
    assert idea.status == "gerealiseerd"
    services.move_card(card.id, column_named(board, "Do").id, None, card.version, lead)
    assert idea.status == "gerealiseerd"
    services.move_card(card.id, column_named(board, "Ideeën").id, None, card.version, lead)
    assert idea.status == "gerealiseerd"
    statuses = db.session.scalars(
        select(IdeaEvent.to_value).where(IdeaEvent.idea_id == idea.id, IdeaEvent.kind == "status")
    )
    assert list(statuses) == ["gerealiseerd"]


def test_a_planned_idea_moves_on_but_an_idea_in_progress_is_not_set_back(board, idea, lead):
    idea_services.change_status(idea, lead, "gepland")
    card = promotion.promote_idea(idea, board, lead)
    services.move_card(card.id, column_named(board, "Check").id, None, card.version, lead)
    assert idea.status == "in_uitvoering"
    services.move_card(card.id, column_named(board, "Ideeën").id, None, card.version, lead)
    assert idea.status == "in_uitvoering"


def test_rejected_ideas_are_left_alone(board, idea, lead):
    card = promotion.promote_idea(idea, board, lead)
    idea_services.change_status(idea, lead, "afgewezen", "Past niet in het budget")
    services.move_card(card.id, column_named(board, "Klaar").id, None, card.version, lead)
    assert idea.status == "afgewezen"


def test_reordering_within_a_column_changes_nothing(board, idea, lead):
    card = promotion.promote_idea(idea, board, lead)
    other = services.create_card(board, services.CardInput(title="Ander werk"), lead)
    services.move_card(card.id, card.column_id, other.id, card.version, lead)
    assert idea.status == "nieuw"


@pytest.mark.parametrize(
    ("current", "column", "expected"),
    [
        ("nieuw", "Plan", "in_uitvoering"),
        ("in_behandeling", "Do", "in_uitvoering"),
        ("gepland", "Klaar", "gerealiseerd"),
        ("in_uitvoering", "Ideeën", "in_uitvoering"),
        ("gerealiseerd", "Plan", "gerealiseerd"),
        ("afgewezen", "Klaar", "afgewezen"),
        ("samengevoegd", "Klaar", "samengevoegd"),
        ("nieuw", "Ideeën", "nieuw"),
    ],
)
def test_status_after_move(board, current, column, expected):
    first = column_named(board, "Ideeën").id
    assert promotion.status_after_move(current, column_named(board, column), first) == expected


def test_promotable_boards_are_the_editable_ones_with_the_ideas_team_first(
    board, idea, lead, manager, team
):
    from tests.factories import make_team

    other_team = make_team(name="Aaa eerst op naam")
    other = services.create_board(other_team, "Ander bord", "eenvoudig", manager)
    archived = services.create_board(team, "Oud", "eenvoudig", manager)
    services.archive_board(archived, manager)
    names = [b.name for b in promotion.promotable_boards(manager, idea)]
    assert names[0] == "Verbeterbord KCC" and "Ander bord" in names and "Oud" not in names
    assert [b.name for b in promotion.promotable_boards(lead, idea)] == ["Verbeterbord KCC"]
    assert other.id not in [b.id for b in promotion.promotable_boards(lead, idea)]
