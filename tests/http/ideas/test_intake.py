"""Public intake as people use it: a team lead makes a link, a panel member without an account
hands in an idea through it, and the idea appears only after moderation."""

from __future__ import annotations

import re

import pytest

from board.extensions import db, limiter
from board.ideas import intake_services
from board.ideas.intake_services import PublicIdeaInput
from board.ideas.models import PENDING, REJECTED, VISIBLE, Idea, IntakeLink
from tests.conftest import Page, audit_events
from tests.factories import add_member, make_team, make_user


@pytest.fixture
def link(lead, team):
    made = intake_services.create_intake_link(
        label="Klantpanel Sneek", source="klantpanel", team_id=team.id, chain_id=None, actor=lead
    )
    db.session.commit()
    return made


def hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" type="hidden" value="([^"]*)"', html)
    assert match, f"no hidden field {name}"
    return match.group(1)


def open_form(web, link):
    """What a visitor's browser gets: the form with its stamp and submission key."""
    page = web.get(f"/inbreng/{link.token}")
    assert page.status_code == 200
    return {
        "stamp": hidden(page.text, "stamp"),
        "submission_key": hidden(page.text, "submission_key"),
    }


def pending_idea(link, title="Bevestiging sturen na een afspraak", **fields):
    idea = intake_services.submit_through_link(link, PublicIdeaInput(title=title, **fields))
    db.session.commit()
    return idea


def inbox_titles(web) -> list[str]:
    return Page(web.get("/ideeen?sorteer=nieuwste").text).texts("idea-row__title")


# --- The public form ---------------------------------------------------------------------------


def test_a_panel_member_hands_in_an_idea_without_an_account(web, make_web, clock, link, employee):
    form = web.get(f"/inbreng/{link.token}")
    page = Page(form.text)
    assert "Uw idee voor de gemeente" in page.text
    assert "Klantpanel Sneek" in page.text
    assert "Wilt u horen wat er met uw idee gebeurt?" in page.text
    assert page.by_class("site-nav") == []  # no menu for a visitor without an account
    assert form.headers["Cache-Control"] == "no-store"
    # Source, team and chain come from the link: the form does not ask for them.
    assert page.by_id("source") is None and page.by_id("team_id") is None
    clock.advance(seconds=20)
    response = web.post(
        f"/inbreng/{link.token}",
        {
            "title": "Bevestiging sturen na een afspraak",
            "body": "Dan weet je zeker dat het gelukt is.",
            "perspectives": ["klant"],
            "contact_email": "Panellid@Example.org",
            "website": "",
            "stamp": hidden(form.text, "stamp"),
            "submission_key": hidden(form.text, "submission_key"),
        },
    )
    assert response.status_code == 303
    assert response.headers["Location"] == f"/inbreng/{link.token}/bedankt"
    thanks = web.get(response.headers["Location"])
    assert "Bedankt voor uw idee" in thanks.text
    assert "Bevestiging sturen na een afspraak" in thanks.text
    assert "Panellid" not in thanks.text.lower().replace("panellid@", "")  # no address echoed
    assert "example.org" not in thanks.text
    # Once only: the next visitor on the same computer does not see it.
    assert "Bevestiging sturen" not in web.get(f"/inbreng/{link.token}/bedankt").text

    idea = db.session.query(Idea).one()
    assert (idea.moderation, idea.submitter_id, idea.source, idea.team_id) == (
        PENDING,
        None,
        "klantpanel",
        link.team_id,
    )
    assert idea.contact_email == "panellid@example.org"
    assert idea.perspectives == ["klant"]

    colleague = make_web()
    colleague.login(employee)
    assert "Bevestiging sturen na een afspraak" not in inbox_titles(colleague)
    assert colleague.get(f"/ideeen/{idea.id}").status_code == 404


def test_the_honeypot_refuses_calmly_and_keeps_what_was_typed(web, clock, link):
    fields = open_form(web, link)
    clock.advance(seconds=20)
    response = web.post(
        f"/inbreng/{link.token}",
        {**fields, "title": "Meer bankjes in het park", "website": "http://spam.example"},
    )
    assert response.status_code == 400
    page = Page(response.text)
    assert "verborgen controleveld" in page.text
    assert page.value("title") == "Meer bankjes in het park"
    assert page.value("website") == ""  # the trap is empty again
    assert db.session.query(Idea).count() == 0


def test_the_honeypot_is_hidden_by_a_class_and_labelled_to_be_left_empty(web, link):
    page = Page(web.get(f"/inbreng/{link.token}").text)
    trap = page.by_id("website")
    assert trap is not None and "style" not in trap.attrs
    assert trap.attrs["tabindex"] == "-1"  # the Tab key skips it
    assert any("intake-trap" in e.classes for e in _ancestors(trap))
    assert "Laat dit veld leeg" in page.text


def _ancestors(element):
    while element.parent is not None:
        element = element.parent
        yield element


def test_a_form_sent_back_within_seconds_is_refused_and_can_be_sent_again(web, clock, link):
    fields = open_form(web, link)
    clock.advance(seconds=1)
    response = web.post(f"/inbreng/{link.token}", {**fields, "title": "Snel getypt"})
    assert response.status_code == 422
    page = Page(response.text)
    assert "Dat ging erg snel" in page.text
    assert page.value("title") == "Snel getypt"
    assert db.session.query(Idea).count() == 0
    clock.advance(seconds=5)
    again = web.post(
        f"/inbreng/{link.token}",
        {
            "title": "Snel getypt",
            "stamp": hidden(response.text, "stamp"),
            "submission_key": hidden(response.text, "submission_key"),
        },
    )
    assert again.status_code == 303
    assert db.session.query(Idea).count() == 1


def test_a_forged_or_day_old_stamp_is_refused(web, clock, link):
    fields = open_form(web, link)
    forged = web.post(
        f"/inbreng/{link.token}", {**fields, "stamp": "nep", "title": "Met een vals stempel"}
    )
    assert forged.status_code == 400
    assert "kon niet worden verwerkt" in forged.text
    clock.advance(days=1, minutes=5)
    stale = web.post(f"/inbreng/{link.token}", {**fields, "title": "Lang blijven liggen"})
    assert stale.status_code == 422
    assert "te lang open" in stale.text
    assert Page(stale.text).value("title") == "Lang blijven liggen"
    assert db.session.query(Idea).count() == 0


def test_invalid_input_is_422_with_everything_typed_kept(web, clock, link):
    fields = open_form(web, link)
    clock.advance(seconds=30)
    response = web.post(
        f"/inbreng/{link.token}",
        {
            **fields,
            "title": "",
            "body": "Een lange uitleg die niet verloren mag gaan.",
            "perspectives": ["proces", "financieel"],
            "contact_email": "geen-adres",
        },
    )
    assert response.status_code == 422
    page = Page(response.text)
    assert page.field_error("title") == "Geef uw idee een titel, in een zin."
    assert "geen geldig e-mailadres" in page.field_error("contact_email")
    assert page.value("body") == "Een lange uitleg die niet verloren mag gaan."
    assert page.value("contact_email") == "geen-adres"
    checked = [e.attrs["value"] for e in page.all() if e.tag == "input" and "checked" in e.attrs]
    assert checked == ["proces", "financieel"]
    assert db.session.query(Idea).count() == 0


def test_a_double_click_gives_one_idea(web, clock, link):
    fields = open_form(web, link)
    clock.advance(seconds=10)
    data = {**fields, "title": "Twee keer geklikt"}
    first = web.post(f"/inbreng/{link.token}", data)
    second = web.post(f"/inbreng/{link.token}", data)
    assert first.status_code == second.status_code == 303
    assert db.session.query(Idea).count() == 1


def test_a_revoked_or_unknown_link_says_it_no_longer_works(web, clock, lead, link):
    fields = open_form(web, link)
    intake_services.revoke_intake_link(link, lead)
    db.session.commit()
    clock.advance(seconds=10)
    for response in (
        web.get(f"/inbreng/{link.token}"),
        web.post(f"/inbreng/{link.token}", {**fields, "title": "Na het intrekken"}),
        web.get("/inbreng/bestaat-niet"),
    ):
        assert response.status_code == 404
        assert "Deze link werkt niet meer" in response.text
    assert db.session.query(Idea).count() == 0


def test_one_address_is_rate_limited_with_a_dutch_page_that_keeps_the_text(
    app, web, clock, link, monkeypatch
):
    monkeypatch.setitem(app.config, "INTAKE_RATE_LIMIT_IP", "3 per hour")
    limiter.reset()
    for n in range(3):
        fields = open_form(web, link)
        clock.advance(seconds=10)
        assert (
            web.post(f"/inbreng/{link.token}", {**fields, "title": f"Idee {n}"}).status_code == 303
        )
    fields = open_form(web, link)
    clock.advance(seconds=10)
    response = web.post(f"/inbreng/{link.token}", {**fields, "title": "Eén te veel"})
    assert response.status_code == 429
    page = Page(response.text)
    assert "Wacht een uur" in page.text
    assert page.value("title") == "Eén te veel"
    assert db.session.query(Idea).count() == 3


def test_one_link_is_rate_limited_across_addresses(app, make_web, clock, link, monkeypatch):
    monkeypatch.setitem(app.config, "INTAKE_RATE_LIMIT_LINK", "2 per hour")
    limiter.reset()
    statuses = []
    for n in range(3):
        visitor = make_web()
        address = {"REMOTE_ADDR": f"192.0.2.{n + 1}"}
        form = visitor.get(f"/inbreng/{link.token}", environ_base=address)
        clock.advance(seconds=10)
        response = visitor.post(
            f"/inbreng/{link.token}",
            {"title": f"Vanaf adres {n}", "stamp": hidden(form.text, "stamp")},
            environ_base=address,
        )
        statuses.append(response.status_code)
    assert statuses == [303, 303, 429]


# --- Managing links ----------------------------------------------------------------------------


def test_a_lead_makes_a_link_and_gets_its_printable_page(web, lead, team):
    web.login(lead)
    team_page = web.get(f"/teams/{team.id}")
    assert f"/ideeen/inbrenglinks?team={team.id}" in team_page.text
    form = web.get(f"/ideeen/inbrenglinks?team={team.id}")
    assert Page(form.text).value("target") == f"team-{team.id}"
    response = web.post(
        "/ideeen/inbrenglinks",
        {"label": "Wijkteam Sneek", "source": "wijkteam", "target": f"team-{team.id}"},
    )
    assert response.status_code == 303
    link = db.session.query(IntakeLink).one()
    assert response.headers["Location"] == f"/ideeen/inbrenglinks/{link.id}"
    sheet = web.get(response.headers["Location"])
    page = Page(sheet.text)
    assert "Wijkteam Sneek" in page.text and team.name in page.text
    assert f"http://localhost/inbreng/{link.token}" in page.text  # the absolute address
    svg = next(e for e in page.all() if e.tag == "svg")
    assert "intake-qr" in svg.classes and svg.attrs["role"] == "img"
    assert "style=" not in sheet.text
    assert [e.object_label for e in audit_events(action="intake_link.create")] == ["Wijkteam Sneek"]


def test_a_link_needs_a_name_and_keeps_what_was_typed(web, lead, team):
    web.login(lead)
    response = web.post(
        "/ideeen/inbrenglinks", {"label": "", "source": "wijkteam", "target": f"team-{team.id}"}
    )
    assert response.status_code == 422
    page = Page(response.text)
    assert "Geef de link een naam" in page.field_error("label")
    assert page.value("source") == "wijkteam"
    assert page.value("target") == f"team-{team.id}"


def test_a_lead_cannot_make_a_link_for_a_chain_or_another_team(web, lead, team, manager):
    web.login(lead)
    other = make_team()
    db.session.commit()
    for target in (f"chain-{team.chain_id}", f"team-{other.id}"):
        response = web.post(
            "/ideeen/inbrenglinks", {"label": "Niet van mij", "source": "overig", "target": target}
        )
        assert response.status_code == 403
    assert db.session.query(IntakeLink).count() == 0
    web.login(manager)
    response = web.post(
        "/ideeen/inbrenglinks",
        {"label": "Cliëntenraad", "source": "clientenraad", "target": f"chain-{team.chain_id}"},
    )
    assert response.status_code == 303
    assert db.session.query(IntakeLink).one().chain_id == team.chain_id


def test_the_link_list_counts_ideas_and_revoking_asks_first(web, lead, link, manager):
    pending_idea(link)
    approved = pending_idea(link, title="Al goedgekeurd")
    intake_services.approve_idea(approved, manager)
    db.session.commit()
    web.login(lead)
    row = Page(web.get("/ideeen/inbrenglinks").text).by_id(f"intake-link-{link.id}")
    cells = [c.text for c in row.children if c.tag == "td"]
    assert cells[:6] == ["Klantpanel Sneek", link_team_name(link), "Klantpanel", "2", "1", "Actief"]
    confirm = web.get(f"/ideeen/inbrenglinks/{link.id}/intrekken")
    assert "Ja, link intrekken" in confirm.text
    assert db.session.get(IntakeLink, link.id).revoked_at is None  # asking changed nothing
    response = web.post(f"/ideeen/inbrenglinks/{link.id}/intrekken")
    assert response.status_code == 303
    assert db.session.get(IntakeLink, link.id).revoked_at is not None
    listing = Page(web.get("/ideeen/inbrenglinks").text)
    assert "is ingetrokken" in listing.text
    assert "Ingetrokken" in listing.by_id(f"intake-link-{link.id}").text
    assert [e.actor_id for e in audit_events(action="intake_link.revoke")] == [lead.id]


def link_team_name(link) -> str:
    from board.org.queries import get_team

    return get_team(link.team_id).name


def test_an_employee_sees_no_intake_section_on_the_team_page(web, employee, team):
    web.login(employee)
    assert "Inbrenglinks" not in web.get(f"/teams/{team.id}").text


# --- Moderation --------------------------------------------------------------------------------


def test_the_queue_shows_what_waits_without_the_address_and_without_running_html(web, lead, link):
    idea = pending_idea(
        link,
        title="<script>alert(1)</script> Balie",
        body="<b>vet</b>\nTweede regel",
        contact_email="geheim@example.org",
    )
    pending_idea(link, title="Zonder adres")
    web.login(lead)
    response = web.get("/ideeen/moderatie")
    assert "geheim@example.org" not in response.text
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;b&gt;vet&lt;/b&gt;" in response.text
    page = Page(response.text)
    row = page.by_id(f"pending-{idea.id}")
    assert "Klantpanel" in row.text and "via Klantpanel Sneek" in row.text
    assert "e-mailadres achtergelaten" in row.text
    assert "geen e-mailadres" in page.text
    assert "Er wachten 2 ideeën" in page.text
    # The menu shows how many wait.
    nav = page.by_class("site-nav")[0]
    assert "Moderatie 2" in nav.text


def test_approving_without_javascript_puts_the_idea_in_the_inbox(web, lead, link):
    idea = pending_idea(link)
    web.login(lead)
    detail = web.get(f"/ideeen/{idea.id}")
    assert detail.status_code == 200
    assert "Dit idee wacht op moderatie" in detail.text
    assert idea.title not in inbox_titles(web)
    response = web.post(f"/ideeen/moderatie/{idea.id}/goedkeuren")
    assert response.status_code == 303
    assert response.headers["Location"] == "/ideeen/moderatie"
    queue = web.get("/ideeen/moderatie")
    assert "staat nu in de ideeënbus" in queue.text
    assert f"pending-{idea.id}" not in queue.text
    assert idea.title in inbox_titles(web)
    assert db.session.get(Idea, idea.id).status == "nieuw"
    assert "goedgekeurd voor de ideeënbus" in web.get(f"/ideeen/{idea.id}").text


def test_approving_with_htmx_removes_the_row_and_announces_it(web, lead, link):
    idea = pending_idea(link)
    pending_idea(link, title="Nog een")
    web.login(lead)
    response = web.post(f"/ideeen/moderatie/{idea.id}/goedkeuren", htmx=True)
    assert response.status_code == 200
    page = Page(response.text)
    assert page.by_id(f"pending-{idea.id}") is None
    status = page.by_id("moderation-status")
    assert status.attrs["hx-swap-oob"] == "innerHTML"
    assert "staat nu in de ideeënbus" in status.text
    assert "Er wacht 1 idee" in page.by_id("moderation-waiting").text
    assert page.by_id("moderation-badge").text == "1 wachten"  # the menu's count, in place
    assert db.session.get(Idea, idea.id).moderation == VISIBLE
    # The page's status region is a live region that exists before the swap.
    queue = Page(web.get("/ideeen/moderatie").text)
    assert queue.by_id("moderation-status").attrs["role"] == "status"


def test_declining_needs_a_reason_and_keeps_what_was_typed(web, lead, link):
    idea = pending_idea(link, contact_email="a@example.org")
    web.login(lead)
    response = web.post(f"/ideeen/moderatie/{idea.id}/weigeren", {"reason": "   "})
    assert response.status_code == 422
    page = Page(response.text)
    assert "Geef een reden op" in page.field_error(f"reason-{idea.id}")
    assert db.session.get(Idea, idea.id).moderation == PENDING
    fragment = web.post(f"/ideeen/moderatie/{idea.id}/weigeren", {"reason": ""}, htmx=True)
    assert fragment.status_code == 422
    assert Page(fragment.text).by_id(f"pending-{idea.id}") is not None
    assert "<html" not in fragment.text
    done = web.post(f"/ideeen/moderatie/{idea.id}/weigeren", {"reason": "Geen gemeentetaak"})
    assert done.status_code == 303
    stored = db.session.get(Idea, idea.id)
    assert (stored.moderation, stored.decision_reason) == (REJECTED, "Geen gemeentetaak")
    assert stored.contact_email is None
    assert web.get(f"/ideeen/{idea.id}").status_code == 404  # declined: for nobody
    assert idea.title not in inbox_titles(web)


def test_declining_with_htmx_removes_the_row(web, manager, link):
    idea = pending_idea(link)
    web.login(manager)
    response = web.post(f"/ideeen/moderatie/{idea.id}/weigeren", {"reason": "Dubbel"}, htmx=True)
    assert response.status_code == 200
    assert "is geweigerd" in Page(response.text).by_id("moderation-status").text
    assert db.session.get(Idea, idea.id).moderation == REJECTED


def test_a_lead_of_another_team_sees_nothing_of_it(web, link):
    idea = pending_idea(link)
    outsider = make_user()
    add_member(outsider, make_team(), "lead")
    web.login(outsider)
    assert idea.title not in web.get("/ideeen/moderatie").text
    assert web.get(f"/ideeen/{idea.id}").status_code == 404
    assert web.post(f"/ideeen/moderatie/{idea.id}/goedkeuren").status_code == 404
    assert web.post(f"/ideeen/moderatie/{idea.id}/weigeren", {"reason": "x"}).status_code == 404
    assert web.get(f"/ideeen/inbrenglinks/{link.id}").status_code == 404
    assert db.session.get(Idea, idea.id).moderation == PENDING


def test_votes_and_comments_on_a_waiting_idea_are_refused(web, lead, link):
    idea = pending_idea(link)
    web.login(lead)
    assert web.post(f"/ideeen/{idea.id}/stem").status_code == 404
    assert web.post(f"/ideeen/{idea.id}/reacties", {"body": "Goed idee"}).status_code == 404
    stored = db.session.get(Idea, idea.id)
    assert (stored.vote_count, stored.comment_count) == (0, 0)


def test_an_employee_has_no_queue_and_no_menu_link(web, employee, link):
    pending_idea(link)
    web.login(employee)
    assert web.get("/ideeen/moderatie").status_code == 403
    assert "Moderatie" not in Page(web.get("/ideeen").text).by_class("site-nav")[0].text


def test_a_second_approval_says_it_was_already_done(web, make_web, lead, manager, link):
    idea = pending_idea(link)
    web.login(lead)
    other = make_web()
    other.login(manager)
    assert other.post(f"/ideeen/moderatie/{idea.id}/goedkeuren").status_code == 303
    late = web.post(f"/ideeen/moderatie/{idea.id}/goedkeuren", htmx=True)
    assert late.status_code == 200
    assert "al beoordeeld" in Page(late.text).by_id("moderation-status").text
    events = [e for e in queries_events(idea.id) if e.kind == "moderation"]
    assert [(e.actor_id, e.to_value) for e in events] == [(manager.id, VISIBLE)]


def queries_events(idea_id):
    from board.ideas.queries import list_events

    return list_events(idea_id)
