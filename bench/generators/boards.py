"""Boards at municipality scale: 30 boards, 20,000 cards, 200,000 card events.

The big team (Klantcontactcentrum, where the demo employee works) has the board with 1,000 open
cards; the first other team a board with 200 open cards; the other boards have 40 open cards
each and years of finished, archived work. Ranks are spread evenly per column, as after a
renumbering; every card's history walks it through the columns in order.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from bench.core import GenContext, Row, Step
from board.boards.ranks import spread
from board.ideas.models import PERSPECTIVES

BOARDS = 30
CARDS = 20_000
EVENTS = 200_000
BIG_BOARD_OPEN = 1_000
MEDIUM_BOARD_OPEN = 200
OTHER_OPEN = 40
DETAIL_EVENTS = 50  # the card whose page is measured
DETAIL_COMMENTS = 10
DAYS = 3 * 365
COLUMNS = (("Ideeën", False), ("Plan", False), ("Do", False), ("Check", False), ("Act", False),
           ("Klaar", True))  # fmt: skip
# Open cards lean to the left of the board, like real work in progress.
OPEN_WEIGHTS = (30, 20, 20, 12, 8, 10)

WORDS = (
    "Terugbelverzoek", "Brief in B1", "Afspraakbevestiging", "Dubbele invoer schrappen",
    "Werkinstructie", "Wachttijd balie", "Formulier digitaal", "Weekstart", "Klantreis",
    "Archief digitaliseren", "Standaardantwoorden", "Doorlooptijd meten", "Licenties opzeggen",
    "Zaterdagspreekuur", "Overdracht teams", "Klachten terugbellen", "Werkvoorraad verdelen",
    "Printkosten halveren",
)  # fmt: skip
OBJECTS = (
    "paspoort", "rijbewijs", "uitkering", "Wmo-aanvraag", "parkeervergunning", "WOZ-bezwaar",
    "grofvuil", "verhuizing", "subsidie", "kwijtschelding", "evenement", "factuur",
)  # fmt: skip


def generate_boards(ctx: GenContext) -> None:
    """Boards, columns, cards with owners, perspectives and tags, and their history."""
    rng = ctx.rng
    moment = datetime.now(UTC).replace(microsecond=0)
    team_ids: list[int] = list(ctx.refs["team_ids"])
    big_team = ctx.refs["big_team_id"]
    others = [t for t in team_ids if t != big_team]
    board_teams = [big_team, *others][:BOARDS]
    members: dict[int, list[int]] = defaultdict(list)
    for user_id, team_id in ctx.conn.execute(text("SELECT user_id, team_id FROM memberships")):
        members[team_id].append(user_id)
    tag_ids = [row[0] for row in ctx.conn.execute(text("SELECT id FROM tags ORDER BY id LIMIT 60"))]
    idea_ids = [
        row[0] for row in ctx.conn.execute(text("SELECT id FROM ideas ORDER BY id LIMIT 3000"))
    ]

    board_ids = ctx.insert_returning_ids(
        "boards",
        (
            {
                "team_id": team,
                "name": "Verbeterbord" if n else "Verbeterbord KCC",
                "template": "verbeterbord",
                "visibility": "public",
                "wip_policy": "warn",
                "archived_at": None,
                "version": 1,
                "created_by_id": members[team][0] if members[team] else None,
                "created_at": moment - timedelta(days=DAYS),
                "updated_at": moment,
            }
            for n, team in enumerate(board_teams)
        ),
    )
    column_rows: list[Row] = [
        {
            "board_id": board,
            "name": name,
            "position": position,
            "wip_limit": 5 if name == "Do" and n > 0 else None,
            "is_done": done,
        }
        for n, board in enumerate(board_ids)
        for position, (name, done) in enumerate(COLUMNS)
    ]
    column_ids = ctx.insert_returning_ids("board_columns", column_rows)
    columns_of = {
        board: column_ids[n * len(COLUMNS) : (n + 1) * len(COLUMNS)]
        for n, board in enumerate(board_ids)
    }

    open_counts = [BIG_BOARD_OPEN, MEDIUM_BOARD_OPEN] + [OTHER_OPEN] * (len(board_ids) - 2)
    archived_total = CARDS - sum(open_counts)
    archived_counts = [archived_total // len(board_ids)] * len(board_ids)
    archived_counts[-1] += archived_total - sum(archived_counts)

    # Plan every card: board, column, open or archived, when it started, how many moves.
    plans: list[dict] = []
    for n, board in enumerate(board_ids):
        team = board_teams[n]
        cols = columns_of[board]
        for is_open, count in ((True, open_counts[n]), (False, archived_counts[n])):
            for _ in range(count):
                target = rng.choices(range(len(cols)), OPEN_WEIGHTS)[0] if is_open else 5
                started = moment - timedelta(days=rng.uniform(1, DAYS))
                plans.append(
                    {
                        "board": board,
                        "team": team,
                        "cols": cols,
                        "target": target,
                        "open": is_open,
                        "started": started,
                    }
                )
    # Events: one "created", one per move, one "archived"; the rest as small edits, so the
    # total is EVENTS.
    base = sum(1 + p["target"] + (0 if p["open"] else 1) for p in plans)
    extra = max(EVENTS - base - DETAIL_EVENTS, 0)
    per_card_extra = defaultdict(int)
    for _ in range(extra):
        per_card_extra[rng.randrange(len(plans))] += 1

    ranks_by_column: dict[int, list[int]] = defaultdict(list)  # column → plan indexes (open)
    for i, p in enumerate(plans):
        if p["open"]:
            ranks_by_column[p["cols"][p["target"]]].append(i)
    rank_of: dict[int, str] = {}
    for indexes in ranks_by_column.values():
        for i, rank in zip(indexes, spread(len(indexes)), strict=True):
            rank_of[i] = rank

    timelines: list[list[tuple[str, int | None, int | None, datetime]]] = []
    card_rows: list[Row] = []
    for i, p in enumerate(plans):
        cols, when = p["cols"], p["started"]
        steps: list[tuple[str, int | None, int | None, datetime]] = [
            ("created", None, cols[0], when)
        ]
        span = (moment - when).total_seconds()
        for step in range(1, p["target"] + 1):
            when = min(when + timedelta(seconds=rng.uniform(0.05, 0.3) * span), moment)
            steps.append(("move", cols[step - 1], cols[step], when))
        entered = when
        archived_at = None
        if not p["open"]:
            archived_at = min(when + timedelta(days=rng.uniform(1, 30)), moment)
            steps.append(("archived", cols[-1], None, archived_at))
        for _ in range(per_card_extra.get(i, 0)):
            steps.append(
                ("title", None, None, p["started"] + (moment - p["started"]) * rng.random())
            )
        timelines.append(steps)
        people = members[p["team"]] or [None]
        card_rows.append(
            {
                "board_id": p["board"],
                "column_id": cols[p["target"]],
                "rank": rank_of.get(i, "i"),
                "title": f"{rng.choice(WORDS)}: {rng.choice(OBJECTS)}",
                "description": "",
                "due_date": (moment + timedelta(days=rng.randint(-20, 60))).date()
                if p["open"] and rng.random() < 0.4
                else None,
                "blocked": p["open"] and 1 <= p["target"] <= 3 and rng.random() < 0.1,
                "blocked_reason": "",
                "idea_id": rng.choice(idea_ids) if idea_ids and rng.random() < 0.15 else None,
                "version": 1 + p["target"],
                "column_entered_at": entered,
                "archived_at": archived_at,
                "created_by_id": rng.choice(people),
                "created_at": p["started"],
                "updated_at": entered,
            }
        )
        if card_rows[-1]["blocked"]:
            card_rows[-1]["blocked_reason"] = "Wacht op de leverancier"
    card_ids = ctx.insert_returning_ids("cards", card_rows)

    # The measured card: the first open card of the big board, with a long history.
    detail = next(i for i, p in enumerate(plans) if p["open"] and p["board"] == board_ids[0])
    for _ in range(DETAIL_EVENTS):
        timelines[detail].append(
            ("title", None, None, moment - timedelta(days=rng.uniform(0, 300)))
        )

    owners: list[Row] = []
    perspectives: list[Row] = []
    tags: list[Row] = []
    for i, p in enumerate(plans):
        if not p["open"]:
            continue
        people = members[p["team"]]
        for user in rng.sample(people, k=min(len(people), rng.choice((1, 1, 2)))):
            owners.append({"card_id": card_ids[i], "user_id": user})
        perspectives.append({"card_id": card_ids[i], "perspective": rng.choice(PERSPECTIVES)})
        if tag_ids and rng.random() < 0.5:
            tags.append({"card_id": card_ids[i], "tag_id": rng.choice(tag_ids)})
    ctx.insert_many("card_owners", owners)
    ctx.insert_many("card_perspectives", perspectives)
    ctx.insert_many("card_tags", tags)

    names = {
        cid: name for cid, (name, _done) in zip(column_ids, COLUMNS * len(board_ids), strict=True)
    }

    def events():
        for i, steps in enumerate(timelines):
            people = members[plans[i]["team"]] or [None]
            for kind, source, target, when in steps:
                yield {
                    "card_id": card_ids[i],
                    "board_id": plans[i]["board"],
                    "actor_id": rng.choice(people),
                    "kind": kind,
                    "from_value": names.get(source, "") if source else "",
                    "to_value": names.get(target, "") if target else "",
                    "from_column_id": source,
                    "to_column_id": target,
                    "created_at": when,
                }

    ctx.insert_many("card_events", events())
    people = members[big_team]
    ctx.insert_many(
        "card_comments",
        (
            {
                "card_id": card_ids[detail],
                "author_id": rng.choice(people),
                "body": "Goed bezig; volgende week bespreken in de stand-up.",
                "created_at": moment - timedelta(days=n),
            }
            for n in range(DETAIL_COMMENTS)
        ),
    )
    ctx.insert_many(
        "card_checklist_items",
        (
            {"card_id": card_ids[detail], "text": f"Stap {n}", "done": n < 2, "position": n}
            for n in range(1, 6)
        ),
    )
    if ctx.conn.dialect.name != "sqlite":
        ctx.conn.execute(text("ANALYZE"))

    big_open = [i for i, p in enumerate(plans) if p["open"] and p["board"] == board_ids[0]]
    moving = next(i for i in big_open if plans[i]["target"] == 1)  # a card in Plan
    ctx.refs.update(
        board_1000_id=board_ids[0],
        board_200_id=board_ids[1],
        card_detail_id=card_ids[detail],
        card_move_id=card_ids[moving],
        card_move_plan_column_id=columns_of[board_ids[0]][1],
        card_move_do_column_id=columns_of[board_ids[0]][2],  # no WIP limit on this board
    )


STEPS = [Step("boards", 1, generate_boards)]
