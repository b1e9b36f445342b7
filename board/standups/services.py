"""Write side of the stand-ups area: start and finish, notes and decisions, action items,
action item → card, triage of new ideas on the spot, and the team's stand-up length.

Services enforce the rules, raise StandupError with a translated message, leave an audit
event where it matters, flush and never commit.

Concurrency: at most one open stand-up per team (a partial unique index), so two people
pressing "Start" at once get the same stand-up; finishing is one conditional UPDATE, so two
people pressing "Afronden" at once finish it once and the second hears it was already done.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError

from board.accounts.models import User
from board.audit.services import record_event
from board.boards import promotion
from board.boards import services as board_services
from board.boards.models import Card
from board.clock import now
from board.errors import Conflict, DomainError
from board.extensions import db
from board.ideas import services as idea_services
from board.ideas.models import Idea
from board.org import queries as org_queries
from board.org.models import Team
from board.standups import queries
from board.standups.models import (
    ACTION_TEXT_MAX,
    ENTRY_KINDS,
    ENTRY_TEXT_MAX,
    LENGTH_MAX,
    LENGTH_MIN,
    NOTES_MAX,
    ActionItem,
    Standup,
    StandupAttendee,
    StandupEntry,
    StandupSettings,
)
from board.standups.snapshot import build_snapshot


class StandupError(DomainError):
    """A rule about stand-ups or action items was broken."""


class AlreadyFinished(Conflict):
    """The stand-up was finished already (perhaps by someone else a moment ago)."""


# --- helpers ----------------------------------------------------------------------------------


def _clean_text(value: str | None, maximum: int, field_name: str, empty: str) -> str:
    text = (value or "").replace("\r\n", "\n").strip()
    if not text:
        raise StandupError(empty, field_name)
    if len(text) > maximum:
        raise StandupError(
            _("Hoogstens %(n)d tekens (nu %(m)d).", n=maximum, m=len(text)), field_name
        )
    return text


def parse_due_date(raw: str | date | None) -> date | None:
    """'' → no date; 2026-03-20 or 20-3-2026 → that date; anything else → StandupError."""
    if isinstance(raw, date):
        return raw
    text = (raw or "").strip()
    if not text:
        return None
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    dutch = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
    if iso:
        year, month, day = (int(x) for x in iso.groups())
    elif dutch:
        day, month, year = (int(x) for x in dutch.groups())
    else:
        raise StandupError(_("Vul een datum in als 20-3-2026."), "due_date")
    try:
        return date(year, month, day)
    except ValueError:
        raise StandupError(_("Die datum bestaat niet (%(text)s).", text=text), "due_date") from None


def _audit(action: str, actor: User | None, team: Team, detail: str = "") -> None:
    record_event(
        action,
        actor=actor,
        object_type="team",
        object_id=team.id,
        object_label=team.name,
        detail=detail,
    )


def _open(standup: Standup) -> None:
    if standup.ended_at is not None:
        raise AlreadyFinished(_("Deze stand-up is al afgerond."))


# --- settings ---------------------------------------------------------------------------------


def set_length(team: Team, raw: str | int | None, actor: User | None) -> int:
    """The team's stand-up length in whole minutes, 1 to 60."""
    try:
        minutes = int(str(raw).strip())
    except (TypeError, ValueError):
        raise StandupError(
            _(
                "Vul een heel aantal minuten in, van %(a)d tot en met %(b)d.",
                a=LENGTH_MIN,
                b=LENGTH_MAX,
            ),
            "length_minutes",
        ) from None
    if not LENGTH_MIN <= minutes <= LENGTH_MAX:
        raise StandupError(
            _(
                "Een stand-up duurt %(a)d tot en met %(b)d minuten (nu %(n)d).",
                a=LENGTH_MIN,
                b=LENGTH_MAX,
                n=minutes,
            ),
            "length_minutes",
        )
    row = db.session.get(StandupSettings, team.id)
    before = row.length_minutes if row else None
    if row is None:
        db.session.add(StandupSettings(team_id=team.id, length_minutes=minutes))
    else:
        row.length_minutes = minutes
    if before != minutes:
        _audit("standup.length", actor, team, f"{before or ''} → {minutes}")
    db.session.flush()
    return minutes


def parse_start_time(raw: str | None) -> str | None:
    """'' → none; 9:30, 09:30 or 9.30 → '09:30'; anything else → StandupError."""
    text = (raw or "").strip()
    if not text:
        return None
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})", text)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise StandupError(_("Vul een tijd in als 9:30."), "start_time")
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def set_schedule(
    team: Team, weekday: str | int | None, start_time: str | None, actor: User | None
) -> tuple[int | None, str | None]:
    """The team's usual stand-up moment: a weekday (0 is Monday) and a time, or neither."""
    day_text = "" if weekday is None else str(weekday).strip()
    if day_text and not (day_text.isdigit() and 0 <= int(day_text) <= 6):
        raise StandupError(_("Kies een dag van de week."), "weekday")
    day = int(day_text) if day_text else None
    time = parse_start_time(start_time)
    if day is None and time is not None:
        raise StandupError(_("Kies ook de dag van de week."), "weekday")
    if day is not None and time is None:
        raise StandupError(_("Vul ook de tijd in, als 9:30."), "start_time")
    row = db.session.get(StandupSettings, team.id)
    if row is None:
        row = StandupSettings(team_id=team.id, length_minutes=queries.get_length(team.id))
        db.session.add(row)
    if (row.weekday, row.start_time) != (day, time):
        _audit("standup.schedule", actor, team, f"{day if day is not None else ''} {time or ''}")
    row.weekday, row.start_time = day, time
    db.session.flush()
    return day, time


# --- start and finish -------------------------------------------------------------------------


def set_attendance(standup: Standup, user_ids: list[int], actor: User | None) -> list[int]:
    """Who of the team is at the stand-up (ticked members); replaces what was ticked before."""
    _open(standup)
    wanted = {i for i in user_ids if isinstance(i, int) and i > 0}
    members = queries.member_ids(standup.team_id) if wanted else set()
    if wanted - members:
        raise StandupError(_("Vink alleen leden van het team aan."), "present")
    db.session.execute(delete(StandupAttendee).where(StandupAttendee.standup_id == standup.id))
    for user_id in sorted(wanted):
        db.session.add(StandupAttendee(standup_id=standup.id, user_id=user_id))
    db.session.flush()
    return sorted(wanted)


def start_standup(team: Team, actor: User | None, present_ids: list[int] | None = None) -> Standup:
    """Start the team's stand-up, or resume the one that is still open (never two at once);
    `present_ids` are the members ticked as present."""
    if not team.active:
        raise StandupError(_("Dit team is opgeheven."))
    existing = queries.get_open_standup(team.id)
    if existing is not None:
        if present_ids is not None:
            set_attendance(existing, present_ids, actor)
        return existing
    moment = now()
    standup = Standup(
        team_id=team.id,
        started_at=moment,
        held_by_id=getattr(actor, "id", None),
        period_start=queries.next_period_start(team.id, moment),
        notes="",
        timer_minutes=queries.get_length(team.id),
    )
    try:
        with db.session.begin_nested():
            db.session.add(standup)
    except IntegrityError:
        # Someone else started it a moment ago: join theirs.
        existing = queries.get_open_standup(team.id)
        if existing is None:  # pragma: no cover - the index is the only unique rule
            raise
        return existing
    _audit("standup.started", actor, team, f"standup {standup.id}")
    db.session.flush()
    if present_ids is not None:
        set_attendance(standup, present_ids, actor)
    return standup


def end_standup(
    standup: Standup,
    actor: User | None,
    notes: str | None = None,
    present_ids: list[int] | None = None,
    *,
    keep_agenda: bool = True,
) -> Standup:
    """Finish a stand-up (once): its end, who finished it, who was there, the closing notes and
    the agenda as it was discussed (unless `keep_agenda` is false) are saved."""
    _open(standup)
    text = (notes or "").replace("\r\n", "\n").strip()
    if len(text) > NOTES_MAX:
        raise StandupError(
            _("De aantekeningen zijn hoogstens %(n)d tekens (nu %(m)d).", n=NOTES_MAX, m=len(text)),
            "notes",
        )
    if present_ids is not None:
        set_attendance(standup, present_ids, actor)
    moment = now()
    team = db.session.get(Team, standup.team_id)
    assert team is not None
    agenda = build_snapshot(standup, team, moment) if keep_agenda else None
    result = db.session.execute(
        update(Standup)
        .where(Standup.id == standup.id, Standup.ended_at.is_(None))
        .values(
            ended_at=moment,
            ended_by_id=getattr(actor, "id", None),
            notes=text,
            agenda_snapshot=agenda,
        )
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        db.session.refresh(standup)
        raise AlreadyFinished(_("Deze stand-up is al afgerond."))
    db.session.refresh(standup)
    _audit("standup.finished", actor, team, f"standup {standup.id}")
    db.session.flush()
    return standup


SECTION_MAX = 200


def set_section(standup: Standup, section: int) -> int:
    """The agenda section presenter mode shows now (0 is the first), for those who follow."""
    _open(standup)
    if not 0 <= section <= SECTION_MAX:
        raise StandupError(_("Dat onderdeel bestaat niet."), "section")
    db.session.execute(
        update(Standup)
        .where(Standup.id == standup.id)
        .values(section=section)
        .execution_options(synchronize_session=False)
    )
    standup.section = section
    return section


# --- notes and decisions ----------------------------------------------------------------------


def add_entry(standup: Standup, kind: str, text: str | None, actor: User | None) -> StandupEntry:
    """A note or a decision on an open stand-up."""
    if kind not in ENTRY_KINDS:
        raise StandupError(_("Kies een notitie of een besluit."), "kind")
    _open(standup)
    empty = _("Typ eerst het besluit.") if kind == "decision" else _("Typ eerst de notitie.")
    clean = _clean_text(text, ENTRY_TEXT_MAX, "text", empty)
    entry = StandupEntry(
        standup_id=standup.id,
        kind=kind,
        text=clean,
        author_id=getattr(actor, "id", None),
        created_at=now(),
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def add_note(standup: Standup, text: str | None, actor: User | None) -> StandupEntry:
    """A note on an open stand-up."""
    return add_entry(standup, "note", text, actor)


def add_decision(standup: Standup, text: str | None, actor: User | None) -> StandupEntry:
    """A decision on an open stand-up."""
    return add_entry(standup, "decision", text, actor)


# --- action items -----------------------------------------------------------------------------


def add_action_item(
    team: Team,
    text: str | None,
    owner_id: int | None,
    due: str | date | None,
    actor: User | None,
    standup: Standup | None = None,
) -> ActionItem:
    """An action item for a team: what, who (a member of the team) and by when (not past)."""
    problems: list[StandupError] = []
    clean = ""
    try:
        clean = _clean_text(text, ACTION_TEXT_MAX, "text", _("Typ wat er gedaan moet worden."))
    except StandupError as error:
        problems.append(error)
    if not owner_id:
        problems.append(StandupError(_("Kies wie het oppakt."), "owner_id"))
    elif org_queries.find_membership(owner_id, team.id) is None:
        problems.append(StandupError(_("Kies iemand uit het team."), "owner_id"))
    due_date: date | None = None
    try:
        due_date = parse_due_date(due)
        if due_date is not None and due_date < queries.local_today():
            raise StandupError(
                _("Die datum ligt in het verleden; kies vandaag of later."), "due_date"
            )
    except StandupError as error:
        problems.append(error)
    if problems:
        combined = StandupError(problems[0].message, problems[0].field)
        combined.problems = [(p.field, p.message) for p in problems]  # type: ignore[attr-defined]
        raise combined
    if standup is not None:
        _open(standup)
    item = ActionItem(
        team_id=team.id,
        standup_id=standup.id if standup is not None else None,
        text=clean,
        owner_id=owner_id,
        due_date=due_date,
        created_by_id=getattr(actor, "id", None),
        created_at=now(),
    )
    db.session.add(item)
    db.session.flush()
    team_label = team.name
    record_event(
        "action_item.created",
        actor=actor,
        object_type="action_item",
        object_id=item.id,
        object_label=clean[:200],
        detail=team_label,
    )
    return item


def tick_action_item(item: ActionItem, actor: User | None) -> ActionItem:
    """Mark an action item done (again is harmless)."""
    if item.done_at is None:
        item.done_at = now()
        item.done_by_id = getattr(actor, "id", None)
        record_event(
            "action_item.done",
            actor=actor,
            object_type="action_item",
            object_id=item.id,
            object_label=item.text[:200],
        )
        _refresh_boards_if_late(item)
        db.session.flush()
    return item


def untick_action_item(item: ActionItem, actor: User | None) -> ActionItem:
    """Mark a done action item open again."""
    if item.done_at is not None:
        item.done_at = None
        item.done_by_id = None
        record_event(
            "action_item.reopened",
            actor=actor,
            object_type="action_item",
            object_id=item.id,
            object_label=item.text[:200],
        )
        _refresh_boards_if_late(item)
        db.session.flush()
    return item


def _refresh_boards_if_late(item: ActionItem) -> None:
    # The team's boards show how many action items are past due: when this one counts, open
    # boards and wallboards should fetch themselves again.
    if item.due_date is not None and item.due_date < queries.local_today():
        board_services.touch_team_boards(item.team_id)


def set_action_item_done(item: ActionItem, done: bool, actor: User | None) -> ActionItem:
    """Tick (done) or untick (open) an action item."""
    return tick_action_item(item, actor) if done else untick_action_item(item, actor)


def action_item_to_card(item: ActionItem, actor: User | None) -> Card:
    """Put an action item on the team's first board as a card (once) and link the two."""
    if item.card_id is not None:
        card = db.session.get(Card, item.card_id)
        if card is not None:
            return card
    boards = queries.list_team_boards(item.team_id)
    if not boards:
        raise StandupError(
            _(
                "Dit team heeft nog geen bord. Maak eerst een bord, dan kan een actiepunt een "
                "kaart worden."
            )
        )
    title = " ".join(item.text.split())
    if len(title) > 200:
        title = title[:199].rstrip() + "…"
    try:
        card = board_services.create_card(
            boards[0],
            board_services.CardInput(
                title=title,
                description=item.text if len(item.text) > 200 else "",
                due_date=item.due_date,
                owner_ids=[item.owner_id] if item.owner_id else [],
            ),
            actor,
        )
    except board_services.BoardError as error:
        raise StandupError(error.message) from error
    item.card_id = card.id
    db.session.flush()
    return card


# --- ideas on the agenda ----------------------------------------------------------------------


def _new_idea_of(team: Team, idea: Idea) -> Idea:
    if idea.team_id != team.id:
        raise StandupError(_("Dit idee is niet voor dit team."))
    if idea.status != "nieuw":
        raise Conflict(_("Over dit idee is al beslist."))
    return idea


def accept_idea(team: Team, idea: Idea, actor: User) -> Card:
    """Take a new idea onto the team's first board as a card (the boards' promotion, which
    links the two and records it on the idea) and plan it (status gepland)."""
    _new_idea_of(team, idea)
    boards = queries.list_team_boards(team.id)
    if not boards:
        raise StandupError(
            _("Dit team heeft nog geen bord. Maak eerst een bord om het idee op te zetten.")
        )
    try:
        card = promotion.promote_idea(idea, boards[0], actor)
    except promotion.AlreadyOnBoard as error:
        # Someone put it on a board already: planning it is all that is left to do.
        found = db.session.get(Card, error.card_id)
        assert found is not None
        card = found
    except board_services.BoardError as error:
        raise StandupError(error.message) from error
    idea_services.change_status(idea, actor, "gepland")
    return card


def decline_idea(team: Team, idea: Idea, actor: User, reason: str | None) -> Idea:
    """Decline a new idea, with the reason its submitter will read."""
    _new_idea_of(team, idea)
    try:
        return idea_services.change_status(idea, actor, "afgewezen", reason or "")
    except idea_services.IdeaError as error:
        raise StandupError(error.message, "reason") from error


def merge_idea(team: Team, idea: Idea, target_id: int | None, actor: User) -> Idea:
    """Merge a new idea into another one (a duplicate); returns the idea it went into."""
    _new_idea_of(team, idea)
    if not target_id:
        raise StandupError(_("Vul het nummer van een bestaand idee in."), "target_id")
    try:
        return idea_services.merge_ideas(idea.id, target_id, actor)
    except idea_services.IdeaError as error:
        raise StandupError(error.message, "target_id") from error
    except DomainError as error:
        if error.status == 404:
            raise StandupError(
                _("Er is geen idee met nummer %(n)s.", n=target_id), "target_id"
            ) from error
        raise


def period_of(standup: Standup | None, team: Team, moment: datetime | None = None) -> datetime:
    """Where the agenda starts for a team right now."""
    if standup is not None:
        return standup.period_start
    return queries.next_period_start(team.id, moment or now())
