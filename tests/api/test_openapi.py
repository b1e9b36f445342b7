"""The OpenAPI document: served without a token, and saying what the code really does.

The Spectral ruleset of the Dutch API Design Rules needs Node and the npm registry, so it is not
run here; see the README ("JSON API") for the command.
"""

from __future__ import annotations

import json
import re

from board.api import inputs
from tests.api.conftest import make_token, submit

SPEC_URL = "/api/v1/openapi.json"
METHODS = {"get", "post", "put", "patch", "delete"}


def _spec(api) -> dict:
    response = api.get(SPEC_URL, base_url="https://wurkje.example.nl")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return json.loads(response.get_data(as_text=True))


def _app_routes(app) -> set[tuple[str, str]]:
    """(path as in the document, method) for every /api/v1 route of the app."""
    found = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        path = re.sub(r"<(?:\w+:)?\w+>", "{id}", rule.rule.removeprefix("/api/v1"))
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            found.add((path, method.lower()))
    return found


def test_the_document_is_openapi_3_with_this_servers_address(api):
    spec = _spec(api)
    assert spec["openapi"].startswith("3.0.")
    assert spec["info"]["version"] == "1.0.0"
    assert set(spec["info"]["contact"]) == {"name", "email", "url"}
    assert spec["servers"] == [{"url": "https://wurkje.example.nl/api/v1"}]
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        **spec["components"]["securitySchemes"]["bearerAuth"],
        "type": "http",
        "scheme": "bearer",
    }


def test_every_api_route_is_described_and_nothing_else(app, api):
    """A new /api/v1 route without a description here fails this test."""
    spec = _spec(api)
    described = {
        # A path with two parameters names them apart ({teamId}, {id}); the routes' names differ.
        (re.sub(r"\{\w+\}", "{id}", path), method)
        for path, item in spec["paths"].items()
        for method in item
        if method in METHODS
    }
    routes = _app_routes(app)
    assert routes - described == set(), "routes missing from openapi.json"
    assert described - routes == set(), "openapi.json describes routes that do not exist"


def test_every_operation_documents_the_version_header_and_problem_errors(api):
    spec = _spec(api)
    components = spec["components"]

    def resolve(obj: dict) -> dict:
        while "$ref" in obj:
            kind, name = obj["$ref"].split("/")[-2:]
            obj = components[kind][name]
        return obj

    ids = []
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            ids.append(operation["operationId"])
            assert operation["summary"], (path, method)
            for code, response in operation["responses"].items():
                response = resolve(response)
                assert "API-Version" in response["headers"], (path, method, code)
                content_type = "application/problem+json" if code >= "400" else "application/json"
                assert list(response["content"]) == [content_type], (path, method, code)
            if method in {"post", "patch", "put"}:
                assert "400" in operation["responses"], (path, method)
    assert len(ids) == len(set(ids))


def test_the_inputs_in_the_document_are_the_ones_the_code_reads(api):
    spec = _spec(api)
    schemas = spec["components"]["schemas"]
    assert set(schemas["NieuwIdee"]["properties"]) == set(inputs.NEW_IDEA)
    assert set(schemas["IdeeWijziging"]["properties"]) == set(inputs.TRIAGE)
    listed = {p["name"] for p in spec["paths"]["/ideeen"]["get"]["parameters"]}
    assert listed == set(inputs.LIST_PARAMETERS)


def test_an_idea_from_the_api_matches_its_schema(api, employee):
    submit(employee, perspectives=["klant"], tags="telefoon")
    idea = api.get("/api/v1/ideeen", make_token(employee)).get_json()["_embedded"]["ideeen"][0]
    schema = _spec(api)["components"]["schemas"]["Idee"]
    assert set(schema["required"]) <= set(idea) <= set(schema["properties"])
    types = {"integer": int, "string": str, "boolean": bool, "array": list, "object": dict}
    for name, value in idea.items():
        prop = schema["properties"][name]
        if "$ref" in prop or (value is None and prop.get("nullable")):
            continue
        assert isinstance(value, types[prop["type"]]), name
        if "enum" in prop:
            assert value in prop["enum"], name
