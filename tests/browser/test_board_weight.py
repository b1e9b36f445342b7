"""The board's first load in a real browser: at most 150 KB of CSS and JavaScript, with the drag
code (SortableJS and board-drag.js) fetched only when a pointer comes over the board. A keyboard
move never needs it, and the very first drag right after loading works even while SortableJS is
still on its way."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PageProblems, sign_in
from tests.browser.test_boards import LEAD, card_titles, column

BUDGET = 150_000  # bytes of CSS and JavaScript, uncompressed
DRAG_CODE = ("sortable-", "board-drag.js")


@pytest.fixture
def lead_state(new_context, tmp_path) -> tuple[str, str]:
    """A signed-in team lead's storage state and the address of their team's board."""
    page = new_context().new_page()
    sign_in(page, LEAD)
    page.goto("/borden")
    group = page.locator(
        "section.board-group", has=page.get_by_role("heading", name="Klantcontactcentrum")
    )
    href = group.get_by_role("link", name="Verbeterbord").get_attribute("href")
    path = str(tmp_path / "lead.json")
    page.context.storage_state(path=path)
    assert href
    return path, href


def fresh_page(new_context, state: str):
    """A new browser context: an empty cache, so every file is fetched and counted."""
    return new_context(storage_state=state, viewport={"width": 1700, "height": 1000}).new_page()


def loaded_css_and_js(page) -> dict[str, int]:
    entries = page.evaluate(
        """() => performance.getEntriesByType('resource')
            .filter(r => /\\.(css|js)$/.test(new URL(r.name).pathname))
            .map(r => [new URL(r.name).pathname, r.decodedBodySize])"""
    )
    return dict(entries)


def drag_code_loaded(page) -> list[str]:
    return [p for p in loaded_css_and_js(page) if any(name in p for name in DRAG_CODE)]


def test_a_first_load_stays_within_150_kb_and_a_keyboard_move_needs_no_drag_code(
    new_context, lead_state
):
    state, href = lead_state
    page = fresh_page(new_context, state)
    problems = PageProblems(page)
    page.goto(href)
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    loaded = loaded_css_and_js(page)
    assert "/static/js/boards.js" in loaded and "/static/js/board-live.js" in loaded
    assert all(size > 0 for size in loaded.values()), loaded  # fetched, not from a cache
    total = sum(loaded.values())
    assert total <= BUDGET, f"{total:,} bytes: {sorted(loaded.items(), key=lambda x: -x[1])}"
    assert drag_code_loaded(page) == []
    # Only the keyboard: the up button of a card (the mouse never comes over the board).
    card = column(page, "Plan").locator(".board-card").last
    card_id = card.get_attribute("id")
    card.get_by_role("button", name="Omhoog").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#board-status")).to_contain_text("Kaart ‘")
    expect(page.locator(f"#{card_id} .board-card__title")).to_be_focused()
    assert drag_code_loaded(page) == []
    assert problems.console == [] and problems.csp() == []


def test_a_pointer_over_the_board_fetches_the_drag_code(new_context, lead_state):
    state, href = lead_state
    page = fresh_page(new_context, state)
    problems = PageProblems(page)
    page.goto(href)
    page.wait_for_load_state("load")
    assert drag_code_loaded(page) == []
    box = column(page, "Do").bounding_box()
    assert box
    page.mouse.move(box["x"] + 20, box["y"] + 20)
    page.wait_for_function("() => !!window.Sortable && !!document.querySelector('[data-sortable]')")
    page.wait_for_function(
        """() => performance.getEntriesByType('resource')
            .filter(r => /sortable-|board-drag\\.js/.test(r.name)).length === 2"""
    )
    assert len(drag_code_loaded(page)) == 2
    assert problems.console == [] and problems.csp() == []


def test_the_first_drag_right_after_loading_waits_for_sortablejs(new_context, lead_state):
    """The button goes down on a card before SortableJS is there: the drag still happens."""
    state, href = lead_state
    page = fresh_page(new_context, state)
    problems = PageProblems(page)
    held = []
    page.route("**/vendor/sortable-*.js", lambda route: held.append(route))  # answered later
    page.goto(href)
    card = column(page, "Ideeën").locator(".board-card").first
    title = card.locator(".board-card__title").inner_text().strip()
    source = card.bounding_box()
    # Onto Plan's first card: the bottom of a long column can be below the window.
    target = column(page, "Plan").locator(".board-card").first.bounding_box()
    assert source and target
    page.mouse.move(source["x"] + source["width"] / 2, source["y"] + 10)
    page.mouse.down()
    page.mouse.move(source["x"] + source["width"] / 2 + 10, source["y"] + 20, steps=5)
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(20)
    assert held, "no request for SortableJS while the pointer was on the board"
    assert page.evaluate("typeof window.Sortable") == "undefined"
    held[0].continue_()
    expect(card).to_have_class(re.compile(r"\bsortable-chosen\b"))  # SortableJS has the press
    page.mouse.move(target["x"] + target["width"] / 2, target["y"] + target["height"] / 2, steps=25)
    page.mouse.up()
    expect(page.locator("#board-status")).to_have_text(
        f"Kaart ‘{title}’ verplaatst naar Plan.", timeout=5000
    )
    assert page.evaluate("window.getSelection().toString()") == ""  # no text selected
    page.reload()
    assert title in card_titles(page, "Plan") and title not in card_titles(page, "Ideeën")
    assert problems.console == [] and problems.csp() == []
