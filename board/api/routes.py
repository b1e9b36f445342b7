"""The API's routes: ideas, votes and merges under /api/v1, and the OpenAPI document.

Each route authorises, parses, calls the ideas services or queries, commits once and answers
JSON. Service errors become problem+json in board.api.problems; nothing here decides a rule.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request, url_for
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from board.accounts.services import record_denial
from board.api import auth, inputs, serializers
from board.api.openapi import build_spec
from board.api.problems import (
    ApiProblem,
    handle_api_problem,
    handle_domain_error,
    handle_http_error,
    invalid,
)
from board.errors import DomainError, NotFound
from board.extensions import csrf, db
from board.ideas import permissions, queries, services
from board.ideas.models import VISIBLE, Idea

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # no cookies are used here: a Bearer token cannot be sent by a foreign page
bp.before_request(auth.require_token)
bp.teardown_request(auth.end_request)
bp.after_app_request(auth.add_api_headers)
bp.register_error_handler(ApiProblem, handle_api_problem)
bp.register_error_handler(DomainError, handle_domain_error)
bp.register_error_handler(HTTPException, handle_http_error)


def _visible_idea(idea_id: int) -> Idea:
    idea = queries.get_idea(idea_id)
    if idea is None or idea.moderation != VISIBLE:
        raise ApiProblem(404, _("Dit idee bestaat niet (meer)."))
    return idea


def _triageable_idea(idea_id: int) -> Idea:
    idea = _visible_idea(idea_id)
    user = auth.current_api_user()
    if not permissions.can_triage(user, idea):
        record_denial(user, f"{request.method} {request.path}")
        db.session.commit()
        raise ApiProblem(403, _("Alleen de teamleider van dit idee of een manager mag dit."))
    return idea


def _idea_response(idea_id: int, status: int = 200) -> Response:
    idea = _visible_idea(idea_id)
    user = auth.current_api_user()
    response = jsonify(
        serializers.idea_json(
            idea,
            viewer=user,
            tags=queries.tags_of([idea.id]).get(idea.id, []),
            voted=idea.id in queries.voted_ids(user, [idea.id]),
            submitter=queries.submitters_of([idea]).get(idea.submitter_id or 0),
        )
    )
    response.status_code = status
    return response


def _votes_response(idea_id: int, count: int, voted: bool) -> Response:
    return jsonify(
        {
            "ideeId": idea_id,
            "aantalStemmen": count,
            "gestemd": voted,
            "webUrl": url_for("ideas.detail", idea_id=idea_id, _external=True),
        }
    )


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI document of this API; readable without a token."""
    response = jsonify(build_spec())
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


@bp.get("/ideeen")
def list_ideas():
    """A page of ideas, filtered, searched and sorted like the inbox."""
    f = inputs.inbox_filter(request.args)
    user = auth.current_api_user()
    page = queries.list_inbox(f, user)
    return jsonify(
        serializers.idea_page_json(
            f, page, viewer=user, submitters=queries.submitters_of(page.ideas)
        )
    )


@bp.post("/ideeen")
def create_idea():
    """Hand in an idea; the same Idempotency-Key twice gives one idea."""
    user = auth.current_api_user()
    data, problems = inputs.new_idea(
        inputs.json_object(),
        submitter_id=user.id,
        idempotency_key=request.headers.get("Idempotency-Key"),
    )
    try:
        idea = services.submit_idea(data, submitter=user)
    except services.IdeaError as error:
        problems += inputs.service_problems(error, problems)
    if problems:
        raise invalid(problems)
    db.session.commit()
    response = _idea_response(idea.id, 201)
    response.headers["Location"] = url_for("api.get_idea", idea_id=idea.id, _external=True)
    return response


@bp.get("/ideeen/<int:idea_id>")
def get_idea(idea_id: int):
    """One idea."""
    return _idea_response(idea_id)


@bp.patch("/ideeen/<int:idea_id>")
def triage_idea(idea_id: int):
    """Triage: change status, team, perspectives, impact or effort; all of it or nothing."""
    idea = _triageable_idea(idea_id)
    changes, problems = inputs.triage_changes(inputs.json_object())
    try:
        services.apply_triage(idea, auth.current_api_user(), changes)
    except services.IdeaError as error:
        problems += inputs.service_problems(error, problems)
    if problems:
        raise invalid(problems)  # the handler rolls back whatever a step already wrote
    db.session.commit()
    return _idea_response(idea_id)


@bp.post("/ideeen/<int:idea_id>/stemmen")
def vote(idea_id: int):
    """My vote for an idea; voting again is harmless."""
    count = services.cast_vote(idea_id, auth.current_api_user())
    db.session.commit()
    return _votes_response(idea_id, count, True)


@bp.delete("/ideeen/<int:idea_id>/stemmen")
def withdraw_vote(idea_id: int):
    """Take my vote back; harmless when I had not voted."""
    count = services.withdraw_vote(idea_id, auth.current_api_user())
    db.session.commit()
    return _votes_response(idea_id, count, False)


@bp.post("/ideeen/<int:idea_id>/samenvoegingen")
def merge(idea_id: int):
    """Merge this idea into another one; answers with the idea that remains."""
    idea = _triageable_idea(idea_id)
    target_id = inputs.merge_target(inputs.json_object())
    try:
        target = services.merge_ideas(idea.id, target_id, auth.current_api_user())
    except NotFound:
        # This idea exists (checked above), so it is the target that does not.
        raise invalid([("doelId", _("Er is geen idee met nummer %(n)s.", n=target_id))]) from None
    db.session.commit()
    return _idea_response(target.id)


# Boards and cards, and teams, stand-ups and action items, live in their own modules on this
# blueprint.
from board.api import board_routes, standup_routes  # noqa: E402,F401
