"""The stand-up of the team with the 200-card board and a year of weekly stand-ups: the
agenda page (read by a colleague from another team, as the board is public) and the archive;
and the chain stand-up of that team's chain, which also holds the 1,000-card board."""

from __future__ import annotations

from bench.core import Refs, Scenario
from bench.generators.org import TEAMS_PER_CHAIN

EMPLOYEE = "medewerker@example.org"
MANAGER = "manager@example.org"


def standup_agenda(refs: Refs) -> str:
    return f"/teams/{refs['standup_team_id']}/standup"


def standup_archive(refs: Refs) -> str:
    return f"/teams/{refs['standup_team_id']}/standups"


def chain_standup(refs: Refs) -> str:
    """The chain of the stand-up team (teams are made chain by chain, TEAMS_PER_CHAIN each)."""
    index = list(refs["team_ids"]).index(refs["standup_team_id"])
    return f"/ketens/{refs['chain_ids'][index // TEAMS_PER_CHAIN]}/standup"


SCENARIOS = [
    Scenario(
        "standup_agenda", standup_agenda, account=EMPLOYEE, budgets={"p95_ms": 60, "queries": 20}
    ),
    Scenario(
        "standup_archive", standup_archive, account=EMPLOYEE, budgets={"p95_ms": 40, "queries": 12}
    ),
    # Three teams' agendas on one page (1,000 + 200 + 40 open cards), read by a manager, who
    # sees every board: the queries of one team's agenda, plus the chain, its teams and boards
    # (13 measured; SQLite on the shared 2-core machine, busy: p95 55 ms).
    Scenario(
        "chain_standup", chain_standup, account=MANAGER, budgets={"p95_ms": 100, "queries": 16}
    ),
]
