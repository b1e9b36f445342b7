"""Full-text search with Dutch stemming on both databases.

SQLite: an FTS5 table `ideas_search` holds the Snowball-stemmed words of each idea (FTS5 has no
Dutch stemmer of its own), kept current by the services. PostgreSQL: a generated `tsvector`
column on `ideas` with the `dutch` configuration and a GIN index. Both are made by a migration
and are invisible to the ORM models.
"""

from __future__ import annotations

import re

import snowballstemmer
from sqlalchemy import ColumnElement, Float, Integer, Select, TextClause, func, literal_column, text

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


def index_new_ideas(entries: list[tuple[int, str, str]]) -> None:
    """Search entries for many new ideas (id, title, body) at once, e.g. after an import."""
    if is_postgres() or not entries:
        return
    db.session.execute(
        text("INSERT INTO ideas_search (rowid, terms) VALUES (:id, :terms)"),
        [{"id": i, "terms": " ".join(stem_words(f"{t} {b}"))} for i, t, b in entries],
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
    terms = _terms(query, any_word)
    if terms is None:
        return None
    if is_postgres():
        return text("ideas.search_vector @@ to_tsquery('dutch', :q)").bindparams(q=terms)
    return id_column.in_(
        text("SELECT rowid FROM ideas_search WHERE ideas_search MATCH :q").bindparams(q=terms)
    )


def _terms(query: str, any_word: bool) -> str | None:
    """The query in the database's own syntax, or None when nothing is left to search for.

    SQLite's index holds Snowball stems, so the query is stemmed here. PostgreSQL stems with its
    own (older) Dutch Snowball inside `to_tsquery('dutch', …)`, and the two disagree on some
    words: PostgreSQL indexes "verhuizingen" as "verhuiz" but reaches "verhuis" from our stem,
    while "terugbellen" only reaches "terugbelafspraak" through our stem "terugbel". So each
    word is looked for both as typed and as our stem, and PostgreSQL stems both."""
    if is_postgres():
        raw = [w.lower() for w in _WORD.findall(query or "")][:12]
        clean = [
            (re.sub(r"[^\w]", "", w), re.sub(r"[^\w]", "", s))
            for w, s in zip(raw, stem_words(" ".join(raw)), strict=True)
        ]
        clean = [(w, s) for w, s in clean if w]
        if not clean:
            return None
        terms = []
        for n, (word, stem) in enumerate(clean):
            suffix = ":*" if n == len(clean) - 1 else ""
            alternatives = dict.fromkeys(f"{x}{suffix}" for x in (word, stem) if x)
            terms.append(
                " | ".join(alternatives)
                if len(alternatives) == 1
                else f"({' | '.join(alternatives)})"
            )
        return (" | " if any_word else " & ").join(terms)
    words = stem_words(query)[:12]
    if not words:
        return None
    quoted = [f'"{w}"' for w in words[:-1]] + [f'"{words[-1]}"*']
    return (" OR " if any_word else " AND ").join(quoted)


def most_alike_first(stmt: Select, query: str, id_column) -> Select | None:
    """Limit a select of ideas to those sharing a word with the query, the most alike first
    (BM25 on SQLite, ts_rank on PostgreSQL: a rare shared word counts more than "de" or
    "wachten"); None when the query has no words."""
    terms = _terms(query, any_word=True)
    if terms is None:
        return None
    if is_postgres():
        score = func.ts_rank(literal_column("ideas.search_vector"), func.to_tsquery("dutch", terms))
        clause = text("ideas.search_vector @@ to_tsquery('dutch', :q)").bindparams(q=terms)
        return stmt.where(clause).order_by(score.desc())
    matches = (
        text(
            "SELECT rowid AS idea_id, bm25(ideas_search) AS score FROM ideas_search "
            "WHERE ideas_search MATCH :q"
        )
        .bindparams(q=terms)
        .columns(idea_id=Integer, score=Float)
        .subquery("alike")
    )
    # BM25 is lower for a better match.
    return stmt.join(matches, matches.c.idea_id == id_column).order_by(matches.c.score.asc())
