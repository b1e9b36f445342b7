"""Write side of the boards area: boards, columns, cards and moving cards.

Services enforce the rules, raise BoardError with a translated message, leave a CardEvent for
every change to a card, bump the board's version for every change a viewer would see, flush and
never commit.

Concurrency: every write to a board starts by bumping the board's version with an UPDATE, which
takes the board row's lock on PostgreSQL and the write lock on SQLite. Moves on one board are so
serialised: the ranks a move computes come from what the previous move committed, so forty
people moving at once still leave one consistent order with every card exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from flask_babel import gettext as _
from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import contains_eager

from board.accounts.models import User
from board.boards import queries, ranks
from board.boards.models import (
    BLOCKED_REASON_MAX,
    CARD_DESCRIPTION_MAX,
    CARD_TITLE_MAX,
    COLUMN_NAME_MAX,
    NAME_MAX,
    TEMPLATES,
    VISIBILITIES,
    WIP_POLICIES,
    Board,
    BoardColumn,
    Card,
    CardChecklistItem,
    CardComment,
    CardEvent,
    CardOwner,
    CardPerspective,
    CardTag,
)
from board.clock import now
from board.errors import Conflict, DomainError, NotFound
from board.extensions import db
from board.ideas.models import PERSPECTIVES, Tag
from board.ideas.services import parse_tags
from board.org import queries as org_queries
from board.org.models import Team

COMMENT_MAX = 2000
CHECKLIST_TEXT_MAX = 200
TAG_MAX = 40
TAGS_PER_CARD = 10
WIP_LIMIT_MAX = 999


class BoardError(DomainError):
    """A rule about boards, columns or cards was broken."""


class StaleCard(Conflict):
    """The card changed since the client saw it; carries what the client needs to refresh."""

    def __init__(self, message: str, card: Card) -> None:
        super().__init__(message)
        self.card_id = card.id
        self.board_id = card.board_id
        self.column_id = card.column_id
        self.version = card.version


class WipConfirmationNeeded(BoardError):
    """The move would put the column over its WIP limit; ask, then move with confirmation."""

    status = 409

    def __init__(self, message: str, column: BoardColumn) -> None:
        super().__init__(message, "column_id")
        self.column_id = column.id
        self.column_name = column.name


class WipLimitRefused(BoardError):
    """The column is at its WIP limit and the board refuses to go over it."""

    status = 409


def _template_column_names() -> dict[str, list[tuple[str, bool]]]:
    # Column names are data once created; they start in the language of the installation.
    return {
        "verbeterbord": [
            (_("Ideeën"), False),
            (_("Plan"), False),
            (_("Do"), False),
            (_("Check"), False),
            (_("Act"), False),
            (_("Klaar"), True),
        ],
        "eenvoudig": [(_("Te doen"), False), (_("Bezig"), False), (_("Klaar"), True)],
    }


# --- helpers ----------------------------------------------------------------------------------


def _clean_name(value: str, maximum: int, field_name: str, empty: str) -> str:
    name = " ".join((value or "").split())
    if not name:
        raise BoardError(empty, field_name)
    if len(name) > maximum:
        raise BoardError(
            _("Hoogstens %(n)d tekens (nu %(m)d).", n=maximum, m=len(name)), field_name
        )
    return name


def _touch(board_id: int) -> None:
    """Bump the board's version; also the lock that serialises writes to one board."""
    db.session.execute(
        update(Board)
        .where(Board.id == board_id)
        .values(version=Board.version + 1, updated_at=now())
        .execution_options(synchronize_session=False)
    )


def touch_team_boards(team_id: int) -> None:
    """Bump the version of the team's open boards: what they show of the team changed (its
    action items past due), so open boards and wallboards fetch themselves again."""
    db.session.execute(
        update(Board)
        .where(Board.team_id == team_id, Board.archived_at.is_(None))
        .values(version=Board.version + 1)
        .execution_options(synchronize_session=False)
    )


def _event(
    card: Card,
    actor: User | None,
    kind: str,
    before: str = "",
    after: str = "",
    *,
    from_column_id: int | None = None,
    to_column_id: int | None = None,
) -> None:
    db.session.add(
        CardEvent(
            card_id=card.id,
            board_id=card.board_id,
            actor_id=getattr(actor, "id", None),
            kind=kind,
            from_value=(before or "")[:200],
            to_value=(after or "")[:200],
            from_column_id=from_column_id,
            to_column_id=to_column_id,
            created_at=now(),
        )
    )


def _board(board_id: int) -> Board:
    board = db.session.get(Board, board_id)
    if board is None:
        raise NotFound(_("Dit bord bestaat niet (meer)."))
    return board


def _column(column_id: int) -> BoardColumn:
    column = db.session.get(BoardColumn, column_id)
    if column is None:
        raise NotFound(_("Deze kolom bestaat niet (meer)."))
    return column


def _open_count(column_id: int) -> int:
    return (
        db.session.scalar(
            select(func.count(Card.id)).where(
                Card.column_id == column_id, Card.archived_at.is_(None)
            )
        )
        or 0
    )


def _ordered_ranks(column_id: int, exclude_card_id: int | None = None) -> list[tuple[int, str]]:
    stmt = (
        select(Card.id, Card.rank)
        .where(Card.column_id == column_id, Card.archived_at.is_(None))
        .order_by(Card.rank, Card.id)
    )
    if exclude_card_id is not None:
        stmt = stmt.where(Card.id != exclude_card_id)
    return [(row[0], row[1]) for row in db.session.execute(stmt)]


def _rebalance(column_id: int, order: list[int]) -> dict[int, str]:
    """Renumber a column evenly; `order` is every open card of it, top to bottom."""
    new = dict(zip(order, ranks.spread(len(order)), strict=True))
    for card_id, rank in new.items():
        db.session.execute(
            update(Card)
            .where(Card.id == card_id)
            .values(rank=rank)
            .execution_options(synchronize_session="evaluate")
        )
    return new


def _rank_at_end(column_id: int) -> str:
    last = db.session.scalar(
        select(func.max(Card.rank)).where(Card.column_id == column_id, Card.archived_at.is_(None))
    )
    rank = ranks.between(last, None)
    if len(rank) > ranks.REBALANCE_AT:
        order = [card_id for card_id, _rank in _ordered_ranks(column_id)]
        spread = _rebalance(column_id, order)
        rank = ranks.between(spread[order[-1]] if order else None, None)
    return rank


def _neighbour(
    column_id: int, card: Card | _Place | None, *, above: bool, exclude_id: int
) -> tuple[int, str] | None:
    """The open card right above (or below) `card` in a column, or the first card of the column
    when `card` is None; one indexed row, whatever the length of the column."""
    stmt = select(Card.id, Card.rank).where(
        Card.column_id == column_id, Card.archived_at.is_(None), Card.id != exclude_id
    )
    if card is not None:
        if above:
            stmt = stmt.where(
                or_(Card.rank < card.rank, and_(Card.rank == card.rank, Card.id < card.id))
            ).order_by(Card.rank.desc(), Card.id.desc())
        else:
            stmt = stmt.where(
                or_(Card.rank > card.rank, and_(Card.rank == card.rank, Card.id > card.id))
            ).order_by(Card.rank, Card.id)
    else:
        stmt = stmt.order_by(Card.rank, Card.id)
    row = db.session.execute(stmt.limit(1)).first()
    return (row[0], row[1]) if row else None


def _rank_after(column_id: int, after: Card | None, moving_card_id: int) -> str:
    """The rank for a card placed right after `after` (None: on top) in a column.

    Only the two neighbours are read; the whole column only when it has to be renumbered.
    """
    below = _neighbour(column_id, after, above=False, exclude_id=moving_card_id)
    before = after.rank if after is not None else None
    following = below[1] if below else None
    if before is None or following is None or before < following:
        rank = ranks.between(before, following)
        if len(rank) <= ranks.REBALANCE_AT:
            return rank
    # Ranks too long (or equal, which a restore could leave): renumber this column once.
    ids = [card_id for card_id, _rank in _ordered_ranks(column_id, exclude_card_id=moving_card_id)]
    index = 0 if after is None else ids.index(after.id) + 1
    order = ids[:index] + [moving_card_id] + ids[index:]
    return _rebalance(column_id, order)[moving_card_id]


def _check_wip(column: BoardColumn, board: Board, confirm: bool) -> None:
    if column.wip_limit is None:
        return
    if _open_count(column.id) + 1 <= column.wip_limit:
        return
    if board.wip_policy == "refuse":
        raise WipLimitRefused(
            _(
                "De kolom ‘%(column)s’ zit aan de WIP-limiet van %(n)d; dit bord staat dat niet "
                "toe. Maak eerst een kaart af.",
                column=column.name,
                n=column.wip_limit,
            ),
            "column_id",
        )
    if not confirm:
        raise WipConfirmationNeeded(
            _(
                "De kolom ‘%(column)s’ gaat hiermee over de WIP-limiet van %(n)d. Toch "
                "verplaatsen?",
                column=column.name,
                n=column.wip_limit,
            ),
            column,
        )


# --- boards -----------------------------------------------------------------------------------


def create_board(
    team: Team, name: str, template: str, actor: User | None, visibility: str = "public"
) -> Board:
    """A new board for a team, with the columns of a template."""
    if team is None or not team.active:
        raise BoardError(_("Kies een bestaand team."), "team_id")
    clean = _clean_name(name, NAME_MAX, "name", _("Geef het bord een naam."))
    if template not in TEMPLATES:
        raise BoardError(_("Kies het sjabloon Verbeterbord of Eenvoudig."), "template")
    if visibility not in VISIBILITIES:
        raise BoardError(_("Kies openbaar of alleen voor het team."), "visibility")
    board = Board(
        team_id=team.id,
        name=clean,
        template=template,
        visibility=visibility,
        wip_policy="warn",
        version=1,
        created_by_id=getattr(actor, "id", None),
    )
    db.session.add(board)
    db.session.flush()
    for position, (column_name, is_done) in enumerate(_template_column_names()[template]):
        db.session.add(
            BoardColumn(board_id=board.id, name=column_name, position=position, is_done=is_done)
        )
    db.session.flush()
    return board


def rename_board(board: Board, name: str, actor: User | None) -> Board:
    """Give a board another name."""
    board.name = _clean_name(name, NAME_MAX, "name", _("Geef het bord een naam."))
    _touch(board.id)
    db.session.flush()
    return board


def set_board_settings(
    board: Board, *, name: str, visibility: str, wip_policy: str, actor: User | None
) -> Board:
    """Name, visibility and WIP policy of a board at once (the settings form)."""
    clean = _clean_name(name, NAME_MAX, "name", _("Geef het bord een naam."))
    if visibility not in VISIBILITIES:
        raise BoardError(_("Kies openbaar of alleen voor het team."), "visibility")
    if wip_policy not in WIP_POLICIES:
        raise BoardError(_("Kies waarschuwen of weigeren."), "wip_policy")
    board.name, board.visibility, board.wip_policy = clean, visibility, wip_policy
    _touch(board.id)
    db.session.flush()
    return board


def set_visibility(board: Board, visibility: str, actor: User | None) -> Board:
    """Public for the whole municipality, or private to the team."""
    return set_board_settings(
        board, name=board.name, visibility=visibility, wip_policy=board.wip_policy, actor=actor
    )


def set_wip_policy(board: Board, policy: str, actor: User | None) -> Board:
    """Warn (ask for confirmation) or refuse when a column goes over its WIP limit."""
    return set_board_settings(
        board, name=board.name, visibility=board.visibility, wip_policy=policy, actor=actor
    )


def archive_board(board: Board, actor: User | None) -> Board:
    """Put a board away; it stays readable."""
    if board.archived_at is None:
        board.archived_at = now()
        _touch(board.id)
        db.session.flush()
    return board


def restore_board(board: Board, actor: User | None) -> Board:
    """Bring an archived board back."""
    if board.archived_at is not None:
        board.archived_at = None
        _touch(board.id)
        db.session.flush()
    return board


# --- columns ----------------------------------------------------------------------------------


def parse_wip_limit(raw: str | int | None) -> int | None:
    """'' → no limit; a whole number ≥ 1 → that limit; anything else → BoardError."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise BoardError(
            _("Een WIP-limiet is een heel getal van 1 of meer, of leeg voor geen limiet."),
            "wip_limit",
        ) from None
    if value < 1 or value > WIP_LIMIT_MAX:
        raise BoardError(
            _(
                "Een WIP-limiet is een heel getal van 1 tot en met %(max)d, of leeg voor geen "
                "limiet (nu %(n)d).",
                max=WIP_LIMIT_MAX,
                n=value,
            ),
            "wip_limit",
        )
    return value


def add_column(
    board: Board, name: str, actor: User | None, wip_limit: int | None = None, is_done=False
) -> BoardColumn:
    """A new column at the right end of the board."""
    clean = _clean_name(name, COLUMN_NAME_MAX, "name", _("Geef de kolom een naam."))
    limit = parse_wip_limit(wip_limit)
    _touch(board.id)
    last = db.session.scalar(
        select(func.max(BoardColumn.position)).where(BoardColumn.board_id == board.id)
    )
    column = BoardColumn(
        board_id=board.id,
        name=clean,
        position=(last + 1) if last is not None else 0,
        wip_limit=limit,
        is_done=bool(is_done),
    )
    db.session.add(column)
    db.session.flush()
    return column


def update_column(
    column: BoardColumn, *, name: str, wip_limit: str | int | None, is_done: bool, actor
) -> BoardColumn:
    """Rename a column, set its WIP limit (≥ 1 or empty) and whether it is a done column."""
    clean = _clean_name(name, COLUMN_NAME_MAX, "name", _("Geef de kolom een naam."))
    limit = parse_wip_limit(wip_limit)
    _touch(column.board_id)
    column.name, column.wip_limit, column.is_done = clean, limit, bool(is_done)
    db.session.flush()
    return column


def rename_column(column: BoardColumn, name: str, actor: User | None) -> BoardColumn:
    """Give a column another name."""
    return update_column(
        column, name=name, wip_limit=column.wip_limit, is_done=column.is_done, actor=actor
    )


def set_wip_limit(column: BoardColumn, raw: str | int | None, actor: User | None) -> BoardColumn:
    """Set or clear a column's WIP limit."""
    return update_column(
        column, name=column.name, wip_limit=raw, is_done=column.is_done, actor=actor
    )


def set_done(column: BoardColumn, is_done: bool, actor: User | None) -> BoardColumn:
    """Mark a column as a done column (work that reaches it is finished)."""
    return update_column(
        column, name=column.name, wip_limit=column.wip_limit, is_done=is_done, actor=actor
    )


def move_column(column: BoardColumn, offset: int, actor: User | None) -> list[BoardColumn]:
    """Move a column one place left (-1) or right (+1); at the edge nothing changes."""
    _touch(column.board_id)
    columns = queries.list_columns(column.board_id)
    index = next(i for i, c in enumerate(columns) if c.id == column.id)
    target = index + offset
    if 0 <= target < len(columns):
        columns[index], columns[target] = columns[target], columns[index]
    for position, c in enumerate(columns):
        c.position = position
    db.session.flush()
    return columns


def remove_column(
    column: BoardColumn, target_column_id: int | None, actor: User | None
) -> BoardColumn | None:
    """Remove a column; its cards (also archived ones) go to the end of the target column."""
    board = _board(column.board_id)
    _touch(board.id)
    columns = queries.list_columns(board.id)
    if len(columns) <= 1:
        raise BoardError(_("Een bord moet minstens één kolom hebben."), "target_column_id")
    has_cards = db.session.scalar(select(func.count(Card.id)).where(Card.column_id == column.id))
    target: BoardColumn | None = None
    if has_cards:
        if target_column_id is None:
            raise BoardError(
                _("Er staan kaarten in deze kolom. Kies naar welke kolom ze gaan."),
                "target_column_id",
            )
        target = db.session.get(BoardColumn, target_column_id)
        if target is None or target.board_id != board.id or target.id == column.id:
            raise BoardError(_("Kies een andere kolom van dit bord."), "target_column_id")
        moment = now()
        cards = list(
            db.session.scalars(
                select(Card).where(Card.column_id == column.id).order_by(Card.rank, Card.id)
            )
        )
        for card in cards:
            open_card = card.archived_at is None
            card.rank = _rank_at_end(target.id) if open_card else card.rank
            card.column_id = target.id
            card.column_entered_at = moment
            card.version += 1
            db.session.flush()
            _event(
                card,
                actor,
                "move",
                column.name,
                target.name,
                from_column_id=column.id,
                to_column_id=target.id,
            )
    db.session.execute(
        update(CardEvent).where(CardEvent.from_column_id == column.id).values(from_column_id=None)
    )
    db.session.execute(
        update(CardEvent).where(CardEvent.to_column_id == column.id).values(to_column_id=None)
    )
    db.session.delete(column)
    db.session.flush()
    for position, c in enumerate(c for c in columns if c.id != column.id):
        c.position = position
    db.session.flush()
    return target


# --- cards ------------------------------------------------------------------------------------


@dataclass
class CardInput:
    """What a person typed for a card (form or API), before validation. None: leave as is."""

    title: str | None = None
    description: str | None = None
    due_date: date | None | str = ""  # "" means: not given
    blocked: bool | None = None
    blocked_reason: str | None = None
    owner_ids: list[int] | None = None
    perspectives: list[str] | None = None
    tags: str | list[str] | None = None
    problems: list[tuple[str, str]] = field(default_factory=list)


def _raise_problems(problems: list[tuple[str, str]]) -> None:
    if problems:
        field_name, message = problems[0]
        error = BoardError(message, field_name)
        error.problems = list(problems)  # type: ignore[attr-defined]
        raise error


def _validate_card(data: CardInput, board: Board, *, new: bool) -> dict:
    problems = list(data.problems)
    clean: dict = {}
    if data.title is not None or new:
        title = " ".join((data.title or "").split())
        if not title:
            problems.append(("title", _("Geef de kaart een titel.")))
        elif len(title) > CARD_TITLE_MAX:
            problems.append(
                (
                    "title",
                    _(
                        "Een titel is hoogstens %(n)d tekens (nu %(m)d).",
                        n=CARD_TITLE_MAX,
                        m=len(title),
                    ),
                )
            )
        clean["title"] = title
    if data.description is not None:
        description = data.description.replace("\r\n", "\n").strip()
        if len(description) > CARD_DESCRIPTION_MAX:
            problems.append(
                (
                    "description",
                    _(
                        "De beschrijving is hoogstens %(n)d tekens (nu %(m)d).",
                        n=CARD_DESCRIPTION_MAX,
                        m=len(description),
                    ),
                )
            )
        clean["description"] = description
    if data.due_date != "":
        clean["due_date"] = data.due_date
    if data.blocked is not None:
        clean["blocked"] = bool(data.blocked)
    if data.blocked_reason is not None:
        reason = " ".join(data.blocked_reason.split())
        if len(reason) > BLOCKED_REASON_MAX:
            problems.append(
                (
                    "blocked_reason",
                    _("De reden is hoogstens %(n)d tekens.", n=BLOCKED_REASON_MAX),
                )
            )
        clean["blocked_reason"] = reason
    if clean.get("blocked") and not clean.get("blocked_reason"):
        problems.append(("blocked_reason", _("Zeg waarom de kaart geblokkeerd is.")))
    if data.owner_ids is not None:
        members = {m.user_id for m in org_queries.list_members(board.team_id)}
        owner_ids = list(dict.fromkeys(data.owner_ids))
        if any(uid not in members for uid in owner_ids):
            problems.append(("owner_ids", _("Kies eigenaren uit de leden van het team.")))
        clean["owner_ids"] = owner_ids
    if data.perspectives is not None:
        if set(data.perspectives) - set(PERSPECTIVES):
            problems.append(
                (
                    "perspectives",
                    _("Kies perspectieven uit Klant, Medewerker, Proces en Financieel."),
                )
            )
        clean["perspectives"] = [p for p in PERSPECTIVES if p in set(data.perspectives)]
    if data.tags is not None:
        tags = parse_tags(data.tags)
        if any(len(t) > TAG_MAX for t in tags):
            problems.append(("tags", _("Een tag is hoogstens %(n)d tekens.", n=TAG_MAX)))
        if len(tags) > TAGS_PER_CARD:
            problems.append(("tags", _("Gebruik hoogstens %(n)d tags.", n=TAGS_PER_CARD)))
        clean["tags"] = tags
    _raise_problems(problems)
    return clean


def _set_owners(card: Card, owner_ids: list[int]) -> None:
    db.session.execute(delete(CardOwner).where(CardOwner.card_id == card.id))
    for uid in owner_ids:
        db.session.add(CardOwner(card_id=card.id, user_id=uid))


def _set_perspectives(card: Card, perspectives: list[str]) -> None:
    db.session.execute(delete(CardPerspective).where(CardPerspective.card_id == card.id))
    for p in perspectives:
        db.session.add(CardPerspective(card_id=card.id, perspective=p))


def _set_tags(card: Card, names: list[str]) -> None:
    db.session.execute(delete(CardTag).where(CardTag.card_id == card.id))
    for name in names:
        tag = db.session.scalar(select(Tag).where(Tag.name == name))
        if tag is None:
            tag = Tag(name=name)
            db.session.add(tag)
            db.session.flush()
        db.session.add(CardTag(card_id=card.id, tag_id=tag.id))


def _current_owner_ids(card_id: int) -> list[int]:
    return list(
        db.session.scalars(
            select(CardOwner.user_id)
            .where(CardOwner.card_id == card_id)
            .order_by(CardOwner.user_id)
        )
    )


def _current_perspectives(card_id: int) -> list[str]:
    found = set(
        db.session.scalars(
            select(CardPerspective.perspective).where(CardPerspective.card_id == card_id)
        )
    )
    return [p for p in PERSPECTIVES if p in found]


def _current_tags(card_id: int) -> list[str]:
    return list(
        db.session.scalars(
            select(Tag.name)
            .join(CardTag, CardTag.tag_id == Tag.id)
            .where(CardTag.card_id == card_id)
        )
    )


def create_card(
    board: Board,
    data: CardInput,
    actor: User | None,
    column_id: int | None = None,
    idea_id: int | None = None,
) -> Card:
    """A new card at the bottom of a column (the first one unless given)."""
    if board.archived_at is not None:
        raise BoardError(_("Dit bord is gearchiveerd."))
    clean = _validate_card(data, board, new=True)
    _touch(board.id)
    columns = queries.list_columns(board.id)
    column = next((c for c in columns if c.id == column_id), None) if column_id else columns[0]
    if column is None:
        raise BoardError(_("Kies een kolom van dit bord."), "column_id")
    if column.wip_limit is not None and board.wip_policy == "refuse":
        _check_wip(column, board, confirm=True)
    moment = now()
    card = Card(
        board_id=board.id,
        column_id=column.id,
        rank=_rank_at_end(column.id),
        title=clean["title"],
        description=clean.get("description", ""),
        due_date=clean.get("due_date"),
        blocked=clean.get("blocked", False),
        blocked_reason=clean.get("blocked_reason", "") if clean.get("blocked") else "",
        idea_id=idea_id,
        version=1,
        column_entered_at=moment,
        created_by_id=getattr(actor, "id", None),
        created_at=moment,
        updated_at=moment,
    )
    db.session.add(card)
    db.session.flush()
    if "owner_ids" in clean:
        _set_owners(card, clean["owner_ids"])
    if "perspectives" in clean:
        _set_perspectives(card, clean["perspectives"])
    if "tags" in clean:
        _set_tags(card, clean["tags"])
    _event(card, actor, "created", "", column.name, to_column_id=column.id)
    db.session.flush()
    return card


def get_card_or_404(card_id: int) -> Card:
    """A card by id, or NotFound."""
    card = db.session.get(Card, card_id)
    if card is None:
        raise NotFound(_("Deze kaart bestaat niet (meer)."))
    return card


def update_card(
    card: Card, data: CardInput, actor: User | None, seen_version: int | None = None
) -> Card:
    """Change what a person edited (only the fields given); one event per changed field."""
    board = _board(card.board_id)
    clean = _validate_card(data, board, new=False)
    _touch(board.id)
    db.session.refresh(card, with_for_update=True)
    if seen_version is not None and seen_version != card.version:
        raise StaleCard(
            _("Iemand anders heeft deze kaart net gewijzigd. Bekijk de nieuwe versie."), card
        )
    changed = False
    for name, kind in (("title", "title"), ("description", "description")):
        if name in clean and clean[name] != getattr(card, name):
            before = getattr(card, name)
            setattr(card, name, clean[name])
            _event(card, actor, kind, before if kind == "title" else "", clean[name][:200])
            changed = True
    if "due_date" in clean and clean["due_date"] != card.due_date:
        before = card.due_date.isoformat() if card.due_date else ""
        card.due_date = clean["due_date"]
        _event(card, actor, "due_date", before, card.due_date.isoformat() if card.due_date else "")
        changed = True
    blocked = clean.get("blocked", card.blocked)
    reason = clean.get("blocked_reason", card.blocked_reason) if blocked else ""
    if blocked != card.blocked or reason != card.blocked_reason:
        if blocked != card.blocked:
            _event(card, actor, "blocked" if blocked else "unblocked", card.blocked_reason, reason)
        else:
            _event(card, actor, "blocked_reason", card.blocked_reason, reason)
        card.blocked, card.blocked_reason = blocked, reason
        changed = True
    current_owners = _current_owner_ids(card.id)
    if "owner_ids" in clean and sorted(clean["owner_ids"]) != current_owners:
        wanted = set(current_owners) | set(clean["owner_ids"])
        names = dict(
            db.session.execute(select(User.id, User.name).where(User.id.in_(wanted))).all()
        )
        before = ", ".join(sorted(names.get(i, "") for i in current_owners))
        _set_owners(card, clean["owner_ids"])
        after = ", ".join(sorted(names.get(i, "") for i in clean["owner_ids"]))
        _event(card, actor, "owners", before, after)
        changed = True
    if "perspectives" in clean and clean["perspectives"] != _current_perspectives(card.id):
        before = ", ".join(_current_perspectives(card.id))
        _set_perspectives(card, clean["perspectives"])
        _event(card, actor, "perspectives", before, ", ".join(clean["perspectives"]))
        changed = True
    if "tags" in clean and sorted(clean["tags"]) != sorted(_current_tags(card.id)):
        before = ", ".join(sorted(_current_tags(card.id)))
        _set_tags(card, clean["tags"])
        _event(card, actor, "tags", before, ", ".join(sorted(clean["tags"])))
        changed = True
    if changed:
        card.version += 1
        card.updated_at = now()
    db.session.flush()
    return card


def archive_card(card: Card, actor: User | None) -> Card:
    """Take a card off the board; its history stays."""
    if card.archived_at is None:
        _touch(card.board_id)
        card.archived_at = now()
        card.version += 1
        _event(card, actor, "archived", from_column_id=card.column_id)
        db.session.flush()
    return card


def restore_card(card: Card, actor: User | None) -> Card:
    """Put an archived card back, at the bottom of the column it was in."""
    if card.archived_at is not None:
        _touch(card.board_id)
        card.rank = _rank_at_end(card.column_id)
        card.archived_at = None
        card.column_entered_at = now()
        card.version += 1
        _event(card, actor, "restored", to_column_id=card.column_id)
        db.session.flush()
    return card


@dataclass
class MoveResult:
    card: Card
    from_column_id: int
    to_column_id: int
    moved: bool
    # What the move read, for the answer (empty when nothing was read because nothing moved):
    # the board, its columns left to right, and the open card the moved one now follows
    # (None: on top of its column).
    board: Board | None = None
    columns: list[BoardColumn] = field(default_factory=list)
    after_id: int | None = None

    @property
    def to_column(self) -> BoardColumn | None:
        return next((c for c in self.columns if c.id == self.to_column_id), None)


def move_card(
    card: Card | int,
    to_column_id: int,
    after_card_id: int | None,
    seen_version: int | None,
    actor: User | None,
    confirm_over_wip: bool = False,
) -> MoveResult:
    """Move a card (the card as the route read it, or its id) to a place in a column, right
    after another card or on top, in one transaction; a stale version raises StaleCard, a full
    column asks or refuses.

    The board's lock comes first; then the card and its board are read once more (locked, and
    as the previous move left them), the board's columns once, and the card it goes after."""
    if isinstance(card, Card):
        card_id, board_id = card.id, card.board_id  # a card never changes boards
    else:
        card_id = card
        found = db.session.scalar(select(Card.board_id).where(Card.id == card_id))
        if found is None:
            raise NotFound(_("Deze kaart bestaat niet (meer)."))
        board_id = found
    _touch(board_id)  # the board's lock first: moves on one board happen one after the other
    locked: Card | None = db.session.scalar(
        select(Card)
        .join(Card.board)
        .where(Card.id == card_id)
        .options(contains_eager(Card.board))
        .with_for_update(of=Card)
        .execution_options(populate_existing=True)
    )
    if locked is None:
        raise NotFound(_("Deze kaart bestaat niet (meer)."))
    card = locked
    board = locked.board
    if card.archived_at is not None:
        raise BoardError(_("Deze kaart is gearchiveerd; zet haar eerst terug."))
    if seen_version is not None and seen_version != card.version:
        raise StaleCard(
            _(
                "Iemand anders heeft deze kaart net verplaatst of gewijzigd. De kolom is "
                "bijgewerkt; probeer het opnieuw."
            ),
            card,
        )
    columns = queries.list_columns(board.id)
    target = next((c for c in columns if c.id == to_column_id), None)
    if target is None:
        raise BoardError(_("Kies een kolom van dit bord."), "column_id")
    after: Card | None = None
    if after_card_id is not None:
        if after_card_id == card.id:
            raise BoardError(_("Een kaart kan niet na zichzelf komen."), "after_card_id")
        # Fresh: it may have moved since the route (or the client) saw it.
        after = db.session.get(Card, after_card_id, populate_existing=True)
        if after is None or after.column_id != target.id or after.archived_at is not None:
            raise BoardError(
                _("De kaart waarna deze moet komen staat niet (meer) in die kolom."),
                "after_card_id",
            )
    from_column_id = card.column_id
    result = MoveResult(card, from_column_id, target.id, True, board, columns, after_card_id)
    if target.id != from_column_id:
        _check_wip(target, board, confirm_over_wip)
    else:
        above = _neighbour(card.column_id, card, above=True, exclude_id=card.id)
        if (above[0] if above else None) == after_card_id:
            result.moved = False  # dropped where it was
            return result
    card.rank = _rank_after(target.id, after, card.id)
    card.version += 1
    moment = now()
    card.updated_at = moment
    if target.id != from_column_id:
        source = next((c for c in columns if c.id == from_column_id), None)
        card.column_id = target.id
        card.column_entered_at = moment
        _event(
            card,
            actor,
            "move",
            source.name if source else "",
            target.name,
            from_column_id=from_column_id,
            to_column_id=target.id,
        )
    else:
        _event(
            card,
            actor,
            "reorder",
            target.name,
            target.name,
            from_column_id=from_column_id,
            to_column_id=target.id,
        )
    db.session.flush()
    if card.idea_id is not None and target.id != from_column_id:
        from board.boards.promotion import follow_card_move  # promotion imports this module

        follow_card_move(card, target, actor)  # the idea's status follows its card
    return result


class _Place(NamedTuple):
    """A card's place in its column, as _neighbour reads it."""

    id: int
    rank: str


def _card(card: Card | int) -> Card:
    return card if isinstance(card, Card) else get_card_or_404(card)


def move_up(card: Card | int, seen_version: int | None, actor: User | None) -> MoveResult:
    """One place up in its column (at the top nothing changes): after the card two up."""
    card = _card(card)
    column_id = card.column_id
    above = None
    if card.archived_at is None:
        above = _neighbour(column_id, card, above=True, exclude_id=card.id)
    if above is None:
        return MoveResult(card, column_id, column_id, False)
    two_up = _neighbour(column_id, _Place(*above), above=True, exclude_id=card.id)
    return move_card(card, column_id, two_up[0] if two_up else None, seen_version, actor)


def move_down(card: Card | int, seen_version: int | None, actor: User | None) -> MoveResult:
    """One place down in its column (at the bottom nothing changes): after the card below."""
    card = _card(card)
    column_id = card.column_id
    below = None
    if card.archived_at is None:
        below = _neighbour(column_id, card, above=False, exclude_id=card.id)
    if below is None:
        return MoveResult(card, column_id, column_id, False)
    return move_card(card, column_id, below[0], seen_version, actor)


# --- checklist and comments -------------------------------------------------------------------


def add_checklist_item(card: Card, text: str, actor: User | None) -> CardChecklistItem:
    """A new line at the end of a card's checklist."""
    clean = _clean_name(text, CHECKLIST_TEXT_MAX, "text", _("Typ wat er gedaan moet worden."))
    _touch(card.board_id)
    last = db.session.scalar(
        select(func.max(CardChecklistItem.position)).where(CardChecklistItem.card_id == card.id)
    )
    item = CardChecklistItem(card_id=card.id, text=clean, done=False, position=(last or 0) + 1)
    db.session.add(item)
    _event(card, actor, "checklist_added", "", clean)
    db.session.flush()
    return item


def toggle_checklist_item(item: CardChecklistItem, actor: User | None) -> CardChecklistItem:
    """Tick a checklist line off, or untick it."""
    card = get_card_or_404(item.card_id)
    _touch(card.board_id)
    item.done = not item.done
    _event(card, actor, "checklist_done" if item.done else "checklist_undone", "", item.text)
    db.session.flush()
    return item


def remove_checklist_item(item: CardChecklistItem, actor: User | None) -> None:
    """Remove a checklist line."""
    card = get_card_or_404(item.card_id)
    _touch(card.board_id)
    _event(card, actor, "checklist_removed", item.text, "")
    db.session.delete(item)
    db.session.flush()


def add_comment(card: Card, author: User, body: str) -> CardComment:
    """Comment on a card."""
    text = (body or "").replace("\r\n", "\n").strip()
    if not text:
        raise BoardError(_("Typ eerst een reactie."), "body")
    if len(text) > COMMENT_MAX:
        raise BoardError(
            _("Een reactie is hoogstens %(n)d tekens (nu %(m)d).", n=COMMENT_MAX, m=len(text)),
            "body",
        )
    _touch(card.board_id)
    comment = CardComment(card_id=card.id, author_id=author.id, body=text, created_at=now())
    db.session.add(comment)
    _event(card, author, "comment", "", text[:200])
    db.session.flush()
    return comment
