"""Imports every area's tables so the metadata is complete (Alembic, create_all, relationships)."""

from board.accounts.models import PasswordResetLink, User, UserSession
from board.audit.models import AuditEvent
from board.org.models import Chain, Membership, Setting, Team

__all__ = [
    "AuditEvent",
    "Chain",
    "Membership",
    "PasswordResetLink",
    "Setting",
    "Team",
    "User",
    "UserSession",
]
