"""Dragging in swimlanes (the board in rows per perspective or owner): a card moves between the
columns of its own row, lands in the whole column right where the row showed it, and cannot be
dropped in another row. The arrows work there without reloading the page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import PageProblems, sign_in
from tests.browser.test_boards import LEAD, open_board


def whole_columns(page) -> dict[str, list[str]]:
    """Card ids per column name, in the plain board's order."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('section.board-column')].map(
            s => [s.querySelector('.board-column__name').textContent.trim(),
                  [...s.querySelectorAll('.board-card')].map(c => c.id)]))"""
    )


def lanes(page) -> list[dict]:
    """Per row: its name and, per column name, the ids of its cards there."""
    return page.evaluate(
        """() => [...document.querySelectorAll('section.board-lane')].map(lane => ({
            name: lane.querySelector('.board-lane__name').firstChild.textContent.trim(),
            columns: Object.fromEntries([...lane.querySelectorAll('section.board-column')].map(
                s => [s.querySelector('.board-column__name').textContent.trim(),
                      [...s.querySelectorAll('.board-card')].map(c => c.id)]))}))"""
    )


def lane_column(page, lane: str, name: str):
    row = page.locator("section.board-lane", has=page.get_by_role("heading", name=lane))
    return row.locator("section.board-column", has=page.get_by_role("heading", name=name))


def drag(page, source, target, dy: float, again: bool = False) -> None:
    """Press on `source`, let go `dy` pixels below the top of `target` (with `again`, looked up
    once more at the end: other rows move while a card makes its own row taller)."""
    box = source.bounding_box()
    assert box
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 10)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 10, box["y"] + 20, steps=5)
    for steps in (25, 5) if again else (25,):
        end = target.bounding_box()
        assert end
        page.mouse.move(end["x"] + end["width"] / 2, end["y"] + dy, steps=steps)
    page.mouse.up()


def title_of(page, card_id: str) -> str:
    return page.locator(f"#{card_id} .board-card__title").inner_text().strip()


def test_a_drag_in_a_row_lands_right_above_the_rows_next_card_in_the_whole_column(
    new_context, shots
):
    page = new_context(viewport={"width": 1800, "height": 1500}).new_page()
    problems = PageProblems(page)
    sign_in(page, LEAD)
    open_board(page)
    board_url = page.url
    before = whole_columns(page)
    page.goto(board_url + "?rijen=perspectief")
    rows = lanes(page)
    limited = {
        name for name in before if "limiet" in lane_column(page, rows[0]["name"], name).inner_text()
    }
    # A row whose top card in a column has, right above it in the whole column, a card of
    # another row: dropping on top of the row is then not the top of the column.
    choice = None
    for row in rows:
        for target, ids in row["columns"].items():
            if target in limited or not ids:
                continue
            below = ids[0]
            whole = before[target]
            if whole.index(below) == 0:
                continue
            movers = [c for name, cs in row["columns"].items() if name != target for c in cs]
            if movers:
                choice = (row["name"], target, below, movers[0])
                break
        if choice:
            break
    assert choice, f"the demo board has no row to drag in: {rows}"
    lane, target, below, mover = choice
    title = title_of(page, mover)
    drag(page, page.locator(f"#{mover}"), page.locator(f"#{below}"), 6)
    status = page.locator("#board-status")
    expect(status).to_have_text(f"Kaart ‘{title}’ verplaatst naar {target}.", timeout=5000)
    page.screenshot(path=str(shots / "rijen-na-slepen.png"), full_page=True)
    # In its row, on top of that column; focus back on the card.
    assert lanes(page)[[r["name"] for r in rows].index(lane)]["columns"][target][:2] == [
        mover,
        below,
    ]
    expect(page.locator(f"#{mover} .board-card__title")).to_be_focused()
    # In the whole column: right above the row's next card, below the other row's card.
    page.goto(board_url)
    expected = [c for c in before[target] if c != mover]
    expected.insert(expected.index(below), mover)
    assert whole_columns(page)[target] == expected
    assert problems.console == [] and problems.csp() == []


def test_a_card_cannot_be_dropped_in_another_row(new_context):
    page = new_context(viewport={"width": 1800, "height": 1500}).new_page()
    problems = PageProblems(page)
    sign_in(page, LEAD)
    open_board(page)
    page.goto(page.url + "?rijen=perspectief")
    rows = lanes(page)
    first, second = rows[0], rows[1]
    mover = next(c for ids in first["columns"].values() for c in ids)
    home = next(name for name, ids in first["columns"].items() if mover in ids)
    target = next(name for name in second["columns"] if name != home)
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    drag(page, page.locator(f"#{mover}"), lane_column(page, second["name"], target), 10, again=True)
    page.wait_for_timeout(500)
    assert posts == []  # nothing was sent
    assert lanes(page)[0]["columns"][home] == first["columns"][home]  # back in its place
    expect(page.locator("#board-status")).to_have_text(
        "Een kaart sleep je alleen binnen haar eigen rij; ze staat weer waar ze stond."
    )
    page.reload()
    assert mover in lanes(page)[0]["columns"][home]
    assert problems.console == [] and problems.csp() == []


def test_the_arrows_in_a_row_work_without_reloading(new_context):
    page = new_context(viewport={"width": 1800, "height": 1500}).new_page()
    sign_in(page, LEAD)
    open_board(page)
    page.goto(page.url + "?rijen=eigenaar")
    page.evaluate("window.__sameDocument = true")
    card = page.locator("section.board-lane .board-card").first
    card_id = card.get_attribute("id")
    card.get_by_role("button", name="Omlaag").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#board-status")).to_have_text(
        re.compile(r"(staat nu op plaats \d+ in|kan niet verder)")
    )
    expect(page.locator(f"#{card_id} .board-card__title")).to_be_focused()
    assert page.evaluate("window.__sameDocument === true")
    assert "rijen=eigenaar" in page.url
