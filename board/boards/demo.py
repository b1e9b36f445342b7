"""Demo boards: every demo team has a "Verbeterbord" with cards across the PDCA columns, some
blocked, some overdue, owners from the team, a few from ideas, and months of history."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select

from board.boards import queries, services
from board.boards.models import CardEvent
from board.clock import now
from board.extensions import db
from board.ideas.models import Idea
from board.org import queries as org_queries
from board.org.models import Team

CARDS = [
    ("Terugbelverzoek in plaats van wachtrij", ["klant"], "telefonie"),
    ("Brieven herschrijven op taalniveau B1", ["klant"], "taal"),
    ("Afspraakbevestiging per sms", ["klant", "proces"], "afspraken"),
    ("Dubbele invoer in het zaaksysteem schrappen", ["proces", "medewerker"], "zaaksysteem"),
    ("Werkinstructie nieuwe collega's bijwerken", ["medewerker"], "inwerken"),
    ("Wachttijd aan de balie zichtbaar maken", ["klant"], "balie"),
    ("Formulier digitaal, met hulp aan de balie", ["klant", "proces"], "digitaal"),
    ("Weekstart van tien minuten invoeren", ["medewerker"], "teamoverleg"),
    ("Klantreis opnieuw lopen met het klantpanel", ["klant"], "klantreis"),
    ("Papieren dossiers opruimen en digitaliseren", ["proces", "financieel"], "archief"),
    ("Standaardantwoorden voor veelgestelde vragen", ["klant", "medewerker"], "kennisbank"),
    ("Doorlooptijd meten per klantvraag", ["proces"], "meten"),
    ("Licenties die niemand gebruikt opzeggen", ["financieel"], "kosten"),
    ("Spreekuur op zaterdagochtend proberen", ["klant"], "openingstijden"),
    ("Overdracht tussen teams op één pagina", ["proces"], "overdracht"),
    ("Klachten binnen een week terugbellen", ["klant"], "klachten"),
    ("Werkvoorraad dagelijks verdelen op het bord", ["medewerker", "proces"], "werkvoorraad"),
    ("Printkosten halveren", ["financieel"], "kosten"),
]
BLOCKED_REASONS = [
    "Wacht op de leverancier van het zaaksysteem",
    "Juridische toets loopt nog",
    "Budget nog niet vrijgegeven",
    "Wacht op akkoord van de privacy officer",
]
# How the cards spread over Ideeën, Plan, Do, Check, Act, Klaar.
SPREAD = [0, 0, 0, 1, 1, 2, 2, 2, 3, 3, 4, 5, 5, 5, 5]


def seed_boards(teams: dict[str, Team], rng_seed: int = 20261201) -> int:
    """A board per team with 10–20 cards and their history; returns the number of cards."""
    rng = random.Random(rng_seed)  # noqa: S311 - demo data, reproducible on purpose
    today = now()
    total = 0
    for team in teams.values():
        members = [m.user for m in org_queries.list_members(team.id)]
        lead = next((m.user for m in org_queries.list_members(team.id) if m.role == "lead"), None)
        actor = lead or (members[0] if members else None)
        board = services.create_board(team, "Verbeterbord", "verbeterbord", actor)
        columns = queries.list_columns(board.id)
        services.set_wip_limit(columns[2], "3", actor)  # Do
        ideas = list(
            db.session.scalars(
                select(Idea.id).where(
                    Idea.team_id == team.id, Idea.status.in_(("gepland", "in_uitvoering"))
                )
            )
        )
        picks = rng.sample(CARDS, k=rng.randint(12, 16))
        for n, (title, perspectives, tag) in enumerate(picks):
            target = SPREAD[n % len(SPREAD)]
            owners = rng.sample(members, k=min(len(members), rng.choice([1, 1, 2])))
            blocked = target in (1, 2, 3) and rng.random() < 0.25
            card = services.create_card(
                board,
                services.CardInput(
                    title=title,
                    description="",
                    owner_ids=[u.id for u in owners],
                    perspectives=perspectives,
                    tags=[tag],
                    blocked=blocked,
                    blocked_reason=rng.choice(BLOCKED_REASONS) if blocked else "",
                ),
                actor,
                column_id=columns[target].id,
                idea_id=ideas.pop() if ideas and rng.random() < 0.5 else None,
            )
            if target in (1, 2, 3) and rng.random() < 0.35:
                card.due_date = (today - timedelta(days=rng.randint(2, 20))).date()  # overdue
            elif target < 5 and rng.random() < 0.5:
                card.due_date = (today + timedelta(days=rng.randint(3, 60))).date()
            # Its history: made in Ideeën months ago, then on through the columns.
            started = today - timedelta(days=rng.randint(20, 300), hours=rng.randint(0, 8))
            db.session.query(CardEvent).filter_by(card_id=card.id).update(
                {"created_at": started, "to_value": columns[0].name, "to_column_id": columns[0].id}
            )
            moment = started
            for step in range(1, target + 1):
                moment = min(moment + timedelta(days=rng.randint(2, 25)), today)
                mover = rng.choice(members) if members else actor
                db.session.add(
                    CardEvent(
                        card_id=card.id,
                        board_id=board.id,
                        actor_id=getattr(mover, "id", None),
                        kind="move",
                        from_value=columns[step - 1].name,
                        to_value=columns[step].name,
                        from_column_id=columns[step - 1].id,
                        to_column_id=columns[step].id,
                        created_at=moment,
                    )
                )
            card.created_at = started
            card.column_entered_at = card.updated_at = moment
            db.session.query(CardEvent).filter(
                CardEvent.card_id == card.id, CardEvent.kind != "move", CardEvent.kind != "created"
            ).update({"created_at": started})
            total += 1
    db.session.flush()
    return total
