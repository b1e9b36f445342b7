"""Read side of "Mijn kaarten": the open cards a person owns on every board they may see.

Open: not archived, on a board that is not archived, and not in a done column. Costs the same
six queries for two cards or two hundred: the boards, their open columns, and the cards with
their ideas, owners, perspectives and tags.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from board.boards import permissions
from board.boards.models import Board, BoardColumn, Card, CardOwner
from board.boards.queries import CardSummary, _summaries
from board.extensions import db
from board.org.models import Chain, Team


@dataclass
class MyCard:
    card: CardSummary
    column: BoardColumn


@dataclass
class MyBoard:
    board: Board
    cards: list[MyCard] = field(default_factory=list)


def list_my_cards(user) -> list[MyBoard]:
    """The open cards I own, grouped by board (by chain, team and name), in column order."""
    owned = select(CardOwner.card_id).where(CardOwner.user_id == user.id)
    boards = list(
        db.session.scalars(
            select(Board)
            .join(Team, Team.id == Board.team_id)
            .join(Chain, Chain.id == Team.chain_id)
            .options(joinedload(Board.team))
            .where(
                permissions.visible_clause(user),
                Board.archived_at.is_(None),
                Board.id.in_(
                    select(Card.board_id).where(Card.id.in_(owned), Card.archived_at.is_(None))
                ),
            )
            .order_by(func.lower(Chain.name), func.lower(Team.name), func.lower(Board.name))
        ).unique()
    )
    if not boards:
        return []
    columns = {
        c.id: c
        for c in db.session.scalars(
            select(BoardColumn).where(
                BoardColumn.board_id.in_([b.id for b in boards]), BoardColumn.is_done.is_(False)
            )
        )
    }
    if not columns:
        return []
    groups = {b.id: MyBoard(b) for b in boards}
    for card in _summaries(
        Card.id.in_(owned),
        Card.archived_at.is_(None),
        Card.column_id.in_(list(columns)),
    ):
        groups[card.board_id].cards.append(MyCard(card, columns[card.column_id]))
    for group in groups.values():
        group.cards.sort(key=lambda item: (item.column.position, item.column.id))  # stable: rank
    return [g for g in groups.values() if g.cards]
