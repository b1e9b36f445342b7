"""Forms of the idea import. They parse; the services decide what is allowed."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectField, StringField

from board.ideas.forms import source_choices
from board.ideas.imports.mapping import FIELDS, field_labels


class UploadForm(FlaskForm):
    """Step 1: the file, and optionally which sheet of a workbook."""

    file = FileField(_l("Bestand (.csv of .xlsx)"))
    sheet = StringField(_l("Werkblad (optioneel)"))


class MappingForm(FlaskForm):
    """Step 2: a column of the file for each field, and defaults for empty cells."""

    title = SelectField(validate_choice=False)
    body = SelectField(validate_choice=False)
    perspectives = SelectField(validate_choice=False)
    source = SelectField(validate_choice=False)
    team = SelectField(validate_choice=False)
    date = SelectField(validate_choice=False)
    votes = SelectField(validate_choice=False)
    default_source = SelectField(_l("Bron voor rijen zonder bron"), validate_choice=False)
    default_team_id = SelectField(_l("Team voor rijen zonder team"), validate_choice=False)

    def setup(self, header: list[str], teams: list[tuple[str, str]]) -> MappingForm:
        """Labels and choices: the file's columns, the sources and the active teams."""
        labels = field_labels()
        columns = [("", _l("— niet importeren —"))] + [
            (str(i), name) for i, name in enumerate(header)
        ]
        for name in FIELDS:
            select = getattr(self, name)
            select.label.text = labels[name]
            select.choices = columns
        self.default_source.choices = source_choices()
        self.default_team_id.choices = [("", _l("Geen team"))] + teams
        return self

    def column(self, name: str) -> int | None:
        """The chosen column's index for a field, or None; anything odd is -1 (refused)."""
        raw = getattr(self, name).data
        if raw in (None, "", "None"):
            return None
        try:
            return int(raw)
        except (TypeError, ValueError):
            return -1
