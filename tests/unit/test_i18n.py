"""The template helpers for languages give the same text as Flask-Babel, only faster."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask_babel import force_locale, format_datetime, gettext

from board.web.i18n import DATETIME_FORMATS, current_translations, format_local_datetime

MOMENTS = [
    datetime(2026, 3, 29, 0, 30, tzinfo=UTC),  # before the clocks go forward
    datetime(2026, 3, 29, 1, 30, tzinfo=UTC),  # after: 03:30 in Amsterdam
    datetime(2026, 10, 25, 0, 59, tzinfo=UTC),
    datetime(2026, 12, 31, 23, 15),  # a naive value is UTC, as the database stores it
]


@pytest.mark.parametrize("language", ["nl", "en", "fy"])
@pytest.mark.parametrize("fmt", sorted(DATETIME_FORMATS))
def test_local_times_read_as_flask_babel_writes_them(app, language, fmt):
    with app.test_request_context(), force_locale(language):
        for moment in MOMENTS:
            aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
            expected = format_datetime(aware, DATETIME_FORMATS[fmt])
            assert format_local_datetime(moment, fmt) == expected


def test_summer_time_in_amsterdam(app):
    with app.test_request_context(), force_locale("nl"):
        assert format_local_datetime(MOMENTS[1], "short") == "29-3-2026 03:30"
        assert format_local_datetime(None) == ""


def test_the_catalog_follows_a_forced_language(app):
    with app.test_request_context():
        dutch = current_translations().ugettext("Opslaan")
        with force_locale("en"):
            assert current_translations().ugettext("Opslaan") == gettext("Opslaan") == "Save"
        assert current_translations().ugettext("Opslaan") == dutch == "Opslaan"
