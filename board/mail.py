"""Outgoing e-mail: queued by services, sent only after the transaction commits.

Services call `queue_mail` while they work; nothing leaves the building when the transaction is
rolled back, and a mail server that is down never breaks the page that caused the message (the
failure is logged). Sending happens in a short-lived thread so the person who triaged an idea
does not wait for the mail server; `MAIL_SEND_IN_BACKGROUND=false` sends in the request itself.
Without `MAIL_SERVER` nothing is queued at all.
"""

from __future__ import annotations

import logging
import smtplib
import threading
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from flask import current_app, has_request_context, url_for
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from board.extensions import db

log = logging.getLogger(__name__)

OUTBOX = "board.mail.outbox"
# Set on a session whose changes must not send mail (loading the demo data).
SILENT = "board.mail.silent"


@dataclass(frozen=True)
class Mail:
    """One message to one address."""

    to: str
    subject: str
    body: str


def mail_enabled() -> bool:
    """Whether an outgoing mail server is configured."""
    return bool(current_app.config.get("MAIL_SERVER"))


def absolute_url(endpoint: str, **values: Any) -> str | None:
    """A link for a message: from BASE_URL when set, else from the request; None without both."""
    base = (current_app.config.get("BASE_URL") or "").rstrip("/")
    if base:
        with current_app.test_request_context(base_url=base):
            return url_for(endpoint, _external=True, **values)
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    return None


def queue_mail(mail: Mail) -> None:
    """Send `mail` once the current transaction commits (nothing when mail is off)."""
    if not mail_enabled() or not mail.to or db.session.info.get(SILENT):
        return
    db.session.info.setdefault(OUTBOX, []).append(mail)


def _settings() -> dict[str, Any]:
    c = current_app.config
    return {
        "server": c["MAIL_SERVER"],
        "port": c["MAIL_PORT"],
        "username": c.get("MAIL_USERNAME", ""),
        "password": c.get("MAIL_PASSWORD", ""),
        "tls": c.get("MAIL_USE_TLS", False),
        "sender": c.get("MAIL_FROM", "linich-wurkje@localhost"),
        "timeout": c.get("MAIL_TIMEOUT", 10),
    }


def deliver(mails: list[Mail], settings: dict[str, Any]) -> int:
    """Hand messages to the SMTP server in one connection; returns how many it accepted."""
    sent = 0
    try:
        with smtplib.SMTP(
            settings["server"], settings["port"], timeout=settings["timeout"]
        ) as smtp:
            if settings["tls"]:
                smtp.starttls()
            if settings["username"]:
                smtp.login(settings["username"], settings["password"])
            for mail in mails:
                message = EmailMessage()
                message["From"] = settings["sender"]
                message["To"] = mail.to
                message["Subject"] = mail.subject
                message["Date"] = formatdate(localtime=False)
                message["Message-ID"] = make_msgid(domain="linich-wurkje")
                message["Auto-Submitted"] = "auto-generated"
                message.set_content(mail.body)
                try:
                    smtp.send_message(message)
                    sent += 1
                except smtplib.SMTPException:
                    log.warning("mail to one recipient refused by %s", settings["server"])
    except (OSError, smtplib.SMTPException) as exc:
        log.warning("mail server %s unreachable: %s", settings["server"], exc)
    return sent


@event.listens_for(Session, "after_commit")
def _send_outbox(session: Session) -> None:
    mails = session.info.pop(OUTBOX, None)
    if not mails:
        return
    settings = _settings()
    if current_app.config.get("MAIL_SEND_IN_BACKGROUND", True):
        threading.Thread(target=deliver, args=(mails, settings), daemon=True).start()
    else:
        deliver(mails, settings)


@event.listens_for(Session, "after_soft_rollback")
def _drop_outbox(session: Session, previous_transaction: SessionTransaction) -> None:
    # A rolled-back savepoint (a service retrying a step) keeps what the outer work queued.
    if not previous_transaction.nested:
        session.info.pop(OUTBOX, None)
