"""Full-text search with Dutch stemming on both databases.

SQLite: an FTS5 table `ideas_search` holds the Snowball-stemmed words of each idea (FTS5 has no
Dutch stemmer of its own), kept current by the services. PostgreSQL: a generated `tsvector`
column on `ideas` with the `dutch` configuration and a GIN index. Both are made by a migration
and are invisible to the ORM models.
"""

from __future__ import annotations

import re

import snowballstemmer
from sqlalchemy import ColumnElement, TextClause, text

from board.extensions import db

_WORD = re.compile(r"\w+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("dutch")


def stem_words(value: str) -> list[str]:
    """Lower-cased, stemmed words of a text ("wachttijden" → "wachttijd")."""
    return _stemmer.stemWords([w.lower() for w in _WORD.findall(value or "")])


def is_postgres() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def index_idea(idea_id: int, title: str, body: str, tags: list[str]) -> None:
    """(Re)write an idea's search entry; PostgreSQL keeps its own generated column."""
    if is_postgres():
        return
    terms = " ".join(stem_words(f"{title} {body} {' '.join(tags)}"))
    db.session.execute(text("DELETE FROM ideas_search WHERE rowid = :id"), {"id": idea_id})
    db.session.execute(
        text("INSERT INTO ideas_search (rowid, terms) VALUES (:id, :terms)"),
        {"id": idea_id, "terms": terms},
    )


def unindex_idea(idea_id: int) -> None:
    """Remove an idea from the SQLite search table."""
    if not is_postgres():
        db.session.execute(text("DELETE FROM ideas_search WHERE rowid = :id"), {"id": idea_id})


def match_clause(
    query: str, id_column, any_word: bool = False
) -> ColumnElement[bool] | TextClause | None:
    """A WHERE clause limiting ideas to those matching the query, or None for an empty query.

    Every word must match (any word with `any_word`, used for "similar ideas"); the last word
    also matches as a prefix so results follow the typing.
    """
    words = stem_words(query)[:12]
    if not words:
        return None
    if is_postgres():
        joiner = " | " if any_word else " & "
        parts = [re.sub(r"[^\w]", "", w) for w in words]
        parts = [p for p in parts if p]
        if not parts:
            return None
        tsquery = joiner.join(parts[:-1] + [parts[-1] + ":*"])
        return text("ideas.search_vector @@ to_tsquery('dutch', :q)").bindparams(q=tsquery)
    joiner = " OR " if any_word else " AND "
    quoted = [f'"{w}"' for w in words[:-1]] + [f'"{words[-1]}"*']
    fts_query = joiner.join(quoted)
    return id_column.in_(
        text("SELECT rowid FROM ideas_search WHERE ideas_search MATCH :q").bindparams(q=fts_query)
    )
