"""Health check, home page and the language switch."""

from __future__ import annotations

from bench.core import Scenario

EMPLOYEE = "medewerker@example.org"

SCENARIOS = [
    Scenario("healthz", "/healthz", budgets={"p95_ms": 10, "queries": 1}),
    Scenario("home", "/", account=EMPLOYEE, budgets={"p95_ms": 40, "queries": 3}),
    # A write that changes nothing (same language), so repeating it leaves the data as it was.
    Scenario(
        "set_language",
        "/taal",
        method="POST",
        account=EMPLOYEE,
        csrf_page="/",
        form={"lang": "nl", "terug": "/"},
        status=303,
        budgets={"p95_ms": 40, "queries": 2},
    ),
]
