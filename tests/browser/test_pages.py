"""Every main page: no accessibility violations (axe, WCAG 2.0-2.2 A and AA), no console
errors, no Content Security Policy violations, no sideways scrolling on a phone, and a first
load within the weight budget. Screenshots go to a tmp folder."""

from __future__ import annotations

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import PageProblems

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"],
    },
    "resultTypes": ["violations"],
}
axe = Axe()


def run_axe(page) -> AxeResults:
    """axe-playwright-python's axe, bringing back only the violations (the full result object
    is large, and copying it out of the browser was most of the time spent per page)."""
    page.evaluate(axe.axe_script)
    violations = page.evaluate(
        "options => axe.run(document, options).then(results => results.violations)", AXE_OPTIONS
    )
    return AxeResults({"violations": violations})


def assert_clean(page, problems: PageProblems, where: str) -> None:
    """No console errors, nothing refused by the Content Security Policy, nothing axe finds."""
    assert problems.console == [], f"console errors on {where}: {problems.console}"
    assert problems.csp() == [], f"Content Security Policy violations on {where}"
    results = run_axe(page)
    assert results.violations_count == 0, f"axe on {where}:\n{results.generate_report()}"


SIGNED_OUT = [("inloggen", "/inloggen", 200), ("niet-gevonden", "/bestaat-niet", 404)]
ADMIN_PAGES = [
    ("start", "/", 200),
    ("teams", "/teams", 200),
    ("team", "/teams/1", 200),
    ("profiel", "/profiel", 200),
    ("beheer", "/beheer", 200),
    ("mensen", "/beheer/mensen", 200),
    ("persoon", "/beheer/mensen/1", 200),
    ("persoon-toevoegen", "/beheer/mensen/nieuw", 200),
    ("ketens", "/beheer/ketens", 200),
    ("teams-beheren", "/beheer/teams", 200),
    ("auditlog", "/beheer/audit", 200),
    ("ideeenbus", "/ideeen", 200),
    ("ideeenbus-gefilterd", "/ideeen?perspectief=klant&zoek=wachttijd", 200),
    ("idee", "/ideeen/1", 200),
    ("idee-samengevoegd", "/ideeen/26", 200),
    ("idee-indienen", "/ideeen/nieuw", 200),
    ("ideeen-importeren", "/ideeen/importeren", 200),
    ("mijn-ideeen", "/mijn-ideeen", 200),
    ("meldingen", "/meldingen", 200),
    ("niet-gevonden-ingelogd", "/bestaat-niet", 404),
]
BUDGET = 150_000  # bytes of CSS and JavaScript on a first visit, uncompressed


def check_page(page, problems: PageProblems, url: str, status: int, shot) -> None:
    problems.clear()
    response = page.goto(url)
    assert response is not None and response.status == status
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.screenshot(path=str(shot))

    errors = [
        e
        for e in problems.console
        # The browser logs the 404 of the page itself; that is the page under test.
        if not (status == 404 and "404" in e and url in e)
    ]
    assert errors == [], f"console errors on {url}"
    assert problems.csp() == [], f"Content Security Policy violations on {url}"

    results = run_axe(page)
    assert results.violations_count == 0, f"axe on {url}:\n{results.generate_report()}"


@pytest.mark.parametrize(("name", "url", "status"), SIGNED_OUT, ids=[p[0] for p in SIGNED_OUT])
def test_signed_out_page_is_accessible_and_clean(page, shots, name, url, status):
    check_page(page, PageProblems(page), url, status, shots / f"uit-{name}.png")


@pytest.mark.parametrize(("name", "url", "status"), ADMIN_PAGES, ids=[p[0] for p in ADMIN_PAGES])
def test_admin_page_is_accessible_and_clean(admin_tab, shots, name, url, status):
    page, problems = admin_tab
    check_page(page, problems, url, status, shots / f"beheerder-{name}.png")


def test_phone_width_has_no_sideways_scrolling(new_context, admin_state, shots):
    page = new_context(storage_state=admin_state, viewport={"width": 390, "height": 844}).new_page()
    for url in [
        "/",
        "/beheer/mensen",
        "/beheer/audit",
        "/teams/1",
        "/beheer/mensen/1",
        "/ideeen",
        "/ideeen/1",
    ]:
        page.goto(url)
        widths = page.evaluate(
            "({page: document.documentElement.scrollWidth,"
            " view: document.documentElement.clientWidth})"
        )
        page.screenshot(path=str(shots / f"telefoon{url.replace('/', '-')}.png"), full_page=True)
        assert widths["page"] <= widths["view"], f"{url} scrolls sideways at 390px: {widths}"
        # The navigation wraps instead of running off the screen, with targets big enough.
        nav = page.get_by_role("navigation", name="Hoofdmenu")
        for link in nav.get_by_role("link").all():
            box = link.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= widths["view"], url
            assert box["height"] >= 24 and box["width"] >= 24, url


def test_signed_out_phone_and_tv_layouts(new_context, shots):
    for label, viewport in [("telefoon", (390, 844)), ("tv", (1920, 1080))]:
        page = new_context(viewport={"width": viewport[0], "height": viewport[1]}).new_page()
        page.goto("/inloggen")
        page.screenshot(path=str(shots / f"{label}-inloggen.png"), full_page=True)
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
        if label == "tv":
            # A shared screen reads from a distance: the base text is larger there.
            size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
            assert size >= 20


def test_first_visit_stays_within_the_weight_budget(page):
    page.goto("/inloggen")
    page.wait_for_load_state("load")
    loaded = page.evaluate(
        """() => performance.getEntriesByType('resource')
            .filter(r => r.initiatorType === 'link' || r.initiatorType === 'script')
            .map(r => [r.name, r.decodedBodySize])"""
    )
    kinds = {name.rsplit("/", 1)[-1] for name, _ in loaded}
    assert any(k.endswith(".css") for k in kinds) and any(k.endswith(".js") for k in kinds)
    total = sum(size for _, size in loaded)
    assert total <= BUDGET, f"{total} bytes of CSS/JS: {sorted(loaded, key=lambda x: -x[1])}"
