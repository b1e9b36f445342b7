"""Administrator pages for people: list, add, edit, (de)activate, reset link, memberships."""

from __future__ import annotations

from flask import Blueprint, abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from board.accounts import queries, services
from board.accounts.forms import ConfirmForm, NewUserForm, UserForm
from board.extensions import db
from board.org import queries as org_queries
from board.org import services as org_services
from board.org.forms import MembershipForm
from board.web.auth import admin_required
from board.web.forms import attach_error
from board.web.htmx import redirect_303, render

bp = Blueprint("people_admin", __name__, url_prefix="/beheer/mensen")


def _person_or_404(user_id: int):
    person = queries.get_user(user_id)
    if person is None:
        abort(404)
    return person


def _person_page(person, form=None, membership_form=None, status=200, reset_url=None):
    membership_form = membership_form or MembershipForm()
    membership_form.team_id.choices = [
        (t.id, f"{t.name} ({t.chain.name})") for t in org_queries.list_teams(False)
    ]
    return render(
        "accounts/admin/person.html",
        status=status,
        person=person,
        form=form or UserForm(obj=person),
        membership_form=membership_form,
        memberships=org_queries.list_memberships_of(person.id),
        confirm=ConfirmForm(),
        open_sessions=queries.count_active_sessions(person.id),
        reset_url=reset_url,
    )


@bp.get("")
@admin_required
def index():
    """Everyone, searchable by name or e-mail."""
    search = request.args.get("zoek", "")[:100]
    page = max(request.args.get("pagina", 1, type=int) or 1, 1)
    people, has_next = queries.list_users(search, page)
    return render(
        "accounts/admin/people.html",
        "people_table",
        people=people,
        search=search,
        page=page,
        has_next=has_next,
    )


@bp.route("/nieuw", methods=["GET", "POST"])
@admin_required
def create():
    """Add a person."""
    form = NewUserForm()
    if request.method == "POST":
        try:
            person = services.create_user(
                email=form.email.data or "",
                name=form.name.data or "",
                role=form.role.data or "",
                language=form.language.data or "nl",
                password=form.password.data or None,
                actor=current_user,
            )
            db.session.commit()
            flash(_("%(name)s is toegevoegd.", name=person.name), "success")
            return redirect_303(url_for("people_admin.edit", user_id=person.id))
        except services.AccountError as error:
            db.session.rollback()
            attach_error(form, error)
            return render("accounts/admin/new_person.html", status=422, form=form)
    return render("accounts/admin/new_person.html", form=form)


@bp.route("/<int:user_id>", methods=["GET", "POST"])
@admin_required
def edit(user_id: int):
    """A person's details, teams and sessions."""
    person = _person_or_404(user_id)
    if request.method == "GET":
        return _person_page(person)
    form = UserForm()
    try:
        services.update_user(
            person,
            email=form.email.data or "",
            name=form.name.data or "",
            role=form.role.data or "",
            language=form.language.data or "",
            actor=current_user,
        )
        db.session.commit()
        flash(_("De gegevens van %(name)s zijn opgeslagen.", name=person.name), "success")
        return redirect_303(url_for("people_admin.edit", user_id=person.id))
    except services.AccountError as error:
        db.session.rollback()
        attach_error(form, error)
        return _person_page(_person_or_404(user_id), form=form, status=422)


@bp.post("/<int:user_id>/uitschakelen")
@admin_required
def deactivate(user_id: int):
    """Switch a person off; their sessions end at once."""
    person = _person_or_404(user_id)
    try:
        services.deactivate_user(person, actor=current_user)
        db.session.commit()
        flash(_("%(name)s is uitgeschakeld en overal uitgelogd.", name=person.name), "success")
    except services.AccountError as error:
        db.session.rollback()
        flash(error.message, "error")
    return redirect_303(url_for("people_admin.edit", user_id=user_id))


@bp.post("/<int:user_id>/inschakelen")
@admin_required
def reactivate(user_id: int):
    """Switch a person on again."""
    person = _person_or_404(user_id)
    services.reactivate_user(person, actor=current_user)
    db.session.commit()
    flash(_("%(name)s is weer ingeschakeld.", name=person.name), "success")
    return redirect_303(url_for("people_admin.edit", user_id=user_id))


@bp.post("/<int:user_id>/herstellink")
@admin_required
def reset_link(user_id: int):
    """Make a one-time link to set a new password; shown once, never stored readable."""
    person = _person_or_404(user_id)
    try:
        token = services.create_reset_link(person, actor=current_user)
        db.session.commit()
    except services.AccountError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect_303(url_for("people_admin.edit", user_id=user_id))
    url = url_for("accounts.reset_password", token=token, _external=True)
    return _person_page(person, reset_url=url)


@bp.post("/<int:user_id>/lidmaatschappen")
@admin_required
def add_membership(user_id: int):
    """Put a person in a team, or change their role there."""
    person = _person_or_404(user_id)
    form = MembershipForm()
    team = org_queries.get_team(form.team_id.data) if form.team_id.data else None
    try:
        org_services.set_membership(
            user=person, team=team, role=form.role.data or "", actor=current_user
        )
        db.session.commit()
        flash(_("Het lidmaatschap is opgeslagen."), "success")
        return redirect_303(url_for("people_admin.edit", user_id=user_id))
    except org_services.OrgError as error:
        db.session.rollback()
        attach_error(form, error)
        return _person_page(_person_or_404(user_id), membership_form=form, status=422)
