"""htmx helpers: is this a partial request, and render a page or one block of it.

htmx-flask (last released 2022) only reads request headers; these few lines do the same and
also render template fragments through jinja2-fragments.
"""

from __future__ import annotations

from flask import Response, make_response, render_template, request
from jinja2_fragments.flask import render_blocks


def is_partial() -> bool:
    """True for an htmx request that wants a fragment (not a boosted full-page navigation)."""
    headers = request.headers
    return headers.get("HX-Request") == "true" and headers.get("HX-Boosted") != "true"


def render(template: str, *blocks: str, status: int = 200, **context) -> Response:
    """The whole page, or only the named blocks for an htmx request; `Vary: HX-Request` always."""
    if blocks and is_partial():
        html = render_blocks(template, list(blocks), **context)
    else:
        html = render_template(template, **context)
    response = make_response(html, status)
    response.vary.add("HX-Request")
    return response


def redirect_303(location: str) -> Response:
    """See Other after a write; an htmx request is told to go there with HX-Redirect."""
    if request.headers.get("HX-Request") == "true":
        response = make_response("", 200)
        response.headers["HX-Redirect"] = location
        return response
    response = make_response("", 303)
    response.headers["Location"] = location
    return response
