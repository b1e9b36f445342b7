"""An administrator manages people: the form round trip and the htmx search."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_admin_adds_a_person_and_finds_them_in_the_list(admin_page):
    page = admin_page
    page.goto("/beheer/mensen")
    page.get_by_role("link", name="Persoon toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Persoon toevoegen")

    page.get_by_role("button", name="Toevoegen").click()  # empty: the form says what is missing
    expect(page.locator("[aria-invalid=true]").first).to_be_visible()

    page.get_by_label("Naam").fill("Wike Yntema")
    page.get_by_label("E-mailadres").fill("wike.yntema@voorbeeld.example")
    page.get_by_label("Rol", exact=True).select_option(label="Manager")
    page.get_by_role("button", name="Toevoegen").click()

    expect(page.get_by_role("status")).to_contain_text("Wike Yntema is toegevoegd.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wike Yntema")

    page.get_by_role("navigation", name="Kruimelpad").get_by_role("link", name="Mensen").click()
    row = page.get_by_role("row").filter(has_text="wike.yntema@voorbeeld.example")
    expect(row).to_contain_text("Wike Yntema")
    expect(row).to_contain_text("Manager")


def test_search_filters_the_table_in_place_and_keeps_the_query_in_the_address(admin_page):
    page = admin_page
    page.goto("/beheer/mensen")
    rows = page.locator("#people-table tbody tr")
    expect(rows.first).to_be_visible()
    assert rows.count() > 5
    page.evaluate("window.__notReloaded = true")

    page.get_by_label("Zoek op naam of e-mailadres").press_sequentially("hoekstra", delay=20)

    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Tjitske Hoekstra")
    expect(page).to_have_url(re.compile(r"/beheer/mensen\?zoek=hoekstra$"))
    assert page.evaluate("window.__notReloaded === true"), "the page was reloaded"
    expect(page.get_by_label("Zoek op naam of e-mailadres")).to_be_focused()

    page.get_by_label("Zoek op naam of e-mailadres").fill("niemand-heet-zo")
    expect(page.locator("#people-table")).to_contain_text("Niemand gevonden.")

    # The address is a real page too: opened directly it shows the same result.
    page.goto("/beheer/mensen?zoek=hoekstra")
    expect(rows).to_have_count(1)
