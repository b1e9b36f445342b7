"""Security headers on every response."""

from __future__ import annotations

from flask import Flask, Response, request
from flask_login import current_user

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)


def register_security_headers(app: Flask) -> None:
    """CSP without unsafe-inline/eval, no framing, no sniffing; HSTS in production."""
    production = app.config["BOARD_ENV"] == "production"

    @app.after_request
    def headers(response: Response) -> Response:
        h = response.headers
        h.setdefault("Content-Security-Policy", CSP)
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("X-Frame-Options", "DENY")
        h.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        h.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        h.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        if production:
            h.setdefault("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
        if (
            not request.path.startswith("/static/")
            and current_user
            and current_user.is_authenticated
        ):
            # Pages of a signed-in person must not linger in shared or back-button caches.
            h.setdefault("Cache-Control", "no-store")
        return response
