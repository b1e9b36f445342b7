"""Password hashing with argon2id; parameters come from the config so tests stay fast."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

_DUMMY_HASH: dict[tuple[int, int], str] = {}


def _hasher() -> PasswordHasher:
    cfg = current_app.config
    return PasswordHasher(time_cost=cfg["ARGON2_TIME_COST"], memory_cost=cfg["ARGON2_MEMORY_COST"])


def hash_password(password: str) -> str:
    """An argon2id hash of the password."""
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when the password matches. Spends the same time when there is no hash."""
    hasher = _hasher()
    if not password_hash:
        key = (hasher.time_cost, hasher.memory_cost)
        if key not in _DUMMY_HASH:
            _DUMMY_HASH[key] = hasher.hash("no such account")
        password_hash = _DUMMY_HASH[key]
        password = password + "\x00"  # never matches
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with weaker parameters than configured now."""
    try:
        return _hasher().check_needs_rehash(password_hash)
    except InvalidHashError:
        return True
