"""The weekly stand-up of a team: the agenda page, presenter mode, the archive, and the writes
made during a stand-up (start, finish, notes, action items, idea triage, the length)."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, abort, flash, g, jsonify, make_response, request, url_for
from flask_babel import format_date, get_timezone
from flask_babel import gettext as _
from flask_login import current_user, login_required

from board.clock import now
from board.errors import DomainError
from board.extensions import db
from board.ideas import permissions as idea_permissions
from board.ideas import queries as idea_queries
from board.org import queries as org_queries
from board.org.models import Team
from board.standups import permissions, queries, services
from board.standups.forms import (
    ActionItemForm,
    DeclineForm,
    EntryForm,
    FinishForm,
    LengthForm,
    MergeForm,
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
    agenda = queries.build_agenda(
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
    length = queries.get_length(team.id)
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
        "length_form": extra.pop("length_form", None)
        or LengthForm(formdata=None, length_minutes=str(length)),
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
    return render(
        "standups/history.html",
        "history_results",
        team=team,
        items=found[:size],
        has_older=len(found) > size,
        page=page,
        search=search,
        today=now().date(),
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


@bp.post("/teams/<int:team_id>/actiepunten")
@login_required
def add_action_item(team_id: int):
    """Record an action item: what, who and by when."""
    team = runnable_team(team_id)
    form = ActionItemForm()
    try:
        services.add_action_item(
            team,
            form.text.data,
            form.owner_id.data,
            form.due_date.data,
            current_user,
            queries.get_open_standup(team.id),
        )
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        for field_name, message in getattr(error, "problems", [(error.field, error.message)]):
            attach_error(form, services.StandupError(message, field_name))
        return render(PAGE, "action_items", status=422, **page_context(team, action_form=form))
    if is_partial():
        return render(
            PAGE,
            "action_items",
            **page_context(team, announcement=_("Het actiepunt is toegevoegd.")),
        )
    flash(_("Het actiepunt is toegevoegd."), "success")
    return _back(team, "#standup-actions")


def _item_fragment(item: ActionItem, team: Team, message: str):
    fresh = queries.get_action_item(item.id)
    assert fresh is not None
    row = queries.action_item_rows([fresh], now().date())[0]
    return render(
        "standups/_action_item.html",
        row=row,
        team=team,
        can_run=True,
        announcement=message,
        partial=True,
        first_board=queries.list_team_boards(team.id)[:1],
    )


@bp.post("/actiepunten/<int:action_id>/afvinken")
@login_required
def toggle_action_item(action_id: int):
    """Tick an action item off (done=1) or open it again."""
    item, team = action_item_or_404(action_id)
    done = request.form.get("done") == "1"
    services.set_action_item_done(item, done, current_user)
    db.session.commit()
    message = (
        _("Afgevinkt: %(text)s", text=item.text)
        if done
        else _("Weer open: %(text)s", text=item.text)
    )
    if is_partial():
        return _item_fragment(item, team, message)
    flash(message, "success")
    return _back(team, "#standup-actions")


@bp.post("/actiepunten/<int:action_id>/kaart")
@login_required
def action_item_card(action_id: int):
    """Turn an action item into a card on the team's first board."""
    item, team = action_item_or_404(action_id)
    try:
        card = services.action_item_to_card(item, current_user)
        db.session.commit()
    except services.StandupError as error:
        db.session.rollback()
        if is_partial():
            return _item_fragment(item, team, error.message)
        flash(error.message, "error")
        return _back(team, "#standup-actions")
    message = _("Het actiepunt staat nu als kaart op het bord: %(title)s", title=card.title)
    if is_partial():
        return _item_fragment(item, team, message)
    flash(message, "success")
    return _back(team, "#standup-actions")


def _team_idea(team: Team, idea_id: int):
    idea = idea_queries.get_idea(idea_id)
    if idea is None or idea.team_id != team.id:
        abort(404)
    if not idea_permissions.can_triage(current_user, idea):
        abort(403)
    return idea


def _ideas_answer(team: Team, message: str, status: int = 200, **forms):
    if is_partial():
        return render(
            PAGE,
            "ideas",
            "board_walk",
            status=status,
            **page_context(team, announcement=message, oob=True, **forms),
        )
    if status == 422:
        return render(PAGE, status=422, **page_context(team, **forms))
    flash(message, "success" if status < 400 else "error")
    return _back(team, "#standup-ideas")


@bp.post("/teams/<int:team_id>/standup/ideeen/<int:idea_id>/accepteren")
@login_required
def accept_idea(team_id: int, idea_id: int):
    """Take a new idea onto the team's board (as a card) and plan it."""
    team = runnable_team(team_id)
    idea = _team_idea(team, idea_id)
    try:
        services.accept_idea(team, idea, current_user)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        return _ideas_answer(team, error.message, 409 if error.status == 409 else 422)
    return _ideas_answer(team, _("‘%(title)s’ staat nu op het bord.", title=idea.title))


@bp.post("/teams/<int:team_id>/standup/ideeen/<int:idea_id>/afwijzen")
@login_required
def decline_idea(team_id: int, idea_id: int):
    """Decline a new idea with a reason."""
    team = runnable_team(team_id)
    idea = _team_idea(team, idea_id)
    form = DeclineForm(prefix=f"idee-{idea.id}")
    try:
        services.decline_idea(team, idea, current_user, form.reason.data)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        if error.status == 409:
            return _ideas_answer(team, error.message, 409)
        attach_error(form, services.StandupError(error.message, "reason"))
        return _ideas_answer(team, error.message, 422, decline_forms={idea.id: form})
    return _ideas_answer(team, _("‘%(title)s’ is afgewezen.", title=idea.title))


@bp.post("/teams/<int:team_id>/standup/ideeen/<int:idea_id>/samenvoegen")
@login_required
def merge_idea(team_id: int, idea_id: int):
    """Merge a new idea into another one it duplicates."""
    team = runnable_team(team_id)
    idea = _team_idea(team, idea_id)
    form = MergeForm(prefix=f"idee-{idea.id}")
    raw = (form.target_id.data or "").strip().lstrip("#")
    try:
        target = services.merge_idea(team, idea, int(raw) if raw.isdigit() else None, current_user)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        if error.status == 409:
            return _ideas_answer(team, error.message, 409)
        attach_error(form, services.StandupError(error.message, "target_id"))
        return _ideas_answer(team, error.message, 422, merge_forms={idea.id: form})
    return _ideas_answer(
        team, _("‘%(title)s’ is samengevoegd met idee %(n)d.", title=idea.title, n=target.id)
    )


@bp.post("/teams/<int:team_id>/standup/lengte")
@login_required
def set_length(team_id: int):
    """Set how many minutes the team's stand-up lasts (1 to 60)."""
    team = runnable_team(team_id)
    form = LengthForm()
    try:
        minutes = services.set_length(team, form.length_minutes.data, current_user)
        db.session.commit()
    except services.StandupError as error:
        db.session.rollback()
        attach_error(form, error)
        return render(PAGE, status=422, **page_context(team, length_form=form))
    flash(_("De stand-up duurt voortaan %(n)d minuten.", n=minutes), "success")
    return _back(team)
