"""The `flask` commands an administrator uses on the server."""

from __future__ import annotations

import pytest

from board import create_app
from board.accounts import queries as account_queries
from board.demo import DEMO_PASSWORD
from board.extensions import db
from board.org import queries as org_queries
from tests.factories import make_team, make_user


@pytest.fixture
def cli(app):
    runner = app.test_cli_runner()

    def invoke(*args, **kwargs):
        # What the test set up is in the database before the command runs, as on a server;
        # a failing command's rollback must not take it away.
        db.session.commit()
        return runner.invoke(args=list(args), **kwargs)

    return invoke


@pytest.fixture
def foundation_demo(monkeypatch):
    """seed-demo without the other areas' demo content, which their own tests cover."""
    monkeypatch.setattr("board.demo.seed_ideas", lambda *args, **kwargs: 0, raising=False)


# --- users create -------------------------------------------------------------------------


def test_create_employee(cli):
    result = cli("users", "create", "Anke@Example.org", "--name", "Anke Bakker")
    assert result.exit_code == 0, result.output
    assert "Created anke@example.org (employee)." in result.output
    person = account_queries.get_user_by_email("anke@example.org")
    assert (person.name, person.role, person.language, person.active) == (
        "Anke Bakker",
        "employee",
        "nl",
        True,
    )
    assert person.password_hash is None


def test_create_team_lead_in_a_team(cli):
    team = make_team(name="Publiekszaken")
    result = cli(
        "users",
        "create",
        "anke@example.org",
        "--name",
        "Anke",
        "--role",
        "teamleider",
        "--team",
        "publiekszaken",
    )
    assert result.exit_code == 0, result.output
    assert "(team-lead, Publiekszaken)" in result.output
    person = account_queries.get_user_by_email("anke@example.org")
    assert person.role == "employee"
    assert org_queries.lead_team_ids(person.id) == {team.id}


def test_create_employee_in_a_team_as_member(cli):
    team = make_team(name="Publiekszaken")
    result = cli("users", "create", "anke@example.org", "--name", "Anke", "--team", "Publiekszaken")
    assert result.exit_code == 0, result.output
    person = account_queries.get_user_by_email("anke@example.org")
    assert org_queries.find_membership(person.id, team.id).role == "member"


@pytest.mark.parametrize(
    ("role", "stored"),
    [
        ("manager", "manager"),
        ("admin", "admin"),
        ("beheerder", "admin"),
        ("medewerker", "employee"),
    ],
)
def test_create_with_a_global_role(cli, role, stored):
    result = cli(
        "users", "create", "p@example.org", "--name", "P", "--role", role, "--language", "fy"
    )
    assert result.exit_code == 0, result.output
    person = account_queries.get_user_by_email("p@example.org")
    assert (person.role, person.language) == (stored, "fy")


def test_created_person_with_a_password_can_sign_in(cli, web):
    result = cli(
        "users", "create", "p@example.org", "--name", "P", "--password", "een goed wachtwoord"
    )
    assert result.exit_code == 0, result.output
    response = web.post(
        "/inloggen", data={"email": "p@example.org", "password": "een goed wachtwoord"}
    )
    assert response.status_code == 303


def test_unknown_team_is_an_error(cli):
    result = cli("users", "create", "p@example.org", "--name", "P", "--team", "Bestaat niet")
    assert result.exit_code != 0
    assert "No team named 'Bestaat niet'" in result.output
    assert account_queries.get_user_by_email("p@example.org") is None


def test_team_lead_without_a_team_is_an_error(cli):
    result = cli("users", "create", "p@example.org", "--name", "P", "--role", "team-lead")
    assert result.exit_code != 0
    assert "A team lead needs --team TEAM." in result.output
    assert account_queries.get_user_by_email("p@example.org") is None


def test_duplicate_email_is_an_error_with_a_message(cli):
    make_user(email="p@example.org", name="Eerste")
    result = cli("users", "create", "P@EXAMPLE.ORG", "--name", "Tweede")
    assert result.exit_code != 0
    assert "Er is al iemand met dit e-mailadres." in result.output
    assert "Traceback" not in result.output
    assert account_queries.get_user_by_email("p@example.org").name == "Eerste"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["niet-een-adres", "--name", "P"], "Dit is geen geldig e-mailadres."),
        (
            ["p@example.org", "--name", "P", "--password", "kort"],
            "Een wachtwoord heeft minstens 10 tekens.",
        ),
        (["p@example.org", "--name", "N" * 121], "Een naam is hoogstens 120 tekens."),
    ],
)
def test_invalid_input_is_an_error_with_the_rule(cli, args, message):
    result = cli("users", "create", *args)
    assert result.exit_code != 0
    assert message in result.output
    assert account_queries.count_users() == 0


def test_unknown_role_is_refused_by_the_option(cli):
    result = cli("users", "create", "p@example.org", "--name", "P", "--role", "baas")
    assert result.exit_code == 2
    assert "Invalid value for '--role'" in result.output


def test_failed_membership_leaves_no_half_made_person(cli):
    team = make_team(name="Publiekszaken")
    # A duplicate e-mail fails before the membership: nothing at all is stored.
    make_user(email="p@example.org")
    cli("users", "create", "p@example.org", "--name", "P", "--team", "Publiekszaken")
    assert org_queries.list_members(team.id) == []


# --- users list ---------------------------------------------------------------------------


def test_users_list_shows_everyone_with_role_state_and_teams(cli):
    team = make_team(name="Publiekszaken")
    other = make_team(name="Wijkteam Noord")
    anke = make_user(email="anke@example.org", name="Anke Bakker", role="manager")
    from tests.factories import add_member

    add_member(anke, team, "lead")
    add_member(anke, other)
    make_user(email="bram@example.org", name="Bram Hendriks", active=False)
    result = cli("users", "list")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "anke@example.org\tAnke Bakker\tmanager\tactive\tPubliekszaken (lead), Wijkteam Noord",
        "bram@example.org\tBram Hendriks\temployee\tinactive\t",
    ]


# --- create-admin -------------------------------------------------------------------------


def test_create_admin_with_a_password_on_the_command_line(cli, web):
    result = cli("create-admin", "baas@example.org", "--password", "beheer wachtwoord")
    assert result.exit_code == 0, result.output
    assert "Administrator baas@example.org created." in result.output
    person = account_queries.get_user_by_email("baas@example.org")
    assert (person.role, person.name) == ("admin", "Beheerder")
    web.post("/inloggen", data={"email": "baas@example.org", "password": "beheer wachtwoord"})
    assert web.get("/beheer").status_code == 200


def test_create_admin_asks_for_the_password_twice(cli):
    result = cli(
        "create-admin",
        "baas@example.org",
        "--name",
        "Baas",
        input="beheer wachtwoord\nbeheer wachtwoord\n",
    )
    assert result.exit_code == 0, result.output
    assert account_queries.get_user_by_email("baas@example.org").name == "Baas"


def test_create_admin_refuses_a_short_password_and_a_duplicate(cli):
    result = cli("create-admin", "baas@example.org", "--password", "kort")
    assert result.exit_code != 0
    assert "minstens 10 tekens" in result.output
    assert account_queries.get_user_by_email("baas@example.org") is None
    make_user(email="baas@example.org")
    result = cli("create-admin", "baas@example.org", "--password", "beheer wachtwoord")
    assert result.exit_code != 0
    assert "Er is al iemand met dit e-mailadres." in result.output


# --- seed-demo ----------------------------------------------------------------------------


def test_seed_demo_builds_gemeente_voorbeeld(cli):
    result = cli("seed-demo")
    assert result.exit_code == 0, result.output
    assert "3 chains, 6 teams, 30 people" in result.output
    assert len(org_queries.list_chains()) == 3
    assert len(org_queries.list_teams()) == 6
    assert account_queries.count_users() == 30
    assert org_queries.get_setting("organisation_name") == "Gemeente Voorbeeld"
    assert org_queries.demo_accounts_present()
    # Every team has people in it, and a lead.
    for team in org_queries.list_teams():
        members = org_queries.list_members(team.id)
        assert members and members[0].role == "lead", team.name


DEMO_ACCOUNTS = [
    ("beheerder@example.org", 200),
    ("manager@example.org", 403),
    ("teamleider@example.org", 403),
    ("medewerker@example.org", 403),
]


def test_demo_accounts_sign_in_with_the_documented_password(cli, make_web, foundation_demo):
    assert cli("seed-demo").exit_code == 0
    login = make_web().get("/inloggen").text
    for email, admin_page in DEMO_ACCOUNTS:
        web = make_web()
        assert email in login and DEMO_PASSWORD in login  # the sign-in page tells visitors
        response = web.post("/inloggen", data={"email": email, "password": DEMO_PASSWORD})
        assert response.status_code == 303, email
        assert web.get("/beheer").status_code == admin_page, email
        if email == "teamleider@example.org":
            home = web.get("/").text
            assert "Klantcontactcentrum" in home and "jij bent teamleider" in home


def test_seed_demo_twice_does_nothing_and_force_fails_cleanly(cli, foundation_demo):
    assert cli("seed-demo").exit_code == 0
    result = cli("seed-demo")
    assert result.exit_code == 0
    assert "already has people; demo data not loaded (use --force)" in result.output
    assert account_queries.count_users() == 30
    # Forcing over demo data that is already there: a message, not a traceback.
    result = cli("seed-demo", "--force")
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Er is al een keten met deze naam." in result.output
    assert account_queries.count_users() == 30
    assert len(org_queries.list_chains()) == 3


def test_seed_demo_skips_a_database_with_people(cli):
    make_user(email="echt@gemeente.example")
    result = cli("seed-demo")
    assert "use --force" in result.output
    assert org_queries.list_chains() == []


def test_seed_demo_with_force_adds_to_a_database_with_people(cli, foundation_demo):
    make_user(email="echt@gemeente.example")
    result = cli("seed-demo", "--force")
    assert result.exit_code == 0, result.output
    assert account_queries.count_users() == 31


def test_seed_demo_refuses_in_production(app):
    production = create_app(
        {
            "BOARD_ENV": "production",
            "SECRET_KEY": "x" * 40,
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        }
    )
    with production.app_context():  # else the command would run in the test app's context
        result = production.test_cli_runner().invoke(args=["seed-demo", "--force"])
    assert result.exit_code != 0
    assert "never loaded in production" in result.output
    assert account_queries.count_users() == 0
