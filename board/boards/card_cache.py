"""The board's cards, rendered once and reused while nothing they show has changed.

A board of a thousand cards spent nine tenths of its time running the card macro, and from one
look to the next almost every card is the same. The key holds everything the macro shows (the
card's values and version, its owners' names, the linked idea's votes) and everything around it
that changes the markup (language, whether the viewer may move cards, today's date for the age
and the overdue mark, the address prefix), so a hit is always what the macro would render now.
Each app process keeps its own cache; it is emptied when it grows past MAX_ENTRIES.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import Flask
from markupsafe import Markup

MAX_ENTRIES = 20_000

_cache: dict[tuple, Markup] = {}


def card_key(card: Any, *context: Any) -> tuple:
    """Everything a card's markup depends on."""
    idea = card.idea
    return (
        card.id,
        card.version,
        card.column_id,
        card.title,
        card.blocked,
        card.blocked_reason,
        card.due_date,
        card.column_entered_at,
        card.idea_id,
        idea.vote_count if idea is not None else None,
        tuple(owner.name for owner in card.owners),
        tuple(card.perspectives),
        *context,
    )


def cached_card(
    render: Callable[[Any], Markup],
    card: Any,
    can_edit: bool,
    today: date,
    locale: str,
    prefix: str,
) -> Markup:
    """The card's markup from the cache, or rendered by `render` (the card macro) and kept."""
    key = card_key(card, bool(can_edit), today, locale, prefix)
    html = _cache.get(key)
    if html is None:
        if len(_cache) >= MAX_ENTRIES:
            _cache.clear()
        # The macro runs in an autoescaping environment: its result is Markup already.
        html = _cache[key] = render(card)
    return html


def clear() -> None:
    """Forget every rendered card (tests)."""
    _cache.clear()


def init_card_cache(app: Flask) -> None:
    """Make `cached_card` available to the board templates."""
    app.jinja_env.globals["cached_card"] = cached_card
