"""The translations stay complete: the catalogs follow the source, English covers every message,
placeholders survive translation, and a page really comes out in the language asked for.

When a test here fails after you added or changed a text: run `make extract-messages`, translate
the new entries in translations/en (and fy where you can), then `make translations`.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import url_for
from flask_babel import get_babel

from board.config import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"
# The same keywords as `make extract-messages` (pybabel's defaults plus `-k _l -k lazy_gettext`).
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}

# Python %-style placeholders: %(name)s, %(n)d, %s, %5.2f, ... (%% is a literal percent sign).
PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")


def po_path(lang: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"


def load(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=lang)


def ident(message_id: str | tuple[str, ...] | list[str]) -> str | tuple[str, ...]:
    """A msgid as a hashable value: the text, or (singular, plural) for a plural message."""
    return message_id if isinstance(message_id, str) else tuple(message_id)


def key(message_id: str | tuple[str, ...] | list[str]) -> str:
    """Catalogs are keyed by the singular msgid."""
    return message_id if isinstance(message_id, str) else message_id[0]


def show(message_id: str | tuple[str, ...] | list[str]) -> str:
    return repr(ident(message_id))


def forms(string: str | tuple[str, ...] | list[str] | None) -> list[str]:
    """The msgstr as a list: one entry, or one per plural form."""
    if string is None:
        return []
    return [string] if isinstance(string, str) else list(string)


def placeholders(text: str) -> Counter:
    return Counter(m.group(0) for m in PLACEHOLDER.finditer(text) if m.group(0) != "%%")


@pytest.fixture(scope="session")
def template() -> Catalog:
    return load(TEMPLATE)


@pytest.fixture(scope="session")
def compiled_catalogs(app):
    """The .mo files, compiled here when missing or older than their .po (plain `pytest` without
    `make translations`). Written to a temporary file first so parallel runs never read half a
    file; the app's cached translations are dropped so the fresh files are used."""
    compiled = False
    for lang in LANGUAGES:
        po = po_path(lang)
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        catalog = load(po, lang)
        fd, tmp = tempfile.mkstemp(dir=mo.parent, suffix=".mo.tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                write_mo(fh, catalog)
            os.chmod(tmp, 0o644)
            os.replace(tmp, mo)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        compiled = True
    if compiled:
        with app.app_context():
            get_babel(app).instance.domain_instance.cache.clear()


def test_every_language_has_a_catalog_that_follows_the_template(template):
    """Each catalog holds every message of messages.pot (i.e. `pybabel update` was run)."""
    wanted = {key(m.id) for m in template if m.id}
    for lang in LANGUAGES:
        path = po_path(lang)
        assert path.exists(), f"{path.relative_to(ROOT)} is missing; run `make extract-messages`"
        have = {key(m.id) for m in load(path, lang) if m.id}
        missing = sorted(wanted - have)
        assert not missing, (
            f"translations/{lang} lacks {len(missing)} message(s); run `make extract-messages`:\n"
            + "\n".join(map(repr, missing))
        )


def test_english_translates_every_message(template):
    english = load(po_path("en"), "en")
    untranslated = []
    for message in template:
        if not message.id:
            continue
        found = english.get(key(message.id))
        strings = [] if found is None else forms(found.string)
        if (
            found is None
            or found.fuzzy
            or not strings
            or not all(s.strip() for s in strings)
            or (message.pluralizable and len(strings) != english.num_plurals)
        ):
            untranslated.append(show(message.id))
    assert not untranslated, (
        f"{len(untranslated)} message(s) without a (complete, non-fuzzy) English translation in "
        "translations/en/LC_MESSAGES/messages.po:\n" + "\n".join(untranslated)
    )


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "nl"])
def test_translations_keep_the_placeholders(lang):
    """A msgstr uses exactly the placeholders of its msgid (each plural form those of the plural
    msgid); a lost or renamed %(name)s would raise or show the wrong value at run time."""
    catalog = load(po_path(lang), lang)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        msgid = ident(message.id)
        expected = placeholders(msgid if isinstance(msgid, str) else msgid[1])
        for form in forms(message.string):
            if form and placeholders(form) != expected:
                problems.append(f"{show(message.id)} -> {form!r}")
    # Babel's own checks too (python-format flags, number of plural forms).
    for message, errors in catalog.check():
        problems.extend(f"{show(message.id)}: {error}" for error in errors)
    assert not problems, f"translations/{lang}: placeholders differ:\n" + "\n".join(problems)


def test_template_is_up_to_date_with_the_source(template):
    """messages.pot holds exactly the texts in the code and templates. Fails when someone adds or
    changes a text without running `make extract-messages`."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh, filename="babel.cfg")
    in_source: dict[str, str | tuple[str, ...]] = {}
    for filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        assert not filename.startswith((".venv", "bench")), f"{filename} must not be scanned"
        in_source.setdefault(key(message), ident(message))
    in_template = {key(m.id): ident(m.id) for m in template if m.id}

    missing = sorted(set(in_source) - set(in_template))
    stale = sorted(set(in_template) - set(in_source))
    changed_plural = sorted(
        k for k in set(in_source) & set(in_template) if in_source[k] != in_template[k]
    )
    report = []
    if missing:
        report.append(f"not in messages.pot ({len(missing)}):\n" + "\n".join(map(repr, missing)))
    if stale:
        report.append(f"no longer in the source ({len(stale)}):\n" + "\n".join(map(repr, stale)))
    if changed_plural:
        report.append(
            "plural form added, removed or changed:\n"
            + "\n".join(f"{in_template[k]!r} -> {in_source[k]!r}" for k in changed_plural)
        )
    assert not report, (
        "translations/messages.pot is out of date; run `make extract-messages` and translate "
        "the new messages.\n" + "\n".join(report)
    )


@pytest.mark.parametrize(
    ("accept", "lang", "sign_in"),
    [
        ("en", "en", "Sign in"),
        ("fy", "fy", "Oanmelde"),
        ("nl", "nl", "Inloggen"),
        ("en-GB,en;q=0.9", "en", "Sign in"),
    ],
)
def test_sign_in_page_speaks_the_browser_language(compiled_catalogs, web, accept, lang, sign_in):
    with web.app.test_request_context():
        login_url = url_for("accounts.login")
    response = web.get(login_url, headers={"Accept-Language": accept})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'<html lang="{lang}"' in html
    assert f">{sign_in}<" in html
