"""Importing an existing idea list: upload, map the columns, preview, import, result."""

from __future__ import annotations

from flask import Blueprint, abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.exceptions import RequestEntityTooLarge

from board.errors import Conflict
from board.extensions import db
from board.ideas import permissions
from board.ideas.imports import queries, services
from board.ideas.imports.forms import MappingForm, UploadForm
from board.ideas.imports.mapping import FIELDS, field_labels
from board.ideas.imports.models import IMPORTED
from board.ideas.imports.parsing import MAX_BYTES, MAX_ROWS
from board.org import queries as org_queries
from board.web.forms import attach_error
from board.web.htmx import redirect_303, render

bp = Blueprint("idea_imports", __name__, url_prefix="/ideeen/importeren")

PREVIEW_ROWS = 20
ERROR_ROWS = 200


def _importer() -> None:
    if not permissions.can_import(current_user):
        abort(403)


def _upload_or_404(import_id: int):
    """An upload its maker (or a manager) may see; for anyone else it does not exist."""
    _importer()
    upload = queries.get_import(import_id)
    if upload is None or not (current_user.is_manager or upload.created_by_id == current_user.id):
        abort(404)
    return upload


def _upload_page(form: UploadForm, status: int = 200):
    return render(
        "ideas/import/upload.html",
        status=status,
        form=form,
        max_mb=MAX_BYTES // (1024 * 1024),
        max_rows=MAX_ROWS,
        recent=queries.list_recent_imports(current_user),
    )


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error):
    """A file over the request limit: the upload form again, with the limit in words."""
    if not permissions.can_import(current_user):
        from board.web.errors import error_response

        return error_response(413)
    form = UploadForm(formdata=None)
    form.form_errors.append(
        _(
            "Het bestand is te groot. Een import mag hoogstens %(n)d MB zijn; splits het in "
            "kleinere bestanden.",
            n=MAX_BYTES // (1024 * 1024),
        )
    )
    return _upload_page(form, 413)


@bp.get("")
@login_required
def new():
    """Step 1: choose a CSV or Excel file with ideas."""
    _importer()
    return _upload_page(UploadForm())


@bp.post("")
@login_required
def upload():
    """Read the uploaded file and keep its rows for the next steps."""
    _importer()
    form = UploadForm()
    file = request.files.get("file")
    try:
        created = services.create_import(
            current_user,
            (file.filename or "") if file else "",
            file.read() if file else b"",
            form.sheet.data or "",
        )
        db.session.commit()
    except services.IdeaImportError as error:
        db.session.rollback()
        attach_error(form, error)
        return _upload_page(form, error.status)
    return redirect_303(url_for("idea_imports.mapping", import_id=created.id))


def _team_choices() -> list[tuple[str, str]]:
    return [(str(t.id), f"{t.name} ({t.chain.name})") for t in org_queries.list_teams(False)]


def _mapping_page(upload, form: MappingForm, status: int = 200):
    header = services.columns_of(upload)
    form.setup(header, _team_choices())
    return render(
        "ideas/import/mapping.html",
        status=status,
        upload=upload,
        form=form,
        fields=FIELDS,
        header=header,
        sheets=services.sheets_of(upload),
    )


@bp.get("/<int:import_id>")
@login_required
def mapping(import_id: int):
    """Step 2: which column holds what (guessed from the header names)."""
    upload = _upload_or_404(import_id)
    if upload.status == IMPORTED:
        return redirect_303(url_for("idea_imports.result", import_id=upload.id))
    chosen = services.mapping_of(upload)
    form = MappingForm(
        formdata=None,
        data={
            **{name: "" if i is None else str(i) for name, i in chosen.columns.items()},
            "default_source": chosen.default_source,
            "default_team_id": str(chosen.default_team_id or ""),
        },
    )
    return _mapping_page(upload, form)


@bp.post("/<int:import_id>")
@login_required
def save_mapping(import_id: int):
    """Keep the chosen mapping and go on to the preview."""
    upload = _upload_or_404(import_id)
    form = MappingForm()
    team = form.default_team_id.data
    try:
        services.save_mapping(
            upload,
            {name: form.column(name) for name in FIELDS},
            form.default_source.data or "",
            int(team) if team and team.isdigit() else (None if not team else -1),
        )
        db.session.commit()
    except (services.IdeaImportError, Conflict) as error:
        db.session.rollback()
        for field_name, message in getattr(error, "problems", [(error.field, error.message)]):
            attach_error(form, services.IdeaImportError(message, field_name))
        return _mapping_page(_upload_or_404(import_id), form, 422)
    return redirect_303(url_for("idea_imports.preview", import_id=upload.id))


@bp.get("/<int:import_id>/voorbeeld")
@login_required
def preview(import_id: int):
    """Step 3: the rows as they will be imported, every problem per row, and the totals."""
    upload = _upload_or_404(import_id)
    if upload.status == IMPORTED:
        return redirect_303(url_for("idea_imports.result", import_id=upload.id))
    checked = services.preview_import(upload)
    return render(
        "ideas/import/preview.html",
        upload=upload,
        preview=checked,
        first_rows=checked.rows[:PREVIEW_ROWS],
        error_rows=checked.error_rows[:ERROR_ROWS],
        labels=field_labels(),
    )


@bp.post("/<int:import_id>/importeren")
@login_required
def run(import_id: int):
    """Step 4: import every row without problems, all in one transaction."""
    upload = _upload_or_404(import_id)
    try:
        services.run_import(upload.id, current_user)
        db.session.commit()
    except (Conflict, services.IdeaImportError) as error:
        db.session.rollback()
        # A second click got there first: its result is this one's too.
        again = queries.get_import(import_id)
        if again is None or again.status != IMPORTED:
            flash(error.message, "error")
            if again is None:
                return redirect_303(url_for("idea_imports.new"))
            return redirect_303(url_for("idea_imports.preview", import_id=import_id))
    return redirect_303(url_for("idea_imports.result", import_id=upload.id))


@bp.get("/<int:import_id>/resultaat")
@login_required
def result(import_id: int):
    """What the import did: added, skipped as already present, refused for errors."""
    upload = _upload_or_404(import_id)
    if upload.status != IMPORTED:
        return redirect_303(url_for("idea_imports.preview", import_id=upload.id))
    return render("ideas/import/result.html", upload=upload)
