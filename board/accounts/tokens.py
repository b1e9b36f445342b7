"""Personal access tokens for the JSON API: read side first, then the write side.

A token is `lw_` followed by 43 random URL-safe characters. Only its SHA-256 hash is stored, so a
lost database does not hand out working tokens; the person sees the token once, when it is made.
The queries (`get_`/`list_`) never write; the services enforce the rules, leave an audit event,
flush and never commit.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from board.accounts.models import ApiToken, User
from board.accounts.queries import token_hash
from board.accounts.services import AccountError
from board.audit.services import record_event
from board.clock import now
from board.extensions import db

TOKEN_PREFIX = "lw_"  # noqa: S105  (a marker, not a secret)
NAME_MAX = 80
# Writing the moment of use on every request would turn each API read into a write.
TOUCH_INTERVAL = timedelta(seconds=60)


class TokenError(AccountError):
    """A rule about access tokens was broken."""


# --- read side ----------------------------------------------------------------------------------


def get_token(token_id: int) -> ApiToken | None:
    """A token by id, with its person."""
    return db.session.get(ApiToken, token_id)


def get_token_by_value(value: str) -> ApiToken | None:
    """The token whose hash matches what a client sent, with its person."""
    if not value or not value.startswith(TOKEN_PREFIX) or len(value) > 200:
        return None
    return db.session.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash(value)))


def list_tokens(user_id: int) -> list[ApiToken]:
    """A person's tokens, newest first, revoked ones included (they show as revoked)."""
    return list(
        db.session.scalars(
            select(ApiToken)
            .where(ApiToken.user_id == user_id)
            .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
        )
    )


# --- write side ---------------------------------------------------------------------------------


def _check_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise TokenError(
            _("Geef de sleutel een naam, bijvoorbeeld de koppeling waarvoor hij is."), "name"
        )
    if len(name) > NAME_MAX:
        raise TokenError(_("Een naam is hoogstens %(n)d tekens.", n=NAME_MAX), "name")
    return name


def create_token(user: User, *, name: str, actor: User | None) -> tuple[ApiToken, str]:
    """Make a token for a person; returns the row and the token itself (shown once only)."""
    name = _check_name(name)
    if not user.active:
        raise TokenError(_("Schakel dit account eerst weer in."))
    value = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id, name=name, token_hash=token_hash(value), prefix=value[:8], created_at=now()
    )
    db.session.add(token)
    db.session.flush()
    record_event(
        "api_token.create",
        actor=actor,
        object_type="api_token",
        object_id=token.id,
        object_label=name,
        detail=f"owner={user.email}",
    )
    return token, value


def revoke_token(token: ApiToken, *, actor: User | None) -> None:
    """Switch a token off for good; revoking twice is harmless."""
    if token.revoked_at is not None:
        return
    token.revoked_at = now()
    db.session.flush()
    record_event(
        "api_token.revoke",
        actor=actor,
        object_type="api_token",
        object_id=token.id,
        object_label=token.name,
        detail=f"owner={token.user.email}",
    )


def authenticate_token(value: str) -> User | None:
    """The active person a token belongs to, or None for an unknown, revoked or deactivated one.

    Notes when the token was last used, at most once a minute.
    """
    token = get_token_by_value(value)
    if token is None or token.revoked_at is not None or not token.user.active:
        return None
    moment = now()
    if token.last_used_at is None or moment - token.last_used_at >= TOUCH_INTERVAL:
        token.last_used_at = moment  # written by the caller's commit (board/api/auth.py)
    return token.user
