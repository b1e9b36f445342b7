"""Reading people: search, order and pages."""

from __future__ import annotations

from board.accounts import queries
from tests.factories import make_user


def test_list_users_orders_by_name_ignoring_case_and_searches_name_or_email():
    make_user(name="bram Hendriks", email="b.hendriks@example.org")
    make_user(name="Anke Bakker", email="anke@example.org")
    make_user(name="Zwaantje", email="zwaan@gemeente.example", active=False)
    people, has_next = queries.list_users()
    assert [p.name for p in people] == ["Anke Bakker", "bram Hendriks", "Zwaantje"]
    assert has_next is False
    assert [p.name for p in queries.list_users("HENDRIKS")[0]] == ["bram Hendriks"]
    assert [p.name for p in queries.list_users("gemeente.example")[0]] == ["Zwaantje"]
    assert [p.name for p in queries.list_users(include_inactive=False)[0]] == [
        "Anke Bakker",
        "bram Hendriks",
    ]


def test_search_text_is_taken_literally():
    make_user(name="Anke Bakker", email="anke@example.org")
    make_user(name="Jan_de_Vries", email="jan@example.org")
    assert queries.list_users("%")[0] == []
    assert [p.name for p in queries.list_users("_")[0]] == ["Jan_de_Vries"]


def test_people_come_in_pages():
    for i in range(queries.PAGE_SIZE + 3):
        make_user(name=f"Persoon {i:03d}", password=None)
    first, more = queries.list_users(page=1)
    second, more2 = queries.list_users(page=2)
    assert (len(first), more, len(second), more2) == (queries.PAGE_SIZE, True, 3, False)
    assert {p.id for p in first}.isdisjoint({p.id for p in second})


def test_lookup_by_email_ignores_case_and_spaces():
    person = make_user(email="anke@example.org")
    assert queries.get_user_by_email("  ANKE@example.org ") is person
    assert queries.get_user_by_email("bram@example.org") is None
