"""The administrator's view of the audit log, and its CSV export."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, current_app, request, stream_with_context
from flask_babel import gettext as _

from board.audit import queries
from board.audit.queries import AuditFilter
from board.web.auth import admin_required
from board.web.export import csv_chunks
from board.web.htmx import render

bp = Blueprint("audit", __name__)


def _parse_filter() -> tuple[AuditFilter, list[str]]:
    args = request.args
    problems: list[str] = []

    def day(name: str) -> date | None:
        raw = args.get(name, "").strip()
        if not raw:
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            problems.append(_("%(value)s is geen geldige datum (jjjj-mm-dd).", value=raw[:20]))
            return None

    result = args.get("resultaat", "")
    if result not in {"", "success", "failure", "denied"}:
        problems.append(_("Kies een bestaand resultaat."))
        result = ""
    f = AuditFilter(
        action=args.get("actie", "")[:64],
        actor=args.get("wie", "")[:100],
        result=result,
        date_from=day("van"),
        date_to=day("tot"),
    )
    return f, problems


def _filter_args() -> dict[str, str]:
    """The filter as query arguments, for pagination and the export link."""
    keys = ("actie", "wie", "resultaat", "van", "tot")
    return {k: request.args[k][:100] for k in keys if request.args.get(k)}


@bp.get("/beheer/audit")
@admin_required
def index():
    """Filter the audit log; the URL holds the filter."""
    f, problems = _parse_filter()
    page = max(request.args.get("pagina", 1, type=int) or 1, 1)
    tz = current_app.config["BABEL_DEFAULT_TIMEZONE"]
    events, has_next = queries.list_audit_events(f, page, tz)
    return render(
        "audit/index.html",
        "audit_table",
        status=400 if problems else 200,
        events=events,
        has_next=has_next,
        page=page,
        f=f,
        problems=problems,
        actions=queries.list_audit_actions(),
        filter_args=_filter_args(),
    )


@bp.get("/beheer/audit.csv")
@admin_required
def export_csv():
    """The filtered audit log as CSV (UTC times, ISO 8601)."""
    f, problems = _parse_filter()
    if problems:
        return Response("\n".join(problems), status=400, mimetype="text/plain")
    tz = current_app.config["BABEL_DEFAULT_TIMEZONE"]

    def rows():
        for e in queries.iter_audit_events(f, tz):
            # Every text cell is made safe: the actor label is typed by anyone at sign-in.
            yield [
                e.occurred_at.isoformat(),
                e.actor_label,
                e.action,
                e.object_type,
                e.object_id,
                e.object_label,
                e.result,
                e.ip,
                e.detail,
            ]

    header = [
        "time_utc",
        "actor",
        "action",
        "object_type",
        "object_id",
        "object",
        "result",
        "ip",
        "detail",
    ]
    response = Response(stream_with_context(csv_chunks(header, rows())), mimetype="text/csv")
    response.headers["Content-Disposition"] = "attachment; filename=auditlog.csv"
    return response
