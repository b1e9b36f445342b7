"""The weekly stand-up of a team: the agenda page, presenter mode, the archive, and the writes
made during a stand-up (start, finish, notes, action items, idea triage, the length)."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, abort, flash, g, jsonify, make_response, request, url_for
from flask_babel import format_date, get_timezone, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required

from board.clock import now
from board.errors import DomainError
from board.extensions import db
from board.org import queries as org_queries
from board.org.models import Team
from board.standups import permissions, queries, services, snapshot
from board.standups.agenda import build_agenda
from board.standups.forms import (
    ActionItemForm,
    EntryForm,
    FinishForm,
    SettingsForm,
)
from board.standups.models import ActionItem
from board.web.forms import attach_error
from board.web.htmx import is_partial, redirect_303, render

bp = Blueprint("standups", __name__)

PAGE = "standups/standup.html"


@bp.app_template_filter("standup_when")
def standup_when(value: datetime | None) -> str:
    """'30 nov, 06:17' in the reader's time zone (an agenda shows hundreds; days cached)."""
    if not value:
        return ""
    local = value.astimezone(get_timezone())
    cache = g.setdefault("standup_days", {})
    if local.date() not in cache:
        cache[local.date()] = format_date(local.date(), "d MMM")
    return f"{cache[local.date()]}, {local:%H:%M}"


def team_or_404(team_id: int) -> Team:
    """The team when the viewer may read its stand-up; else 404 (as a private board is)."""
    team = org_queries.get_team(team_id)
    if team is None or not permissions.can_read(current_user, team):
        abort(404)
    return team


def runnable_team(team_id: int) -> Team:
    """The team when the viewer runs its stand-up (403 for readers, 404 for outsiders)."""
    team = team_or_404(team_id)
    if not permissions.can_run(current_user, team):
        abort(403)
    return team


def action_item_or_404(action_id: int) -> tuple[ActionItem, Team]:
    """An action item of a team whose stand-up the viewer runs."""
    item = queries.get_action_item(action_id)
    if item is None:
        abort(404)
    return item, runnable_team(item.team_id)


def _present_ids() -> list[int] | None:
    """The members ticked as present, or None when the form had no presence list."""
    if request.form.get("present_given") != "1":
        return None
    return [int(v) for v in request.form.getlist("present") if v.isdigit()]


def _may_triage(team: Team) -> bool:
    if not permissions.can_run(current_user, team):
        return False
    return bool(current_user.is_manager) or team.id in org_queries.lead_team_ids(current_user.id)


def page_context(team: Team, **extra) -> dict:
    """Everything the stand-up page and presenter mode show (a constant number of queries)."""
    standup, since = queries.current_period(team.id)
    can_run = permissions.can_run(current_user, team)
    agenda = build_agenda(
        team,
        since,
        now(),
        include_private=can_run,
        done_since=standup.started_at if standup else None,
    )
    entries = queries.list_entries([standup.id])[standup.id] if standup else []
    action_form = extra.pop("action_form", None) or ActionItemForm(formdata=None)
    members = [m for m in org_queries.list_members(team.id) if m.user.active] if can_run else []
    action_form.owner_id.choices = [("", _("Kies iemand uit het team"))] + [
        (str(m.user.id), m.user.name) for m in members
    ]
    if standup is not None:
        present = {u.id for u in queries.list_attendees([standup.id])[standup.id]}
    else:
        present = {m.user.id for m in members}
    settings = queries.get_settings(team.id)
    length = settings.length_minutes
    return {
        "team": team,
        "standup": standup,
        "agenda": agenda,
        "entries": entries,
        "members": members,
        "present_ids": present,
        "can_run": can_run,
        "can_triage": _may_triage(team),
        "length": standup.timer_minutes if standup else length,
        "action_form": action_form,
        "entry_form": extra.pop("entry_form", None) or EntryForm(formdata=None),
        "finish_form": extra.pop("finish_form", None) or FinishForm(formdata=None),
        "settings_form": extra.pop("settings_form", None)
        or SettingsForm(
            formdata=None,
            length_minutes=str(length),
            weekday="" if settings.weekday is None else str(settings.weekday),
            start_time=settings.start_time or "",
        ),
        "decline_forms": extra.pop("decline_forms", {}),
        "merge_forms": extra.pop("merge_forms", {}),
        "announcement": extra.pop("announcement", ""),
        "oob": extra.pop("oob", False),
        "partial": is_partial(),
        "first_board": agenda.boards[:1],
        "card_url": url_for("cards.show", card_id=0)[:-1],
        **extra,
    }


def _back(team: Team, anchor: str = ""):
    return redirect_303(url_for("standups.show", team_id=team.id) + anchor)


@bp.get("/teams/<int:team_id>/standup")
@login_required
def show(team_id: int):
    """The team's stand-up: the agenda since the previous one, and what is agreed now."""
    team = team_or_404(team_id)
    return render(PAGE, **page_context(team))


@bp.get("/teams/<int:team_id>/standup/presenteren")
@login_required
def present(team_id: int):
    """Presenter mode for the team screen: one agenda section at a time, with a timer."""
    team = team_or_404(team_id)
    following = request.args.get("volgen") == "1"
    return render("standups/present.html", **page_context(team, following=following))


@bp.get("/teams/<int:team_id>/standup/onderdeel")
@login_required
def section(team_id: int):
    """Which agenda section presenter mode shows now (JSON), for those who follow along."""
    team = team_or_404(team_id)
    standup = queries.get_open_standup(team.id)
    response = jsonify(
        {"bezig": standup is not None, "onderdeel": standup.section if standup else 0}
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/teams/<int:team_id>/standup/onderdeel")
@login_required
def set_section(team_id: int):
    """Presenter mode tells which section it shows (204; 409 when no stand-up is under way)."""
    team = runnable_team(team_id)
    standup = queries.get_open_standup(team.id)
    raw = request.form.get("onderdeel", "")
    if standup is None:
        return make_response("", 409)
    try:
        services.set_section(standup, int(raw) if raw.isdigit() else -1)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        return make_response(error.message, error.status)
    return make_response("", 204)


@bp.get("/teams/<int:team_id>/standups")
@login_required
def history(team_id: int):
    """Every earlier stand-up of the team with its notes, decisions and action items."""
    team = team_or_404(team_id)
    search = request.args.get("zoek", "")[:100]
    page = max(1, min(request.args.get("pagina", 1, type=int) or 1, 1000))
    size = queries.HISTORY_PAGE
    found = queries.list_history(team.id, search, limit=size + 1, offset=(page - 1) * size)
    items = found[:size]
    # Outsiders read the agendas without the team's private boards.
    hidden = None
    if not permissions.can_run(current_user, team):
        hidden = snapshot.private_board_ids(team.id)
    agendas = {
        h.standup.id: snapshot.view_of(snapshot.for_reader(h.standup.agenda_snapshot, hidden))
        for h in items
    }
    return render(
        "standups/history.html",
        "history_results",
        team=team,
        items=items,
        agendas=agendas,
        card_url=url_for("cards.show", card_id=0)[:-1],
        idea_url=url_for("ideas.detail", idea_id=0)[:-1],
        has_older=len(found) > size,
        page=page,
        search=search,
        today=queries.local_today(),
    )


@bp.get("/teams/<int:team_id>/standups/<int:standup_id>")
@login_required
def record(team_id: int, standup_id: int):
    """One stand-up as its minutes: who was there, notes, decisions, actions and the agenda."""
    team = team_or_404(team_id)
    item = queries.get_history_item(standup_id)
    if item is None or item.standup.team_id != team.id:
        abort(404)
    hidden = (
        None if permissions.can_run(current_user, team) else snapshot.private_board_ids(team.id)
    )
    return render(
        "standups/record.html",
        team=team,
        h=item,
        agendas={
            standup_id: snapshot.view_of(snapshot.for_reader(item.standup.agenda_snapshot, hidden))
        },
        card_url=url_for("cards.show", card_id=0)[:-1],
        idea_url=url_for("ideas.detail", idea_id=0)[:-1],
        today=queries.local_today(),
    )


@bp.post("/teams/<int:team_id>/standup/starten")
@login_required
def start(team_id: int):
    """Start the stand-up (or resume the one that is still open)."""
    team = runnable_team(team_id)
    try:
        services.start_standup(team, current_user, _present_ids())
        db.session.commit()
    except services.StandupError as error:
        db.session.rollback()
        flash(error.message, "error")
        return _back(team)
    flash(_("De stand-up is begonnen."), "success")
    return _back(team)


@bp.post("/teams/<int:team_id>/standup/afronden")
@login_required
def finish(team_id: int):
    """Finish the open stand-up; the next agenda starts from here."""
    team = runnable_team(team_id)
    form = FinishForm()
    standup = queries.get_open_standup(team.id)
    if standup is None:
        flash(_("Er is geen stand-up bezig; misschien heeft iemand anders hem net afgerond."))
        return _back(team)
    try:
        services.end_standup(standup, current_user, form.notes.data, _present_ids())
        db.session.commit()
    except services.AlreadyFinished as error:
        db.session.rollback()
        flash(error.message)
        return _back(team)
    except services.StandupError as error:
        db.session.rollback()
        attach_error(form, error)
        return render(PAGE, status=422, **page_context(team, finish_form=form))
    flash(_("De stand-up is afgerond en bewaard."), "success")
    return redirect_303(url_for("standups.history", team_id=team.id))


@bp.post("/teams/<int:team_id>/standup/notities")
@login_required
def add_entry(team_id: int):
    """Write down a note or a decision during the stand-up."""
    team = runnable_team(team_id)
    form = EntryForm()
    standup = queries.get_open_standup(team.id)
    try:
        if standup is None:
            raise services.StandupError(_("Start eerst de stand-up."), "text")
        services.add_entry(standup, form.kind.data or "", form.text.data, current_user)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        attach_error(form, services.StandupError(error.message, error.field or "text"))
        return render(PAGE, "capture", status=422, **page_context(team, entry_form=form))
    if is_partial():
        done = _("Het besluit is vastgelegd.") if form.kind.data == "decision" else None
        return render(
            PAGE,
            "capture",
            **page_context(team, announcement=done or _("De notitie is vastgelegd.")),
        )
    return _back(team, "#standup-capture")


@bp.post("/teams/<int:team_id>/standup/instellingen")
@login_required
def save_settings(team_id: int):
    """The team's stand-up length (1 to 60 minutes) and its usual day and time."""
    team = runnable_team(team_id)
    form = SettingsForm()
    try:
        minutes = services.set_length(team, form.length_minutes.data, current_user)
        services.set_schedule(team, form.weekday.data, form.start_time.data, current_user)
        db.session.commit()
    except services.StandupError as error:
        db.session.rollback()
        attach_error(form, error)
        return render(PAGE, status=422, **page_context(team, settings_form=form))
    flash(
        ngettext(
            "De instellingen zijn opgeslagen; de stand-up duurt %(num)d minuut.",
            "De instellingen zijn opgeslagen; de stand-up duurt %(num)d minuten.",
            minutes,
        ),
        "success",
    )
    return _back(team)


# The writes on action items and ideas, and the chain stand-up, live beside this module, on
# the same blueprint.
from board.standups import actions, chain_routes, triage  # noqa: E402,F401
