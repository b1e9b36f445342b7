"""Write side of the ideas area: submit, vote, comment, triage, merge, follow.

Services enforce the rules, raise IdeaError with a translated message, leave an IdeaEvent for
every change that matters, flush and never commit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from board.accounts.models import User
from board.clock import now
from board.errors import Conflict, DomainError, NotFound
from board.extensions import db
from board.ideas import mails, search
from board.ideas.models import (
    BODY_MAX,
    CLOSED_STATUSES,
    PERSPECTIVES,
    SOURCES,
    STATUSES,
    TITLE_MAX,
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
from board.org import queries as org_queries

COMMENT_MAX = 2000
COMMENT_EDIT_MINUTES = 15
TAG_MAX = 40
TAGS_PER_IDEA = 10


class IdeaError(DomainError):
    """A rule about ideas was broken."""


@dataclass
class IdeaInput:
    """What a person typed for a new idea (form or API), before validation."""

    title: str = ""
    body: str = ""
    perspectives: list[str] = field(default_factory=list)
    source: str = "medewerker"
    chain_id: int | None = None
    team_id: int | None = None
    tags: str | list[str] = ""
    anonymous: bool = False
    submission_key: str | None = None


@dataclass
class Problems:
    """Every problem with an input at once (the API lists them all)."""

    items: list[tuple[str, str]] = field(default_factory=list)

    def add(self, field_name: str, message: str) -> None:
        self.items.append((field_name, message))

    def raise_if_any(self) -> None:
        if self.items:
            field_name, message = self.items[0]
            error = IdeaError(message, field_name)
            error.problems = list(self.items)  # type: ignore[attr-defined]
            raise error


def parse_tags(raw: str | list[str]) -> list[str]:
    """Free tags: comma separated, trimmed, lower case, without duplicates."""
    items = raw if isinstance(raw, list) else re.split(r"[,;\n]", raw or "")
    tags: list[str] = []
    for item in items:
        tag = " ".join(str(item).split()).lower().lstrip("#")
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def validate_idea(data: IdeaInput) -> tuple[str, str, list[str], list[str]]:
    """Clean title, body, perspectives and tags, or raise IdeaError listing every problem."""
    problems = Problems()
    title = " ".join((data.title or "").split())
    body = (data.body or "").replace("\r\n", "\n").strip()
    if not title:
        problems.add("title", _("Geef je idee een titel."))
    elif len(title) > TITLE_MAX:
        problems.add(
            "title", _("Een titel is hoogstens %(n)d tekens (nu %(m)d).", n=TITLE_MAX, m=len(title))
        )
    if len(body) > BODY_MAX:
        problems.add(
            "body",
            _("De toelichting is hoogstens %(n)d tekens (nu %(m)d).", n=BODY_MAX, m=len(body)),
        )
    perspectives = [p for p in PERSPECTIVES if p in set(data.perspectives or [])]
    unknown = set(data.perspectives or []) - set(PERSPECTIVES)
    if unknown:
        problems.add(
            "perspectives", _("Kies perspectieven uit Klant, Medewerker, Proces en Financieel.")
        )
    if data.source not in SOURCES:
        problems.add("source", _("Kies een bestaande bron."))
    tags = parse_tags(data.tags)
    if any(len(t) > TAG_MAX for t in tags):
        problems.add("tags", _("Een tag is hoogstens %(n)d tekens.", n=TAG_MAX))
    if len(tags) > TAGS_PER_IDEA:
        problems.add("tags", _("Gebruik hoogstens %(n)d tags.", n=TAGS_PER_IDEA))
    if data.team_id is not None and org_queries.get_team(data.team_id) is None:
        problems.add("team_id", _("Kies een bestaand team."))
    if data.chain_id is not None and org_queries.get_chain(data.chain_id) is None:
        problems.add("chain_id", _("Kies een bestaande keten."))
    problems.raise_if_any()
    return title, body, perspectives, tags


def _event(idea: Idea, actor: User | None, kind: str, before: str = "", after: str = "") -> None:
    db.session.add(
        IdeaEvent(
            idea_id=idea.id,
            actor_id=getattr(actor, "id", None),
            kind=kind,
            from_value=before[:200],
            to_value=after[:200],
            created_at=now(),
        )
    )


def _set_tags(idea: Idea, tags: list[str]) -> None:
    db.session.execute(delete(IdeaTag).where(IdeaTag.idea_id == idea.id))
    for name in tags:
        tag = db.session.scalar(select(Tag).where(Tag.name == name))
        if tag is None:
            tag = Tag(name=name)
            db.session.add(tag)
            db.session.flush()
        db.session.add(IdeaTag(idea_id=idea.id, tag_id=tag.id))


def notify_followers(idea: Idea, kind: str, detail: str = "", *, except_user_id: int | None) -> int:
    """Leave a notification for everyone who follows the idea, except who caused it, and an
    e-mail for those who want one."""
    stmt = select(Follow.user_id).where(Follow.idea_id == idea.id)
    if except_user_id is not None:
        stmt = stmt.where(Follow.user_id != except_user_id)
    user_ids = list(db.session.scalars(stmt))
    moment = now()
    if user_ids:
        db.session.execute(
            insert(Notification),
            [
                {
                    "user_id": uid,
                    "idea_id": idea.id,
                    "kind": kind,
                    "detail": detail[:200],
                    "created_at": moment,
                }
                for uid in user_ids
            ],
        )
        mails.mail_followers(idea, kind, detail, user_ids)
    return len(user_ids)


def mark_notifications_read(user: User, notification_ids: list[int] | None = None) -> None:
    """Mark one's notifications as read (all of them, or the given ones)."""
    stmt = update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)
    )
    if notification_ids is not None:
        stmt = stmt.where(Notification.id.in_(notification_ids))
    db.session.execute(stmt.values(read_at=now()))
    db.session.flush()


def follow(idea: Idea, user: User) -> None:
    """Make a person follow an idea (idempotent)."""
    exists = db.session.scalar(
        select(Follow.user_id).where(Follow.idea_id == idea.id, Follow.user_id == user.id)
    )
    if exists is None:
        db.session.add(Follow(idea_id=idea.id, user_id=user.id, created_at=now()))
        db.session.flush()


def unfollow(idea: Idea, user: User) -> None:
    """Stop following an idea."""
    db.session.execute(delete(Follow).where(Follow.idea_id == idea.id, Follow.user_id == user.id))
    db.session.flush()


def submit_idea(
    data: IdeaInput,
    *,
    submitter: User | None,
    moderation: str = VISIBLE,
    contact_email: str | None = None,
    intake_link_id: int | None = None,
) -> Idea:
    """Add an idea. The same submission key twice returns the first idea (double click)."""
    title, body, perspectives, tags = validate_idea(data)
    if data.submission_key:
        earlier = db.session.scalar(select(Idea).where(Idea.submission_key == data.submission_key))
        if earlier is not None:
            return earlier
    chain_id = data.chain_id
    if data.team_id is not None and chain_id is None:
        team = org_queries.get_team(data.team_id)
        chain_id = team.chain_id if team else None
    moment = now()
    idea = Idea(
        title=title,
        body=body,
        source=data.source,
        status="nieuw",
        moderation=moderation,
        chain_id=chain_id,
        team_id=data.team_id,
        submitter_id=getattr(submitter, "id", None),
        anonymous=bool(data.anonymous and submitter is not None),
        vote_count=0,
        comment_count=0,
        last_activity_at=moment,
        contact_email=contact_email,
        intake_link_id=intake_link_id,
        submission_key=data.submission_key or None,
        created_at=moment,
        updated_at=moment,
    )
    idea.perspective_rows = [IdeaPerspective(perspective=p) for p in perspectives]
    db.session.add(idea)
    db.session.flush()
    _set_tags(idea, tags)
    search.index_idea(idea.id, title, body, tags)
    _event(idea, submitter, "submitted", after=data.source)
    if submitter is not None:
        follow(idea, submitter)
    db.session.flush()
    return idea


def _live_idea(idea_id: int) -> Idea:
    idea = db.session.get(Idea, idea_id)
    if idea is None or idea.moderation != VISIBLE:
        raise NotFound(_("Dit idee bestaat niet (meer)."))
    return idea


def _recount_votes(idea_id: int) -> int:
    """Derive the vote count from the vote rows and store it beside the idea.

    The idea's row is locked first: votes arriving at the same moment are counted one after the
    other, each seeing the votes committed before it (PostgreSQL's read committed would otherwise
    let the last writer store a count that misses the others). FOR NO KEY UPDATE, because the
    vote's foreign key already holds a key-share lock on the row that FOR UPDATE would wait on
    (a deadlock). SQLite writes one at a time anyway. Votes an imported idea list counted are
    added to the people's votes.
    """
    imported = db.session.scalar(
        select(Idea.imported_vote_count).where(Idea.id == idea_id).with_for_update(key_share=True)
    )
    count = db.session.scalar(select(func.count(Vote.id)).where(Vote.idea_id == idea_id)) or 0
    count += imported or 0
    db.session.execute(update(Idea).where(Idea.id == idea_id).values(vote_count=count))
    return count


def cast_vote(idea_id: int, user: User) -> int:
    """Vote for an idea; a second vote is harmless. Returns the current number of votes."""
    idea = _live_idea(idea_id)
    if idea.status == "samengevoegd":
        raise IdeaError(_("Dit idee is samengevoegd met een ander idee. Stem daar."))
    existing = db.session.scalar(
        select(Vote.id).where(Vote.idea_id == idea.id, Vote.user_id == user.id)
    )
    if existing is not None:
        return idea.vote_count  # voting again changes nothing: no lock, no write
    try:
        with db.session.begin_nested():
            db.session.execute(
                insert(Vote).values(idea_id=idea.id, user_id=user.id, created_at=now())
            )
    except IntegrityError:
        pass  # someone (this person, in another tab) voted at the same moment: one vote
    else:
        follow(idea, user)
    count = _recount_votes(idea.id)
    db.session.flush()
    return count


def withdraw_vote(idea_id: int, user: User) -> int:
    """Take one's vote back; returns the current number of votes."""
    idea = _live_idea(idea_id)
    db.session.execute(delete(Vote).where(Vote.idea_id == idea.id, Vote.user_id == user.id))
    count = _recount_votes(idea.id)
    db.session.flush()
    return count


def _clean_comment(body: str) -> str:
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        raise IdeaError(_("Schrijf eerst een reactie."), "body")
    if len(body) > COMMENT_MAX:
        raise IdeaError(
            _("Een reactie is hoogstens %(n)d tekens (nu %(m)d).", n=COMMENT_MAX, m=len(body)),
            "body",
        )
    return body


def add_comment(idea_id: int, author: User, body: str) -> Comment:
    """Comment on an idea; the author then follows it."""
    idea = _live_idea(idea_id)
    comment = Comment(
        idea_id=idea.id, author_id=author.id, body=_clean_comment(body), created_at=now()
    )
    db.session.add(comment)
    idea.comment_count = (idea.comment_count or 0) + 1
    idea.last_activity_at = now()
    follow(idea, author)
    db.session.flush()
    notify_followers(idea, "comment", author.name, except_user_id=author.id)
    return comment


def edit_comment(comment: Comment, author: User, body: str) -> Comment:
    """The author changes their comment, within 15 minutes of writing it."""
    if comment.author_id != author.id or comment.removed_at or comment.hidden_at:
        raise IdeaError(_("Je kunt alleen je eigen reactie wijzigen."))
    if now() - comment.created_at > timedelta(minutes=COMMENT_EDIT_MINUTES):
        raise IdeaError(
            _(
                "Een reactie kun je tot %(n)d minuten na het plaatsen wijzigen.",
                n=COMMENT_EDIT_MINUTES,
            ),
            "body",
        )
    comment.body = _clean_comment(body)
    comment.edited_at = now()
    db.session.flush()
    return comment


def remove_comment(comment: Comment, author: User) -> None:
    """The author removes their own comment (the row stays, its text does not show)."""
    if comment.author_id != author.id:
        raise IdeaError(_("Je kunt alleen je eigen reactie verwijderen."))
    if comment.removed_at is None:
        comment.removed_at = now()
        idea = db.session.get(Idea, comment.idea_id)
        if idea is not None:
            idea.comment_count = max((idea.comment_count or 1) - 1, 0)
        db.session.flush()


def hide_comment(comment: Comment, moderator: User, reason: str) -> None:
    """A team lead hides an abusive comment, with a reason that is logged."""
    from board.audit.services import record_event

    reason = " ".join((reason or "").split())
    if not reason:
        raise IdeaError(_("Geef een reden op waarom je deze reactie verbergt."), "reason")
    if len(reason) > 500:
        raise IdeaError(_("Een reden is hoogstens 500 tekens."), "reason")
    if comment.hidden_at is None:
        comment.hidden_at = now()
        comment.hidden_by_id = moderator.id
        comment.hidden_reason = reason
        idea = db.session.get(Idea, comment.idea_id)
        if idea is not None:
            idea.comment_count = max((idea.comment_count or 1) - 1, 0)
            _event(idea, moderator, "comment_hidden", after=reason)
        record_event(
            "comment.hide",
            actor=moderator,
            object_type="comment",
            object_id=comment.id,
            detail=reason,
        )
        db.session.flush()


def change_status(idea: Idea, actor: User, status: str, reason: str = "") -> Idea:
    """Triage: move an idea to another status; rejecting needs a reason the submitter sees."""
    if status not in STATUSES or status == "samengevoegd":
        raise IdeaError(_("Kies een bestaande status."), "status")
    if idea.status == "samengevoegd":
        raise IdeaError(_("Dit idee is samengevoegd; wijzig het idee waarin het is opgegaan."))
    reason = (reason or "").strip()
    if status == "afgewezen" and not reason:
        raise IdeaError(_("Geef een reden op; de indiener ziet die."), "reason")
    if len(reason) > 2000:
        raise IdeaError(_("Een reden is hoogstens 2000 tekens."), "reason")
    if idea.status == status:
        return idea
    before = idea.status
    idea.status = status
    idea.decision_reason = reason if status == "afgewezen" else idea.decision_reason
    idea.last_activity_at = now()
    if status != "nieuw":
        mails.mail_contact(idea, status=status)
    if status in CLOSED_STATUSES:
        idea.contact_email = None  # the promise: erased after the idea closes
    _event(idea, actor, "status", before, status)
    db.session.flush()
    notify_followers(idea, "status", status, except_user_id=actor.id)
    return idea


def set_assignment(idea: Idea, actor: User, *, chain_id: int | None, team_id: int | None) -> Idea:
    """Triage: which chain and team the idea is for."""
    team = org_queries.get_team(team_id) if team_id is not None else None
    if team_id is not None and team is None:
        raise IdeaError(_("Kies een bestaand team."), "team_id")
    chain = org_queries.get_chain(chain_id) if chain_id is not None else None
    if chain_id is not None and chain is None:
        raise IdeaError(_("Kies een bestaande keten."), "chain_id")
    if team is not None:
        chain_id = team.chain_id
    if (idea.chain_id, idea.team_id) != (chain_id, team_id):
        before = f"{idea.chain_id or ''}/{idea.team_id or ''}"
        idea.chain_id, idea.team_id = chain_id, team_id
        _event(idea, actor, "assignment", before, f"{chain_id or ''}/{team_id or ''}")
        db.session.flush()
    return idea


def set_perspectives(idea: Idea, actor: User, perspectives: list[str]) -> Idea:
    """Triage: the perspectives of an idea."""
    if set(perspectives) - set(PERSPECTIVES):
        raise IdeaError(
            _("Kies perspectieven uit Klant, Medewerker, Proces en Financieel."), "perspectives"
        )
    new = [p for p in PERSPECTIVES if p in perspectives]
    if new != idea.perspectives:
        before = ",".join(idea.perspectives)
        idea.perspective_rows = [IdeaPerspective(perspective=p) for p in new]
        _event(idea, actor, "perspectives", before, ",".join(new))
        db.session.flush()
    return idea


def set_estimate(idea: Idea, actor: User, *, impact: int | None, effort: int | None) -> Idea:
    """Triage: impact and effort on a scale of 1 to 5 (empty is allowed)."""
    for name, value in (("impact", impact), ("effort", effort)):
        if value is not None and not 1 <= value <= 5:
            raise IdeaError(_("Kies een waarde van 1 tot en met 5."), name)
    if (idea.impact, idea.effort) != (impact, effort):
        before = f"{idea.impact or ''}/{idea.effort or ''}"
        idea.impact, idea.effort = impact, effort
        _event(idea, actor, "estimate", before, f"{impact or ''}/{effort or ''}")
        db.session.flush()
    return idea


def merge_ideas(source_id: int, target_id: int, actor: User) -> Idea:
    """Merge one idea into another: votes move (one per person), followers move, comments stay
    visible on the surviving idea, and the merged idea points to it."""
    source = _live_idea(source_id)
    target = _live_idea(target_id)
    if source.id == target.id:
        raise IdeaError(_("Een idee kan niet met zichzelf worden samengevoegd."), "target_id")
    if source.status == "samengevoegd":
        raise Conflict(_("Dit idee is al samengevoegd."))
    if target.status == "samengevoegd":
        raise IdeaError(_("Kies een idee dat niet zelf al is samengevoegd."), "target_id")
    # Votes: people who voted on both keep one vote (on the target).
    both = select(Vote.user_id).where(Vote.idea_id == target.id)
    db.session.execute(delete(Vote).where(Vote.idea_id == source.id, Vote.user_id.in_(both)))
    db.session.execute(update(Vote).where(Vote.idea_id == source.id).values(idea_id=target.id))
    followers = select(Follow.user_id).where(Follow.idea_id == target.id)
    db.session.execute(
        delete(Follow).where(Follow.idea_id == source.id, Follow.user_id.in_(followers))
    )
    db.session.execute(update(Follow).where(Follow.idea_id == source.id).values(idea_id=target.id))
    # Ideas merged into this one earlier now point at the survivor too (no chains of merges).
    db.session.execute(
        update(Idea).where(Idea.merged_into_id == source.id).values(merged_into_id=target.id)
    )
    before = source.status
    source.status = "samengevoegd"
    source.merged_into_id = target.id
    mails.mail_contact(source, status="samengevoegd", merged_into=target)
    source.contact_email = None
    target.comment_count = (target.comment_count or 0) + (source.comment_count or 0)
    target.last_activity_at = now()
    # The votes an imported list counted travel with the people's votes.
    target.imported_vote_count = (target.imported_vote_count or 0) + (
        source.imported_vote_count or 0
    )
    source.imported_vote_count = 0
    db.session.flush()
    _recount_votes(source.id)
    _recount_votes(target.id)
    _event(source, actor, "merged_into", before, str(target.id))
    _event(target, actor, "merged_from", "", str(source.id))
    db.session.flush()
    notify_followers(target, "merged", str(source.id), except_user_id=actor.id)
    db.session.refresh(target)
    return target


TRIAGE_FIELDS = ("status", "reason", "team_id", "perspectives", "impact", "effort")


def apply_triage(idea: Idea, actor: User, changes: dict[str, Any]) -> Idea:
    """Triage several things at once (a partial update): only the given keys change, every
    problem comes back together in one IdeaError, and a merged idea is a Conflict.

    Each step checks before it changes anything, but an earlier step may already have written:
    on IdeaError or Conflict the caller rolls back, so nothing is half-written.
    """
    unknown = set(changes) - set(TRIAGE_FIELDS)
    if unknown:
        raise ValueError(f"not triage fields: {sorted(unknown)}")
    if idea.status == "samengevoegd":
        raise Conflict(_("Dit idee is samengevoegd; wijzig het idee waarin het is opgegaan."))
    problems = Problems()

    def attempt(step, *args, **kwargs) -> bool:
        try:
            step(idea, actor, *args, **kwargs)
        except IdeaError as error:
            problems.add(error.field or "", error.message)
            return False
        return True

    if "status" in changes:
        attempt(change_status, changes["status"], changes.get("reason") or "")
    elif "reason" in changes:
        problems.add("reason", _("Geef een reden alleen op bij een nieuwe status."))
    if "team_id" in changes:
        attempt(set_assignment, chain_id=None, team_id=changes["team_id"])
    if "perspectives" in changes:
        attempt(set_perspectives, list(changes["perspectives"]))
    if "impact" in changes or "effort" in changes:
        impact = changes.get("impact", idea.impact)
        effort = changes.get("effort", idea.effort)
        # set_estimate stops at a bad impact; try the effort on its own to report that too.
        if (
            not attempt(set_estimate, impact=impact, effort=effort)
            and "effort" in changes
            and problems.items[-1][0] == "impact"
        ):
            attempt(set_estimate, impact=idea.impact, effort=effort)
    problems.raise_if_any()
    return idea


BULK_MAX = 100


def bulk_triage(
    idea_ids: list[int], actor: User, changes: dict[str, Any], may_triage
) -> list[Idea]:
    """Triage a selection of ideas at once: all of them or none.

    `may_triage(idea)` says whether the actor may triage that idea; one refusal refuses the
    whole selection (raised as PermissionError), and every problem with the changes comes back
    together in one IdeaError, each message naming the idea.
    """
    ids = list(dict.fromkeys(i for i in idea_ids if isinstance(i, int) and i > 0))
    if not ids:
        raise IdeaError(_("Kies eerst een of meer ideeën."), "idea_ids")
    if len(ids) > BULK_MAX:
        raise IdeaError(_("Kies hoogstens %(n)d ideeën tegelijk.", n=BULK_MAX), "idea_ids")
    if not changes:
        raise IdeaError(_("Kies wat je met de selectie wilt doen."), "status")
    ideas = list(
        db.session.scalars(select(Idea).where(Idea.id.in_(ids), Idea.moderation == VISIBLE))
    )
    if len(ideas) != len(ids):
        raise NotFound(_("Een of meer gekozen ideeën bestaan niet (meer)."))
    if not all(may_triage(idea) for idea in ideas):
        raise PermissionError("not allowed to triage every idea in the selection")
    problems = Problems()
    for idea in sorted(ideas, key=lambda i: i.id):
        try:
            apply_triage(idea, actor, changes)
        except IdeaError as error:
            for field_name, message in getattr(error, "problems", [(error.field, error.message)]):
                problems.add(field_name or "", f"#{idea.id}: {message}")
        except Conflict as error:
            problems.add("idea_ids", f"#{idea.id}: {error.message}")
    problems.raise_if_any()
    return ideas
