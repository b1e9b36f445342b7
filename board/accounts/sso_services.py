"""Write side of single sign-on: which person an OpenID Connect identity is in Linich Wurkje.

The protocol (redirects, state, PKCE, token exchange, ID token checks) lives in
`board.accounts.sso`; this module gets the already validated ID token claims and decides who
signs in. Like every service it raises an error with a translated message, flushes and never
commits.

Who is who
    A person is keyed by issuer + subject (`User.oidc_issuer`, `User.oidc_subject`), never by
    e-mail: an address can change at the identity provider, the subject cannot. On the first
    sign-in of an identity:

    1. a person already linked to this issuer + subject is that person;
    2. else an *active* person with the same e-mail address and no link yet is linked to it, so
       an administrator can create people (with their role and teams) before they first sign in.
       This trusts the provider's `email` claim; an address the provider explicitly marks as
       unverified (`email_verified: false`) is never used to link;
    3. else a new person is created, named after `name` (or `given_name family_name`, or the
       e-mail address).

    A later sign-in finds the person by subject and takes over a changed e-mail address (unless
    another person already has it, or the provider says it is unverified).

Roles
    A new person gets the employee role, unless `OIDC_ROLE_MAP` maps one of their groups to a
    role: the map is the administrator's explicit choice, so then the highest mapped role.
    On every later sign-in the mapping is applied again *when at least one of the person's
    groups is in the map*: the role follows the groups up and down. A person none of whose
    groups is in the map keeps whatever role an administrator gave them in the app. To take a
    group-granted role away when someone leaves the group, also map a group everybody is in
    (for example all staff) to `employee`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from board.accounts import queries
from board.accounts.models import GLOBAL_ROLES, ROLE_EMPLOYEE, User
from board.accounts.services import NAME_MAX, AccountError, normalise_email
from board.audit.models import FAILURE
from board.audit.services import record_event
from board.config import LANGUAGES
from board.extensions import db

METHOD = "oidc"
ROLE_RANK = {role: rank for rank, role in enumerate(GLOBAL_ROLES)}  # employee < manager < admin


class SsoError(AccountError):
    """Single sign-on did not work. `message` is for the person; `reason` (English, never a
    token) is for the audit log; `status` is the HTTP status of the sign-in page."""

    def __init__(self, message: str, *, reason: str, status: int = 401) -> None:
        super().__init__(message)
        self.reason = reason
        self.status = status


@dataclass(frozen=True)
class Identity:
    """What the identity provider says about the person, from a validated ID token."""

    issuer: str
    subject: str
    email: str | None  # normalised, or None when missing or unusable
    email_verified: bool | None  # None: the provider does not say
    name: str
    groups: tuple[str, ...]
    language: str | None


def _groups(value: Any) -> tuple[str, ...]:
    """The groups claim as strings: a list, or a single value, or nothing."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, Iterable):
        return ()
    return tuple(str(item) for item in value if isinstance(item, str | int))


def _language(value: Any) -> str | None:
    """`locale` claims look like nl, nl-NL or en_GB; use it only when the app speaks it."""
    if not isinstance(value, str):
        return None
    code = value.replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else None


def identity_from_claims(claims: Mapping[str, Any], *, groups_claim: str) -> Identity:
    """Read the claims of a validated ID token; no `iss`/`sub` is an SsoError."""
    issuer = str(claims.get("iss") or "")
    subject = str(claims.get("sub") or "")
    if not issuer or not subject:
        raise SsoError(
            _(
                "De inlogdienst van je organisatie gaf een onvolledig antwoord. "
                "Probeer het opnieuw of vraag de beheerder om hulp."
            ),
            reason="id token without iss or sub",
            status=502,
        )
    email: str | None = None
    raw_email = claims.get("email")
    if isinstance(raw_email, str) and raw_email.strip():
        try:
            email = normalise_email(raw_email)
        except AccountError:
            email = None
    verified = claims.get("email_verified")
    if isinstance(verified, str):  # some providers send "true"/"false"
        verified = verified.strip().lower() == "true"
    name = str(claims.get("name") or "").strip()
    if not name:
        name = " ".join(
            str(claims.get(part) or "").strip() for part in ("given_name", "family_name")
        ).strip()
    if not name:
        name = email or ""
    return Identity(
        issuer=issuer[:255],
        subject=subject[:255],
        email=email,
        email_verified=verified if isinstance(verified, bool) else None,
        name=name[:NAME_MAX],
        groups=_groups(claims.get(groups_claim)),
        language=_language(claims.get("locale")),
    )


def mapped_role(groups: Iterable[str], role_map: Mapping[str, str]) -> str | None:
    """The highest role the role map gives any of these groups, or None when none is mapped."""
    roles = [role_map[group] for group in groups if group in role_map]
    roles = [role for role in roles if role in ROLE_RANK]
    return max(roles, key=ROLE_RANK.__getitem__) if roles else None


def record_failure(reason: str, *, user: User | None = None, label: str = "") -> None:
    """Log a refused single sign-on (never a token or code)."""
    record_event(
        "auth.login",
        actor=user,
        actor_label=label[:254],
        result=FAILURE,
        detail=f"method={METHOD}; {reason}"[:500],
    )


def _refuse(error: SsoError, *, user: User | None = None, label: str = "") -> SsoError:
    record_failure(error.reason, user=user, label=label)
    return error


def _deactivated() -> SsoError:
    return SsoError(
        _(
            "Je account in Linich Wurkje is uitgeschakeld. Vraag de beheerder om "
            "het weer aan te zetten."
        ),
        reason="account deactivated",
        status=403,
    )


def _no_email() -> SsoError:
    return SsoError(
        _(
            "De inlogdienst van je organisatie gaf geen (geldig) e-mailadres door, "
            "en dat is nodig om je account te vinden of te maken. Vraag de beheerder "
            "om hulp."
        ),
        reason="no usable email claim",
        status=400,
    )


def _email_taken() -> SsoError:
    return SsoError(
        _(
            "Er is al een account met jouw e-mailadres, maar het kan niet aan deze "
            "manier van inloggen worden gekoppeld. Vraag de beheerder om hulp."
        ),
        reason="email belongs to another account",
        status=403,
    )


def _apply_role_map(user: User, identity: Identity, role_map: Mapping[str, str]) -> None:
    role = mapped_role(identity.groups, role_map)
    if role is None or role == user.role:
        return
    before, user.role = user.role, role
    db.session.flush()
    record_event(
        "user.update",
        actor_label=f"{METHOD} groups",
        object_type="user",
        object_id=user.id,
        object_label=user.email,
        detail=f"role: {before} → {role} (source={METHOD} groups)",
    )


def _follow_email(user: User, identity: Identity) -> None:
    """Take over an address changed at the provider, unless it is unverified or taken."""
    if not identity.email or identity.email == user.email or identity.email_verified is False:
        return
    if queries.get_user_by_email(identity.email) is not None:
        return
    before, user.email = user.email, identity.email
    db.session.flush()
    record_event(
        "user.update",
        actor_label=f"{METHOD} claims",
        object_type="user",
        object_id=user.id,
        object_label=user.email,
        detail=f"email: {before} → {identity.email} (source={METHOD})",
    )


def _create(identity: Identity, role: str) -> User:
    assert identity.email
    user = User(
        email=identity.email,
        name=identity.name or identity.email,
        role=role,
        language=identity.language or "nl",
        active=True,
        oidc_issuer=identity.issuer,
        oidc_subject=identity.subject,
    )
    db.session.add(user)
    db.session.flush()
    record_event(
        "user.create",
        actor_label=METHOD,
        object_type="user",
        object_id=user.id,
        object_label=user.email,
        detail=f"source={METHOD}; role={role}",
    )
    return user


def resolve_person(identity: Identity, *, role_map: Mapping[str, str]) -> User:
    """The active person this identity signs in as: found, linked or created (see the module
    docstring). A refusal is audit-logged and raised as SsoError."""
    user = queries.get_user_by_oidc(identity.issuer, identity.subject)
    if user is not None:
        if not user.active:
            raise _refuse(_deactivated(), user=user)
        _follow_email(user, identity)
        _apply_role_map(user, identity, role_map)
        return user

    label = identity.email or f"{identity.issuer} {identity.subject}"
    if identity.email is None:
        raise _refuse(_no_email(), label=label)
    same_email = db.session.scalar(select(User).where(User.email == identity.email))
    if same_email is not None:
        if not same_email.active:
            raise _refuse(_deactivated(), user=same_email)
        if same_email.oidc_subject is not None or identity.email_verified is False:
            reason = (
                "email unverified at the provider"
                if identity.email_verified is False
                else "email already linked to another identity"
            )
            error = _email_taken()
            error.reason = reason
            raise _refuse(error, user=same_email)
        same_email.oidc_issuer = identity.issuer
        same_email.oidc_subject = identity.subject
        db.session.flush()
        record_event(
            "user.sso_link",
            actor=same_email,
            object_type="user",
            object_id=same_email.id,
            object_label=same_email.email,
            detail=f"source={METHOD}; issuer={identity.issuer}"[:500],
        )
        _apply_role_map(same_email, identity, role_map)
        return same_email

    return _create(identity, mapped_role(identity.groups, role_map) or ROLE_EMPLOYEE)
