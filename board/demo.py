"""Demo data: "Gemeente Voorbeeld" with three chains, six teams and thirty people.

Each later area adds its own demo content here, through its own services.
"""

from __future__ import annotations

from board.accounts import services as account_services
from board.accounts.models import User
from board.accounts.passwords import hash_password
from board.boards.demo import seed_boards
from board.extensions import db
from board.ideas.demo import seed_ideas
from board.mail import SILENT
from board.org import services as org_services
from board.standups.demo import seed_standups

DEMO_PASSWORD = "wurkje-demo"  # noqa: S105 - documented demo password, refused in production

CHAINS = {
    "Burgerzaken": (
        "Alles rond paspoorten, rijbewijzen, verhuizingen en de burgerlijke stand.",
        ["Publiekszaken", "Klantcontactcentrum"],
    ),
    "Sociaal Domein": (
        "Wmo, jeugd, werk en inkomen: ondersteuning dichtbij de inwoner.",
        ["Wijkteam Noord", "Werk en Inkomen"],
    ),
    "Vergunningen": (
        "Omgevingsvergunningen, evenementen en toezicht onder de Omgevingswet.",
        ["Omgevingsvergunningen", "Evenementen en APV"],
    ),
}

# (e-mail, name, global role, team, team role)
DEMO_ACCOUNTS: list[tuple[str, str, str, str | None, str]] = [
    ("beheerder@example.org", "Bauke de Boer", "admin", None, "member"),
    ("manager@example.org", "Marrit Visser", "manager", None, "member"),
    ("teamleider@example.org", "Tjitske Hoekstra", "employee", "Klantcontactcentrum", "lead"),
    ("medewerker@example.org", "Jelle Postma", "employee", "Klantcontactcentrum", "member"),
]

PEOPLE = [
    ("Anke Bakker", "Publiekszaken", "lead"),
    ("Sjoerd van der Meer", "Publiekszaken", "member"),
    ("Fenna de Vries", "Publiekszaken", "member"),
    ("Pieter Jansen", "Publiekszaken", "member"),
    ("Lieke Mulder", "Klantcontactcentrum", "member"),
    ("Douwe Kuipers", "Klantcontactcentrum", "member"),
    ("Sanne de Jong", "Klantcontactcentrum", "member"),
    ("Hylke Dijkstra", "Wijkteam Noord", "lead"),
    ("Noor El Amrani", "Wijkteam Noord", "member"),
    ("Gerrit Smit", "Wijkteam Noord", "member"),
    ("Marieke Bosma", "Wijkteam Noord", "member"),
    ("Wietske Zijlstra", "Werk en Inkomen", "lead"),
    ("Ruben Meijer", "Werk en Inkomen", "member"),
    ("Femke van Dijk", "Werk en Inkomen", "member"),
    ("Ahmet Yilmaz", "Werk en Inkomen", "member"),
    ("Klaas Wiersma", "Omgevingsvergunningen", "lead"),
    ("Ilse de Graaf", "Omgevingsvergunningen", "member"),
    ("Tjeerd Brouwer", "Omgevingsvergunningen", "member"),
    ("Yvonne Koster", "Omgevingsvergunningen", "member"),
    ("Geert Hofstra", "Evenementen en APV", "lead"),
    ("Esther van Leeuwen", "Evenementen en APV", "member"),
    ("Jan-Willem Kok", "Evenementen en APV", "member"),
    ("Aaltje Terpstra", "Evenementen en APV", "member"),
    ("Romy Veenstra", "Klantcontactcentrum", "member"),
    ("Bram Hendriks", "Publiekszaken", "member"),
    ("Nynke Sikkema", "Wijkteam Noord", "member"),
]


def _email(name: str) -> str:
    local = name.lower().replace(" ", ".").replace("-", "").replace("'", "")
    return f"{local}@voorbeeld.example"


def seed_demo() -> str:
    """Create the demo organisation; returns a one-line summary. Its made-up history sends no
    e-mail, also where a mail server is configured."""
    db.session.info[SILENT] = True
    org_services.set_setting("organisation_name", "Gemeente Voorbeeld")
    teams = {}
    for chain_name, (description, team_names) in CHAINS.items():
        chain = org_services.create_chain(name=chain_name, description=description, actor=None)
        for team_name in team_names:
            teams[team_name] = org_services.create_team(
                chain_id=chain.id,
                name=team_name,
                actor=None,
                description=f"Team {team_name} binnen de keten {chain_name}.",
            )
    everyone: dict[str, User] = {}
    for email, name, role, account_team, team_role in DEMO_ACCOUNTS:
        user = account_services.create_user(email=email, name=name, role=role, actor=None)
        everyone[email] = user
        # One hash per account (own salt); the demo password is documented and public.
        user.password_hash = hash_password(DEMO_PASSWORD)
        if account_team:
            org_services.set_membership(
                user=user, team=teams[account_team], role=team_role, actor=None
            )
    for name, team_name, team_role in PEOPLE:
        user = account_services.create_user(email=_email(name), name=name, actor=None)
        everyone[user.email] = user
        org_services.set_membership(user=user, team=teams[team_name], role=team_role, actor=None)
    org_services.set_setting("demo_data", "1")
    people = len(DEMO_ACCOUNTS) + len(PEOPLE)
    ideas = seed_ideas(list(everyone.values()), teams, everyone["manager@example.org"])
    cards = seed_boards(teams)
    standups = seed_standups(teams)
    db.session.flush()
    db.session.info.pop(SILENT, None)
    return (
        f"Demo data loaded: {len(CHAINS)} chains, {len(teams)} teams, {people} people, "
        f"{ideas} ideas, {len(teams)} boards with {cards} cards, {standups} stand-ups."
    )
