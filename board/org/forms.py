"""Forms of the org area."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField


def team_role_choices():
    return [("member", _l("Teamlid")), ("lead", _l("Teamleider"))]


class ChainForm(FlaskForm):
    name = StringField(_l("Naam"))
    description = TextAreaField(_l("Omschrijving"))
    active = BooleanField(_l("Actief"), default=True)


class TeamForm(FlaskForm):
    name = StringField(_l("Naam"))
    chain_id = SelectField(_l("Keten"), coerce=int, validate_choice=False)
    description = TextAreaField(_l("Omschrijving"))
    active = BooleanField(_l("Actief"), default=True)


class MembershipForm(FlaskForm):
    team_id = SelectField(_l("Team"), coerce=int, validate_choice=False)
    role = SelectField(_l("Rol in het team"), choices=team_role_choices(), validate_choice=False)


class MemberForm(FlaskForm):
    """Adding a person to a team from the team's page."""

    person = StringField(_l("E-mailadres van de persoon"))
    role = SelectField(_l("Rol in het team"), choices=team_role_choices(), validate_choice=False)
