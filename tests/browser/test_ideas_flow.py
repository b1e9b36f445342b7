"""The idea inbox as its people use it, in real browsers: an employee hands in an idea and sees
similar ones while typing, votes in place, and hears about it when the team lead picks it up."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import sign_in

TITLE = "Wachtrij-melding op de website tonen"


def test_employee_submits_votes_and_is_notified_when_the_team_lead_triages(
    browser, browser_context_args
):
    employee_context = browser.new_context(**browser_context_args)
    lead_context = browser.new_context(**browser_context_args)
    try:
        employee = employee_context.new_page()
        sign_in(employee, "medewerker@example.org")
        employee.get_by_role("navigation", name="Hoofdmenu").get_by_role(
            "link", name="Ideeën"
        ).click()
        employee.get_by_role("link", name="Idee indienen").first.click()
        expect(employee.get_by_role("heading", level=1)).to_have_text("Idee indienen")

        # While the title is typed, a similar idea from the demo data is offered.
        title = employee.get_by_label("Titel")
        title.press_sequentially("Terugbel", delay=40)
        similar = employee.locator("#similar-ideas")
        expect(similar).to_contain_text("Terugbelafspraak in plaats van wachten")
        expect(similar.get_by_role("button", name="Stem op dit idee").first).to_be_visible()

        # A different idea after all: hand it in.
        title.fill(TITLE)
        employee.get_by_label("Toelichting").fill("Laat op de site zien hoe druk het is.")
        employee.get_by_label("Klant").check()
        employee.get_by_label("Voor welk team (optioneel)").select_option(
            label="Klantcontactcentrum (Burgerzaken)"
        )
        employee.get_by_role("button", name="Idee indienen").click()
        expect(employee.get_by_role("heading", level=1)).to_have_text(TITLE)
        expect(employee.locator("#flash")).to_contain_text("Je idee staat in de ideeënbus")
        expect(employee.locator(".idea__meta")).to_contain_text("Ingediend door Jelle Postma")
        idea_url = employee.url

        # Voting in the inbox updates the button in place, without loading the page again.
        employee.goto("/ideeen?sorteer=nieuwste&zoek=website")
        row = employee.locator(".idea-row").filter(has_text=TITLE)
        employee.evaluate("() => { window.samePage = 'yes'; }")  # a reload would wipe it
        row.get_by_role("button", name="Stem").click()
        expect(row.get_by_role("button", name="Gestemd")).to_have_attribute("aria-pressed", "true")
        expect(row.locator(".vote__count")).to_have_text("1 stem")
        assert employee.evaluate("() => window.samePage") == "yes"

        # The team lead of Klantcontactcentrum picks it up.
        lead = lead_context.new_page()
        sign_in(lead, "teamleider@example.org")
        lead.goto(idea_url)
        triage = lead.locator("#triage")
        triage.get_by_label("Status").select_option(label="In behandeling")
        triage.get_by_role("button", name="Status opslaan").click()
        expect(lead.locator("#flash")).to_contain_text("De status is bijgewerkt.")
        expect(lead.locator(".idea__meta")).to_contain_text("In behandeling")

        # The employee sees it under Meldingen, with the count in the menu.
        employee.goto("/")
        menu = employee.get_by_role("navigation", name="Hoofdmenu")
        expect(menu.get_by_role("link", name=re.compile(r"Meldingen \d+"))).to_be_visible()
        menu.get_by_role("link", name=re.compile("Meldingen")).click()
        item = employee.locator(".notification").filter(has_text=TITLE).first
        expect(item).to_contain_text("de status is nu In behandeling")
    finally:
        employee_context.close()
        lead_context.close()
