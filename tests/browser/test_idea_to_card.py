"""From idea to card in a real browser: a team lead puts an idea on the team's board, moves its
card out of the first column with only the keyboard, and the idea is then "In uitvoering" with
a notification for the submitter; axe on Mijn kaarten, a filtered board and the swimlanes."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import PageProblems, sign_in
from tests.browser.test_pages import run_axe

TITLE = "Wachtrij-scherm in de hal van het gemeentehuis"


def test_lead_promotes_an_idea_and_moving_its_card_starts_it(browser, browser_context_args):
    employee_context = browser.new_context(**browser_context_args)
    lead_context = browser.new_context(
        **{**browser_context_args, "viewport": {"width": 1700, "height": 1000}}
    )
    try:
        employee = employee_context.new_page()
        sign_in(employee, "medewerker@example.org")
        employee.goto("/ideeen/nieuw")
        employee.get_by_label("Titel").fill(TITLE)
        employee.get_by_label("Voor welk team (optioneel)").select_option(
            label="Klantcontactcentrum (Burgerzaken)"
        )
        employee.get_by_role("button", name="Idee indienen").click()
        expect(employee.get_by_role("heading", level=1)).to_have_text(TITLE)
        idea_url = employee.url

        lead = lead_context.new_page()
        sign_in(lead, "teamleider@example.org")
        lead.goto(idea_url)
        region = lead.locator("#op-bord")
        board_select = region.get_by_label("Bord")
        first_board = board_select.locator("option").nth(1).inner_text()
        assert "Klantcontactcentrum" in first_board  # the idea's team's boards come first
        board_select.select_option(index=1)
        region.get_by_role("button", name="Zet op bord").click()
        expect(lead.locator("#op-bord [role=status]")).to_contain_text("Het idee staat op")
        line = lead.locator("#idea-board-line")
        expect(line).to_contain_text("Op bord:")
        card_link = line.get_by_role("link", name=re.compile(r"kaart #\d+"))
        card_id = re.search(r"\d+", card_link.inner_text()).group(0)
        expect(region).to_contain_text("Dit idee staat al op een bord")

        line.get_by_role("link").first.click()
        card = lead.locator(f"#card-{card_id}")
        expect(card).to_contain_text(TITLE)
        move = card.locator(".board-card__move")
        move.focus()
        lead.keyboard.press("Enter")
        dialog = lead.get_by_role("dialog", name="Kaart verplaatsen")
        expect(dialog).to_be_visible()
        expect(dialog.get_by_label("Naar kolom")).to_be_focused()
        lead.keyboard.type("Check")
        expect(dialog.get_by_label("Naar kolom").locator("option:checked")).to_have_text("Check")
        expect(dialog.get_by_label("Plaats")).to_contain_text("Onderaan")
        lead.keyboard.press("Tab")
        lead.keyboard.press("Tab")
        expect(dialog.get_by_role("button", name="Verplaatsen")).to_be_focused()
        lead.keyboard.press("Enter")
        expect(lead.locator("#board-status")).to_contain_text("verplaatst naar Check", timeout=5000)

        lead.goto(idea_url)
        expect(lead.locator(".idea__meta")).to_contain_text("In uitvoering")
        expect(lead.locator(".history-list")).to_contain_text("In uitvoering")

        employee.goto("/meldingen")
        item = employee.locator(".notification").filter(has_text=TITLE).first
        expect(item).to_contain_text("In uitvoering")
    finally:
        employee_context.close()
        lead_context.close()


def test_my_cards_filtered_board_and_swimlanes_are_accessible(browser, browser_context_args, shots):
    context = browser.new_context(
        **{**browser_context_args, "viewport": {"width": 1700, "height": 1000}}
    )
    try:
        page = context.new_page()
        sign_in(page, "medewerker@example.org")
        page.goto("/borden")
        page.get_by_role("link", name="Mijn kaarten").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Mijn kaarten")
        results = run_axe(page)
        assert results.violations_count == 0, results.generate_report()

        page.goto("/borden")
        group = page.locator(
            "section.board-group", has=page.get_by_role("heading", name="Klantcontactcentrum")
        )
        group.get_by_role("link", name="Verbeterbord").click()
        page.wait_for_load_state("load")  # htmx (deferred) must be there to update in place
        page.get_by_label("Alleen geblokkeerd").check()
        expect(page).to_have_url(re.compile(r"geblokkeerd=1"))
        expect(page.locator("#board-status")).to_have_text(
            re.compile(r"^\d+ van \d+ kaarten getoond\.$")
        )
        expect(page.locator(".board-column__shown").first).to_contain_text("getoond")
        for card in page.locator(".board-card").all():
            expect(card).to_contain_text("Geblokkeerd")
        page.screenshot(path=str(shots / "borden-gefilterd.png"))
        results = run_axe(page)
        assert results.violations_count == 0, results.generate_report()

        page.get_by_role("link", name="per perspectief").click()
        expect(page).to_have_url(re.compile(r"rijen=perspectief"))
        expect(page.locator(".board-lane").first).to_be_visible()
        page.screenshot(path=str(shots / "borden-rijen.png"))
        results = run_axe(page)
        assert results.violations_count == 0, results.generate_report()

        page.goto("/borden/gearchiveerd")
        results = run_axe(page)
        assert results.violations_count == 0, results.generate_report()
    finally:
        context.close()


def test_drag_still_works_after_filtering_in_place(browser, browser_context_args):
    context = browser.new_context(
        **{**browser_context_args, "viewport": {"width": 1700, "height": 1000}}
    )
    try:
        page = context.new_page()
        problems = PageProblems(page)
        sign_in(page, "teamleider@example.org")
        page.goto("/borden")
        group = page.locator(
            "section.board-group", has=page.get_by_role("heading", name="Klantcontactcentrum")
        )
        group.get_by_role("link", name="Verbeterbord").click()
        page.wait_for_load_state("load")  # htmx (deferred) must be there to update in place
        page.get_by_label("Perspectief").select_option(label="Klant")
        expect(page).to_have_url(re.compile(r"perspectief=klant"))
        expect(page.locator("#board-status")).to_contain_text("kaarten getoond")

        def column(name):
            return page.locator(
                "section.board-column", has=page.get_by_role("heading", name=name, exact=True)
            )

        # Other tests move the demo's cards too: take a shown card from any column but Check.
        source_column = next(
            name
            for name in ("Ideeën", "Plan", "Act", "Do", "Klaar")
            if column(name).locator(".board-card").count()
        )
        card = column(source_column).locator(".board-card").first
        title = card.locator(".board-card__title").inner_text().strip()
        source = card.bounding_box()
        target = column("Check").locator(".board-column__cards").bounding_box()
        assert source and target
        page.mouse.move(source["x"] + source["width"] / 2, source["y"] + 10)
        page.mouse.down()
        page.mouse.move(source["x"] + source["width"] / 2 + 10, source["y"] + 20, steps=5)
        page.mouse.move(
            target["x"] + target["width"] / 2, target["y"] + target["height"] - 5, steps=25
        )
        page.mouse.up()
        expect(page.locator("#board-status")).to_have_text(
            f"Kaart ‘{title}’ verplaatst naar Check.", timeout=5000
        )
        page.reload()
        assert title in column("Check").locator(".board-card__title").all_inner_texts()
        assert problems.csp() == []
    finally:
        context.close()
