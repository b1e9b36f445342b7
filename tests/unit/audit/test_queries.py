"""Audit log writing and reading without HTTP: filters, time zones, pages, order."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from board.audit.queries import (
    PAGE_SIZE,
    AuditFilter,
    iter_audit_events,
    list_audit_actions,
    list_audit_events,
)
from board.audit.services import record_event


@pytest.fixture
def log(clock):
    """A few events at known moments (UTC)."""

    def at(when, action, actor="", result="success"):
        clock.current = when
        return record_event(action, actor_label=actor, result=result)

    return [
        at(datetime(2026, 3, 1, 22, 30, tzinfo=UTC), "auth.login", "anke@example.org"),
        at(datetime(2026, 3, 1, 23, 30, tzinfo=UTC), "auth.login", "bram@example.org", "failure"),
        at(datetime(2026, 3, 2, 8, 0, tzinfo=UTC), "access.denied", "ANKE@example.org", "denied"),
        at(datetime(2026, 3, 2, 22, 59, tzinfo=UTC), "user.update", "beheer@example.org"),
        at(datetime(2026, 3, 2, 23, 0, tzinfo=UTC), "user.create", "beheer@example.org"),
    ]


def _ids(events):
    return [e.id for e in events]


def test_record_event_uses_the_clock_and_limits_lengths(clock):
    event = record_event(
        "test.long",
        actor_label="a" * 300,
        object_label="o" * 300,
        detail="d" * 600,
        object_id=12345,
    )
    assert event.occurred_at == clock.current
    assert (len(event.actor_label), len(event.object_label), len(event.detail)) == (254, 200, 500)
    assert event.object_id == "12345"
    assert event.ip == ""  # no request: no address


def test_record_event_takes_the_actor_from_the_person(employee):
    event = record_event("test.actor", actor=employee)
    assert (event.actor_id, event.actor_label) == (employee.id, "jelle@example.org")


def test_no_filter_lists_newest_first(log):
    events, has_next = list_audit_events(AuditFilter(), 1)
    assert _ids(events) == _ids(reversed(log))
    assert has_next is False


def test_export_lists_oldest_first(log):
    assert _ids(iter_audit_events(AuditFilter())) == _ids(log)


def test_filter_by_action_prefix(log):
    events, _ = list_audit_events(AuditFilter(action="user."), 1)
    assert [e.action for e in events] == ["user.create", "user.update"]
    events, _ = list_audit_events(AuditFilter(action="auth.login"), 1)
    assert _ids(events) == _ids([log[1], log[0]])


def test_filter_by_actor_ignores_case(log):
    events, _ = list_audit_events(AuditFilter(actor="Anke"), 1)
    assert _ids(events) == _ids([log[2], log[0]])


def test_filter_by_result(log):
    assert _ids(list_audit_events(AuditFilter(result="denied"), 1)[0]) == [log[2].id]
    assert _ids(list_audit_events(AuditFilter(result="failure"), 1)[0]) == [log[1].id]


def test_filter_text_is_taken_literally(log):
    """% and _ are what they are, not wildcards."""
    assert list_audit_events(AuditFilter(actor="%"), 1)[0] == []
    assert list_audit_events(AuditFilter(action="user_"), 1)[0] == []
    record_event("test.pct", actor_label="100%_zeker@example.org")
    [event] = list_audit_events(AuditFilter(actor="%_"), 1)[0]
    assert event.actor_label == "100%_zeker@example.org"


@pytest.mark.parametrize(
    ("date_from", "date_to", "expected"),
    [
        # Amsterdam is UTC+1 in early March: 1 March 23:30 UTC is 2 March 00:30 there.
        (date(2026, 3, 2), date(2026, 3, 2), [3, 2, 1]),
        (None, date(2026, 3, 1), [0]),
        (date(2026, 3, 3), None, [4]),
        (date(2026, 3, 2), None, [4, 3, 2, 1]),
        (date(2026, 3, 4), None, []),
    ],
)
def test_filter_by_local_date(log, date_from, date_to, expected):
    events, _ = list_audit_events(
        AuditFilter(date_from=date_from, date_to=date_to), 1, "Europe/Amsterdam"
    )
    assert _ids(events) == [log[i].id for i in expected]


def test_date_filter_in_utc_gives_utc_days(log):
    events, _ = list_audit_events(
        AuditFilter(date_from=date(2026, 3, 2), date_to=date(2026, 3, 2)), 1, "UTC"
    )
    assert _ids(events) == _ids([log[4], log[3], log[2]])


def test_filters_combine(log):
    f = AuditFilter(
        action="auth",
        actor="bram",
        result="failure",
        date_from=date(2026, 3, 2),
        date_to=date(2026, 3, 2),
    )
    assert _ids(list_audit_events(f, 1)[0]) == [log[1].id]
    assert _ids(list_audit_events(AuditFilter(action="auth", result="denied"), 1)[0]) == []


def test_pages(clock):
    made = []
    for _ in range(PAGE_SIZE * 2 + 1):
        clock.advance(seconds=1)
        made.append(record_event("test.page"))
    first, more = list_audit_events(AuditFilter(action="test.page"), 1)
    second, more2 = list_audit_events(AuditFilter(action="test.page"), 2)
    third, more3 = list_audit_events(AuditFilter(action="test.page"), 3)
    assert (len(first), more, len(second), more2, len(third), more3) == (
        PAGE_SIZE,
        True,
        PAGE_SIZE,
        True,
        1,
        False,
    )
    assert _ids(first + second + third) == _ids(reversed(made))


def test_exactly_one_page_has_no_next(clock):
    for _ in range(PAGE_SIZE):
        record_event("test.full")
    events, has_next = list_audit_events(AuditFilter(action="test.full"), 1)
    assert len(events) == PAGE_SIZE and has_next is False


def test_events_at_the_same_moment_keep_their_order(clock):
    a, b, c = (record_event("test.same") for _ in range(3))
    assert _ids(list_audit_events(AuditFilter(action="test.same"), 1)[0]) == [c.id, b.id, a.id]
    assert _ids(iter_audit_events(AuditFilter(action="test.same"))) == [a.id, b.id, c.id]


def test_actions_for_the_filter_choices_are_distinct_and_sorted(log):
    assert list_audit_actions() == ["access.denied", "auth.login", "user.create", "user.update"]
