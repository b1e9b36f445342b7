"""A team lead merges a duplicate in a real browser: the look-alike is offered beside the merge
field, votes and followers move, and the old page points to the surviving idea."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.browser.test_pages import run_axe

DUPLICATE = "Terugbelafspraak maken in plaats van wachten aan de telefoon"
SURVIVOR = "Terugbelafspraak in plaats van wachten in de telefoonrij"


def test_team_lead_merges_a_duplicate_offered_beside_the_merge_field(browser, browser_context_args):
    context = browser.new_context(**browser_context_args)
    try:
        page = context.new_page()
        sign_in(page, "teamleider@example.org")
        page.goto("/ideeen/nieuw")
        page.get_by_label("Titel").fill(DUPLICATE)
        page.get_by_label("Klant").check()
        page.get_by_role("button", name="Idee indienen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(DUPLICATE)
        duplicate_url = page.url
        vote = page.locator(".idea .vote").first
        vote.get_by_role("button", name="Stem").click()
        expect(vote.locator(".vote__count")).to_have_text("1 stem")

        # The merge field comes with the likely duplicates from the inbox.
        candidates = page.locator("#merge-candidates")
        expect(candidates).to_contain_text("Mogelijk dubbel met:")
        survivor_link = candidates.get_by_role("link", name=re.compile(SURVIVOR))
        expect(survivor_link).to_be_visible()
        assert run_axe(page).violations_count == 0, run_axe(page).generate_report()
        survivor_id = re.search(r"#(\d+)", survivor_link.inner_text()).group(1)

        page.get_by_label("Nummer van het idee waarin dit idee opgaat").fill(survivor_id)
        page.get_by_role("button", name="Samenvoegen").click()

        expect(page.get_by_role("heading", level=1)).to_have_text(SURVIVOR)
        expect(page.locator("#flash")).to_contain_text("Het idee is samengevoegd met dit idee.")
        expect(page.locator(".history")).to_contain_text("hierin samengevoegd")
        # The lead's vote moved along: the survivor now counts it as the lead's own vote.
        expect(
            page.locator(".idea .vote").first.get_by_role("button", name="Gestemd")
        ).to_be_visible()

        page.goto(duplicate_url)
        banner = page.get_by_role("status").filter(has_text="Dit idee is samengevoegd met")
        expect(banner.get_by_role("link", name=re.compile(SURVIVOR))).to_be_visible()
    finally:
        context.close()
