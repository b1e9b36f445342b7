"""Importing 1000 ideas end to end over HTTP: upload, mapping, preview, import, result.

The bench's scenarios repeat one request 200 times on a shared dataset; an import is a flow of
five requests that changes the data (a second run adds nothing), so it is measured here instead,
on a database of its own:

    .venv/bin/python -m bench.import_timing                      # a SQLite file in bench/data/
    .venv/bin/python -m bench.import_timing postgresql://postgres@127.0.0.1:5432/mydb

On PostgreSQL it works in a schema `import_timing` of the given database, made and dropped here.
The app runs under gunicorn in production mode, as in the bench.
"""

from __future__ import annotations

import io
import random
import secrets
import sys
import time
import uuid
from datetime import date, timedelta

from flask_migrate import upgrade
from openpyxl import Workbook
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.client import Client
from bench.dataset import DATA_DIR
from bench.server import HOST, serve
from board import create_app
from board.config import PROJECT_ROOT, normalise_database_url
from board.demo import DEMO_PASSWORD, seed_demo
from board.extensions import db

SCHEMA = "import_timing"
ROWS = 1000
LEAD = "teamleider@example.org"


def workbook_bytes(rows: int = ROWS) -> bytes:
    """A realistic idea list: Dutch titles, explanations, perspectives, sources, teams, votes."""
    rng = random.Random(11)
    subjects = ["Wachttijd balie", "Terugbellen", "Brief in B1", "Parkeervergunning", "Wmo-loket"]
    teams = ["Klantcontactcentrum", "Publiekszaken", "Wijkteam Noord", ""]
    book = Workbook()
    sheet = book.active
    sheet.append(["Titel", "Toelichting", "Perspectief", "Bron", "Team", "Datum", "Stemmen"])
    for n in range(rows):
        sheet.append(
            [
                f"{subjects[n % 5]}: verbeterpunt {n}",
                f"Toelichting bij verbeterpunt {n}. " * rng.randint(1, 6),
                ["Klant", "Proces", "Klant en Medewerker", "Financieel"][n % 4],
                ["Medewerker", "Klantpanel", "Cliëntenraad", "Wijkteam"][n % 4],
                teams[n % 4],
                date(2023, 1, 1) + timedelta(days=n % 700),
                rng.randint(0, 30),
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _prepare(url: str) -> str:
    """A fresh, migrated database with the demo organisation; returns the URL the app uses."""
    if url.startswith("postgresql"):
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
            conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
        engine.dispose()
        app_url = make_url(url).update_query_dict({"options": f"-csearch_path={SCHEMA}"})
        url = app_url.render_as_string(hide_password=False)
    app = create_app(
        {
            "BOARD_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(32),
            "SQLALCHEMY_DATABASE_URI": url,
        }
    )
    with app.app_context():
        upgrade(directory=str(PROJECT_ROOT / "migrations"))
        seed_demo()
        db.session.commit()
        db.engine.dispose()
    return url


def _post_file(client: Client, path: str, fields: dict[str, str], name: str, data: bytes):
    """A multipart form post (the bench client only sends url-encoded forms)."""
    boundary = uuid.uuid4().hex
    parts = []
    for key, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        f"Content-Type: {xlsx}\r\n\r\n"
    )
    parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    headers = {
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Cookie": "; ".join(f"{k}={v}" for k, v in client.cookies.items()),
    }
    client.conn.request("POST", path, body=b"".join(parts), headers=headers)
    answer = client.conn.getresponse()
    answer.read()
    client._store_cookies(answer.msg)
    return answer


def measure(url: str) -> dict[str, float]:
    """Seconds per step and in total, for one import of ROWS ideas."""
    data = workbook_bytes()
    app_url = _prepare(url)
    steps: dict[str, float] = {}
    with serve(app_url) as port:
        client = Client(HOST, port)
        client.sign_in(LEAD, DEMO_PASSWORD)
        token = client.csrf_token("/ideeen/importeren")
        started = time.perf_counter()
        answer = _post_file(client, "/ideeen/importeren", {"csrf_token": token}, "lijst.xlsx", data)
        assert answer.status == 303, answer.status
        mapping = answer.getheader("Location")
        steps["upload"] = time.perf_counter() - started
        t = time.perf_counter()
        page = client.expect("GET", mapping, 200).text()
        form = {"csrf_token": token, "default_source": "medewerker", "default_team_id": ""}
        for number, name in enumerate(
            ("title", "body", "perspectives", "source", "team", "date", "votes")
        ):
            form[name] = str(number)
        assert '<option selected value="6">' in page, "the guess is not what is posted"
        preview = client.expect("POST", mapping, 303, form).headers["Location"]
        steps["mapping"] = time.perf_counter() - t
        t = time.perf_counter()
        shown = client.expect("GET", preview, 200).text()
        assert f"{ROWS} ideeën worden toegevoegd" in shown, "not every row would be added"
        steps["preview"] = time.perf_counter() - t
        t = time.perf_counter()
        result = client.expect("POST", f"{mapping}/importeren", 303, {"csrf_token": token})
        steps["import"] = time.perf_counter() - t
        t = time.perf_counter()
        done = client.expect("GET", result.headers["Location"], 200).text()
        assert f"{ROWS} ideeën uit lijst.xlsx staan nu in de ideeënbus" in done
        steps["result"] = time.perf_counter() - t
        steps["total"] = time.perf_counter() - started
        client.close()
    if url.startswith("postgresql"):
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        engine.dispose()
    return steps


def main(argv: list[str]) -> int:
    if argv:
        url = normalise_database_url(argv[0])
    else:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path = DATA_DIR / "import_timing.db"
        for suffix in ("", "-wal", "-shm"):
            (path.parent / (path.name + suffix)).unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    steps = measure(url)
    database = make_url(url).get_backend_name()
    print(
        f"{ROWS} ideas from .xlsx on {database}: "
        + ", ".join(f"{k} {v:.2f} s" for k, v in steps.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
