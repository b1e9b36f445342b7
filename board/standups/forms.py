"""Forms of the stand-ups area. They parse; the services decide what is allowed."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, TextAreaField

from board.ideas.forms import optional_int


class ActionItemForm(FlaskForm):
    text = TextAreaField(_l("Wat moet er gebeuren"))
    owner_id = SelectField(_l("Wie pakt het op"), coerce=optional_int, validate_choice=False)
    due_date = StringField(_l("Klaar op (datum)"))


class EntryForm(FlaskForm):
    kind = RadioField(
        _l("Soort"),
        choices=[("note", _l("Notitie")), ("decision", _l("Besluit"))],
        default="note",
        validate_choice=False,
    )
    text = TextAreaField(_l("Tekst"))


class FinishForm(FlaskForm):
    notes = TextAreaField(_l("Slotaantekening (mag leeg)"))


def weekday_choices():
    return [
        ("", _l("Geen vaste dag")),
        ("0", _l("maandag")),
        ("1", _l("dinsdag")),
        ("2", _l("woensdag")),
        ("3", _l("donderdag")),
        ("4", _l("vrijdag")),
        ("5", _l("zaterdag")),
        ("6", _l("zondag")),
    ]


class SettingsForm(FlaskForm):
    length_minutes = StringField(_l("Lengte van de stand-up in minuten"))
    weekday = SelectField(_l("Vaste dag"), choices=weekday_choices(), validate_choice=False)
    start_time = StringField(_l("Tijd"))


class DeclineForm(FlaskForm):
    reason = StringField(_l("Reden van afwijzen (de indiener ziet die)"))


class MergeForm(FlaskForm):
    target_id = StringField(_l("Samenvoegen met idee nummer"))


class ChainPeriodForm(FlaskForm):
    """Since when the chain stand-up looks (a GET form: it writes nothing, so no CSRF token)."""

    class Meta:
        csrf = False

    sinds = StringField(_l("Sinds (datum)"))
