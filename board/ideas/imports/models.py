"""Tables of idea imports: an uploaded idea list, kept between the upload, mapping and preview.

The parsed rows live in the database (not in a process's memory or a session cookie), so every
step works whichever app process answers it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from board.accounts.models import User
from board.clock import now
from board.db import UTCDateTime
from board.extensions import db

PREVIEW = "preview"
IMPORTED = "imported"
IMPORT_STATES = (PREVIEW, IMPORTED)
FILE_FORMATS = ("csv", "xlsx")


class IdeaImport(db.Model):  # type: ignore[name-defined,misc]
    """One uploaded idea list: its parsed rows, the chosen column mapping and the outcome."""

    __tablename__ = "idea_imports"
    __table_args__ = (
        CheckConstraint("status IN ('preview', 'imported')", name="status_valid"),
        CheckConstraint("file_format IN ('csv', 'xlsx')", name="file_format_valid"),
        Index("ix_idea_imports_created_by_id_created_at", "created_by_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=now)
    filename: Mapped[str] = mapped_column(String(255))
    file_format: Mapped[str] = mapped_column(String(4))
    sheet_name: Mapped[str] = mapped_column(String(31), default="")
    # JSON: the header cells, and the data rows as lists of strings (capped by the parser).
    columns_json: Mapped[str] = mapped_column(Text)
    rows_json: Mapped[str] = mapped_column(Text)
    row_count: Mapped[int] = mapped_column(Integer, default=0)
    # JSON: target field → column index, plus the default source and team.
    mapping_json: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default=PREVIEW)
    imported_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    added_count: Mapped[int] = mapped_column(Integer, default=0)
    skipped_count: Mapped[int] = mapped_column(Integer, default=0)
    error_count: Mapped[int] = mapped_column(Integer, default=0)

    created_by: Mapped[User | None] = relationship(lazy="raise")


class ImportedIdea(db.Model):  # type: ignore[name-defined,misc]
    """An idea that came from an import, with the key of its row: a hash of the normalised title,
    explanation and date, so the same row imported again (even from a re-saved file with its
    columns in another order) is recognised and skipped.

    A table of its own rather than columns on `ideas`: SQLite cannot add a foreign key or a
    unique column to a table in place, and copying `ideas` (which votes, comments and events
    point at) fails while foreign keys are enforced.
    """

    __tablename__ = "imported_ideas"

    idea_id: Mapped[int] = mapped_column(
        ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True
    )
    import_id: Mapped[int] = mapped_column(ForeignKey("idea_imports.id"), index=True)
    import_key: Mapped[str] = mapped_column(String(64), unique=True)
    row_number: Mapped[int] = mapped_column(Integer)
