"""Team pages, on the team with the most members."""

from __future__ import annotations

from bench.core import Refs, Scenario

EMPLOYEE = "medewerker@example.org"
TEAM_LEAD = "teamleider@example.org"


def big_team(refs: Refs) -> str:
    """The page of the largest team."""
    return f"/teams/{refs['big_team_id']}"


# The team page also lists the team's boards with their card counts (boards, then one grouped
# count, and the viewer's own teams for private boards) and when the next stand-up is: four
# queries more than the members alone, the same for any number of boards or cards.
SCENARIOS = [
    Scenario("team_page", big_team, account=EMPLOYEE, budgets={"p95_ms": 60, "queries": 9}),
    # The lead may add members and manage intake links: one query more.
    Scenario("team_page_lead", big_team, account=TEAM_LEAD, budgets={"p95_ms": 150, "queries": 10}),
]
