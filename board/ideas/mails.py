"""E-mail about ideas: followers hear about changes, a public submitter hears "you said, we did".

The messages are composed here, in each reader's own language, and queued on the session;
`board.mail` sends them once the change is committed. Nothing happens without a mail server.
"""

from __future__ import annotations

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from board.accounts.models import User
from board.extensions import db
from board.ideas.models import Idea
from board.mail import Mail, absolute_url, mail_enabled, queue_mail

SUBJECT_TITLE_MAX = 60


def _short(title: str) -> str:
    return title if len(title) <= SUBJECT_TITLE_MAX else title[: SUBJECT_TITLE_MAX - 1] + "…"


def _subject(idea: Idea, kind: str) -> str:
    title = _short(idea.title)
    if kind == "status":
        return _("Nieuwe status voor ‘%(title)s’", title=title)
    if kind == "comment":
        return _("Nieuwe reactie op ‘%(title)s’", title=title)
    if kind == "merged":
        return _("Een idee is samengevoegd met ‘%(title)s’", title=title)
    return _("Nieuws over ‘%(title)s’", title=title)


def mail_followers(idea: Idea, kind: str, detail: str, user_ids: list[int]) -> int:
    """Queue a message for each follower who wants notifications by e-mail; returns how many."""
    if not user_ids or not mail_enabled():
        return 0
    readers = db.session.scalars(
        select(User).where(
            User.id.in_(user_ids),
            User.active.is_(True),
            User.email_notifications.is_(True),
        )
    ).all()
    link = absolute_url("ideas.detail", idea_id=idea.id)
    profile = absolute_url("accounts.profile")
    for reader in readers:
        with force_locale(reader.language):
            body = render_template(
                "mail/idea_update.txt",
                reader=reader,
                idea=idea,
                kind=kind,
                detail=detail,
                link=link,
                profile=profile,
            )
            queue_mail(Mail(reader.email, _subject(idea, kind), body))
    return len(readers)


def mail_contact(idea: Idea, *, status: str, merged_into: Idea | None = None) -> bool:
    """Tell a public submitter who left an address what became of their idea."""
    if not idea.contact_email or not mail_enabled():
        return False
    with force_locale("nl"):
        body = render_template(
            "mail/intake_update.txt", idea=idea, status=status, merged_into=merged_into
        )
        subject = _("Wat er met uw idee ‘%(title)s’ gebeurt", title=_short(idea.title))
    queue_mail(Mail(idea.contact_email, subject, body))
    return True
