"""Demo stand-ups: every demo team held three weekly stand-ups, with notes, decisions and
action items (some done, some still open, one past its date), one of them on the board."""

from __future__ import annotations

import random
from datetime import timedelta

from board.clock import now
from board.extensions import db
from board.org import queries as org_queries
from board.org.models import Team
from board.standups import services

NOTES = [
    "Klantpanel was positief over de nieuwe brieven.",
    "Twee collega's met vakantie; de werkvoorraad is verdeeld.",
    "De wachttijd aan de telefoon is deze week gedaald.",
    "Het zaaksysteem lag dinsdag een uur plat.",
    "Nieuwe collega begint maandag; inwerkmap ligt klaar.",
    "Veel vragen over de nieuwe afvalpas.",
]
DECISIONS = [
    "We bellen klachten binnen vijf werkdagen terug.",
    "De papieren lijst met terugbelverzoeken stopt; alles gaat via het bord.",
    "Elke donderdag een kwartier voor het opruimen van de werkvoorraad.",
    "We proberen een maand lang het spreekuur op zaterdag.",
]
ACTIONS = [
    "Leverancier bellen over de koppeling met het zaaksysteem",
    "Standaardbrief verhuizing herschrijven op B1",
    "Cijfers wachttijd van de afgelopen maand delen",
    "Afspraak maken met de privacy officer",
    "Werkinstructie terugbelverzoek bijwerken",
    "Klantpanel uitnodigen voor de klantreis",
    "Licentieoverzicht opvragen bij ICT",
    "Evaluatie zaterdagspreekuur voorbereiden",
]


def seed_standups(teams: dict[str, Team], rng_seed: int = 20261202) -> int:
    """Three earlier stand-ups per team; returns how many stand-ups were made."""
    rng = random.Random(rng_seed)  # noqa: S311 - demo data, reproducible on purpose
    today = now()
    total = 0
    for team in teams.values():
        members = [m for m in org_queries.list_members(team.id) if m.user.active]
        if not members:
            continue
        lead = next((m.user for m in members if m.role == "lead"), members[0].user)
        services.set_schedule(
            team, str(rng.choice((0, 1, 2, 3))), rng.choice(("9:00", "9:30")), lead
        )
        actions = rng.sample(ACTIONS, k=6)
        for week, weeks_ago in enumerate((3, 2, 1)):
            started = (today - timedelta(weeks=weeks_ago)).replace(
                hour=9, minute=0, second=0, microsecond=0
            )
            # Usually everyone is there; now and then someone is away.
            present = [m.user.id for m in members if rng.random() < 0.85 or m.user.id == lead.id]
            standup = services.start_standup(team, lead, present)
            standup.started_at = started
            standup.period_start = started - timedelta(days=7)
            for text in rng.sample(NOTES, k=2):
                entry = services.add_note(standup, text, lead)
                entry.created_at = started + timedelta(minutes=rng.randint(1, 12))
            decision = services.add_decision(standup, rng.choice(DECISIONS), lead)
            decision.created_at = started + timedelta(minutes=13)
            for n in range(2):
                owner = rng.choice(members).user
                item = services.add_action_item(
                    team, actions[week * 2 + n], owner.id, "", lead, standup
                )
                item.created_at = started + timedelta(minutes=10 + n)
                item.due_date = (started + timedelta(days=7 + 7 * n)).date()
                if weeks_ago > 1 and n == 0:
                    item.done_at = started + timedelta(days=5)
                    item.done_by_id = owner.id
            services.end_standup(standup, lead, "")
            standup.ended_at = started + timedelta(minutes=rng.randint(12, 17))
            db.session.flush()
            total += 1
            if week == 2:
                # One agreement went onto the board as a card.
                services.action_item_to_card(item, lead)
    db.session.flush()
    return total
