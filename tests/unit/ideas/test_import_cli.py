"""`flask ideas import FILE`: the web import's services from a shell."""

from __future__ import annotations

from sqlalchemy import func, select

from board.extensions import db
from board.ideas.models import Idea
from tests.factories import make_team


def test_import_from_the_command_line_then_again_adds_nothing(app, tmp_path, lead, clock):
    team = make_team(name="Wijkteam Zuid")
    path = tmp_path / "lijst.csv"
    path.write_text(
        "Onderwerp;Omschrijving;Stemmen\nSpeeltuin opknappen;Vraag van de wijk;5\n;geen titel;\n",
        encoding="utf-8",
    )
    db.session.commit()
    runner = app.test_cli_runner()
    args = ["ideas", "import", str(path), "--by", lead.email, "--team", "wijkteam zuid"]

    dry = runner.invoke(args=[*args, "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "Would add 1, skip 0 already present, refuse 1 with errors." in dry.output
    assert "row 3: De titel ontbreekt." in dry.output
    assert db.session.scalar(select(func.count(Idea.id))) == 0

    first = runner.invoke(args=args)
    assert first.exit_code == 0, first.output
    assert "added 1, skipped 0 already present, 1 rows with errors not imported." in first.output
    idea = db.session.scalar(select(Idea).where(Idea.title == "Speeltuin opknappen"))
    assert (idea.team_id, idea.vote_count) == (team.id, 5)

    again = runner.invoke(args=args)
    assert "added 0, skipped 1 already present" in again.output


def test_a_bad_file_is_a_clear_error(app, tmp_path):
    path = tmp_path / "oud.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    result = app.test_cli_runner().invoke(args=["ideas", "import", str(path)])
    assert result.exit_code == 1
    assert "ouder of bijzonder Excel-bestand (.xls)" in result.output
