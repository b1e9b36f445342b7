"""Meldingen: what happened to the ideas I follow."""

from __future__ import annotations

from flask import Blueprint, flash, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from board.extensions import db
from board.ideas import queries, services
from board.web.htmx import redirect_303, render

bp = Blueprint("notifications", __name__)


@bp.get("/meldingen")
@login_required
def index():
    """My notifications, newest first; unread ones stand out."""
    return render(
        "ideas/notifications.html",
        rows=queries.list_notifications(current_user.id),
        unread=queries.count_unread_notifications(current_user.id),
    )


@bp.post("/meldingen/gelezen")
@login_required
def mark_read():
    """Mark all my notifications as read."""
    services.mark_notifications_read(current_user)
    db.session.commit()
    flash(_("Alle meldingen zijn gelezen."), "success")
    return redirect_303(url_for("notifications.index"))
