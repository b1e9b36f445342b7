"""Signing in and the administrator's list of people."""

from __future__ import annotations

from bench.core import Scenario

ADMIN = "beheerder@example.org"

SCENARIOS = [
    Scenario("login_page", "/inloggen", budgets={"p95_ms": 30, "queries": 2}),
    Scenario("people_admin", "/beheer/mensen", account=ADMIN, budgets={"p95_ms": 60, "queries": 3}),
]
