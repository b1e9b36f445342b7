"""The demo stand-ups: a year of weekly stand-ups per team, varied texts, some agreements still
open, one or two past their date, one or two on the board, and the recent agendas kept."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from itertools import pairwise

from sqlalchemy import select

from board.clock import now
from board.demo import seed_demo
from board.extensions import db
from board.org import queries as org_queries
from board.standups.demo import SNAPSHOT_WEEKS
from board.standups.models import ActionItem, Standup, StandupEntry


def test_every_demo_team_has_a_year_of_weekly_stand_ups():
    seed_demo()
    today = now().date()
    notes_by_team: dict[int, set[str]] = defaultdict(set)
    for team_id, text in db.session.execute(
        select(Standup.team_id, StandupEntry.text)
        .join(Standup, Standup.id == StandupEntry.standup_id)
        .where(StandupEntry.kind == "note")
    ):
        notes_by_team[team_id].add(text)
    teams = org_queries.list_teams()
    assert len(teams) == 6
    for team in teams:
        standups = list(
            db.session.scalars(
                select(Standup).where(Standup.team_id == team.id).order_by(Standup.started_at)
            )
        )
        assert 45 <= len(standups) <= 52, team.name
        assert all(s.ended_at is not None and s.ended_at < now() for s in standups)
        assert now() - standups[-1].started_at < timedelta(days=8), "the last one is recent"
        # Days between stand-ups (an hour more or less where summer time starts or ends).
        gaps = [
            round((b.started_at - a.started_at) / timedelta(days=1)) for a, b in pairwise(standups)
        ]
        assert all(gap % 7 == 0 for gap in gaps), (team.name, gaps)
        assert 1 <= sum(gap > 7 for gap in gaps) <= 3, "a few holiday weeks are skipped"
        assert all(b.period_start == a.started_at for a, b in pairwise(standups))
        kept = [s.agenda_snapshot for s in standups[-SNAPSHOT_WEEKS:]]
        assert all(k and k["versie"] == 1 and k["kolommen"] for k in kept), team.name
        assert all(s.agenda_snapshot is None for s in standups[:-SNAPSHOT_WEEKS])
        items = list(db.session.scalars(select(ActionItem).where(ActionItem.team_id == team.id)))
        open_items = [i for i in items if i.done_at is None]
        late = [i for i in open_items if i.due_date and i.due_date < today]
        assert len(items) > 60 and 2 <= len(open_items) <= 12, (team.name, len(open_items))
        assert 1 <= len(late) <= 2, team.name
        assert 1 <= sum(i.card_id is not None for i in items) <= 2, team.name
        assert len(notes_by_team[team.id]) >= 25, "not the same few sentences every week"
    # Each team talks about its own work too.
    kcc, wijkteam = (
        next(t.id for t in teams if t.name == name)
        for name in ("Klantcontactcentrum", "Wijkteam Noord")
    )
    assert "Veel vragen over de nieuwe afvalpas." not in notes_by_team[wijkteam]
    assert any("afvalpas" in text for text in notes_by_team[kcc])
    assert any("keukentafel" in text for text in notes_by_team[wijkteam])
