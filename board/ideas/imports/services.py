"""Write side of idea imports: keep an upload, choose its mapping, check every row, import.

The steps are plain typed functions (the web routes and a command line can both use them);
they raise IdeaImportError with a Dutch message, flush and never commit.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import gettext as _
from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError

from board.accounts.models import User
from board.clock import now
from board.errors import Conflict
from board.extensions import db
from board.ideas import search
from board.ideas.imports.mapping import (
    FIELDS,
    Mapping,
    fold,
    guess_mapping,
    import_key,
    parse_date,
    parse_perspectives,
    parse_source,
    parse_votes,
)
from board.ideas.imports.models import IMPORTED, PREVIEW, IdeaImport, ImportedIdea
from board.ideas.imports.parsing import IdeaImportError, parse_upload
from board.ideas.models import (
    BODY_MAX,
    SOURCES,
    TITLE_MAX,
    VISIBLE,
    Idea,
    IdeaEvent,
    IdeaPerspective,
)
from board.org import queries as org_queries
from board.org.models import Team

__all__ = [
    "IdeaImportError",
    "Preview",
    "RowResult",
    "create_import",
    "guess_mapping",
    "preview_import",
    "run_import",
    "save_mapping",
]


PREVIEW_DAYS = 7


def _clean_filename(filename: str) -> str:
    """The file's own name, without a path some browsers send along."""
    name = re.split(r"[\\/]", filename or "")[-1]
    return " ".join(name.split())[:255] or "bestand"


def create_import(actor: User | None, filename: str, data: bytes, sheet: str = "") -> IdeaImport:
    """Read an uploaded list and keep it, with a guessed mapping, for the next steps.

    Uploads nobody went on to import are removed after PREVIEW_DAYS, with the lists they hold.
    """
    parsed = parse_upload(filename, data, sheet)
    db.session.execute(
        delete(IdeaImport).where(
            IdeaImport.status == PREVIEW,
            IdeaImport.created_at < now() - timedelta(days=PREVIEW_DAYS),
        )
    )
    upload = IdeaImport(
        created_by_id=getattr(actor, "id", None),
        created_at=now(),
        filename=_clean_filename(filename),
        file_format=parsed.file_format,
        sheet_name=parsed.sheet_name[:31],
        columns_json=json.dumps(parsed.header, ensure_ascii=False),
        rows_json=json.dumps(
            {"rows": parsed.rows, "numbers": parsed.row_numbers, "sheets": parsed.sheet_names},
            ensure_ascii=False,
        ),
        row_count=len(parsed.rows),
        mapping_json=json.dumps(guess_mapping(parsed.header).to_json()),
        status=PREVIEW,
    )
    db.session.add(upload)
    db.session.flush()
    return upload


def columns_of(upload: IdeaImport) -> list[str]:
    """The header of the uploaded file."""
    return list(json.loads(upload.columns_json))


def _rows_of(upload: IdeaImport) -> tuple[list[list[str]], list[int]]:
    data = json.loads(upload.rows_json)
    rows = data["rows"]
    numbers = data.get("numbers") or list(range(2, len(rows) + 2))
    return rows, numbers


def sheets_of(upload: IdeaImport) -> list[str]:
    """The sheet names of an uploaded workbook (empty for CSV)."""
    return list(json.loads(upload.rows_json).get("sheets") or [])


def mapping_of(upload: IdeaImport) -> Mapping:
    """The mapping chosen (or guessed) for an upload."""
    return Mapping.from_json(json.loads(upload.mapping_json or "{}"))


def _still_open(upload: IdeaImport) -> None:
    if upload.status != PREVIEW:
        raise Conflict(_("Dit bestand is al geïmporteerd."))


def save_mapping(
    upload: IdeaImport,
    columns: dict[str, int | None],
    default_source: str,
    default_team_id: int | None,
) -> Mapping:
    """Keep which column feeds which field; the title needs a column, a column one field."""
    _still_open(upload)
    width = len(columns_of(upload))
    problems: list[tuple[str, str]] = []
    clean: dict[str, int | None] = dict.fromkeys(FIELDS)
    header = columns_of(upload)
    used: dict[int, str] = {}
    for name in FIELDS:
        index = columns.get(name)
        if index is None:
            continue
        if not 0 <= index < width:
            problems.append((name, _("Kies een kolom uit het bestand.")))
            continue
        if index in used:
            problems.append(
                (
                    name,
                    _(
                        "De kolom ‘%(column)s’ is al voor een ander veld gekozen.",
                        column=header[index],
                    ),
                )
            )
            continue
        used[index] = name
        clean[name] = index
    if clean["title"] is None and not any(f == "title" for f, _m in problems):
        problems.append(("title", _("Kies de kolom met de titel van de ideeën.")))
    if default_source not in SOURCES:
        problems.append(("default_source", _("Kies een bestaande bron.")))
    if default_team_id is not None:
        team = org_queries.get_team(default_team_id)
        if team is None or not team.active:
            problems.append(("default_team_id", _("Kies een bestaand team.")))
    mapping = Mapping(columns=clean, default_source=default_source, default_team_id=default_team_id)
    if problems:
        error = IdeaImportError(problems[0][1], problems[0][0])
        error.problems = problems  # type: ignore[attr-defined]
        raise error
    upload.mapping_json = json.dumps(mapping.to_json())
    db.session.flush()
    return mapping


@dataclass
class RowResult:
    """One row as it will be imported, with everything wrong with it."""

    number: int
    title: str = ""
    body: str = ""
    perspectives: list[str] = field(default_factory=list)
    source: str = "medewerker"
    team: Team | None = None
    created: date | None = None
    votes: int = 0
    key: str = ""
    problems: list[str] = field(default_factory=list)
    duplicate_of: int | None = None  # an earlier row of this file
    already_present: bool = False

    @property
    def outcome(self) -> str:
        if self.problems:
            return "error"
        if self.already_present or self.duplicate_of is not None:
            return "skip"
        return "add"


@dataclass
class Preview:
    """Every row checked, and how many will be added, skipped and refused."""

    rows: list[RowResult]

    def _count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)

    @property
    def added(self) -> int:
        return self._count("add")

    @property
    def skipped(self) -> int:
        return self._count("skip")

    @property
    def errors(self) -> int:
        return self._count("error")

    @property
    def error_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.problems]


def _team_lookup() -> dict[str, list[Team]]:
    """Active teams by folded name, and by 'name (chain)' as the export writes them."""
    lookup: dict[str, list[Team]] = {}
    for team in org_queries.list_teams(False):
        for name in (team.name, f"{team.name} ({team.chain.name})"):
            lookup.setdefault(fold(name), []).append(team)
    return lookup


def _cell(row: list[str], index: int | None) -> str:
    return row[index] if index is not None and index < len(row) else ""


def _check_row(
    number: int, row: list[str], mapping: Mapping, teams: dict[str, list[Team]], today: date
) -> RowResult:
    columns = mapping.columns
    result = RowResult(number=number)
    problems = result.problems
    result.title = " ".join(_cell(row, columns["title"]).split())
    result.body = _cell(row, columns["body"]).replace("\r\n", "\n").strip()
    if not result.title:
        problems.append(_("De titel ontbreekt."))
    elif len(result.title) > TITLE_MAX:
        problems.append(
            _("De titel is %(m)d tekens; hoogstens %(n)d.", m=len(result.title), n=TITLE_MAX)
        )
    if len(result.body) > BODY_MAX:
        problems.append(
            _("De toelichting is %(m)d tekens; hoogstens %(n)d.", m=len(result.body), n=BODY_MAX)
        )
    result.perspectives, unknown = parse_perspectives(_cell(row, columns["perspectives"]))
    for name in unknown:
        problems.append(
            _(
                "Onbekend perspectief ‘%(value)s’: kies uit Klant, Medewerker, Proces en "
                "Financieel.",
                value=name[:40],
            )
        )
    raw_source = _cell(row, columns["source"]).strip()
    if raw_source:
        source = parse_source(raw_source)
        if source is None:
            problems.append(
                _(
                    "Onbekende bron ‘%(value)s’: kies uit medewerker, klantpanel, cliëntenraad, "
                    "wijkteam, inwoner, ondernemer of overig.",
                    value=raw_source[:40],
                )
            )
        else:
            result.source = source
    else:
        result.source = mapping.default_source
    raw_team = _cell(row, columns["team"]).strip()
    if raw_team:
        found = teams.get(fold(raw_team), [])
        if len(found) == 1:
            result.team = found[0]
        elif found:
            problems.append(
                _(
                    "Er zijn meer teams met de naam ‘%(value)s’; schrijf ‘team (keten)’.",
                    value=raw_team[:60],
                )
            )
        else:
            problems.append(_("Onbekend team ‘%(value)s’.", value=raw_team[:60]))
    elif mapping.default_team_id is not None:
        result.team = next(
            (t for ts in teams.values() for t in ts if t.id == mapping.default_team_id), None
        )
    raw_date = _cell(row, columns["date"]).strip()
    if raw_date:
        result.created = parse_date(raw_date)
        if result.created is None:
            problems.append(
                _(
                    "Ongeldige datum ‘%(value)s’: schrijf dd-mm-jjjj of jjjj-mm-dd.",
                    value=raw_date[:30],
                )
            )
        elif result.created > today:
            problems.append(
                _(
                    "De datum %(value)s ligt in de toekomst.",
                    value=result.created.strftime("%d-%m-%Y"),
                )
            )
    raw_votes = _cell(row, columns["votes"])
    votes = parse_votes(raw_votes)
    if votes is None:
        problems.append(
            _(
                "Stemmen moet een heel getal van 0 of meer zijn, niet ‘%(value)s’.",
                value=raw_votes.strip()[:20],
            )
        )
    else:
        result.votes = votes
    result.key = import_key(result.title, result.body, result.created)
    return result


def _present_keys(keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), 500):  # stay under the database's bound-parameter limit
        chunk = keys[start : start + 500]
        found.update(
            db.session.scalars(
                select(ImportedIdea.import_key).where(ImportedIdea.import_key.in_(chunk))
            )
        )
    return found


def preview_import(upload: IdeaImport) -> Preview:
    """Check every row with the chosen mapping; mark rows that are already in the inbox."""
    mapping = mapping_of(upload)
    rows, numbers = _rows_of(upload)
    teams = _team_lookup()
    today = now().date()
    results = [_check_row(n, r, mapping, teams, today) for n, r in zip(numbers, rows, strict=False)]
    present = _present_keys([r.key for r in results if not r.problems])
    first_row: dict[str, int] = {}
    for result in results:
        if result.problems:
            continue
        if result.key in present:
            result.already_present = True
        elif result.key in first_row:
            result.duplicate_of = first_row[result.key]
        else:
            first_row[result.key] = result.number
    return Preview(results)


def _moment(day: date | None, fallback: datetime) -> datetime:
    if day is None:
        return fallback
    return min(datetime.combine(day, time(12, 0), tzinfo=UTC), fallback)


def run_import(upload_id: int, actor: User | None) -> IdeaImport:
    """Import every row without problems in one go; a second call (double click) adds nothing.

    The upload's row is locked first, so two requests for the same upload run one after the
    other and the second finds it imported.
    """
    upload = db.session.scalar(
        select(IdeaImport)
        .where(IdeaImport.id == upload_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if upload is None:
        raise IdeaImportError(_("Deze import bestaat niet (meer)."))
    if upload.status == IMPORTED:
        return upload
    preview = preview_import(upload)
    to_add = [r for r in preview.rows if r.outcome == "add"]
    moment = now()
    try:
        with db.session.begin_nested():
            ids = _insert_ideas(upload, actor, to_add, moment) if to_add else []
    except IntegrityError:
        raise Conflict(
            _(
                "Een deel van deze ideeën is net door iemand anders geïmporteerd. Bekijk het "
                "voorbeeld opnieuw."
            )
        ) from None
    upload.status = IMPORTED
    upload.imported_at = moment
    # The rows are in the inbox now (or refused); the copy of the old list need not stay.
    upload.rows_json = json.dumps({"rows": [], "numbers": [], "sheets": sheets_of(upload)})
    upload.added_count = len(ids)
    upload.skipped_count = preview.skipped
    upload.error_count = preview.errors
    from board.audit.services import record_event

    record_event(
        "idea_import.run",
        actor=actor,
        object_type="idea_import",
        object_id=upload.id,
        object_label=upload.filename,
        detail=f"added={len(ids)} skipped={preview.skipped} errors={preview.errors}",
    )
    db.session.flush()
    return upload


def _insert_ideas(
    upload: IdeaImport, actor: User | None, rows: list[RowResult], moment: datetime
) -> list[int]:
    """Bulk inserts: the ideas (ids back in order), perspectives, keys, events, search."""
    values = []
    for r in rows:
        created = _moment(r.created, moment)
        values.append(
            {
                "title": r.title,
                "body": r.body,
                "source": r.source,
                "status": "nieuw",
                "moderation": VISIBLE,
                "chain_id": r.team.chain_id if r.team else None,
                "team_id": r.team.id if r.team else None,
                "submitter_id": None,
                "anonymous": False,
                "decision_reason": "",
                "vote_count": r.votes,
                "imported_vote_count": r.votes,
                "comment_count": 0,
                "last_activity_at": created,
                "created_at": created,
                "updated_at": moment,
            }
        )
    ids = list(
        db.session.scalars(insert(Idea).returning(Idea.id, sort_by_parameter_order=True), values)
    )
    perspectives = [
        {"idea_id": i, "perspective": p}
        for i, r in zip(ids, rows, strict=True)
        for p in r.perspectives
    ]
    if perspectives:
        db.session.execute(insert(IdeaPerspective), perspectives)
    db.session.execute(
        insert(ImportedIdea),
        [
            {"idea_id": i, "import_id": upload.id, "import_key": r.key, "row_number": r.number}
            for i, r in zip(ids, rows, strict=True)
        ],
    )
    db.session.execute(
        insert(IdeaEvent),
        [
            {
                "idea_id": i,
                "actor_id": getattr(actor, "id", None),
                "kind": "imported",
                "from_value": "",
                "to_value": upload.filename[:200],
                "created_at": moment,
            }
            for i in ids
        ],
    )
    search.index_new_ideas([(i, r.title, r.body) for i, r in zip(ids, rows, strict=True)])
    return ids
