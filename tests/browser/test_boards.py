"""The board in a real browser: drag a card to another column with the mouse, move one with
only the keyboard ("Verplaats naar…"), and axe with zero violations on the board pages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PageProblems, sign_in
from tests.browser.test_pages import assert_clean

LEAD = "teamleider@example.org"


@pytest.fixture
def lead_page(new_context):
    page = new_context(viewport={"width": 1700, "height": 1000}).new_page()
    sign_in(page, LEAD)
    return page


def open_board(page) -> None:
    page.goto("/borden")
    group = page.locator(
        "section.board-group", has=page.get_by_role("heading", name="Klantcontactcentrum")
    )
    group.get_by_role("link", name="Verbeterbord").click()
    expect(page.get_by_role("heading", level=1, name="Verbeterbord")).to_be_visible()


def column(page, name: str):
    return page.locator(
        "section.board-column", has=page.get_by_role("heading", name=name, exact=True)
    )


def card_titles(page, name: str) -> list[str]:
    return [t.strip() for t in column(page, name).locator(".board-card__title").all_inner_texts()]


def test_drag_a_card_to_another_column(lead_page):
    page = lead_page
    problems = PageProblems(page)
    open_board(page)
    card = column(page, "Ideeën").locator(".board-card").first
    title = card.locator(".board-card__title").inner_text().strip()
    source = card.bounding_box()
    target_list = column(page, "Plan").locator(".board-column__cards")
    target = target_list.bounding_box()
    assert source and target
    page.mouse.move(source["x"] + source["width"] / 2, source["y"] + 10)
    page.mouse.down()
    end_x = target["x"] + target["width"] / 2
    end_y = target["y"] + target["height"] - 5
    page.mouse.move(source["x"] + source["width"] / 2 + 10, source["y"] + 20, steps=5)
    page.mouse.move(end_x, end_y, steps=25)
    page.mouse.up()
    expect(page.locator("#board-status")).to_have_text(
        f"Kaart ‘{title}’ verplaatst naar Plan.", timeout=5000
    )
    shown = card_titles(page, "Plan")
    assert title in shown
    assert title not in card_titles(page, "Ideeën")
    page.reload()
    assert card_titles(page, "Plan") == shown  # the server kept it where it was dropped
    assert problems.console == [] and problems.csp() == []


def test_move_a_card_with_only_the_keyboard(lead_page):
    page = lead_page
    open_board(page)
    card = column(page, "Ideeën").locator(".board-card").first
    card_id = card.get_attribute("id")
    title = card.locator(".board-card__title").inner_text().strip()
    move_link = card.locator(".board-card__move")
    for _ in range(300):
        page.keyboard.press("Tab")
        if move_link.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the card's Verplaats control cannot be reached with Tab")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Kaart verplaatsen")
    expect(dialog).to_be_visible()
    column_select = dialog.get_by_label("Naar kolom")
    expect(column_select).to_be_focused()
    page.keyboard.type("Check")
    expect(column_select.locator("option:checked")).to_have_text("Check")
    expect(dialog.get_by_label("Plaats")).to_contain_text("Onderaan")
    page.keyboard.press("Tab")
    expect(dialog.get_by_label("Plaats")).to_be_focused()
    page.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="Verplaatsen")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#board-status")).to_have_text(
        f"Kaart ‘{title}’ verplaatst naar Check.", timeout=5000
    )
    expect(dialog).to_be_hidden()
    expect(page.locator(f"#{card_id} .board-card__title")).to_be_focused()
    assert card_titles(page, "Check")[-1] == title
    # The up button, also by keyboard: one place up, focus stays on the card.
    up = page.locator(f"#{card_id}").get_by_role("button", name="Omhoog")
    up.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#board-status")).to_contain_text("staat nu op plaats")
    expect(page.locator(f"#{card_id} .board-card__title")).to_be_focused()


def test_wip_overload_asks_in_a_dialog_when_dragging(lead_page, shots):
    page = lead_page
    open_board(page)
    do = column(page, "Do")
    limit_text = do.locator(".board-column__count").inner_text()
    count, limit = (int(x) for x in re.findall(r"\d+", limit_text)[:2])
    if count < limit:
        pytest.skip("the demo's Do column is not full")
    card = column(page, "Act").locator(".board-card").first
    title = card.locator(".board-card__title").inner_text().strip()
    # Onto the first card of Do: the bottom of that long column is below the window.
    source, target = card.bounding_box(), do.locator(".board-card").first.bounding_box()
    page.mouse.move(source["x"] + source["width"] / 2, source["y"] + 10)
    page.mouse.down()
    page.mouse.move(source["x"] + source["width"] / 2 - 10, source["y"] + 20, steps=5)
    page.mouse.move(
        target["x"] + target["width"] / 2, target["y"] + target["height"] - 10, steps=25
    )
    page.mouse.up()
    page.screenshot(path=str(shots / "borden-wip-drop.png"))
    dialog = page.get_by_role("dialog", name="Over de WIP-limiet")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("gaat hiermee over de WIP-limiet")
    assert title in card_titles(page, "Act")  # not moved until confirmed
    dialog.get_by_role("button", name="Toch verplaatsen").click()
    expect(page.locator("#board-status")).to_have_text(
        f"Kaart ‘{title}’ verplaatst naar Do.", timeout=5000
    )
    expect(do).to_contain_text("Over de WIP-limiet")


@pytest.mark.parametrize("which", ["list", "board", "card", "columns", "move"])
def test_board_pages_have_no_accessibility_violations(lead_page, which, shots):
    page = lead_page
    problems = PageProblems(page)
    open_board(page)
    board_url = page.url
    card_link = page.locator(".board-card__title").first.get_attribute("href")
    urls = {
        "list": "/borden",
        "board": board_url,
        "card": card_link,
        "columns": board_url + "/kolommen",
        "move": card_link + "/verplaatsen",
    }
    problems.clear()
    page.goto(urls[which])
    page.wait_for_load_state("load")
    page.screenshot(path=str(shots / f"borden-{which}.png"), full_page=True)
    assert_clean(page, problems, which)
