"""Demo stand-ups: every demo team held a weekly stand-up for a year (except in the Christmas
week and a summer holiday week), each with who was there, notes, often a decision and one to
three action items. Texts vary by team and season. The older action items are done; of the
last weeks' some are still open, one or two are past their date and one or two are on the
board as a card. The last SNAPSHOT_WEEKS stand-ups keep their agenda as it was discussed.

Rows are added directly (not through the services, which would write an audit event and check
due dates against today for every one of ~300 stand-ups) so `flask seed-demo` stays quick.
Reproducible: one seeded random generator.
"""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app

from board.accounts.models import User
from board.clock import now
from board.extensions import db
from board.org import queries as org_queries
from board.org.models import Team
from board.standups import services, snapshot
from board.standups.agenda import build_agenda
from board.standups.models import ActionItem, Standup, StandupAttendee, StandupEntry

WEEKS = 52
SNAPSHOT_WEEKS = 8
# Stand-ups this recent may still have open action items.
OPEN_WEEKS = 4

COMMON_NOTES = [
    "Twee collega's met vakantie; de werkvoorraad is verdeeld.",
    "Nieuwe collega begint maandag; de inwerkmap ligt klaar.",
    "Het zaaksysteem lag dinsdagochtend een uur plat; alles is ingehaald.",
    "De storing in de telefooncentrale van vorige week is verholpen.",
    "Ziekteverzuim is deze maand gedaald.",
    "De werkvoorraad is voor het eerst in weken onder de honderd zaken.",
    "Teamuitje staat gepland; wie mee wil zet zijn naam op de lijst.",
    "De nieuwe laptops komen pas over drie weken.",
    "Afdelingsoverleg was kort; niets dat ons team raakt.",
    "De koffieautomaat op de tweede verdieping is eindelijk gerepareerd.",
    "Iedereen heeft de cursus informatiebeveiliging afgerond.",
    "Er is veel overgewerkt; we kijken volgende week of dat minder kan.",
    "Complimenten van de wethouder voor de snelle afhandeling.",
    "De planning voor de komende maand is rond.",
    "Een stagiair loopt twee weken mee.",
    "Het intranet heeft een nieuwe zoekfunctie; die werkt een stuk beter.",
    "We zaten deze week in een andere vergaderruimte; het bord hangt nu op de gang.",
    "Er zijn twee nieuwe ideeën binnengekomen via de ideeënbus.",
    "Klanttevredenheid van het afgelopen kwartaal: een 7,6.",
    "De overdracht met het team van de buren loopt soepeler dan vorige maand.",
]
COMMON_DECISIONS = [
    "De papieren lijst stopt; alles gaat via het bord.",
    "Elke donderdag een kwartier voor het opruimen van de werkvoorraad.",
    "Wie een kaart een week niet aanraakt, zegt dat in de stand-up.",
    "Geblokkeerde kaarten bespreken we als eerste, ook als de tijd krap is.",
    "We nemen geen nieuw werk in Do zolang de WIP-limiet op is.",
    "De stand-up begint op tijd, ook als niet iedereen er is.",
    "Vakantieaanvragen voor de zomer uiterlijk eind maart indienen.",
    "We proberen een maand lang een vaste belronde om tien uur.",
    "Eén keer per maand kijken we terug op wat af is.",
    "Actiepunten zonder datum krijgen er voortaan een.",
]
COMMON_ACTIONS = [
    "Werkinstructie bijwerken",
    "Afspraak maken met de privacy officer",
    "Licentieoverzicht opvragen bij ICT",
    "Cijfers van de afgelopen maand delen",
    "Evaluatie voorbereiden voor het teamoverleg",
    "Inwerkmap nalopen met de nieuwe collega",
    "Vakantieplanning in het gedeelde overzicht zetten",
    "Agenda voor de teamdag opstellen",
    "Verbetervoorstel op één A4 zetten voor de manager",
    "Navragen hoe het buurteam dit oplost",
    "Oude kaarten op het bord opruimen",
    "Voorstel maken voor een vaste belronde",
]
# Notes that belong to a time of year (month → notes).
SEASONS: dict[int, list[str]] = {
    1: ["Rustige start van het jaar; tijd om de achterstand weg te werken."],
    3: ["Het jaarverslag moet eind van de maand klaar zijn."],
    4: ["Rond Koningsdag is het kantoor een dag dicht."],
    5: ["Eerste vakantieweken komen eraan; de bezetting is krap."],
    6: ["Zomerrooster gaat volgende week in."],
    7: ["Halve bezetting door de zomervakantie; we doen alleen het hoognodige."],
    8: ["Iedereen is weer terug van vakantie; we pakken de draad op."],
    9: ["Begrotingsvoorbereiding loopt; input voor het nieuwe jaar gevraagd."],
    10: ["De herfstvakantie geeft minder klantvragen."],
    11: ["Eindejaarsdrukte begint; we maken afspraken over de bezetting."],
    12: ["Rond de feestdagen is het kantoor drie dagen dicht."],
}
CLOSING = [
    "",
    "",
    "",
    "Volgende week schuift iemand van ICT aan.",
    "Korte stand-up; het bord was op orde.",
    "Uitgelopen door de discussie over de werkvoorraad.",
    "Goede sfeer, veel afgerond.",
]


@dataclass(frozen=True)
class Theme:
    subjects: tuple[str, ...]
    notes: tuple[str, ...]
    decisions: tuple[str, ...]
    actions: tuple[str, ...]


THEMES: dict[str, Theme] = {
    "Publiekszaken": Theme(
        ("paspoorten", "rijbewijzen", "verhuizingen", "huwelijken", "uittreksels", "ID-kaarten"),
        (
            "Drukte aan de balie door de paspoorten die nu verlopen.",
            "De afsprakenagenda zat donderdag helemaal vol.",
            "Een klant kwam drie keer terug voor hetzelfde uittreksel.",
            "Het nieuwe zuilsysteem in de hal werkt goed.",
            "Twee huwelijken op zaterdag; de trouwambtenaren zijn rond.",
            "De fotohokjes in de hal geven veel afgekeurde pasfoto's.",
            "Wachttijd aan de balie gemiddeld acht minuten.",
            "Verhuizingen van studenten pieken weer.",
        ),
        (
            "Spoedaanvragen voor paspoorten alleen nog na 11 uur.",
            "We proberen een maand lang het spreekuur op zaterdag.",
            "Verhuizingen handelen we voortaan digitaal af tenzij de klant hulp vraagt.",
        ),
        (
            "Folder over de vernieuwingsgolf paspoorten laten drukken",
            "Extra balieblokken inplannen voor de zomer",
            "Werkinstructie spoedaanvraag rijbewijs bijwerken",
            "Met de trouwambtenaren de planning voor het najaar doornemen",
            "Uitzoeken waarom de pasfotocheck zo vaak afkeurt",
            "Standaardbrief verhuizing herschrijven op B1",
        ),
    ),
    "Klantcontactcentrum": Theme(
        (
            "de afvalpas",
            "de WOZ-beschikking",
            "parkeervergunningen",
            "de hondenbelasting",
            "de chat",
        ),
        (
            "De wachttijd aan de telefoon is deze week gedaald.",
            "Veel vragen over de nieuwe afvalpas.",
            "Klantpanel was positief over de nieuwe brieven.",
            "Het aantal terugbelverzoeken is verdubbeld sinds de WOZ-brieven.",
            "De chat staat nu ook 's avonds open; weinig gebruik tot nu toe.",
            "Kennisbankartikel over parkeren klopte niet meer.",
            "Twee klachten over een onvriendelijk telefoongesprek besproken.",
            "Piek in telefoontjes op maandagochtend, zoals altijd.",
        ),
        (
            "We bellen klachten binnen vijf werkdagen terug.",
            "Terugbelverzoeken gaan via het bord, niet meer via de mail.",
            "Nieuwe kennisbankartikelen leest altijd een collega mee.",
        ),
        (
            "Leverancier bellen over de koppeling met het zaaksysteem",
            "Kennisbankartikel over de afvalpas herschrijven",
            "Cijfers wachttijd van de afgelopen maand delen",
            "Klantpanel uitnodigen voor de klantreis",
            "Werkinstructie terugbelverzoek bijwerken",
            "Belscript WOZ-bezwaar afstemmen met Belastingen",
            "Chatgesprekken van de avond steekproefsgewijs nalezen",
        ),
    ),
    "Wijkteam Noord": Theme(
        ("Wmo-aanvragen", "jeugdhulp", "de wachtlijst", "keukentafelgesprekken", "mantelzorg"),
        (
            "De wachtlijst voor keukentafelgesprekken is gekrompen tot drie weken.",
            "Drie nieuwe meldingen via de huisartsen deze week.",
            "Een zorgaanbieder stopt per volgende maand; cliënten worden overgedragen.",
            "Het inloopspreekuur in het buurthuis trok twaalf bezoekers.",
            "Casusoverleg met de jeugdarts verliep goed.",
            "Veel vragen over de eigen bijdrage Wmo.",
            "De mantelzorgwaardering is verstuurd.",
        ),
        (
            "Elke nieuwe melding krijgt binnen vijf werkdagen een eerste contact.",
            "Huisbezoeken plannen we in vaste blokken op dinsdag en donderdag.",
            "Complexe casussen bespreken we eerst in het casusoverleg.",
        ),
        (
            "Overdrachtsplan maken voor de cliënten van de stoppende aanbieder",
            "Folder inloopspreekuur verspreiden via de huisartsen",
            "Afspraak maken met de jeugdarts over de verwijzingen",
            "Wachtlijst doorlopen en oudste aanvragen inplannen",
            "Uitleg eigen bijdrage Wmo op de website laten aanpassen",
            "Mantelzorgers uitnodigen voor een avond in het buurthuis",
        ),
    ),
    "Werk en Inkomen": Theme(
        (
            "bijstandsaanvragen",
            "re-integratie",
            "de energietoeslag",
            "schuldhulp",
            "terugvorderingen",
        ),
        (
            "Het aantal bijstandsaanvragen is licht gestegen.",
            "Drie mensen zijn deze maand uitgestroomd naar werk.",
            "De energietoeslag levert veel vragen op aan de balie.",
            "Samenwerking met het UWV over de werkgeversdag loopt goed.",
            "Een werkgever wil vijf mensen een proefplaats bieden.",
            "De termijn voor bijstandsaanvragen is twee keer overschreden.",
            "Schuldhulp heeft een wachttijd van vier weken.",
        ),
        (
            "Aanvragen ouder dan zes weken krijgen voorrang.",
            "Terugvorderingen onder de vijftig euro laten we rusten.",
            "Bij elke aanvraag bespreken we ook de schuldhulp.",
        ),
        (
            "Werkgeversdag voorbereiden met het UWV",
            "Brief energietoeslag herschrijven op B1",
            "Termijnen bijstandsaanvragen per week bijhouden",
            "Afspraken met schuldhulp vastleggen in de werkinstructie",
            "Proefplaatsen bij de werkgever inplannen",
            "Overzicht openstaande terugvorderingen maken",
        ),
    ),
    "Omgevingsvergunningen": Theme(
        ("het DSO-loket", "vooroverleg", "bezwaren", "welstand", "bouwtoezicht"),
        (
            "Twee aanvragen dreigen over de wettelijke termijn te gaan.",
            "Het DSO-loket was woensdag traag; aanvragers belden ons.",
            "Veel vooroverleg over dakkapellen en zonnepanelen.",
            "De welstandscommissie heeft drie plannen terugverwezen.",
            "Bezwaar tegen de vergunning aan de Dijkstraat is ongegrond verklaard.",
            "Toezicht vond twee bouwwerken zonder vergunning.",
            "Een initiatiefnemer was blij met het snelle vooroverleg.",
        ),
        (
            "Aanvragen die binnen twee weken de termijn halen, bespreken we dagelijks.",
            "Vooroverleg kleine bouwwerken binnen tien werkdagen.",
            "Elk bezwaar krijgt een vaste collega als aanspreekpunt.",
        ),
        (
            "Termijnbewaking per aanvraag op het bord zetten",
            "Storing DSO-loket melden bij het landelijke servicecentrum",
            "Checklist vooroverleg dakkapel maken",
            "Met welstand afspraken maken over de terugverwijzingen",
            "Handhavingsbrief voor de twee bouwwerken opstellen",
            "Uitleg Omgevingswet voor inwoners laten herschrijven",
        ),
    ),
    "Evenementen en APV": Theme(
        (
            "Koningsdag",
            "het zomerfestival",
            "horeca-ontheffingen",
            "de kermis",
            "veiligheidsplannen",
        ),
        (
            "De aanvraag voor het zomerfestival is compleet binnen.",
            "Politie en brandweer willen eerder meekijken naar de veiligheidsplannen.",
            "Drie horeca-ontheffingen voor het weekend afgegeven.",
            "De kermis vraagt een andere opstelling op het plein.",
            "Klachten over geluid na het evenement in het park.",
            "Het evenementenoverleg met de hulpdiensten was goed.",
            "Nieuwe APV-regels voor terrassen gaan volgende maand in.",
        ),
        (
            "Grote evenementen bespreken we minstens acht weken van tevoren met de hulpdiensten.",
            "Kleine buurtfeesten krijgen een meldingsplicht in plaats van een vergunning.",
            "Geluidsklachten beantwoorden we binnen twee werkdagen.",
        ),
        (
            "Veiligheidsplan zomerfestival laten toetsen door de brandweer",
            "Omwonenden van het park informeren over het evenement",
            "Evenementenkalender voor het najaar publiceren",
            "Nieuwe terrasregels uitleggen aan de horeca",
            "Opstelling kermis afstemmen met de markmeester",
            "Evaluatie Koningsdag plannen met politie en brandweer",
        ),
    ),
}
DEFAULT_THEME = THEMES["Klantcontactcentrum"]
NOTE_PATTERNS = [
    "Veel vragen over {subject} deze week.",
    "Over {subject} komen minder vragen binnen dan vorige maand.",
    "{name} heeft uitgezocht hoe het buurteam {subject} aanpakt.",
    "{name} is {n} weken met verlof; de werkvoorraad is verdeeld.",
    "Achterstand bij {subject} is ingelopen tot {n} zaken.",
]
ACTION_PATTERNS = [
    "Cijfers over {subject} delen in het teamoverleg",
    "Werkinstructie {subject} nalopen",
    "Met de manager afstemmen over {subject}",
]


def _local_slot(
    moment: datetime, weekday: int, start: str, weeks_ago: int, zone: ZoneInfo
) -> datetime:
    """The team's stand-up moment `weeks_ago` weeks before the latest one that has passed."""
    hour, minute = (int(part) for part in start.split(":"))
    local = moment.astimezone(zone)
    day = local.date() - timedelta(days=(local.weekday() - weekday) % 7)
    latest = datetime.combine(day, time(hour, minute), tzinfo=zone)
    if latest > local - timedelta(hours=1):
        latest -= timedelta(weeks=1)
    return latest - timedelta(weeks=weeks_ago)


def _holiday(day: date, summer_week: int) -> bool:
    """Christmas week and New Year's week, and the team's summer holiday week."""
    christmas = (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 2)
    return christmas or day.isocalendar().week == summer_week


class _Picker:
    """Chooses texts so that the same one does not come back within a few weeks."""

    def __init__(self, rng: random.Random, memory: int = 12) -> None:
        self.rng = rng
        self.recent: deque[str] = deque(maxlen=memory)

    def pick(self, pool: list[str]) -> str:
        fresh = [t for t in pool if t not in self.recent] or pool
        text = self.rng.choice(fresh)
        self.recent.append(text)
        return text


@dataclass
class _Plan:
    standup: Standup
    items: list[ActionItem]


def _snapshot_as_of(
    team: Team, standup: Standup, items: list[ActionItem], names: dict[int, str]
) -> dict[str, Any]:
    """The agenda of a demo stand-up: the board's events of its period, its action items as
    they stood then, and nothing that came onto the board or in as an idea afterwards."""
    assert standup.ended_at is not None
    until = standup.ended_at
    agenda = build_agenda(
        team, standup.period_start, until, include_private=True, done_since=standup.started_at
    )
    agenda.blocked = [b for b in agenda.blocked if b.since <= until]
    for view in agenda.columns:
        view.overdue = [o for o in view.overdue if o.card.created_at <= until]
        view.aged = [a for a in view.aged if a.card.created_at <= until]
    agenda.ideas = [i for i in agenda.ideas if i.created_at <= until]
    data = snapshot.agenda_snapshot(agenda)
    then = [
        i
        for i in items
        if i.created_at <= until and (i.done_at is None or i.done_at >= standup.started_at)
    ]
    then.sort(key=lambda i: (i.due_date is None, i.due_date or date.max, i.created_at))
    day = standup.started_at.date()
    entries = []
    for item in then:
        done = item.done_at is not None and item.done_at <= until
        late = not done and item.due_date is not None and item.due_date < day
        entries.append(
            snapshot.action_item_entry(item, names.get(item.owner_id or 0), done=done, overdue=late)
        )
    data["actiepunten"] = entries[: snapshot.ACTIONS_MAX]
    data["actiepuntenMeer"] = max(0, len(entries) - snapshot.ACTIONS_MAX)
    return data


def seed_standups(teams: dict[str, Team], rng_seed: int = 20261202) -> int:
    """A year of weekly stand-ups per team; returns how many stand-ups were made."""
    rng = random.Random(rng_seed)  # noqa: S311 - demo data, reproducible on purpose
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    moment = now()
    total = 0
    for name, team in teams.items():
        members = [m for m in org_queries.list_members(team.id) if m.user.active]
        if not members:
            continue
        people: list[User] = [m.user for m in members]
        names = {u.id: u.name for u in people}
        lead = next((m.user for m in members if m.role == "lead"), people[0])
        theme = THEMES.get(name, DEFAULT_THEME)
        weekday, start = rng.choice((0, 1, 2, 3)), rng.choice(("9:00", "9:30"))
        services.set_schedule(team, str(weekday), start, lead)
        summer_week = rng.choice((29, 30, 31, 32))
        notes, decisions, actions = _Picker(rng), _Picker(rng, 8), _Picker(rng, 20)
        note_pool = list(theme.notes) * 2 + COMMON_NOTES
        decision_pool = list(theme.decisions) * 2 + COMMON_DECISIONS
        action_pool = list(theme.actions) * 2 + COMMON_ACTIONS

        plans: list[_Plan] = []
        previous: datetime | None = None
        for weeks_ago in range(WEEKS - 1, -1, -1):
            started = _local_slot(moment, weekday, start, weeks_ago, zone).astimezone(moment.tzinfo)
            # The last weeks are never skipped: a demo team has just held its stand-up.
            if weeks_ago >= OPEN_WEEKS and _holiday(started.astimezone(zone).date(), summer_week):
                continue
            minutes = rng.randint(9, 19)
            standup = Standup(
                team_id=team.id,
                started_at=started,
                ended_at=started + timedelta(minutes=minutes),
                held_by_id=lead.id,
                ended_by_id=lead.id,
                period_start=previous or started - timedelta(days=7),
                notes=rng.choice(CLOSING),
                timer_minutes=15,
                section=0,
            )
            previous = started
            plans.append(_Plan(standup, []))
        db.session.add_all([p.standup for p in plans])
        db.session.flush()

        rows: list[Any] = []
        all_items: list[ActionItem] = []
        for index, plan in enumerate(plans):
            s = plan.standup
            recent = len(plans) - index <= OPEN_WEEKS
            month = s.started_at.astimezone(zone).month
            present = [u for u in people if u.id == lead.id or rng.random() < 0.85]
            rows.extend(StandupAttendee(standup_id=s.id, user_id=u.id) for u in present)
            texts: list[str] = []
            season = [t for t in SEASONS.get(month, []) if t not in notes.recent]
            if season and rng.random() < 0.35:
                texts.append(notes.pick(season))
            for _ in range(rng.randint(1, 2)):
                if rng.random() < 0.3:
                    texts.append(
                        rng.choice(NOTE_PATTERNS).format(
                            subject=rng.choice(theme.subjects),
                            name=rng.choice(people).name.split()[0],
                            n=rng.randint(2, 4) if rng.random() < 0.5 else rng.randint(12, 60),
                        )
                    )
                else:
                    texts.append(notes.pick(note_pool))
            for n, text in enumerate(dict.fromkeys(texts)):
                rows.append(
                    StandupEntry(
                        standup_id=s.id,
                        kind="note",
                        text=text,
                        author_id=lead.id,
                        created_at=s.started_at + timedelta(minutes=2 + 3 * n),
                    )
                )
            if rng.random() < 0.6:
                rows.append(
                    StandupEntry(
                        standup_id=s.id,
                        kind="decision",
                        text=decisions.pick(decision_pool),
                        author_id=lead.id,
                        created_at=s.started_at + timedelta(minutes=8),
                    )
                )
            latest = index == len(plans) - 1
            for n in range(rng.choice((2, 3) if latest else (1, 2, 2, 3))):
                owner = rng.choice(present)
                if rng.random() < 0.2:
                    text = rng.choice(ACTION_PATTERNS).format(subject=rng.choice(theme.subjects))
                else:
                    text = actions.pick(action_pool)
                due = (
                    None
                    if rng.random() < 0.15
                    else s.started_at.date()
                    + timedelta(days=rng.choice((7, 14) if latest else (3, 7, 7, 14)))
                )
                created = s.started_at + timedelta(minutes=9 + n)
                # Older agreements were kept, mostly on time.
                done_when = s.started_at + timedelta(
                    days=rng.randint(1, 9), hours=rng.randint(0, 6)
                )
                # Last week's agreements are all still open; of the weeks before about half.
                kept_open = latest or (recent and (rng.random() < 0.5 or done_when > moment))
                done_at = None if kept_open else done_when
                item = ActionItem(
                    team_id=team.id,
                    standup_id=s.id,
                    text=text,
                    owner_id=owner.id,
                    owner=owner,
                    due_date=due,
                    done_at=done_at,
                    done_by_id=owner.id if done_at else None,
                    created_by_id=lead.id,
                    created_at=created,
                )
                plan.items.append(item)
                all_items.append(item)
        # One or two agreements are past their date, not more: the rest of the late ones were
        # done after all.
        today = moment.date()
        late = [i for i in all_items if i.is_late(today)]
        keep_late = rng.choice((1, 2))
        for item in late[keep_late:]:
            assert item.due_date is not None
            if item.standup_id == plans[-1].standup.id:
                item.due_date = today + timedelta(days=7)
            else:
                item.done_at = datetime.combine(item.due_date, time(14), tzinfo=moment.tzinfo)
                item.done_by_id = item.owner_id
        if not late:
            # Someone forgot one from a few weeks back.
            older = [
                i
                for i in all_items
                if moment - timedelta(days=35) < i.created_at < moment - timedelta(days=10)
            ]
            if older:
                forgotten = rng.choice(older)
                forgotten.done_at = forgotten.done_by_id = None
                forgotten.due_date = forgotten.created_at.date() + timedelta(days=7)
        rows.extend(all_items)
        db.session.add_all(rows)
        db.session.flush()

        for plan in plans[-SNAPSHOT_WEEKS:]:
            plan.standup.agenda_snapshot = _snapshot_as_of(team, plan.standup, all_items, names)
        # One or two open agreements went onto the board as a card.
        open_items = [i for i in all_items if i.done_at is None]
        for item in rng.sample(open_items, k=min(len(open_items), rng.choice((1, 2)))):
            services.action_item_to_card(item, lead)
        total += len(plans)
    db.session.flush()
    return total
