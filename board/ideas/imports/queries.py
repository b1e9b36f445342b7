"""Read side of idea imports. Never writes."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import defer, joinedload

from board.extensions import db
from board.ideas.imports.models import IdeaImport


def get_import(import_id: int) -> IdeaImport | None:
    """An upload with the person who made it."""
    return db.session.scalar(
        select(IdeaImport)
        .where(IdeaImport.id == import_id)
        .options(joinedload(IdeaImport.created_by))
    )


def list_recent_imports(user, limit: int = 10) -> list[IdeaImport]:
    """The latest imports this person may see: their own, or everyone's for a manager."""
    stmt = (
        select(IdeaImport)
        .options(
            joinedload(IdeaImport.created_by),
            defer(IdeaImport.rows_json),
            defer(IdeaImport.mapping_json),
        )
        .order_by(IdeaImport.created_at.desc(), IdeaImport.id.desc())
        .limit(limit)
    )
    if not user.is_manager:
        stmt = stmt.where(IdeaImport.created_by_id == user.id)
    return list(db.session.scalars(stmt))
