"""Showing people's plain text safely: escaped, line breaks kept, web links clickable."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_URL = re.compile(r"\bhttps?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]", re.IGNORECASE)


def linkify(value: str | None) -> Markup:
    """Escape the text, keep its line breaks, and make http(s) links clickable (nofollow)."""
    text = str(value or "")
    out: list[str] = []
    last = 0
    for match in _URL.finditer(text):
        out.append(str(escape(text[last : match.start()])))
        url = match.group(0)
        out.append(
            f'<a class="utrecht-link" href="{escape(url)}" rel="nofollow noopener noreferrer">'
            f"{escape(url)}</a>"
        )
        last = match.end()
    out.append(str(escape(text[last:])))
    return Markup("<br>\n".join("".join(out).split("\n")))  # noqa: S704 - escaped above
