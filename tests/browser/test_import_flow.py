"""A team lead imports a spreadsheet of 1000 ideas in a real browser: upload, map, preview with
the errors, import with a progress indication, the result, and an imported idea in the inbox.
axe finds nothing on any step's page."""

from __future__ import annotations

import random
from datetime import date, timedelta

from openpyxl import Workbook
from playwright.sync_api import expect

from tests.browser.conftest import PageProblems, sign_in
from tests.browser.test_pages import run_axe

SUBJECTS = [
    ("Wachttijd aan de balie", "Inwoners wachten soms een half uur op een afspraak."),
    ("Terugbelverzoek via de website", "Laat mensen een tijd kiezen waarop we terugbellen."),
    ("Brieven in B1-taal", "Veel brieven zijn moeilijk; schrijf ze eenvoudiger."),
    ("Parkeervergunning digitaal", "Aanvragen kan nu alleen op papier."),
    ("Vaste contactpersoon Wmo", "De cliëntenraad vraagt om één vast aanspreekpunt."),
    ("Overdracht tussen teams", "Dossiers raken zoek tussen Burgerzaken en het wijkteam."),
]
PERSPECTIVES = ["Klant", "Medewerker", "Proces", "Financieel", "Klant en Proces", "customer"]
SOURCES = ["Medewerker", "Klantpanel", "Cliëntenraad", "clientenraad", "Wijkteam", "Inwoner", ""]
TEAMS = ["Klantcontactcentrum", "Publiekszaken", "wijkteam noord", "Werk en Inkomen", ""]
UNIQUE = "Snellere afhandeling van verhuizingen uit de oude lijst"


def make_workbook(path) -> None:
    """1000 realistic Dutch rows, a few with errors (no title, a bad date, negative votes)."""
    rng = random.Random(7)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Verbeterpunten"
    sheet.append(
        [
            "Nr",
            "Onderwerp",
            "Omschrijving",
            "Perspectief",
            "Bron",
            "Afdeling",
            "Datum",
            "Aantal stemmen",
        ]
    )
    start = date(2023, 1, 2)
    for n in range(1, 1001):
        title, body = SUBJECTS[n % len(SUBJECTS)]
        title = f"{title} ({n})"
        day = start + timedelta(days=n % 600)
        votes = rng.randint(0, 40)
        if n == 17:
            title = UNIQUE
        if n in (101, 102):
            title = None  # no title
        if n == 250:
            day = "31-13-2023"  # no such date
        if n == 333:
            votes = -4
        sheet.append(
            [
                n,
                title,
                f"{body} Punt {n}.",
                PERSPECTIVES[n % 6],
                SOURCES[n % 7],
                TEAMS[n % 5],
                day,
                votes,
            ]
        )
    workbook.save(path)


def check_axe(page, problems: PageProblems, step: str) -> None:
    results = run_axe(page)
    assert results.violations_count == 0, f"axe on {step}:\n{results.generate_report()}"
    assert problems.csp() == [], f"Content Security Policy violations on {step}"
    # The browser logs a 422 answer as a failed load; that is the form under test.
    errors = [e for e in problems.console if "status of 422" not in e]
    assert errors == [], f"console errors on {step}"
    problems.clear()


def test_team_lead_imports_a_spreadsheet_of_1000_ideas(
    browser, browser_context_args, tmp_path, shots
):
    path = tmp_path / "verbeterpunten.xlsx"
    make_workbook(path)
    context = browser.new_context(**browser_context_args)
    try:
        page = context.new_page()
        problems = PageProblems(page)
        sign_in(page, "teamleider@example.org")
        page.goto("/ideeen")
        page.get_by_role("link", name="Importeren").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Ideeën importeren")
        check_axe(page, problems, "upload")

        # A wrong kind of file first: the message is in the form, in Dutch.
        wrong = tmp_path / "oud.xls"
        wrong.write_bytes(b"\xd0\xcf\x11\xe0 old excel")
        page.get_by_label("Bestand (.csv of .xlsx)").set_input_files(str(wrong))
        page.get_by_role("button", name="Bestand lezen").click()
        expect(page.locator("#file-error")).to_contain_text("Opslaan als")
        page.screenshot(path=str(shots / "import-upload-error.png"), full_page=True)
        check_axe(page, problems, "upload with an error")

        page.get_by_label("Bestand (.csv of .xlsx)").set_input_files(str(path))
        page.get_by_role("button", name="Bestand lezen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Kolommen koppelen")
        expect(page.locator("main")).to_contain_text("1000 rijen met 8 kolommen gelezen")
        # Guessed from the header names.
        expect(page.get_by_label("Titel")).to_have_value("1")
        expect(page.get_by_label("Stemmen")).to_have_value("7")
        expect(page.get_by_label("Team", exact=True)).to_have_value("5")
        page.screenshot(path=str(shots / "import-mapping.png"), full_page=True)
        check_axe(page, problems, "mapping")
        page.get_by_role("button", name="Voorbeeld bekijken").click()

        expect(page.get_by_role("heading", level=1)).to_have_text("Voorbeeld")
        expect(page.locator("#summary-added")).to_have_text("996 ideeën worden toegevoegd")
        expect(page.locator("#summary-errors")).to_contain_text("4 rijen hebben fouten")
        errors = page.locator("#import-errors")
        expect(errors).to_contain_text("Rij 102: De titel ontbreekt.")
        expect(errors).to_contain_text("Ongeldige datum ‘31-13-2023’")
        expect(errors).to_contain_text("niet ‘-4’")
        page.screenshot(path=str(shots / "import-preview.png"), full_page=True)
        check_axe(page, problems, "preview")

        # What the page shows while the import runs, noted at the moment the request leaves
        # (the page is gone once the result is there, so it goes into sessionStorage).
        page.evaluate(
            """() => document.addEventListener("htmx:beforeRequest", () => {
                const region = document.getElementById("import-progress");
                sessionStorage.setItem("importProgress", JSON.stringify({
                    role: region.getAttribute("role"),
                    text: region.textContent.trim(),
                    bar: !document.getElementById("import-progress-bar").hidden,
                }));
            })"""
        )
        page.get_by_role("button", name="996 ideeën importeren").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Import klaar", timeout=10000)
        expect(page.locator("main")).to_contain_text(
            "996 ideeën uit verbeterpunten.xlsx staan nu in de ideeënbus."
        )
        expect(page.locator("#import-result")).to_contain_text(
            "4 rijen met fouten niet geïmporteerd"
        )
        assert page.evaluate("() => JSON.parse(sessionStorage.getItem('importProgress'))") == {
            "role": "status",
            "text": "Bezig met importeren van 996 ideeën…",
            "bar": True,
        }
        page.screenshot(path=str(shots / "import-result.png"), full_page=True)
        check_axe(page, problems, "result")

        # The inbox with only this import's ideas, then one of them found by searching.
        page.get_by_role("link", name="De geïmporteerde ideeën bekijken").click()
        expect(page.locator("#inbox-import-filter")).to_contain_text(
            "Alleen de ideeën uit één import"
        )
        expect(page.locator(".idea-row")).to_have_count(25)
        # The imported idea is in the inbox and says where it came from.
        page.goto("/ideeen?zoek=snellere+afhandeling+oude+lijst")
        page.get_by_role("link", name=UNIQUE).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(UNIQUE)
        expect(page.locator(".idea__meta")).to_contain_text("Geïmporteerd uit verbeterpunten.xlsx")
        check_axe(page, problems, "imported idea")

        # The same file again adds nothing.
        page.goto("/ideeen/importeren")
        page.get_by_label("Bestand (.csv of .xlsx)").set_input_files(str(path))
        page.get_by_role("button", name="Bestand lezen").click()
        page.get_by_role("button", name="Voorbeeld bekijken").click()
        expect(page.locator("#summary-added")).to_have_text("0 ideeën worden toegevoegd")
        expect(page.locator("#summary-skipped")).to_contain_text("996 staan er al")
        expect(page.locator("main")).to_contain_text("Er is niets nieuws om te importeren.")
    finally:
        context.close()
