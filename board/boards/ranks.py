"""Lexicographic fractional ranks: the order of cards in a column.

A rank is a string of base-36 digits (0-9, a-z) read as a fraction 0.xyz…; cards sort by rank
(byte order, the same in SQLite and in PostgreSQL with the C collation as well as with any
collation for these characters). Between any two ranks there is always another one, so a move
rewrites one row: the moved card's. A rank never ends in "0", which keeps room below every rank.

Inserting again and again at the same place makes ranks one character longer about every five
inserts; when a new rank would be longer than REBALANCE_AT, the column is renumbered evenly
(`spread`), which is rare and rewrites only that column.
"""

from __future__ import annotations

DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
BASE = len(DIGITS)
REBALANCE_AT = 24


def _midpoint(a: str, b: str | None) -> str:
    """A key strictly between a and b (b None means "the end"); a may be "" (the start)."""
    if b is not None:
        n = 0
        while n < len(b) and (a[n] if n < len(a) else "0") == b[n]:
            n += 1
        if n > 0:
            return b[:n] + _midpoint(a[n:], b[n:])
    digit_a = DIGITS.index(a[0]) if a else 0
    digit_b = DIGITS.index(b[0]) if b is not None else BASE
    if digit_b - digit_a > 1:
        return DIGITS[(digit_a + digit_b) // 2]
    if b is not None and len(b) > 1:
        return b[0]
    return DIGITS[digit_a] + _midpoint(a[1:], None)


def between(before: str | None, after: str | None) -> str:
    """A rank after `before` and before `after` (None: no neighbour on that side)."""
    if before is not None and after is not None and not before < after:
        raise ValueError(f"ranks out of order: {before!r} !< {after!r}")
    return _midpoint(before or "", after)


def spread(count: int) -> list[str]:
    """`count` ranks, evenly spaced and of equal length, in order (for a renumbered column)."""
    width = 1
    while BASE**width < count + 1:
        width += 1
    width += 1  # one spare digit: room for about five inserts between each pair
    step = BASE**width // (count + 1)
    ranks = []
    for i in range(1, count + 1):
        value = step * i
        digits = []
        for _ in range(width):
            value, rest = divmod(value, BASE)
            digits.append(DIGITS[rest])
        rank = "".join(reversed(digits)).rstrip("0")
        ranks.append(rank)
    return ranks


def is_valid(rank: str) -> bool:
    """A well-formed rank: base-36 digits, not empty, no trailing "0"."""
    return bool(rank) and all(c in DIGITS for c in rank) and not rank.endswith("0")
