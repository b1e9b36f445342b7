"""An administrator sets up the organisation: chains (ketens) and the teams in them."""

from __future__ import annotations

from board.org import queries
from tests.conftest import Page, audit_events
from tests.factories import make_chain, make_team


def _row(page: Page, prefix: str, name: str):
    rows = [e for e in page.all() if e.tag == "tr" and (e.attrs.get("id") or "").startswith(prefix)]
    return next((r for r in rows if name in r.text), None)


# --- chains -------------------------------------------------------------------------------


def test_admin_adds_a_chain_and_sees_it_in_the_list(web, admin):
    web.login(admin)
    response = web.post(
        "/beheer/ketens",
        data={"name": "  Burgerzaken ", "description": "Paspoorten en verhuizingen"},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/beheer/ketens"
    page = Page(web.get("/beheer/ketens").text)
    assert "Keten Burgerzaken is toegevoegd." in page.text
    row = _row(page, "chain-row-", "Burgerzaken")
    assert row is not None and "Actief" in row.text
    [event] = audit_events(action="chain.create")
    assert (event.actor_id, event.object_label, event.ip) == (admin.id, "Burgerzaken", "127.0.0.1")


def test_chain_names_are_unique_ignoring_case(web, admin):
    make_chain("Burgerzaken")
    web.login(admin)
    response = web.post("/beheer/ketens", data={"name": "burgerzaken", "description": "x"})
    assert response.status_code == 422
    page = Page(response.text)
    assert page.field_error("name") == "Er is al een keten met deze naam."
    assert page.value("name") == "burgerzaken"
    assert page.value("description") == "x"
    assert [c.name for c in queries.list_chains()] == ["Burgerzaken"]


def test_over_long_chain_name_is_refused_next_to_the_field_and_kept(web, admin):
    web.login(admin)
    name = "K" * 81
    response = web.post("/beheer/ketens", data={"name": name})
    assert response.status_code == 422
    page = Page(response.text)
    assert page.field_error("name") == "Een naam is hoogstens 80 tekens."
    assert page.value("name") == name
    assert page.by_id("name").attrs.get("aria-invalid") == "true"
    assert queries.list_chains() == []
    # Exactly the maximum is fine.
    assert web.post("/beheer/ketens", data={"name": "K" * 80}).status_code == 303


def test_empty_chain_name_is_refused(web, admin):
    web.login(admin)
    response = web.post("/beheer/ketens", data={"name": "   "})
    assert response.status_code == 422
    assert Page(response.text).field_error("name") == "Vul een naam in."


def test_admin_renames_a_chain(web, admin):
    chain = make_chain("Burgerzaken")
    web.login(admin)
    page = Page(web.get(f"/beheer/ketens/{chain.id}").text)
    assert page.value("name") == "Burgerzaken"
    response = web.post(
        f"/beheer/ketens/{chain.id}", data={"name": "Publiek", "description": "", "active": "y"}
    )
    assert response.status_code == 303
    page = Page(web.get("/beheer/ketens").text)
    assert _row(page, "chain-row-", "Publiek") is not None
    assert _row(page, "chain-row-", "Burgerzaken") is None
    [event] = audit_events(action="chain.update")
    assert event.detail == "name: Burgerzaken → Publiek"


def test_renaming_a_chain_to_another_chains_name_is_refused(web, admin):
    make_chain("Burgerzaken")
    other = make_chain("Sociaal Domein")
    web.login(admin)
    response = web.post(
        f"/beheer/ketens/{other.id}", data={"name": "BURGERZAKEN", "description": "", "active": "y"}
    )
    assert response.status_code == 422
    page = Page(response.text)
    assert page.field_error("name") == "Er is al een keten met deze naam."
    assert page.value("name") == "BURGERZAKEN"
    assert queries.get_chain(other.id).name == "Sociaal Domein"


def test_deactivated_chain_is_marked_and_leaves_the_overview(web, admin, employee):
    chain = make_chain("Vergunningen")
    make_team(chain, "Evenementen")
    web.login(admin)
    response = web.post(
        f"/beheer/ketens/{chain.id}", data={"name": "Vergunningen", "description": ""}
    )  # box unticked
    assert response.status_code == 303
    row = _row(Page(web.get("/beheer/ketens").text), "chain-row-", "Vergunningen")
    assert "Opgeheven" in row.text
    web.login(employee)
    overview = web.get("/teams").text
    assert "Vergunningen" not in overview and "Evenementen" not in overview
    # And back again.
    web.login(admin)
    web.post(
        f"/beheer/ketens/{chain.id}",
        data={"name": "Vergunningen", "description": "", "active": "y"},
    )
    web.login(employee)
    assert "Evenementen" in web.get("/teams").text


def test_unknown_chain_is_a_dutch_404(web, admin):
    web.login(admin)
    response = web.get("/beheer/ketens/999999")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.text


# --- teams --------------------------------------------------------------------------------


def test_admin_adds_a_team_to_a_chain(web, admin):
    chain = make_chain("Burgerzaken")
    web.login(admin)
    form = Page(web.get("/beheer/teams").text)
    assert "Burgerzaken" in form.by_id("chain_id").text
    response = web.post(
        "/beheer/teams",
        data={"name": "Publiekszaken", "chain_id": chain.id, "description": "Balie en afspraken"},
    )
    assert response.status_code == 303
    page = Page(web.get("/beheer/teams").text)
    assert "Team Publiekszaken is toegevoegd." in page.text
    row = _row(page, "team-row-", "Publiekszaken")
    assert "Burgerzaken" in row.text and "Actief" in row.text
    team = queries.get_team_by_name("Publiekszaken")
    team_page = web.get(f"/teams/{team.id}").text
    assert "Balie en afspraken" in team_page
    assert "Dit team heeft nog geen leden." in team_page


def test_inactive_chains_are_not_offered_for_new_teams(web, admin):
    make_chain("Actieve keten")
    old = make_chain("Oude keten")
    old.active = False
    web.login(admin)
    choices = Page(web.get("/beheer/teams").text).by_id("chain_id").text
    assert "Actieve keten" in choices and "Oude keten" not in choices


def test_team_names_are_unique_ignoring_case(web, admin):
    chain = make_chain()
    make_team(chain, "Publiekszaken")
    web.login(admin)
    response = web.post("/beheer/teams", data={"name": "PUBLIEKSZAKEN", "chain_id": chain.id})
    assert response.status_code == 422
    page = Page(response.text)
    assert page.field_error("name") == "Er is al een team met deze naam."
    assert page.value("name") == "PUBLIEKSZAKEN"
    assert page.value("chain_id") == str(chain.id)
    assert len(queries.list_teams()) == 1


def test_over_long_team_name_is_refused_and_kept(web, admin):
    chain = make_chain()
    web.login(admin)
    name = "T" * 81
    response = web.post("/beheer/teams", data={"name": name, "chain_id": chain.id})
    assert response.status_code == 422
    page = Page(response.text)
    assert page.field_error("name") == "Een naam is hoogstens 80 tekens."
    assert page.value("name") == name
    assert queries.list_teams() == []


def test_a_team_needs_a_chain(web, admin):
    make_chain()
    web.login(admin)
    response = web.post("/beheer/teams", data={"name": "Zwervend team"})
    assert response.status_code == 422
    page = Page(response.text)
    assert page.field_error("chain_id") == "Kies een keten."
    assert page.value("name") == "Zwervend team"


def test_admin_moves_a_team_to_another_chain(web, admin, team, employee):
    other = make_chain("Sociaal Domein")
    web.login(admin)
    response = web.post(
        f"/beheer/teams/{team.id}",
        data={"name": team.name, "chain_id": other.id, "description": "", "active": "y"},
    )
    assert response.status_code == 303
    web.login(employee)
    breadcrumb = Page(web.get(f"/teams/{team.id}").text).by_class("breadcrumb")[0]
    assert "Sociaal Domein" in breadcrumb.text
    [event] = audit_events(action="team.update")
    assert event.detail.startswith("chain: ") and event.detail.endswith("→ Sociaal Domein")


def test_renaming_a_team_to_another_teams_name_is_refused(web, admin, team):
    other = make_team(name="Werk en Inkomen")
    web.login(admin)
    response = web.post(
        f"/beheer/teams/{other.id}",
        data={"name": team.name, "chain_id": other.chain_id, "active": "y"},
    )
    assert response.status_code == 422
    assert Page(response.text).field_error("name") == "Er is al een team met deze naam."
    assert queries.get_team(other.id).name == "Werk en Inkomen"


def test_deactivated_team_is_shown_as_such(web, admin, team, employee):
    web.login(admin)
    response = web.post(
        f"/beheer/teams/{team.id}",
        data={"name": team.name, "chain_id": team.chain_id, "description": ""},
    )
    assert response.status_code == 303
    row = _row(Page(web.get("/beheer/teams").text), "team-row-", team.name)
    assert "Opgeheven" in row.text
    web.login(employee)
    page = web.get(f"/teams/{team.id}")
    assert page.status_code == 200
    assert "Dit team is opgeheven." in page.text
    assert team.name not in Page(web.get("/teams").text).by_id("main").text
    [event] = audit_events(action="team.update")
    assert event.detail == "active: True → False"


def test_edit_form_shows_the_current_values(web, admin, team):
    web.login(admin)
    page = Page(web.get(f"/beheer/teams/{team.id}").text)
    assert page.value("name") == team.name
    assert page.value("chain_id") == str(team.chain_id)
    assert "checked" in page.by_id("active").attrs


def test_unknown_team_is_a_dutch_404(web, admin):
    web.login(admin)
    assert web.get("/beheer/teams/999999").status_code == 404
    response = web.get("/teams/999999")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.text
