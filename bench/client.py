"""A minimal browser over one keep-alive connection: cookies, CSRF tokens, signing in."""

from __future__ import annotations

import http.client
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from board.web.querycount import HEADER as QUERY_HEADER

CSRF_RE = re.compile(r'name="csrf_token"[^>]*?value="([^"]+)"')
TAG_RE = re.compile(r"<[^>]*>")


class ClientError(RuntimeError):
    """The app answered something a scenario did not expect."""


@dataclass(frozen=True)
class Response:
    """One answer, with how long it took from sending to the last byte."""

    status: int
    body: bytes
    headers: http.client.HTTPMessage
    elapsed_ms: float

    @property
    def queries(self) -> int | None:
        """The SQL statements the request ran (X-Query-Count), if the app reported them."""
        raw = self.headers.get(QUERY_HEADER)
        return int(raw) if raw is not None else None

    def text(self) -> str:
        """The body as text."""
        return self.body.decode("utf-8", "replace")

    def summary(self) -> str:
        """The start of the body without markup, for error messages."""
        return " ".join(TAG_RE.sub(" ", self.text()).split())[:200]


class Client:
    """One browser. Cookies are kept by hand on purpose, see `_store_cookies`."""

    bearer: str | None = None  # a personal access token for the API, once made

    def __init__(self, host: str, port: int) -> None:
        self.conn = http.client.HTTPConnection(host, port, timeout=30)
        self.cookies: dict[str, str] = {}

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def request(
        self,
        method: str,
        path: str,
        form: Mapping[str, str] | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Response:
        """Send one request and read the whole answer; redirects are not followed."""
        body = urlencode(form).encode() if form is not None else None
        headers = {"Accept": "text/html", "Accept-Language": "nl", **(extra_headers or {})}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.bearer:
            headers["Accept"] = "application/json"
            headers["Authorization"] = f"Bearer {self.bearer}"
        elif self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            started = time.perf_counter()
            try:
                self.conn.request(method, path, body=body, headers=headers)
                answer = self.conn.getresponse()
                data = answer.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server may close an idle keep-alive connection between two requests;
                # reconnect once (http.client opens a new connection on the next request).
                self.conn.close()
                if attempt == 2:
                    raise
                continue
            elapsed = (time.perf_counter() - started) * 1000
            self._store_cookies(answer.msg)
            return Response(answer.status, data, answer.msg, elapsed)
        raise AssertionError("unreachable")

    def _store_cookies(self, headers: http.client.HTTPMessage) -> None:
        # In production the session cookie is __Host-wurkje and Secure, which a real client
        # would not send over plain http; keeping cookies by hand lets the app run with its
        # real production settings on loopback.
        for raw in headers.get_all("Set-Cookie") or []:
            jar: SimpleCookie = SimpleCookie()
            jar.load(raw)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.coded_value

    def csrf_token(self, path: str) -> str:
        """The CSRF token of the first form on a page."""
        page = self.expect("GET", path, 200)
        match = CSRF_RE.search(page.text())
        if match is None:
            raise ClientError(f"no csrf_token on {path}")
        return match.group(1)

    def expect(
        self,
        method: str,
        path: str,
        status: int,
        form: Mapping[str, str] | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Response:
        """A request that must answer with this status."""
        response = self.request(method, path, form, extra_headers)
        if response.status != status:
            raise ClientError(
                f"{method} {path}: expected {status}, got {response.status} "
                f"(Location: {response.headers.get('Location')}): {response.summary()!r}"
            )
        return response

    def sign_in(self, email: str, password: str) -> None:
        """Sign in through the real form, as a person would."""
        token = self.csrf_token("/inloggen")
        # No Referer: WTF_CSRF_SSL_STRICT only checks it on https, which this proves.
        form = {"csrf_token": token, "email": email, "password": password, "next": "/"}
        self.expect("POST", "/inloggen", 303, form)
        self.expect("GET", "/", 200)


TOKEN_VALUE = re.compile(r'id="new-api-token"[^>]*value="([^"]+)"')


def make_api_token(client: Client) -> str:
    """Make a personal access token through the profile page, as a person would."""
    token = client.csrf_token("/profiel")
    client.expect(
        "POST", "/profiel/toegangssleutels", 303, {"csrf_token": token, "token-name": "bench"}
    )
    page = client.expect("GET", "/profiel", 200)
    match = TOKEN_VALUE.search(page.text())
    if match is None:
        raise ClientError("the profile page did not show the new access token")
    return match.group(1)
