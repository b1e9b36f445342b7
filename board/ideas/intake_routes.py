"""Public intake: managing intake links (team leads, managers) and the public form behind a link
(no account; rate limited; honeypot and a signed form stamp against spam, no third parties)."""

from __future__ import annotations

import secrets

from flask import Blueprint, abort, current_app, flash, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from board.accounts.forms import ConfirmForm
from board.errors import NotFound
from board.extensions import db, limiter
from board.ideas import intake_queries, intake_services, services
from board.ideas.forms import optional_int
from board.ideas.intake_forms import IntakeLinkForm, PublicIdeaForm
from board.ideas.intake_permissions import can_create_link, can_manage_link, can_moderate
from board.ideas.models import IntakeLink
from board.org import queries as org_queries
from board.web.forms import attach_error
from board.web.htmx import redirect_303, render

bp = Blueprint("intake", __name__)

THANKS_KEY = "intake_thanks"


# --- Managing links ----------------------------------------------------------------------------


def _lead_team_ids() -> set[int]:
    return set() if current_user.is_manager else org_queries.lead_team_ids(current_user.id)


def _require_moderator() -> set[int]:
    """The teams the person leads; 403 for people who neither lead a team nor manage."""
    team_ids = _lead_team_ids()
    if not can_moderate(current_user, (team_ids, set())):
        abort(403)
    return team_ids


def _target_choices(team_ids: set[int]) -> list[tuple[str, str]]:
    chains, teams = org_queries.list_active_chains_and_teams()
    if not current_user.is_manager:
        teams = [t for t in teams if t.id in team_ids]
    choices = [("", _("Kies een team of keten"))]
    choices += [
        (f"team-{t.id}", _("Team %(team)s (%(chain)s)", team=t.name, chain=t.chain.name))
        for t in sorted(teams, key=lambda t: t.name.lower())
    ]
    if current_user.is_manager:
        choices += [(f"chain-{c.id}", _("Keten %(chain)s", chain=c.name)) for c in chains]
    return choices


def _parse_target(value: str | None) -> tuple[int | None, int | None]:
    kind, _sep, number = (value or "").partition("-")
    ident = optional_int(number)
    if kind == "team" and ident is not None:
        return ident, None
    if kind == "chain" and ident is not None:
        return None, ident
    return None, None


def _links_page(form: IntakeLinkForm, team_ids: set[int], status: int = 200):
    only_team = request.args.get("team", type=int)
    form.target.choices = _target_choices(team_ids)
    if request.method == "GET" and only_team and not form.target.data:
        form.target.data = f"team-{only_team}"
    rows = intake_queries.list_links(
        all_links=current_user.is_manager, team_ids=team_ids, only_team_id=only_team
    )
    team = org_queries.get_team(only_team) if only_team else None
    return render("ideas/intake/links.html", status=status, form=form, rows=rows, team=team)


@bp.get("/ideeen/inbrenglinks")
@login_required
def links():
    """The intake links a person manages, with how many ideas came in and wait; a new one."""
    return _links_page(IntakeLinkForm(), _require_moderator())


@bp.post("/ideeen/inbrenglinks")
@login_required
def create_link():
    """Make an intake link for a team (leads, managers) or a chain (managers)."""
    team_ids = _require_moderator()
    form = IntakeLinkForm()
    team_id, chain_id = _parse_target(form.target.data)
    exists = (team_id is not None and org_queries.get_team(team_id) is not None) or (
        chain_id is not None and org_queries.get_chain(chain_id) is not None
    )
    if exists and not can_create_link(current_user, team_id=team_id, chain_id=chain_id):
        abort(403)
    try:
        link = intake_services.create_intake_link(
            label=form.label.data or "",
            source=form.source.data or "",
            team_id=team_id,
            chain_id=chain_id,
            actor=current_user,
        )
        db.session.commit()
    except intake_services.IntakeError as error:
        db.session.rollback()
        for field_name, message in getattr(error, "problems", [(error.field, error.message)]):
            attach_error(form, intake_services.IntakeError(message, field_name))
        return _links_page(form, team_ids, 422)
    flash(_("De link is gemaakt. Druk deze pagina af of deel het adres."), "success")
    return redirect_303(url_for("intake.print_link", link_id=link.id))


def _managed_link_or_404(link_id: int) -> IntakeLink:
    link = intake_queries.get_link(link_id)
    if link is None or not can_manage_link(current_user, link):
        abort(404)
    return link


def qr_svg(url: str) -> Markup:
    """The address as a QR code in inline SVG, made on the server (no styles, no scripts)."""
    import segno

    svg = segno.make(url, error="m").svg_inline(
        scale=5, svgclass="intake-qr", lineclass="intake-qr__line", omitsize=False
    )
    label = Markup.escape(_("QR-code met het adres van het formulier"))
    # segno writes only the SVG path of the code (no text of ours); the label is escaped.
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))  # noqa: S704


@bp.get("/ideeen/inbrenglinks/<int:link_id>")
@login_required
def print_link(link_id: int):
    """The printable page of a link: name, team or chain, instructions, address and QR code."""
    row = intake_queries.get_link_row(_managed_link_or_404(link_id).id)
    if row is None:  # pragma: no cover - checked just above
        abort(404)
    url = url_for("intake.form", link_token=row.link.token, _external=True)
    team_name, chain_name = intake_queries.target_names(row.link)
    return render(
        "ideas/intake/print.html",
        row=row,
        url=url,
        qr=qr_svg(url) if row.link.revoked_at is None else None,
        team_name=team_name,
        chain_name=chain_name,
    )


@bp.get("/ideeen/inbrenglinks/<int:link_id>/intrekken")
@login_required
def confirm_revoke(link_id: int):
    """Ask before a link stops working."""
    row = intake_queries.get_link_row(_managed_link_or_404(link_id).id)
    return render("ideas/intake/revoke.html", row=row, form=ConfirmForm())


@bp.post("/ideeen/inbrenglinks/<int:link_id>/intrekken")
@login_required
def revoke_link(link_id: int):
    """Revoke a link: its address stops working at once; what came in stays."""
    link = _managed_link_or_404(link_id)
    intake_services.revoke_intake_link(link, current_user)
    db.session.commit()
    flash(_("De link ‘%(label)s’ is ingetrokken en werkt niet meer.", label=link.label), "success")
    return redirect_303(url_for("intake.links"))


# --- The public form ---------------------------------------------------------------------------


def _ip_limit() -> str:
    return current_app.config.get("INTAKE_RATE_LIMIT_IP", "10 per hour")


def _link_limit() -> str:
    return current_app.config.get("INTAKE_RATE_LIMIT_LINK", "60 per hour")


def _link_key() -> str:
    return "intake-link:" + str((request.view_args or {}).get("link_token", ""))[:64]


def _active_link_or_gone(token: str) -> IntakeLink:
    link = intake_queries.get_link_by_token(token)
    if link is None or link.revoked_at is not None:
        raise NotFound(_("Deze link werkt niet meer."))
    return link


def _gone():
    response = render("ideas/intake/gone.html", status=404)
    response.headers["Cache-Control"] = "no-store"
    return response


def _form_page(link: IntakeLink, form: PublicIdeaForm, status: int = 200, alert: str = ""):
    # A fresh stamp every time the form goes out: the clock starts when the person sees it.
    form.stamp.data = intake_services.issue_stamp(link)
    if not form.submission_key.data:
        form.submission_key.data = secrets.token_urlsafe(16)
    form.website.data = ""
    team_name, chain_name = intake_queries.target_names(link)
    response = render(
        "ideas/intake/form.html",
        status=status,
        link=link,
        form=form,
        alert=alert,
        team_name=team_name,
        chain_name=chain_name,
    )
    # The page holds a CSRF token and a form stamp: never from a shared cache.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(429)
def too_many(error):
    """Too many ideas from one address or through one link: the form again, text kept."""
    link = intake_queries.get_link_by_token(str((request.view_args or {}).get("link_token", "")))
    if link is None or link.revoked_at is not None:
        return _gone()
    message = _(
        "Er zijn in korte tijd veel ideeën binnengekomen vanaf uw adres of via deze link. "
        "Wacht een uur en verstuur het dan opnieuw; uw tekst staat er nog."
    )
    return _form_page(link, PublicIdeaForm(), 429, message)


@bp.get("/inbreng/<link_token>")
def form(link_token: str):
    """The public form behind an intake link: no sign-in needed."""
    try:
        link = _active_link_or_gone(link_token)
    except NotFound:
        return _gone()
    return _form_page(link, PublicIdeaForm())


@bp.post("/inbreng/<link_token>")
@limiter.limit(_ip_limit, methods=["POST"], scope="intake-ip")
@limiter.limit(_link_limit, methods=["POST"], key_func=_link_key, scope="intake-link")
def submit(link_token: str):
    """Hand in an idea through the link; it waits for moderation before anyone sees it."""
    form = PublicIdeaForm()
    try:
        link = _active_link_or_gone(link_token)
    except NotFound:
        return _gone()
    try:
        if (form.website.data or "").strip():
            raise intake_services.SpamRefused(
                _(
                    "Uw idee kon niet worden verstuurd, omdat het verborgen controleveld is "
                    "ingevuld. Laat dat veld leeg en verstuur het opnieuw."
                )
            )
        intake_services.check_stamp(form.stamp.data or "", link)
        intake_services.submit_through_link(
            link,
            intake_services.PublicIdeaInput(
                title=form.title.data or "",
                body=form.body.data or "",
                perspectives=form.perspectives.data or [],
                contact_email=form.contact_email.data or "",
                submission_key=form.submission_key.data or None,
            ),
        )
        db.session.commit()
    except NotFound:
        db.session.rollback()
        return _gone()
    except intake_services.SpamRefused as error:
        db.session.rollback()
        return _form_page(link, form, error.status, error.message)
    except services.IdeaError as error:
        db.session.rollback()
        for field_name, message in getattr(error, "problems", [(error.field, error.message)]):
            attach_error(form, services.IdeaError(message, field_name))
        return _form_page(link, form, 422)
    session[THANKS_KEY] = " ".join((form.title.data or "").split())[:120]
    return redirect_303(url_for("intake.thanks", link_token=link_token))


@bp.get("/inbreng/<link_token>/bedankt")
def thanks(link_token: str):
    """Thank you: what happens next. Only the visitor's own title, once."""
    link = intake_queries.get_link_by_token(link_token)
    if link is None:
        return _gone()
    response = render(
        "ideas/intake/thanks.html",
        link=link,
        title=session.pop(THANKS_KEY, ""),
        active=link.revoked_at is None,
    )
    response.headers["Cache-Control"] = "no-store"
    return response
