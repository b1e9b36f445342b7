"""Ideas at municipality scale: 10,000 ideas over three years, 100,000 votes, 20,000 comments.

Everything is planned in Python first (who votes, who comments, when), so the counters kept on
`ideas` (vote_count, comment_count, last_activity_at) are written once and equal the rows.
Merged ideas keep no votes or comments of their own, as after `services.merge_ideas`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import bindparam, select, text, update

from bench.core import GenContext, Row, Step, table
from board.ideas.models import PENDING, REJECTED, VISIBLE
from board.ideas.search import stem_words

IDEAS = 10_000
VOTES = 100_000
COMMENTS = 20_000
BUSY_COMMENTS = 50  # the one idea whose page is measured with a long discussion
MAX_OTHER_COMMENTS = 40
MAX_VOTES = 390  # of the 404 people
DAYS = 3 * 365
SEARCH_WORD = "wachttijd"  # matches a few percent of the ideas (title or body)

# fmt: off
# (object as used in a headline, its tag)
TOPICS = (
    ("paspoort", "paspoort"), ("rijbewijs", "rijbewijs"), ("identiteitskaart", "id-kaart"),
    ("omgevingsvergunning", "omgevingswet"), ("parkeervergunning", "parkeren"),
    ("evenementenvergunning", "evenementen"), ("kapvergunning", "bomen"),
    ("terrasvergunning", "horeca"), ("drank- en horecavergunning", "horeca"),
    ("uitkering", "uitkering"), ("bijzondere bijstand", "bijstand"), ("Wmo-aanvraag", "wmo"),
    ("jeugdhulp", "jeugd"), ("schuldhulpverlening", "schulden"), ("afvalpas", "afval"),
    ("grofvuil ophalen", "afval"), ("WOZ-beschikking", "woz"), ("belastingaanslag", "belastingen"),
    ("kwijtschelding", "kwijtschelding"), ("verhuizing doorgeven", "verhuizen"),
    ("huwelijk en partnerschap", "trouwen"), ("geboorteaangifte", "geboorte"),
    ("uittreksel BRP", "brp"), ("melding openbare ruimte", "meldingen"),
    ("subsidieaanvraag", "subsidie"), ("inkooporder", "inkoop"), ("declaratie", "declaraties"),
    ("klacht", "klachten"), ("bezwaarschrift", "bezwaar"), ("Woo-verzoek", "woo"),
    ("gehandicaptenparkeerkaart", "parkeren"), ("leerlingenvervoer", "leerlingenvervoer"),
    ("inburgering", "inburgering"), ("energietoeslag", "energietoeslag"),
    ("marktvergunning", "markt"), ("hondenbelasting", "belastingen"),
    ("ondernemersloket", "ondernemers"), ("factuur van leveranciers", "facturen"),
    ("rioolaansluiting", "riolering"), ("standplaatsvergunning", "markt"),
)
CHANNELS = (
    "aan de balie", "aan de telefoon", "op het stadskantoor", "in de chat", "bij het KCC",
    "via de website", "in het gemeentehuis", "bij het wijkteam",
)
# (headline, weight); {o} the object, {O} capitalised, {c} a channel
TITLE_PATTERNS = (
    ("Kortere wachttijden voor {o} {c}", 0.6),
    ("Wachttijd voor {o} vooraf tonen op de website", 0.3),
    ("{O} volledig online aanvragen", 6), ("{O} aanvragen zonder afspraak", 4),
    ("Afspraak voor {o} zelf kunnen verzetten", 4), ("Eén formulier voor {o}", 4),
    ("Formulier voor {o} korter maken", 4), ("Begrijpelijke brief over {o} (B1)", 4),
    ("Status van {o} online laten zien", 4), ("Terugbellen bij vragen over {o}", 4),
    ("Minder papierwerk bij {o}", 4), ("Sneller besluit over {o}", 4),
    ("Werkinstructie {o} actualiseren", 3), ("Dubbele invoer bij {o} schrappen", 3),
    ("Checklist voor {o} aan de balie", 3), ("Telefonisch spreekuur over {o}", 3),
    ("Vaste contactpersoon voor {o}", 3), ("Kosten van {o} vooraf tonen", 2),
    ("{O} digitaal ondertekenen", 2), ("Uitleg over {o} in de chat", 2),
    ("Kennisbank over {o} bijwerken", 2), ("Avondopenstelling balie voor {o}", 2),
    ("Automatische controle bij {o}", 2), ("{O}: één keer gegevens aanleveren", 2),
    ("Afspraak voor {o} op zaterdag", 1.5), ("Foto voor {o} ter plekke maken", 0.5),
)
GENERIC_TITLES = (
    "Vaste thuiswerkdag per team", "Stand-up bij het teambord op maandag",
    "Inwerkprogramma voor nieuwe collega's", "Minder vergaderen op vrijdagmiddag",
    "Tweede scherm op alle flexplekken", "Cursus B1-schrijven voor iedereen",
    "Vaste overdracht tussen frontoffice en backoffice", "Wachtmuziek aan de telefoon vervangen",
    "Wachttijden aan de telefoon live op de website tonen", "Eén telefoonnummer voor de gemeente",
    "Terugbelafspraak in plaats van wachten in de rij", "Betalen met pin bij alle balies",
    "Printer op de tweede verdieping vervangen", "Deelauto's voor huisbezoeken",
    "Spreekuur in de bibliotheek voor digitale hulp", "Buddy voor nieuwe medewerkers",
    "Klantreis in kaart brengen met het klantpanel", "Ontvangst in het gemeentehuis vriendelijker",
    "Teamuitje met een maatschappelijk doel", "Zelfbedieningszuil in de hal",
    "Lean-training voor alle teamleiders", "Afspraken maken via WhatsApp",
    "Formulieren op de website testen met inwoners", "Minder mail, meer overleg in Teams",
    "Archief digitaliseren", "Vergaderruimtes reserveren via één systeem",
)
TOPIC_SENTENCES = (
    ("Nu moeten inwoners twee keer langskomen voor {o}.", 1),
    ("Op drukke dagen is de wachttijd {c} voor {o} meer dan een half uur.", 0.06),
    ("Veel telefoontjes gaan over de stand van zaken bij {o}.", 1),
    ("Het formulier voor {o} vraagt gegevens die we al hebben.", 1),
    ("Collega's typen de gegevens van {o} nu over in een tweede systeem.", 1),
    ("Bij {o} krijgen inwoners nu drie brieven waar één genoeg is.", 1),
    ("Een afspraak voor {o} is nu pas over drie weken te maken.", 1),
    ("Ondernemers vragen regelmatig naar de kosten van {o}.", 0.7),
    ("Het klantpanel noemde {o} als grootste ergernis.", 0.7),
    ("In een buurgemeente gaat {o} al helemaal digitaal.", 0.7),
)
GENERIC_SENTENCES = (
    ("Dit scheelt naar schatting een paar uur per week.", 1),
    ("Collega's zijn veel tijd kwijt aan zoeken en overtypen.", 1),
    ("Inwoners begrijpen onze brieven vaak niet.", 1),
    ("Wie geen DigiD heeft, loopt nu vast.", 1),
    ("Het kost weinig en het levert veel op.", 1),
    ("We kunnen dit eerst drie maanden proberen in één team.", 1),
    ("Een eenvoudige checklist zou al helpen.", 1),
    ("Het idee komt uit de laatste teamdag.", 1),
    ("Inwoners met een uitkering hebben vaak geen printer thuis.", 0.6),
    ("Aan de balie horen we deze vraag elke dag.", 1),
    ("Bij de telefoon stellen inwoners steeds dezelfde vraag.", 1),
    ("De regels zijn niet veranderd, alleen de uitleg kan beter.", 1),
    ("Misschien kan Informatievoorziening hierbij helpen.", 0.8),
    ("Wie een afspraak mist, moet nu opnieuw beginnen.", 0.8),
    ("Het formulier op de website werkt slecht op een telefoon.", 0.8),
    ("Zo houden we meer tijd over voor inwoners die echt hulp nodig hebben.", 1),
    ("De cliëntenraad heeft hier vorig jaar ook al om gevraagd.", 0.6),
    ("Dit past bij digitaal, tenzij.", 0.6),
    ("Graag hoor ik wat andere teams ervan vinden.", 1),
    ("Er is geen budget voor nodig, alleen een andere afspraak.", 0.8),
)
COMMENT_SENTENCES = (
    "Goed idee!", "Helemaal mee eens.", "Dit speelt bij ons team ook.",
    "Hebben we dit niet al eens geprobeerd?", "Kunnen we dit eerst klein testen?",
    "Inwoners vragen hier vaak naar.", "Wie pakt dit op?", "Ik help graag mee.",
    "Let op de privacy: overleg even met de FG.", "In Leeuwarden werkt dit al zo.",
    "Dit scheelt ons veel telefoontjes.", "Misschien kan het klantpanel meedenken.",
    "Wat kost dit ongeveer?", "Eens, maar dan ook de werkinstructie aanpassen.",
    "Top, graag snel invoeren.", "Ik twijfel of dit past binnen de regels.",
)
THEME_TAGS = (
    "digitaal", "digitaal tenzij", "lean", "werkplezier", "kennisbank", "taal", "brieven", "b1",
    "website", "chat", "telefoon", "balie", "afspraak", "formulier", "status", "terugkoppeling",
    "doorlooptijd", "regie", "één gemeente", "inclusie", "privacy", "archief", "inwerken",
    "stand-up", "teambord", "overdracht", "samenwerking", "klantreis", "klantpanel",
    "cliëntenraad", "ondernemers", "duurzaamheid", "kosten", "besparing", "automatisering",
    "werkinstructie", "kwaliteit", "klanttevredenheid", "toegankelijkheid", "veiligheid",
    "thuiswerken", "hybride werken", "opleiding", "vergaderen", "software", "hardware",
    "printen", "post", "digid", "eherkenning", "mijn gemeente", "zaakgericht werken",
    "dienstverlening", "bereikbaarheid", "openingstijden", "avondopenstelling", "wijkgericht",
    "preventie", "mantelzorg", "armoede", "laaggeletterdheid", "senioren", "jongeren",
    "statushouders", "eenvoud", "vertrouwen", "quick win", "pilot", "idee van de maand",
    "verbeterbord", "werkdruk", "mobiliteit", "groen", "afvalscheiding", "energie", "wonen",
    "zorg", "onderwijs", "sport", "cultuur", "handhaving", "verkeer", "fiets", "openbaar vervoer",
    "bibliotheek", "buurthuis", "vrijwilligers", "participatie", "inspraak", "burgerpanel",
    "wijkbudget", "communicatie", "social media", "nieuwsbrief", "intranet", "ict-storing",
    "wachtmuziek", "terugbellen", "callcenter", "teamoverleg", "flexplek", "koffie", "kantine",
    "fietsplan", "verzuim", "vitaliteit", "mantelzorgwaardering", "gastvrijheid",
)
PLACE_TAGS = tuple(f"wijk {name}" for name in (
    "noord", "oost", "zuid", "west", "centrum", "binnenstad", "de hemrik", "heechterp",
    "schieringen", "bilgaard", "vrijheidswijk", "camminghaburen", "nijlân", "zuiderburen",
    "westeinde", "oranjewijk", "huizum", "aldlân", "achter de hoven", "de zuidlanden",
)) + tuple(f"dorp {name}" for name in (
    "wirdum", "goutum", "stiens", "grou", "jirnsum", "reduzum", "wergea", "warten", "lekkum",
    "hempens", "teerns", "swichum", "jelsum", "koarnjum", "britsum", "feinsum", "lions",
    "idaerd", "friens", "roordahuizum",
))
PROGRAMME_TAGS = tuple(f"{name} {year}" for name in (
    "programma dienstverlening", "verbeterplan", "jaarplan", "kanaalsturing",
) for year in (2024, 2025, 2026)) + tuple(f"project {name}" for name in (
    "wachtrij", "zaaksysteem", "nieuwe website", "klantvolgsysteem", "telefonie", "archief",
    "omgevingsloket", "e-formulieren", "terugbellen", "kennisbank",
))
REJECT_REASONS = (
    "Dit valt onder landelijke regels; de gemeente kan het niet veranderen.",
    "Te duur voor wat het oplevert; we kijken er volgend jaar opnieuw naar.",
    "Het nieuwe zaaksysteem lost dit op.",
    "Dit botst met de privacyregels.",
)
PERSPECTIVE_WEIGHTS = {"klant": 0.55, "medewerker": 0.35, "proces": 0.45, "financieel": 0.2}
SOURCE_WEIGHTS = {"medewerker": 50, "klantpanel": 10, "clientenraad": 7, "wijkteam": 10,
                  "inwoner": 13, "ondernemer": 6, "overig": 4}
STATUS_WEIGHTS = {"nieuw": 44, "in_behandeling": 26, "gepland": 7, "in_uitvoering": 6,
                  "gerealiseerd": 8, "afgewezen": 6, "samengevoegd": 3}
# fmt: on


@dataclass
class Plan:
    """One idea before it is inserted; its index is its place in creation order."""

    created: datetime
    title: str
    body: str
    tags: list[str]
    perspectives: list[str]
    source: str
    status: str
    moderation: str
    topic: str | None
    chain_id: int | None
    team_id: int | None
    submitter_id: int | None
    anonymous: bool
    contact_email: str | None
    impact: int | None
    effort: int | None
    decision_reason: str = ""
    status_at: datetime | None = None
    merged_into: int | None = None  # index of the surviving idea
    voters: list[int] = field(default_factory=list)
    comments: list[tuple[int, datetime, str]] = field(default_factory=list)  # author, when, body

    @property
    def votable(self) -> bool:
        return self.moderation == VISIBLE and self.status != "samengevoegd"


class _Stems:
    """`stem_words` per distinct word, once: the texts reuse a small vocabulary."""

    _word = re.compile(r"\w+", re.UNICODE)

    def __init__(self) -> None:
        self.cache: dict[str, str] = {}

    def terms(self, value: str) -> list[str]:
        out = []
        for word in self._word.findall(value):
            key = word.lower()
            if key not in self.cache:
                self.cache[key] = " ".join(stem_words(key))
            out.append(self.cache[key])
        return out


def _weighted(rng, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def _distinct(rng, weights: dict[str, float], k: int) -> list[str]:
    pool = dict(weights)
    picked = []
    for _ in range(k):
        choice = _weighted(rng, pool)
        picked.append(choice)
        del pool[choice]
    return picked


def _fill(pattern: str, obj: str, channel: str) -> str:
    return pattern.format(o=obj, O=obj[0].upper() + obj[1:], c=channel)


def _body(rng, obj: str | None, channel: str) -> str:
    if rng.random() < 0.15:
        return ""
    target = rng.randint(40, 800)
    sentences = list(GENERIC_SENTENCES) + (list(TOPIC_SENTENCES) if obj else [])
    text_ = ""
    while sentences and len(text_) < target:
        pick = rng.choices(sentences, [w for _, w in sentences])[0]
        sentences.remove(pick)
        sentence = _fill(pick[0], obj, channel) if obj else pick[0]
        glue = "" if not text_ else ("\n\n" if rng.random() < 0.15 else " ")
        if len(text_) + len(glue) + len(sentence) > 800:
            break
        text_ += glue + sentence
    return text_


def _spread(rng, start: datetime, end: datetime, within: timedelta | None = None) -> datetime:
    """A moment after `start`, mostly soon after it, never after `end`."""
    span = end - start
    if within is not None:
        span = min(span, within)
    return start + span * (rng.random() ** 2)


def generate_ideas(ctx: GenContext) -> None:
    """Ideas with perspectives, tags, votes, comments, events, follows and search terms."""
    rng = ctx.rng
    moment = datetime.now(UTC).replace(microsecond=0)
    first = moment - timedelta(days=DAYS)
    demo_ids = list(ctx.refs["demo_user_ids"].values())
    people = ctx.refs["people_ids"] + demo_ids
    team_table = table("teams")
    teams = ctx.conn.execute(
        select(team_table.c.id, team_table.c.chain_id).order_by(team_table.c.id)
    ).all()
    chain_of = dict(teams)
    big_team = ctx.refs["big_team_id"]
    team_ids = [t for t, _ in teams]
    team_weights = [3 if t == big_team else 1 for t in team_ids]
    users = table("users")
    deciders = list(
        ctx.conn.scalars(
            select(users.c.id).where(users.c.role.in_(("manager", "admin"))).order_by(users.c.id)
        )
    )

    # Tags: a topic tag, theme tags, places and programmes; used Zipf-like.
    tag_names = list(
        dict.fromkeys(
            [t for _, t in TOPICS]
            + [SEARCH_WORD]
            + list(THEME_TAGS)
            + list(PLACE_TAGS)
            + list(PROGRAMME_TAGS)
        )
    )
    extra_tags = [t for t in tag_names if t != SEARCH_WORD and t not in {x for _, x in TOPICS}]
    rng.shuffle(extra_tags)
    extra_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(extra_tags))]

    # --- ideas, in creation order -------------------------------------------------------
    created = sorted(first + timedelta(seconds=rng.randint(0, DAYS * 86400)) for _ in range(IDEAS))
    patterns = [p for p, _ in TITLE_PATTERNS]
    pattern_weights = [w for _, w in TITLE_PATTERNS]
    plans: list[Plan] = []
    for number, when in enumerate(created, start=1):
        channel = rng.choice(CHANNELS)
        tags: list[str] = []
        if rng.random() < 0.85:
            obj, topic = rng.choice(TOPICS)
            title = _fill(rng.choices(patterns, pattern_weights)[0], obj, channel)
            body = _body(rng, obj, channel)
            if rng.random() < 0.6:
                tags.append(topic)
        else:
            obj, topic = None, None
            title = rng.choice(GENERIC_TITLES)
            body = _body(rng, None, channel)
        if SEARCH_WORD in title.lower() and rng.random() < 0.5:
            tags.append(SEARCH_WORD)  # only where the text says it: both databases agree
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            if len(tags) < 3:
                tag = rng.choices(extra_tags, extra_weights)[0]
                if tag not in tags:
                    tags.append(tag)
        source = _weighted(rng, SOURCE_WEIGHTS)
        status = _weighted(rng, STATUS_WEIGHTS)
        submitter = rng.choice(people) if source == "medewerker" or rng.random() < 0.5 else None
        moderation = VISIBLE
        if submitter is None and rng.random() < 0.1:  # public intake, not yet accepted
            moderation = PENDING if rng.random() < 0.7 else REJECTED
            status = "nieuw"
        where = rng.random()
        team = rng.choices(team_ids, team_weights)[0] if where < 0.8 else None
        chain = (
            chain_of[team]
            if team
            else (rng.choice(ctx.refs["chain_ids"]) if where < 0.92 else None)
        )
        triaged = status != "nieuw"
        plans.append(
            Plan(
                created=when,
                title=title[:120],
                body=body,
                tags=tags,
                perspectives=_distinct(
                    rng, PERSPECTIVE_WEIGHTS, rng.choices((1, 2, 3), (50, 35, 15))[0]
                ),
                source=source,
                status=status,
                moderation=moderation,
                topic=topic,
                chain_id=chain,
                team_id=team,
                submitter_id=submitter,
                anonymous=submitter is not None and rng.random() < 0.05,
                contact_email=(
                    f"inwoner{number}@voorbeeld.example"
                    if submitter is None
                    and status in ("nieuw", "in_behandeling", "gepland", "in_uitvoering")
                    else None
                ),
                impact=rng.randint(1, 5) if triaged and rng.random() < 0.7 else None,
                effort=rng.randint(1, 5) if triaged and rng.random() < 0.7 else None,
                decision_reason=rng.choice(REJECT_REASONS) if status == "afgewezen" else "",
                status_at=_spread(rng, when, moment, timedelta(days=90)) if triaged else None,
            )
        )

    # Merged ideas point at an earlier, live idea, of the same topic when there is one.
    by_topic: dict[str | None, list[int]] = {}
    for index, plan in enumerate(plans):
        if plan.status == "samengevoegd":
            candidates = by_topic.get(plan.topic) or by_topic.get(None) or []
            if candidates:
                plan.merged_into = rng.choice(candidates[-200:])
                after = plans[plan.merged_into].created
                plan.status_at = max(plan.status_at or plan.created, after)
            else:
                plan.status, plan.status_at = "nieuw", None
        if plan.votable:
            by_topic.setdefault(plan.topic, []).append(index)
            by_topic.setdefault(None, []).append(index)
    live = [i for i, plan in enumerate(plans) if plan.votable]

    # --- votes: skewed, a few ideas get hundreds ----------------------------------------
    ranked = live[:]
    rng.shuffle(ranked)
    weights = [1 / (rank + 1) ** 0.5 for rank in range(len(ranked))]
    scale = VOTES / sum(weights)
    counts = {
        i: min(MAX_VOTES, round(w * scale * rng.uniform(0.6, 1.4)))
        for i, w in zip(ranked, weights, strict=True)
    }
    difference = VOTES - sum(counts.values())
    while difference:
        index = rng.choice(ranked)
        step = 1 if difference > 0 else -1
        if 0 <= counts[index] + step <= MAX_VOTES:
            counts[index] += step
            difference -= step
    for index, count in counts.items():
        plans[index].voters = rng.sample(people, count)
    popular = max(live, key=lambda i: (counts[i], -i))

    # --- comments: one idea with exactly 50, the rest skewed, at most 40 ----------------
    busy = sorted(live, key=lambda i: -counts[i])[2]
    others = [i for i in live if i != busy]
    drawn = Counter(
        rng.choices(others, [(counts[i] + 2) ** 0.6 for i in others], k=COMMENTS - BUSY_COMMENTS)
    )
    overflow = sum(max(n - MAX_OTHER_COMMENTS, 0) for n in drawn.values())
    comment_counts = {i: min(n, MAX_OTHER_COMMENTS) for i, n in drawn.items()}
    while overflow:
        index = rng.choice(others)
        if comment_counts.get(index, 0) < MAX_OTHER_COMMENTS:
            comment_counts[index] = comment_counts.get(index, 0) + 1
            overflow -= 1
    comment_counts[busy] = BUSY_COMMENTS
    for index, count in comment_counts.items():
        plan = plans[index]
        window = timedelta(days=400) if index == busy else timedelta(days=120)
        moments = sorted(_spread(rng, plan.created, moment, window) for _ in range(count))
        plan.comments = [
            (rng.choice(people), when, " ".join(rng.sample(COMMENT_SENTENCES, rng.randint(1, 3))))
            for when in moments
        ]

    # --- insert --------------------------------------------------------------------------
    def last_activity(plan: Plan) -> datetime:
        moments = [plan.created, plan.status_at or plan.created]
        if plan.comments:
            moments.append(plan.comments[-1][1])
        return max(moments)

    idea_rows: list[Row] = []
    for plan in plans:
        active = last_activity(plan)
        idea_rows.append(
            {
                "title": plan.title,
                "body": plan.body,
                "source": plan.source,
                "status": plan.status,
                "moderation": plan.moderation,
                "chain_id": plan.chain_id,
                "team_id": plan.team_id,
                "submitter_id": plan.submitter_id,
                "anonymous": plan.anonymous,
                "impact": plan.impact,
                "effort": plan.effort,
                "merged_into_id": None,
                "decision_reason": plan.decision_reason,
                "vote_count": len(plan.voters),
                "comment_count": len(plan.comments),
                "last_activity_at": active,
                "contact_email": plan.contact_email,
                "intake_link_id": None,
                "submission_key": None,
                "created_at": plan.created,
                "updated_at": active,
            }
        )
    ids = ctx.insert_returning_ids("ideas", idea_rows)
    del idea_rows
    merged = [
        {"b_id": ids[i], "b_target": ids[p.merged_into]}
        for i, p in enumerate(plans)
        if p.merged_into is not None
    ]
    if merged:
        ideas = table("ideas")
        ctx.conn.execute(
            update(ideas)
            .where(ideas.c.id == bindparam("b_id"))
            .values(merged_into_id=bindparam("b_target")),
            merged,
        )

    ctx.insert_many(
        "idea_perspectives",
        (
            {"idea_id": ids[i], "perspective": p}
            for i, plan in enumerate(plans)
            for p in plan.perspectives
        ),
    )
    new_tag_ids = ctx.insert_returning_ids("tags", ({"name": n} for n in tag_names))
    tag_ids = dict(zip(tag_names, new_tag_ids, strict=True))
    ctx.insert_many(
        "idea_tags",
        (
            {"idea_id": ids[i], "tag_id": tag_ids[t]}
            for i, plan in enumerate(plans)
            for t in plan.tags
        ),
    )
    ctx.insert_many(
        "votes",
        (
            {"idea_id": ids[i], "user_id": user, "created_at": _spread(rng, plan.created, moment)}
            for i, plan in enumerate(plans)
            for user in plan.voters
        ),
    )
    ctx.insert_many(
        "comments",
        (
            {
                "idea_id": ids[i],
                "author_id": author,
                "body": body,
                "created_at": when,
                "edited_at": None,
                "removed_at": None,
                "hidden_at": None,
                "hidden_by_id": None,
                "hidden_reason": "",
            }
            for i, plan in enumerate(plans)
            for author, when, body in plan.comments
        ),
    )

    events: list[Row] = []
    notifications: list[Row] = []
    follows: dict[tuple[int, int], datetime] = {}

    def notify(user: int | None, index: int, kind: str, detail: str, when: datetime) -> None:
        if user is not None:
            read = when + timedelta(hours=rng.randint(1, 72))
            notifications.append(
                {
                    "user_id": user,
                    "idea_id": ids[index],
                    "kind": kind,
                    "detail": detail[:200],
                    "created_at": when,
                    "read_at": read if read < moment - timedelta(days=7) else None,
                }
            )

    for i, plan in enumerate(plans):
        events.append(
            {
                "idea_id": ids[i],
                "actor_id": plan.submitter_id,
                "kind": "submitted",
                "from_value": "",
                "to_value": plan.source,
                "created_at": plan.created,
            }
        )
        if plan.submitter_id is not None:
            followed = ids[plan.merged_into] if plan.merged_into is not None else ids[i]
            follows.setdefault((followed, plan.submitter_id), plan.created)
        for author, when, _body_text in plan.comments:
            follows.setdefault((ids[i], author), when)
            if plan.submitter_id not in (None, author):
                notify(plan.submitter_id, i, "comment", "", when)
        if plan.status_at is None:
            continue
        actor = rng.choice(deciders)
        if plan.merged_into is not None:
            target = plan.merged_into
            events.append(
                {
                    "idea_id": ids[i],
                    "actor_id": actor,
                    "kind": "merged_into",
                    "from_value": "nieuw",
                    "to_value": str(ids[target]),
                    "created_at": plan.status_at,
                }
            )
            events.append(
                {
                    "idea_id": ids[target],
                    "actor_id": actor,
                    "kind": "merged_from",
                    "from_value": "",
                    "to_value": str(ids[i]),
                    "created_at": plan.status_at,
                }
            )
            notify(plans[target].submitter_id, target, "merged", str(ids[i]), plan.status_at)
        else:
            events.append(
                {
                    "idea_id": ids[i],
                    "actor_id": actor,
                    "kind": "status",
                    "from_value": "nieuw",
                    "to_value": plan.status,
                    "created_at": plan.status_at,
                }
            )
            notify(plan.submitter_id, i, "status", plan.status, plan.status_at)
    events.sort(key=lambda row: (row["created_at"], row["idea_id"]))
    ctx.insert_many("idea_events", events)
    ctx.insert_many(
        "follows",
        (
            {"idea_id": idea, "user_id": user, "created_at": when}
            for (idea, user), when in follows.items()
        ),
    )
    notifications.sort(key=lambda row: row["created_at"])
    ctx.insert_many("notifications", notifications)

    # --- search ----------------------------------------------------------------------------
    stems = _Stems()
    search_stem = " ".join(stem_words(SEARCH_WORD))
    matches = 0
    search_rows = []
    for i, plan in enumerate(plans):
        terms = stems.terms(f"{plan.title} {plan.body} {' '.join(plan.tags)}")
        if plan.votable and any(t.startswith(search_stem) for t in " ".join(terms).split()):
            matches += 1
        search_rows.append({"id": ids[i], "terms": " ".join(terms)})
    if ctx.conn.dialect.name == "sqlite":
        for start in range(0, len(search_rows), 5000):
            ctx.conn.execute(
                text("INSERT INTO ideas_search (rowid, terms) VALUES (:id, :terms)"),
                search_rows[start : start + 5000],
            )
        ctx.counts["ideas_search"] = len(search_rows)
    else:
        # A PostgreSQL server gathers statistics after a bulk load by itself (autovacuum), but
        # not at once and not where autovacuum is off: without them the planner guesses
        # (e.g. 41 visible ideas instead of 9,500) and the measured plans are not real ones.
        ctx.conn.execute(text("ANALYZE"))

    ctx.refs.update(
        popular_idea_id=ids[popular],
        popular_idea_votes=counts[popular],
        idea_with_50_comments=ids[busy],
        search_word=SEARCH_WORD,
        search_word_matches=matches,  # live ideas whose title, body or tags hold it
        filter_perspective="klant",
        filter_status="nieuw",
        popular_tag=extra_tags[0],
    )


STEPS = [Step("ideas", 1, generate_ideas)]
