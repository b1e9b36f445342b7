"""Write side of public intake: intake links, ideas handed in through them, and moderation.

An intake link lets a customer panel, client council or neighbourhood team hand in ideas without
an account. Those ideas wait (moderation "wacht") until a team lead or manager approves them;
until then no list, count, search or API shows them. Services flush and never commit.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select

from board.accounts.models import User
from board.audit.services import record_event
from board.clock import now
from board.errors import DomainError, NotFound
from board.extensions import db
from board.ideas import mails, services
from board.ideas.models import PENDING, REJECTED, SOURCES, VISIBLE, Idea, IntakeLink
from board.org import queries as org_queries

LABEL_MAX = 120
EMAIL_MAX = 254
REASON_MAX = 500
# A person needs more than a few seconds to type an idea; a script does not.
MIN_FORM_SECONDS = 3
MAX_FORM_AGE = timedelta(days=1)
_STAMP_SALT = "intake-form-stamp"


class IntakeError(DomainError):
    """A rule about intake links or moderation was broken."""


class SpamRefused(DomainError):
    """A submission that looks automated (honeypot, too fast, a forged or stale form stamp)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def new_token() -> str:
    """An unguessable link token (32 URL-safe characters, 192 bits)."""
    return secrets.token_urlsafe(24)


def create_intake_link(
    *, label: str, source: str, team_id: int | None, chain_id: int | None, actor: User
) -> IntakeLink:
    """A new intake link for one team or one chain, with its source preset; audited."""
    label = " ".join((label or "").split())
    problems = services.Problems()
    if not label:
        problems.add("label", _("Geef de link een naam, bijvoorbeeld ‘Klantpanel Sneek’."))
    elif len(label) > LABEL_MAX:
        problems.add("label", _("Een naam is hoogstens %(n)d tekens.", n=LABEL_MAX))
    if source not in SOURCES:
        problems.add("source", _("Kies een bestaande bron."))
    if (team_id is None) == (chain_id is None):
        problems.add("target", _("Kies een team of een keten."))
    elif team_id is not None and org_queries.get_team(team_id) is None:
        problems.add("target", _("Kies een bestaand team."))
    elif chain_id is not None and org_queries.get_chain(chain_id) is None:
        problems.add("target", _("Kies een bestaande keten."))
    if problems.items:
        field_name, message = problems.items[0]
        error = IntakeError(message, field_name)
        error.problems = list(problems.items)  # type: ignore[attr-defined]
        raise error
    link = IntakeLink(
        token=new_token(),
        label=label,
        source=source,
        team_id=team_id,
        chain_id=chain_id,
        created_by_id=actor.id,
        created_at=now(),
    )
    db.session.add(link)
    db.session.flush()
    record_event(
        "intake_link.create",
        actor=actor,
        object_type="intake_link",
        object_id=link.id,
        object_label=label,
        detail=f"source={source} team={team_id or ''} chain={chain_id or ''}",
    )
    return link


def revoke_intake_link(link: IntakeLink, actor: User) -> IntakeLink:
    """Make a link worthless from now on (ideas already handed in stay); audited, idempotent."""
    if link.revoked_at is None:
        link.revoked_at = now()
        record_event(
            "intake_link.revoke",
            actor=actor,
            object_type="intake_link",
            object_id=link.id,
            object_label=link.label,
        )
        db.session.flush()
    return link


# --- The public form's spam protection ---------------------------------------------------------


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_STAMP_SALT)


def issue_stamp(link: IntakeLink, at: datetime | None = None) -> str:
    """A signed note of when the form was handed out (now, unless told), and for which link."""
    return _serializer().dumps({"l": link.id, "t": int((at or now()).timestamp())})


def check_stamp(stamp: str, link: IntakeLink) -> None:
    """Refuse a form that was not issued by us for this link, or was sent back too fast or
    too late. The clock is the app's, so tests can move it."""
    try:
        data = _serializer().loads(stamp or "")
        issued, link_id = int(data["t"]), int(data["l"])
    except (BadSignature, KeyError, TypeError, ValueError):
        raise SpamRefused(
            _("Dit formulier kon niet worden verwerkt. Open de link opnieuw en probeer het weer.")
        ) from None
    if link_id != link.id:
        raise SpamRefused(
            _("Dit formulier hoort bij een andere link. Open de link opnieuw en probeer het weer.")
        )
    age = now().timestamp() - issued
    if age < MIN_FORM_SECONDS:
        raise SpamRefused(
            _("Dat ging erg snel. Kijk uw idee nog even na en verstuur het daarna nog een keer."),
            422,
        )
    if age > MAX_FORM_AGE.total_seconds():
        raise SpamRefused(
            _("Dit formulier stond te lang open. Verstuur het nogmaals; uw tekst staat er nog."),
            422,
        )


@dataclass
class PublicIdeaInput:
    """What a visitor typed in the public form."""

    title: str = ""
    body: str = ""
    perspectives: list[str] = field(default_factory=list)
    contact_email: str = ""
    submission_key: str | None = None


def _clean_contact_email(raw: str, problems: services.Problems) -> str | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    if len(raw) > EMAIL_MAX:
        problems.add("contact_email", _("Een e-mailadres is hoogstens %(n)d tekens.", n=EMAIL_MAX))
        return None
    try:
        return validate_email(raw, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        problems.add(
            "contact_email",
            _("Dit is geen geldig e-mailadres. Laat het veld leeg als u geen bericht wilt."),
        )
        return None


def submit_through_link(link: IntakeLink | None, data: PublicIdeaInput) -> Idea:
    """Hand in an idea through an intake link: no submitter, source/team/chain from the link,
    waiting for moderation. Every problem with the input comes back at once (IdeaError); a
    revoked or missing link is NotFound. The same submission key twice gives one idea."""
    if link is None or link.revoked_at is not None:
        raise NotFound(_("Deze link werkt niet meer."))
    idea_input = services.IdeaInput(
        title=data.title,
        body=data.body,
        perspectives=list(data.perspectives or []),
        source=link.source,
        team_id=link.team_id,
        chain_id=link.chain_id,
        submission_key=(data.submission_key or "")[:64] or None,
    )
    problems = services.Problems()
    try:
        services.validate_idea(idea_input)
    except services.IdeaError as error:
        for field_name, message in getattr(error, "problems", [(error.field, error.message)]):
            if field_name == "title" and not (data.title or "").strip():
                message = _("Geef uw idee een titel, in een zin.")  # the public says "u"
            problems.add(field_name or "", message)
    email = _clean_contact_email(data.contact_email, problems)
    problems.raise_if_any()
    return services.submit_idea(
        idea_input,
        submitter=None,
        moderation=PENDING,
        contact_email=email,
        intake_link_id=link.id,
    )


# --- Moderation --------------------------------------------------------------------------------


def _pending(idea: Idea) -> Idea:
    """The idea, still waiting; its row is locked so two moderators at once decide only once
    (PostgreSQL; SQLite writes one at a time anyway)."""
    current = db.session.scalar(select(Idea.moderation).where(Idea.id == idea.id).with_for_update())
    if current != PENDING:
        raise IntakeError(_("Dit idee is al beoordeeld."))
    return idea


def approve_idea(idea: Idea, actor: User) -> Idea:
    """Let a waiting idea into the inbox (status nieuw), with an event."""
    _pending(idea)
    idea.moderation = VISIBLE
    idea.last_activity_at = now()
    mails.mail_contact(idea, status=VISIBLE)
    services._event(idea, actor, "moderation", PENDING, VISIBLE)
    db.session.flush()
    return idea


def decline_idea(idea: Idea, actor: User, reason: str) -> Idea:
    """Keep a waiting idea out of the inbox for good; the reason is required and recorded. The
    contact address goes at once: nothing more will happen with the idea."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise IntakeError(_("Geef een reden op waarom je dit idee weigert."), "reason")
    if len(reason) > REASON_MAX:
        raise IntakeError(_("Een reden is hoogstens %(n)d tekens.", n=REASON_MAX), "reason")
    _pending(idea)
    idea.moderation = REJECTED
    idea.decision_reason = reason
    mails.mail_contact(idea, status=REJECTED)
    idea.contact_email = None
    services._event(idea, actor, "moderation", PENDING, REJECTED)
    db.session.flush()
    return idea
