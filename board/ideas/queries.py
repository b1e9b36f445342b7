"""Read side of the ideas area. Never writes; loads what a page shows in a fixed number of
queries, whatever the number of ideas."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import Select, exists, func, literal, or_, select
from sqlalchemy.orm import joinedload

from board.accounts.models import User
from board.clock import now
from board.extensions import db
from board.ideas import search
from board.ideas.imports.models import ImportedIdea
from board.ideas.models import (
    PERSPECTIVES,
    STATUSES,
    VISIBLE,
    Comment,
    Follow,
    Idea,
    IdeaEvent,
    IdeaPerspective,
    IdeaTag,
    Notification,
    Tag,
    Vote,
)

PAGE_SIZE = 25
SORTS = ("stemmen", "nieuwste", "trending", "activiteit")
TRENDING_DAYS = 14


@dataclass(frozen=True)
class InboxFilter:
    """What the inbox shows; every field is also a query argument, so a view can be shared."""

    status: str = ""
    perspective: str = ""
    chain_id: int | None = None
    team_id: int | None = None
    source: str = ""
    tag: str = ""
    q: str = ""
    sort: str = "stemmen"
    page: int = 1
    import_id: int | None = None  # only the ideas of one import (its result page links here)

    def args(self, **changes) -> dict[str, object]:
        """The filter as URL query arguments (Dutch names), without empty ones."""
        f = replace(self, **changes)
        args = {
            "status": f.status,
            "perspectief": f.perspective,
            "keten": f.chain_id,
            "team": f.team_id,
            "bron": f.source,
            "tag": f.tag,
            "zoek": f.q,
            "import": f.import_id,
            "sorteer": "" if f.sort == "stemmen" else f.sort,
            "pagina": "" if f.page == 1 else f.page,
        }
        return {k: v for k, v in args.items() if v not in ("", None)}


@dataclass
class InboxPage:
    ideas: list[Idea]
    tags: dict[int, list[str]]
    has_next: bool
    status_counts: dict[str, int] = field(default_factory=dict)
    perspective_counts: dict[str, int] = field(default_factory=dict)
    voted: set[int] = field(default_factory=set)


def _filtered(f: InboxFilter, stmt: Select, *, skip: str = "") -> Select:
    """Add the filter's conditions to a statement over `ideas`; `skip` leaves one facet out
    (for that facet's counts). The conditions go straight onto the statement, so the database
    can walk an index and stop after one page instead of sorting every matching idea."""
    stmt = stmt.where(Idea.moderation == VISIBLE)
    if skip != "status":
        if f.status:
            stmt = stmt.where(Idea.status == f.status)
        else:
            stmt = stmt.where(Idea.status != "samengevoegd")
    if f.perspective and skip != "perspective":
        stmt = stmt.where(
            Idea.id.in_(
                select(IdeaPerspective.idea_id).where(IdeaPerspective.perspective == f.perspective)
            )
        )
    if f.chain_id:
        stmt = stmt.where(Idea.chain_id == f.chain_id)
    if f.team_id:
        stmt = stmt.where(Idea.team_id == f.team_id)
    if f.source:
        stmt = stmt.where(Idea.source == f.source)
    if f.tag:
        stmt = stmt.where(
            Idea.id.in_(select(IdeaTag.idea_id).join(Tag).where(Tag.name == f.tag.lower()))
        )
    if f.import_id:
        stmt = stmt.where(
            Idea.id.in_(select(ImportedIdea.idea_id).where(ImportedIdea.import_id == f.import_id))
        )
    clause = search.match_clause(f.q, Idea.id)
    if clause is not None:
        stmt = stmt.where(clause)
    return stmt


def _voted_column(viewer: User | None):
    """Whether the viewer voted for the idea, as a column of the same query."""
    if viewer is None or not getattr(viewer, "is_authenticated", False):
        return literal(False)
    return exists().where(Vote.idea_id == Idea.id, Vote.user_id == viewer.id)


# Counts beside the filters, per filter (page and sort do not change them), for a short time:
# they cost two scans of all ideas, and a count a few seconds old misleads nobody.
_facet_cache: dict[tuple, tuple[datetime, dict[str, int], dict[str, int]]] = {}
_FACET_CACHE_MAX = 512


def facet_counts(f: InboxFilter) -> tuple[dict[str, int], dict[str, int]]:
    """Counts per status and per perspective for a filter, cached FACET_CACHE_SECONDS."""
    seconds = current_app.config.get("FACET_CACHE_SECONDS", 0)
    key = (f.status, f.perspective, f.chain_id, f.team_id, f.source, f.tag, f.q, f.import_id)
    moment = now()
    hit = _facet_cache.get(key)
    if seconds and hit is not None and hit[0] > moment:
        return hit[1], hit[2]
    counts = _status_counts(f), _perspective_counts(f)
    if seconds:
        if len(_facet_cache) >= _FACET_CACHE_MAX:
            _facet_cache.clear()
        _facet_cache[key] = (moment + timedelta(seconds=seconds), *counts)
    return counts


def list_inbox(f: InboxFilter, viewer: User | None, with_counts: bool = True) -> InboxPage:
    """One page of the inbox, with the counts per status and perspective beside the filters
    unless the caller does not show them (an htmx update of the results only)."""
    stmt = _filtered(f, select(Idea, _voted_column(viewer).label("voted"))).options(
        joinedload(Idea.team), joinedload(Idea.chain)
    )
    if f.sort == "nieuwste":
        stmt = stmt.order_by(Idea.created_at.desc(), Idea.id.desc())
    elif f.sort == "activiteit":
        stmt = stmt.order_by(Idea.last_activity_at.desc(), Idea.id.desc())
    elif f.sort == "trending":
        since = now() - timedelta(days=TRENDING_DAYS)
        recent = (
            select(Vote.idea_id, func.count(Vote.id).label("recent"))
            .where(Vote.created_at >= since)
            .group_by(Vote.idea_id)
            .subquery()
        )
        stmt = stmt.outerjoin(recent, recent.c.idea_id == Idea.id).order_by(
            func.coalesce(recent.c.recent, 0).desc(), Idea.vote_count.desc(), Idea.id.desc()
        )
    else:
        stmt = stmt.order_by(Idea.vote_count.desc(), Idea.id.desc())
    stmt = stmt.limit(PAGE_SIZE + 1).offset((max(f.page, 1) - 1) * PAGE_SIZE)
    rows = db.session.execute(stmt).unique().all()
    has_next = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    ideas = [row[0] for row in rows]
    status_counts, perspective_counts = facet_counts(f) if with_counts else ({}, {})
    return InboxPage(
        ideas=ideas,
        tags=tags_of([i.id for i in ideas]),
        has_next=has_next,
        status_counts=status_counts,
        perspective_counts=perspective_counts,
        voted={row[0].id for row in rows if row[1]},
    )


def _status_counts(f: InboxFilter) -> dict[str, int]:
    stmt = _filtered(f, select(Idea.status, func.count(Idea.id)), skip="status")
    rows = db.session.execute(stmt.group_by(Idea.status)).all()
    counts = dict.fromkeys(STATUSES, 0)
    counts.update({status: n for status, n in rows})
    return counts


def _perspective_counts(f: InboxFilter) -> dict[str, int]:
    base = select(IdeaPerspective.perspective, func.count(IdeaPerspective.idea_id)).join(
        Idea, Idea.id == IdeaPerspective.idea_id
    )
    stmt = _filtered(f, base, skip="perspective")
    rows = db.session.execute(stmt.group_by(IdeaPerspective.perspective)).all()
    counts = dict.fromkeys(PERSPECTIVES, 0)
    counts.update({p: n for p, n in rows})
    return counts


def tags_of(idea_ids: list[int]) -> dict[int, list[str]]:
    """The tags of several ideas in one query."""
    if not idea_ids:
        return {}
    rows = db.session.execute(
        select(IdeaTag.idea_id, Tag.name)
        .join(Tag)
        .where(IdeaTag.idea_id.in_(idea_ids))
        .order_by(Tag.name)
    ).all()
    result: dict[int, list[str]] = {}
    for idea_id, name in rows:
        result.setdefault(idea_id, []).append(name)
    return result


def voted_ids(viewer: User | None, idea_ids: list[int]) -> set[int]:
    """Which of these ideas the viewer voted for."""
    if viewer is None or not getattr(viewer, "is_authenticated", False) or not idea_ids:
        return set()
    return set(
        db.session.scalars(
            select(Vote.idea_id).where(Vote.user_id == viewer.id, Vote.idea_id.in_(idea_ids))
        )
    )


@dataclass(frozen=True)
class IdeaForViewer:
    idea: Idea
    voted: bool
    following: bool


def get_idea_for_viewer(idea_id: int, viewer: User) -> IdeaForViewer | None:
    """An idea with its team, chain, submitter and perspectives, and whether the viewer voted
    and follows, in one query."""
    following = exists().where(Follow.idea_id == Idea.id, Follow.user_id == viewer.id)
    row = (
        db.session.execute(
            select(Idea, _voted_column(viewer), following)
            .where(Idea.id == idea_id)
            .options(
                joinedload(Idea.team),
                joinedload(Idea.chain),
                joinedload(Idea.submitter),
                # One idea's few perspectives come along in the same query, not a second one.
                joinedload(Idea.perspective_rows),
            )
        )
        .unique()
        .first()
    )
    if row is None:
        return None
    return IdeaForViewer(row[0], bool(row[1]), bool(row[2]))


def get_idea(idea_id: int) -> Idea | None:
    """An idea with its team, chain and submitter."""
    return db.session.scalar(
        select(Idea)
        .where(Idea.id == idea_id)
        .options(joinedload(Idea.team), joinedload(Idea.chain), joinedload(Idea.submitter))
    )


def list_comments(idea_id: int) -> list[Comment]:
    """The comments on an idea and on the ideas merged into it, oldest first."""
    ideas = select(Idea.id).where(or_(Idea.id == idea_id, Idea.merged_into_id == idea_id))
    return list(
        db.session.scalars(
            select(Comment)
            .where(Comment.idea_id.in_(ideas))
            .options(joinedload(Comment.author))
            .order_by(Comment.created_at, Comment.id)
        )
    )


def get_comment(comment_id: int) -> Comment | None:
    """A comment by id."""
    return db.session.get(Comment, comment_id)


def list_events(idea_id: int) -> list[IdeaEvent]:
    """The history of an idea, oldest first, with who did it."""
    return list(
        db.session.scalars(
            select(IdeaEvent)
            .where(IdeaEvent.idea_id == idea_id)
            .options(joinedload(IdeaEvent.actor))
            .order_by(IdeaEvent.created_at, IdeaEvent.id)
        )
    )


def list_voters(idea_id: int) -> list[User]:
    """Who voted for an idea (for team leads and managers), by name."""
    return list(
        db.session.scalars(
            select(User)
            .join(Vote, Vote.user_id == User.id)
            .where(Vote.idea_id == idea_id)
            .order_by(func.lower(User.name))
        )
    )


def is_following(idea_id: int, user_id: int) -> bool:
    """Whether a person follows an idea."""
    return (
        db.session.scalar(
            select(Follow.user_id).where(Follow.idea_id == idea_id, Follow.user_id == user_id)
        )
        is not None
    )


def list_similar(title: str, exclude_id: int | None = None, limit: int = 5) -> list[Idea]:
    """Ideas (not merged ones) that share words with a title being typed, the most alike first,
    then the most voted."""
    if len(title.strip()) < 3:
        return []
    base = select(Idea).where(Idea.moderation == VISIBLE, Idea.status != "samengevoegd")
    if exclude_id:
        base = base.where(Idea.id != exclude_id)
    stmt = search.most_alike_first(base, title, Idea.id)
    if stmt is None:
        return []
    return list(
        db.session.scalars(stmt.order_by(Idea.vote_count.desc(), Idea.id.desc()).limit(limit))
    )


def list_my_ideas(user_id: int) -> list[Idea]:
    """What a person submitted, newest first, with where each stands."""
    return list(
        db.session.scalars(
            select(Idea)
            .where(Idea.submitter_id == user_id, Idea.moderation == VISIBLE)
            .options(joinedload(Idea.team), joinedload(Idea.chain))
            .order_by(Idea.created_at.desc())
        )
    )


def count_ideas() -> int:
    """How many ideas there are, all states."""
    return db.session.scalar(select(func.count(Idea.id))) or 0


def count_unread_notifications(user_id: int) -> int:
    """How many notifications a person has not read yet."""
    return (
        db.session.scalar(
            select(func.count(Notification.id)).where(
                Notification.user_id == user_id, Notification.read_at.is_(None)
            )
        )
        or 0
    )


@dataclass(frozen=True)
class NotificationRow:
    notification: Notification
    idea_title: str


def list_notifications(user_id: int, limit: int = 50) -> list[NotificationRow]:
    """A person's latest notifications with the title of their idea."""
    rows = db.session.execute(
        select(Notification, Idea.title)
        .outerjoin(Idea, Idea.id == Notification.idea_id)
        .where(Notification.user_id == user_id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(limit)
    ).all()
    return [NotificationRow(n, title or "") for n, title in rows]


def submitters_of(ideas: list[Idea]) -> dict[int, User]:
    """The people who handed in these ideas, by id, in one query (for lists that show them)."""
    ids = {i.submitter_id for i in ideas if i.submitter_id is not None}
    if not ids:
        return {}
    return {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids)))}


EXPORT_BATCH = 500


def iter_inbox_for_export(f: InboxFilter) -> Iterator[tuple[Idea, list[str]]]:
    """Every idea matching the filter (all pages), in the inbox's order, with its tags; read in
    batches so ten thousand ideas take a constant amount of memory and a few queries each."""
    stmt = _filtered(f, select(Idea)).options(joinedload(Idea.team), joinedload(Idea.chain))
    if f.sort == "nieuwste":
        stmt = stmt.order_by(Idea.created_at.desc(), Idea.id.desc())
    elif f.sort == "activiteit":
        stmt = stmt.order_by(Idea.last_activity_at.desc(), Idea.id.desc())
    else:
        stmt = stmt.order_by(Idea.vote_count.desc(), Idea.id.desc())
    last_page = 0
    while True:
        batch = list(
            db.session.scalars(stmt.limit(EXPORT_BATCH).offset(last_page * EXPORT_BATCH)).unique()
        )
        if not batch:
            return
        tags = tags_of([i.id for i in batch])
        for idea in batch:
            yield idea, tags.get(idea.id, [])
        if len(batch) < EXPORT_BATCH:
            return
        last_page += 1
