"""Action items during the stand-up: record one, tick it off in place, turn it into a card.

On the stand-ups blueprint (imported by board.standups.routes), so the endpoints are
standups.add_action_item, standups.toggle_action_item and standups.action_item_card.
"""

from __future__ import annotations

from flask import flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from board.errors import DomainError
from board.extensions import db
from board.org.models import Team
from board.standups import queries, services
from board.standups.forms import ActionItemForm
from board.standups.models import ActionItem
from board.standups.routes import (
    PAGE,
    _back,
    action_item_or_404,
    bp,
    page_context,
    runnable_team,
)
from board.web.forms import attach_error
from board.web.htmx import is_partial, redirect_303, render

# Where a tick-off from outside the stand-up goes back to (?terug=): never a free address.
BACK_PAGES = {"meldingen": "notifications.index", "mijn-kaarten": "board_views.my_cards"}


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
    row = queries.action_item_rows([fresh], queries.local_today())[0]
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
    if request.form.get("terug") in BACK_PAGES:
        # Ticked off from the person's own lists (Meldingen, Mijn kaarten): back there.
        flash(message, "success")
        return redirect_303(url_for(BACK_PAGES[request.form["terug"]]))
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
