"""Spreadsheet exports (CSV and XLSX) that are safe to open in a spreadsheet program."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

from openpyxl import Workbook


def cell_safe(value: object) -> object:
    """Stop spreadsheet programs from running a text cell as a formula (CSV injection)."""
    if isinstance(value, str) and value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


def csv_chunks(header: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """CSV text in chunks of about 8 KB, for a streamed response."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell_safe(v) for v in row])
        if buffer.tell() > 8192:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def xlsx_bytes(title: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A one-sheet workbook, written row by row (write-only mode keeps memory flat)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append(list(header))
    for row in rows:
        sheet.append([cell_safe(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
