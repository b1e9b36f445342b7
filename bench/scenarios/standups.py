"""The stand-up of the team with the 200-card board and a year of weekly stand-ups: the
agenda page (read by a colleague from another team, as the board is public) and the archive."""

from __future__ import annotations

from bench.core import Refs, Scenario

EMPLOYEE = "medewerker@example.org"


def standup_agenda(refs: Refs) -> str:
    return f"/teams/{refs['standup_team_id']}/standup"


def standup_archive(refs: Refs) -> str:
    return f"/teams/{refs['standup_team_id']}/standups"


SCENARIOS = [
    Scenario(
        "standup_agenda", standup_agenda, account=EMPLOYEE, budgets={"p95_ms": 60, "queries": 20}
    ),
    Scenario(
        "standup_archive", standup_archive, account=EMPLOYEE, budgets={"p95_ms": 40, "queries": 12}
    ),
]
