"""Organisation at municipality scale: 10 chains, 30 teams, 400 people, the demo accounts."""

from __future__ import annotations

import re
from collections import defaultdict

from bench.core import GenContext, Row, Step
from board.demo import CHAINS as DEMO_CHAINS
from board.demo import DEMO_ACCOUNTS

CHAIN_NAMES = (
    "Burgerzaken",
    "Sociaal Domein",
    "Vergunningen",
    "Belastingen",
    "Openbare Ruimte",
    "Financiën",
    "Informatievoorziening",
    "Personeel en Organisatie",
    "Communicatie",
    "Veiligheid en Handhaving",
)
TEAMS_PER_CHAIN = 3
TEAM_SUFFIXES = ("Frontoffice", "Backoffice", "Advies")
PEOPLE = 400
MANAGERS = 8
ADMINS = 2
# The team of the demo team lead and employee is made large: the team page is measured there.
BIG_TEAM = "Klantcontactcentrum"
BIG_TEAM_SIZE = 80
SECOND_TEAM_SHARE = 0.1  # people who also belong to a second team

# fmt: off
FIRST_NAMES = (
    "Anke", "Sjoerd", "Fenna", "Pieter", "Lieke", "Douwe", "Sanne", "Hylke", "Noor", "Gerrit",
    "Marieke", "Wietske", "Ruben", "Femke", "Ahmet", "Klaas", "Ilse", "Tjeerd", "Yvonne",
    "Geert", "Esther", "Aaltje", "Romy", "Bram", "Nynke", "Fatima", "Sven", "Jildou", "Mohamed",
    "Evi",
)
LAST_NAMES = (
    "Bakker", "van der Meer", "de Vries", "Jansen", "Mulder", "Kuipers", "de Jong", "Dijkstra",
    "El Amrani", "Smit", "Bosma", "Zijlstra", "Meijer", "van Dijk", "Yilmaz", "Wiersma",
    "de Graaf", "Brouwer", "Koster", "Hofstra", "van Leeuwen", "Kok", "Terpstra", "Veenstra",
    "Hendriks", "Sikkema", "Bouma", "Visser", "Postma", "Hoekstra",
)
# fmt: on


def _team_names(chain: str) -> list[str]:
    """The demo teams of a demo chain first, so the demo accounts find theirs, then generic."""
    names = list(DEMO_CHAINS[chain][1]) if chain in DEMO_CHAINS else []
    for suffix in TEAM_SUFFIXES[len(names) : TEAMS_PER_CHAIN]:
        names.append(f"{chain} {suffix}")
    return names


def _email(first: str, last: str, number: int) -> str:
    local = re.sub(r"[^a-z]", "", f"{first}{last}".lower())
    return f"{local}.{number}@bench.example"


def generate_org(ctx: GenContext) -> None:
    """Chains, teams, people with memberships (one lead or two per team), demo accounts."""
    rng = ctx.rng
    chain_ids = ctx.insert_returning_ids(
        "chains",
        (
            {"name": name, "description": f"De keten {name}.", "active": True}
            for name in CHAIN_NAMES
        ),
    )
    team_rows: list[Row] = [
        {"chain_id": chain_id, "name": name, "description": f"Team {name}.", "active": True}
        for chain_id, chain in zip(chain_ids, CHAIN_NAMES, strict=True)
        for name in _team_names(chain)
    ]
    team_ids = ctx.insert_returning_ids("teams", team_rows)
    team_by_name = {row["name"]: team_id for row, team_id in zip(team_rows, team_ids, strict=True)}

    demo_rows: list[Row] = [
        {
            "email": email,
            "name": name,
            "role": role,
            "password_hash": ctx.password_hash,
            "language": "nl",
            "active": True,
        }
        for email, name, role, _team, _team_role in DEMO_ACCOUNTS
    ]
    demo_ids = ctx.insert_returning_ids("users", demo_rows)

    roles = ["admin"] * ADMINS + ["manager"] * MANAGERS
    roles += ["employee"] * (PEOPLE - len(roles))
    rng.shuffle(roles)
    people_rows: list[Row] = []
    for number, role in enumerate(roles, start=1):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        people_rows.append(
            {
                "email": _email(first, last, number),
                "name": f"{first} {last}",
                "role": role,
                "password_hash": ctx.password_hash,
                "language": "nl",
                "active": True,
            }
        )
    people_ids = ctx.insert_returning_ids("users", people_rows)

    big_team = team_by_name[BIG_TEAM]
    members: dict[int, list[int]] = defaultdict(list)
    members[big_team] = people_ids[: BIG_TEAM_SIZE - 2]  # the two demo members complete it
    others = [t for t in team_ids if t != big_team]
    for person in people_ids[BIG_TEAM_SIZE - 2 :]:
        members[rng.choice(others)].append(person)
    for person in rng.sample(people_ids, int(PEOPLE * SECOND_TEAM_SHARE)):
        team = rng.choice(team_ids)
        if person not in members[team]:
            members[team].append(person)

    membership_rows: list[Row] = []
    for team_id, person_ids in members.items():
        leads = 2 if len(person_ids) > 15 else 1
        membership_rows += [
            {"user_id": person, "team_id": team_id, "role": "lead" if i < leads else "member"}
            for i, person in enumerate(person_ids)
        ]
    for user_id, (_address, _name, _role, team_name, team_role) in zip(
        demo_ids, DEMO_ACCOUNTS, strict=True
    ):
        if team_name:
            membership_rows.append(
                {"user_id": user_id, "team_id": team_by_name[team_name], "role": team_role}
            )
    ctx.insert_many("memberships", membership_rows)
    ctx.insert_many(
        "settings", [{"key": "organisation_name", "value": "Gemeente Voorbeeld (bench)"}]
    )

    ctx.refs.update(
        chain_ids=chain_ids,
        team_ids=team_ids,
        big_team_id=big_team,
        people_ids=people_ids,
        demo_user_ids={row["email"]: uid for row, uid in zip(demo_rows, demo_ids, strict=True)},
    )


STEPS = [Step("org", 1, generate_org)]
