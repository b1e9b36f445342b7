"""The home page, the language switch and the health check."""

from __future__ import annotations

from flask import Blueprint, jsonify, request, session, url_for
from flask_login import current_user, login_required
from sqlalchemy import text

from board.config import LANGUAGES
from board.extensions import db
from board.org.queries import list_memberships_of
from board.web.htmx import redirect_303, render

bp = Blueprint("main", __name__)


@bp.get("/")
@login_required
def home():
    """Where a signed-in person starts: their teams and what they can do."""
    return render("main/home.html", memberships=list_memberships_of(current_user.id))


@bp.post("/taal")
def set_language():
    """Switch the interface language; remembered for the person when signed in."""
    lang = request.form.get("lang", "")
    if lang in LANGUAGES:
        session["lang"] = lang
        if current_user.is_authenticated:
            current_user.language = lang
            db.session.commit()
    target = request.form.get("terug", "")
    if not target.startswith("/") or target.startswith("//"):
        target = url_for("main.home")
    return redirect_303(target)


@bp.get("/healthz")
def healthz():
    """For load balancers and monitoring: is the app up and the database reachable."""
    try:
        db.session.execute(text("SELECT 1"))
        db.session.rollback()
    except Exception:
        db.session.rollback()
        response = jsonify({"status": "error", "database": "unavailable"})
        response.status_code = 503
        return response
    return jsonify({"status": "ok", "database": "ok"})
