"""The chain stand-up (keten-stand-up): the stand-up agenda of every team of one chain on one
page, with a summary across the teams on top, so managers can prioritise between teams.

A read-only view over a chosen period, not a stored meeting. The agreements that matter live
with the teams: each team's open action items come back on its own stand-up and here, until
done; a chain stand-up of its own (start, finish, notes, action items) would be a second place
for the same agreements. The period runs from `?sinds=` (a date, at most a year back) to now;
without it, the last 7 days. Presenter mode counts down the same 15 minutes as a team's first
stand-up, split over the summary and one section per team.

Who sees what follows the team stand-up's rules, nothing of its own: a team is on the page
when its stand-up may be read (board.standups.permissions.readable_team_ids), and of its
boards only those the reader may see (board.boards.permissions.visible_clause), so managers
see every team and board, others the teams and public boards they would see one by one.

Constant queries per request: the chain's teams, the visible boards, which teams have only
private boards, then the agendas of all teams together (board.standups.agenda.build_agendas).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from board.boards import permissions as board_permissions
from board.boards.models import Board
from board.extensions import db
from board.org import queries as org_queries
from board.org.models import Chain
from board.standups import permissions
from board.standups.agenda import Agenda, build_agendas
from board.standups.models import DEFAULT_LENGTH
from board.standups.queries import ActionItemRow, local_today
from board.standups.services import StandupError, parse_due_date

DEFAULT_DAYS = 7
MAX_DAYS = 366
# A chain has a handful of teams: each list of a team shows its first few, and how many more.
LIST_MAX = 3
LENGTH_MINUTES = DEFAULT_LENGTH


@dataclass
class ChainTeam:
    """One team's part of the chain stand-up: its agenda, each list cut to LIST_MAX."""

    agenda: Agenda

    @property
    def team(self):
        return self.agenda.team

    @property
    def blocked(self):
        return self.agenda.blocked[:LIST_MAX]

    @property
    def blocked_more(self) -> int:
        return max(0, len(self.agenda.blocked) - LIST_MAX)

    @property
    def action_items(self) -> list[ActionItemRow]:
        return self.agenda.action_items[:LIST_MAX]

    @property
    def action_items_more(self) -> int:
        return max(0, len(self.agenda.action_items) - LIST_MAX)

    @property
    def ideas(self):
        return self.agenda.ideas[:LIST_MAX]

    @property
    def ideas_more(self) -> int:
        return max(0, self.agenda.ideas_waiting - len(self.ideas))

    @property
    def needs_attention(self) -> bool:
        """Something here asks for a decision: a block, a full column or a late action item."""
        a = self.agenda
        return bool(a.blocked or a.wip or a.overdue_action_items)


@dataclass
class ChainAgenda:
    """Everything the chain stand-up shows, ready for the template."""

    chain: Chain
    since: datetime
    until: datetime
    teams: list[ChainTeam]

    @property
    def blocked(self) -> int:
        return sum(len(t.agenda.blocked) for t in self.teams)

    @property
    def wip(self) -> int:
        return sum(len(t.agenda.wip) for t in self.teams)

    @property
    def overdue_action_items(self) -> int:
        return sum(t.agenda.overdue_action_items for t in self.teams)

    @property
    def ideas_waiting(self) -> int:
        return sum(t.agenda.ideas_waiting for t in self.teams)


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def default_since(moment: datetime) -> datetime:
    """Where the period starts when none is chosen: 7 days ago."""
    return moment - timedelta(days=DEFAULT_DAYS)


def parse_since(raw: str | None, moment: datetime) -> datetime:
    """The start of the chosen day (local time) from 20-3-2026 or 2026-03-20; empty → 7 days
    ago. Raises StandupError (field `sinds`) for what is no date, a day still to come, or a
    day more than a year back."""
    text = (raw or "").strip()
    if not text:
        return default_since(moment)
    try:
        day = parse_due_date(text[:20])
    except StandupError as error:
        raise StandupError(error.message, "sinds") from None
    if day is None:
        return default_since(moment)
    today = local_today(moment)
    if day > today:
        raise StandupError(_("Die datum ligt in de toekomst; kies vandaag of eerder."), "sinds")
    if (today - day).days > MAX_DAYS:
        raise StandupError(_("Kies een datum binnen het afgelopen jaar."), "sinds")
    return datetime.combine(day, time(0, 0), tzinfo=_zone())


def list_chain_boards(viewer, team_ids: list[int]) -> list[Board]:
    """The boards of these teams the viewer may see, not archived, oldest first."""
    return list(
        db.session.scalars(
            select(Board)
            .where(
                Board.team_id.in_(team_ids or [-1]),
                Board.archived_at.is_(None),
                board_permissions.visible_clause(viewer),
            )
            .order_by(Board.id)
        )
    )


def build_chain_agenda(chain: Chain, viewer, since: datetime, until: datetime) -> ChainAgenda:
    """The chain stand-up for `viewer`: per team they may read, its agenda over the period."""
    teams = org_queries.list_chain_teams(chain.id)
    readable = permissions.readable_team_ids(viewer, teams)
    teams = [t for t in teams if t.id in readable]
    boards = list_chain_boards(viewer, [t.id for t in teams])
    agendas = build_agendas(teams, boards, since, until, list_max=LIST_MAX)
    return ChainAgenda(chain, since, until, [ChainTeam(a) for a in agendas])
