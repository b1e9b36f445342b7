"""The team room's TV follows the stand-up: when the team lead ticks off an action item that is
past its date, the wallboard's "actiepunten over datum" line changes by itself, without a
reload and without anyone touching the TV."""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import expect
from sqlalchemy import select

from board.accounts.models import User
from board.extensions import db
from board.org.models import Team
from board.standups import queries, services
from tests.browser.conftest import sign_in
from tests.browser.test_boards import open_board

LEAD = "teamleider@example.org"
COLLEAGUE = "medewerker@example.org"
TEXT = "Offerte voor de nieuwe printer opvragen"


def late_count(text: str) -> int:
    found = re.search(r"(\d+) actiepunt(en)? over datum", text)
    return int(found.group(1)) if found else 0


def test_the_wallboard_follows_a_late_action_item_ticked_off_at_the_standup(live_app, new_context):
    with live_app.app_context():
        team = db.session.scalar(select(Team).where(Team.name == "Klantcontactcentrum"))
        lead = db.session.scalar(select(User).where(User.email == LEAD))
        owner = db.session.scalar(select(User).where(User.email == COLLEAGUE))
        item = services.add_action_item(team, TEXT, owner.id, "", lead)
        item.due_date = queries.local_today() - timedelta(days=3)  # agreed weeks ago, not done
        db.session.commit()
        team_id = team.id

    tv = new_context(viewport={"width": 1920, "height": 1080}).new_page()
    sign_in(tv, COLLEAGUE)
    open_board(tv)
    tv.get_by_role("link", name="Wandbord").click()
    marker = tv.locator("#board-overdue-marker")
    expect(marker).to_contain_text("Jelle Postma")
    before = late_count(marker.inner_text())
    assert before >= 1

    lead_page = new_context(viewport={"width": 1440, "height": 900}).new_page()
    sign_in(lead_page, LEAD)
    lead_page.goto(f"/teams/{team_id}/standup")
    agreed = lead_page.locator("#standup-actions li.action-item", has_text=TEXT)
    agreed.get_by_role("checkbox").check()
    expect(lead_page.locator("#standup-status")).to_have_text(f"Afgevinkt: {TEXT}")

    if before == 1:
        expect(tv.locator("#board-overdue")).to_have_count(0, timeout=3000)
    else:
        expect(marker).to_contain_text(
            re.compile(rf"\b{before - 1} actiepunt(en)? over datum"), timeout=3000
        )
