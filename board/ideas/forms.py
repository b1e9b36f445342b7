"""Forms of the ideas area. They parse; the services decide what is allowed."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.widgets import CheckboxInput, ListWidget

from board.web.setup import MAX_ID


def perspective_choices():
    return [
        ("klant", _l("Klant")),
        ("medewerker", _l("Medewerker")),
        ("proces", _l("Proces")),
        ("financieel", _l("Financieel")),
    ]


def source_choices():
    return [
        ("medewerker", _l("Medewerker")),
        ("klantpanel", _l("Klantpanel")),
        ("clientenraad", _l("Cliëntenraad")),
        ("wijkteam", _l("Wijkteam")),
        ("inwoner", _l("Inwoner")),
        ("ondernemer", _l("Ondernemer")),
        ("overig", _l("Overig")),
    ]


def status_choices():
    return [
        ("nieuw", _l("Nieuw")),
        ("in_behandeling", _l("In behandeling")),
        ("gepland", _l("Gepland")),
        ("in_uitvoering", _l("In uitvoering")),
        ("gerealiseerd", _l("Gerealiseerd")),
        ("afgewezen", _l("Afgewezen")),
        ("samengevoegd", _l("Samengevoegd")),
    ]


def optional_int(value):
    """'' → None, '12' → 12; anything else, or an id no database can hold, → -1 (no such row:
    the service then says what is wrong)."""
    if value in (None, "", "None"):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return -1
    return number if abs(number) <= MAX_ID else -1


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class IdeaForm(FlaskForm):
    title = StringField(_l("Titel"))
    body = TextAreaField(_l("Toelichting"))
    perspectives = MultiCheckboxField(
        _l("Perspectieven"), choices=perspective_choices(), validate_choice=False
    )
    source = SelectField(
        _l("Bron"), choices=source_choices(), validate_choice=False, default="medewerker"
    )
    team_id = SelectField(
        _l("Voor welk team (optioneel)"), coerce=optional_int, validate_choice=False
    )
    tags = StringField(_l("Tags (optioneel)"))
    anonymous = BooleanField(_l("Dien in zonder dat mijn naam zichtbaar is"))
    submission_key = HiddenField()


class CommentForm(FlaskForm):
    body = TextAreaField(_l("Reactie"))


class HideCommentForm(FlaskForm):
    reason = StringField(_l("Reden"))


class StatusForm(FlaskForm):
    status = SelectField(_l("Status"), choices=status_choices(), validate_choice=False)
    reason = TextAreaField(_l("Reden (verplicht bij afwijzen; de indiener ziet deze)"))


class TriageForm(FlaskForm):
    team_id = SelectField(_l("Team"), coerce=optional_int, validate_choice=False)
    perspectives = MultiCheckboxField(
        _l("Perspectieven"), choices=perspective_choices(), validate_choice=False
    )
    impact = SelectField(
        _l("Impact (1–5)"),
        coerce=optional_int,
        validate_choice=False,
        choices=[("", "—")] + [(str(i), str(i)) for i in range(1, 6)],
    )
    effort = SelectField(
        _l("Inspanning (1–5)"),
        coerce=optional_int,
        validate_choice=False,
        choices=[("", "—")] + [(str(i), str(i)) for i in range(1, 6)],
    )


class MergeForm(FlaskForm):
    target_id = StringField(_l("Nummer van het idee waarin dit idee opgaat"))


class BulkTriageForm(FlaskForm):
    """What to do with the ideas ticked in the inbox; empty means "do not change"."""

    status = SelectField(
        _l("Status van de selectie"),
        choices=[("", _l("Status niet wijzigen"))] + status_choices()[:-1],
        validate_choice=False,
    )
    reason = StringField(_l("Reden (verplicht bij afwijzen)"))
    team_id = SelectField(_l("Team van de selectie"), coerce=optional_int, validate_choice=False)
    selected: set[int] = set()
