"""Ideas as the API shows them: Dutch camelCase properties, RFC 3339 times in UTC, and the
address of the idea's page in the app (`webUrl`)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import url_for

from board.accounts.models import User
from board.ideas import permissions
from board.ideas.models import PERSPECTIVES, Idea
from board.ideas.queries import InboxFilter, InboxPage


def rfc3339(moment: datetime | None) -> str | None:
    """`2026-03-02T09:00:00Z`: UTC, whole seconds."""
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def idea_json(
    idea: Idea, *, viewer, tags: list[str], voted: bool, submitter: User | None
) -> dict[str, Any]:
    """One idea. The submitter only when the app would show them (not for anonymous ideas)."""
    data: dict[str, Any] = {
        "id": idea.id,
        "titel": idea.title,
        "toelichting": idea.body,
        # The fixed order of the four perspectives, however the rows were loaded.
        "perspectieven": [p for p in PERSPECTIVES if p in idea.perspectives],
        "bron": idea.source,
        "status": idea.status,
        "reden": (idea.decision_reason or None) if idea.status == "afgewezen" else None,
        "teamId": idea.team_id,
        "ketenId": idea.chain_id,
        "tags": tags,
        "aantalStemmen": idea.vote_count,
        "aantalReacties": idea.comment_count,
        "gestemd": voted,
        "impact": idea.impact,
        "inspanning": idea.effort,
        "samengevoegdMetId": idea.merged_into_id,
        "aangemaakt": rfc3339(idea.created_at),
        "laatsteActiviteit": rfc3339(idea.last_activity_at),
        "webUrl": url_for("ideas.detail", idea_id=idea.id, _external=True),
        "_links": {"self": {"href": url_for("api.get_idea", idea_id=idea.id, _external=True)}},
    }
    if permissions.shows_submitter(idea, viewer) and submitter is not None:
        data["indiener"] = {"id": submitter.id, "naam": submitter.name}
    return data


def inbox_args(f: InboxFilter, page: int) -> dict[str, Any]:
    """The filter as the API's query parameters, without empty ones."""
    args = {
        "status": f.status,
        "perspectief": f.perspective,
        "teamId": f.team_id,
        "ketenId": f.chain_id,
        "bron": f.source,
        "tag": f.tag,
        "zoek": f.q,
        "sorteer": f.sort if f.sort != "stemmen" else "",
        "pagina": page if page > 1 else "",
    }
    return {k: v for k, v in args.items() if v not in ("", None)}


def idea_page_json(
    f: InboxFilter, page: InboxPage, *, viewer, submitters: dict[int, User]
) -> dict[str, Any]:
    """A page of ideas with links to itself and the pages before and after (HAL style)."""

    def link(number: int) -> dict[str, str]:
        return {"href": url_for("api.list_ideas", **inbox_args(f, number), _external=True)}

    links = {"self": link(f.page)}
    if f.page > 1:
        links["prev"] = link(f.page - 1)
    if page.has_next:
        links["next"] = link(f.page + 1)
    ideas = [
        idea_json(
            idea,
            viewer=viewer,
            tags=page.tags.get(idea.id, []),
            voted=idea.id in page.voted,
            submitter=submitters.get(idea.submitter_id or 0),
        )
        for idea in page.ideas
    ]
    return {"_links": links, "_embedded": {"ideeen": ideas}}
