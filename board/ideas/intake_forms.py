"""Forms of public intake and moderation. They parse; the services decide what is allowed."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, SelectField, StringField, TextAreaField

from board.ideas.forms import MultiCheckboxField, perspective_choices, source_choices


class IntakeLinkForm(FlaskForm):
    """A new intake link: its name, its source and the team or chain it is for."""

    label = StringField(_l("Naam van de link"))
    source = SelectField(
        _l("Bron van de ideeën"),
        choices=source_choices(),
        validate_choice=False,
        default="klantpanel",
    )
    # "team-3" or "chain-2": one list, so a link is always for exactly one of them.
    target = SelectField(_l("Voor welk team of welke keten"), validate_choice=False)


class PublicIdeaForm(FlaskForm):
    """The public form behind an intake link; `website` is the honeypot people never see."""

    title = StringField(_l("Uw idee in één zin"))
    body = TextAreaField(_l("Toelichting (optioneel)"))
    perspectives = MultiCheckboxField(
        _l("Waar gaat het over? (optioneel)"), choices=perspective_choices(), validate_choice=False
    )
    contact_email = EmailField(_l("Uw e-mailadres (optioneel)"))
    website = StringField(_l("Laat dit veld leeg"))
    stamp = HiddenField()
    submission_key = HiddenField()


class DeclineForm(FlaskForm):
    """Declining a waiting idea needs a reason."""

    reason = TextAreaField(_l("Reden van weigeren"))
