"""Reading an uploaded idea list: CSV (any of ; , tab; UTF-8 with or without BOM, or Windows-1252)
or Excel .xlsx (first sheet or a named one). The result is a header and rows of strings.

Nothing here touches the database; every problem is an IdeaImportError with a Dutch message.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time

from flask_babel import gettext as _

from board.errors import DomainError

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 60
CELL_MAX = 10_000  # longer than any valid field; the preview still reports the real length
HEADER_MAX = 100
# All cells together; a small .xlsx can hold one long text thousands of times (shared strings).
MAX_TEXT = 20_000_000
DELIMITERS = (";", ",", "\t")


class IdeaImportError(DomainError):
    """The uploaded file cannot be read as an idea list."""


class FileTooLarge(IdeaImportError):
    status = 413


@dataclass
class ParsedFile:
    """A spreadsheet as header names and rows of text (as long as the header)."""

    file_format: str
    header: list[str]
    rows: list[list[str]]
    sheet_name: str = ""
    sheet_names: list[str] = field(default_factory=list)
    # The spreadsheet row number of each row (1 is the header), for messages people can find.
    row_numbers: list[int] = field(default_factory=list)


def file_format_of(filename: str) -> str:
    """'csv' or 'xlsx' from the file name, or IdeaImportError saying what to do instead."""
    name = (filename or "").strip().lower()
    if not name:
        raise IdeaImportError(_("Kies een bestand om te importeren."), "file")
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    if extension in ("csv", "txt"):
        return "csv"
    if extension == "xlsx":
        return "xlsx"
    if extension in ("xls", "xlsm", "xlsb"):
        raise IdeaImportError(
            _(
                "Dit is een ouder of bijzonder Excel-bestand (.%(ext)s). Open het in Excel en "
                "kies ‘Opslaan als’ → ‘Excel-werkmap (.xlsx)’ of ‘CSV’.",
                ext=extension,
            ),
            "file",
        )
    if extension == "ods":
        raise IdeaImportError(
            _(
                "OpenDocument-bestanden (.ods) kan Linich Wurkje niet lezen. Sla het bestand op "
                "als .xlsx of .csv."
            ),
            "file",
        )
    raise IdeaImportError(
        _("Kies een CSV-bestand (.csv) of een Excel-bestand (.xlsx)."),
        "file",
    )


def _cell_text(value: object) -> str:
    """One cell as text: dates as jjjj-mm-dd, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value)
    return text[:CELL_MAX]


def _header(cells: list[object]) -> list[str]:
    """Column names: trimmed, empty ones named by position, duplicates numbered."""
    names: list[str] = []
    for index, cell in enumerate(cells, start=1):
        if isinstance(cell, (int, float, datetime, date)) and not isinstance(cell, bool):
            raise IdeaImportError(_header_missing(), "file")
        name = " ".join(_cell_text(cell).split())
        if len(name) > HEADER_MAX:
            raise IdeaImportError(_header_missing(), "file")
        name = name or _("Kolom %(n)d", n=index)
        base, n = name, 2
        while name in names:
            name = f"{base} ({n})"
            n += 1
        names.append(name)
    return names


def _header_missing() -> str:
    return _(
        "De eerste rij moet de namen van de kolommen bevatten (bijvoorbeeld Titel, Toelichting, "
        "Datum). Voeg een kopregel toe en probeer het opnieuw."
    )


def _finish(
    file_format: str, raw_rows: list[tuple[int, list[object]]], **extra: object
) -> ParsedFile:
    """Header from the first non-empty row; the rest padded or cut to the header's width."""
    if not raw_rows:
        raise IdeaImportError(_("Het bestand is leeg."), "file")
    _first_number, first = raw_rows[0]
    while first and (first[-1] is None or str(first[-1]).strip() == ""):
        first = first[:-1]
    if not first:
        raise IdeaImportError(_header_missing(), "file")
    header = _header(first[:MAX_COLUMNS])
    width = len(header)
    rows: list[list[str]] = []
    numbers: list[int] = []
    total = 0
    for number, cells in raw_rows[1:]:
        texts = [_cell_text(c) for c in cells[:width]]
        texts += [""] * (width - len(texts))
        total += sum(len(t) for t in texts)
        if total > MAX_TEXT:
            raise IdeaImportError(
                _(
                    "Het bestand bevat meer tekst dan een ideeënlijst kan hebben. Haal kolommen "
                    "weg die niet geïmporteerd hoeven te worden, of splits het bestand."
                ),
                "file",
            )
        rows.append(texts)
        numbers.append(number)
    if not rows:
        raise IdeaImportError(
            _("Het bestand heeft alleen een kopregel en geen ideeën eronder."), "file"
        )
    return ParsedFile(
        file_format=file_format,
        header=header,
        rows=rows,
        row_numbers=numbers,
        **extra,  # type: ignore[arg-type]
    )


def _too_many_rows() -> IdeaImportError:
    return IdeaImportError(
        _(
            "Het bestand heeft meer dan %(n)d rijen. Splits het in delen van hoogstens %(n)d "
            "ideeën en importeer ze na elkaar.",
            n=MAX_ROWS,
        ),
        "file",
    )


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 (older Dutch Excel)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise IdeaImportError(_not_text(), "file") from None
    head = data[:8192]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    if b"\x00" in head or controls > len(head) // 100:
        raise IdeaImportError(_not_text(), "file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _not_text() -> str:
    return _(
        "Dit bestand is geen CSV-tekstbestand. Kies een .csv-bestand dat uit Excel of een "
        "ander programma is opgeslagen, of een .xlsx-bestand."
    )


def _delimiter(text: str) -> str:
    """The delimiter that gives the header the most columns (Dutch Excel writes ';')."""
    sample = text[:65536]
    best, best_width = ",", 0
    for delimiter in DELIMITERS:
        try:
            first = next(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter), [])
        except csv.Error:
            continue
        if len(first) > best_width:
            best, best_width = delimiter, len(first)
    return best


def parse_csv(data: bytes) -> ParsedFile:
    """A CSV file's header and rows; quoted fields may hold delimiters and newlines."""
    text = _decode(data)
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    raw: list[tuple[int, list[object]]] = []
    try:
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            if len(raw) > MAX_ROWS:
                raise _too_many_rows()
            raw.append((reader.line_num, list(cells)))
    except csv.Error as error:
        raise IdeaImportError(
            _(
                "Het CSV-bestand is niet goed opgebouwd (rond regel %(n)d). Sla het opnieuw op "
                "als CSV en probeer het nog eens.",
                n=reader.line_num,
            ),
            "file",
        ) from error
    return _finish("csv", raw)


def parse_xlsx(data: bytes, sheet: str = "") -> ParsedFile:
    """A workbook's first sheet (or the named one): dates as dates, formulas as their values."""
    from openpyxl import load_workbook

    broken = _(
        "Dit Excel-bestand is beschadigd of geen echt .xlsx-bestand. Open het in Excel, sla het "
        "opnieuw op als .xlsx en probeer het nog eens."
    )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise IdeaImportError(broken, "file")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise IdeaImportError(broken, "file") from error
    try:
        names = list(workbook.sheetnames)
        if not names:
            raise IdeaImportError(_("Het bestand is leeg."), "file")
        wanted = (sheet or "").strip()
        if wanted:
            match = next((n for n in names if n.casefold() == wanted.casefold()), None)
            if match is None and wanted.isdigit() and 1 <= int(wanted) <= len(names):
                match = names[int(wanted) - 1]
            if match is None:
                raise IdeaImportError(
                    _(
                        "Er is geen werkblad ‘%(name)s’. Dit bestand heeft: %(names)s.",
                        name=wanted[:31],
                        names=", ".join(names),
                    ),
                    "sheet",
                )
        else:
            match = names[0]
        worksheet = workbook[match]
        raw: list[tuple[int, list[object]]] = []
        try:
            for number, cells in enumerate(
                worksheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1
            ):
                values = list(cells)
                if not any(v is not None and str(v).strip() != "" for v in values):
                    continue
                if len(raw) > MAX_ROWS:
                    raise _too_many_rows()
                raw.append((number, values))
        except IdeaImportError:
            raise
        except Exception as error:
            raise IdeaImportError(broken, "file") from error
    finally:
        workbook.close()
    return _finish("xlsx", raw, sheet_name=match, sheet_names=names)


def parse_upload(filename: str, data: bytes, sheet: str = "") -> ParsedFile:
    """Read an uploaded file by its name's extension; size and row limits included."""
    file_format = file_format_of(filename)
    if len(data) > MAX_BYTES:
        raise FileTooLarge(
            _(
                "Het bestand is %(size)s MB; de grens is %(max)d MB. Splits het in kleinere "
                "bestanden.",
                size=f"{len(data) / 1024 / 1024:.1f}".replace(".", ","),
                max=MAX_BYTES // (1024 * 1024),
            ),
            "file",
        )
    if not data.strip():
        raise IdeaImportError(_("Het bestand is leeg."), "file")
    if file_format == "xlsx":
        return parse_xlsx(data, sheet)
    if data[:4] == b"PK\x03\x04":
        raise IdeaImportError(
            _("Dit is een Excel-bestand met de naam .csv. Hernoem het naar .xlsx."), "file"
        )
    return parse_csv(data)
