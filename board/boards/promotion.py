"""From idea to card, and the idea's status following its card.

One card per idea: promoting an idea that already has a card (open or archived) is refused.
When the card leaves the first column the idea becomes "in uitvoering"; when it reaches a done
column, "gerealiseerd". The status only moves forward, never for a rejected or merged idea, and
always through board.ideas.services.change_status, so followers are notified and the idea's
history says who moved the card. services.move_card calls `follow_card_move` for every move
between columns (drag, the click-only form, the up/down buttons and the API all go through it).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from board.accounts.models import User
from board.boards import permissions, queries
from board.boards.models import Board, BoardColumn, Card
from board.boards.services import BoardError, CardInput, create_card
from board.clock import now
from board.errors import Conflict
from board.extensions import db
from board.ideas import services as idea_services
from board.ideas.models import VISIBLE, Idea, IdeaEvent
from board.org.models import Team

# The statuses an idea passes on its way; the automation only ever moves to a later one.
PROGRESS = ("nieuw", "in_behandeling", "gepland", "in_uitvoering", "gerealiseerd")


class AlreadyOnBoard(Conflict):
    """The idea already has a card; `card_id` says which."""

    def __init__(self, message: str, card_id: int) -> None:
        super().__init__(message, "board_id")
        self.card_id = card_id


@dataclass(frozen=True)
class IdeaCard:
    """Where an idea's card is, as the idea page shows it."""

    card_id: int
    board_id: int
    board_name: str
    team_name: str
    column_name: str
    archived: bool
    visible: bool


def card_of_idea(idea_id: int, viewer) -> IdeaCard | None:
    """The card made from an idea, with its board and column (one query)."""
    row = db.session.execute(
        select(Card.id, Card.archived_at, BoardColumn.name, Board, Team.name)
        .join(BoardColumn, BoardColumn.id == Card.column_id)
        .join(Board, Board.id == Card.board_id)
        .join(Team, Team.id == Board.team_id)
        .where(Card.idea_id == idea_id)
        .order_by(Card.id)
        .limit(1)
    ).first()
    if row is None:
        return None
    card_id, archived_at, column_name, board, team_name = row
    return IdeaCard(
        card_id,
        board.id,
        board.name,
        team_name,
        column_name,
        archived_at is not None,
        permissions.can_view(viewer, board),
    )


def promotable_boards(viewer, idea: Idea) -> list[Board]:
    """The open boards a person may change, the boards of the idea's team first."""
    member_of = permissions.team_ids(viewer)
    boards = [
        item.board
        for item in queries.list_boards(viewer)
        if permissions.can_edit(viewer, item.board, member_of)
    ]
    return sorted(boards, key=lambda b: b.team_id != idea.team_id)  # stable: keeps the order


def promote_idea(idea: Idea, board: Board, actor: User) -> Card:
    """Put an idea on a board: a card in its first column with the idea's title and
    perspectives, linked to the idea; refused for a waiting or merged idea and a second time."""
    if idea.moderation != VISIBLE:
        raise BoardError(_("Dit idee wacht nog op moderatie en kan nog niet op een bord."))
    if idea.status == "samengevoegd":
        raise BoardError(
            _("Dit idee is samengevoegd; zet het idee waarin het is opgegaan op een bord.")
        )
    # The idea's row lock makes two people promoting at once take turns (PostgreSQL).
    db.session.execute(select(Idea.id).where(Idea.id == idea.id).with_for_update())
    existing = db.session.scalar(select(Card.id).where(Card.idea_id == idea.id).limit(1))
    if existing is not None:
        raise AlreadyOnBoard(
            _("Dit idee staat al op een bord (kaart #%(n)d).", n=existing), existing
        )
    card = create_card(
        board,
        CardInput(title=idea.title, perspectives=list(idea.perspectives)),
        actor,
        idea_id=idea.id,
    )
    db.session.add(
        IdeaEvent(
            idea_id=idea.id,
            actor_id=actor.id,
            kind="op_bord",
            from_value="",
            to_value=f"{board.name} #{card.id}"[:200],
            created_at=now(),
        )
    )
    idea.last_activity_at = now()
    db.session.flush()
    return card


def _first_column_id(board_id: int) -> int | None:
    return db.session.scalar(
        select(BoardColumn.id)
        .where(BoardColumn.board_id == board_id)
        .order_by(BoardColumn.position, BoardColumn.id)
        .limit(1)
    )


def status_after_move(current: str, to_column: BoardColumn, first_column_id: int | None) -> str:
    """The idea's status after its card went to a column: later, or unchanged."""
    if current not in PROGRESS:
        return current  # afgewezen, samengevoegd: never touched
    if to_column.is_done:
        wanted = "gerealiseerd"
    elif to_column.id != first_column_id:
        wanted = "in_uitvoering"
    else:
        return current
    return wanted if PROGRESS.index(wanted) > PROGRESS.index(current) else current


def follow_card_move(card: Card, to_column: BoardColumn, actor: User | None) -> Idea | None:
    """After a card with an idea moved to another column: move the idea's status forward when
    the card left the first column or reached a done one (followers are notified)."""
    if card.idea_id is None or actor is None:
        return None
    idea = db.session.get(Idea, card.idea_id)
    if idea is None or idea.moderation != VISIBLE:
        return None
    wanted = status_after_move(idea.status, to_column, _first_column_id(card.board_id))
    if wanted == idea.status:
        return None
    return idea_services.change_status(idea, actor, wanted)
