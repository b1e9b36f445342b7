"""Importing an idea list over HTTP, step by step, as a team lead does: upload, map, preview,
import, result; and what an employee, a bad file or a too large one gets."""

from __future__ import annotations

import io
import re
import time

from openpyxl import Workbook
from sqlalchemy import func, select

from board.extensions import db
from board.ideas.imports.models import IdeaImport
from board.ideas.models import Idea
from tests.conftest import Page
from tests.factories import make_team

CSV = (
    "Titel;Toelichting;Perspectief;Bron;Team;Datum;Stemmen\n"
    "Terugbelknop op de website;Geen wachtmuziek meer;Klant;Klantpanel;Burgerzaken;05-03-2024;3\n"
    ";Zonder titel;;;;;\n"
    "Formulieren in B1-taal;;Klant en Proces;cliëntenraad;;2024-01-10;0\n"
)


def upload(web, data: bytes, name: str = "ideeen.csv", sheet: str = "", **kwargs):
    return web.post(
        "/ideeen/importeren",
        {"file": (io.BytesIO(data), name), "sheet": sheet},
        content_type="multipart/form-data",
        **kwargs,
    )


def mapping_form(page: Page) -> dict[str, str]:
    """What the mapping form would send as it is shown."""
    names = ("title", "body", "perspectives", "source", "team", "date", "votes")
    data = {name: page.value(name) or "" for name in names}
    data["default_source"] = page.value("default_source") or "medewerker"
    data["default_team_id"] = page.value("default_team_id") or ""
    return data


def test_team_lead_imports_a_list_step_by_step(web, lead, clock):
    make_team(name="Burgerzaken")
    web.login(lead)
    inbox = Page(web.get("/ideeen").text)
    assert any(a.text == "Importeren" for a in inbox.all() if a.tag == "a")

    step1 = web.get("/ideeen/importeren")
    assert "Stap 1: Bestand kiezen" in Page(step1.text).text
    response = upload(web, CSV.encode())
    assert response.status_code == 303
    mapping_url = response.headers["Location"]

    step2 = Page(web.get(mapping_url).text)
    assert "ideeen.csv: 3 rijen met 7 kolommen gelezen." in step2.text
    # Guessed from the header names: Titel is column 0, Stemmen column 6.
    assert step2.value("title") == "0" and step2.value("votes") == "6"
    response = web.post(mapping_url, mapping_form(step2))
    assert response.status_code == 303
    preview_url = response.headers["Location"]
    assert preview_url.endswith("/voorbeeld")

    preview = Page(web.get(preview_url).text)
    assert preview.by_id("summary-added").text == "2 ideeën worden toegevoegd"
    assert "1 rij heeft fouten en wordt niet geïmporteerd" in preview.by_id("summary-errors").text
    assert "Rij 3: De titel ontbreekt." in preview.by_id("import-errors").text
    assert "Terugbelknop op de website" in preview.by_id("preview-table").text
    assert db.session.scalar(select(func.count(Idea.id))) == 0  # a preview writes nothing

    run_url = re.search(r'hx-post="([^"]+/importeren)"', preview.html).group(1)
    response = web.post(run_url, htmx=True)
    assert response.status_code == 200
    result_url = response.headers["HX-Redirect"]
    result = Page(web.get(result_url).text)
    assert "2 ideeën uit ideeen.csv staan nu in de ideeënbus." in result.text
    assert "1 rij met fouten niet geïmporteerd" in result.text
    titles = set(db.session.scalars(select(Idea.title)))
    assert titles == {"Terugbelknop op de website", "Formulieren in B1-taal"}

    # The result links to the inbox with only this import's ideas.
    link = next(a for a in result.all() if a.text == "De geïmporteerde ideeën bekijken")
    submit_other = web.post("/ideeen", {"title": "Niet geïmporteerd", "source": "medewerker"})
    assert submit_other.status_code == 303
    filtered = Page(web.get(link.attrs["href"]).text)
    assert "Alleen de ideeën uit één import" in filtered.by_id("inbox-results").text
    assert sorted(filtered.texts("idea-row__title")) == [
        "Formulieren in B1-taal",
        "Terugbelknop op de website",
    ]
    assert db.session.scalar(select(func.count(Idea.id))) == 3

    # A double click (or the form without JavaScript) posts again: nothing more is added.
    again = web.post(run_url)
    assert again.status_code == 303 and again.headers["Location"] == result_url
    assert db.session.scalar(select(func.count(Idea.id))) == 3

    # The idea page says where it came from.
    idea = db.session.scalar(select(Idea).where(Idea.title == "Terugbelknop op de website"))
    detail = Page(web.get(f"/ideeen/{idea.id}").text)
    assert "Geïmporteerd uit ideeen.csv" in detail.text
    assert "geïmporteerd uit ideeen.csv" in detail.text  # the history line
    assert detail.texts("vote__count") == ["3 stemmen"]  # the votes of the old list


def test_the_same_file_again_adds_nothing_and_says_so(web, lead, clock):
    make_team(name="Burgerzaken")
    web.login(lead)
    for attempt in range(2):
        location = upload(web, CSV.encode()).headers["Location"]
        web.post(location, mapping_form(Page(web.get(location).text)))
        upload_id = int(location.rsplit("/", 1)[-1])
        if attempt == 1:
            preview = Page(web.get(f"{location}/voorbeeld").text)
            assert preview.by_id("summary-added").text == "0 ideeën worden toegevoegd"
            assert "Er is niets nieuws om te importeren." in preview.text
        response = web.post(f"/ideeen/importeren/{upload_id}/importeren")
    result = Page(web.get(response.headers["Location"]).text)
    assert "Er is niets toegevoegd uit ideeen.csv." in result.text
    assert "2 overgeslagen omdat ze er al stonden" in result.text
    assert db.session.scalar(select(func.count(Idea.id))) == 2


def test_an_employee_may_not_import(web, employee):
    web.login(employee)
    assert web.get("/ideeen/importeren").status_code == 403
    assert upload(web, CSV.encode()).status_code == 403
    inbox = Page(web.get("/ideeen").text)
    assert not any(a.text == "Importeren" for a in inbox.all() if a.tag == "a")
    assert db.session.scalar(select(func.count(IdeaImport.id))) == 0


def test_another_lead_cannot_see_my_upload(web, make_web, lead, clock):
    from tests.factories import add_member, make_user

    web.login(lead)
    location = upload(web, CSV.encode()).headers["Location"]
    other = make_user()
    add_member(other, make_team(), "lead")
    db.session.commit()
    them = make_web()
    them.login(other)
    assert them.get(location).status_code == 404
    assert them.post(f"{location}/importeren").status_code == 404


def test_a_bad_file_gets_422_with_the_message_and_keeps_the_sheet_name(web, lead):
    web.login(lead)
    cases = [
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "foto.xlsx", "beschadigd of geen echt .xlsx-bestand"),
        (b"Titel;Toelichting\n", "kop.csv", "alleen een kopregel"),
        (b"", "leeg.csv", "Het bestand is leeg."),
        (b"whatever", "oud.xls", "ouder of bijzonder Excel-bestand (.xls)"),
    ]
    for data, name, message in cases:
        response = upload(web, data, name, sheet="Blad 1")
        assert response.status_code == 422, name
        page = Page(response.text)
        assert message in page.field_error("file"), name
        assert page.value("sheet") == "Blad 1"
    assert db.session.scalar(select(func.count(IdeaImport.id))) == 0


def test_an_unknown_sheet_is_named_in_the_error(web, lead):
    workbook = Workbook()
    workbook.active.append(["Titel"])
    workbook.active.append(["Een idee"])
    out = io.BytesIO()
    workbook.save(out)
    web.login(lead)
    response = upload(web, out.getvalue(), "lijst.xlsx", sheet="Ideeën 2023")
    assert response.status_code == 422
    assert "Er is geen werkblad ‘Ideeën 2023’. Dit bestand heeft: Sheet." in Page(
        response.text
    ).field_error("sheet")


def test_a_file_over_the_limit_gets_413_in_dutch(web, lead, app):
    web.login(lead)
    big = b"Titel\n" + b"x" * (6 * 1024 * 1024)
    response = upload(web, big, "groot.csv")
    assert response.status_code == 413
    assert "Het bestand is 6,0 MB; de grens is 5 MB." in Page(response.text).field_error("file")
    huge = b"Titel\n" + b"x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = upload(web, huge, "enorm.csv")
    assert response.status_code == 413
    assert "Het bestand is te groot. Een import mag hoogstens 5 MB zijn" in response.text
    assert "Bestand (.csv of .xlsx)" in response.text  # the form is there to try again


def test_mapping_without_a_title_gets_422_and_keeps_the_choices(web, lead):
    web.login(lead)
    location = upload(web, CSV.encode()).headers["Location"]
    data = mapping_form(Page(web.get(location).text))
    data.update(title="", body="1", votes="1")
    response = web.post(location, data)
    assert response.status_code == 422
    page = Page(response.text)
    assert page.field_error("title") == "Kies de kolom met de titel van de ideeën."
    assert page.field_error("votes") == "De kolom ‘Toelichting’ is al voor een ander veld gekozen."
    assert page.value("body") == "1" and page.value("title") == ""


def test_thousand_rows_upload_preview_and_import_well_under_ten_seconds(web, lead, clock):
    lines = ["Titel;Toelichting;Perspectief;Bron;Datum;Stemmen"]
    for n in range(1000):
        lines.append(
            f"Verbeterpunt {n};Toelichting bij punt {n} over wachttijden;Klant;wijkteam;"
            f"{1 + n % 28:02d}-{1 + n % 12:02d}-2023;{n % 9}"
        )
    data = ("\n".join(lines) + "\n").encode()
    web.login(lead)
    started = time.perf_counter()
    location = upload(web, data).headers["Location"]
    web.post(location, mapping_form(Page(web.get(location).text)))
    preview = web.get(f"{location}/voorbeeld")
    assert "1000 ideeën worden toegevoegd" in preview.text
    response = web.post(f"{location}/importeren")
    elapsed = time.perf_counter() - started
    assert response.status_code == 303
    assert db.session.scalar(select(func.count(Idea.id))) == 1000
    print(f"\n1000 rows: upload + map + preview + import in {elapsed:.2f} s")
    assert elapsed < 10


def test_rows_imported_meanwhile_by_someone_else_send_back_to_the_preview(web, lead, monkeypatch):
    from board.errors import Conflict
    from board.ideas.imports import services

    web.login(lead)
    location = upload(web, CSV.encode()).headers["Location"]

    def clash(upload_id, actor):
        raise Conflict("Een deel van deze ideeën is net door iemand anders geïmporteerd.")

    monkeypatch.setattr(services, "run_import", clash)
    response = web.post(f"{location}/importeren")
    assert response.status_code == 303
    assert response.headers["Location"] == f"{location}/voorbeeld"
    page = Page(web.get(response.headers["Location"]).text)
    assert "net door iemand anders geïmporteerd" in page.by_id("flash").text
    assert db.session.scalar(select(func.count(Idea.id))) == 0
