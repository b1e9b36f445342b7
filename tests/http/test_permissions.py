"""The permission matrix: every route of the app × every kind of person → what they get.

Adding a route without adding it here makes `test_every_route_is_in_the_matrix` fail, so nobody
can add a page or a write without deciding who may use it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import timedelta

import pytest
from flask import url_for

from board.accounts import services as account_services
from board.accounts import tokens
from board.accounts.passwords import hash_password
from board.boards import queries as board_queries
from board.boards import services as board_services
from board.clock import now
from board.extensions import db
from board.ideas import intake_services
from board.ideas import services as idea_services
from board.ideas.imports import services as import_services
from board.standups import services as standup_services
from tests.conftest import audit_events, member_names
from tests.factories import PASSWORD, add_member, make_chain, make_team, make_user

PERSONAS = ("anonymous", "employee", "lead_b", "manager", "admin")


@dataclass(frozen=True)
class Redirect:
    """A 303 whose Location starts with `to`."""

    to: str


LOGIN = Redirect("/inloggen?next=")


def everyone(outcome):
    return dict.fromkeys(PERSONAS, outcome)


def signed_in(outcome):
    return {
        "anonymous": LOGIN,
        "employee": outcome,
        "lead_b": outcome,
        "manager": outcome,
        "admin": outcome,
    }


def admin_only(outcome):
    return {"anonymous": LOGIN, "employee": 403, "lead_b": 403, "manager": 403, "admin": outcome}


def triagers(outcome):
    """Who may triage an idea of team A: managers and administrators (and team A's lead, who
    is not among the personas); not its members, not the lead of team B."""
    return {
        "anonymous": LOGIN,
        "employee": 403,
        "lead_b": 403,
        "manager": outcome,
        "admin": outcome,
    }


def link_managers(outcome):
    """Who may see and revoke team A's intake link: managers and administrators (and team A's
    leads); for everyone else the link does not exist."""
    return {
        "anonymous": LOGIN,
        "employee": 404,
        "lead_b": 404,
        "manager": outcome,
        "admin": outcome,
    }


def moderators(outcome):
    """Who has a moderation queue and intake links: team leads, managers, administrators."""
    return {
        "anonymous": LOGIN,
        "employee": 403,
        "lead_b": outcome,
        "manager": outcome,
        "admin": outcome,
    }


def board_editors(outcome):
    """Who may change team A's board: its members, managers and administrators; the lead of
    team B reads the (public) board but may not change it."""
    return {
        "anonymous": LOGIN,
        "employee": outcome,
        "lead_b": 403,
        "manager": outcome,
        "admin": outcome,
    }


def importers(outcome):
    """Team leads (of any team) and managers import idea lists; employees do not."""
    return {
        "anonymous": LOGIN,
        "employee": 403,
        "lead_b": outcome,
        "manager": outcome,
        "admin": outcome,
    }


def import_owner(outcome):
    """An upload made by the manager: managers and administrators see it; for another team
    lead it does not exist; an employee may not import at all."""
    return {
        "anonymous": LOGIN,
        "employee": 403,
        "lead_b": 404,
        "manager": outcome,
        "admin": outcome,
    }


def nobody_but_the_author():
    """Only the author of a comment may change it; none of the personas wrote it."""
    return {"anonymous": LOGIN, "employee": 403, "lead_b": 403, "manager": 403, "admin": 403}


def team_managers(outcome):
    """Who may change team A's membership: not its members, not the lead of team B."""
    return {
        "anonymous": LOGIN,
        "employee": 403,
        "lead_b": 403,
        "manager": outcome,
        "admin": outcome,
    }


# (endpoint, method) → persona → outcome. Path parameters point at team A, its chain, and a
# person ("target") who is a member of team A.
MATRIX = {
    ("main.home", "GET"): signed_in(200),
    ("main.set_language", "POST"): everyone(Redirect("/teams")),
    ("main.healthz", "GET"): everyone(200),
    ("accounts.login", "GET"): {
        "anonymous": 200,
        "employee": Redirect("/"),
        "lead_b": Redirect("/"),
        "manager": Redirect("/"),
        "admin": Redirect("/"),
    },
    ("accounts.login", "POST"): everyone(422),  # wrong password, whoever asks
    ("accounts.logout", "POST"): everyone(Redirect("/inloggen")),
    ("accounts.profile", "GET"): signed_in(200),
    ("accounts.profile", "POST"): signed_in(Redirect("/profiel")),
    ("accounts.change_password", "POST"): signed_in(422),  # wrong current password
    # Whoever holds a valid one-time link may use it; it is the link that authorises.
    ("accounts.reset_password", "GET"): everyone(200),
    ("accounts.reset_password", "POST"): everyone(Redirect("/inloggen")),
    # Single sign-on is not configured in the tests: the routes do not exist for anyone.
    ("sso.start", "GET"): everyone(404),
    ("sso.callback", "GET"): everyone(404),
    ("people_admin.index", "GET"): admin_only(200),
    ("people_admin.create", "GET"): admin_only(200),
    ("people_admin.create", "POST"): admin_only(Redirect("/beheer/mensen/")),
    ("people_admin.edit", "GET"): admin_only(200),
    ("people_admin.edit", "POST"): admin_only(Redirect("/beheer/mensen/")),
    ("people_admin.deactivate", "POST"): admin_only(Redirect("/beheer/mensen/")),
    ("people_admin.reactivate", "POST"): admin_only(Redirect("/beheer/mensen/")),
    ("people_admin.reset_link", "POST"): admin_only(200),
    ("people_admin.add_membership", "POST"): admin_only(Redirect("/beheer/mensen/")),
    ("org.teams", "GET"): signed_in(200),
    ("org.team", "GET"): signed_in(200),
    ("org.add_member", "POST"): team_managers(Redirect("/teams/")),
    ("org.member_candidates", "GET"): team_managers(200),
    ("org.remove_member", "POST"): team_managers(Redirect("/teams/")),
    ("org.admin_home", "GET"): admin_only(200),
    ("org.chains", "GET"): admin_only(200),
    ("org.chains", "POST"): admin_only(Redirect("/beheer/ketens")),
    ("org.edit_chain", "GET"): admin_only(200),
    ("org.edit_chain", "POST"): admin_only(Redirect("/beheer/ketens")),
    ("org.admin_teams", "GET"): admin_only(200),
    ("org.admin_teams", "POST"): admin_only(Redirect("/beheer/teams")),
    ("org.edit_team", "GET"): admin_only(200),
    ("org.edit_team", "POST"): admin_only(Redirect("/beheer/teams")),
    ("audit.index", "GET"): admin_only(200),
    ("audit.export_csv", "GET"): admin_only(200),
    # The idea inbox is for everyone who is signed in ("one municipality").
    ("ideas.inbox", "GET"): signed_in(200),
    ("ideas.new", "GET"): signed_in(200),
    ("ideas.create", "POST"): signed_in(Redirect("/ideeen/")),
    ("ideas.similar", "GET"): signed_in(200),
    ("ideas.detail", "GET"): signed_in(200),
    ("ideas.mine", "GET"): signed_in(200),
    ("ideas.bulk_triage", "POST"): triagers(Redirect("/ideeen")),
    ("ideas.export", "GET"): signed_in(200),
    ("idea_actions.vote", "POST"): signed_in(Redirect("/ideeen/")),
    ("idea_actions.unvote", "POST"): signed_in(Redirect("/ideeen/")),
    ("idea_actions.follow", "POST"): signed_in(Redirect("/ideeen/")),
    ("idea_actions.unfollow", "POST"): signed_in(Redirect("/ideeen/")),
    ("idea_actions.comment", "POST"): signed_in(Redirect("/ideeen/")),
    ("idea_actions.edit_comment", "POST"): nobody_but_the_author(),
    ("idea_actions.remove_comment", "POST"): nobody_but_the_author(),
    ("idea_actions.hide_comment", "POST"): triagers(Redirect("/ideeen/")),
    ("idea_triage.status", "POST"): triagers(Redirect("/ideeen/")),
    ("idea_triage.triage", "POST"): triagers(Redirect("/ideeen/")),
    ("idea_triage.merge", "POST"): triagers(Redirect("/ideeen/")),
    ("idea_triage.merge_candidates", "GET"): triagers(200),
    # Intake links: leads and managers make them; the public form behind a link is for anyone
    # who holds it (the token authorises); what comes in waits for moderation.
    ("intake.links", "GET"): moderators(200),
    ("intake.create_link", "POST"): triagers(Redirect("/ideeen/inbrenglinks/")),
    ("intake.print_link", "GET"): link_managers(200),
    ("intake.confirm_revoke", "GET"): link_managers(200),
    ("intake.revoke_link", "POST"): link_managers(Redirect("/ideeen/inbrenglinks")),
    ("intake.form", "GET"): everyone(200),
    ("intake.submit", "POST"): everyone(Redirect("/inbreng/")),
    ("intake.thanks", "GET"): everyone(200),
    ("moderation.queue", "GET"): moderators(200),
    # A waiting idea of team A exists only for its moderators.
    ("moderation.approve", "POST"): link_managers(Redirect("/ideeen/moderatie")),
    ("moderation.decline", "POST"): link_managers(Redirect("/ideeen/moderatie")),
    # Boards: public ones are read by everyone signed in; the team changes them.
    ("boards.index", "GET"): signed_in(200),
    ("boards.new", "GET"): signed_in(200),
    ("boards.create", "POST"): board_editors(Redirect("/borden/")),
    ("boards.show", "GET"): signed_in(200),
    # The live check answers 401 (not the sign-in page) to a poll whose session ended; without
    # ?versie= it sends the columns. The wallboard is read-only for everyone who reads the board.
    ("board_live.board_changes", "GET"): {**signed_in(200), "anonymous": 401},
    ("board_live.wallboard", "GET"): signed_in(200),
    ("board_live.wallboard_changes", "GET"): {**signed_in(200), "anonymous": 401},
    ("boards.settings", "GET"): board_editors(200),
    ("boards.save_settings", "POST"): board_editors(Redirect("/borden/")),
    ("boards.archive", "POST"): board_editors(Redirect("/borden/")),
    ("boards.columns", "GET"): board_editors(200),
    ("boards.add_column", "POST"): board_editors(Redirect("/borden/")),
    ("boards.update_column", "POST"): board_editors(Redirect("/borden/")),
    ("boards.column_left", "POST"): board_editors(Redirect("/borden/")),
    ("boards.column_right", "POST"): board_editors(Redirect("/borden/")),
    ("boards.remove_column", "POST"): board_editors(Redirect("/borden/")),
    ("cards.create", "POST"): board_editors(Redirect("/borden/")),
    ("cards.show", "GET"): signed_in(200),
    ("cards.update", "POST"): board_editors(Redirect("/kaarten/")),
    ("cards.move_form", "GET"): board_editors(200),
    ("cards.move", "POST"): board_editors(Redirect("/borden/")),
    ("cards.move_up", "POST"): board_editors(Redirect("/borden/")),
    ("cards.move_down", "POST"): board_editors(Redirect("/borden/")),
    ("cards.archive", "POST"): board_editors(Redirect("/kaarten/")),
    ("cards.add_checklist_item", "POST"): board_editors(Redirect("/kaarten/")),
    ("cards.toggle_checklist_item", "POST"): board_editors(Redirect("/kaarten/")),
    ("cards.remove_checklist_item", "POST"): board_editors(Redirect("/kaarten/")),
    # Everyone who reads a board may comment on its cards.
    ("cards.comment", "POST"): signed_in(Redirect("/kaarten/")),
    ("idea_imports.new", "GET"): importers(200),
    ("idea_imports.upload", "POST"): importers(Redirect("/ideeen/importeren/")),
    ("idea_imports.mapping", "GET"): import_owner(200),
    ("idea_imports.save_mapping", "POST"): import_owner(Redirect("/ideeen/importeren/")),
    ("idea_imports.preview", "GET"): import_owner(200),
    ("idea_imports.run", "POST"): import_owner(Redirect("/ideeen/importeren/")),
    # Not imported yet: the result page sends its owner back to the preview.
    ("idea_imports.result", "GET"): import_owner(Redirect("/ideeen/importeren/")),
    ("notifications.index", "GET"): signed_in(200),
    ("notifications.mark_read", "POST"): signed_in(Redirect("/meldingen")),
    # Personal access tokens: one's own only; someone else's token is as good as missing.
    ("accounts.create_token", "POST"): signed_in(Redirect("/profiel")),
    ("accounts.revoke_token", "POST"): signed_in(404),
    # The API takes a Bearer token and never the session cookie: with only a cookie, every
    # persona gets 401 (tests/api covers what each token holder may do). Its description is
    # public.
    ("api.openapi", "GET"): everyone(200),
    ("api.list_ideas", "GET"): everyone(401),
    ("api.create_idea", "POST"): everyone(401),
    ("api.get_idea", "GET"): everyone(401),
    ("api.triage_idea", "PATCH"): everyone(401),
    ("api.vote", "POST"): everyone(401),
    ("api.withdraw_vote", "DELETE"): everyone(401),
    ("api.merge", "POST"): everyone(401),
    ("api.list_boards", "GET"): everyone(401),
    ("api.create_board", "POST"): everyone(401),
    ("api.get_board", "GET"): everyone(401),
    ("api.create_card", "POST"): everyone(401),
    ("api.get_card", "GET"): everyone(401),
    ("api.update_card", "PATCH"): everyone(401),
    ("api.move_card", "POST"): everyone(401),
    ("api.promote_idea", "POST"): everyone(401),
    ("api.list_teams", "GET"): everyone(401),
    ("api.list_standups", "GET"): everyone(401),
    ("api.get_standup", "GET"): everyone(401),
    ("api.list_action_items", "GET"): everyone(401),
    # An idea onto a board takes a triager who may also change the board.
    ("board_views.promote_idea", "POST"): triagers(Redirect("/ideeen/")),
    ("board_views.my_cards", "GET"): signed_in(200),
    ("board_views.archived", "GET"): signed_in(200),
    # Stand-ups: read by everyone signed in (team A's board is public), run by team A's members,
    # managers and administrators; deciding on ideas takes a triager on top.
    ("standups.show", "GET"): signed_in(200),
    ("standups.present", "GET"): signed_in(200),
    ("standups.history", "GET"): signed_in(200),
    ("standups.record", "GET"): signed_in(200),
    ("standups.start", "POST"): board_editors(Redirect("/teams/")),
    ("standups.finish", "POST"): board_editors(Redirect("/teams/")),
    ("standups.add_entry", "POST"): board_editors(Redirect("/teams/")),
    ("standups.add_action_item", "POST"): board_editors(Redirect("/teams/")),
    ("standups.toggle_action_item", "POST"): board_editors(Redirect("/teams/")),
    ("standups.action_item_card", "POST"): board_editors(Redirect("/teams/")),
    ("standups.save_settings", "POST"): board_editors(Redirect("/teams/")),
    ("standups.accept_idea", "POST"): triagers(Redirect("/teams/")),
    ("standups.decline_idea", "POST"): triagers(Redirect("/teams/")),
    ("standups.merge_idea", "POST"): triagers(Redirect("/teams/")),
    ("standups.section", "GET"): signed_in(200),
    ("standups.set_section", "POST"): board_editors(204),
    # The chain stand-up is read-only: everyone signed in reads the teams they may read.
    ("standups.chain", "GET"): signed_in(200),
    ("standups.chain_present", "GET"): signed_in(200),
}

# What each write posts: valid input, so that a permitted person gets the success outcome.
POST_DATA = {
    "main.set_language": lambda w: {"lang": "nl", "terug": "/teams"},
    "accounts.login": lambda w: {"email": "niemand@example.org", "password": "niet goed"},
    "accounts.logout": lambda w: {},
    "accounts.profile": lambda w: {"name": "Andere Naam", "language": "nl"},
    "accounts.change_password": lambda w: {
        "current_password": "niet mijn wachtwoord",
        "new_password": "nieuw wachtwoord 123",
        "confirm_password": "nieuw wachtwoord 123",
    },
    "accounts.reset_password": lambda w: {
        "new_password": "nieuw wachtwoord 123",
        "confirm_password": "nieuw wachtwoord 123",
    },
    "people_admin.create": lambda w: {
        "name": "Nieuwe Collega",
        "email": "nieuw@example.org",
        "role": "employee",
        "language": "nl",
    },
    "people_admin.edit": lambda w: {
        "name": "Doutzen Doel",
        "email": "doel@example.org",
        "role": "manager",
        "language": "nl",
    },
    "people_admin.deactivate": lambda w: {},
    "people_admin.reactivate": lambda w: {},
    "people_admin.reset_link": lambda w: {},
    "people_admin.add_membership": lambda w: {"team_id": w["team_b"].id, "role": "member"},
    "org.add_member": lambda w: {"person": w["outsider"].email, "role": "member"},
    "org.remove_member": lambda w: {},
    "org.chains": lambda w: {"name": "Nieuwe keten", "description": ""},
    "org.edit_chain": lambda w: {"name": "Keten A", "description": "", "active": "y"},
    "org.admin_teams": lambda w: {"name": "Nieuw team", "chain_id": w["chain_a"].id},
    "org.edit_team": lambda w: {"name": "Team A", "chain_id": w["chain_a"].id, "active": "y"},
    "ideas.create": lambda w: {"title": "Nog een idee", "source": "medewerker"},
    "ideas.bulk_triage": lambda w: {"idea_ids": [str(w["idea"].id)], "status": "gepland"},
    "idea_actions.vote": lambda w: {},
    "idea_actions.unvote": lambda w: {},
    "idea_actions.follow": lambda w: {},
    "idea_actions.unfollow": lambda w: {},
    "idea_actions.comment": lambda w: {"body": "Eens!"},
    "idea_actions.edit_comment": lambda w: {"body": "Toch anders"},
    "idea_actions.remove_comment": lambda w: {},
    "idea_actions.hide_comment": lambda w: {"reason": "Kwetsend"},
    "idea_triage.status": lambda w: {"status": "gepland", "reason": ""},
    "idea_triage.triage": lambda w: {
        "team_id": w["team_a"].id,
        "perspectives": "klant",
        "impact": "3",
        "effort": "2",
    },
    "idea_triage.merge": lambda w: {"target_id": str(w["other_idea"].id)},
    "intake.create_link": lambda w: {
        "label": "Klantpanel A",
        "source": "klantpanel",
        "target": f"team-{w['team_a'].id}",
    },
    "intake.revoke_link": lambda w: {},
    "intake.submit": lambda w: {
        "title": "Langer open op donderdag",
        "stamp": intake_services.issue_stamp(w["intake_link"], at=now() - timedelta(seconds=30)),
    },
    "moderation.approve": lambda w: {},
    "moderation.decline": lambda w: {"reason": "Hoort niet bij de gemeente"},
    "boards.create": lambda w: {
        "team_id": str(w["team_a"].id),
        "name": "Nog een bord",
        "template": "eenvoudig",
        "visibility": "public",
    },
    "boards.save_settings": lambda w: {
        "name": "Verbeterbord A",
        "visibility": "public",
        "wip_policy": "refuse",
    },
    "boards.archive": lambda w: {},
    "boards.add_column": lambda w: {"nieuw-name": "Wacht op klant", "nieuw-wip_limit": "2"},
    "boards.update_column": lambda w: {
        f"kolom-{w['column'].id}-name": "Act",
        f"kolom-{w['column'].id}-wip_limit": "3",
    },
    "boards.column_left": lambda w: {},
    "boards.column_right": lambda w: {},
    "boards.remove_column": lambda w: {},
    "cards.create": lambda w: {"title": "Nieuwe kaart"},
    "cards.update": lambda w: {"title": "Kaart van team A", "due_date": "20-3-2026"},
    "cards.move": lambda w: {
        "column_id": str(w["plan_column"].id),
        "position": "",
        "versie": str(w["card"].version),
    },
    "cards.move_up": lambda w: {"versie": str(w["card"].version)},
    "cards.move_down": lambda w: {"versie": str(w["card"].version)},
    "cards.archive": lambda w: {},
    "cards.add_checklist_item": lambda w: {"text": "Klant bellen"},
    "cards.toggle_checklist_item": lambda w: {},
    "cards.remove_checklist_item": lambda w: {},
    "cards.comment": lambda w: {"body": "Goed bezig"},
    "notifications.mark_read": lambda w: {},
    "idea_imports.upload": lambda w: {
        "file": (io.BytesIO(b"Titel;Stemmen\nEen idee;3\n"), "ideeen.csv"),
        "sheet": "",
    },
    "idea_imports.save_mapping": lambda w: {
        "title": "0",
        "votes": "1",
        "default_source": "medewerker",
        "default_team_id": "",
    },
    "idea_imports.run": lambda w: {},
    "accounts.create_token": lambda w: {"token-name": "Zaaksysteem"},
    "accounts.revoke_token": lambda w: {},
    "api.create_idea": lambda w: {"titel": "Via het formulier"},
    "api.vote": lambda w: {},
    "api.merge": lambda w: {"doelId": str(w["other_idea"].id)},
    "api.create_board": lambda w: {"naam": "Via het formulier"},
    "api.create_card": lambda w: {"titel": "Via het formulier"},
    "api.move_card": lambda w: {"kolomId": str(w["plan_column"].id)},
    "api.promote_idea": lambda w: {"bordId": str(w["board"].id)},
    "board_views.promote_idea": lambda w: {"board_id": str(w["board"].id)},
    "standups.start": lambda w: {},
    "standups.finish": lambda w: {"notes": "Goed gesprek"},
    "standups.add_entry": lambda w: {"kind": "decision", "text": "We bellen binnen een week"},
    "standups.add_action_item": lambda w: {
        "text": "Leverancier bellen",
        "owner_id": str(w["target"].id),
        "due_date": "",
    },
    "standups.toggle_action_item": lambda w: {"done": "1"},
    "standups.action_item_card": lambda w: {},
    "standups.save_settings": lambda w: {
        "length_minutes": "20",
        "weekday": "1",
        "start_time": "9:30",
    },
    "standups.accept_idea": lambda w: {},
    "standups.decline_idea": lambda w: {f"idee-{w['idea'].id}-reason": "Past niet"},
    "standups.set_section": lambda w: {"onderdeel": "2"},
    "standups.merge_idea": lambda w: {f"idee-{w['idea'].id}-target_id": str(w["other_idea"].id)},
}


def _routes(app) -> set[tuple[str, str]]:
    found = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            found.add((rule.endpoint, method))
    return found


def test_every_route_is_in_the_matrix(app):
    routes = _routes(app)
    missing = sorted(routes - set(MATRIX))
    stale = sorted(set(MATRIX) - routes)
    assert not missing, f"routes without a permission entry: {missing}"
    assert not stale, f"matrix entries for routes that no longer exist: {stale}"
    for key, outcomes in MATRIX.items():
        assert set(outcomes) == set(PERSONAS), key
        if key[1] in ("POST", "PATCH"):
            assert key[0] in POST_DATA or key[1] == "PATCH", f"no POST data for {key[0]}"


@pytest.fixture
def world():
    chain_a = make_chain("Keten A")
    team_a = make_team(chain_a, "Team A")
    team_b = make_team(make_chain("Keten B"), "Team B")
    # web.login() opens sessions directly; hashing each password would be the slow part.
    people = {
        "employee": make_user(name="Eelke Medewerker", email="eelke@example.org", password=None),
        "lead_b": make_user(name="Lysbeth Leider", email="lysbeth@example.org", password=None),
        "manager": make_user(
            name="Minke Manager", email="minke@example.org", role="manager", password=None
        ),
        "admin": make_user(
            name="Ate Beheerder", email="ate@example.org", role="admin", password=None
        ),
    }
    shared_hash = hash_password(PASSWORD)  # one hash for all: their passwords are the same
    for person in people.values():
        person.password_hash = shared_hash
    add_member(people["employee"], team_a)
    add_member(people["lead_b"], team_b, "lead")
    target = make_user(name="Doutzen Doel", email="doel@example.org", password=None)
    membership = add_member(target, team_a)
    outsider = make_user(name="Oane Buiten", email="oane@example.org", password=None)
    token = account_services.create_reset_link(target, actor=people["admin"])
    idea = idea_services.submit_idea(
        idea_services.IdeaInput(title="Idee van team A", team_id=team_a.id), submitter=target
    )
    other_idea = idea_services.submit_idea(
        idea_services.IdeaInput(title="Ander idee", team_id=team_a.id), submitter=target
    )
    comment = idea_services.add_comment(idea.id, target, "Reactie van Doutzen")
    api_token, _ = tokens.create_token(target, name="Van Doutzen", actor=target)
    idea_import = import_services.create_import(
        people["manager"], "ideeen.csv", b"Titel;Stemmen\nGeimporteerd idee;3\n"
    )
    board = board_services.create_board(team_a, "Verbeterbord A", "verbeterbord", target)
    columns = board_queries.list_columns(board.id)
    card = board_services.create_card(board, board_services.CardInput(title="Kaart A"), target)
    board_services.create_card(board, board_services.CardInput(title="Kaart B"), target)
    checklist_item = board_services.add_checklist_item(card, "Brief sturen", target)
    intake_link = intake_services.create_intake_link(
        label="Klantpanel A", source="klantpanel", team_id=team_a.id, chain_id=None, actor=target
    )
    pending_idea = intake_services.submit_through_link(
        intake_link, intake_services.PublicIdeaInput(title="Via het klantpanel")
    )
    standup = standup_services.start_standup(team_a, target)
    action_item = standup_services.add_action_item(
        team_a, "Brief herschrijven", target.id, "", target, standup
    )
    db.session.commit()
    return {
        "chain_a": chain_a,
        "team_a": team_a,
        "team_b": team_b,
        "target": target,
        "membership": membership,
        "outsider": outsider,
        "token": token,
        "idea": idea,
        "other_idea": other_idea,
        "comment": comment,
        "api_token": api_token,
        "idea_import": idea_import,
        "board": board,
        "card": card,
        "column": columns[4],
        "plan_column": columns[1],
        "checklist_item": checklist_item,
        "intake_link": intake_link,
        "pending_idea": pending_idea,
        "action_item": action_item,
        "standup": standup,
        **people,
    }


def _path(app, rule, w) -> str:
    values = {
        "user_id": w["target"].id,
        "team_id": w["team_a"].id,
        "chain_id": w["chain_a"].id,
        "membership_id": w["membership"].id,
        "token": w["token"],
        "idea_id": w["idea"].id,
        "comment_id": w["comment"].id,
        "token_id": w["api_token"].id,
        "import_id": w["idea_import"].id,
        "board_id": w["board"].id,
        "card_id": w["card"].id,
        "column_id": w["column"].id,
        "item_id": w["checklist_item"].id,
        "link_id": w["intake_link"].id,
        "link_token": w["intake_link"].token,
        "action_id": w["action_item"].id,
        "standup_id": w["standup"].id,
    }
    if rule.endpoint.startswith("moderation."):
        values["idea_id"] = w["pending_idea"].id
    unknown = set(rule.arguments) - set(values)
    assert not unknown, f"no test value for path parameters {unknown} of {rule.rule}"
    with app.test_request_context():
        return url_for(rule.endpoint, **{k: values[k] for k in rule.arguments})


def _rule(app, endpoint):
    return next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)


def _check(response, expected, persona, method, path, world) -> str | None:
    """None when the response is what the matrix says, else what went wrong."""
    got = response.status_code
    if isinstance(expected, Redirect):
        location = response.headers.get("Location", "")
        wanted = f"/inloggen?next={path}" if expected is LOGIN else expected.to
        if got != 303 or not location.startswith(wanted):
            return f"{persona}: expected 303 to {wanted}…, got {got} {location}"
        return None
    if got != expected:
        return f"{persona}: expected {expected}, got {got} {response.headers.get('Location', '')}"
    if expected == 403:
        if "Geen toegang" not in response.text:
            return f"{persona}: the 403 page does not say 'Geen toegang'"
        denials = [(e.actor_id, e.result, e.detail) for e in audit_events(action="access.denied")]
        if denials != [(world[persona].id, "denied", f"{method} {path}")]:
            return f"{persona}: denial not in the audit log as expected: {denials}"
    elif expected == 404 and "Pagina niet gevonden" not in response.text:
        return f"{persona}: the 404 page does not say 'Pagina niet gevonden'"
    elif expected == 200 and "Foutcode" in response.text:
        return f"{persona}: got an error page with status 200"
    elif (
        expected == 422
        and "utrecht-alert--error" not in response.text
        and "form-field-error-message" not in response.text
    ):
        return f"{persona}: 422 without an error message on the page"
    return None


@pytest.mark.parametrize(("endpoint", "method"), list(MATRIX), ids=[f"{m}-{e}" for e, m in MATRIX])
def test_permission_matrix(app, make_web, world, endpoint, method):
    """Each persona in turn, each inside a SAVEPOINT that is rolled back afterwards, so one
    persona's write (a deactivation, a sign-out) never changes what the next one sees."""
    path = _path(app, _rule(app, endpoint), world)
    connection = db.session.connection()
    db.session.commit()
    problems = []
    for persona in PERSONAS:
        savepoint = connection.begin_nested()
        try:
            web = make_web()
            if persona != "anonymous":
                web.login(world[persona])
            if method == "GET":
                response = web.get(path)
            elif method == "POST":
                response = web.post(path, data=POST_DATA[endpoint](world))
            else:  # PATCH, DELETE: only the API has them
                response = web.client.open(path, method=method, json={})
            expected = MATRIX[(endpoint, method)][persona]
            problem = _check(response, expected, persona, method, path, world)
            if problem:
                problems.append(problem)
        finally:
            db.session.rollback()
            savepoint.rollback()
            db.session.expire_all()
    assert not problems, f"{method} {path}:\n" + "\n".join(problems)


def test_lead_manages_the_membership_of_their_own_team(web, world):
    """The other side of the matrix: lead of team B may do for team B what is refused for A."""
    lead = world["lead_b"]
    team_b = world["team_b"]
    web.login(lead)
    response = web.post(
        f"/teams/{team_b.id}/leden", data={"person": world["outsider"].email, "role": "member"}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == f"/teams/{team_b.id}"
    assert "Oane Buiten" in member_names(web.get(f"/teams/{team_b.id}").text)
    from board.org.queries import find_membership

    membership = find_membership(world["outsider"].id, team_b.id)
    response = web.post(f"/lidmaatschappen/{membership.id}/verwijderen")
    assert response.status_code == 303
    assert "Oane Buiten" not in member_names(web.get(f"/teams/{team_b.id}").text)


def test_a_member_sees_the_team_but_no_management_controls(web, world):
    web.login(world["employee"])
    page = web.get(f"/teams/{world['team_a'].id}")
    assert "Doutzen Doel" in member_names(page.text)
    assert "Uit team halen" not in page.text
    assert "Toevoegen of rol wijzigen" not in page.text


def test_non_admins_do_not_see_the_admin_menu(web, world):
    web.login(world["manager"])
    page = web.get("/")
    assert 'href="/beheer"' not in page.text
    web.login(world["admin"])
    assert 'href="/beheer"' in web.get("/").text
