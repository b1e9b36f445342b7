"""A team's page: who is in it, and the team lead keeping that list up to date."""

from __future__ import annotations

from board.org import queries
from tests.conftest import Page, audit_events, member_names
from tests.factories import add_member, make_team, make_user


def _members(html) -> list[tuple[str, ...]]:
    """Each member as shown: name, then 'Teamleider' and/or 'Uitgeschakeld' when marked."""
    rows = []
    for item in Page(html).by_class("member-list__item"):
        marks = [e.text for e in item.descendants() if e.classes & {"badge", "status--inactive"}]
        name = next(e.text for e in item.descendants() if "member-list__name" in e.classes)
        rows.append((name, *marks))
    return rows


def test_team_page_lists_members_leads_first_with_their_role(web, team, employee, lead):
    web.login(employee)
    page = Page(web.get(f"/teams/{team.id}").text)
    assert page.by_class("utrecht-heading-1")[0].text == team.name
    assert _members(page.html) == [("Tjitske Hoekstra", "Teamleider"), ("Jelle Postma",)]


def test_deactivated_members_are_marked(web, team, employee):
    gone = make_user(name="Wiebe Weg")
    add_member(gone, team)
    gone.active = False
    web.login(employee)
    assert _members(web.get(f"/teams/{team.id}").text) == [
        ("Jelle Postma",),
        ("Wiebe Weg", "Uitgeschakeld"),
    ]


def test_overview_counts_active_members_per_team(web, team, employee, lead):
    gone = make_user()
    add_member(gone, team)
    gone.active = False
    make_team(team.chain, "Leeg team")
    web.login(employee)
    page = Page(web.get("/teams").text)
    cards = {c.text for c in page.by_class("card-list__item")}
    assert f"{team.name} 2 leden" in cards
    assert "Leeg team 0 leden" in cards


def test_lead_adds_a_member_to_their_own_team(web, team, lead):
    newcomer = make_user(name="Nynke Nieuw", email="nynke@example.org")
    web.login(lead)
    page = Page(web.get(f"/teams/{team.id}").text)
    assert page.by_id("person") is not None
    # Typing part of the name suggests the person's e-mail address.
    suggestions = web.get(f"/teams/{team.id}/kandidaten?person=nynk", htmx=True).text
    assert '<option value="nynke@example.org">Nynke Nieuw</option>' in suggestions
    response = web.post(
        f"/teams/{team.id}/leden", data={"person": newcomer.email, "role": "member"}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == f"/teams/{team.id}"
    after = web.get(f"/teams/{team.id}").text
    assert "Het team is bijgewerkt." in after
    assert "Nynke Nieuw" in member_names(after)
    [event] = audit_events(action="membership.create", actor_id=lead.id)
    assert event.object_label == f"nynke@example.org @ {team.name}"


def test_lead_makes_a_member_co_lead(web, team, lead, employee):
    web.login(lead)
    web.post(f"/teams/{team.id}/leden", data={"person": employee.email, "role": "lead"})
    assert _members(web.get(f"/teams/{team.id}").text) == [
        ("Jelle Postma", "Teamleider"),
        ("Tjitske Hoekstra", "Teamleider"),
    ]
    [event] = audit_events(action="membership.update")
    assert event.detail == "role: member → lead"


def test_lead_removes_a_member_from_their_own_team(web, team, lead, employee):
    membership = queries.find_membership(employee.id, team.id)
    web.login(lead)
    response = web.post(f"/lidmaatschappen/{membership.id}/verwijderen")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/teams/{team.id}"
    after = web.get(f"/teams/{team.id}").text
    assert "Het lidmaatschap is beëindigd." in after
    assert member_names(after) == ["Tjitske Hoekstra"]


def test_adding_without_choosing_a_person_says_so(web, team, lead):
    web.login(lead)
    response = web.post(f"/teams/{team.id}/leden", data={"role": "member"})
    assert response.status_code == 422
    assert Page(response.text).field_error("person") == "Vul het e-mailadres van een persoon in."


def test_a_deactivated_person_cannot_be_added(web, team, lead):
    gone = make_user(name="Wiebe Weg", active=False)
    web.login(lead)
    response = web.post(f"/teams/{team.id}/leden", data={"person": gone.email, "role": "member"})
    assert response.status_code == 422
    assert Page(response.text).field_error("person") == "Deze persoon is uitgeschakeld."
    assert "Wiebe Weg" not in member_names(response.text)


def test_an_unknown_team_role_is_refused(web, team, lead, employee):
    web.login(lead)
    response = web.post(f"/teams/{team.id}/leden", data={"person": employee.email, "role": "baas"})
    assert response.status_code == 422
    assert Page(response.text).field_error("role") == "Kies een bestaande rol in het team."
    assert queries.find_membership(employee.id, team.id).role == "member"


def test_lead_of_another_team_is_refused_and_the_denial_is_logged(web, team, employee):
    other_lead = make_user(name="Sjoukje Anders", email="sjoukje@example.org")
    add_member(other_lead, make_team(name="Ander team"), "lead")
    outsider = make_user()
    membership = queries.find_membership(employee.id, team.id)
    web.login(other_lead)

    page = web.get(f"/teams/{team.id}")
    assert page.status_code == 200 and "Uit team halen" not in page.text

    add = web.post(f"/teams/{team.id}/leden", data={"person": outsider.email, "role": "lead"})
    assert add.status_code == 403
    assert "Geen toegang" in add.text
    remove = web.post(f"/lidmaatschappen/{membership.id}/verwijderen")
    assert remove.status_code == 403

    assert queries.find_membership(outsider.id, team.id) is None
    assert queries.find_membership(employee.id, team.id) is not None
    denials = audit_events(action="access.denied")
    assert [(e.actor_label, e.result, e.detail) for e in denials] == [
        ("sjoukje@example.org", "denied", f"POST /teams/{team.id}/leden"),
        ("sjoukje@example.org", "denied", f"POST /lidmaatschappen/{membership.id}/verwijderen"),
    ]
    assert all(e.ip == "127.0.0.1" for e in denials)


def test_a_plain_member_cannot_change_the_team(web, team, employee, lead):
    membership = queries.find_membership(lead.id, team.id)
    web.login(employee)
    assert web.post(f"/lidmaatschappen/{membership.id}/verwijderen").status_code == 403
    assert queries.find_membership(lead.id, team.id) is not None


def test_manager_manages_any_team(web, team, employee, manager):
    web.login(manager)
    page = web.get(f"/teams/{team.id}").text
    assert "Toevoegen of rol wijzigen" in page
    membership = queries.find_membership(employee.id, team.id)
    assert web.post(f"/lidmaatschappen/{membership.id}/verwijderen").status_code == 303
    assert member_names(web.get(f"/teams/{team.id}").text) == []


def test_htmx_request_gets_only_the_members_fragment(web, team, employee, lead):
    web.login(lead)
    full = web.get(f"/teams/{team.id}")
    fragment = web.get(f"/teams/{team.id}", htmx=True)
    assert fragment.status_code == 200
    assert "<html" not in fragment.text and "<h1" not in fragment.text
    assert fragment.text.lstrip().startswith('<div id="team-members">')
    assert (
        member_names(fragment.text)
        == member_names(full.text)
        == ["Tjitske Hoekstra", "Jelle Postma"]
    )
    for response in (full, fragment):
        assert "HX-Request" in response.headers["Vary"]
    assert "<html" in full.text


def test_boosted_navigation_gets_the_whole_page(web, team, employee):
    web.login(employee)
    response = web.get(f"/teams/{team.id}", headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert "<html" in response.text


def test_failed_htmx_add_returns_the_fragment_with_the_error(web, team, lead):
    web.login(lead)
    response = web.post(f"/teams/{team.id}/leden", data={"role": "member"}, htmx=True)
    assert response.status_code == 422
    assert "<html" not in response.text
    assert Page(response.text).field_error("person") == "Vul het e-mailadres van een persoon in."


def test_successful_htmx_add_tells_htmx_where_to_go(web, team, lead):
    newcomer = make_user()
    web.login(lead)
    response = web.post(
        f"/teams/{team.id}/leden", data={"person": newcomer.email, "role": "member"}, htmx=True
    )
    assert response.status_code == 200
    assert response.headers["HX-Redirect"] == f"/teams/{team.id}"


def test_an_unknown_e_mail_address_is_refused_and_kept(web, team, lead):
    web.login(lead)
    response = web.post(
        f"/teams/{team.id}/leden", data={"person": "niemand@example.org", "role": "member"}
    )
    assert response.status_code == 422
    page = Page(response.text)
    assert page.field_error("person") == "Er is niemand met dit e-mailadres."
    assert page.value("person") == "niemand@example.org"


def test_suggestions_leave_out_deactivated_people_and_cap_at_ten(web, team, lead):
    for n in range(12):
        make_user(name=f"Sietske {n}", email=f"sietske{n}@example.org")
    make_user(name="Sietske Weg", email="weg@example.org", active=False)
    web.login(lead)
    suggestions = web.get(f"/teams/{team.id}/kandidaten?person=sietske").text
    assert suggestions.count("<option") == 10
    assert "weg@example.org" not in suggestions
