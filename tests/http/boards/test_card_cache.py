"""Cards rendered once are reused, but never when anything they show has changed."""

from __future__ import annotations

from board.accounts import services as account_services
from board.boards import card_cache, queries, services
from board.boards.services import CardInput
from board.extensions import db
from board.ideas import services as idea_services
from board.ideas.services import IdeaInput
from tests.conftest import Page
from tests.factories import make_user


def card_text(web, board, card) -> str:
    element = Page(web.get(f"/borden/{board.id}").text).by_id(f"card-{card.id}")
    assert element is not None
    return element.text


def test_a_card_shows_what_changed_since_it_was_last_rendered(web, board, lead, employee, clock):
    idea = idea_services.submit_idea(IdeaInput(title="Terugbellen"), submitter=employee)
    card = services.create_card(
        board, CardInput(title="Terugbelverzoek", owner_ids=[employee.id]), lead, idea_id=idea.id
    )
    db.session.commit()
    web.login(lead)
    first = card_text(web, board, card)
    assert "JP" in first and "0 stemmen" in first and "0 dagen in kolom" in first
    assert card_text(web, board, card) == first  # nothing changed: the same markup

    idea_services.cast_vote(idea.id, make_user())  # the idea changes, not the card
    db.session.commit()
    assert "1 stem" in card_text(web, board, card)

    account_services.update_profile(employee, name="Anne Zijlstra", language="nl")
    db.session.commit()
    assert "AZ" in card_text(web, board, card)

    clock.advance(days=3)
    web.login(lead)  # the sign-in session did not last three days
    assert "3 dagen in kolom" in card_text(web, board, card)

    services.update_card(card, CardInput(title="Terugbelverzoek via de site"), lead)
    db.session.commit()
    assert "Terugbelverzoek via de site" in card_text(web, board, card)

    account_services.update_profile(lead, name=lead.name, language="en")
    db.session.commit()
    assert "3 days in column" in card_text(web, board, card)


def test_someone_who_may_not_move_cards_never_gets_the_move_controls(web, board, lead):
    card = services.create_card(board, CardInput(title="Formulier vereenvoudigen"), lead)
    db.session.commit()
    web.login(lead)
    assert "Verplaats" in card_text(web, board, card)
    web.logout()
    web.login(make_user(email="buiten@example.org"))
    assert "Verplaats" not in card_text(web, board, card)


def test_the_cache_forgets_everything_when_it_is_full(monkeypatch):
    monkeypatch.setattr(card_cache, "MAX_ENTRIES", 2)
    card_cache.clear()
    calls = []

    def render(card):
        calls.append(card.id)
        return f"<li>{card.id}</li>"

    cards = queries.CardSummary  # a plain row, as the board query returns
    rows = [
        cards(
            id=n,
            board_id=1,
            column_id=1,
            title="t",
            due_date=None,
            blocked=False,
            blocked_reason="",
            idea_id=None,
            version=1,
            column_entered_at=None,
        )
        for n in (1, 2, 3)
    ]
    for row in rows + rows[:1]:
        card_cache.cached_card(render, row, True, None, "nl", "/kaarten/")
    assert calls == [1, 2, 3, 1]  # the third emptied the cache, so the first is made again
