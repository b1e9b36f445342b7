"""Helpers for the API tests: a client that sends a Bearer token, and tokens for people."""

from __future__ import annotations

import pytest
from flask import g

from board.accounts import tokens
from board.extensions import db
from board.ideas import services
from board.ideas.services import IdeaInput

PROBLEM_JSON = "application/problem+json"


class Api:
    """The test client as an integrating system uses it: JSON, a Bearer token, no cookies."""

    def __init__(self, client) -> None:
        self.client = client

    def call(self, method: str, url: str, token: str | None = None, **kwargs):
        # The test keeps one app context open, which every request reuses: start `g` afresh.
        for name in list(vars(g)):
            delattr(g, name)
        headers = dict(kwargs.pop("headers", {}))
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return self.client.open(url, method=method, headers=headers, **kwargs)

    def get(self, url: str, token: str | None = None, **kwargs):
        return self.call("GET", url, token, **kwargs)

    def post(self, url: str, token: str | None = None, **kwargs):
        return self.call("POST", url, token, **kwargs)

    def patch(self, url: str, token: str | None = None, **kwargs):
        return self.call("PATCH", url, token, **kwargs)

    def delete(self, url: str, token: str | None = None, **kwargs):
        return self.call("DELETE", url, token, **kwargs)


@pytest.fixture
def api(app):
    return Api(app.test_client())


def make_token(user, name: str = "Koppeling") -> str:
    """A working token for a person, committed as a real client would find it."""
    _row, value = tokens.create_token(user, name=name, actor=user)
    db.session.commit()
    return value


def submit(user, **fields):
    """An idea handed in through the service, committed."""
    idea = services.submit_idea(
        IdeaInput(**{"title": "Terugbellen in plaats van wachten", **fields}), submitter=user
    )
    db.session.commit()
    return idea


def problems(response) -> dict[str, str]:
    """invalidParams of a 400 as {name: reason}."""
    return {p["name"]: p["reason"] for p in response.get_json()["invalidParams"]}


def assert_problem(response, status: int) -> dict:
    """A problem+json answer with this status, the version header, and the three members."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM_JSON
    assert response.headers["API-Version"] == "1.0.0"
    body = response.get_json()
    assert body["status"] == status
    assert body["title"] and body["detail"]
    return body
