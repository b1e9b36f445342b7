"""Public intake in real browsers: a team lead makes an intake link and prints its page, a
customer panel member without an account hands in an idea through it, and the idea reaches the
inbox only after the team lead approves it. Every page: axe clean, no console or CSP errors."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import PageProblems, sign_in
from tests.browser.test_pages import assert_clean as page_is_clean

TITLE = "Pinautomaat bij de gemeentewinkel in Bolsward"


def assert_clean(page, problems: PageProblems, shots, name: str) -> None:
    page.wait_for_load_state("load")
    page.screenshot(path=str(shots / f"intake-{name}.png"), full_page=True)
    page_is_clean(page, problems, name)
    problems.clear()


def test_a_panel_member_without_an_account_is_heard_after_moderation(
    browser, browser_context_args, shots
):
    lead_context = browser.new_context(**browser_context_args)
    visitor_context = browser.new_context(**browser_context_args)  # no account, no cookies
    try:
        lead = lead_context.new_page()
        lead_problems = PageProblems(lead)
        sign_in(lead, "teamleider@example.org")

        # From the team page to the team's intake links.
        lead.goto("/teams")
        lead.get_by_role("link", name="Klantcontactcentrum").first.click()
        lead.get_by_role("link", name="Inbrenglinks van dit team").click()
        expect(lead.get_by_role("heading", level=1)).to_have_text(
            "Inbrenglinks van Klantcontactcentrum"
        )
        expect(lead.locator(".intake-links")).to_contain_text("Klantpanel Sneek")  # demo data
        lead_problems.clear()
        lead.reload()
        assert_clean(lead, lead_problems, shots, "links")

        lead.get_by_label("Naam van de link").fill("Klantpanel Bolsward")
        lead.get_by_label("Bron van de ideeën").select_option(label="Klantpanel")
        expect(lead.get_by_label("Voor welk team of welke keten")).to_have_value(
            re.compile(r"^team-\d+$")
        )
        lead.get_by_role("button", name="Link maken").click()

        # The printable page: name, team, instructions, the address and its QR code.
        expect(lead.get_by_role("heading", level=1)).to_have_text("Klantpanel Bolsward")
        expect(lead.locator(".intake-sheet")).to_contain_text("Klantcontactcentrum")
        expect(lead.locator(".intake-sheet")).to_contain_text("Scan de QR-code")
        qr = lead.locator("svg.intake-qr")
        expect(qr).to_be_visible()
        assert qr.get_attribute("role") == "img"
        assert qr.locator("path").count() == 1
        address = lead.locator(".intake-sheet__url").inner_text().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/inbreng/[\w-]{32}", address)
        assert_clean(lead, lead_problems, shots, "print")
        lead.emulate_media(media="print")
        expect(lead.get_by_role("navigation", name="Hoofdmenu")).to_be_hidden()
        expect(lead.get_by_role("button", name="Uitloggen")).to_be_hidden()
        expect(lead.locator(".breadcrumb")).to_be_hidden()
        lead.screenshot(path=str(shots / "intake-print-media.png"), full_page=True)
        expect(qr).to_be_visible()
        lead.emulate_media(media="screen")

        # A panel member opens the address in a browser of their own, without signing in.
        visitor = visitor_context.new_page()
        visitor_problems = PageProblems(visitor)
        visitor.goto(address)
        expect(visitor.get_by_role("heading", level=1)).to_have_text("Uw idee voor de gemeente")
        expect(visitor.get_by_role("navigation", name="Hoofdmenu")).to_have_count(0)
        expect(visitor.get_by_label("Laat dit veld leeg")).not_to_be_in_viewport()
        assert_clean(visitor, visitor_problems, shots, "form")
        visitor.get_by_label("Uw idee in één zin").fill(TITLE)
        visitor.get_by_label("Toelichting (optioneel)").fill(
            "Niet iedereen heeft een pas bij zich."
        )
        visitor.get_by_label("Klant").check()
        visitor.get_by_label("Uw e-mailadres (optioneel)").fill("panellid.bolsward@example.org")
        visitor.wait_for_timeout(3200)  # a person takes a few seconds; the form knows
        visitor.get_by_role("button", name="Idee versturen").click()
        expect(visitor.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw idee")
        expect(visitor.get_by_role("status")).to_contain_text(TITLE)
        assert_clean(visitor, visitor_problems, shots, "thanks")

        # Not in the inbox yet.
        lead.goto("/ideeen?zoek=Bolsward")
        expect(lead.locator(".idea-row").filter(has_text=TITLE)).to_have_count(0)

        # The lead's menu counts what waits; the queue shows it, without the address.
        menu = lead.get_by_role("navigation", name="Hoofdmenu")
        moderation = menu.get_by_role("link", name=re.compile(r"^Moderatie \d+"))
        expect(moderation).to_be_visible()
        waiting = int(re.search(r"\d+", moderation.inner_text()).group(0))
        moderation.click()
        expect(lead.get_by_role("heading", level=1)).to_have_text("Moderatie")
        row = lead.locator(".pending").filter(has_text=TITLE)
        expect(row).to_contain_text("via Klantpanel Bolsward")
        expect(row).to_contain_text("e-mailadres achtergelaten")
        expect(lead.locator("main")).not_to_contain_text("panellid.bolsward@example.org")
        assert_clean(lead, lead_problems, shots, "queue")

        # Its own page exists for the moderator only, with a clear banner.
        action = row.locator("form").first.get_attribute("action")
        idea_id = re.search(r"/ideeen/moderatie/(\d+)/", action).group(1)
        lead.goto(f"/ideeen/{idea_id}")
        expect(lead.get_by_role("status").first).to_contain_text("Dit idee wacht op moderatie")
        expect(lead.locator("main")).not_to_contain_text("panellid.bolsward@example.org")
        assert_clean(lead, lead_problems, shots, "pending-idea")
        lead.go_back()
        row = lead.locator(".pending").filter(has_text=TITLE)
        lead_problems.clear()

        # Approving removes the row in place and says so.
        lead.evaluate("() => { window.samePage = 'yes'; }")
        row.get_by_role("button", name=re.compile("^Goedkeuren")).click()
        expect(row).to_have_count(0)
        expect(lead.locator("#moderation-status")).to_contain_text("staat nu in de ideeënbus")
        expect(lead.locator("#moderation-badge")).to_have_text(f"{waiting - 1} wachten")
        # The keyboard goes on at the next idea instead of the top of the page.
        # (focus moves when htmx has settled the swap, a moment after the badge changed)
        lead.wait_for_function(
            "() => document.activeElement.textContent.trim().startsWith('Goedkeuren')",
            timeout=3000,
        )
        assert lead.evaluate("() => window.samePage") == "yes"
        assert_clean(lead, lead_problems, shots, "queue-after")

        # Now it is in the inbox, as a new idea from the customer panel.
        lead.goto("/ideeen?zoek=Bolsward")
        idea_row = lead.locator(".idea-row").filter(has_text=TITLE)
        expect(idea_row).to_have_count(1)
        expect(idea_row).to_contain_text("Nieuw")
    finally:
        lead_context.close()
        visitor_context.close()
