"""Imports every area's tables so the metadata is complete (Alembic, create_all, relationships)."""

from board.accounts.models import ApiToken, PasswordResetLink, User, UserSession
from board.audit.models import AuditEvent
from board.boards.models import (
    Board,
    BoardColumn,
    Card,
    CardChecklistItem,
    CardComment,
    CardEvent,
    CardOwner,
    CardPerspective,
    CardTag,
)
from board.ideas.imports.models import IdeaImport, ImportedIdea
from board.ideas.models import (
    Comment,
    Follow,
    Idea,
    IdeaEvent,
    IdeaPerspective,
    IdeaTag,
    IntakeLink,
    Notification,
    Tag,
    Vote,
)
from board.org.models import Chain, Membership, Setting, Team
from board.standups.models import (
    ActionItem,
    Standup,
    StandupAttendee,
    StandupEntry,
    StandupSettings,
)

__all__ = [
    "ActionItem",
    "ApiToken",
    "AuditEvent",
    "Board",
    "BoardColumn",
    "Card",
    "CardChecklistItem",
    "CardComment",
    "CardEvent",
    "CardOwner",
    "CardPerspective",
    "CardTag",
    "Chain",
    "Comment",
    "Follow",
    "Idea",
    "IdeaEvent",
    "IdeaImport",
    "ImportedIdea",
    "IdeaPerspective",
    "IdeaTag",
    "IntakeLink",
    "Notification",
    "Tag",
    "Vote",
    "Membership",
    "PasswordResetLink",
    "Setting",
    "Standup",
    "StandupAttendee",
    "StandupEntry",
    "StandupSettings",
    "Team",
    "User",
    "UserSession",
]
