"""Flask commands: demo data, people, and (later) tokens, import/export and backup."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from board.accounts import queries as account_queries
from board.accounts import services as account_services
from board.errors import DomainError
from board.extensions import db
from board.org import queries as org_queries
from board.org import services as org_services

ROLE_ALIASES = {
    "employee": "employee",
    "medewerker": "employee",
    "team-lead": "team-lead",
    "teamleider": "team-lead",
    "manager": "manager",
    "admin": "admin",
    "beheerder": "admin",
}

users_cli = AppGroup("users", help="People: create and list.")


@users_cli.command("create")
@click.argument("email")
@click.option("--name", required=True, help="Full name.")
@click.option(
    "--role",
    "role",
    default="employee",
    show_default=True,
    type=click.Choice(sorted(ROLE_ALIASES)),
    help="Role of the person.",
)
@click.option("--team", "team_name", default=None, help="Team name (needed for team-lead).")
@click.option("--password", default=None, help="Password; omit for SSO-only or a reset link.")
@click.option("--language", default="nl", show_default=True, type=click.Choice(["nl", "en", "fy"]))
def create_user_command(email, name, role, team_name, password, language):
    """Create a person, optionally in a team."""
    role = ROLE_ALIASES[role]
    team = None
    if team_name:
        team = org_queries.get_team_by_name(team_name)
        if team is None:
            raise click.ClickException(f"No team named {team_name!r}. See `flask teams list`.")
    if role == "team-lead" and team is None:
        raise click.ClickException("A team lead needs --team TEAM.")
    try:
        user = account_services.create_user(
            email=email,
            name=name,
            role="employee" if role == "team-lead" else role,
            password=password,
            language=language,
        )
        if team is not None:
            org_services.set_membership(
                user=user, team=team, role="lead" if role == "team-lead" else "member", actor=None
            )
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from None
    click.echo(f"Created {user.email} ({role}{', ' + team.name if team else ''}).")


@users_cli.command("list")
def list_users_command():
    """List everyone: e-mail, name, role, teams, active."""
    for user in account_queries.list_all_users():
        teams = ", ".join(
            f"{m.team.name}{' (lead)' if m.role == 'lead' else ''}"
            for m in org_queries.list_memberships_of(user.id)
        )
        state = "active" if user.active else "inactive"
        click.echo(f"{user.email}\t{user.name}\t{user.role}\t{state}\t{teams}")


@click.command("create-admin")
@click.argument("email")
@click.option("--name", default="Beheerder", show_default=True)
@click.password_option(help="Password (asked when not given).")
def create_admin_command(email, name, password):
    """Create an administrator with a password of your choosing."""
    try:
        account_services.create_user(email=email, name=name, role="admin", password=password)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from None
    click.echo(f"Administrator {email} created.")


@click.command("seed-demo")
@click.option("--force", is_flag=True, help="Seed even though the database is not empty.")
def seed_demo_command(force):
    """Load "Gemeente Voorbeeld" demo data into an empty database."""
    from board.demo import seed_demo

    if current_app.config["BOARD_ENV"] == "production":
        raise click.ClickException(
            "Demo data has well-known passwords and is never loaded in production."
        )
    if account_queries.count_users() and not force:
        click.echo("The database already has people; demo data not loaded (use --force).")
        return
    try:
        summary = seed_demo()
        db.session.commit()
    except DomainError as error:  # e.g. --force over demo data that is already there
        db.session.rollback()
        raise click.ClickException(error.message) from None
    click.echo(summary)


tokens_cli = AppGroup("tokens", help="Personal access tokens for the JSON API.")


@tokens_cli.command("create")
@click.argument("email")
@click.option(
    "--name",
    default="Opdrachtregel",
    show_default=True,
    help="What the token is for, e.g. the system that uses it.",
)
def create_token_command(email, name):
    """Make a token for a person; the token itself is the last line of the output."""
    from board.accounts import tokens

    user = account_queries.get_user_by_email(email)
    if user is None:
        raise click.ClickException(f"No person with e-mail {email}. See `flask users list`.")
    try:
        token, value = tokens.create_token(user, name=name, actor=None)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from None
    click.echo(
        f"Token {token.id} ({token.name!r}) for {user.email}. It is shown only now; "
        "store it safely:"
    )
    click.echo(value)


@tokens_cli.command("list")
@click.argument("email")
def list_tokens_command(email):
    """A person's tokens: id, name, prefix, created, last used, state (never the token)."""
    from board.accounts import tokens

    user = account_queries.get_user_by_email(email)
    if user is None:
        raise click.ClickException(f"No person with e-mail {email}. See `flask users list`.")
    for token in tokens.list_tokens(user.id):
        last = token.last_used_at.isoformat(timespec="seconds") if token.last_used_at else "never"
        state = "revoked" if token.revoked_at else "active"
        click.echo(
            f"{token.id}\t{token.name}\t{token.prefix}…\t"
            f"{token.created_at.isoformat(timespec='seconds')}\t{last}\t{state}"
        )


@tokens_cli.command("revoke")
@click.argument("token_id", type=int)
def revoke_token_command(token_id):
    """Switch a token off for good."""
    from board.accounts import tokens

    token = tokens.get_token(token_id)
    if token is None:
        raise click.ClickException(f"No token with id {token_id}.")
    tokens.revoke_token(token, actor=None)
    db.session.commit()
    click.echo(f"Token {token.id} ({token.name!r}) of {token.user.email} is revoked.")


def register_cli(app: Flask) -> None:
    """Attach the commands to `flask --app wsgi …`."""
    from board.ideas.imports.cli import ideas_cli

    app.cli.add_command(ideas_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(tokens_cli)
    app.cli.add_command(create_admin_command)
    app.cli.add_command(seed_demo_command)
