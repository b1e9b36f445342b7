"""`flask --app wsgi ideas import FILE`: the same import as the web pages, from a shell."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from board.accounts import queries as account_queries
from board.errors import DomainError
from board.extensions import db
from board.ideas.imports import services
from board.ideas.imports.mapping import FIELDS
from board.ideas.models import SOURCES
from board.org import queries as org_queries

ideas_cli = AppGroup("ideas", help="Ideas: import an existing idea list.")


@ideas_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--by", "email", default=None, help="E-mail of the person who imports (recorded).")
@click.option("--team", "team_name", default=None, help="Team for rows without a team.")
@click.option(
    "--source",
    default="medewerker",
    show_default=True,
    type=click.Choice(SOURCES),
    help="Source for rows without a source.",
)
@click.option("--sheet", default="", help="Excel sheet (name or number); default the first.")
@click.option("--dry-run", is_flag=True, help="Only check the rows; import nothing.")
def import_command(path, email, team_name, source, sheet, dry_run):
    """Import a .csv or .xlsx idea list; columns are matched by their header names."""
    actor = None
    if email:
        actor = account_queries.get_user_by_email(email)
        if actor is None:
            raise click.ClickException(f"No person with e-mail {email}. See `flask users list`.")
    team_id = None
    if team_name:
        team = org_queries.get_team_by_name(team_name)
        if team is None:
            raise click.ClickException(f"No team named {team_name!r}.")
        team_id = team.id
    try:
        upload = services.create_import(actor, path.name, path.read_bytes(), sheet)
        header = services.columns_of(upload)
        mapping = services.mapping_of(upload)
        services.save_mapping(upload, mapping.columns, source, team_id)
        for name in FIELDS:
            index = mapping.columns[name]
            click.echo(f"{name:>12} ← {header[index] if index is not None else '-'}")
        preview = services.preview_import(upload)
        for row in preview.error_rows[:20]:
            click.echo(f"row {row.number}: {' '.join(row.problems)}", err=True)
        if dry_run:
            db.session.rollback()
            click.echo(
                f"Would add {preview.added}, skip {preview.skipped} already present, "
                f"refuse {preview.errors} with errors."
            )
            return
        done = services.run_import(upload.id, actor)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from None
    click.echo(
        f"Import {done.id}: added {done.added_count}, skipped {done.skipped_count} already "
        f"present, {done.error_count} rows with errors not imported."
    )
