"""The inbox, submitting an idea, an idea's page and "Mijn ideeën"."""

from __future__ import annotations

import secrets

from flask import Blueprint, Response, abort, flash, request, stream_with_context, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from board.errors import NotFound
from board.extensions import db
from board.ideas import permissions, queries, services
from board.ideas.forms import (
    BulkTriageForm,
    CommentForm,
    HideCommentForm,
    IdeaForm,
    MergeForm,
    StatusForm,
    TriageForm,
    optional_int,
)
from board.ideas.models import PERSPECTIVES, SOURCES, STATUSES
from board.ideas.queries import SORTS, InboxFilter
from board.org import queries as org_queries
from board.web.export import csv_chunks, xlsx_bytes
from board.web.forms import attach_error
from board.web.htmx import is_partial, redirect_303, render

bp = Blueprint("ideas", __name__)


def team_choices(empty_label: str):
    return [("", empty_label)] + [
        (str(t.id), f"{t.name} ({t.chain.name})") for t in org_queries.list_teams(False)
    ]


def parse_inbox_filter() -> InboxFilter:
    """The inbox filter from the query string; unknown values are ignored, not fatal."""
    a = request.args
    pick = lambda value, allowed: value if value in allowed else ""  # noqa: E731
    chain = optional_int(a.get("keten"))
    team = optional_int(a.get("team"))
    upload = optional_int(a.get("import"))
    return InboxFilter(
        status=pick(a.get("status", ""), STATUSES),
        perspective=pick(a.get("perspectief", ""), PERSPECTIVES),
        chain_id=chain if chain and chain > 0 else None,
        team_id=team if team and team > 0 else None,
        source=pick(a.get("bron", ""), SOURCES),
        tag=a.get("tag", "").strip().lower()[:40],
        q=a.get("zoek", "").strip()[:200],
        sort=a.get("sorteer", "") if a.get("sorteer") in SORTS else "stemmen",
        page=max(a.get("pagina", 1, type=int) or 1, 1),
        import_id=upload if upload and upload > 0 else None,
    )


def _inbox_page(status: int = 200, bulk: BulkTriageForm | None = None):
    f = parse_inbox_filter()
    page = queries.list_inbox(f, current_user, with_counts=not is_partial())
    chains, teams = org_queries.list_active_chains_and_teams()
    teams = sorted(teams, key=lambda t: t.name.lower())
    if current_user.is_manager:
        triageable = {i.id for i in page.ideas}
        can_import = True
    else:
        scope = permissions.lead_scope(current_user)
        triageable = {i.id for i in page.ideas if permissions.can_triage(current_user, i, scope)}
        can_import = bool(scope[0])  # the same rule as permissions.can_import, no extra query
    bulk = bulk or BulkTriageForm()
    bulk.team_id.choices = [("", _("Team niet wijzigen"))] + [
        (str(t.id), f"{t.name} ({t.chain.name})") for t in teams
    ]
    return render(
        "ideas/inbox.html",
        "inbox_results",
        status=status,
        f=f,
        page=page,
        chains=chains,
        teams=teams,
        triageable=triageable,
        bulk=bulk,
        can_import=can_import,
    )


@bp.get("/ideeen")
@login_required
def inbox():
    """The idea inbox: filter, search, sort; the URL holds the view."""
    return _inbox_page()


EXPORT_FORMATS = ("csv", "xlsx")


@bp.get("/ideeen/export")
@login_required
def export():
    """The filtered inbox, every page of it, as CSV or Excel (no names: the export travels)."""
    fmt = request.args.get("formaat", "csv")
    if fmt not in EXPORT_FORMATS:
        abort(400)
    f = parse_inbox_filter()
    header = [
        _("Nummer"),
        _("Titel"),
        _("Toelichting"),
        _("Perspectieven"),
        _("Bron"),
        _("Status"),
        _("Keten"),
        _("Team"),
        _("Stemmen"),
        _("Reacties"),
        _("Impact"),
        _("Inspanning"),
        _("Tags"),
        _("Ingediend (UTC)"),
        _("Laatste activiteit (UTC)"),
        _("Adres"),
    ]

    def rows():
        for idea, tags in queries.iter_inbox_for_export(f):
            yield [
                idea.id,
                idea.title,
                idea.body,
                ", ".join(idea.perspectives),
                idea.source,
                idea.status,
                idea.chain.name if idea.chain else "",
                idea.team.name if idea.team else "",
                idea.vote_count,
                idea.comment_count,
                idea.impact or "",
                idea.effort or "",
                ", ".join(tags),
                idea.created_at.strftime("%Y-%m-%d %H:%M"),
                idea.last_activity_at.strftime("%Y-%m-%d %H:%M"),
                url_for("ideas.detail", idea_id=idea.id, _external=True),
            ]

    if fmt == "xlsx":
        response = Response(
            xlsx_bytes(_("Ideeën"), header, rows()),
            mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = Response(stream_with_context(csv_chunks(header, rows())), mimetype="text/csv")
    response.headers["Content-Disposition"] = f"attachment; filename=ideeen.{fmt}"
    return response


@bp.post("/ideeen/selectie")
@login_required
def bulk_triage():
    """Triage the ideas ticked in the inbox at once (team leads and managers): all or none."""
    scope = None if current_user.is_manager else permissions.lead_scope(current_user)
    if scope is not None and not scope[0]:
        abort(403)
    form = BulkTriageForm()
    ids = [optional_int(v) or 0 for v in request.form.getlist("idea_ids")]
    changes: dict[str, object] = {}
    if form.status.data:
        changes.update(status=form.status.data, reason=form.reason.data or "")
    if form.team_id.data not in (None, -1):
        changes["team_id"] = form.team_id.data
    try:
        ideas = services.bulk_triage(
            ids, current_user, changes, lambda i: permissions.can_triage(current_user, i, scope)
        )
        db.session.commit()
    except PermissionError:
        db.session.rollback()
        abort(403)
    except (services.IdeaError, NotFound) as error:
        db.session.rollback()
        for _field, message in getattr(error, "problems", [(None, error.message)]):
            form.form_errors.append(message)
        form.selected = set(ids)
        return _inbox_page(422, form)
    flash(ngettext("%(num)d idee bijgewerkt.", "%(num)d ideeën bijgewerkt.", len(ideas)), "success")
    # Back to the same view of the inbox: the form's action carries its query string.
    query = request.query_string.decode("utf-8", "replace")
    return redirect_303(url_for("ideas.inbox") + (f"?{query}" if query else ""))


def _new_form_page(form: IdeaForm, status: int = 200):
    form.team_id.choices = team_choices(_("Weet ik niet / geen team"))
    if not form.submission_key.data:
        form.submission_key.data = secrets.token_urlsafe(16)
    similar = queries.list_similar(form.title.data or "") if form.title.data else []
    return render("ideas/new.html", status=status, form=form, similar=similar)


@bp.get("/ideeen/nieuw")
@login_required
def new():
    """The form to hand in an idea."""
    return _new_form_page(IdeaForm())


@bp.post("/ideeen")
@login_required
def create():
    """Hand in an idea; a double click gives one idea."""
    form = IdeaForm()
    data = services.IdeaInput(
        title=form.title.data or "",
        body=form.body.data or "",
        perspectives=form.perspectives.data or [],
        source=form.source.data or "",
        team_id=form.team_id.data if form.team_id.data != -1 else 0,
        tags=form.tags.data or "",
        anonymous=bool(form.anonymous.data),
        submission_key=(form.submission_key.data or "")[:64] or None,
    )
    try:
        idea = services.submit_idea(data, submitter=current_user)
        db.session.commit()
    except services.IdeaError as error:
        db.session.rollback()
        for field_name, message in getattr(error, "problems", [(error.field, error.message)]):
            attach_error(form, services.IdeaError(message, field_name))
        return _new_form_page(form, 422)
    flash(
        _("Dank je! Je idee staat in de ideeënbus. Je krijgt bericht als er iets mee gebeurt."),
        "success",
    )
    return redirect_303(url_for("ideas.detail", idea_id=idea.id))


@bp.get("/ideeen/vergelijkbaar")
@login_required
def similar():
    """Ideas like the title being typed (shown under the title field)."""
    title = request.args.get("title", "")[:120]
    return render("ideas/_similar.html", similar=queries.list_similar(title))


def idea_or_404(idea_id: int):
    idea = queries.get_idea(idea_id)
    if idea is None or idea.moderation != "zichtbaar":
        abort(404)
    return idea


def detail_context(idea, *, voted: bool | None = None, following: bool | None = None, **extra):
    """Everything the idea page shows, with the viewer's permissions."""
    from board.boards.views import idea_board_context  # the boards area builds on ideas

    if voted is None or following is None:
        voted = idea.id in queries.voted_ids(current_user, [idea.id])
        following = queries.is_following(idea.id, current_user.id)
    scope = permissions.lead_scope(current_user) if not current_user.is_manager else None
    can_triage = permissions.can_triage(current_user, idea, scope)
    merged_into = queries.get_idea(idea.merged_into_id) if idea.merged_into_id else None
    status_form = extra.pop("status_form", None) or StatusForm(status=idea.status)
    triage_form = extra.pop("triage_form", None) or TriageForm(
        team_id=idea.team_id, perspectives=idea.perspectives, impact=idea.impact, effort=idea.effort
    )
    if can_triage:
        triage_form.team_id.choices = team_choices(_("Geen team"))
    return {
        "idea": idea,
        "tags": queries.tags_of([idea.id]).get(idea.id, []),
        "voted": voted,
        "following": following,
        "comments": queries.list_comments(idea.id),
        "events": queries.list_events(idea.id),
        "voters": queries.list_voters(idea.id)
        if permissions.can_see_voters(current_user, scope)
        else None,
        "can_triage": can_triage,
        "shows_submitter": permissions.shows_submitter(idea, current_user),
        "merged_into": merged_into,
        "comment_form": extra.pop("comment_form", None) or CommentForm(),
        "hide_form": HideCommentForm(),
        "status_form": status_form,
        "triage_form": triage_form,
        "merge_form": extra.pop("merge_form", None) or MergeForm(),
        **idea_board_context(idea, can_triage, extra.pop("promote_form", None)),
        **extra,
    }


@bp.get("/ideeen/<int:idea_id>")
@login_required
def detail(idea_id: int):
    """An idea with its votes, comments and history; triage for those allowed."""
    found = queries.get_idea_for_viewer(idea_id, current_user)
    if found is None or found.idea.moderation != "zichtbaar":
        from board.ideas.intake_permissions import can_moderate_idea

        # A waiting idea exists only for those who moderate it (with a clear banner there).
        if found is not None and can_moderate_idea(current_user, found.idea):
            from board.ideas.moderation import pending_page

            return pending_page(found.idea)
        abort(404)
    return render(
        "ideas/detail.html",
        **detail_context(found.idea, voted=found.voted, following=found.following),
    )


@bp.get("/mijn-ideeen")
@login_required
def mine():
    """What I handed in and where each idea stands."""
    return render("ideas/mine.html", ideas=queries.list_my_ideas(current_user.id))
