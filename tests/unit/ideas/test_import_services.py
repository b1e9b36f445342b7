"""The import services: row checks in Dutch, one transaction, the same file twice adds nothing,
imported votes count, the search finds imported ideas, and the history and audit log say so."""

from __future__ import annotations

from sqlalchemy import func, select

from board.extensions import db
from board.ideas import queries as idea_queries
from board.ideas import services as idea_services
from board.ideas.imports import services
from board.ideas.imports.models import IdeaImport, ImportedIdea
from board.ideas.models import Idea, IdeaEvent
from board.ideas.queries import InboxFilter
from tests.conftest import audit_events
from tests.factories import make_team, make_user

HEADER = "Titel;Toelichting;Perspectief;Bron;Team;Datum;Stemmen\n"


def csv_bytes(*lines: str, header: str = HEADER) -> bytes:
    return (header + "\n".join(lines) + "\n").encode()


def upload_and_map(actor, data: bytes, name: str = "lijst.csv", **defaults) -> IdeaImport:
    upload = services.create_import(actor, name, data)
    mapping = services.mapping_of(upload)
    services.save_mapping(
        upload,
        mapping.columns,
        defaults.get("default_source", "medewerker"),
        defaults.get("default_team_id"),
    )
    return upload


def test_every_problem_of_a_row_is_listed_in_dutch(clock, lead):
    make_team(name="Burgerzaken")
    long_title = "x" * 121
    data = csv_bytes(
        f"{long_title};{'y' * 5001};Klant, Kwaliteit;Gemeenteraad;Onbekend team;31-02-2024;-2",
        ";zonder titel;;;;;drie",
        "Goed idee;;Klant en Proces;Cliëntenraad;burgerzaken;05-03-2024;4",
        "Uit de toekomst;;;;;01-01-2030;",
    )
    preview = services.preview_import(upload_and_map(lead, data))
    bad, untitled, good, future = preview.rows
    assert bad.problems == [
        "De titel is 121 tekens; hoogstens 120.",
        "De toelichting is 5001 tekens; hoogstens 5000.",
        "Onbekend perspectief ‘Kwaliteit’: kies uit Klant, Medewerker, Proces en Financieel.",
        "Onbekende bron ‘Gemeenteraad’: kies uit medewerker, klantpanel, cliëntenraad, wijkteam, "
        "inwoner, ondernemer of overig.",
        "Onbekend team ‘Onbekend team’.",
        "Ongeldige datum ‘31-02-2024’: schrijf dd-mm-jjjj of jjjj-mm-dd.",
        "Stemmen moet een heel getal van 0 of meer zijn, niet ‘-2’.",
    ]
    assert untitled.problems == [
        "De titel ontbreekt.",
        "Stemmen moet een heel getal van 0 of meer zijn, niet ‘drie’.",
    ]
    assert good.problems == []
    assert (good.perspectives, good.source, good.team.name, good.votes) == (
        ["klant", "proces"],
        "clientenraad",
        "Burgerzaken",
        4,
    )
    assert future.problems == ["De datum 01-01-2030 ligt in de toekomst."]
    assert (preview.added, preview.skipped, preview.errors) == (1, 0, 3)
    assert [r.number for r in preview.error_rows] == [2, 3, 5]


def test_the_mapping_needs_a_title_and_one_column_per_field(lead):
    upload = services.create_import(lead, "x.csv", csv_bytes("Idee;;;;;;"))
    try:
        services.save_mapping(upload, {"title": None, "body": 1}, "medewerker", None)
    except services.IdeaImportError as error:
        assert error.problems == [("title", "Kies de kolom met de titel van de ideeën.")]
    else:
        raise AssertionError("no error without a title column")
    try:
        services.save_mapping(upload, {"title": 0, "body": 0}, "niemand", 999_999)
    except services.IdeaImportError as error:
        assert error.problems == [
            ("body", "De kolom ‘Titel’ is al voor een ander veld gekozen."),
            ("default_source", "Kies een bestaande bron."),
            ("default_team_id", "Kies een bestaand team."),
        ]
    else:
        raise AssertionError("no error for a column used twice")


def test_import_adds_ideas_with_events_audit_and_search(clock, lead):
    team = make_team(name="Klantcontact")
    data = csv_bytes(
        "Terugbelafspraak;Bel mensen terug in plaats van wachten;Klant;klantpanel;;05-03-2024;12",
        "Parkeervergunning digitaal;;Proces;;;2024-01-10;",
        "Zonder titel kan niet;;;;;;x",
    )
    upload = upload_and_map(lead, data, default_team_id=team.id)
    done = services.run_import(upload.id, lead)
    assert (done.status, done.added_count, done.skipped_count, done.error_count) == (
        "imported",
        2,
        0,
        1,
    )
    ideas = list(
        db.session.scalars(
            select(Idea)
            .join(ImportedIdea)
            .where(ImportedIdea.import_id == upload.id)
            .order_by(Idea.id)
        )
    )
    assert [i.title for i in ideas] == ["Terugbelafspraak", "Parkeervergunning digitaal"]
    first = ideas[0]
    assert (first.status, first.moderation, first.submitter_id, first.source) == (
        "nieuw",
        "zichtbaar",
        None,
        "klantpanel",
    )
    assert first.team_id == team.id and first.chain_id == team.chain_id  # the default team
    assert first.created_at.date().isoformat() == "2024-03-05"
    assert (first.vote_count, first.imported_vote_count) == (12, 12)
    assert first.perspectives == ["klant"]
    events = list(db.session.scalars(select(IdeaEvent).where(IdeaEvent.idea_id == first.id)))
    assert [(e.kind, e.actor_id, e.to_value) for e in events] == [
        ("imported", lead.id, "lijst.csv")
    ]
    assert [
        (e.action, e.object_label, e.detail) for e in audit_events(action="idea_import.run")
    ] == [("idea_import.run", "lijst.csv", "added=2 skipped=0 errors=1")]
    found = idea_queries.list_inbox(InboxFilter(q="terugbellen"), lead).ideas
    assert [i.title for i in found] == ["Terugbelafspraak"]


def test_the_same_file_twice_adds_nothing_also_with_its_columns_reordered(clock, lead):
    lines = [
        "Loket eerder open;Om 8 uur;;;;05-03-2024;3",
        "Loket eerder open;Om 8 uur;;;;05-03-2024;3",
    ]
    first = upload_and_map(lead, csv_bytes(*lines))
    assert services.preview_import(first).skipped == 1  # the second line repeats the first
    assert services.run_import(first.id, lead).added_count == 1
    reordered = "Datum,Stemmen,Toelichting,Titel\n05-03-2024,3,Om  8 uur,loket eerder open\n"
    second = upload_and_map(lead, reordered.encode(), name="opnieuw-opgeslagen.csv")
    preview = services.preview_import(second)
    assert (preview.added, preview.skipped, preview.errors) == (0, 1, 0)
    assert preview.rows[0].already_present
    assert services.run_import(second.id, lead).added_count == 0
    assert db.session.scalar(select(func.count(Idea.id)).where(Idea.title.ilike("loket%"))) == 1


def test_a_second_run_of_the_same_upload_changes_nothing(clock, lead):
    upload = upload_and_map(lead, csv_bytes("Eén keer;;;;;;"))
    services.run_import(upload.id, lead)
    again = services.run_import(upload.id, lead)
    assert again.added_count == 1
    assert db.session.scalar(select(func.count(Idea.id)).where(Idea.title == "Eén keer")) == 1


def test_votes_recount_adds_the_imported_votes(clock, lead):
    upload = upload_and_map(lead, csv_bytes("Populair idee;;;;;;7"))
    services.run_import(upload.id, lead)
    idea = db.session.scalar(select(Idea).where(Idea.title == "Populair idee"))
    voter = make_user()
    assert idea_services.cast_vote(idea.id, voter) == 8
    assert idea_services.withdraw_vote(idea.id, voter) == 7
    db.session.refresh(idea)
    assert idea.vote_count == 7
    top = idea_queries.list_inbox(InboxFilter(sort="stemmen"), lead).ideas[0]
    assert top.id == idea.id


def test_merging_an_imported_idea_carries_its_votes(clock, lead, manager):
    upload = upload_and_map(lead, csv_bytes("Bron-idee;;;;;;5", "Doel-idee;;;;;;2"))
    services.run_import(upload.id, lead)
    source = db.session.scalar(select(Idea).where(Idea.title == "Bron-idee"))
    target = db.session.scalar(select(Idea).where(Idea.title == "Doel-idee"))
    idea_services.merge_ideas(source.id, target.id, manager)
    db.session.refresh(target)
    db.session.refresh(source)
    assert (target.vote_count, source.vote_count) == (7, 0)


def test_an_import_forgets_the_old_list_and_stale_previews_go(clock, lead):
    upload = upload_and_map(lead, csv_bytes("Eén;;;;;;", "Twee;;;;;;"))
    stale = services.create_import(lead, "vergeten.csv", csv_bytes("Drie;;;;;;"))
    services.run_import(upload.id, lead)
    assert services.preview_import(upload).rows == []  # the rows are in the inbox now
    assert upload.added_count == 2
    clock.advance(days=services.PREVIEW_DAYS, minutes=1)
    services.create_import(lead, "nieuw.csv", csv_bytes("Vier;;;;;;"))
    remaining = set(db.session.scalars(select(IdeaImport.filename)))
    assert remaining == {"lijst.csv", "nieuw.csv"}
    assert stale.filename not in remaining
