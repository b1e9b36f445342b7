"""Demo ideas for "Gemeente Voorbeeld": realistic Dutch improvement points from every channel,
in every status, with votes and comments, made through the services so every rule holds."""

from __future__ import annotations

import random
from datetime import timedelta

from board.accounts.models import User
from board.clock import now
from board.extensions import db
from board.ideas import services
from board.ideas.models import Comment, Idea, IdeaEvent, Vote
from board.org.models import Team

# (title, explanation, perspectives, source, team name or None, tags)
IDEAS = [
    (
        "Paspoort digitaal aanvragen en alleen ophalen aan de balie",
        "Nu moet je twee keer langskomen. Als de aanvraag online kan, is één bezoek genoeg.",
        ["klant", "proces"],
        "klantpanel",
        "Publiekszaken",
        "paspoort, digitaal",
    ),
    (
        "Terugbelafspraak in plaats van wachten in de telefoonrij",
        "Inwoners hangen soms twintig minuten in de wacht. Laat ze een terugbelmoment kiezen.",
        ["klant"],
        "medewerker",
        "Klantcontactcentrum",
        "telefoon, wachttijd",
    ),
    (
        "Eén contactpersoon voor inwoners met meerdere hulpvragen",
        "Wie schulden, Wmo en jeugdhulp tegelijk heeft, krijgt nu drie loketten. Eén regisseur.",
        ["klant", "proces"],
        "clientenraad",
        "Wijkteam Noord",
        "één gemeente, regie",
    ),
    (
        "Brieven in begrijpelijke taal (B1)",
        "Onze beschikkingen zijn juridisch correct maar onleesbaar. Laat ze testen door het "
        "klantpanel.",
        ["klant"],
        "klantpanel",
        None,
        "taal, brieven",
    ),
    (
        "Vergunningcheck vooraf op de website",
        "Veel aanvragen blijken vergunningvrij. Een vragenlijst vooraf scheelt iedereen werk.",
        ["klant", "proces", "financieel"],
        "ondernemer",
        "Omgevingsvergunningen",
        "omgevingswet, website",
    ),
    (
        "Evenementenaanvraag in één formulier voor alle vergunningen",
        "Organisatoren vullen nu vier formulieren in met dezelfde gegevens.",
        ["klant", "proces"],
        "ondernemer",
        "Evenementen en APV",
        "evenementen, formulier",
    ),
    (
        "Spreekuur in de bibliotheek voor digitale hulp",
        "Digitaal, tenzij: wie het niet zelf kan, helpen we dichtbij, met een vast spreekuur.",
        ["klant"],
        "wijkteam",
        "Wijkteam Noord",
        "digitaal tenzij, inclusie",
    ),
    (
        "Thuiswerkdag vast inplannen per team",
        "Dan weet iedereen wanneer het team op kantoor is en kan de stand-up daar gehouden worden.",
        ["medewerker"],
        "medewerker",
        None,
        "werkplezier",
    ),
    (
        "Kennisbank voor het klantcontactcentrum bijwerken",
        "Antwoorden kloppen soms niet meer na een regelwijziging. Eigenaar per onderwerp.",
        ["medewerker", "proces"],
        "medewerker",
        "Klantcontactcentrum",
        "kennisbank",
    ),
    (
        "Uitkering sneller na eerste gesprek",
        "Tussen intake en eerste betaling zitten nu zes weken. Voorschot na het eerste gesprek.",
        ["klant", "financieel"],
        "clientenraad",
        "Werk en Inkomen",
        "uitkering, doorlooptijd",
    ),
    (
        "Status van mijn aanvraag online zien",
        "Inwoners bellen vooral om te vragen hoe het met hun aanvraag staat.",
        ["klant", "proces"],
        "inwoner",
        None,
        "digitaal, status",
    ),
    (
        "Papieren dossiers van vergunningen digitaliseren",
        "Zoeken in het archief kost per aanvraag gemiddeld een uur.",
        ["proces", "financieel"],
        "medewerker",
        "Omgevingsvergunningen",
        "archief, digitaal",
    ),
    (
        "Afspraak maken via WhatsApp",
        "Jongeren bellen niet en mailen niet. Laat ze een afspraak maken via een chat.",
        ["klant"],
        "wijkteam",
        "Publiekszaken",
        "chat, afspraak",
    ),
    (
        "Inwerkprogramma voor nieuwe collega's bij Publiekszaken",
        "Nieuwe collega's leren nu vooral door mee te kijken. Een buddy en een checklist helpen.",
        ["medewerker"],
        "medewerker",
        "Publiekszaken",
        "inwerken",
    ),
    (
        "Bijzondere bijstand aanvragen zonder bankafschriften op papier",
        "Laat inwoners afschriften uploaden of toestemming geven voor inzage.",
        ["klant", "proces"],
        "clientenraad",
        "Werk en Inkomen",
        "bijstand, digitaal",
    ),
    (
        "Meldingen openbare ruimte terugkoppelen aan de melder",
        "Wie een kapotte lantaarnpaal meldt, hoort nooit meer iets. Stuur een bericht als het "
        "is opgelost.",
        ["klant"],
        "inwoner",
        None,
        "melding, terugkoppeling",
    ),
    (
        "Standaardteksten voor veelgestelde vragen in de chat",
        "Scheelt typen en geeft iedereen hetzelfde, juiste antwoord.",
        ["medewerker", "proces"],
        "medewerker",
        "Klantcontactcentrum",
        "chat",
    ),
    (
        "Legeskosten vooraf tonen bij de aanvraag",
        "Ondernemers schrikken van de rekening achteraf.",
        ["klant", "financieel"],
        "ondernemer",
        "Omgevingsvergunningen",
        "leges",
    ),
    (
        "Huisbezoek door één medewerker in plaats van twee",
        "Bij eenvoudige Wmo-aanvragen kan één consulent het gesprek voeren.",
        ["financieel", "proces"],
        "medewerker",
        "Wijkteam Noord",
        "wmo",
    ),
    (
        "Vaste wekelijkse stand-up bij het bord",
        "Kort, staand, elke maandag om negen uur. Afspraken komen terug tot ze af zijn.",
        ["medewerker", "proces"],
        "medewerker",
        None,
        "lean, stand-up",
    ),
]

VARIANTS = [
    (
        "Wachttijd aan de balie verkorten met een digitale wachtrij",
        ["klant"],
        "klantpanel",
        "Publiekszaken",
        "wachttijd, balie",
    ),
    (
        "Rijbewijs verlengen zonder afspraak op rustige momenten",
        ["klant", "proces"],
        "inwoner",
        "Publiekszaken",
        "rijbewijs",
    ),
    (
        "Verhuizing doorgeven met DigiD in twee minuten",
        ["klant", "proces"],
        "inwoner",
        "Publiekszaken",
        "verhuizing, digitaal",
    ),
    (
        "Klantvraag centraal: producten bundelen tot levensgebeurtenissen",
        ["klant", "proces"],
        "medewerker",
        None,
        "klantvraag",
    ),
    (
        "Thuisbezorging van reisdocumenten voor minder mobiele inwoners",
        ["klant"],
        "clientenraad",
        "Publiekszaken",
        "inclusie, paspoort",
    ),
    (
        "Schuldhulp eerder in beeld via signalen van woningcorporaties",
        ["klant", "financieel"],
        "wijkteam",
        "Werk en Inkomen",
        "schulden, preventie",
    ),
    (
        "Ondernemersloket met één vast aanspreekpunt",
        ["klant"],
        "ondernemer",
        "Evenementen en APV",
        "ondernemers",
    ),
    (
        "Klanttevredenheid na elk contact meten met één vraag",
        ["klant", "proces"],
        "medewerker",
        "Klantcontactcentrum",
        "meten, effect",
    ),
    (
        "Overdracht tussen teams via een gezamenlijk bord",
        ["proces", "medewerker"],
        "medewerker",
        None,
        "samenwerken",
    ),
    (
        "Minder printen: standaard dubbelzijdig en digitaal ondertekenen",
        ["financieel"],
        "medewerker",
        None,
        "duurzaam, kosten",
    ),
    (
        "Servicenormen publiceren: binnen hoeveel dagen hoort u van ons",
        ["klant"],
        "klantpanel",
        None,
        "servicenorm",
    ),
    (
        "Aanvraag evenementenvergunning twee weken sneller afhandelen",
        ["klant", "proces"],
        "ondernemer",
        "Evenementen en APV",
        "doorlooptijd, evenementen",
    ),
    (
        "Jeugdhulp: ouders één plan in plaats van drie",
        ["klant", "proces"],
        "clientenraad",
        "Wijkteam Noord",
        "jeugd, regie",
    ),
    (
        "Sneller antwoord op e-mail: binnen twee werkdagen",
        ["klant"],
        "inwoner",
        "Klantcontactcentrum",
        "e-mail, servicenorm",
    ),
    (
        "Telefonische bereikbaarheid verruimen op dinsdagavond",
        ["klant", "medewerker"],
        "klantpanel",
        "Klantcontactcentrum",
        "telefoon",
    ),
]

PLACES = [
    "in Sneek",
    "in Bolsward",
    "in de dorpen",
    "voor ouderen",
    "voor ondernemers",
    "voor statushouders",
    "voor jongeren",
    "in de wijk",
    "bij het stadskantoor",
    "",
]

COMMENTS = [
    "Goed idee, dit hoor ik vaak aan de telefoon.",
    "Hebben we dit niet al eens geprobeerd in 2019? Wat ging er toen mis?",
    "Het klantpanel noemde dit vorige maand ook.",
    "Kan dit meteen mee in het nieuwe zaaksysteem?",
    "Ik wil hier graag aan meewerken.",
    "Let op de privacy: wie mag deze gegevens zien?",
    "Bij de buurgemeente werkt dit al, we kunnen daar eens gaan kijken.",
    "Eens, en het scheelt ons ook veel werk achteraf.",
]

STATUS_WEIGHTS = [
    ("nieuw", 40),
    ("in_behandeling", 15),
    ("gepland", 12),
    ("in_uitvoering", 12),
    ("gerealiseerd", 12),
    ("afgewezen", 6),
]


def seed_ideas(people: list[User], teams: dict[str, Team], manager: User, count: int = 240) -> int:
    """Create about `count` ideas over the past year, with votes, comments and triage."""
    rng = random.Random(20261123)  # noqa: S311 - demo data, reproducible on purpose
    today = now()
    specs = []
    for title, body, perspectives, source, team, tags in IDEAS:
        specs.append((title, body, perspectives, source, team, tags))
    while len(specs) < count:
        title, perspectives, source, team, tags = rng.choice(VARIANTS)
        place = rng.choice(PLACES)
        full = f"{title} {place}".strip()
        body = rng.choice(
            [
                "Dit kwam naar voren in het gesprek met het klantpanel.",
                "Uit de klantreis bleek dat inwoners hier vastlopen.",
                "Collega's van de balie merken dit elke week.",
                "Kleine stap, groot verschil voor de inwoner.",
                "",
            ]
        )
        specs.append((full, body, perspectives, source, team, tags))
    statuses, weights = zip(*STATUS_WEIGHTS, strict=True)
    created = []
    for n, (title, body, perspectives, source, team_name, tags) in enumerate(specs):
        author = rng.choice(people)
        from_panel = source in ("klantpanel", "clientenraad", "wijkteam", "inwoner")
        team = teams.get(team_name) if team_name else None
        idea = services.submit_idea(
            services.IdeaInput(
                title=title[:120],
                body=body,
                perspectives=perspectives,
                source=source,
                team_id=team.id if team else None,
                tags=tags,
                anonymous=rng.random() < 0.1,
            ),
            submitter=None if from_panel and rng.random() < 0.5 else author,
        )
        moment = today - timedelta(days=rng.randint(0, 360), hours=rng.randint(0, 10))
        idea.created_at = idea.updated_at = idea.last_activity_at = moment
        db.session.query(IdeaEvent).filter_by(idea_id=idea.id).update({"created_at": moment})
        voters = rng.sample(people, k=min(len(people), int(rng.paretovariate(1.3)) - 1))
        for person in voters:
            db.session.add(
                Vote(
                    idea_id=idea.id,
                    user_id=person.id,
                    created_at=moment + timedelta(days=rng.randint(0, 30)),
                )
            )
        idea.vote_count = len(voters)
        for _ in range(rng.choice([0, 0, 0, 1, 1, 2, 3])):
            db.session.add(
                Comment(
                    idea_id=idea.id,
                    author_id=rng.choice(people).id,
                    body=rng.choice(COMMENTS),
                    created_at=moment + timedelta(days=rng.randint(0, 20)),
                )
            )
            idea.comment_count += 1
        status = rng.choices(statuses, weights)[0] if n >= 3 else "nieuw"
        if status != "nieuw":
            services.change_status(
                idea,
                manager,
                status,
                "Past niet binnen de taken van de gemeente." if status == "afgewezen" else "",
            )
            if rng.random() < 0.6:
                services.set_estimate(
                    idea, manager, impact=rng.randint(1, 5), effort=rng.randint(1, 5)
                )
        # Triage happened in the weeks after submission, not today.
        events = db.session.query(IdeaEvent).filter_by(idea_id=idea.id).order_by(IdeaEvent.id)
        for step, event in enumerate(events):
            event.created_at = moment + timedelta(days=3 * step, hours=step)
        created.append(idea)
    db.session.flush()
    # Two obvious duplicates merged, so the merge trail is there to see.
    if len(created) > 30:
        services.merge_ideas(created[25].id, created[1].id, manager)
    return len(created) + seed_intake(people, teams, manager)


# (label, source, team name or None, chain name or None)
INTAKE_LINKS = [
    ("Klantpanel Sneek", "klantpanel", "Klantcontactcentrum", None),
    ("Cliëntenraad Sociaal Domein", "clientenraad", None, "Sociaal Domein"),
    ("Wijkteam Noord, bewonersavond", "wijkteam", "Wijkteam Noord", None),
]
# (link number, title, explanation, contact e-mail or "")
INTAKE_IDEAS = [
    (
        0,
        "Bevestiging sturen als je een afspraak hebt gemaakt",
        "Ik belde voor een afspraak en wist daarna niet zeker of die echt was ingepland.",
        "panellid@example.org",
    ),
    (
        0,
        "Wachtmuziek korter en zeggen hoeveel mensen er voor je zijn",
        "Dan weet je of je beter later kunt terugbellen.",
        "",
    ),
    (
        1,
        "Formulieren voor bijzondere bijstand op papier blijven aanbieden",
        "Niet iedereen kan met DigiD overweg. Zorg dat een papieren formulier makkelijk te "
        "krijgen is, ook bij het wijkteam.",
        "clientenraad@example.org",
    ),
    (
        2,
        "Spreekuur van het wijkteam ook op zaterdagochtend",
        "Wie werkt, kan doordeweeks niet langskomen.",
        "",
    ),
]


def seed_intake(people: list[User], teams: dict[str, Team], manager: User) -> int:
    """Intake links for a customer panel, a client council and a neighbourhood team, with a
    few ideas waiting in the moderation queue."""
    from board.ideas import intake_services
    from board.org.queries import get_chain_by_name

    lead = next((p for p in people if p.email == "teamleider@example.org"), manager)
    links = []
    for label, source, team_name, chain_name in INTAKE_LINKS:
        team = teams.get(team_name) if team_name else None
        chain = get_chain_by_name(chain_name) if chain_name else None
        links.append(
            intake_services.create_intake_link(
                label=label,
                source=source,
                team_id=team.id if team else None,
                chain_id=chain.id if chain else None,
                actor=lead if team_name == "Klantcontactcentrum" else manager,
            )
        )
    today = now()
    for n, (link_number, title, body, email) in enumerate(INTAKE_IDEAS):
        idea = intake_services.submit_through_link(
            links[link_number],
            intake_services.PublicIdeaInput(title=title, body=body, contact_email=email),
        )
        moment = today - timedelta(days=len(INTAKE_IDEAS) - n, hours=n)
        idea.created_at = idea.updated_at = idea.last_activity_at = moment
    db.session.flush()
    return len(INTAKE_IDEAS)


def demo_idea_count() -> int:
    """How many ideas the demo has (for the summary line)."""
    return db.session.query(Idea).count()
