"""Stand-ups at municipality scale: the team of the 200-card board has held a stand-up every
week for a year, each with notes, a decision, who was there and two action items (the last
ten weeks' items partly still open) and the agenda as it was discussed (a snapshot as full as a
busy board makes it, every list at its length limit); every other team has a quarter of weekly
stand-ups."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from bench.core import GenContext, Row, Step

WEEKS_BUSY = 52
WEEKS_OTHER = 13
NOTES = (
    "Wachttijd aan de telefoon besproken.",
    "Nieuwe collega stelt zich voor.",
    "Klantpanel was positief over de brieven.",
    "Werkvoorraad verdeeld over de week.",
)
ACTIONS = (
    "Leverancier bellen over de koppeling",
    "Standaardbrief herschrijven op B1",
    "Cijfers wachttijd delen",
    "Werkinstructie bijwerken",
    "Klantpanel uitnodigen",
)


def _snapshot(rng, started: datetime, board_id: int) -> dict:
    """An agenda snapshot of a busy board: every column's lists full (board.standups.snapshot)."""

    def moment(days: float) -> str:
        return (started - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")

    def change(n: int, column: str) -> dict:
        return {
            "kaartId": 1000 + n,
            "titel": f"Verbetering {n}: {rng.choice(ACTIONS)}",
            "van": "Plan",
            "naar": column,
            "door": "Jelle Postma",
            "op": moment(rng.random() * 7),
        }

    names = ("Klaar", "Act", "Check", "Do", "Plan", "Ideeën")
    return {
        "versie": 1,
        "van": moment(7),
        "tot": moment(-0.01),
        "borden": [{"id": board_id, "naam": "Verbeterbord", "prive": False}],
        "actiepunten": [
            {
                "id": n,
                "tekst": f"{rng.choice(ACTIONS)} ({n})",
                "eigenaar": "Lieke Mulder",
                "deadline": (started + timedelta(days=n)).date().isoformat(),
                "gedaan": n % 3 == 0,
                "teLaat": n % 5 == 0,
            }
            for n in range(6)
        ],
        "actiepuntenMeer": 0,
        "geblokkeerd": [
            {
                "kaartId": 2000 + n,
                "titel": f"Wacht op de leverancier {n}",
                "bordId": board_id,
                "kolom": "Do",
                "reden": "Offerte nog niet binnen",
                "sinds": moment(10 + n),
                "dagen": 10 + n,
            }
            for n in range(4)
        ],
        "geblokkeerdMeer": 0,
        "kolommen": [
            {
                "bordId": board_id,
                "kolom": name,
                "open": 30,
                "wipLimiet": 5 if name == "Do" else None,
                "gewoonlijkDagen": 6.5,
                "afgerond": [change(n, name) for n in range(8)] if name == "Klaar" else [],
                "binnengekomen": [change(n, name) for n in range(8)] if name != "Klaar" else [],
                "nieuw": [change(n, name) for n in range(8)] if name == "Ideeën" else [],
                "teLaat": [
                    {
                        "kaartId": 3000 + n,
                        "titel": f"Brief {n}",
                        "deadline": "2026-01-05",
                        "dagen": n,
                    }
                    for n in range(8)
                ],
                "langerDanGewoonlijk": [
                    {"kaartId": 4000 + n, "titel": f"Dossier {n}", "dagen": 20 + n}
                    for n in range(8)
                ],
                "meer": {"binnengekomen": 4, "teLaat": 12, "langerDanGewoonlijk": 20},
            }
            for name in names
        ],
        "wip": [{"bordId": board_id, "kolom": "Do", "aantal": 30, "limiet": 5}],
        "ideeen": [
            {
                "id": 5000 + n,
                "titel": f"Idee {n} voor het team",
                "stemmen": 20 - n,
                "nieuw": n % 2 == 0,
                "besluit": (None, "gepland", "afgewezen")[n % 3],
                "reden": "Past niet in het budget" if n % 3 == 2 else None,
                "samengevoegdMet": None,
            }
            for n in range(8)
        ],
    }


def generate_standups(ctx: GenContext) -> None:
    """Weekly stand-ups with entries, attendees and action items for every team."""
    rng = ctx.rng
    moment = datetime.now(UTC).replace(microsecond=0, second=0, minute=0)
    busy_team = ctx.conn.execute(
        text("SELECT team_id FROM boards WHERE id = :id"), {"id": ctx.refs["board_200_id"]}
    ).scalar_one()
    members: dict[int, list[int]] = {}
    for user_id, team_id in ctx.conn.execute(text("SELECT user_id, team_id FROM memberships")):
        members.setdefault(team_id, []).append(user_id)
    plans: list[tuple[int, datetime, int | None]] = []
    for team_id in ctx.refs["team_ids"]:
        people = members.get(team_id) or []
        weeks = WEEKS_BUSY if team_id == busy_team else WEEKS_OTHER
        for week in range(weeks, 0, -1):
            started = moment - timedelta(weeks=week)
            plans.append((team_id, started, people[0] if people else None))
    ids = ctx.insert_returning_ids(
        "standups",
        (
            {
                "team_id": team,
                "started_at": started,
                "ended_at": started + timedelta(minutes=rng.randint(11, 18)),
                "held_by_id": lead,
                "ended_by_id": lead,
                "period_start": started - timedelta(weeks=1),
                "notes": "",
                "timer_minutes": 15,
                "section": 0,
                "agenda_snapshot": (
                    _snapshot(rng, started, ctx.refs["board_200_id"]) if team == busy_team else None
                ),
            }
            for team, started, lead in plans
        ),
    )
    entries: list[Row] = []
    attendees: list[Row] = []
    items: list[Row] = []
    for standup_id, (team, started, lead) in zip(ids, plans, strict=True):
        people = members.get(team) or []
        for n, note in enumerate(rng.sample(NOTES, k=2)):
            entries.append(
                {
                    "standup_id": standup_id,
                    "kind": "note",
                    "text": note,
                    "author_id": lead,
                    "created_at": started + timedelta(minutes=n + 1),
                }
            )
        entries.append(
            {
                "standup_id": standup_id,
                "kind": "decision",
                "text": "We bellen klachten binnen vijf werkdagen terug.",
                "author_id": lead,
                "created_at": started + timedelta(minutes=9),
            }
        )
        for user_id in rng.sample(people, k=min(len(people), 6)):
            attendees.append({"standup_id": standup_id, "user_id": user_id})
        recent = started > moment - timedelta(weeks=10)
        for n in range(2):
            done = not recent or rng.random() < 0.4
            owner = rng.choice(people) if people else None
            items.append(
                {
                    "team_id": team,
                    "standup_id": standup_id,
                    "text": f"{rng.choice(ACTIONS)} ({started:%d-%m})",
                    "owner_id": owner,
                    "due_date": (started + timedelta(days=7 * (n + 1))).date(),
                    "done_at": started + timedelta(days=4) if done else None,
                    "done_by_id": owner if done else None,
                    "card_id": None,
                    "created_by_id": lead,
                    "created_at": started + timedelta(minutes=10 + n),
                }
            )
    ctx.insert_many("standup_entries", entries)
    ctx.insert_many("standup_attendees", attendees)
    ctx.insert_many("action_items", items)
    if ctx.conn.dialect.name != "sqlite":
        ctx.conn.execute(text("ANALYZE"))
    ctx.refs.update(standup_team_id=busy_team)


STEPS = [Step("standups", 2, generate_standups)]
