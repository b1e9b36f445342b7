"""The stand-ups part of the OpenAPI document: schemas and paths of /teams and /actiepunten."""

from __future__ import annotations

from typing import Any

from board.api.openapi import ID, _errors, _list, _nullable, _ok, _ref
from board.api.standup_routes import SEARCH_MAX
from board.standups.models import ACTION_TEXT_MAX, ENTRY_TEXT_MAX, NOTES_MAX
from board.standups.queries import ACTION_ITEMS_PAGE, HISTORY_PAGE

URI = {"type": "string", "format": "uri"}
MOMENT = {"type": "string", "format": "date-time"}
POSITIVE = {"type": "integer", "minimum": 1}


def _nullable_ref(schema: str, description: str) -> dict[str, Any]:
    """A reference that may be null (OpenAPI 3.0 ignores what stands beside a $ref)."""
    return {"allOf": [_ref("schemas", schema)], "nullable": True, "description": description}


def standup_schemas() -> dict[str, Any]:
    """Team, StandUp, Actiepunt and their lists."""
    link = _ref("schemas", "Link")
    person = _ref("schemas", "Persoon")
    standup_required = [
        "id",
        "teamId",
        "begonnenOp",
        "beeindigdOp",
        "open",
        "duurMinuten",
        "voorzitter",
        "webUrl",
        "_links",
    ]
    standup_properties: dict[str, Any] = {
        "id": ID,
        "teamId": ID,
        "begonnenOp": MOMENT,
        "beeindigdOp": _nullable({**MOMENT, "description": "Leeg zolang hij bezig is."}),
        "open": {"type": "boolean", "description": "De stand-up is begonnen en nog bezig."},
        "duurMinuten": _nullable(
            {"type": "integer", "minimum": 0, "description": "Leeg zolang hij bezig is."}
        ),
        "voorzitter": _nullable_ref("Persoon", "Wie de stand-up begon en leidde."),
        "webUrl": {
            **URI,
            "description": "De stand-up-pagina zolang hij bezig is, daarna zijn plek in het "
            "archief van het team.",
        },
        "_links": {"type": "object", "required": ["self"], "properties": {"self": link}},
    }
    entry = {
        "type": "object",
        "required": ["id", "tekst", "auteur", "aangemaakt"],
        "properties": {
            "id": ID,
            "tekst": {"type": "string", "maxLength": ENTRY_TEXT_MAX},
            "auteur": _nullable_ref("Persoon", "Wie het opschreef."),
            "aangemaakt": MOMENT,
        },
    }
    return {
        "Persoon": {
            "type": "object",
            "required": ["id", "naam"],
            "properties": {"id": ID, "naam": {"type": "string"}},
        },
        "Team": {
            "type": "object",
            "required": ["id", "naam", "keten", "borden", "volgendeStandUp", "webUrl", "_links"],
            "properties": {
                "id": ID,
                "naam": {"type": "string"},
                "keten": {
                    "type": "object",
                    "required": ["id", "naam"],
                    "properties": {"id": ID, "naam": {"type": "string"}},
                },
                "borden": {
                    "type": "array",
                    "description": "De borden die de houder van de sleutel mag zien: een bord "
                    "alleen voor het team zien alleen het team en managers.",
                    "items": {
                        "type": "object",
                        "required": ["id", "naam", "webUrl", "_links"],
                        "properties": {
                            "id": ID,
                            "naam": {"type": "string"},
                            "webUrl": URI,
                            "_links": {
                                "type": "object",
                                "required": ["self"],
                                "properties": {"self": link},
                            },
                        },
                    },
                },
                "volgendeStandUp": _nullable(
                    {
                        **MOMENT,
                        "description": "Het volgende moment van de vaste dag en tijd van het "
                        "team; leeg zonder vaste dag en tijd, of als je de stand-ups van dit "
                        "team niet kunt zien.",
                    }
                ),
                "webUrl": {**URI, "description": "De pagina van het team in de app."},
                "_links": {
                    "type": "object",
                    "properties": {"standUps": link},
                    "description": "standUps ontbreekt als de stand-ups van het team alleen "
                    "voor het team zelf zijn.",
                },
            },
        },
        "TeamsLijst": {
            **_list("teams", "Team"),
            "description": "De actieve teams, per keten en op naam.",
        },
        "StandUp": {
            "type": "object",
            "required": standup_required,
            "properties": standup_properties,
        },
        "StandUpDetail": {
            "type": "object",
            "required": [
                *standup_required,
                "aanwezigen",
                "aantekeningen",
                "notities",
                "besluiten",
                "actiepunten",
                "agenda",
            ],
            "properties": {
                **standup_properties,
                "aanwezigen": {"type": "array", "items": person},
                "aantekeningen": _nullable(
                    {
                        "type": "string",
                        "maxLength": NOTES_MAX,
                        "description": "Wat bij het afronden werd opgeschreven.",
                    }
                ),
                "notities": {"type": "array", "items": entry},
                "besluiten": {"type": "array", "items": entry},
                "actiepunten": {
                    "type": "array",
                    "items": _ref("schemas", "Actiepunt"),
                    "description": "De actiepunten die op deze stand-up zijn afgesproken.",
                },
                "agenda": _nullable(
                    {
                        "type": "object",
                        "description": "De agenda zoals hij was toen de stand-up werd "
                        "afgerond, met `versie` (nu 1), `van`, `tot`, `borden`, `actiepunten` "
                        "(elk `id`, `tekst`, `eigenaar` als naam, `deadline`, `gedaan`, `teLaat`), "
                        "`geblokkeerd`, `kolommen`, `wip` en `ideeen`; zonder de borden die "
                        "alleen voor het team zijn voor wie niet in het team zit. Leeg zolang "
                        "hij bezig is en bij stand-ups van vóór deze functie.",
                    }
                ),
            },
        },
        "StandUpsPagina": {
            **_list("standUps", "StandUp", HISTORY_PAGE),
            "description": "Een pagina stand-ups, de nieuwste eerst.",
        },
        "Actiepunt": {
            "type": "object",
            "required": [
                "id",
                "tekst",
                "teamId",
                "standUpId",
                "eigenaar",
                "deadline",
                "teLaat",
                "klaar",
                "klaarOp",
                "kaartId",
                "webUrl",
            ],
            "properties": {
                "id": ID,
                "tekst": {"type": "string", "maxLength": ACTION_TEXT_MAX},
                "teamId": ID,
                "standUpId": _nullable(
                    {**ID, "description": "De stand-up waarop het is afgesproken."}
                ),
                "eigenaar": _nullable_ref("Persoon", "Wie het oppakt."),
                "deadline": _nullable({"type": "string", "format": "date"}),
                "teLaat": {"type": "boolean", "description": "Open en de deadline is voorbij."},
                "klaar": {"type": "boolean"},
                "klaarOp": _nullable(MOMENT),
                "kaartId": _nullable({**ID, "description": "De kaart die ervan is gemaakt."}),
                "webUrl": {
                    **URI,
                    "description": "Open: de stand-up-pagina van het team; klaar: de stand-up "
                    "in het archief.",
                },
            },
        },
        "ActiepuntenPagina": {
            **_list("actiepunten", "Actiepunt", ACTION_ITEMS_PAGE),
            "description": "Een pagina actiepunten: open eerst, dan op deadline (zonder "
            "deadline achteraan) en ouderdom.",
        },
    }


def standup_paths() -> dict[str, Any]:
    """The operations on teams, their stand-ups and action items."""
    secured: list[dict[str, list[str]]] = [{"bearerAuth": []}]

    def path_id(name: str, description: str) -> dict[str, Any]:
        return {
            "name": name,
            "in": "path",
            "required": True,
            "description": description,
            "schema": ID,
        }

    def query(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "name": name,
            "in": "query",
            "required": False,
            "description": description,
            "schema": schema,
        }

    def operation(
        operation_id: str, summary: str, responses: dict[str, Any], **extra: Any
    ) -> dict[str, Any]:
        return {
            "operationId": operation_id,
            "summary": summary,
            "tags": ["Stand-ups"],
            "security": secured,
            "responses": responses,
            **extra,
        }

    private = (
        "Zijn alle borden van het team alleen voor het team, dan bestaan zijn stand-ups "
        "niet (404) voor wie niet in het team zit en geen manager is."
    )
    page = query("pagina", "Paginanummer.", {**POSITIVE, "default": 1})
    return {
        "/teams": {
            "get": operation(
                "listTeams",
                "De teams, met hun borden en de volgende stand-up.",
                {"200": _ok("De actieve teams.", "TeamsLijst"), **_errors(401)},
            ),
        },
        "/teams/{id}/stand-ups": {
            "parameters": [path_id("id", "Nummer van het team.")],
            "get": operation(
                "listStandUps",
                "De stand-ups van een team, de nieuwste (of de lopende) eerst.",
                {
                    "200": _ok(
                        f"Een pagina van hoogstens {HISTORY_PAGE} stand-ups met links naar de "
                        "vorige en volgende pagina.",
                        "StandUpsPagina",
                    ),
                    **_errors(400, 401, 404),
                },
                description=private,
                parameters=[
                    query(
                        "zoek",
                        "Alleen stand-ups met deze tekst in de aantekeningen, notities, "
                        "besluiten of actiepunten.",
                        {"type": "string", "maxLength": SEARCH_MAX},
                    ),
                    page,
                ],
            ),
        },
        "/teams/{teamId}/stand-ups/{id}": {
            "parameters": [
                path_id("teamId", "Nummer van het team."),
                path_id("id", "Nummer van de stand-up."),
            ],
            "get": operation(
                "getStandUp",
                "Eén stand-up: wie er waren, wat er werd genoteerd, besloten en afgesproken, "
                "en de agenda.",
                {"200": _ok("De stand-up.", "StandUpDetail"), **_errors(401, 404)},
                description=private,
            ),
        },
        "/actiepunten": {
            "get": operation(
                "listActiepunten",
                "De actiepunten van de teams waarvan je de stand-ups mag zien.",
                {
                    "200": _ok(
                        f"Een pagina van hoogstens {ACTION_ITEMS_PAGE} actiepunten.",
                        "ActiepuntenPagina",
                    ),
                    **_errors(400, 401),
                },
                parameters=[
                    query("eigenaarId", "Alleen de actiepunten van deze persoon.", POSITIVE),
                    query(
                        "open",
                        "true: alleen open actiepunten; false: alleen afgevinkte.",
                        {"type": "boolean"},
                    ),
                    query("teamId", "Alleen de actiepunten van dit team.", POSITIVE),
                    page,
                ],
            ),
        },
    }
