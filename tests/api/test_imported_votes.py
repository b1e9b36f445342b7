"""The API shows an imported idea's votes: those of the old list plus the people's."""

from __future__ import annotations

from sqlalchemy import select

from board.extensions import db
from board.ideas import services as idea_services
from board.ideas.imports import services
from board.ideas.imports.models import ImportedIdea
from tests.api.conftest import make_token
from tests.factories import make_user


def test_the_api_counts_imported_votes(api, lead, clock):
    upload = services.create_import(lead, "oud.csv", b"Titel;Stemmen\nBankjes in het park;9\n")
    services.run_import(upload.id, lead)
    db.session.commit()
    idea_id = db.session.scalars(
        select(ImportedIdea.idea_id).where(ImportedIdea.import_id == upload.id)
    ).one()
    idea_services.cast_vote(idea_id, make_user())
    db.session.commit()
    response = api.get(f"/api/v1/ideeen/{idea_id}", token=make_token(lead))
    assert response.status_code == 200
    assert response.json["aantalStemmen"] == 10
