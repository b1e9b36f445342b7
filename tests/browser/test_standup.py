"""The stand-up in a real browser: a team lead opens it with no preparation, ticks off an
action item, adds one and turns it into a card, starts, walks presenter mode with the keyboard
while the timer runs, and finishes; axe finds nothing on the page, presenter mode and the
archive, and nothing breaks the Content Security Policy."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PageProblems, sign_in
from tests.browser.test_pages import assert_clean

LEAD = "teamleider@example.org"


@pytest.fixture
def lead_page(new_context):
    page = new_context(viewport={"width": 1920, "height": 1080}).new_page()
    sign_in(page, LEAD)
    return page


def test_a_team_lead_runs_the_standup(lead_page, new_context, shots):
    page = lead_page
    problems = PageProblems(page)
    page.goto("/teams")
    page.get_by_role("link", name="Klantcontactcentrum", exact=True).click()
    page.get_by_role("link", name="Stand-up van dit team").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stand-up van Klantcontactcentrum")

    # Start: the stand-up is under way; what is agreed now belongs to it.
    page.get_by_role("button", name="Start stand-up").click()
    expect(page.locator("#standup-bar")).to_contain_text("Bezig")

    # What we agreed last time: tick one off, in place.
    actions = page.locator("#standup-actions")
    first = actions.locator("li.action-item").first
    text = first.locator(".action-item__text").inner_text().strip()
    first.get_by_role("checkbox").check()
    expect(page.locator("#standup-status")).to_have_text(f"Afgevinkt: {text}")
    expect(actions.locator("li.action-item").first).to_have_class(re.compile("action-item--done"))

    # A new one, with an owner from the team, and then onto the board in one click.
    page.get_by_label("Wat moet er gebeuren").fill("Presentatie voor het klantpanel maken")
    page.get_by_label("Wie pakt het op").select_option(label="Jelle Postma")
    page.get_by_role("button", name="Actiepunt toevoegen").click()
    expect(page.locator("#standup-status")).to_have_text("Het actiepunt is toegevoegd.")
    new = page.locator("li.action-item", has_text="Presentatie voor het klantpanel maken")
    expect(new).to_contain_text("Jelle Postma")
    new.get_by_role("button", name=re.compile("Maak er een kaart van")).click()
    expect(new.get_by_role("link", name=re.compile("Kaart op het bord"))).to_be_visible()
    expect(page.locator("#standup-status")).to_contain_text("staat nu als kaart op het bord")
    # And a second agreement, with a due date.
    page.get_by_label("Wat moet er gebeuren").fill("Wachttijd telefoon per dag in beeld brengen")
    page.get_by_label("Wie pakt het op").select_option(label="Jelle Postma")
    page.get_by_role("button", name="Actiepunt toevoegen").click()
    expect(page.locator("#standup-status")).to_have_text("Het actiepunt is toegevoegd.")

    # Two new ideas triaged on the spot: one onto the board, one declined with a reason.
    ideas = page.locator("#standup-ideas li.agenda-idea")
    count = ideas.count()
    assert count >= 2, "the demo team has new ideas to triage"
    first_idea = ideas.first.locator(".agenda-idea__title a").inner_text().strip()
    ideas.first.get_by_role("button", name=re.compile("^Op het bord")).click()
    expect(page.locator("#standup-status")).to_have_text(f"‘{first_idea}’ staat nu op het bord.")
    expect(page.locator("#standup-board")).to_contain_text(first_idea)
    second = page.locator("#standup-ideas li.agenda-idea").first
    second_idea = second.locator(".agenda-idea__title a").inner_text().strip()
    second.get_by_role("button", name=re.compile("^Afwijzen")).click()
    expect(page.locator("#standup-ideas")).to_contain_text("Geef een reden op")
    # The browser logs the 422 of that answer; it is the answer under test.
    problems.console[:] = [e for e in problems.console if "422" not in e]
    page.locator("#standup-ideas li.agenda-idea").first.get_by_label(
        re.compile("^Reden van afwijzen")
    ).fill("Dit past niet in het budget van dit jaar.")
    page.locator("#standup-ideas li.agenda-idea").first.get_by_role(
        "button", name=re.compile("^Afwijzen")
    ).click()
    expect(page.locator("#standup-status")).to_have_text(f"‘{second_idea}’ is afgewezen.")

    assert_clean(page, problems, "the stand-up page")
    # (Full-page screenshots only after the swaps: they leave empty style attributes behind
    # that htmx copies into swapped content, which the CSP then refuses.)
    page.screenshot(path=str(shots / "standup.png"), full_page=True)

    # Presenter mode on the team screen: one section at a time, keyboard and buttons.
    page.get_by_role("link", name="Presenteren op het teamscherm").click()
    position = page.locator("#presenter-position")
    expect(position).to_have_text(re.compile(r"^Onderdeel 1 van \d+: Wat we afspraken$"))
    total = int(re.search(r"van (\d+)", position.inner_text()).group(1))
    sections = page.locator("[data-section]")
    expect(sections.nth(0)).to_be_visible()
    expect(sections.nth(1)).to_be_hidden()
    page.screenshot(path=str(shots / "standup-presenteren-tv.png"))
    timer = page.locator("#presenter-timer")
    before = timer.inner_text()
    assert re.fullmatch(r"1?\d:\d\d", before), before

    page.keyboard.press("ArrowRight")
    expect(position).to_have_text(f"Onderdeel 2 van {total}: Geblokkeerd")
    expect(sections.nth(1)).to_be_visible()
    expect(sections.nth(0)).to_be_hidden()
    page.keyboard.press("PageDown")
    expect(position).to_have_text(re.compile(rf"^Onderdeel 3 van {total}: "))
    page.keyboard.press("ArrowLeft")
    expect(position).to_have_text(f"Onderdeel 2 van {total}: Geblokkeerd")
    page.keyboard.press("PageUp")
    expect(position).to_have_text(re.compile(rf"^Onderdeel 1 van {total}: "))
    page.get_by_role("button", name="Volgende →").click()
    expect(position).to_have_text(f"Onderdeel 2 van {total}: Geblokkeerd")
    for _ in range(total + 2):  # past the end stays on the last section
        page.keyboard.press("ArrowRight")
    expect(position).to_have_text(re.compile(rf"^Onderdeel {total} van {total}: "))
    expect(page.get_by_role("button", name="Volgende →")).to_be_disabled()
    # A colleague follows on their own device and sees the same section, live.
    follower = new_context(viewport={"width": 390, "height": 844}).new_page()
    sign_in(follower, "medewerker@example.org")
    follower.goto(page.url.split("#")[0] + "?volgen=1")
    follower_position = follower.locator("#presenter-position")
    expect(follower_position).to_have_text(re.compile(rf"^Onderdeel {total} van {total}: "))
    page.keyboard.press("ArrowLeft")
    expect(follower_position).to_have_text(
        re.compile(rf"^Onderdeel {total - 1} van {total}: "), timeout=6000
    )
    follower.screenshot(path=str(shots / "standup-meekijken-telefoon.png"))
    page.keyboard.press("ArrowRight")

    # The timer runs: a second later it shows less time.
    expect(timer).not_to_have_text(before, timeout=3000)
    expect(page.locator("#presenter-box")).to_contain_text("voor dit onderdeel")
    page.screenshot(path=str(shots / "standup-presenteren-einde-tv.png"))
    assert_clean(page, problems, "presenter mode")

    # Finish, and the archive has it.
    page.get_by_role("link", name="Presenteren stoppen").click()
    page.get_by_label("Slotaantekening (mag leeg)").fill("Iedereen was er.")
    page.get_by_role("button", name="Afronden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Eerdere stand-ups van Klantcontactcentrum"
    )
    expect(page.locator(".history-item").first).to_contain_text("Iedereen was er.")
    expect(page.locator(".history-item").first).to_contain_text(
        "Presentatie voor het klantpanel maken"
    )
    page.screenshot(path=str(shots / "standup-archief.png"), full_page=True)
    assert_clean(page, problems, "the archive")

    # Next week's agenda opens with the two agreements of today, still open.
    page.goto(re.sub(r"/standups(\?.*)?$", "/standup", page.url))
    expect(page.get_by_role("button", name="Start stand-up")).to_be_visible()
    agreed = page.locator("#standup-actions")
    for agreement in ("Presentatie voor het klantpanel maken", "Wachttijd telefoon per dag"):
        expect(agreed.locator("li.action-item", has_text=agreement)).to_be_visible()
        expect(agreed.locator("li.action-item", has_text=agreement)).to_contain_text("Jelle Postma")


def test_presenter_mode_on_a_phone_does_not_scroll_sideways(new_context, shots):
    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    sign_in(page, LEAD)
    page.goto("/teams")
    page.get_by_role("link", name="Klantcontactcentrum", exact=True).click()
    page.get_by_role("link", name="Stand-up van dit team").click()
    for which in ("standup", "presenteren"):
        if which == "presenteren":
            page.get_by_role("link", name="Presenteren op het teamscherm").click()
        page.screenshot(path=str(shots / f"telefoon-{which}.png"), full_page=True)
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        ), which
