"""Forms of the accounts area. They parse; the services decide what is allowed."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField


def role_choices():
    return [("employee", _l("Medewerker")), ("manager", _l("Manager")), ("admin", _l("Beheerder"))]


def language_choices():
    return [("nl", "Nederlands"), ("en", "English"), ("fy", "Frysk")]


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mailadres"))
    password = PasswordField(_l("Wachtwoord"))


class ProfileForm(FlaskForm):
    name = StringField(_l("Naam"))
    language = SelectField(_l("Taal"), choices=language_choices(), validate_choice=False)
    email_notifications = BooleanField(_l("Meldingen over ideeën die ik volg ook per e-mail"))


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField(_l("Huidig wachtwoord"))
    new_password = PasswordField(_l("Nieuw wachtwoord"))
    confirm_password = PasswordField(_l("Herhaal het nieuwe wachtwoord"))


class PasswordResetForm(FlaskForm):
    new_password = PasswordField(_l("Nieuw wachtwoord"))
    confirm_password = PasswordField(_l("Herhaal het nieuwe wachtwoord"))


class UserForm(FlaskForm):
    name = StringField(_l("Naam"))
    email = EmailField(_l("E-mailadres"))
    role = SelectField(_l("Rol"), choices=role_choices(), validate_choice=False)
    language = SelectField(_l("Taal"), choices=language_choices(), validate_choice=False)


class NewUserForm(UserForm):
    password = PasswordField(_l("Wachtwoord (optioneel)"))


class ConfirmForm(FlaskForm):
    """A form with only the CSRF token, for buttons that change something."""

    confirm = BooleanField(default=True)
