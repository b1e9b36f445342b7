"""The rules of boards, columns, cards and moves, without HTTP."""

from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from board.boards import permissions, queries, ranks, services
from board.boards.models import Card, CardEvent
from board.boards.services import BoardError, CardInput, StaleCard, WipConfirmationNeeded
from board.errors import NotFound
from board.extensions import db
from tests.factories import add_member, column_named, make_team, make_user


def order(board):
    """Every open card title per column, top to bottom."""
    view = queries.get_board_view(board)
    return {c.column.name: [card.title for card in c.cards] for c in view.columns}


def new_card(board, title, actor=None, column=None):
    return services.create_card(
        board, CardInput(title=title), actor, column_id=column.id if column else None
    )


def test_templates_give_their_columns_with_klaar_as_done(team, lead):
    pdca = services.create_board(team, "  PDCA  bord ", "verbeterbord", lead)
    simple = services.create_board(team, "Klein", "eenvoudig", lead)
    assert pdca.name == "PDCA bord"
    assert [(c.name, c.is_done) for c in queries.list_columns(pdca.id)] == [
        ("Ideeën", False),
        ("Plan", False),
        ("Do", False),
        ("Check", False),
        ("Act", False),
        ("Klaar", True),
    ]
    assert [c.name for c in queries.list_columns(simple.id)] == ["Te doen", "Bezig", "Klaar"]
    with pytest.raises(BoardError) as caught:
        services.create_board(team, "X", "scrum", lead)
    assert caught.value.field == "template"
    with pytest.raises(BoardError):
        services.create_board(team, "   ", "eenvoudig", lead)


def test_new_cards_go_to_the_bottom_of_the_first_column_with_an_event(board, lead):
    new_card(board, "Eerste", lead)
    card = new_card(board, "Tweede", lead)
    assert order(board)["Ideeën"] == ["Eerste", "Tweede"]
    events = db.session.scalars(select(CardEvent).where(CardEvent.card_id == card.id)).all()
    assert [(e.kind, e.actor_id, e.to_value) for e in events] == [("created", lead.id, "Ideeën")]


def test_card_input_is_validated_all_at_once(board, lead, employee):
    outsider = make_user()
    with pytest.raises(BoardError) as caught:
        services.create_card(
            board,
            CardInput(
                title="x" * 201,
                description="y" * 10001,
                blocked=True,
                blocked_reason="",
                owner_ids=[outsider.id],
                perspectives=["politiek"],
            ),
            lead,
        )
    fields = [f for f, _m in caught.value.problems]
    assert fields == ["title", "description", "blocked_reason", "owner_ids", "perspectives"]
    assert "200" in caught.value.problems[0][1]
    assert db.session.scalar(select(Card.id).where(Card.board_id == board.id)) is None


def test_update_card_records_each_change(board, lead, employee):
    card = new_card(board, "Formulier", lead)
    services.update_card(
        card,
        CardInput(
            title="Formulier verbeteren",
            due_date=date(2026, 3, 20),
            blocked=True,
            blocked_reason="Wacht op leverancier",
            owner_ids=[employee.id, lead.id],
            perspectives=["proces", "klant"],
            tags="Formulier, digitaal",
        ),
        lead,
    )
    db.session.commit()
    card = queries.get_card(card.id)
    assert card.title == "Formulier verbeteren"
    assert card.blocked and card.blocked_reason == "Wacht op leverancier"
    assert sorted(u.name for u in card.owners) == ["Jelle Postma", "Tjitske Hoekstra"]
    assert card.perspectives == ["klant", "proces"]
    assert sorted(t.name for t in card.tags) == ["digitaal", "formulier"]
    assert card.version == 2
    kinds = {e.kind for e in queries.list_card_events(card.id)}
    assert {"title", "due_date", "blocked", "owners", "perspectives", "tags"} <= kinds
    services.update_card(card, CardInput(blocked=False), lead)
    assert not card.blocked and card.blocked_reason == ""


def test_archive_and_restore_take_the_card_off_and_back(board, lead):
    card = new_card(board, "Weg", lead)
    new_card(board, "Blijft", lead)
    services.archive_card(card, lead)
    assert order(board)["Ideeën"] == ["Blijft"]
    services.restore_card(card, lead)
    assert order(board)["Ideeën"] == ["Blijft", "Weg"]
    kinds = [e.kind for e in queries.list_card_events(card.id)]
    assert kinds[:2] == ["restored", "archived"]


def test_move_places_the_card_after_the_given_card_and_records_it(board, lead, clock):
    do = column_named(board, "Do")
    a, b, c = (new_card(board, t, lead, do) for t in ("A", "B", "C"))
    moving = new_card(board, "X", lead)
    clock.advance(days=3)
    result = services.move_card(moving.id, do.id, b.id, moving.version, lead)
    assert result.moved
    assert order(board)["Do"] == ["A", "B", "X", "C"]
    assert order(board)["Ideeën"] == []
    assert moving.version == 2 and moving.column_entered_at == clock()
    move = queries.list_card_events(moving.id)[0]
    assert (move.kind, move.from_value, move.to_value) == ("move", "Ideeën", "Do")
    assert (move.from_column_id, move.to_column_id, move.actor_id) == (
        column_named(board, "Ideeën").id,
        do.id,
        lead.id,
    )
    services.move_card(moving.id, do.id, None, moving.version, lead)
    assert order(board)["Do"] == ["X", "A", "B", "C"]
    assert queries.list_card_events(moving.id)[0].kind == "reorder"
    assert a.rank < b.rank < c.rank


def test_a_move_rewrites_only_the_moved_card(board, lead):
    do = column_named(board, "Do")
    cards = [new_card(board, str(i), lead, do) for i in range(5)]
    before = {c.id: c.rank for c in cards}
    services.move_card(cards[4].id, do.id, cards[1].id, cards[4].version, lead)
    db.session.expire_all()
    after = {c.id: db.session.get(Card, c.id).rank for c in cards}
    changed = [i for i in before if before[i] != after[i]]
    assert changed == [cards[4].id]


def test_stale_version_is_a_conflict_and_changes_nothing(board, lead):
    plan = column_named(board, "Plan")
    card = new_card(board, "Oud", lead)
    services.move_card(card.id, plan.id, None, 1, lead)
    with pytest.raises(StaleCard) as caught:
        services.move_card(card.id, column_named(board, "Do").id, None, 1, lead)
    assert (caught.value.column_id, caught.value.version) == (plan.id, 2)
    assert caught.value.status == 409
    assert order(board)["Plan"] == ["Oud"]


def test_bad_moves_are_refused(board, team, lead):
    other = services.create_board(team, "Ander bord", "eenvoudig", lead)
    card = new_card(board, "Hier", lead)
    elsewhere = new_card(other, "Daar", lead)
    do = column_named(board, "Do")
    with pytest.raises(BoardError) as caught:
        services.move_card(card.id, column_named(other, "Bezig").id, None, card.version, lead)
    assert caught.value.field == "column_id"
    with pytest.raises(BoardError) as caught:
        services.move_card(card.id, do.id, elsewhere.id, card.version, lead)
    assert caught.value.field == "after_card_id"
    with pytest.raises(NotFound):
        services.move_card(999999, do.id, None, 1, lead)
    with pytest.raises(BoardError):
        services.move_card(card.id, 999999, None, card.version, lead)
    assert card.column_id == column_named(board, "Ideeën").id and card.version == 1


def test_wip_limit_asks_for_confirmation_or_refuses(board, lead):
    do = column_named(board, "Do")
    services.set_wip_limit(do, "1", lead)
    new_card(board, "Bezig", lead, do)
    card = new_card(board, "Nog een", lead)
    with pytest.raises(WipConfirmationNeeded) as caught:
        services.move_card(card.id, do.id, None, card.version, lead)
    assert "WIP-limiet van 1" in caught.value.message
    services.move_card(card.id, do.id, None, card.version, lead, confirm_over_wip=True)
    view = queries.get_board_view(board).column(do.id)
    assert view.count == 2 and view.over_limit
    services.set_wip_policy(board, "refuse", lead)
    third = new_card(board, "Derde", lead)
    with pytest.raises(BoardError) as caught:
        services.move_card(third.id, do.id, None, third.version, lead, confirm_over_wip=True)
    assert not isinstance(caught.value, WipConfirmationNeeded)
    assert "niet toe" in caught.value.message
    # Reordering inside a full column is always fine.
    first = view.cards[0]
    services.move_card(first.id, do.id, view.cards[1].id, first.version, lead)


@pytest.mark.parametrize("raw", ["-1", "0", "abc", "1.5", "1000"])
def test_wip_limit_must_be_a_whole_number_of_at_least_one(board, lead, raw):
    with pytest.raises(BoardError) as caught:
        services.set_wip_limit(column_named(board, "Do"), raw, lead)
    assert caught.value.field == "wip_limit"
    assert "WIP-limiet" in caught.value.message


def test_empty_wip_limit_means_no_limit(board, lead):
    do = column_named(board, "Do")
    services.set_wip_limit(do, "3", lead)
    assert do.wip_limit == 3
    services.set_wip_limit(do, "", lead)
    assert do.wip_limit is None


def test_columns_are_added_renamed_reordered_and_removed_with_a_target(board, lead):
    extra = services.add_column(board, "Wacht op klant", lead, wip_limit=2)
    assert [c.name for c in queries.list_columns(board.id)][-1] == "Wacht op klant"
    services.rename_column(extra, "Wacht", lead)
    services.move_column(extra, -1, lead)
    names = [c.name for c in queries.list_columns(board.id)]
    assert names[-2:] == ["Wacht", "Klaar"]
    card = new_card(board, "Wachtende", lead, extra)
    with pytest.raises(BoardError) as caught:
        services.remove_column(extra, None, lead)
    assert caught.value.field == "target_column_id"
    plan = column_named(board, "Plan")
    services.remove_column(extra, plan.id, lead)
    assert "Wacht" not in [c.name for c in queries.list_columns(board.id)]
    assert card.column_id == plan.id
    assert queries.list_card_events(card.id)[0].to_value == "Plan"
    empty = column_named(board, "Act")
    services.remove_column(empty, None, lead)
    assert [c.position for c in queries.list_columns(board.id)] == [0, 1, 2, 3, 4]


def test_move_up_and_down_swap_with_the_neighbour(board, lead):
    a, b, c = (new_card(board, t, lead) for t in ("A", "B", "C"))
    services.move_up(c.id, c.version, lead)
    assert order(board)["Ideeën"] == ["A", "C", "B"]
    services.move_up(c.id, c.version, lead)
    assert order(board)["Ideeën"] == ["C", "A", "B"]
    assert not services.move_up(c.id, c.version, lead).moved
    services.move_down(a.id, a.version, lead)
    assert order(board)["Ideeën"] == ["C", "B", "A"]
    assert not services.move_down(a.id, a.version, lead).moved


def test_many_random_moves_keep_every_card_exactly_once_in_a_consistent_order(board, lead):
    columns = queries.list_columns(board.id)
    cards = [new_card(board, f"Kaart {i}", lead, random.choice(columns)) for i in range(25)]
    rng = random.Random(7)
    model = {c.id: [] for c in columns}
    for card in cards:
        model[card.column_id].append(card.id)
    for _ in range(300):
        card = rng.choice(cards)
        target = rng.choice(columns)
        others = [i for i in model[target.id] if i != card.id]
        after = rng.choice([None, *others])
        services.move_card(card.id, target.id, after, card.version, lead, confirm_over_wip=True)
        for ids in model.values():
            if card.id in ids:
                ids.remove(card.id)
        index = 0 if after is None else model[target.id].index(after) + 1
        model[target.id].insert(index, card.id)
    view = queries.get_board_view(board)
    got = {c.column.id: [card.id for card in c.cards] for c in view.columns}
    assert got == model
    all_ids = [i for ids in got.values() for i in ids]
    assert sorted(all_ids) == sorted(c.id for c in cards)
    assert all(ranks.is_valid(c.rank) for c in cards)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=300))
def test_ranks_always_fit_between_their_neighbours(picks):
    keys: list[str] = []
    for pick in picks:
        index = pick % (len(keys) + 1)
        before = keys[index - 1] if index else None
        after = keys[index] if index < len(keys) else None
        key = ranks.between(before, after)
        assert (before is None or before < key) and (after is None or key < after)
        assert ranks.is_valid(key)
        keys.insert(index, key)
    assert keys == sorted(keys)


def test_long_ranks_make_the_column_renumber(board, lead):
    cards = [new_card(board, "Bodem", lead), new_card(board, "Top", lead)]
    bottom = cards[0]
    for i in range(150):  # always right after the first card: ranks grow until renumbered
        card = new_card(board, f"Nieuw {i}", lead)
        services.move_card(card.id, bottom.column_id, bottom.id, card.version, lead)
    titles = order(board)["Ideeën"]
    assert titles[0] == "Bodem" and titles[1] == "Nieuw 149" and titles[-1] == "Top"
    assert len(titles) == 152
    longest = max(len(c.rank) for c in queries.list_column_cards(bottom.column_id))
    assert longest <= ranks.REBALANCE_AT


def test_permissions_follow_team_membership_and_visibility(board, team, lead, employee, manager):
    outsider = make_user()
    other_team = make_team()
    add_member(outsider, other_team)
    assert permissions.can_edit(employee, board) and permissions.can_edit(manager, board)
    assert not permissions.can_edit(outsider, board)
    assert permissions.can_view(outsider, board)
    services.set_visibility(board, "private", lead)
    assert not permissions.can_view(outsider, board)
    assert permissions.can_view(employee, board) and permissions.can_view(manager, board)
    assert queries.get_visible_board(board.id, outsider) is None
    assert board.id not in [i.board.id for i in queries.list_boards(outsider)]
    assert board.id in [i.board.id for i in queries.list_boards(employee)]


def test_every_change_bumps_the_board_version(board, lead):
    version = queries.board_version(board.id)
    card = new_card(board, "Versie", lead)
    services.move_card(card.id, column_named(board, "Plan").id, None, card.version, lead)
    assert queries.board_version(board.id) == version + 2
