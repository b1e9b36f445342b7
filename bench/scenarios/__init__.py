"""Every scenario, in the order they run; an area adds its module's SCENARIOS here."""

from __future__ import annotations

from bench.core import Scenario
from bench.scenarios import accounts, boards, ideas, main, org, standups

SCENARIOS: list[Scenario] = [
    *main.SCENARIOS,
    *accounts.SCENARIOS,
    *org.SCENARIOS,
    *ideas.SCENARIOS,
    *boards.SCENARIOS,
    *standups.SCENARIOS,
]
