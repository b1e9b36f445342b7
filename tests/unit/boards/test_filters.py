"""Board filters and swimlanes on plain card rows: what a filter keeps and where a card goes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace

from board.boards.filters import BoardFilter, _lanes, parse_filter
from board.boards.queries import BoardView, CardSummary, ColumnView, OwnerSummary

TODAY = date(2026, 3, 2)


def card(n, owners=(), perspectives=(), tags=(), blocked=False, due=None) -> CardSummary:
    return CardSummary(
        id=n,
        board_id=1,
        column_id=1,
        title=f"Kaart {n}",
        due_date=due,
        blocked=blocked,
        blocked_reason="",
        idea_id=None,
        version=1,
        column_entered_at=datetime(2026, 3, 1, tzinfo=UTC),
        owners=[OwnerSummary(i, name) for i, name in owners],
        perspectives=list(perspectives),
        tags=list(tags),
    )


def test_parse_keeps_what_means_something_and_drops_the_rest():
    assert parse_filter({}) == BoardFilter()
    wanted = parse_filter(
        {
            "eigenaar": "12",
            "perspectief": "klant",
            "tag": " Brief ",
            "geblokkeerd": "1",
            "te-laat": "1",
            "rijen": "eigenaar",
        }
    )
    assert wanted == BoardFilter(12, "klant", "brief", True, True, "eigenaar")
    assert wanted.args() == {
        "eigenaar": "12",
        "perspectief": "klant",
        "tag": "brief",
        "geblokkeerd": "1",
        "te-laat": "1",
        "rijen": "eigenaar",
    }
    assert wanted.rows_only() == {"rijen": "eigenaar"}
    nonsense = parse_filter(
        {
            "eigenaar": "-1",
            "perspectief": "alles",
            "geblokkeerd": "ja",
            "rijen": "kleur",
            "te-laat": "0",
        }
    )
    assert nonsense == BoardFilter() and not nonsense.active
    assert parse_filter({"eigenaar": "9" * 30}).owner_id is None


def test_matches_combines_every_filter():
    a = card(1, owners=[(5, "Jelle")], perspectives=["klant"], tags=["brief"], blocked=True)
    b = card(2, due=date(2026, 3, 1))
    c = card(3, due=TODAY)  # due today is not late
    assert BoardFilter(owner_id=5).matches(a, TODAY) and not BoardFilter(owner_id=5).matches(
        b, TODAY
    )
    assert BoardFilter(perspective="klant", tag="brief", blocked=True).matches(a, TODAY)
    assert not BoardFilter(perspective="klant", overdue=True).matches(a, TODAY)
    assert BoardFilter(overdue=True).matches(b, TODAY)
    assert not BoardFilter(overdue=True).matches(c, TODAY)


def test_lanes_put_each_card_once_in_its_first_perspective_or_owner():
    col1, col2 = SimpleNamespace(id=1), SimpleNamespace(id=2)
    view = BoardView(
        board=None,  # type: ignore[arg-type]
        columns=[
            ColumnView(col1, [card(1, perspectives=["klant", "proces"]), card(2)], 2),  # type: ignore[arg-type]
            ColumnView(
                col2, [card(3, owners=[(7, "Anna"), (8, "Bauke")], perspectives=["proces"])], 1
            ),  # type: ignore[arg-type]
        ],
        today=TODAY,
    )
    labels = {"klant": "Klant", "proces": "Proces"}
    by_p = _lanes(view, "perspectief", labels)
    assert [lane.label for lane in by_p] == ["Klant", "Proces", "Zonder perspectief"]
    assert [[c.id for c in cv.cards] for cv in by_p[0].columns] == [[1], []]
    assert [[c.id for c in cv.cards] for cv in by_p[1].columns] == [[], [3]]
    assert all(len(lane.columns) == 2 for lane in by_p)
    assert by_p[0].columns[0].count == 2  # the column's full count, in every lane
    by_owner = _lanes(view, "eigenaar", labels)
    assert [lane.label for lane in by_owner] == ["Anna", "Zonder eigenaar"]
    assert by_owner[0].card_count == 1 and by_owner[1].card_count == 2
