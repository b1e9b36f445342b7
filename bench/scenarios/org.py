"""Team pages, on the team with the most members."""

from __future__ import annotations

from bench.core import Refs, Scenario

EMPLOYEE = "medewerker@example.org"
TEAM_LEAD = "teamleider@example.org"


def big_team(refs: Refs) -> str:
    """The page of the largest team."""
    return f"/teams/{refs['big_team_id']}"


SCENARIOS = [
    Scenario("team_page", big_team, account=EMPLOYEE, budgets={"p95_ms": 60, "queries": 5}),
    # The lead may add members: the page then lists every active person to choose from.
    Scenario("team_page_lead", big_team, account=TEAM_LEAD, budgets={"p95_ms": 150, "queries": 6}),
]
