"""Reading uploaded idea lists: CSV in its Dutch varieties, Excel, and every kind of bad file."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from board.ideas.imports import parsing
from board.ideas.imports.mapping import (
    guess_mapping,
    import_key,
    parse_date,
    parse_perspectives,
    parse_source,
    parse_votes,
)
from board.ideas.imports.parsing import FileTooLarge, IdeaImportError, parse_upload


def xlsx(rows, *, sheets=None) -> bytes:
    """A workbook with `rows` on its first sheet (and empty extra sheets by name)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Ideeën"
    for row in rows:
        sheet.append(row)
    for name in sheets or []:
        workbook.create_sheet(name)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_semicolon_csv_from_dutch_excel_with_bom():
    data = "\ufeffTitel;Toelichting;Stemmen\r\nLoket eerder open;Om 8 uur;3\r\n".encode()
    parsed = parse_upload("lijst.csv", data)
    assert parsed.header == ["Titel", "Toelichting", "Stemmen"]
    assert parsed.rows == [["Loket eerder open", "Om 8 uur", "3"]]
    assert parsed.row_numbers == [2]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_delimiter_is_detected(delimiter):
    text = delimiter.join(["titel", "bron", "team"]) + "\n" + delimiter.join(["A", "b", "c"])
    parsed = parse_upload("x.csv", text.encode())
    assert parsed.header == ["titel", "bron", "team"]
    assert parsed.rows == [["A", "b", "c"]]


def test_a_comma_inside_quotes_does_not_split_a_semicolon_file():
    data = 'Titel;Toelichting\n"Eén, twee";"Drie; vier"\n'.encode()
    assert parse_upload("x.csv", data).rows == [["Eén, twee", "Drie; vier"]]


def test_quoted_newlines_stay_inside_the_cell_and_row_numbers_follow_the_file():
    data = b'Titel;Toelichting\n"Wachtrij";"Regel 1\nRegel 2"\nTweede;x\n'
    parsed = parse_upload("x.csv", data)
    assert parsed.rows[0] == ["Wachtrij", "Regel 1\nRegel 2"]
    assert parsed.rows[1] == ["Tweede", "x"]
    assert parsed.row_numbers == [3, 4]  # the reader's line after each record


def test_windows_1252_is_read_when_the_file_is_not_utf8():
    data = "Titel;Bron\nCliëntenraad wil € terug;cliëntenraad\n".encode("cp1252")
    parsed = parse_upload("oud.csv", data)
    assert parsed.rows == [["Cliëntenraad wil € terug", "cliëntenraad"]]


def test_empty_rows_are_skipped_and_short_rows_padded():
    data = b"Titel;Toelichting;Team\n\n;;\nAlleen titel\n"
    parsed = parse_upload("x.csv", data)
    assert parsed.rows == [["Alleen titel", "", ""]]


def test_duplicate_and_empty_header_names_are_made_unique():
    parsed = parse_upload("x.csv", b"Titel;;Titel\na;b;c\n")
    assert parsed.header == ["Titel", "Kolom 2", "Titel (2)"]


def test_xlsx_dates_formulas_and_empty_rows():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Titel", "Datum", "Stemmen"])
    sheet.append(["Eerste", datetime(2024, 3, 5, 10, 30), 4])
    sheet.append([None, None, None])
    sheet.append(["Tweede", date(2023, 12, 31), "=2+3"])
    out = io.BytesIO()
    workbook.save(out)
    # openpyxl writes no cached values; a file saved by Excel has them. Put one in by hand.
    data = _with_cached_value(out.getvalue(), "C4", "5")
    parsed = parse_upload("lijst.xlsx", data)
    assert parsed.header == ["Titel", "Datum", "Stemmen"]
    assert parsed.rows == [["Eerste", "2024-03-05", "4"], ["Tweede", "2023-12-31", "5"]]
    assert parsed.row_numbers == [2, 4]
    assert parsed.sheet_name == "Sheet"


def _with_cached_value(data: bytes, cell: str, value: str) -> bytes:
    """Give a formula cell the cached value Excel would have saved with it."""
    import re
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                text = re.sub(
                    rf'(<c r="{cell}"[^>]*>)<f>([^<]*)</f><v\s*/>',
                    rf"\1<f>\2</f><v>{value}</v>",
                    text,
                )
                text = re.sub(
                    rf'(<c r="{cell}"[^>]*>)<f>([^<]*)</f>(?!<v>)',
                    rf"\1<f>\2</f><v>{value}</v>",
                    text,
                )
                content = text.encode()
            target.writestr(item, content)
    return out.getvalue()


def test_xlsx_sheet_by_name_or_number_and_a_clear_message_for_an_unknown_one():
    workbook = Workbook()
    workbook.active.title = "Leeg"
    second = workbook.create_sheet("Lijst 2024")
    second.append(["Titel"])
    second.append(["Uit het tweede blad"])
    out = io.BytesIO()
    workbook.save(out)
    data = out.getvalue()
    assert parse_upload("x.xlsx", data, "lijst 2024").rows == [["Uit het tweede blad"]]
    assert parse_upload("x.xlsx", data, "2").sheet_name == "Lijst 2024"
    with pytest.raises(
        IdeaImportError, match="Er is geen werkblad ‘Blad9’. Dit bestand heeft: Leeg, Lijst 2024"
    ):
        parse_upload("x.xlsx", data, "Blad9")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("oud.xls", "ouder of bijzonder Excel-bestand (.xls)"),
        ("lijst.ods", "OpenDocument-bestanden (.ods)"),
        ("foto.png", "Kies een CSV-bestand (.csv) of een Excel-bestand (.xlsx)."),
        ("", "Kies een bestand om te importeren."),
    ],
)
def test_other_kinds_of_files_are_refused_by_name(name, message):
    with pytest.raises(
        IdeaImportError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")
    ):
        parse_upload(name, b"whatever")


def test_a_renamed_binary_is_refused_as_csv_and_as_xlsx():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    with pytest.raises(IdeaImportError, match="geen CSV-tekstbestand"):
        parse_upload("foto.csv", png)
    with pytest.raises(IdeaImportError, match="beschadigd of geen echt .xlsx-bestand"):
        parse_upload("foto.xlsx", png)


def test_a_broken_zip_is_refused():
    data = xlsx([["Titel"], ["Idee"]])
    with pytest.raises(IdeaImportError, match="beschadigd"):
        parse_upload("kapot.xlsx", data[: len(data) // 2])


def test_an_xlsx_renamed_to_csv_says_what_to_do():
    with pytest.raises(IdeaImportError, match="Hernoem het naar .xlsx"):
        parse_upload("lijst.csv", xlsx([["Titel"], ["Idee"]]))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Het bestand is leeg."),
        (b"  \n\n", "Het bestand is leeg."),
        (b"Titel;Toelichting\n", "alleen een kopregel"),
        (b";;\n;;\n", "leeg"),
    ],
)
def test_empty_files_and_header_only(data, message):
    with pytest.raises(IdeaImportError, match=message):
        parse_upload("x.csv", data)


def test_a_first_row_of_data_instead_of_names_asks_for_a_header():
    data = xlsx([[datetime(2024, 1, 1), "Een idee"], [datetime(2024, 1, 2), "Nog een"]])
    with pytest.raises(
        IdeaImportError, match="De eerste rij moet de namen van de kolommen bevatten"
    ):
        parse_upload("x.xlsx", data)


def test_a_file_over_5_mb_is_refused_with_its_size():
    data = b"Titel\n" + b"x" * (6 * 1024 * 1024)
    with pytest.raises(FileTooLarge) as caught:
        parse_upload("groot.csv", data)
    assert caught.value.status == 413
    assert caught.value.message == (
        "Het bestand is 6,0 MB; de grens is 5 MB. Splits het in kleinere bestanden."
    )


def test_too_many_rows_csv_and_xlsx(monkeypatch):
    monkeypatch.setattr(parsing, "MAX_ROWS", 3)
    ok = b"Titel\na\nb\nc\n"
    assert len(parse_upload("x.csv", ok).rows) == 3
    with pytest.raises(IdeaImportError, match="meer dan 3 rijen"):
        parse_upload("x.csv", ok + b"d\n")
    with pytest.raises(IdeaImportError, match="meer dan 3 rijen"):
        parse_upload("x.xlsx", xlsx([["Titel"], ["a"], ["b"], ["c"], ["d"]]))


# --- mapping and cell values -----------------------------------------------------------------


def test_mapping_is_guessed_from_dutch_and_english_header_names():
    mapping = guess_mapping(
        [
            "Nr",
            "Onderwerp",
            "Omschrijving",
            "Perspective",
            "Bron",
            "Afdeling",
            "Datum ingediend",
            "Aantal stemmen",
        ]
    )
    assert mapping.columns == {
        "title": 1,
        "body": 2,
        "perspectives": 3,
        "source": 4,
        "team": 5,
        "date": 6,
        "votes": 7,
    }
    english = guess_mapping(["TITLE", "Description", "Votes", "Date"])
    assert english.columns["title"] == 0
    assert english.columns["body"] == 1
    assert english.columns["votes"] == 2
    assert english.columns["date"] == 3
    assert english.columns["team"] is None


def test_perspectives_in_dutch_and_english_with_every_separator():
    assert parse_perspectives("Klant en Proces") == (["klant", "proces"], [])
    assert parse_perspectives("customer; EMPLOYEE / financial") == (
        ["klant", "medewerker", "financieel"],
        [],
    )
    assert parse_perspectives("Financiën, klant, klant") == (["financieel", "klant"], [])
    assert parse_perspectives("Klant, Kwaliteit") == (["klant"], ["Kwaliteit"])
    assert parse_perspectives("") == ([], [])


def test_sources_with_or_without_diaeresis():
    assert parse_source("Cliëntenraad") == "clientenraad"
    assert parse_source("clientenraad ") == "clientenraad"
    assert parse_source("Wijkteam") == "wijkteam"
    assert parse_source("Customer panel") == "klantpanel"
    assert parse_source("Gemeenteraad") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05-03-2024", date(2024, 3, 5)),
        ("5-3-2024", date(2024, 3, 5)),
        ("5/3/2024", date(2024, 3, 5)),
        ("2024-03-05", date(2024, 3, 5)),
        ("45356", date(2024, 3, 5)),  # an Excel day number
        ("31-02-2024", None),
        ("gisteren", None),
        ("2024", None),  # a year, not an Excel day number in 1905
    ],
)
def test_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("12", 12),
        (" 7 ", 7),
        ("3.0", 3),
        ("3,0", 3),
        ("-1", None),
        ("twee", None),
        ("2.5", None),
    ],
)
def test_votes(text, expected):
    assert parse_votes(text) == expected


def test_the_key_ignores_case_and_spacing_but_not_the_date():
    one = import_key("Loket  eerder open", "Om 8 uur", date(2024, 3, 5))
    assert one == import_key("loket eerder open", " Om 8  uur ", date(2024, 3, 5))
    assert one != import_key("Loket eerder open", "Om 8 uur", date(2024, 3, 6))
    assert one != import_key("Loket eerder open", "Om 9 uur", date(2024, 3, 5))


def test_a_binary_without_zero_bytes_is_not_taken_for_text():
    data = bytes(b % 31 + 1 for b in range(4000))  # control characters, no NUL
    with pytest.raises(IdeaImportError, match="geen CSV-tekstbestand"):
        parse_upload("raar.csv", b"Titel\n" + data)


def test_too_much_text_in_all_cells_together(monkeypatch):
    monkeypatch.setattr(parsing, "MAX_TEXT", 100)
    assert parse_upload("x.csv", b"Titel\n" + b"a" * 100 + b"\n").rows == [["a" * 100]]
    with pytest.raises(IdeaImportError, match="meer tekst dan een ideeënlijst kan hebben"):
        parse_upload("x.csv", b"Titel\n" + b"a" * 100 + b"\nb\n")
