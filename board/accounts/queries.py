"""Read side of accounts. Never writes."""

from __future__ import annotations

import hashlib

from sqlalchemy import func, or_, select

from board.accounts.models import PasswordResetLink, User, UserSession
from board.extensions import db

PAGE_SIZE = 50


def token_hash(token: str) -> str:
    """The stored form of a session or reset token."""
    return hashlib.sha256(token.encode()).hexdigest()


def get_user(user_id: int) -> User | None:
    """A person by id."""
    return db.session.get(User, user_id)


def get_user_by_email(email: str) -> User | None:
    """A person by e-mail address, ignoring case."""
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def get_user_by_oidc(issuer: str, subject: str) -> User | None:
    """A person by their identity at the SSO provider."""
    return db.session.scalar(
        select(User).where(User.oidc_issuer == issuer, User.oidc_subject == subject)
    )


def get_session_by_token(token: str) -> UserSession | None:
    """The sign-in session for a cookie token, with its user."""
    if not token:
        return None
    return db.session.scalar(select(UserSession).where(UserSession.token_hash == token_hash(token)))


def get_reset_link(token: str) -> PasswordResetLink | None:
    """A password reset link by its token."""
    return db.session.scalar(
        select(PasswordResetLink).where(PasswordResetLink.token_hash == token_hash(token))
    )


def list_users(
    search: str = "", page: int = 1, include_inactive: bool = True
) -> tuple[list[User], bool]:
    """People ordered by name, one page, and whether there is a next one."""
    stmt = select(User)
    if search:
        # Typed text is matched literally: % and _ are not wildcards for the person searching.
        term = search.strip().lower()
        stmt = stmt.where(
            or_(
                func.lower(User.name).contains(term, autoescape=True),
                User.email.contains(term, autoescape=True),
            )
        )
    if not include_inactive:
        stmt = stmt.where(User.active.is_(True))
    stmt = stmt.order_by(func.lower(User.name), User.id).limit(PAGE_SIZE + 1)
    stmt = stmt.offset((page - 1) * PAGE_SIZE)
    rows = list(db.session.scalars(stmt))
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


def list_all_users() -> list[User]:
    """Everyone, ordered by e-mail (for the command line)."""
    return list(db.session.scalars(select(User).order_by(User.email)))


def count_users() -> int:
    """How many people there are."""
    return db.session.scalar(select(func.count(User.id))) or 0


def count_active_sessions(user_id: int) -> int:
    """How many sign-in sessions of a person are still open."""
    return (
        db.session.scalar(
            select(func.count(UserSession.id)).where(
                UserSession.user_id == user_id, UserSession.ended_at.is_(None)
            )
        )
        or 0
    )
