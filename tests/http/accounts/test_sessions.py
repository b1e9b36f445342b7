"""Idle and absolute session timeouts, and deactivation ending sessions at once."""

from __future__ import annotations

from board.accounts import services
from board.extensions import db


def test_idle_session_expires(web, employee, clock, app):
    web.login(employee)
    assert web.get("/").status_code == 200
    clock.advance(minutes=app.config["SESSION_IDLE_MINUTES"] + 1)
    response = web.get("/")
    assert response.status_code == 303
    assert "/inloggen" in response.headers["Location"]


def test_activity_keeps_a_session_alive_until_the_absolute_limit(web, employee, clock, app):
    web.login(employee)
    step = app.config["SESSION_IDLE_MINUTES"] - 10
    hours = app.config["SESSION_ABSOLUTE_HOURS"]
    for _ in range(hours * 60 // step):
        clock.advance(minutes=step)
        assert web.get("/").status_code == 200
    clock.advance(minutes=step)
    assert web.get("/").status_code == 303


def test_deactivation_ends_open_sessions(web, employee, admin, clock):
    web.login(employee)
    assert web.get("/").status_code == 200
    services.deactivate_user(employee, actor=admin)
    db.session.commit()
    assert web.get("/").status_code == 303
