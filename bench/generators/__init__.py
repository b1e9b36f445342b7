"""Every generator step, in the order they run; an area adds its module's STEPS here."""

from __future__ import annotations

from bench.core import Step
from bench.generators import boards, ideas, org, standups

STEPS: list[Step] = [*org.STEPS, *ideas.STEPS, *boards.STEPS, *standups.STEPS]
