"""Page weight of the board (issue budget): all CSS and JavaScript of a first load together at
most 150 KB uncompressed, and at most 1.5 KB of HTML per card on a board of 200 cards. Measured
for a team member, who gets the move controls and the drag code, in both layouts."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from board.boards import queries, services
from board.boards.services import CardInput
from board.clock import now
from board.extensions import db
from tests.factories import add_member, make_user

STATIC = Path(__file__).resolve().parents[3] / "static"
CSS_AND_JS_BUDGET = 150_000  # bytes, uncompressed
HTML_PER_CARD_BUDGET = 1_500  # bytes
ASSET = re.compile(r"<(?:link[^>]*\brel=\"stylesheet\"[^>]*\bhref|script[^>]*\bsrc)=\"([^\"]+)\"")


def first_load(html: str) -> dict[str, int]:
    """Every stylesheet and script the page's HTML loads, with its size in bytes."""
    sizes = {}
    for url in ASSET.findall(html):
        path = urlsplit(url).path
        assert path.startswith("/static/"), f"{url} is not one of the app's own files"
        sizes[path] = (STATIC / path.removeprefix("/static/")).stat().st_size
    return sizes


@pytest.fixture
def full_board(team, lead):
    """A board of 200 open cards as a team fills one: owners, perspectives, tags, due dates."""
    board = services.create_board(team, "Verbeterbord KCC", "verbeterbord", lead)
    people = [lead] + [make_user(name=f"Medewerker met een naam {i}") for i in range(5)]
    for person in people[1:]:
        add_member(person, team)
    columns = [c for c in queries.list_columns(board.id) if c.wip_limit is None]
    today = now().date()
    for i in range(200):
        services.create_card(
            board,
            CardInput(
                title=f"Wachttijd aan de balie verkorten, stap {i} van het verbeterplan",
                owner_ids=[people[i % 6].id, people[(i + 1) % 6].id],
                perspectives=[["klant"], ["proces", "medewerker"], []][i % 3],
                tags="balie, wachttijd" if i % 2 else "",
                due_date=today + timedelta(days=i % 20 - 5) if i % 4 == 0 else "",
                blocked=i % 10 == 0,
                blocked_reason="Wacht op de leverancier" if i % 10 == 0 else "",
            ),
            lead,
            column_id=columns[i % len(columns)].id,
        )
    db.session.commit()
    return board


@pytest.mark.parametrize("rows", ["", "?rijen=eigenaar"], ids=["columns", "swimlanes"])
def test_the_first_load_of_a_board_brings_at_most_150_kb_of_css_and_js(web, full_board, lead, rows):
    web.login(lead)
    response = web.get(f"/borden/{full_board.id}{rows}")
    assert response.status_code == 200
    html = response.text
    assert 'data-editable="1"' in html  # a member: move controls and the drag code
    loaded = first_load(html)
    assert "/static/js/boards.js" in loaded and "/static/js/board-live.js" in loaded
    total = sum(loaded.values())
    assert total <= CSS_AND_JS_BUDGET, f"{total:,} bytes: {sorted(loaded.items())}"
    # Dragging comes when a pointer does (boards.js), and those files exist.
    assert not any("sortable" in path for path in loaded)
    for lazy in re.findall(r'data-(?:sortable|drag)="([^"]+)"', html):
        assert (STATIC / urlsplit(lazy).path.removeprefix("/static/")).is_file()


@pytest.mark.parametrize("rows", ["", "?rijen=perspectief"], ids=["columns", "swimlanes"])
def test_a_200_card_board_has_at_most_1_5_kb_of_html_per_card(web, full_board, lead, rows):
    web.login(lead)
    html = web.get(f"/borden/{full_board.id}{rows}").text
    assert len(re.findall(r'<li class="board-card[ "]', html)) == 200
    assert html.count("board-card__step") == 400  # the arrows on every card, the menu on demand
    per_card = len(html.encode()) / 200
    assert per_card <= HTML_PER_CARD_BUDGET, f"{per_card:.0f} bytes of HTML per card"
