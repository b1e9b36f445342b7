"""The stand-up archive in a real browser: each recent stand-up's agenda folded away under
"Agenda zoals besproken", opened with a click, printed unfolded, and axe finds nothing."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import PageProblems, sign_in
from tests.browser.test_standup import assert_clean


def test_the_archive_keeps_each_agenda_and_prints_it_open(new_context, shots):
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    problems = PageProblems(page)
    sign_in(page, "medewerker@example.org")
    page.goto("/teams")
    page.get_by_role("link", name="Klantcontactcentrum", exact=True).click()
    page.get_by_role("link", name="Stand-up van dit team").click()
    page.get_by_role("link", name="Eerdere stand-ups").click()

    agendas = page.locator("details.history-agenda")
    expect(agendas.first).to_be_visible()
    first = agendas.first
    body = first.locator(".history-agenda__body")
    expect(body).to_be_hidden()
    first.get_by_text("Agenda zoals besproken").click()
    expect(body).to_be_visible()
    expect(body.get_by_role("heading", name="Wat we afspraken")).to_be_visible()
    expect(body.get_by_role("heading", name="Het bord, van rechts naar links")).to_be_visible()
    first.screenshot(path=str(shots / "archive-agenda.png"))
    assert_clean(page, problems, "the archive with an agenda open")

    # On paper every agenda is unfolded, also the ones nobody opened.
    page.reload()
    page.emulate_media(media="print")
    count = agendas.count()
    assert count >= 2
    for n in range(count):
        expect(agendas.nth(n).locator(".history-agenda__body")).to_be_visible()
    page.emulate_media(media="screen")
    expect(agendas.nth(1).locator(".history-agenda__body")).to_be_hidden()
    # Printing from the browser's menu opens them and folds them back afterwards.
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    expect(agendas.nth(1)).to_have_attribute("open", "")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(agendas.nth(1)).not_to_have_attribute("open", "")
