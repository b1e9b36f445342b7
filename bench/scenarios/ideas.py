"""The idea inbox (first page, filtered, searched), an idea's page and voting."""

from __future__ import annotations

from urllib.parse import urlencode

from bench.core import Refs, Scenario

EMPLOYEE = "medewerker@example.org"


def filtered(refs: Refs) -> str:
    """One perspective and one status: the filters a team uses most."""
    args = {
        "perspectief": refs.get("filter_perspective", "klant"),
        "status": refs.get("filter_status", "nieuw"),
    }
    return f"/ideeen?{urlencode(args)}"


def searched(refs: Refs) -> str:
    """A word that a few percent of the ideas hold."""
    return f"/ideeen?{urlencode({'zoek': refs.get('search_word', 'wachttijd')})}"


def busy_idea(refs: Refs) -> str:
    """The idea with 50 comments."""
    return f"/ideeen/{refs['idea_with_50_comments']}"


def popular_idea(refs: Refs) -> str:
    """The idea with the most votes."""
    return f"/ideeen/{refs['popular_idea_id']}"


SCENARIOS = [
    Scenario("inbox_first_page", "/ideeen", account=EMPLOYEE, budgets={"p95_ms": 30, "queries": 8}),
    Scenario("inbox_filtered", filtered, account=EMPLOYEE, budgets={"p95_ms": 30, "queries": 8}),
    Scenario("inbox_search", searched, account=EMPLOYEE, budgets={"p95_ms": 40, "queries": 8}),
    Scenario("idea_detail", busy_idea, account=EMPLOYEE, budgets={"p95_ms": 30, "queries": 8}),
    # Voting again is harmless (one vote per person), so the repeats leave the data as it was:
    # after the first request this measures the repeat vote (check, recount, commit), which is
    # what a double click or a second tab costs. The response to a form POST is a 303.
    Scenario(
        "vote",
        lambda refs: f"{popular_idea(refs)}/stem",
        method="POST",
        account=EMPLOYEE,
        csrf_page=popular_idea,
        status=303,
        budgets={"p95_ms": 20, "queries": 8},
    ),
    # The JSON API with a personal access token: the inbox's first page as JSON.
    Scenario(
        "api_ideas_list",
        "/api/v1/ideeen",
        account=EMPLOYEE,
        api=True,
        budgets={"p95_ms": 30, "queries": 8},
    ),
]
