"""E-mail about ideas, delivered to a real SMTP server on the loopback address."""

from __future__ import annotations

from board.accounts import services as account_services
from board.extensions import db
from board.ideas import intake_services, services
from board.ideas.models import PENDING, VISIBLE, Idea
from board.ideas.services import IdeaInput
from board.mail import Mail, queue_mail
from tests.factories import make_user
from tests.smtp import Inbox


def submit(user, title="Minder formulieren bij de Wmo-aanvraag"):
    return services.submit_idea(IdeaInput(title=title, perspectives=["klant"]), submitter=user)


def test_followers_get_an_email_in_their_own_language_when_the_status_changes(
    smtp_inbox, employee, lead
):
    idea = submit(employee)
    english = make_user(email="reader@gemeente.example", language="en")
    services.follow(idea, english)
    db.session.commit()

    services.change_status(idea, lead, "afgewezen", reason="Valt buiten ons budget")
    db.session.commit()

    dutch = smtp_inbox.to(employee.email)
    assert len(dutch) == 1
    assert dutch[0]["Subject"] == "Nieuwe status voor ‘Minder formulieren bij de Wmo-aanvraag’"
    assert dutch[0]["From"] == "ideeen@gemeente.example"
    text = Inbox.text(dutch[0])
    assert "nieuwe status: Afgewezen" in text
    assert "Valt buiten ons budget" in text
    english_mail = smtp_inbox.to("reader@gemeente.example")
    assert len(english_mail) == 1
    english_text = Inbox.text(english_mail[0])
    assert "that you follow has a new status: Rejected." in english_text
    assert english_mail[0]["Subject"].startswith("New status for")
    # The team lead caused the change and follows nothing: no mail to them.
    assert smtp_inbox.to(lead.email) == []


def test_nothing_is_sent_when_the_change_is_rolled_back(smtp_inbox, employee, lead):
    idea = submit(employee)
    db.session.commit()
    services.change_status(idea, lead, "gepland")
    db.session.rollback()
    db.session.commit()
    assert smtp_inbox.messages == []


def test_a_follower_who_turned_email_off_gets_only_the_in_app_notification(
    smtp_inbox, employee, lead
):
    idea = submit(employee)
    account_services.update_profile(
        employee, name=employee.name, language="nl", email_notifications=False
    )
    db.session.commit()
    services.add_comment(idea.id, lead, "Goed punt, we pakken het op.")
    db.session.commit()
    assert smtp_inbox.messages == []
    assert employee.email_notifications is False


def test_a_comment_mail_names_the_commenter(smtp_inbox, employee, lead):
    idea = submit(employee)
    db.session.commit()
    services.add_comment(idea.id, lead, "Goed punt, we pakken het op.")
    db.session.commit()
    (mail,) = smtp_inbox.to(employee.email)
    assert mail["Subject"].startswith("Nieuwe reactie op")
    assert f"{lead.name} reageerde op het idee" in Inbox.text(mail)


def test_no_mail_server_means_nothing_is_queued(app, employee, lead):
    assert not app.config["MAIL_SERVER"]
    idea = submit(employee)
    db.session.commit()
    services.change_status(idea, lead, "gepland")
    assert "board.mail.outbox" not in db.session.info
    db.session.commit()


def test_a_mail_server_that_is_down_does_not_break_the_change(app, monkeypatch, employee, lead):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", 9)  # nothing listens on the discard port
    monkeypatch.setitem(app.config, "MAIL_SEND_IN_BACKGROUND", False)
    monkeypatch.setitem(app.config, "MAIL_TIMEOUT", 2)
    idea = submit(employee)
    db.session.commit()
    services.change_status(idea, lead, "gepland")
    db.session.commit()
    assert db.session.get(Idea, idea.id).status == "gepland"


def _public_idea(title="Bankjes bij de bushalte in Sneek"):
    idea = services.submit_idea(
        IdeaInput(title=title, perspectives=["klant"], source="klantpanel"),
        submitter=None,
        moderation=VISIBLE,
        contact_email="panel@example.net",
    )
    db.session.commit()
    return idea


def test_a_public_submitter_hears_you_said_we_did_and_the_address_is_erased(smtp_inbox, lead):
    idea = _public_idea()
    services.change_status(idea, lead, "gepland")
    db.session.commit()
    assert idea.contact_email == "panel@example.net"  # still open: the address stays
    services.change_status(idea, lead, "gerealiseerd")
    db.session.commit()

    planned, done = smtp_inbox.to("panel@example.net")
    assert "De status van uw idee is nu: Gepland." in Inbox.text(planned)
    assert "U zei het, wij deden het." in Inbox.text(done)
    assert "Uw e-mailadres is nu gewist." in Inbox.text(done)
    assert db.session.get(Idea, idea.id).contact_email is None
    # After closing nothing more can reach them.
    services.change_status(idea, lead, "in_uitvoering")
    db.session.commit()
    assert len(smtp_inbox.to("panel@example.net")) == 2


def test_a_public_submitter_hears_where_a_merged_idea_went(smtp_inbox, lead, employee):
    idea = _public_idea()
    survivor = submit(employee, title="Meer zitplekken bij bushaltes")
    db.session.commit()
    services.merge_ideas(idea.id, survivor.id, lead)
    db.session.commit()
    (mail,) = smtp_inbox.to("panel@example.net")
    assert "‘Meer zitplekken bij bushaltes’" in Inbox.text(mail)
    assert db.session.get(Idea, idea.id).contact_email is None


def test_queued_mail_waits_for_the_commit(smtp_inbox):
    queue_mail(Mail("a@example.net", "Onderwerp", "Tekst"))
    assert smtp_inbox.messages == []
    db.session.commit()
    (mail,) = smtp_inbox.messages
    assert mail["Subject"] == "Onderwerp"
    assert mail["Auto-Submitted"] == "auto-generated"


def _waiting_idea():
    idea = services.submit_idea(
        IdeaInput(title="Speeltuin Noord opknappen", source="wijkteam"),
        submitter=None,
        moderation=PENDING,
        contact_email="wijkteam@example.net",
    )
    db.session.commit()
    return idea


def test_a_public_submitter_hears_when_their_idea_is_let_into_the_inbox(smtp_inbox, lead):
    idea = _waiting_idea()
    intake_services.approve_idea(idea, lead)
    db.session.commit()
    (mail,) = smtp_inbox.to("wijkteam@example.net")
    assert "Uw idee staat nu in de ideeënbus" in Inbox.text(mail)
    assert db.session.get(Idea, idea.id).contact_email == "wijkteam@example.net"


def test_a_declined_submission_is_told_why_and_the_address_is_erased(smtp_inbox, lead):
    idea = _waiting_idea()
    intake_services.decline_idea(idea, lead, "Dit gaat over de provinciale weg")
    db.session.commit()
    (mail,) = smtp_inbox.to("wijkteam@example.net")
    text = Inbox.text(mail)
    assert (
        "Wij nemen uw idee niet op in de ideeënbus. De reden: Dit gaat over de provinciale weg"
        in text
    )
    assert "Uw e-mailadres is nu gewist." in text
    assert db.session.get(Idea, idea.id).contact_email is None


def test_loading_the_demo_data_sends_no_mail_even_with_a_mail_server(smtp_inbox):
    from board.demo import seed_demo

    seed_demo()
    db.session.commit()
    assert smtp_inbox.messages == []
    # Afterwards the installation mails as usual.
    queue_mail(Mail("a@example.net", "Onderwerp", "Tekst"))
    db.session.commit()
    assert len(smtp_inbox.messages) == 1
