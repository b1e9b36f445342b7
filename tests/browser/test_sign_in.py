"""Signing in and out, roles, the keyboard path and the language switch, in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

# (e-mail, name, sees "Beheer", may manage the members of Klantcontactcentrum)
ACCOUNTS = [
    ("beheerder@example.org", "Bauke de Boer", True, True),
    ("manager@example.org", "Marrit Visser", False, True),
    ("teamleider@example.org", "Tjitske Hoekstra", False, True),
    ("medewerker@example.org", "Jelle Postma", False, False),
]


@pytest.mark.parametrize(("email", "name", "admin", "manages_team"), ACCOUNTS)
def test_each_demo_account_signs_in_and_sees_what_its_role_allows(
    page, email, name, admin, manages_team
):
    sign_in(page, email)

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welkom, {name}")
    expect(page.get_by_role("banner").get_by_role("link", name=name)).to_be_visible()
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    expect(nav.get_by_role("link", name="Teams")).to_be_visible()
    expect(nav.get_by_role("link", name="Beheer")).to_have_count(1 if admin else 0)

    page.get_by_role("link", name="Alle ketens en teams").click()
    page.get_by_role("link", name="Klantcontactcentrum").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Klantcontactcentrum")
    add_member = page.get_by_role("button", name="Toevoegen of rol wijzigen")
    expect(add_member).to_have_count(1 if manages_team else 0)

    if not admin:
        page.goto("/beheer")
        expect(page.get_by_role("heading", level=1)).to_have_text("Geen toegang")

    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    expect(page.get_by_role("status")).to_contain_text("Je bent uitgelogd.")


def test_a_wrong_password_says_so_in_dutch_and_keeps_the_email(page):
    sign_in(page, "medewerker@example.org", password="niet-het-goede")

    expect(page.get_by_role("alert")).to_have_text("Het e-mailadres of wachtwoord klopt niet.")
    expect(page.get_by_label("E-mailadres")).to_have_value("medewerker@example.org")
    expect(page.get_by_label("Wachtwoord")).to_have_value("")
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_have_count(0)


def test_keyboard_reaches_the_skip_link_first_and_it_moves_focus_to_the_content(admin_page):
    page = admin_page
    page.goto("/teams")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box and box["y"] >= 0 and box["height"] >= 24, "the focused skip link is not in view"

    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    # The next Tab continues inside the content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")


def test_every_control_in_the_header_is_reachable_and_visibly_focused(admin_page):
    page = admin_page
    page.goto("/")
    seen = []
    for _ in range(20):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const el = document.activeElement, style = getComputedStyle(el);
                return {text: el.innerText.trim(), outline: parseFloat(style.outlineWidth) || 0,
                        style: style.outlineStyle, inMain: !!el.closest('main')};
            }"""
        )
        if focused["inMain"]:
            break
        assert focused["style"] != "none" and focused["outline"] >= 2, focused
        seen.append(focused["text"])
    expected = [
        "Direct naar de inhoud",
        "Linich Wurkje",
        "NL",
        "EN",
        "FY",
        "Bauke de Boer",
        "Uitloggen",
        "Start",
        "Teams",
        "Beheer",
    ]
    missing = [x for x in expected if not any(text.startswith(x) for text in seen)]
    assert not missing, f"not reached by Tab: {missing}; reached: {seen}"


def test_switching_to_english_changes_the_page_language(page):
    page.goto("/inloggen")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("button", name="NL Nederlands")).to_have_attribute(
        "aria-pressed", "true"
    )

    page.get_by_role("button", name="EN English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.get_by_label("Email address")).to_be_visible()
    expect(page.get_by_role("button", name="EN English")).to_have_attribute("aria-pressed", "true")

    page.get_by_role("button", name="FY Frysk").click()
    expect(page.locator("html")).to_have_attribute("lang", "fy")
    page.get_by_role("button", name="NL Nederlands").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
