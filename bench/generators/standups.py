"""Stand-ups at municipality scale: the team of the 200-card board has held a stand-up every
week for a year, each with notes, a decision, who was there and two action items (the last
ten weeks' items partly still open); every other team has a quarter of weekly stand-ups."""

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


STEPS = [Step("standups", 1, generate_standups)]
