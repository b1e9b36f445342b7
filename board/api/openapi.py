"""The OpenAPI 3.0 document of the API, written by hand so it says what the code does.

It passes the Spectral ruleset of the Dutch API Design Rules (see README, "JSON API"). The test
suite compares its paths with the app's /api/v1 routes, so a route without a description fails.
"""

from __future__ import annotations

import os
from typing import Any

from flask import current_app, url_for

from board.api.auth import API_VERSION
from board.ideas.models import PERSPECTIVES, SOURCES, STATUSES
from board.ideas.queries import PAGE_SIZE, SORTS

JSON = "application/json"
PROBLEM = "application/problem+json"


def _ref(kind: str, name: str) -> dict[str, str]:
    return {"$ref": f"#/components/{kind}/{name}"}


VERSION_HEADER = {"API-Version": _ref("headers", "API-Version")}


def _ok(description: str, schema: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "description": description,
        "headers": {**VERSION_HEADER, **(headers or {})},
        "content": {JSON: {"schema": _ref("schemas", schema)}},
    }


def _errors(*codes: int) -> dict[str, Any]:
    return {str(code): _ref("responses", _RESPONSE_NAMES[code]) for code in codes}


_RESPONSE_NAMES = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    409: "Conflict",
    413: "PayloadTooLarge",
    500: "InternalServerError",
}


def _problem_response(
    description: str, schema: str = "Problem", headers: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {
        "description": description,
        "headers": {**VERSION_HEADER, **(headers or {})},
        "content": {PROBLEM: {"schema": _ref("schemas", schema)}},
    }


def _list(name: str, item: str, max_items: int | None = None, paged: bool = True) -> dict[str, Any]:
    """A HAL list: `_links` (self, and prev/next when `paged`) and `_embedded.<name>`."""
    link = _ref("schemas", "Link")
    links = {"self": link, "prev": link, "next": link} if paged else {"self": link}
    items: dict[str, Any] = {"type": "array", "items": _ref("schemas", item)}
    if max_items:
        items["maxItems"] = max_items
    return {
        "type": "object",
        "required": ["_links", "_embedded"],
        "properties": {
            "_links": {
                "type": "object",
                "required": ["self"],
                "properties": links,
            },
            "_embedded": {"type": "object", "required": [name], "properties": {name: items}},
        },
    }


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {**schema, "nullable": True}


ID = {"type": "integer", "format": "int64", "minimum": 1}
TEXT_LIST = {"type": "array", "items": {"type": "string"}}


def _schemas() -> dict[str, Any]:
    link = _ref("schemas", "Link")
    return {
        "Link": {
            "type": "object",
            "required": ["href"],
            "properties": {"href": {"type": "string", "format": "uri"}},
        },
        "Indiener": {
            "type": "object",
            "required": ["id", "naam"],
            "description": "Wie het idee indiende; ontbreekt bij anoniem ingediende ideeën.",
            "properties": {"id": ID, "naam": {"type": "string"}},
        },
        "Idee": {
            "type": "object",
            "required": [
                "id",
                "titel",
                "toelichting",
                "perspectieven",
                "bron",
                "status",
                "reden",
                "teamId",
                "ketenId",
                "tags",
                "aantalStemmen",
                "aantalReacties",
                "gestemd",
                "impact",
                "inspanning",
                "samengevoegdMetId",
                "aangemaakt",
                "laatsteActiviteit",
                "webUrl",
                "_links",
            ],
            "properties": {
                "id": ID,
                "titel": {"type": "string", "maxLength": 120},
                "toelichting": {"type": "string", "maxLength": 5000},
                "perspectieven": {
                    "type": "array",
                    "items": {"type": "string", "enum": list(PERSPECTIVES)},
                },
                "bron": {"type": "string", "enum": list(SOURCES)},
                "status": {"type": "string", "enum": list(STATUSES)},
                "reden": _nullable(
                    {"type": "string", "description": "Waarom het idee is afgewezen."}
                ),
                "teamId": _nullable(ID),
                "ketenId": _nullable(ID),
                "tags": TEXT_LIST,
                "aantalStemmen": {"type": "integer", "minimum": 0},
                "aantalReacties": {"type": "integer", "minimum": 0},
                "gestemd": {
                    "type": "boolean",
                    "description": "Of de houder van de toegangssleutel erop stemde.",
                },
                "impact": _nullable({"type": "integer", "minimum": 1, "maximum": 5}),
                "inspanning": _nullable({"type": "integer", "minimum": 1, "maximum": 5}),
                "samengevoegdMetId": _nullable(
                    {**ID, "description": "Het idee waarin dit idee is opgegaan."}
                ),
                "indiener": _ref("schemas", "Indiener"),
                "aangemaakt": {"type": "string", "format": "date-time"},
                "laatsteActiviteit": {"type": "string", "format": "date-time"},
                "webUrl": {
                    "type": "string",
                    "format": "uri",
                    "description": "De pagina van het idee in de app.",
                },
                "_links": {"type": "object", "required": ["self"], "properties": {"self": link}},
            },
        },
        "IdeeenPagina": _list("ideeen", "Idee", max_items=PAGE_SIZE),
        "NieuwIdee": {
            "type": "object",
            "required": ["titel"],
            "additionalProperties": False,
            "properties": {
                "titel": {"type": "string", "minLength": 1, "maxLength": 120},
                "toelichting": {"type": "string", "maxLength": 5000, "default": ""},
                "perspectieven": {
                    "type": "array",
                    "items": {"type": "string", "enum": list(PERSPECTIVES)},
                },
                "bron": {"type": "string", "enum": list(SOURCES), "default": "medewerker"},
                "teamId": _nullable(ID),
                "tags": {**TEXT_LIST, "maxItems": 10},
                "anoniem": {
                    "type": "boolean",
                    "default": False,
                    "description": "Verberg de indiener voor anderen.",
                },
            },
        },
        "IdeeWijziging": {
            "type": "object",
            "additionalProperties": False,
            "description": "Alleen de opgegeven eigenschappen veranderen.",
            "properties": {
                "status": {"type": "string", "enum": [s for s in STATUSES if s != "samengevoegd"]},
                "reden": {
                    "type": "string",
                    "maxLength": 2000,
                    "description": "Verplicht bij status afgewezen; de indiener ziet hem.",
                },
                "teamId": _nullable(ID),
                "perspectieven": {
                    "type": "array",
                    "items": {"type": "string", "enum": list(PERSPECTIVES)},
                },
                "impact": _nullable({"type": "integer", "minimum": 1, "maximum": 5}),
                "inspanning": _nullable({"type": "integer", "minimum": 1, "maximum": 5}),
            },
        },
        "Samenvoeging": {
            "type": "object",
            "required": ["doelId"],
            "additionalProperties": False,
            "properties": {"doelId": {**ID, "description": "Het idee dat overblijft."}},
        },
        "Stemmen": {
            "type": "object",
            "required": ["ideeId", "aantalStemmen", "gestemd", "webUrl"],
            "properties": {
                "ideeId": ID,
                "aantalStemmen": {"type": "integer", "minimum": 0},
                "gestemd": {"type": "boolean"},
                "webUrl": {
                    "type": "string",
                    "format": "uri",
                    "description": "De pagina van het idee in de app.",
                },
            },
        },
        "Problem": {
            "type": "object",
            "required": ["status", "title", "detail"],
            "properties": {
                "status": {"type": "integer", "minimum": 400, "maximum": 599},
                "title": {"type": "string"},
                "detail": {"type": "string"},
            },
        },
        "BadRequestProblem": {
            "type": "object",
            "required": ["status", "title", "detail", "invalidParams"],
            "properties": {
                "status": {"type": "integer", "enum": [400]},
                "title": {"type": "string"},
                "detail": {"type": "string"},
                "invalidParams": {"type": "array", "items": _ref("schemas", "InvalidParam")},
            },
        },
        "InvalidParam": {
            "type": "object",
            "required": ["name", "reason"],
            "properties": {"name": {"type": "string"}, "reason": {"type": "string"}},
        },
        "OpenApiDocument": {"type": "object", "description": "Dit document."},
    }


def _responses() -> dict[str, Any]:
    return {
        "BadRequest": _problem_response(
            "Ongeldige invoer. Bij fouten in eigenschappen of parameters noemt invalidParams "
            "elk probleem.",
            "BadRequestProblem",
        ),
        "Unauthorized": _problem_response(
            "Geen, een onbekende of een ingetrokken toegangssleutel, of het account is "
            "uitgeschakeld.",
            headers={"WWW-Authenticate": _ref("headers", "WWW-Authenticate")},
        ),
        "Forbidden": _problem_response("Deze persoon mag dit niet."),
        "NotFound": _problem_response("Het idee bestaat niet (meer), of het adres bestaat niet."),
        "Conflict": _problem_response(
            "Kan niet in de huidige toestand van het idee, bijvoorbeeld omdat het is samengevoegd."
        ),
        "PayloadTooLarge": _problem_response("Het verzoek is groter dan 1 MB."),
        "InternalServerError": _problem_response("Er ging aan de kant van de server iets mis."),
    }


def _headers() -> dict[str, Any]:
    return {
        "API-Version": {
            "description": "De volledige versie van de API.",
            "schema": {"type": "string", "example": API_VERSION},
        },
        "Location": {
            "description": "Het adres van het nieuwe idee in de API.",
            "schema": {"type": "string", "format": "uri"},
        },
        "WWW-Authenticate": {
            "description": 'Bearer, met error="invalid_token" bij een ongeldige sleutel.',
            "schema": {"type": "string"},
        },
    }


def _list_parameters() -> list[dict[str, Any]]:
    def query(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "name": name,
            "in": "query",
            "required": False,
            "description": description,
            "schema": schema,
        }

    positive = {"type": "integer", "minimum": 1}
    return [
        query(
            "status",
            "Alleen ideeën met deze status. Zonder deze parameter blijven "
            "samengevoegde ideeën weg.",
            {"type": "string", "enum": list(STATUSES)},
        ),
        query(
            "perspectief",
            "Alleen ideeën met dit perspectief.",
            {"type": "string", "enum": list(PERSPECTIVES)},
        ),
        query("teamId", "Alleen ideeën voor dit team.", positive),
        query("ketenId", "Alleen ideeën voor deze keten.", positive),
        query("bron", "Alleen ideeën uit deze bron.", {"type": "string", "enum": list(SOURCES)}),
        query("tag", "Alleen ideeën met deze tag.", {"type": "string", "maxLength": 40}),
        query(
            "zoek",
            "Zoekwoorden in titel, toelichting en tags.",
            {"type": "string", "maxLength": 200},
        ),
        query(
            "sorteer",
            "Volgorde: meeste stemmen (standaard), nieuwste, trending (stemmen "
            "van de laatste twee weken) of laatste activiteit.",
            {"type": "string", "enum": list(SORTS), "default": "stemmen"},
        ),
        query(
            "pagina",
            f"Paginanummer; een pagina heeft hoogstens {PAGE_SIZE} ideeën.",
            {**positive, "default": 1},
        ),
    ]


def _paths() -> dict[str, Any]:
    idea_id = {
        "name": "id",
        "in": "path",
        "required": True,
        "description": "Nummer van het idee.",
        "schema": ID,
    }
    secured: list[dict[str, list[str]]] = [{"bearerAuth": []}]
    tags = ["Ideeën"]

    def operation(
        operation_id: str,
        summary: str,
        responses: dict[str, Any],
        body: str | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        op: dict[str, Any] = {
            "operationId": operation_id,
            "summary": summary,
            "tags": tags,
            "security": secured,
            "responses": responses,
            **extra,
        }
        if body:
            op["requestBody"] = {
                "required": True,
                "content": {JSON: {"schema": _ref("schemas", body)}},
            }
        return op

    votes = {"200": _ok("De stand van de stemmen en of ik gestemd heb.", "Stemmen")}
    return {
        "/openapi.json": {
            "get": {
                "operationId": "getOpenApi",
                "summary": "Dit OpenAPI-document.",
                "tags": ["Specificatie"],
                "security": [],
                "responses": {"200": _ok("Het OpenAPI-document.", "OpenApiDocument")},
            },
        },
        "/ideeen": {
            "get": operation(
                "listIdeeen",
                "Een pagina ideeën, te filteren, doorzoeken en sorteren.",
                {
                    "200": _ok(
                        "Een pagina ideeën met links naar de vorige en volgende pagina.",
                        "IdeeenPagina",
                    ),
                    **_errors(400, 401),
                },
                parameters=_list_parameters(),
            ),
            "post": operation(
                "createIdee",
                "Een idee indienen.",
                {
                    "201": _ok(
                        "Het nieuwe idee.", "Idee", {"Location": _ref("headers", "Location")}
                    ),
                    **_errors(400, 401, 413),
                },
                body="NieuwIdee",
                parameters=[
                    {
                        "name": "Idempotency-Key",
                        "in": "header",
                        "required": False,
                        "description": (
                            "Zelfgekozen sleutel: hetzelfde verzoek opnieuw met dezelfde "
                            "sleutel geeft hetzelfde idee, geen tweede."
                        ),
                        "schema": {"type": "string", "maxLength": 200},
                    }
                ],
            ),
        },
        "/ideeen/{id}": {
            "parameters": [idea_id],
            "get": operation(
                "getIdee", "Eén idee.", {"200": _ok("Het idee.", "Idee"), **_errors(401, 404)}
            ),
            "patch": operation(
                "triageIdee",
                "Een idee beoordelen: status, team, perspectieven, impact en inspanning.",
                {
                    "200": _ok("Het bijgewerkte idee.", "Idee"),
                    **_errors(400, 401, 403, 404, 409, 413),
                },
                body="IdeeWijziging",
                description="Voor teamleiders (ideeën van hun team of keten, en ideeën zonder "
                "team) en managers. Alleen opgegeven eigenschappen veranderen; bij "
                "een probleem verandert niets.",
            ),
        },
        "/ideeen/{id}/stemmen": {
            "parameters": [idea_id],
            "post": operation(
                "createStem",
                "Op een idee stemmen; nog eens stemmen kan geen kwaad.",
                {**votes, **_errors(400, 401, 404, 409)},
            ),
            "delete": operation(
                "deleteStem", "Mijn stem intrekken.", {**votes, **_errors(401, 404)}
            ),
        },
        "/ideeen/{id}/samenvoegingen": {
            "parameters": [idea_id],
            "post": operation(
                "createSamenvoeging",
                "Dit idee samenvoegen met een ander idee.",
                {
                    "200": _ok(
                        "Het idee dat overblijft, met de stemmen en volgers van beide.", "Idee"
                    ),
                    **_errors(400, 401, 403, 404, 409, 413),
                },
                body="Samenvoeging",
                description="Voor wie dit idee mag beoordelen. Een onbekend doelId, het idee "
                "zelf of een al samengevoegd doel geeft 400; dit idee al "
                "samengevoegd geeft 409.",
            ),
        },
    }


def _contact() -> dict[str, str]:
    """Who integrators can ask; set API_CONTACT_NAME, _EMAIL and _URL in production."""
    cfg = current_app.config
    mail_from = cfg.get("MAIL_FROM", "")
    # The ruleset wants a real address (a dotted domain); the development default is not one.
    fallback = mail_from if "." in mail_from.rpartition("@")[2] else "beheer@example.org"
    return {
        "name": os.environ.get("API_CONTACT_NAME")
        or cfg.get("ORGANISATION_NAME")
        or "Linich Wurkje",
        "email": os.environ.get("API_CONTACT_EMAIL") or fallback,
        "url": os.environ.get("API_CONTACT_URL") or url_for("main.home", _external=True),
    }


def build_spec() -> dict[str, Any]:
    """The whole document, with this server's address."""
    from board.api.board_spec import board_paths, board_schemas
    from board.api.standup_spec import standup_paths, standup_schemas

    components = {
        "securitySchemes": {
            "bearerAuth": {
                "type": "http",
                "scheme": "bearer",
                "bearerFormat": "lw_…",
                "description": "Een persoonlijke toegangssleutel, te maken op de profielpagina "
                "of met `flask --app wsgi tokens create EMAIL`.",
            },
        },
        "schemas": {**_schemas(), **board_schemas(), **standup_schemas()},
        "responses": _responses(),
        "headers": _headers(),
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Linich Wurkje API",
            "version": API_VERSION,
            "description": "De ideeënbus van Linich Wurkje voor andere systemen: ideeën lezen, "
            "indienen, beoordelen, samenvoegen en erop stemmen, namens de persoon "
            "van wie de toegangssleutel is.",
            "contact": _contact(),
            "license": {
                "name": "EUPL-1.2",
                "url": "https://interoperable-europe.ec.europa.eu/collection/eupl",
            },
        },
        "servers": [{"url": url_for("api.openapi", _external=True).rsplit("/", 1)[0]}],
        "security": [{"bearerAuth": []}],
        "tags": [
            {"name": "Ideeën", "description": "De ideeënbus."},
            {"name": "Borden", "description": "De Kanban-borden van de teams en hun kaarten."},
            {
                "name": "Stand-ups",
                "description": "De teams, hun wekelijkse stand-ups en de actiepunten.",
            },
            {"name": "Specificatie", "description": "Over deze API."},
        ],
        "paths": {**_paths(), **board_paths(), **standup_paths()},
        "components": components,
    }
