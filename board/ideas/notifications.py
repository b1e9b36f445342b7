"""Meldingen: my action items due today or earlier, and what happened to the ideas I follow."""

from __future__ import annotations

from flask import Blueprint, flash, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from board.extensions import db
from board.ideas import queries, services
from board.standups import queries as standup_queries
from board.web.htmx import redirect_303, render

bp = Blueprint("notifications", __name__)


@bp.get("/meldingen")
@login_required
def index():
    """My action items past (or at) their due date first, then my notifications, newest first;
    unread ones stand out."""
    return render(
        "ideas/notifications.html",
        due_items=standup_queries.list_my_action_items(
            current_user, due_by=standup_queries.local_today()
        ),
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
