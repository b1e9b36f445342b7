"""Chains and teams: the overview for everyone, team pages, and the administrator's pages."""

from __future__ import annotations

from flask import Blueprint, abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from board.accounts import queries as account_queries
from board.accounts.forms import ConfirmForm
from board.boards import permissions as board_permissions
from board.boards import queries as board_queries
from board.extensions import db
from board.org import queries, services
from board.org.forms import ChainForm, MemberForm, TeamForm
from board.org.permissions import can_manage_team
from board.standups import queries as standup_queries
from board.web.auth import admin_required
from board.web.forms import attach_error
from board.web.htmx import redirect_303, render

bp = Blueprint("org", __name__)


def _team_or_404(team_id: int):
    team = queries.get_team(team_id)
    if team is None:
        abort(404)
    return team


def _team_page(team, member_form=None, status=200):
    can_manage = can_manage_team(current_user, team)
    member_form = member_form or MemberForm()
    return render(
        "org/team.html",
        "members",
        status=status,
        team=team,
        members=queries.list_members(team.id),
        can_manage=can_manage,
        boards=board_queries.list_boards(current_user, team_id=team.id),
        can_make_board=board_permissions.can_create_for(current_user, team.id),
        next_standup=standup_queries.next_standup(team.id),
        member_form=member_form,
        confirm=ConfirmForm(),
    )


@bp.get("/teams")
@login_required
def teams():
    """Every chain with its teams."""
    return render("org/teams.html", overview=queries.list_chain_overview())


@bp.get("/teams/<int:team_id>")
@login_required
def team(team_id: int):
    """A team: its chain and its members."""
    return _team_page(_team_or_404(team_id))


@bp.post("/teams/<int:team_id>/leden")
@login_required
def add_member(team_id: int):
    """Add a person to the team or change their role (team lead, manager, administrator)."""
    team = _team_or_404(team_id)
    if not can_manage_team(current_user, team):
        abort(403)
    form = MemberForm()
    try:
        services.set_membership(
            user=services.find_person(form.person.data or ""),
            team=team,
            role=form.role.data or "",
            actor=current_user,
        )
        db.session.commit()
        flash(_("Het team is bijgewerkt."), "success")
        return redirect_303(url_for("org.team", team_id=team_id))
    except services.OrgError as error:
        db.session.rollback()
        attach_error(form, error)
        return _team_page(_team_or_404(team_id), member_form=form, status=422)


@bp.get("/teams/<int:team_id>/kandidaten")
@login_required
def member_candidates(team_id: int):
    """Suggestions while typing a person's name or e-mail address on the team page."""
    team = _team_or_404(team_id)
    if not can_manage_team(current_user, team):
        abort(403)
    search = request.args.get("person", "").strip()[:100]
    people = account_queries.list_users(search, 1, include_inactive=False)[0] if search else []
    return render("org/_member_candidates.html", people=people[:10])


@bp.post("/lidmaatschappen/<int:membership_id>/verwijderen")
@login_required
def remove_member(membership_id: int):
    """Take a person out of a team."""
    membership = queries.get_membership(membership_id)
    if membership is None:
        abort(404)
    if not can_manage_team(current_user, membership.team):
        abort(403)
    back = request.form.get("terug") == "persoon" and current_user.is_admin
    user_id, team_id = membership.user_id, membership.team_id
    services.remove_membership(membership, actor=current_user)
    db.session.commit()
    flash(_("Het lidmaatschap is beëindigd."), "success")
    if back:
        return redirect_303(url_for("people_admin.edit", user_id=user_id))
    return redirect_303(url_for("org.team", team_id=team_id))


@bp.get("/beheer")
@admin_required
def admin_home():
    """The administrator's start page."""
    return render(
        "org/admin/index.html",
        chains=queries.list_chains(),
        teams=queries.list_teams(),
        people=account_queries.count_users(),
    )


@bp.route("/beheer/ketens", methods=["GET", "POST"])
@admin_required
def chains():
    """All chains, and a form to add one."""
    form = ChainForm()
    status = 200
    if request.method == "POST":
        try:
            chain = services.create_chain(
                name=form.name.data or "",
                description=form.description.data or "",
                actor=current_user,
            )
            db.session.commit()
            flash(_("Keten %(name)s is toegevoegd.", name=chain.name), "success")
            return redirect_303(url_for("org.chains"))
        except services.OrgError as error:
            db.session.rollback()
            attach_error(form, error)
            status = 422
    return render("org/admin/chains.html", status=status, form=form, chains=queries.list_chains())


@bp.route("/beheer/ketens/<int:chain_id>", methods=["GET", "POST"])
@admin_required
def edit_chain(chain_id: int):
    """Rename, describe or (de)activate a chain."""
    chain = queries.get_chain(chain_id)
    if chain is None:
        abort(404)
    form = ChainForm(obj=chain)
    if request.method == "POST":
        try:
            services.update_chain(
                chain,
                name=form.name.data or "",
                description=form.description.data or "",
                active=bool(form.active.data),
                actor=current_user,
            )
            db.session.commit()
            flash(_("De keten is opgeslagen."), "success")
            return redirect_303(url_for("org.chains"))
        except services.OrgError as error:
            db.session.rollback()
            attach_error(form, error)
            return render(
                "org/admin/chain.html", status=422, form=form, chain=queries.get_chain(chain_id)
            )
    return render("org/admin/chain.html", form=form, chain=chain)


def _chain_choices():
    return [(c.id, c.name) for c in queries.list_chains(include_inactive=False)]


@bp.route("/beheer/teams", methods=["GET", "POST"])
@admin_required
def admin_teams():
    """All teams, and a form to add one."""
    form = TeamForm()
    form.chain_id.choices = _chain_choices()
    status = 200
    if request.method == "POST":
        try:
            team = services.create_team(
                chain_id=form.chain_id.data,
                name=form.name.data or "",
                description=form.description.data or "",
                actor=current_user,
            )
            db.session.commit()
            flash(_("Team %(name)s is toegevoegd.", name=team.name), "success")
            return redirect_303(url_for("org.admin_teams"))
        except services.OrgError as error:
            db.session.rollback()
            attach_error(form, error)
            status = 422
    return render("org/admin/teams.html", status=status, form=form, teams=queries.list_teams())


@bp.route("/beheer/teams/<int:team_id>", methods=["GET", "POST"])
@admin_required
def edit_team(team_id: int):
    """Rename, move or (de)activate a team."""
    team = _team_or_404(team_id)
    form = TeamForm(obj=team)
    form.chain_id.choices = _chain_choices()
    if request.method == "POST":
        try:
            services.update_team(
                team,
                chain_id=form.chain_id.data,
                name=form.name.data or "",
                description=form.description.data or "",
                active=bool(form.active.data),
                actor=current_user,
            )
            db.session.commit()
            flash(_("Het team is opgeslagen."), "success")
            return redirect_303(url_for("org.admin_teams"))
        except services.OrgError as error:
            db.session.rollback()
            attach_error(form, error)
            return render("org/admin/team.html", status=422, form=form, team=_team_or_404(team_id))
    return render("org/admin/team.html", form=form, team=team)
