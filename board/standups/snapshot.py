"""The agenda as it was discussed, kept with the stand-up when it is finished.

A snapshot is plain JSON data (texts, names, numbers, moments as RFC 3339 strings), so it still
reads right when cards, columns or people change or vanish later. Card and idea ids are kept
for links, but nothing depends on them. Lists are trimmed as the agenda trims them and say how
many more there were. The "versie" key tells readers which shape they have; this is version 1:

    versie, van, tot            the period the agenda covered
    borden                      [{id, naam, prive}]
    actiepunten, actiepuntenMeer   [{id, tekst, eigenaar, deadline, gedaan, teLaat}]
    geblokkeerd, geblokkeerdMeer   [{kaartId, titel, bordId, kolom, reden, sinds, dagen}]
    geblokkeerdMeerPerBord      {bordId: how many blocked cards of that board were left out}
    kolommen                    the board walk, right to left, only columns with something to
                                say: [{bordId, kolom, open, wipLimiet, gewoonlijkDagen,
                                afgerond, binnengekomen, nieuw: [{kaartId, titel, van, naar,
                                door, op}], teLaat: [{kaartId, titel, deadline, dagen}],
                                langerDanGewoonlijk: [{kaartId, titel, dagen}], meer: {list: n}}]
    wip                         [{bordId, kolom, aantal, limiet}]
    ideeen                      [{id, titel, stemmen, nieuw, besluit, reden, samengevoegdMet}]:
                                first those decided during the stand-up (besluit: the status
                                they got), then those still waiting (besluit null)

Readers who may not see a team's private boards get the snapshot without them (for_reader).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select

from board.boards.models import Board
from board.extensions import db
from board.ideas.models import Idea, IdeaEvent
from board.org.models import Team
from board.standups.agenda import LIST_MAX, Agenda, CardChange, build_agenda
from board.standups.models import ActionItem, Standup

VERSION = 1
BLOCKED_MAX = 20
ACTIONS_MAX = 30
DECIDED_MAX = 20
SECTIONS = ("afgerond", "binnengekomen", "nieuw", "teLaat", "langerDanGewoonlijk")
_AGENDA_LISTS = dict(zip(("finished", "moved_in", "new", "overdue", "aged"), SECTIONS, strict=True))


def _moment(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _change(change: CardChange) -> dict[str, Any]:
    return {
        "kaartId": change.card_id,
        "titel": change.title,
        "van": change.from_name or "",
        "naar": change.to_name or "",
        "door": change.actor_name or "",
        "op": _moment(change.at),
    }


def decided_ideas(
    team_id: int, since: datetime, until: datetime, period_start: datetime
) -> list[dict[str, Any]]:
    """The team's ideas that left "nieuw" between since and until (accepted, declined or merged
    on the spot), with what became of them; "nieuw" when they came in after period_start. One
    query."""
    rows = db.session.execute(
        select(
            IdeaEvent.idea_id,
            IdeaEvent.kind,
            IdeaEvent.to_value,
            Idea.title,
            Idea.vote_count,
            Idea.created_at,
            Idea.status,
            Idea.decision_reason,
            Idea.merged_into_id,
        )
        .join(Idea, Idea.id == IdeaEvent.idea_id)
        .where(
            Idea.team_id == team_id,
            IdeaEvent.kind.in_(("status", "merged_into")),
            IdeaEvent.from_value == "nieuw",
            IdeaEvent.created_at >= since,
            IdeaEvent.created_at <= until,
        )
        .order_by(IdeaEvent.created_at, IdeaEvent.id)
        .limit(DECIDED_MAX)
    ).all()
    found: dict[int, dict[str, Any]] = {}
    for idea_id, kind, to_value, title, votes, created_at, status, reason, merged_into in rows:
        decision = "samengevoegd" if kind == "merged_into" else to_value
        declined = decision == "afgewezen" and status == "afgewezen"
        found[idea_id] = {
            "id": idea_id,
            "titel": title,
            "stemmen": votes,
            "nieuw": created_at >= period_start,
            "besluit": decision,
            "reden": (reason or None) if declined else None,
            "samengevoegdMet": merged_into if decision == "samengevoegd" else None,
        }
    return list(found.values())


def action_item_entry(
    item: ActionItem, owner_name: str | None, *, done: bool, overdue: bool
) -> dict[str, Any]:
    """One action item as the snapshot keeps it."""
    return {
        "id": item.id,
        "tekst": item.text,
        "eigenaar": owner_name,
        "deadline": _day(item.due_date),
        "gedaan": done,
        "teLaat": overdue,
    }


def agenda_snapshot(agenda: Agenda, decided: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The agenda as plain data (see the module's docstring for the shape)."""
    actions = [
        action_item_entry(
            row.item,
            row.item.owner.name if row.item.owner else None,
            done=row.item.done_at is not None,
            overdue=row.overdue,
        )
        for row in agenda.action_items
    ]
    blocked = [
        {
            "kaartId": b.card.id,
            "titel": b.card.title,
            "bordId": b.card.board_id,
            "kolom": b.column_name,
            "reden": b.card.blocked_reason or "",
            "sinds": _moment(b.since),
            "dagen": b.days,
        }
        for b in agenda.blocked
    ]
    columns = []
    for view in agenda.walk:
        lists: dict[str, list[dict[str, Any]]] = {
            "afgerond": [_change(c) for c in view.finished[:LIST_MAX]],
            "binnengekomen": [_change(c) for c in view.moved_in[:LIST_MAX]],
            "nieuw": [_change(c) for c in view.new[:LIST_MAX]],
            "teLaat": [
                {
                    "kaartId": o.card.id,
                    "titel": o.card.title,
                    "deadline": _day(o.card.due_date),
                    "dagen": o.days_overdue,
                }
                for o in view.overdue[:LIST_MAX]
            ],
            "langerDanGewoonlijk": [
                {"kaartId": a.card.id, "titel": a.card.title, "dagen": a.days_in_column}
                for a in view.aged[:LIST_MAX]
            ],
        }
        columns.append(
            {
                "bordId": view.board.id,
                "kolom": view.column.name,
                "open": view.open_count,
                "wipLimiet": view.column.wip_limit,
                "gewoonlijkDagen": view.usual_days,
                **lists,
                "meer": {_AGENDA_LISTS[k]: n for k, n in view.more.items() if n},
            }
        )
    decided = decided or []
    decided_ids = {d["id"] for d in decided}
    ideas = decided + [
        {
            "id": i.id,
            "titel": i.title,
            "stemmen": i.vote_count,
            "nieuw": i.is_new,
            "besluit": None,
            "reden": None,
            "samengevoegdMet": None,
        }
        for i in agenda.ideas
        if i.id not in decided_ids
    ]
    return {
        "versie": VERSION,
        "van": _moment(agenda.since),
        "tot": _moment(agenda.until),
        "borden": [
            {"id": b.id, "naam": b.name, "prive": b.visibility == "private"} for b in agenda.boards
        ],
        "actiepunten": actions[:ACTIONS_MAX],
        "actiepuntenMeer": max(0, len(actions) - ACTIONS_MAX),
        "geblokkeerd": blocked[:BLOCKED_MAX],
        "geblokkeerdMeer": max(0, len(blocked) - BLOCKED_MAX),
        # The same per board (JSON keys are text), so a reader without private boards gets a
        # count of only what they may see.
        "geblokkeerdMeerPerBord": {
            str(board_id): n
            for board_id, n in Counter(b["bordId"] for b in blocked[BLOCKED_MAX:]).items()
        },
        "kolommen": columns,
        "wip": [
            {"bordId": w.board.id, "kolom": w.column.name, "aantal": w.count, "limiet": w.limit}
            for w in agenda.wip
        ],
        "ideeen": ideas,
    }


def build_snapshot(standup: Standup, team: Team, until: datetime) -> dict[str, Any]:
    """The snapshot of a stand-up's agenda as it stands at `until` (its end): the period since
    the previous stand-up, everything on the team's boards, the action items open or ticked
    off during the stand-up, and what was decided about the new ideas."""
    agenda = build_agenda(
        team, standup.period_start, until, include_private=True, done_since=standup.started_at
    )
    decided = decided_ideas(team.id, standup.started_at, until, standup.period_start)
    return agenda_snapshot(agenda, decided)


# --- reading ----------------------------------------------------------------------------------


def private_board_ids(team_id: int) -> set[int]:
    """The team's boards that are private now (archived ones too): one query."""
    return set(
        db.session.scalars(
            select(Board.id).where(Board.team_id == team_id, Board.visibility == "private")
        )
    )


def for_reader(
    snapshot: dict[str, Any] | None, hidden_board_ids: set[int] | None = None
) -> dict[str, Any] | None:
    """The snapshot without the boards in `hidden_board_ids` nor those that were private when
    it was taken; pass None for a reader who may see every board of the team."""
    if not snapshot or snapshot.get("versie") != VERSION:
        return None
    if hidden_board_ids is None:
        return snapshot
    hidden = set(hidden_board_ids) | {b["id"] for b in snapshot.get("borden", []) if b["prive"]}
    if not hidden:
        return snapshot
    result = dict(snapshot)
    result["borden"] = [b for b in snapshot.get("borden", []) if b["id"] not in hidden]
    for key in ("geblokkeerd", "kolommen", "wip"):
        result[key] = [x for x in snapshot.get(key, []) if x.get("bordId") not in hidden]
    more = snapshot.get("geblokkeerdMeerPerBord", {})
    result["geblokkeerdMeerPerBord"] = {b: n for b, n in more.items() if int(b) not in hidden}
    result["geblokkeerdMeer"] = sum(result["geblokkeerdMeerPerBord"].values())
    return result


# --- showing ----------------------------------------------------------------------------------


def _parse(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _parse_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


# The archive shows a stand-up's minutes, not the whole agenda again: per column and list the
# first few card titles and how many more (the snapshot itself keeps LIST_MAX and who/when).
ARCHIVE_TITLES = 5


@dataclass(slots=True)
class SnapshotLine:
    """One list of a column in the archive: "afgerond", the titles, and how many more."""

    key: str
    titles: str
    more: int


@dataclass(slots=True)
class SnapshotColumn:
    name: str
    board: str
    open: int
    wip_limit: int | None
    lines: list[SnapshotLine]


@dataclass
class SnapshotView:
    """A snapshot ready for a template: moments as datetimes, board names where they help."""

    since: datetime | None
    until: datetime | None
    action_items: list[dict[str, Any]]
    action_items_more: int
    blocked: list[dict[str, Any]]
    blocked_more: int
    columns: list[SnapshotColumn]
    wip: list[dict[str, Any]]
    ideas: list[dict[str, Any]]
    show_board: bool = False
    board_names: dict[int, str] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.action_items or self.blocked or self.columns or self.wip or self.ideas)


def view_of(snapshot: dict[str, Any] | None) -> SnapshotView | None:
    """A (reader's) snapshot made ready to show, or None when there is none."""
    if not snapshot or snapshot.get("versie") != VERSION:
        return None
    names = {b["id"]: b["naam"] for b in snapshot.get("borden", [])}
    columns = []
    for column in snapshot.get("kolommen", []):
        lines = []
        for key in SECTIONS:
            items = column.get(key) or []
            if not items:
                continue
            titles = ", ".join(str(i.get("titel", "")) for i in items[:ARCHIVE_TITLES])
            more = max(0, len(items) - ARCHIVE_TITLES) + int((column.get("meer") or {}).get(key, 0))
            lines.append(SnapshotLine(key, titles, more))
        columns.append(
            SnapshotColumn(
                name=column.get("kolom", ""),
                board=names.get(column.get("bordId"), ""),
                open=column.get("open", 0),
                wip_limit=column.get("wipLimiet"),
                lines=lines,
            )
        )
    return SnapshotView(
        since=_parse(snapshot.get("van")),
        until=_parse(snapshot.get("tot")),
        action_items=[
            # (`klaarOp` was the due date's first name; agendas kept under it still read.)
            {**a, "deadline": _parse_day(a.get("deadline", a.get("klaarOp")))}
            for a in snapshot.get("actiepunten", [])
        ],
        action_items_more=snapshot.get("actiepuntenMeer", 0),
        blocked=[
            {**b, "board": names.get(b.get("bordId"), "")} for b in snapshot.get("geblokkeerd", [])
        ],
        blocked_more=snapshot.get("geblokkeerdMeer", 0),
        columns=columns,
        wip=[{**w, "board": names.get(w.get("bordId"), "")} for w in snapshot.get("wip", [])],
        ideas=list(snapshot.get("ideeen", [])),
        show_board=len(names) > 1,
        board_names=names,
    )
