"""Who may call the API: a Bearer token of an active person; never the session cookie."""

from __future__ import annotations

from datetime import timedelta

import pytest

from board.accounts import services as account_services
from board.accounts import tokens
from board.extensions import db
from tests.api.conftest import assert_problem, make_token, submit
from tests.factories import make_user


@pytest.mark.parametrize(
    "header",
    [None, "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "lw_zonderschema"],
    ids=["none", "empty-bearer", "blank-bearer", "basic", "no-scheme"],
)
def test_without_a_bearer_token_the_api_answers_401(api, header):
    headers = {"Authorization": header} if header is not None else {}
    response = api.get("/api/v1/ideeen", headers=headers)
    body = assert_problem(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert "Authorization: Bearer" in body["detail"]


@pytest.mark.parametrize("token", ["lw_onzin", "iets-heel-anders", "lw_" + "x" * 500])
def test_an_unknown_token_is_401_invalid_token(api, token):
    response = api.get("/api/v1/ideeen", token)
    assert_problem(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_a_revoked_token_stops_working_at_once(api, employee):
    value = make_token(employee)
    assert api.get("/api/v1/ideeen", value).status_code == 200
    row = tokens.list_tokens(employee.id)[0]
    tokens.revoke_token(row, actor=employee)
    db.session.commit()
    assert_problem(api.get("/api/v1/ideeen", value), 401)
    assert_problem(api.post("/api/v1/ideeen", value, json={"titel": "Nog eentje"}), 401)


def test_a_deactivated_persons_tokens_stop_working(api, employee, admin):
    value = make_token(employee)
    assert api.get("/api/v1/ideeen", value).status_code == 200
    account_services.deactivate_user(employee, actor=admin)
    db.session.commit()
    assert_problem(api.get("/api/v1/ideeen", value), 401)


def test_the_session_cookie_is_not_accepted_for_reads_or_writes(web, employee):
    """A signed-in browser calling the API gets 401: a foreign page cannot write through it."""
    web.login(employee)
    idea = submit(employee)
    assert web.get("/ideeen").status_code == 200  # the cookie itself works for pages
    assert_problem(web.get("/api/v1/ideeen"), 401)
    # Even with a valid CSRF token besides the cookie: only a Bearer token counts here.
    assert_problem(web.post(f"/api/v1/ideeen/{idea.id}/stemmen"), 401)
    db.session.refresh(idea)
    assert idea.vote_count == 0


def test_last_use_is_noted_at_most_once_a_minute(api, employee, clock):
    value = make_token(employee)
    row = tokens.list_tokens(employee.id)[0]
    assert row.last_used_at is None
    api.get("/api/v1/ideeen", value)
    db.session.refresh(row)
    first = row.last_used_at
    assert first == clock.current
    clock.advance(seconds=30)
    api.get("/api/v1/ideeen", value)
    db.session.refresh(row)
    assert row.last_used_at == first
    clock.advance(seconds=31)
    api.get("/api/v1/ideeen", value)
    db.session.refresh(row)
    assert row.last_used_at == first + timedelta(seconds=61)


def test_the_openapi_document_needs_no_token(api):
    response = api.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.headers["API-Version"] == "1.0.0"
    assert response.get_json()["openapi"].startswith("3.")


def test_every_api_answer_carries_the_version_header(api, employee):
    value = make_token(employee)
    idea = submit(employee)
    answers = [
        api.get("/api/v1/ideeen", value),
        api.get(f"/api/v1/ideeen/{idea.id}", value),
        api.get("/api/v1/ideeen/999999", value),  # 404 from the route
        api.get("/api/v1/bestaat-niet", value),  # 404 from the router
        api.get("/api/v1/ideeen"),  # 401
        api.call("PUT", "/api/v1/ideeen", value),  # 405
    ]
    assert [a.status_code for a in answers] == [200, 200, 404, 404, 401, 405]
    assert all(a.headers.get("API-Version") == "1.0.0" for a in answers)
    assert all(a.mimetype == "application/problem+json" for a in answers[2:])


@pytest.mark.parametrize("url", ["/api/v1/ideeen/", "/api/v1/openapi.json/", "/api/v1/ideeen/1/"])
def test_a_trailing_slash_is_404_not_a_redirect(api, employee, url):
    submit(employee)
    response = api.get(url, make_token(employee))
    assert_problem(response, 404)


def test_api_answers_are_not_cached(api, employee):
    response = api.get("/api/v1/ideeen", make_token(employee))
    assert response.headers["Cache-Control"] == "no-store"


def test_problems_are_in_dutch_whatever_language_the_person_or_client_prefers(api):
    person = make_user(language="en")
    response = api.get(
        "/api/v1/ideeen?sorteer=beste", make_token(person), headers={"Accept-Language": "en"}
    )
    body = assert_problem(response, 400)
    assert body["title"] == "Ongeldige invoer"
    assert body["invalidParams"][0]["reason"].startswith("Kies uit:")
