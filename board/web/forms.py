"""Form helpers: show a service's error next to its field."""

from __future__ import annotations

from flask_wtf import FlaskForm

from board.errors import DomainError


def attach_error(form: FlaskForm, error: DomainError) -> None:
    """Put a domain error on the field it names, or on the form as a whole."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None and hasattr(field, "errors"):
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)
