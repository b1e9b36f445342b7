"""The boards part of the OpenAPI document: schemas and paths of /borden and /kaarten."""

from __future__ import annotations

from typing import Any

from board.api.openapi import (
    ID,
    JSON,
    TEXT_LIST,
    _errors,
    _list,
    _nullable,
    _ok,
    _problem_response,
    _ref,
)
from board.boards.models import (
    CARD_DESCRIPTION_MAX,
    CARD_TITLE_MAX,
    NAME_MAX,
    TEMPLATES,
)
from board.ideas.models import PERSPECTIVES

URI = {"type": "string", "format": "uri"}
PERSPECTIVE_LIST = {"type": "array", "items": {"type": "string", "enum": list(PERSPECTIVES)}}


def board_schemas() -> dict[str, Any]:
    """Bord, Kolom, Kaart and the bodies the board routes read."""
    link = _ref("schemas", "Link")
    links = {"type": "object", "required": ["self"], "properties": {"self": link}}
    card_fields = {
        "titel": {"type": "string", "minLength": 1, "maxLength": CARD_TITLE_MAX},
        "beschrijving": {"type": "string", "maxLength": CARD_DESCRIPTION_MAX},
        "deadline": _nullable({"type": "string", "format": "date"}),
        "geblokkeerd": {"type": "boolean"},
        "redenGeblokkeerd": {
            "type": "string",
            "maxLength": 300,
            "description": "Verplicht als geblokkeerd true is.",
        },
        "eigenaarIds": {
            "type": "array",
            "items": ID,
            "description": "Leden van het team van het bord.",
        },
        "perspectieven": PERSPECTIVE_LIST,
        "tags": {**TEXT_LIST, "maxItems": 10},
    }
    return {
        "Bord": {
            "type": "object",
            "required": [
                "id",
                "naam",
                "teamId",
                "sjabloon",
                "zichtbaarheid",
                "wipBeleid",
                "gearchiveerd",
                "versie",
                "webUrl",
                "_links",
            ],
            "properties": {
                "id": ID,
                "naam": {"type": "string", "maxLength": NAME_MAX},
                "teamId": ID,
                "sjabloon": {"type": "string", "enum": list(TEMPLATES)},
                "zichtbaarheid": {"type": "string", "enum": ["openbaar", "team"]},
                "wipBeleid": {"type": "string", "enum": ["waarschuwen", "weigeren"]},
                "gearchiveerd": {"type": "boolean"},
                "versie": {
                    "type": "integer",
                    "minimum": 1,
                    "description": "Gaat omhoog bij elke wijziging op het bord.",
                },
                "aantalOpenKaarten": {"type": "integer", "minimum": 0},
                "kolommen": {"type": "array", "items": _ref("schemas", "Kolom")},
                "webUrl": {**URI, "description": "De pagina van het bord in de app."},
                "_links": links,
            },
        },
        "Kolom": {
            "type": "object",
            "required": [
                "id",
                "naam",
                "positie",
                "wipLimiet",
                "klaar",
                "aantalKaarten",
                "overWipLimiet",
                "kaarten",
            ],
            "properties": {
                "id": ID,
                "naam": {"type": "string"},
                "positie": {"type": "integer", "minimum": 0},
                "wipLimiet": _nullable({"type": "integer", "minimum": 1}),
                "klaar": {"type": "boolean", "description": "Kaarten in deze kolom zijn af."},
                "aantalKaarten": {"type": "integer", "minimum": 0},
                "overWipLimiet": {"type": "boolean"},
                "kaarten": {
                    "type": "array",
                    "items": _ref("schemas", "Kaart"),
                    "description": "De open kaarten, van boven naar beneden.",
                },
            },
        },
        "Kaart": {
            "type": "object",
            "required": [
                "id",
                "titel",
                "beschrijving",
                "bordId",
                "kolomId",
                "versie",
                "deadline",
                "teLaat",
                "geblokkeerd",
                "redenGeblokkeerd",
                "eigenaren",
                "perspectieven",
                "tags",
                "ideeId",
                "inKolomSinds",
                "dagenInKolom",
                "gearchiveerd",
                "aangemaakt",
                "webUrl",
                "_links",
            ],
            "properties": {
                "id": ID,
                "titel": {"type": "string", "maxLength": CARD_TITLE_MAX},
                "beschrijving": {"type": "string", "maxLength": CARD_DESCRIPTION_MAX},
                "bordId": ID,
                "kolomId": ID,
                "versie": {
                    "type": "integer",
                    "minimum": 1,
                    "description": "Stuur deze mee bij een verplaatsing of wijziging.",
                },
                "deadline": _nullable({"type": "string", "format": "date"}),
                "teLaat": {"type": "boolean"},
                "geblokkeerd": {"type": "boolean"},
                "redenGeblokkeerd": _nullable({"type": "string"}),
                "eigenaren": {"type": "array", "items": _ref("schemas", "Eigenaar")},
                "perspectieven": PERSPECTIVE_LIST,
                "tags": TEXT_LIST,
                "ideeId": _nullable(ID),
                "inKolomSinds": {"type": "string", "format": "date-time"},
                "dagenInKolom": {"type": "integer", "minimum": 0},
                "gearchiveerd": {"type": "boolean"},
                "aangemaakt": {"type": "string", "format": "date-time"},
                "webUrl": {**URI, "description": "De pagina van de kaart in de app."},
                "_links": links,
            },
        },
        "Eigenaar": {
            "type": "object",
            "required": ["id", "naam"],
            "properties": {"id": ID, "naam": {"type": "string"}},
        },
        "BordenLijst": _list("borden", "Bord", paged=False),
        "NieuwBord": {
            "type": "object",
            "required": ["teamId", "naam"],
            "additionalProperties": False,
            "properties": {
                "teamId": ID,
                "naam": {"type": "string", "minLength": 1, "maxLength": NAME_MAX},
                "sjabloon": {"type": "string", "enum": list(TEMPLATES), "default": "verbeterbord"},
                "zichtbaarheid": {
                    "type": "string",
                    "enum": ["openbaar", "team"],
                    "default": "openbaar",
                },
            },
        },
        "NieuweKaart": {
            "type": "object",
            "required": ["titel"],
            "additionalProperties": False,
            "properties": {
                **card_fields,
                "kolomId": {**ID, "description": "Standaard de eerste kolom."},
            },
        },
        "KaartWijziging": {
            "type": "object",
            "additionalProperties": False,
            "description": "Alleen de opgegeven eigenschappen veranderen.",
            "properties": {
                **{k: v for k, v in card_fields.items() if k != "titel"},
                "titel": card_fields["titel"],
                "versie": {
                    **ID,
                    "description": "De versie die je zag; anders dan de huidige geeft 409.",
                },
            },
        },
        "Verplaatsing": {
            "type": "object",
            "required": ["kolomId", "naKaartId", "versie"],
            "additionalProperties": False,
            "properties": {
                "kolomId": {**ID, "description": "De kolom (van hetzelfde bord)."},
                "naKaartId": _nullable(
                    {**ID, "description": "De kaart waar deze na komt; null is bovenaan."}
                ),
                "versie": {**ID, "description": "De versie van de kaart die je zag."},
                "overWipLimiet": {
                    "type": "boolean",
                    "default": False,
                    "description": "Toch verplaatsen als de kolom daarmee over de WIP-limiet "
                    "gaat (niet als het bord dat weigert).",
                },
            },
        },
        "IdeeNaarBord": {
            "type": "object",
            "required": ["bordId"],
            "additionalProperties": False,
            "properties": {
                "bordId": {**ID, "description": "Het bord; de kaart komt in de eerste kolom."},
            },
        },
        "VersieConflict": {
            "type": "object",
            "required": ["status", "title", "detail"],
            "properties": {
                "status": {"type": "integer", "enum": [409]},
                "title": {"type": "string"},
                "detail": {"type": "string"},
                "kaartId": ID,
                "kolomId": {**ID, "description": "Waar de kaart nu staat."},
                "versie": {"type": "integer", "description": "De huidige versie van de kaart."},
                "bordUrl": {**URI, "description": "Het bord, om opnieuw te laden."},
            },
        },
    }


def board_paths() -> dict[str, Any]:
    """The operations on boards and cards."""
    secured: list[dict[str, list[str]]] = [{"bearerAuth": []}]

    def path_id(description: str) -> dict[str, Any]:
        return {
            "name": "id",
            "in": "path",
            "required": True,
            "description": description,
            "schema": ID,
        }

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
            "tags": ["Borden"],
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

    conflict = {
        "409": _problem_response(
            "De versie is verouderd (iemand anders wijzigde de kaart: laad het bord opnieuw), "
            "of de kolom gaat over de WIP-limiet.",
            "VersieConflict",
        )
    }
    return {
        "/borden": {
            "get": operation(
                "listBorden",
                "De borden die de houder van de sleutel mag zien.",
                {"200": _ok("De borden, per keten en team.", "BordenLijst"), **_errors(401)},
            ),
            "post": operation(
                "createBord",
                "Een bord maken voor een team, vanuit een sjabloon.",
                {
                    "201": _ok("Het nieuwe bord met zijn kolommen.", "Bord"),
                    **_errors(400, 401, 403, 413),
                },
                body="NieuwBord",
                description="Voor leden van het team en managers.",
            ),
        },
        "/borden/{id}": {
            "parameters": [path_id("Nummer van het bord.")],
            "get": operation(
                "getBord",
                "Eén bord met zijn kolommen en hun open kaarten, op volgorde.",
                {"200": _ok("Het bord.", "Bord"), **_errors(401, 404)},
                description="Een bord alleen voor een team bestaat niet (404) voor anderen.",
            ),
        },
        "/borden/{id}/kaarten": {
            "parameters": [path_id("Nummer van het bord.")],
            "post": operation(
                "createKaart",
                "Een kaart toevoegen, onderaan een kolom.",
                {
                    "201": _ok("De nieuwe kaart.", "Kaart"),
                    **_errors(400, 401, 403, 404, 413),
                },
                body="NieuweKaart",
            ),
        },
        "/ideeen/{id}/kaarten": {
            "parameters": [path_id("Nummer van het idee.")],
            "post": operation(
                "createIdeeKaart",
                "Een idee op een bord zetten: een kaart met de titel en perspectieven van het "
                "idee, die ernaar verwijst.",
                {
                    "201": _ok("De nieuwe kaart.", "Kaart"),
                    **_errors(400, 401, 403, 404, 409, 413),
                },
                body="IdeeNaarBord",
                description="Voor wie het idee mag beoordelen én het bord mag wijzigen. Een idee "
                "krijgt één kaart: een tweede keer geeft 409, net als een volle eerste kolom op "
                "een bord dat de WIP-limiet laat weigeren. Een samengevoegd idee kan niet; "
                "een idee dat op moderatie wacht, of een bord dat je niet mag zien, geeft 404. "
                "Verlaat de kaart later de eerste kolom, dan wordt het idee ‘in uitvoering’; in "
                "een klaar-kolom ‘gerealiseerd’.",
            ),
        },
        "/kaarten/{id}": {
            "parameters": [path_id("Nummer van de kaart.")],
            "get": operation(
                "getKaart", "Eén kaart.", {"200": _ok("De kaart.", "Kaart"), **_errors(401, 404)}
            ),
            "patch": operation(
                "updateKaart",
                "Een kaart wijzigen; alleen wat je stuurt verandert.",
                {
                    "200": _ok("De bijgewerkte kaart.", "Kaart"),
                    **_errors(400, 401, 403, 404, 413),
                    **conflict,
                },
                body="KaartWijziging",
            ),
        },
        "/kaarten/{id}/verplaatsingen": {
            "parameters": [path_id("Nummer van de kaart.")],
            "post": operation(
                "createVerplaatsing",
                "Een kaart verplaatsen naar een plek in een kolom.",
                {
                    "200": _ok("De verplaatste kaart.", "Kaart"),
                    **_errors(400, 401, 403, 404, 413),
                    **conflict,
                },
                body="Verplaatsing",
                description="De server bepaalt de volgorde; stuur de versie van de kaart die je "
                "zag. Is die verouderd, dan volgt 409 met waar de kaart nu staat.",
            ),
        },
    }
