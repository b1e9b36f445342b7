"""The idea inbox as people use it: submit, find, vote, comment, triage, merge."""

from __future__ import annotations

import re

from board.extensions import db
from board.ideas import services
from board.ideas.models import Idea
from board.ideas.services import IdeaInput
from tests.factories import add_member, make_team, make_user


def submit(user, **fields):
    idea = services.submit_idea(
        IdeaInput(**{"title": "Terugbellen in plaats van wachten", **fields}), submitter=user
    )
    db.session.commit()
    return idea


def test_employee_submits_an_idea_and_lands_on_its_page(web, employee):
    web.login(employee)
    form = web.get("/ideeen/nieuw")
    assert "Idee indienen" in form.text
    key = re.search(r'name="submission_key" type="hidden" value="([^"]+)"', form.text).group(1)
    response = web.post(
        "/ideeen",
        {
            "title": "Wachtmuziek vervangen door terugbelknop",
            "body": "Zie https://example.org/klantreis voor de reis.",
            "perspectives": ["klant", "proces"],
            "source": "medewerker",
            "team_id": "",
            "tags": "telefoon",
            "submission_key": key,
        },
    )
    assert response.status_code == 303
    page = web.get(response.headers["Location"])
    assert "Wachtmuziek vervangen door terugbelknop" in page.text
    assert 'href="https://example.org/klantreis" rel="nofollow noopener noreferrer"' in page.text
    assert "Ingediend door Jelle Postma" in page.text
    # A double click posts the same key again: still one idea.
    again = web.post(
        "/ideeen",
        {
            "title": "Wachtmuziek vervangen door terugbelknop",
            "source": "medewerker",
            "submission_key": key,
        },
    )
    assert again.headers["Location"] == response.headers["Location"]
    assert db.session.query(Idea).count() == 1


def test_invalid_idea_is_refused_with_every_problem_and_keeps_what_was_typed(web, employee):
    web.login(employee)
    response = web.post(
        "/ideeen",
        {
            "title": "x" * 130,
            "body": "Mijn uitleg",
            "perspectives": ["klant", "politiek"],
            "source": "krant",
        },
    )
    assert response.status_code == 422
    assert "hoogstens 120 tekens" in response.text
    assert "Kies perspectieven uit" in response.text
    assert "Kies een bestaande bron" in response.text
    assert "Mijn uitleg" in response.text
    assert db.session.query(Idea).count() == 0


def test_html_in_an_idea_is_shown_as_text(web, employee):
    idea = submit(employee, title="<script>alert(1)</script>", body="<b>vet</b>")
    web.login(employee)
    page = web.get(f"/ideeen/{idea.id}")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "&lt;b&gt;vet&lt;/b&gt;" in page.text


def test_inbox_filters_and_searches_and_keeps_them_in_the_url(web, employee):
    a = submit(employee, title="Lange wachttijden bij de balie", perspectives=["klant"])
    submit(employee, title="Archief digitaliseren", perspectives=["proces"])
    web.login(employee)
    page = web.get("/ideeen?zoek=wachttijd")
    assert "Lange wachttijden bij de balie" in page.text
    assert "Archief digitaliseren" not in page.text
    assert 'value="wachttijd"' in page.text
    fragment = web.get("/ideeen?perspectief=proces", htmx=True)
    assert "<html" not in fragment.text
    assert 'id="inbox-results"' in fragment.text
    assert "Archief digitaliseren" in fragment.text and a.title not in fragment.text
    assert "HX-Request" in fragment.headers["Vary"]


def test_unknown_filter_values_are_ignored_not_fatal(web, employee):
    submit(employee)
    web.login(employee)
    page = web.get("/ideeen?perspectief=politiek&status=weg&team=abc&pagina=-3&sorteer=x")
    assert page.status_code == 200
    assert "Terugbellen in plaats van wachten" in page.text


def test_voting_updates_the_count_in_place_and_can_be_withdrawn(web, employee):
    idea = submit(make_user())
    web.login(employee)
    fragment = web.post(f"/ideeen/{idea.id}/stem", htmx=True)
    assert "<html" not in fragment.text
    assert "1 stem" in fragment.text and 'aria-pressed="true"' in fragment.text
    again = web.post(f"/ideeen/{idea.id}/stem", htmx=True)
    assert "1 stem" in again.text
    withdrawn = web.post(f"/ideeen/{idea.id}/stem/intrekken", htmx=True)
    assert "0 stemmen" in withdrawn.text
    # Without JavaScript the same form answers with a redirect back to the idea.
    plain = web.post(f"/ideeen/{idea.id}/stem")
    assert plain.status_code == 303 and plain.headers["Location"] == f"/ideeen/{idea.id}"


def test_vote_on_a_missing_idea_is_404(web, employee):
    web.login(employee)
    assert web.post("/ideeen/999999/stem").status_code == 404


def test_anonymous_idea_hides_the_submitter_from_others(web, make_web, employee):
    idea = submit(employee, anonymous=True)
    web.login(employee)
    assert "alleen jij ziet dat" in web.get(f"/ideeen/{idea.id}").text
    other = make_web()
    other.login(make_user(name="Sanne de Jong"))
    page = other.get(f"/ideeen/{idea.id}")
    assert "Anoniem ingediend" in page.text
    assert "Jelle Postma" not in page.text


def test_employee_cannot_triage_but_the_team_lead_can(web, make_web, employee, lead, team):
    idea = submit(employee, team_id=team.id)
    web.login(employee)
    assert "Beoordelen" not in web.get(f"/ideeen/{idea.id}").text
    assert web.post(f"/ideeen/{idea.id}/status", {"status": "gepland"}).status_code == 403
    boss = make_web()
    boss.login(lead)
    assert "Beoordelen" in boss.get(f"/ideeen/{idea.id}").text
    refused = boss.post(f"/ideeen/{idea.id}/status", {"status": "afgewezen", "reason": ""})
    assert refused.status_code == 422
    assert "de indiener ziet die" in refused.text
    done = boss.post(
        f"/ideeen/{idea.id}/status", {"status": "afgewezen", "reason": "Landelijke regelgeving"}
    )
    assert done.status_code == 303
    page = web.get(f"/ideeen/{idea.id}")
    assert "Afgewezen, omdat:" in page.text and "Landelijke regelgeving" in page.text
    assert "status Nieuw → Afgewezen" in page.text


def test_lead_of_another_team_cannot_triage_that_teams_idea(web, employee, team):
    idea = submit(employee, team_id=team.id)
    other_lead = make_user()
    add_member(other_lead, make_team(), "lead")
    web.login(other_lead)
    assert web.post(f"/ideeen/{idea.id}/status", {"status": "gepland"}).status_code == 403


def test_manager_merges_two_duplicates(web, employee, manager):
    first = submit(employee, title="Avondopenstelling balie")
    second = submit(make_user(), title="Balie ook 's avonds open")
    services.cast_vote(first.id, make_user())
    db.session.commit()
    web.login(manager)
    bad = web.post(f"/ideeen/{first.id}/samenvoegen", {"target_id": "abc"})
    assert bad.status_code == 422 and "nummer van een bestaand idee" in bad.text
    missing = web.post(f"/ideeen/{first.id}/samenvoegen", {"target_id": "999999"})
    assert missing.status_code == 422 and "geen idee met nummer 999999" in missing.text
    response = web.post(f"/ideeen/{first.id}/samenvoegen", {"target_id": f"#{second.id}"})
    assert response.headers["Location"] == f"/ideeen/{second.id}"
    old = web.get(f"/ideeen/{first.id}")
    assert "Dit idee is samengevoegd met" in old.text
    assert f'href="/ideeen/{second.id}"' in old.text
    assert "1 stem" in web.get(f"/ideeen/{second.id}").text


def test_comment_too_long_keeps_the_text_and_says_why(web, employee):
    idea = submit(employee)
    web.login(employee)
    response = web.post(f"/ideeen/{idea.id}/reacties", {"body": "a" * 2001})
    assert response.status_code == 422
    assert "hoogstens 2000 tekens" in response.text
    ok = web.post(f"/ideeen/{idea.id}/reacties", {"body": "Mooi plan!"})
    assert ok.status_code == 303
    assert "Mooi plan!" in web.get(f"/ideeen/{idea.id}").text


def test_someone_else_cannot_edit_or_remove_my_comment(web, make_web, employee):
    idea = submit(employee)
    comment = services.add_comment(idea.id, employee, "Van mij")
    db.session.commit()
    other = make_web()
    other.login(make_user())
    assert other.post(f"/reacties/{comment.id}/wijzigen", {"body": "x"}).status_code == 403
    assert other.post(f"/reacties/{comment.id}/verwijderen").status_code == 403
    web.login(employee)
    assert "Van mij" in web.get(f"/ideeen/{idea.id}").text


def test_my_ideas_lists_what_i_submitted_with_its_status(web, employee, manager):
    idea = submit(employee, title="Mijn eigen idee")
    services.change_status(idea, manager, "gepland")
    submit(make_user(), title="Van iemand anders")
    db.session.commit()
    web.login(employee)
    page = web.get("/mijn-ideeen")
    assert "Mijn eigen idee" in page.text and "Gepland" in page.text
    assert "Van iemand anders" not in page.text


def test_similar_ideas_appear_while_typing(web, employee):
    submit(employee, title="Paspoort digitaal aanvragen")
    web.login(employee)
    fragment = web.get("/ideeen/vergelijkbaar?title=paspoort", htmx=True)
    assert "Paspoort digitaal aanvragen" in fragment.text
    assert "Stem op dit idee" in fragment.text
    assert "Paspoort" not in web.get("/ideeen/vergelijkbaar?title=fietsenstalling").text


def test_triage_form_reports_every_problem_and_changes_nothing(web, employee, manager):
    idea = submit(employee, perspectives=["klant"])
    web.login(manager)
    response = web.post(
        f"/ideeen/{idea.id}/triage",
        {"team_id": "999999", "perspectives": ["klant", "politiek"], "impact": "9", "effort": "3"},
    )
    assert response.status_code == 422
    assert "Kies een bestaand team." in response.text
    assert "Kies perspectieven uit" in response.text
    db.session.refresh(idea)
    assert idea.team_id is None and idea.perspectives == ["klant"] and idea.effort is None
    ok = web.post(
        f"/ideeen/{idea.id}/triage",
        {"team_id": "", "perspectives": ["proces"], "impact": "4", "effort": "2"},
    )
    assert ok.status_code == 303
    db.session.refresh(idea)
    assert (idea.perspectives, idea.impact, idea.effort) == (["proces"], 4, 2)


def test_manager_triages_a_selection_in_one_go(web, employee, manager, team):
    first = submit(employee, title="Eerste van de selectie")
    second = submit(employee, title="Tweede van de selectie")
    untouched = submit(employee, title="Niet aangevinkt")
    web.login(manager)
    page = web.get("/ideeen")
    assert 'id="bulk-form"' in page.text and f'id="select-{first.id}"' in page.text
    response = web.post(
        "/ideeen/selectie?sorteer=nieuwste",
        {"idea_ids": [str(first.id), str(second.id)], "status": "gepland", "team_id": team.id},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/ideeen?sorteer=nieuwste"
    for idea in (first, second, untouched):
        db.session.refresh(idea)
    assert (first.status, first.team_id) == ("gepland", team.id)
    assert (second.status, second.team_id) == ("gepland", team.id)
    assert untouched.status == "nieuw" and untouched.team_id is None
    assert "2 ideeën bijgewerkt." in web.get("/ideeen").text


def test_a_refused_selection_changes_nothing_and_keeps_the_choice(web, employee, manager):
    first = submit(employee, title="Eerste")
    second = submit(employee, title="Tweede")
    web.login(manager)
    response = web.post(
        "/ideeen/selectie", {"idea_ids": [str(first.id), str(second.id)], "status": "afgewezen"}
    )
    assert response.status_code == 422
    assert f"#{first.id}: Geef een reden op" in response.text
    assert f'id="select-{second.id}" checked' in response.text  # the selection is kept
    db.session.refresh(first)
    assert first.status == "nieuw"
    nothing = web.post("/ideeen/selectie", {"status": "gepland"})
    assert nothing.status_code == 422 and "Kies eerst een of meer ideeën." in nothing.text


def test_a_lead_cannot_triage_a_selection_with_another_teams_idea(web, employee, team):
    own_lead = make_user()
    add_member(own_lead, team, "lead")
    theirs = submit(employee, title="Van een ander team", team_id=make_team().id)
    ours = submit(employee, title="Van ons team", team_id=team.id)
    web.login(own_lead)
    page = web.get("/ideeen")
    assert f'id="select-{ours.id}"' in page.text and f'id="select-{theirs.id}"' not in page.text
    refused = web.post(
        "/ideeen/selectie", {"idea_ids": [str(ours.id), str(theirs.id)], "status": "gepland"}
    )
    assert refused.status_code == 403
    db.session.refresh(ours)
    assert ours.status == "nieuw"


def test_an_employee_has_no_selection_tools(web, employee):
    submit(employee)
    web.login(employee)
    assert 'id="bulk-form"' not in web.get("/ideeen").text
    assert web.post("/ideeen/selectie", {"idea_ids": ["1"], "status": "gepland"}).status_code == 403


def test_export_follows_the_filter_and_is_safe_to_open(web, employee, team):
    import csv
    import io

    from openpyxl import load_workbook

    submit(
        employee,
        title='=HYPERLINK("http://evil")',
        perspectives=["klant"],
        team_id=team.id,
        tags="formule",
    )
    submit(employee, title="Alleen proces", perspectives=["proces"])
    web.login(employee)
    page = web.get("/ideeen?perspectief=klant", htmx=True)
    assert "/ideeen/export?formaat=csv&amp;perspectief=klant" in page.text  # follows the view
    response = web.get("/ideeen/export?formaat=csv&perspectief=klant")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == "attachment; filename=ideeen.csv"
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0][:3] == ["Nummer", "Titel", "Toelichting"]
    assert len(rows) == 2
    assert rows[1][1].startswith("'=")  # a spreadsheet shows it, never runs it
    assert rows[1][7] == team.name and rows[1][12] == "formule"
    assert rows[1][15].endswith(f"/ideeen/{rows[1][0]}")
    assert "Jelle Postma" not in response.text  # no names in what travels
    workbook = load_workbook(io.BytesIO(web.get("/ideeen/export?formaat=xlsx").data))
    sheet = workbook.active
    assert sheet.max_row == 3  # header and both ideas
    assert web.get("/ideeen/export?formaat=pdf").status_code == 400
