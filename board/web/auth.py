"""Authorization decorators. Object-level checks live in each area's routes and services."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort
from flask_login import current_user, login_required

__all__ = ["admin_required", "login_required", "manager_required"]


def admin_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Only administrators (beheerders); others get 403, which is logged."""

    @wraps(view)
    @login_required
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def manager_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Managers and administrators."""

    @wraps(view)
    @login_required
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_manager:
            abort(403)
        return view(*args, **kwargs)

    return wrapped
