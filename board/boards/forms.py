"""Forms of the boards area. They parse; the services decide what is allowed."""

from __future__ import annotations

import re
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField

from board.ideas.forms import MultiCheckboxField, optional_int, perspective_choices


def template_choices():
    return [
        ("verbeterbord", _l("Verbeterbord (Ideeën, Plan, Do, Check, Act, Klaar)")),
        ("eenvoudig", _l("Eenvoudig (Te doen, Bezig, Klaar)")),
    ]


def visibility_choices():
    return [
        ("public", _l("Openbaar: iedereen in de gemeente kan het bord lezen")),
        ("private", _l("Alleen voor het team")),
    ]


def wip_policy_choices():
    return [
        ("warn", _l("Waarschuwen en om bevestiging vragen")),
        ("refuse", _l("Weigeren")),
    ]


def parse_due_date(raw: str | None) -> tuple[date | None, str | None]:
    """'' → no date; 2026-03-20 or 20-3-2026 → that date; else an error message."""
    text = (raw or "").strip()
    if not text:
        return None, None
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    dutch = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
    if iso:
        year, month, day = (int(x) for x in iso.groups())
    elif dutch:
        day, month, year = (int(x) for x in dutch.groups())
    else:
        return None, _("Vul een datum in als 20-3-2026.")
    try:
        return date(year, month, day), None
    except ValueError:
        return None, _("Die datum bestaat niet (%(text)s).", text=text)


class BoardForm(FlaskForm):
    team_id = SelectField(_l("Team"), coerce=optional_int, validate_choice=False)
    name = StringField(_l("Naam van het bord"))
    template = SelectField(
        _l("Sjabloon"), choices=template_choices(), validate_choice=False, default="verbeterbord"
    )
    visibility = SelectField(
        _l("Wie kan het bord zien"),
        choices=visibility_choices(),
        validate_choice=False,
        default="public",
    )


class BoardSettingsForm(FlaskForm):
    name = StringField(_l("Naam van het bord"))
    visibility = SelectField(
        _l("Wie kan het bord zien"), choices=visibility_choices(), validate_choice=False
    )
    wip_policy = SelectField(
        _l("Als een kolom over de WIP-limiet gaat"),
        choices=wip_policy_choices(),
        validate_choice=False,
    )


class ColumnForm(FlaskForm):
    name = StringField(_l("Naam"))
    wip_limit = StringField(_l("WIP-limiet (leeg: geen limiet)"))
    is_done = BooleanField(_l("Klaar-kolom: kaarten hier zijn af"))


class RemoveColumnForm(FlaskForm):
    target_column_id = SelectField(
        _l("Kaarten gaan naar"), coerce=optional_int, validate_choice=False
    )


class NewCardForm(FlaskForm):
    title = StringField(_l("Titel van de nieuwe kaart"))


class CardForm(FlaskForm):
    title = StringField(_l("Titel"))
    description = TextAreaField(_l("Beschrijving"))
    owner_ids = MultiCheckboxField(_l("Eigenaren"), coerce=optional_int, validate_choice=False)
    due_date = StringField(_l("Deadline"))
    perspectives = MultiCheckboxField(
        _l("Perspectieven"), choices=perspective_choices(), validate_choice=False
    )
    tags = StringField(_l("Tags"))
    blocked = BooleanField(_l("Geblokkeerd"))
    blocked_reason = StringField(_l("Waarom geblokkeerd"))


class MoveForm(FlaskForm):
    column_id = SelectField(_l("Naar kolom"), coerce=optional_int, validate_choice=False)
    position = SelectField(_l("Plaats"), validate_choice=False)


class ChecklistForm(FlaskForm):
    text = StringField(_l("Nieuw punt op de checklist"))


class CardCommentForm(FlaskForm):
    body = TextAreaField(_l("Reactie"))


class PromoteIdeaForm(FlaskForm):
    board_id = SelectField(_l("Bord"), coerce=optional_int, validate_choice=False)
