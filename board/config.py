"""Configuration: defaults here, overridden by environment variables, then by create_app(config).

Every setting an administrator may change is an environment variable documented in README.md.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = Path(os.environ.get("BOARD_INSTANCE_DIR", PROJECT_ROOT / "instance"))

ROLES = ("employee", "manager", "admin")
LANGUAGES = ("nl", "en", "fy")


class ConfigError(RuntimeError):
    """The configuration cannot work; the message says what to set."""


def _bool(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "ja", "on"}


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from exc


def _development_secret_key() -> str:
    """Generate a secret once and keep it in instance/, so sessions survive a restart."""
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _role_map(raw: str) -> dict[str, str]:
    """Parse OIDC_ROLE_MAP: 'group=role,group2=role2'."""
    mapping: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in raw.split(","))):
        group, _, role = part.partition("=")
        role = role.strip()
        if not group.strip():
            raise ConfigError(f"OIDC_ROLE_MAP entry {part!r} has no group name (use group=role)")
        if role not in ROLES:
            raise ConfigError(f"OIDC_ROLE_MAP names an unknown role {role!r} (use {ROLES})")
        mapping[group.strip()] = role
    return mapping


def normalise_database_url(url: str) -> str:
    """Accept the usual postgres:// and postgresql:// forms; use the psycopg 3 driver."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def build_config(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Defaults, then the environment, then explicit overrides (tests)."""
    overrides = dict(overrides or {})
    env = overrides.get("BOARD_ENV") or os.environ.get("BOARD_ENV", "development")
    if env not in {"development", "production", "test"}:
        raise ConfigError(f"BOARD_ENV must be development, production or test, got {env!r}")
    production = env == "production"

    secret = os.environ.get("SECRET_KEY") or overrides.get("SECRET_KEY")
    if not secret:
        if production:
            raise ConfigError(
                "SECRET_KEY is not set. In production Linich Wurkje refuses to start without it: "
                "set SECRET_KEY to a long random value, e.g. `python -c 'import secrets; "
                "print(secrets.token_urlsafe(48))'`."
            )
        secret = _development_secret_key() if env == "development" else secrets.token_urlsafe(32)

    database_url = normalise_database_url(
        os.environ.get("DATABASE_URL") or f"sqlite:///{INSTANCE_DIR / 'wurkje.db'}"
    )

    redis_url = os.environ.get("REDIS_URL", "")
    config: dict[str, Any] = {
        "BOARD_ENV": env,
        "TESTING": env == "test",
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SQLALCHEMY_RECORD_QUERIES": False,
        "REDIS_URL": redis_url,
        "ORGANISATION_NAME": os.environ.get("ORGANISATION_NAME", ""),
        # Sessions: server-side records, a signed cookie holds only a random id.
        "SESSION_IDLE_MINUTES": _int("SESSION_IDLE_MINUTES", 120),
        "SESSION_ABSOLUTE_HOURS": _int("SESSION_ABSOLUTE_HOURS", 12),
        "SESSION_COOKIE_NAME": "__Host-wurkje" if production else "wurkje",
        "SESSION_COOKIE_SECURE": production,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_PATH": "/",
        "PREFERRED_URL_SCHEME": "https" if production else "http",
        # Requests: 10 MB is enough for a spreadsheet of ideas, and no more.
        "MAX_CONTENT_LENGTH": _int("MAX_CONTENT_LENGTH", 10 * 1024 * 1024),
        "MAX_FORM_MEMORY_SIZE": 1024 * 1024,
        "PROXY_COUNT": _int("PROXY_COUNT", 0),
        # CSRF on every write; an open board must not expire.
        "WTF_CSRF_TIME_LIMIT": None,
        "WTF_CSRF_SSL_STRICT": production,
        # Rate limits.
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        "LOGIN_RATE_LIMIT_IP": os.environ.get("LOGIN_RATE_LIMIT_IP", "30 per 5 minutes"),
        "LOGIN_RATE_LIMIT_ACCOUNT": os.environ.get("LOGIN_RATE_LIMIT_ACCOUNT", "5 per 15 minutes"),
        "INTAKE_RATE_LIMIT_IP": os.environ.get("INTAKE_RATE_LIMIT_IP", "10 per hour"),
        "INTAKE_RATE_LIMIT_LINK": os.environ.get("INTAKE_RATE_LIMIT_LINK", "60 per hour"),
        # Counts beside the inbox filters are reused this many seconds (0: always fresh).
        "FACET_CACHE_SECONDS": _int("FACET_CACHE_SECONDS", 30),
        # Sign-in.
        "LOCAL_LOGIN_ENABLED": _bool(os.environ.get("LOCAL_LOGIN_ENABLED"), True),
        "PASSWORD_MIN_LENGTH": _int("PASSWORD_MIN_LENGTH", 10),
        "PASSWORD_RESET_HOURS": _int("PASSWORD_RESET_HOURS", 72),
        "ARGON2_TIME_COST": 3,
        "ARGON2_MEMORY_COST": 65536,
        # Single sign-on (OpenID Connect).
        "OIDC_DISCOVERY_URL": os.environ.get("OIDC_DISCOVERY_URL", ""),
        "OIDC_CLIENT_ID": os.environ.get("OIDC_CLIENT_ID", ""),
        "OIDC_CLIENT_SECRET": os.environ.get("OIDC_CLIENT_SECRET", ""),
        "OIDC_SCOPES": os.environ.get("OIDC_SCOPES", "openid email profile"),
        "OIDC_PROVIDER_NAME": os.environ.get("OIDC_PROVIDER_NAME", ""),
        "OIDC_GROUPS_CLAIM": os.environ.get("OIDC_GROUPS_CLAIM", "groups"),
        "OIDC_ROLE_MAP": _role_map(os.environ.get("OIDC_ROLE_MAP", "")),
        # Mail (optional; nothing depends on it being there).
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": _int("MAIL_PORT", 25),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _bool(os.environ.get("MAIL_USE_TLS"), False),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "linich-wurkje@localhost"),
        "MAIL_TIMEOUT": _int("MAIL_TIMEOUT", 10),
        "MAIL_SEND_IN_BACKGROUND": _bool(os.environ.get("MAIL_SEND_IN_BACKGROUND"), True),
        # The address people use to reach the app, for links in e-mails sent outside a request.
        "BASE_URL": os.environ.get("BASE_URL", ""),
        # Languages.
        "BABEL_DEFAULT_LOCALE": "nl",
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("BOARD_TIMEZONE", "Europe/Amsterdam"),
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        "LANGUAGES": LANGUAGES,
    }
    if env == "test":
        # Cheap hashing keeps the suite fast; the algorithm is the same.
        config.update(
            ARGON2_TIME_COST=1,
            ARGON2_MEMORY_COST=1024,
            RATELIMIT_STORAGE_URI="memory://",
            FACET_CACHE_SECONDS=0,
        )
    config.update(overrides)
    if config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    oidc_keys = ("OIDC_DISCOVERY_URL", "OIDC_CLIENT_ID")
    config["OIDC_ENABLED"] = all(config[k] for k in oidc_keys)
    if not config["LOCAL_LOGIN_ENABLED"] and not config["OIDC_ENABLED"]:
        raise ConfigError("LOCAL_LOGIN_ENABLED=false needs OIDC_DISCOVERY_URL and OIDC_CLIENT_ID")
    return config
