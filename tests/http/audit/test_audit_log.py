"""The audit log as an administrator reads it, filters it and exports it."""

from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urlsplit

import pytest

from board.audit.services import record_event
from board.extensions import db
from tests.conftest import Page
from tests.factories import PASSWORD, make_chain

SECRET = "Geheim-wachtwoord-123"
HEADER = [
    "time_utc",
    "actor",
    "action",
    "object_type",
    "object_id",
    "object",
    "result",
    "ip",
    "detail",
]


def _rows(html: str) -> list[list[str]]:
    """The audit table as the administrator sees it: one list of cell texts per row."""
    table = Page(html).by_id("audit-table")
    assert table is not None
    return [
        [c.text for c in row.children if c.tag == "td"]
        for row in table.descendants()
        if "audit-row" in row.classes
    ]


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


def _sign_in(web, email, password):
    return web.post("/inloggen", data={"email": email, "password": password})


@pytest.fixture
def history(clock, make_web, employee, admin):
    """A morning's worth of events, made through the app as people would."""
    visitor = make_web()
    assert _sign_in(visitor, "jelle@example.org", "niet goed").status_code == 422
    clock.advance(minutes=1)
    assert _sign_in(visitor, "jelle@example.org", PASSWORD).status_code == 303
    clock.advance(minutes=1)
    assert visitor.get("/beheer").status_code == 403
    clock.advance(minutes=1)
    admin_web = make_web()
    assert _sign_in(admin_web, "bauke@example.org", PASSWORD).status_code == 303
    assert admin_web.post("/beheer/ketens", data={"name": "Burgerzaken"}).status_code == 303
    clock.advance(minutes=1)
    return admin_web


def test_log_shows_sign_ins_denials_and_admin_changes_with_who_where_and_when(history):
    rows = _rows(history.get("/beheer/audit").text)[:5]
    # Newest first: time, who, action, object, result, IP, details.
    assert [r[1:] for r in rows] == [
        ["bauke@example.org", "chain.create", "Burgerzaken", "Gelukt", "127.0.0.1", ""],
        ["bauke@example.org", "auth.login", "", "Gelukt", "127.0.0.1", "method=password"],
        ["jelle@example.org", "access.denied", "", "Geweigerd", "127.0.0.1", "GET /beheer"],
        ["jelle@example.org", "auth.login", "", "Gelukt", "127.0.0.1", "method=password"],
        ["jelle@example.org", "auth.login", "", "Mislukt", "127.0.0.1", "wrong password"],
    ]
    # Times are shown in the municipality's time zone (09:00 UTC is 10:00 in Amsterdam).
    assert "10:00" in rows[-1][0] and "2026" in rows[-1][0]
    times = [
        t.attrs["datetime"]
        for t in Page(history.get("/beheer/audit").text).all()
        if t.tag == "time"
    ]
    assert times[-1] == "2026-03-02T09:00:00+00:00"


def test_filter_by_action_and_result_and_the_url_holds_it(history):
    response = history.get("/beheer/audit?actie=auth.login&resultaat=failure")
    assert response.status_code == 200
    rows = _rows(response.text)
    assert [(r[1], r[2], r[4]) for r in rows] == [("jelle@example.org", "auth.login", "Mislukt")]
    page = Page(response.text)
    assert page.value("f-actie") == "auth.login"
    assert page.value("f-resultaat") == "failure"
    export = next(
        a.attrs["href"]
        for a in page.all()
        if a.tag == "a" and "audit.csv" in (a.attrs.get("href") or "")
    )
    assert parse_qs(urlsplit(export).query) == {"actie": ["auth.login"], "resultaat": ["failure"]}


def test_filter_by_action_prefix(history):
    rows = _rows(history.get("/beheer/audit?actie=auth").text)
    assert {r[2] for r in rows} == {"auth.login"} and len(rows) == 3


def test_filter_by_actor(history):
    rows = _rows(history.get("/beheer/audit?wie=BAUKE").text)
    assert {r[1] for r in rows} == {"bauke@example.org"} and len(rows) == 2
    assert Page(history.get("/beheer/audit?wie=BAUKE").text).value("f-wie") == "BAUKE"


def test_filter_by_result_denied(history):
    rows = _rows(history.get("/beheer/audit?resultaat=denied").text)
    assert [r[5:] for r in rows] == [["127.0.0.1", "GET /beheer"]]


def test_filter_by_date_uses_the_local_day(web, admin, clock):
    # 23:30 UTC on 1 March is already 2 March in Amsterdam.
    clock.current = clock.current.replace(day=1, hour=23, minute=30)
    record_event("test.late", actor_label="laat@example.org")
    clock.current = clock.current.replace(day=1, hour=22, minute=30)
    record_event("test.early", actor_label="vroeg@example.org")
    clock.current = clock.current.replace(day=3, hour=12, minute=0)
    record_event("test.later", actor_label="later@example.org")
    db.session.commit()
    web.login(admin)

    def actions(query):
        return [r[2] for r in _rows(web.get(f"/beheer/audit?actie=test{query}").text)]

    assert actions("&van=2026-03-02&tot=2026-03-02") == ["test.late"]
    assert actions("&tot=2026-03-01") == ["test.early"]
    assert actions("&van=2026-03-02") == ["test.later", "test.late"]
    page = Page(web.get("/beheer/audit?van=2026-03-02&tot=2026-03-02").text)
    assert (page.value("f-van"), page.value("f-tot")) == ("2026-03-02", "2026-03-02")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("van=2026-02-30", "2026-02-30 is geen geldige datum (jjjj-mm-dd)."),
        ("tot=gisteren", "gisteren is geen geldige datum (jjjj-mm-dd)."),
        ("resultaat=misschien", "Kies een bestaand resultaat."),
    ],
)
def test_invalid_filter_is_a_400_with_a_message(web, admin, query, message):
    web.login(admin)
    response = web.get(f"/beheer/audit?{query}")
    assert response.status_code == 400
    assert message in Page(response.text).by_id("audit-table").text
    export = web.get(f"/beheer/audit.csv?{query}")
    assert export.status_code == 400
    assert message in export.text


def test_invalid_date_is_shown_escaped(web, admin):
    web.login(admin)
    response = web.get("/beheer/audit?van=<b>x</b>")
    assert response.status_code == 400
    assert "<b>x</b>" not in response.text
    assert "&lt;b&gt;x&lt;/b&gt; is geen geldige datum" in response.text


def test_htmx_filter_returns_only_the_table(history):
    response = history.get("/beheer/audit?resultaat=failure", htmx=True)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert len(_rows(response.text)) == 1
    assert "HX-Request" in response.headers["Vary"]


def test_pages_of_fifty_and_the_next_link_keeps_the_filter(web, admin, clock):
    web.login(admin)
    for i in range(120):
        clock.advance(seconds=1)
        record_event("test.bulk", actor_label=f"p{i:03d}@example.org")
    db.session.commit()
    first = web.get("/beheer/audit?actie=test.bulk")
    rows = _rows(first.text)
    assert len(rows) == 50 and rows[0][1] == "p119@example.org"
    next_link = next(
        a.attrs["href"]
        for a in Page(first.text).all()
        if a.tag == "a" and a.attrs.get("rel") == "next"
    )
    assert parse_qs(urlsplit(next_link).query) == {"actie": ["test.bulk"], "pagina": ["2"]}
    last = _rows(web.get("/beheer/audit?actie=test.bulk&pagina=3").text)
    assert len(last) == 20 and last[-1][1] == "p000@example.org"
    assert not [
        a
        for a in Page(web.get("/beheer/audit?actie=test.bulk&pagina=3").text).all()
        if a.tag == "a" and a.attrs.get("rel") == "next"
    ]


# --- CSV ----------------------------------------------------------------------------------


def test_csv_export_has_a_header_row_and_utc_iso_times(history):
    rows = _csv(history.get("/beheer/audit.csv"))
    assert rows[0] == HEADER
    rows = rows[:1] + [r for r in rows[1:] if r[1]]  # leave out the factories' set-up
    # Oldest first, in UTC.
    assert [r[0] for r in rows[1:]] == [
        "2026-03-02T09:00:00+00:00",
        "2026-03-02T09:01:00+00:00",
        "2026-03-02T09:02:00+00:00",
        "2026-03-02T09:03:00+00:00",
        "2026-03-02T09:03:00+00:00",
    ]
    assert rows[1][1:] == [
        "jelle@example.org",
        "auth.login",
        "",
        "",
        "",
        "failure",
        "127.0.0.1",
        "wrong password",
    ]
    assert rows[-1][2] == "chain.create" and rows[-1][5] == "Burgerzaken"


def test_csv_export_honours_the_filter(history):
    rows = _csv(history.get("/beheer/audit.csv?actie=auth.login&wie=jelle"))
    assert rows[0] == HEADER
    assert [(r[1], r[2], r[6]) for r in rows[1:]] == [
        ("jelle@example.org", "auth.login", "failure"),
        ("jelle@example.org", "auth.login", "success"),
    ]


def test_csv_export_neutralises_formulas(web, admin, make_web):
    make_chain('=HYPERLINK("http://evil.example","klik")')
    # Anyone can type anything as an e-mail address at the sign-in page.
    _sign_in(make_web(), "=cmd|'/c calc'!A1", "wat dan ook")
    _sign_in(make_web(), "@SUM(1+1)", "wat dan ook")
    web.login(admin)
    rows = _csv(web.get("/beheer/audit.csv"))
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://evil.example","klik")' in cells
    assert "'=cmd|'/c calc'!A1" in cells
    assert "'@SUM(1+1)" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_a_typed_password_never_reaches_the_log_or_the_export(web, make_web, employee, admin):
    assert _sign_in(make_web(), "jelle@example.org", SECRET).status_code == 422
    assert _sign_in(make_web(), "onbekend@example.org", SECRET).status_code == 422
    web.login(admin)
    table = web.get("/beheer/audit")
    export = web.get("/beheer/audit.csv")
    assert len(_rows(table.text)) >= 3
    assert SECRET not in table.text
    assert SECRET not in export.get_data(as_text=True)
    assert "wrong password" in export.get_data(as_text=True)  # the attempt itself is there


@pytest.mark.parametrize("path", ["/beheer/audit", "/beheer/audit.csv"])
def test_only_administrators_read_the_log(web, manager, path):
    web.login(manager)
    response = web.get(path)
    assert response.status_code == 403
    assert "Geen toegang" in response.text
    assert "auth.login" not in response.text
