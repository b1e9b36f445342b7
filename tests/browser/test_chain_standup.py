"""The chain stand-up in a real browser: a manager opens it from the teams page, reads the
summary across the teams of Burgerzaken, picks another period without leaving the page, and
walks presenter mode with the keyboard on a 1920×1080 screen; axe finds nothing on either,
and nothing breaks the Content Security Policy."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PageProblems, sign_in
from tests.browser.test_pages import assert_clean

MANAGER = "manager@example.org"


@pytest.fixture
def manager_page(new_context):
    page = new_context(viewport={"width": 1920, "height": 1080}).new_page()
    sign_in(page, MANAGER)
    return page


def test_a_manager_prioritises_across_the_teams_of_a_chain(manager_page, shots):
    page = manager_page
    problems = PageProblems(page)
    page.goto("/teams")
    page.get_by_role("link", name=re.compile(r"^Keten-stand-up\W+Burgerzaken$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Keten-stand-up van Burgerzaken")

    # The summary: one row per team of the chain, each a link to the team's section.
    summary = page.locator("#chain-summary")
    rows = summary.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Klantcontactcentrum")
    expect(rows.nth(1)).to_contain_text("Publiekszaken")
    expect(summary.locator("tfoot")).to_contain_text("De hele keten")
    sections = page.locator("section.chain-team")
    expect(sections).to_have_count(2)
    for name in ("Klantcontactcentrum", "Publiekszaken"):
        section = page.locator("section.chain-team", has=page.get_by_role("heading", name=name))
        for part in ("Geblokkeerd", "Over de WIP-limiet", "Het bord, van rechts naar links",
                     "Wat we afspraken", "Nieuwe ideeën voor dit team"):  # fmt: skip
            expect(section.get_by_role("heading", name=part, exact=True)).to_be_visible()
    rows.nth(1).get_by_role("link", name="Publiekszaken").click()
    expect(page).to_have_url(re.compile(r"#chain-team-\d+$"))
    assert_clean(page, problems, "the chain stand-up")

    # Another period, without leaving the page; the address remembers it.
    period = page.get_by_label("Sinds (datum)")
    period.fill("morgen")
    page.get_by_role("button", name="Tonen").click()
    expect(page.locator("#sinds-error")).to_have_text("Vul een datum in als 20-3-2026.")
    problems.console[:] = [e for e in problems.console if "422" not in e]
    expect(period).to_have_value("morgen")
    period.fill(_days_ago(page, 30))
    page.get_by_role("button", name="Tonen").click()
    expect(page.locator("#sinds-error")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"sinds="))
    expect(page.locator(".chain-period").first).to_contain_text("Wat er gebeurde sinds")
    assert_clean(page, problems, "the chain stand-up after choosing a period")
    # (Full-page screenshots only after the swaps: they leave empty style attributes behind
    # that htmx copies into swapped content, which the CSP then refuses.)
    page.screenshot(path=str(shots / "keten-standup.png"), full_page=True)

    # Presenter mode on the screen: the summary first, then one team at a time.
    page.get_by_role("link", name="Presenteren op het scherm").click()
    expect(page).to_have_url(re.compile(r"/presenteren\?sinds="))
    position = page.locator("#presenter-position")
    expect(position).to_have_text("Onderdeel 1 van 3: Overzicht per team")
    presenter_sections = page.locator("[data-section]")
    expect(presenter_sections.nth(0)).to_be_visible()
    expect(presenter_sections.nth(1)).to_be_hidden()
    expect(page.locator("#presenter-timer")).to_have_text(re.compile(r"^1?\d:\d\d$"))
    assert_clean(page, problems, "the chain stand-up's presenter mode")
    page.screenshot(path=str(shots / "keten-standup-presenteren-tv.png"))
    page.keyboard.press("ArrowRight")
    expect(position).to_have_text("Onderdeel 2 van 3: Klantcontactcentrum")
    expect(presenter_sections.nth(1)).to_be_visible()
    expect(presenter_sections.nth(0)).to_be_hidden()
    page.screenshot(path=str(shots / "keten-standup-presenteren-team-tv.png"))
    page.keyboard.press("PageDown")
    expect(position).to_have_text("Onderdeel 3 van 3: Publiekszaken")
    page.keyboard.press("ArrowRight")
    expect(position).to_have_text("Onderdeel 3 van 3: Publiekszaken")
    page.keyboard.press("ArrowLeft")
    expect(position).to_have_text("Onderdeel 2 van 3: Klantcontactcentrum")
    assert_clean(page, problems, "a team in the chain stand-up's presenter mode")
    page.get_by_role("link", name="Presenteren stoppen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Keten-stand-up van Burgerzaken")


def test_the_chain_standup_reads_on_a_phone(new_context, shots):
    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    problems = PageProblems(page)
    sign_in(page, MANAGER)
    page.goto("/teams")
    page.get_by_role("link", name=re.compile(r"^Keten-stand-up\W+Burgerzaken$")).click()
    expect(page.locator("section.chain-team")).to_have_count(2)
    # The board walk scrolls sideways, also with the keyboard.
    walk = page.get_by_role("region", name="Het bord, van rechts naar links").first
    walk.focus()
    expect(walk).to_be_focused()
    assert_clean(page, problems, "the chain stand-up on a phone")
    page.screenshot(path=str(shots / "keten-standup-telefoon.png"), full_page=True)
    page.get_by_role("link", name="Presenteren op het scherm").click()
    expect(page.locator("#presenter-position")).to_have_text(
        "Onderdeel 1 van 3: Overzicht per team"
    )
    page.get_by_role("button", name="Volgende →").click()
    expect(page.locator("#presenter-position")).to_have_text(
        "Onderdeel 2 van 3: Klantcontactcentrum"
    )
    assert_clean(page, problems, "the chain stand-up's presenter mode on a phone")
    page.screenshot(path=str(shots / "keten-standup-presenteren-telefoon.png"))


def _days_ago(page, days: int) -> str:
    """A date `days` before today in the browser, as a person would type it (d-m-yyyy)."""
    return page.evaluate(
        "days => { const d = new Date(Date.now() - days * 864e5);"
        " return d.getDate() + '-' + (d.getMonth() + 1) + '-' + d.getFullYear(); }",
        days,
    )
