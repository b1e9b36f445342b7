"""Write side of accounts: people, sign-in sessions, passwords, reset links.

Services enforce the rules, raise AccountError with a translated message, flush and never commit.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import update

from board.accounts import queries
from board.accounts.models import GLOBAL_ROLES, User, UserSession
from board.accounts.passwords import hash_password, needs_rehash, verify_password
from board.audit.models import DENIED, FAILURE
from board.audit.services import record_event
from board.clock import now
from board.config import LANGUAGES
from board.errors import DomainError
from board.extensions import db

NAME_MAX = 120
EMAIL_MAX = 254


class AccountError(DomainError):
    """A rule about people or sign-in was broken."""


class AuthenticationFailed(AccountError):
    """Wrong e-mail or password, or a deactivated account: one message for all."""


def normalise_email(raw: str) -> str:
    """A syntactically valid, lower-cased e-mail address, or AccountError."""
    raw = (raw or "").strip()
    if not raw:
        raise AccountError(_("Vul een e-mailadres in."), "email")
    if len(raw) > EMAIL_MAX:
        raise AccountError(_("Een e-mailadres is hoogstens %(n)d tekens.", n=EMAIL_MAX), "email")
    try:
        return validate_email(raw, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise AccountError(_("Dit is geen geldig e-mailadres."), "email") from None


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise AccountError(_("Vul een naam in."), "name")
    if len(name) > NAME_MAX:
        raise AccountError(_("Een naam is hoogstens %(n)d tekens.", n=NAME_MAX), "name")
    return name


def _check_role(role: str) -> str:
    if role not in GLOBAL_ROLES:
        raise AccountError(_("Kies een bestaande rol."), "role")
    return role


def _check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise AccountError(_("Kies een beschikbare taal."), "language")
    return language


def check_password_rules(password: str, field: str = "password") -> None:
    """Raise AccountError when a new password is too weak."""
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password or "") < minimum:
        raise AccountError(_("Een wachtwoord heeft minstens %(n)d tekens.", n=minimum), field)
    if len(password) > 256:
        raise AccountError(_("Een wachtwoord is hoogstens 256 tekens."), field)


def create_user(
    *,
    email: str,
    name: str,
    role: str = "employee",
    password: str | None = None,
    language: str = "nl",
    actor: User | None = None,
) -> User:
    """Add a person. Without a password they can only sign in through SSO or a reset link."""
    email = normalise_email(email)
    name = _check_name(name)
    role = _check_role(role)
    language = _check_language(language)
    if queries.get_user_by_email(email):
        raise AccountError(_("Er is al iemand met dit e-mailadres."), "email")
    user = User(email=email, name=name, role=role, language=language, active=True)
    if password:
        check_password_rules(password)
        user.password_hash = hash_password(password)
    db.session.add(user)
    db.session.flush()
    record_event(
        "user.create",
        actor=actor,
        object_type="user",
        object_id=user.id,
        object_label=user.email,
        detail=f"role={role}",
    )
    return user


def update_user(
    user: User, *, email: str, name: str, role: str, language: str, actor: User
) -> User:
    """Change a person's details; an administrator cannot take away their own admin role."""
    email = normalise_email(email)
    name = _check_name(name)
    role = _check_role(role)
    language = _check_language(language)
    other = queries.get_user_by_email(email)
    if other is not None and other.id != user.id:
        raise AccountError(_("Er is al iemand met dit e-mailadres."), "email")
    if user.id == actor.id and user.role == "admin" and role != "admin":
        raise AccountError(_("Je kunt jezelf de rol beheerder niet afnemen."), "role")
    changes = []
    for field, value in (("email", email), ("name", name), ("role", role), ("language", language)):
        if getattr(user, field) != value:
            changes.append(f"{field}: {getattr(user, field)} → {value}")
            setattr(user, field, value)
    db.session.flush()
    record_event(
        "user.update",
        actor=actor,
        object_type="user",
        object_id=user.id,
        object_label=user.email,
        detail="; ".join(changes),
    )
    return user


def deactivate_user(user: User, *, actor: User | None) -> None:
    """Switch a person off: they cannot sign in and every open session ends now."""
    if actor is not None and user.id == actor.id:
        raise AccountError(_("Je kunt je eigen account niet uitschakelen."))
    if not user.active:
        return
    user.active = False
    user.deactivated_at = now()
    end_all_sessions(user, reason="deactivated")
    record_event(
        "user.deactivate",
        actor=actor,
        object_type="user",
        object_id=user.id,
        object_label=user.email,
    )


def reactivate_user(user: User, *, actor: User | None) -> None:
    """Switch a person on again."""
    if user.active:
        return
    user.active = True
    user.deactivated_at = None
    db.session.flush()
    record_event(
        "user.reactivate",
        actor=actor,
        object_type="user",
        object_id=user.id,
        object_label=user.email,
    )


def authenticate(email: str, password: str) -> User:
    """The person with this e-mail and password, or AuthenticationFailed (one message for all)."""
    failed = AuthenticationFailed(_("Het e-mailadres of wachtwoord klopt niet."))
    try:
        address = normalise_email(email)
    except AccountError:
        verify_password(None, password)
        record_event(
            "auth.login", actor_label=(email or "")[:254], result=FAILURE, detail="invalid e-mail"
        )
        raise failed from None
    user = queries.get_user_by_email(address)
    ok = verify_password(user.password_hash if user else None, password or "")
    if user is None or not ok:
        record_event(
            "auth.login",
            actor=user,
            actor_label=address,
            result=FAILURE,
            detail="unknown e-mail" if user is None else "wrong password",
        )
        raise failed
    if not user.active:
        record_event("auth.login", actor=user, result=FAILURE, detail="account deactivated")
        raise failed
    if needs_rehash(user.password_hash or ""):
        user.password_hash = hash_password(password)
    return user


def start_session(user: User, *, ip: str, user_agent: str, method: str = "password") -> str:
    """Open a new sign-in session and return its token (for the cookie)."""
    token = secrets.token_urlsafe(32)
    moment = now()
    db.session.add(
        UserSession(
            user_id=user.id,
            token_hash=queries.token_hash(token),
            created_at=moment,
            last_seen_at=moment,
            ip=ip[:45],
            user_agent=(user_agent or "")[:255],
        )
    )
    user.last_login_at = moment
    user.session_token = token
    db.session.flush()
    record_event("auth.login", actor=user, detail=f"method={method}")
    return token


def end_session(token: str, reason: str = "signed out") -> None:
    """End one sign-in session (sign-out)."""
    session = queries.get_session_by_token(token)
    if session is not None and session.ended_at is None:
        session.ended_at = now()
        session.end_reason = reason[:20]
        db.session.flush()
        if reason == "signed out":
            record_event("auth.logout", actor=session.user)


def end_all_sessions(user: User, reason: str) -> None:
    """End every open session of a person."""
    db.session.execute(
        update(UserSession)
        .where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
        .values(ended_at=now(), end_reason=reason[:20])
    )
    db.session.flush()


def resume_session(token: str) -> tuple[User | None, str | None]:
    """The user of a live session, touching it; or None and why it is no longer valid.

    Ends sessions that passed the idle or absolute timeout, or whose person was deactivated.
    Changes are left pending (not flushed): the user loader commits them when the session
    has changed, so a touch is written once a minute and never on every request.
    """
    session = queries.get_session_by_token(token)
    if session is None:
        return None, "unknown"
    if session.ended_at is not None:
        return None, session.end_reason or "ended"
    cfg = current_app.config
    moment = now()
    reason = None
    if not session.user.active:
        reason = "deactivated"
    elif moment - session.created_at > timedelta(hours=cfg["SESSION_ABSOLUTE_HOURS"]):
        reason = "absolute"
    elif moment - session.last_seen_at > timedelta(minutes=cfg["SESSION_IDLE_MINUTES"]):
        reason = "idle"
    if reason:
        session.ended_at = moment
        session.end_reason = reason
        return None, reason
    # Touch at most once a minute: a board polled every two seconds should not write each time.
    if moment - session.last_seen_at > timedelta(seconds=60):
        session.last_seen_at = moment
    user = session.user
    user.session_token = token
    return user, None


def change_password(user: User, *, current: str, new: str, confirm: str) -> None:
    """Change one's own password; other open sessions end."""
    if user.password_hash and not verify_password(user.password_hash, current or ""):
        raise AccountError(_("Je huidige wachtwoord klopt niet."), "current_password")
    check_password_rules(new, "new_password")
    if new != confirm:
        raise AccountError(_("De twee wachtwoorden zijn niet gelijk."), "confirm_password")
    user.password_hash = hash_password(new)
    keep = queries.token_hash(user.session_token or "")
    db.session.execute(
        update(UserSession)
        .where(
            UserSession.user_id == user.id,
            UserSession.ended_at.is_(None),
            UserSession.token_hash != keep,
        )
        .values(ended_at=now(), end_reason="password")
    )
    db.session.flush()
    record_event(
        "user.password_change",
        actor=user,
        object_type="user",
        object_id=user.id,
        object_label=user.email,
    )


def update_profile(
    user: User, *, name: str, language: str, email_notifications: bool | None = None
) -> None:
    """Change one's own name, language and e-mail notification choice."""
    user.name = _check_name(name)
    user.language = _check_language(language)
    if email_notifications is not None:
        user.email_notifications = email_notifications
    db.session.flush()


def create_reset_link(user: User, *, actor: User) -> str:
    """A one-time link token for setting a new password; earlier links stop working."""
    from board.accounts.models import PasswordResetLink

    if not user.active:
        raise AccountError(_("Schakel dit account eerst weer in."))
    moment = now()
    db.session.execute(
        update(PasswordResetLink)
        .where(PasswordResetLink.user_id == user.id, PasswordResetLink.used_at.is_(None))
        .values(used_at=moment)
    )
    token = secrets.token_urlsafe(32)
    db.session.add(
        PasswordResetLink(
            user_id=user.id,
            token_hash=queries.token_hash(token),
            created_by_id=actor.id,
            created_at=moment,
            expires_at=moment + timedelta(hours=current_app.config["PASSWORD_RESET_HOURS"]),
        )
    )
    db.session.flush()
    record_event(
        "user.reset_link",
        actor=actor,
        object_type="user",
        object_id=user.id,
        object_label=user.email,
    )
    return token


def check_reset_link(token: str):
    """The unused, unexpired reset link for a token, or AccountError."""
    link = queries.get_reset_link(token)
    if link is None or link.used_at is not None or link.expires_at < now() or not link.user.active:
        raise AccountError(
            _("Deze link is niet (meer) geldig. Vraag de beheerder om een nieuwe link.")
        )
    return link


def reset_password(token: str, *, new: str, confirm: str) -> User:
    """Set a new password through a one-time link; all sessions of the person end."""
    link = check_reset_link(token)
    check_password_rules(new, "new_password")
    if new != confirm:
        raise AccountError(_("De twee wachtwoorden zijn niet gelijk."), "confirm_password")
    user = link.user
    user.password_hash = hash_password(new)
    link.used_at = now()
    end_all_sessions(user, reason="password")
    record_event(
        "user.password_reset",
        actor=user,
        object_type="user",
        object_id=user.id,
        object_label=user.email,
    )
    return user


def record_denial(user: User | None, what: str) -> None:
    """Log that someone was refused access."""
    record_event("access.denied", actor=user, result=DENIED, detail=what[:500])
