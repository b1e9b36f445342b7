"""Write side of the audit log."""

from __future__ import annotations

from flask import has_request_context

from board.audit.models import SUCCESS, AuditEvent
from board.clock import now
from board.extensions import db
from board.web.ip import client_ip


def record_event(
    action: str,
    *,
    actor=None,
    actor_label: str = "",
    object_type: str = "",
    object_id: object = "",
    object_label: str = "",
    result: str = SUCCESS,
    detail: str = "",
) -> AuditEvent:
    """Append one audit event; the caller's transaction commits it with the change itself."""
    event = AuditEvent(
        occurred_at=now(),
        actor_id=getattr(actor, "id", None),
        actor_label=(actor_label or getattr(actor, "email", ""))[:254],
        action=action,
        object_type=object_type,
        object_id=str(object_id or "")[:64],
        object_label=object_label[:200],
        result=result,
        ip=client_ip()[:45] if has_request_context() else "",
        detail=detail[:500],
    )
    db.session.add(event)
    db.session.flush()
    return event
