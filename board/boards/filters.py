"""Filters and swimlanes of the board page, applied to the cards the board query already read.

Filtering and grouping happen in Python on the board view, so the page costs the same queries
with or without them; the column counts stay the full counts (a WIP limit is about every card).
Filters are GET parameters, so a filtered view is a link to share: eigenaar (a person's id),
perspectief, tag, geblokkeerd=1, te-laat=1, and rijen=perspectief|eigenaar for swimlanes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask import request
from flask_babel import gettext as _

from board.boards.queries import BoardView, CardSummary, ColumnView
from board.ideas.models import PERSPECTIVES

ROWS = ("perspectief", "eigenaar")


@dataclass(frozen=True)
class BoardFilter:
    """What the viewer asked to see; empty fields filter nothing."""

    owner_id: int | None = None
    perspective: str = ""
    tag: str = ""
    blocked: bool = False
    overdue: bool = False
    rows: str = ""

    @property
    def active(self) -> bool:
        return bool(
            self.owner_id is not None
            or self.perspective
            or self.tag
            or self.blocked
            or self.overdue
        )

    def args(self, **changes) -> dict[str, str]:
        """The GET parameters of this view (with some changed), for links that keep it."""
        values = {
            "eigenaar": str(self.owner_id) if self.owner_id is not None else "",
            "perspectief": self.perspective,
            "tag": self.tag,
            "geblokkeerd": "1" if self.blocked else "",
            "te-laat": "1" if self.overdue else "",
            "rijen": self.rows,
        }
        values.update(changes)
        return {k: v for k, v in values.items() if v}

    def rows_only(self) -> dict[str, str]:
        """The parameters of this layout without any filter ("Filters wissen")."""
        return {"rijen": self.rows} if self.rows else {}

    def matches(self, card: CardSummary, today: date) -> bool:
        if self.owner_id is not None and all(u.id != self.owner_id for u in card.owners):
            return False
        if self.perspective and self.perspective not in card.perspectives:
            return False
        if self.tag and self.tag not in card.tags:
            return False
        if self.blocked and not card.blocked:
            return False
        return not (self.overdue and not (card.due_date and card.due_date < today))


def parse_filter(args) -> BoardFilter:
    """The filter in a request's GET parameters; values that mean nothing are left out."""
    raw_owner = (args.get("eigenaar") or "").strip()
    owner_id = int(raw_owner) if raw_owner.isdigit() and len(raw_owner) < 10 else None
    perspective = args.get("perspectief") or ""
    rows = args.get("rijen") or ""
    return BoardFilter(
        owner_id=owner_id,
        perspective=perspective if perspective in PERSPECTIVES else "",
        tag=(args.get("tag") or "").strip().lower()[:40],
        blocked=args.get("geblokkeerd") == "1",
        overdue=args.get("te-laat") == "1",
        rows=rows if rows in ROWS else "",
    )


@dataclass
class Lane:
    """One row of the board: the same columns, with only this row's cards."""

    key: str
    label: str
    columns: list[ColumnView] = field(default_factory=list)

    @property
    def card_count(self) -> int:
        return sum(len(c.cards) for c in self.columns)


def _lane_key(card: CardSummary, rows: str) -> tuple[str, str]:
    """The row a card goes in: its first perspective or its first owner (alphabetically)."""
    if rows == "perspectief":
        return (card.perspectives[0], "") if card.perspectives else ("geen", "")
    if card.owners:
        return f"u{card.owners[0].id}", card.owners[0].name
    return "geen", ""


def _lanes(view: BoardView, rows: str, plabels: dict[str, str]) -> list[Lane]:
    lanes: dict[str, Lane] = {}
    for cv in view.columns:
        for card in cv.cards:
            key, name = _lane_key(card, rows)
            if key not in lanes:
                if key == "geen":
                    label = (
                        _("Zonder perspectief") if rows == "perspectief" else _("Zonder eigenaar")
                    )
                else:
                    label = plabels.get(key, name) if rows == "perspectief" else name
                lanes[key] = Lane(
                    key, label, [ColumnView(c.column, [], c.count) for c in view.columns]
                )
            lane = lanes[key]
            next(c for c in lane.columns if c.column.id == cv.column.id).cards.append(card)
    if rows == "perspectief":
        order = {p: i for i, p in enumerate(PERSPECTIVES)}
        return sorted(lanes.values(), key=lambda lane: order.get(lane.key, len(order)))
    return sorted(lanes.values(), key=lambda lane: (lane.key == "geen", lane.label.lower()))


def filter_context(view: BoardView, args, plabels: dict[str, str]) -> dict:
    """The filter form's choices, the filtered columns (counts stay full) and the swimlanes."""
    wanted = parse_filter(args)
    owners: dict[int, str] = {}
    tags: set[str] = set()
    for cv in view.columns:
        for card in cv.cards:
            for u in card.owners:
                owners[u.id] = u.name
            tags.update(card.tags)
    shown_total = 0
    for cv in view.columns:
        if wanted.active:
            cv.cards = [c for c in cv.cards if wanted.matches(c, view.today)]
            # The header then says "3 van 7 getoond"; ColumnView belongs to the board query.
            cv.shown = len(cv.cards)  # type: ignore[attr-defined]
        shown_total += len(cv.cards)
    total = sum(cv.count for cv in view.columns)
    message = ""
    if request.headers.get("HX-Trigger") == "board-filters":  # said after an in-place update
        message = (
            _("%(shown)d van %(n)d kaarten getoond.", shown=shown_total, n=total)
            if wanted.active
            else _("Alle %(n)d kaarten getoond.", n=total)
        )
    return {
        "filter_message": message,
        "board_filter": wanted,
        "owner_choices": sorted(owners.items(), key=lambda item: item[1].lower()),
        "tag_choices": sorted(tags),
        "shown_total": shown_total,
        "lanes": _lanes(view, wanted.rows, plabels) if wanted.rows else None,
    }
