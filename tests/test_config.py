"""Configuration from the environment: what an administrator sets, and the mistakes caught."""

from __future__ import annotations

import stat

import pytest

from board import config as config_module
from board.config import ConfigError, build_config, normalise_database_url

ENV_VARS = (
    "BOARD_ENV",
    "SECRET_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "ORGANISATION_NAME",
    "SESSION_IDLE_MINUTES",
    "SESSION_ABSOLUTE_HOURS",
    "MAX_CONTENT_LENGTH",
    "PROXY_COUNT",
    "LOCAL_LOGIN_ENABLED",
    "PASSWORD_MIN_LENGTH",
    "PASSWORD_RESET_HOURS",
    "OIDC_DISCOVERY_URL",
    "OIDC_CLIENT_ID",
    "OIDC_CLIENT_SECRET",
    "OIDC_SCOPES",
    "OIDC_PROVIDER_NAME",
    "OIDC_GROUPS_CLAIM",
    "OIDC_ROLE_MAP",
    "MAIL_PORT",
    "MAIL_USE_TLS",
    "BOARD_TIMEZONE",
    "LOGIN_RATE_LIMIT_IP",
    "LOGIN_RATE_LIMIT_ACCOUNT",
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    """Each test starts from an environment that sets nothing."""
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


# --- database URLs ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u:p@db:5432/wurkje", "postgresql+psycopg://u:p@db:5432/wurkje"),
        ("postgresql://u:p@db/wurkje", "postgresql+psycopg://u:p@db/wurkje"),
        ("postgresql+psycopg://u@db/wurkje", "postgresql+psycopg://u@db/wurkje"),
        ("sqlite:////srv/wurkje.db", "sqlite:////srv/wurkje.db"),
    ],
)
def test_database_urls_are_normalised_to_psycopg3(given, expected):
    assert normalise_database_url(given) == expected


def test_database_url_from_the_environment_is_normalised(clean_env):
    clean_env.setenv("DATABASE_URL", "postgres://wurkje:geheim@db.gemeente.example/wurkje")
    cfg = build_config({"BOARD_ENV": "test"})
    assert cfg["SQLALCHEMY_DATABASE_URI"] == (
        "postgresql+psycopg://wurkje:geheim@db.gemeente.example/wurkje"
    )


def test_default_database_is_sqlite_in_the_instance_folder():
    cfg = build_config({"BOARD_ENV": "test"})
    assert cfg["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{config_module.INSTANCE_DIR / 'wurkje.db'}"


# --- single sign-on role map --------------------------------------------------------------


def test_role_map_is_parsed(clean_env):
    clean_env.setenv("OIDC_ROLE_MAP", " GG-Wurkje-Beheer = admin ,GG-Managers=manager,, ")
    cfg = build_config({"BOARD_ENV": "test"})
    assert cfg["OIDC_ROLE_MAP"] == {"GG-Wurkje-Beheer": "admin", "GG-Managers": "manager"}


def test_empty_role_map_maps_nothing():
    assert build_config({"BOARD_ENV": "test"})["OIDC_ROLE_MAP"] == {}


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("GG-Beheer=superuser", "'superuser'"),
        ("GG-Beheer", "unknown role ''"),
        ("GG-Beheer=teamleider", "'teamleider'"),
        ("=admin", "no group name"),
    ],
)
def test_role_map_mistakes_stop_the_start_with_a_clear_message(clean_env, raw, fragment):
    clean_env.setenv("OIDC_ROLE_MAP", raw)
    with pytest.raises(ConfigError) as caught:
        build_config({"BOARD_ENV": "test"})
    assert "OIDC_ROLE_MAP" in str(caught.value)
    assert fragment in str(caught.value)


# --- sign-in ------------------------------------------------------------------------------


def test_switching_off_passwords_without_sso_is_refused(clean_env):
    clean_env.setenv("LOCAL_LOGIN_ENABLED", "false")
    with pytest.raises(ConfigError, match="OIDC_DISCOVERY_URL and OIDC_CLIENT_ID"):
        build_config({"BOARD_ENV": "test"})


def test_switching_off_passwords_with_sso_is_fine(clean_env):
    clean_env.setenv("LOCAL_LOGIN_ENABLED", "nee")
    clean_env.setenv("OIDC_DISCOVERY_URL", "https://login.example/.well-known/openid-configuration")
    clean_env.setenv("OIDC_CLIENT_ID", "wurkje")
    cfg = build_config({"BOARD_ENV": "test"})
    assert cfg["LOCAL_LOGIN_ENABLED"] is False
    assert cfg["OIDC_ENABLED"] is True


def test_sso_needs_both_discovery_url_and_client_id(clean_env):
    clean_env.setenv("OIDC_DISCOVERY_URL", "https://login.example/.well-known/openid-configuration")
    assert build_config({"BOARD_ENV": "test"})["OIDC_ENABLED"] is False


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("ja", True), ("TRUE", True), ("1", True), ("0", False), ("nee", False), ("", True)],
)
def test_yes_no_settings_understand_dutch_and_english(clean_env, raw, expected):
    clean_env.setenv("LOCAL_LOGIN_ENABLED", raw)
    if not expected:
        clean_env.setenv("OIDC_DISCOVERY_URL", "https://login.example/x")
        clean_env.setenv("OIDC_CLIENT_ID", "wurkje")
    assert build_config({"BOARD_ENV": "test"})["LOCAL_LOGIN_ENABLED"] is expected


# --- numbers and environments -------------------------------------------------------------


def test_numbers_from_the_environment(clean_env):
    clean_env.setenv("SESSION_IDLE_MINUTES", "30")
    clean_env.setenv("PASSWORD_MIN_LENGTH", "14")
    cfg = build_config({"BOARD_ENV": "test"})
    assert (cfg["SESSION_IDLE_MINUTES"], cfg["PASSWORD_MIN_LENGTH"]) == (30, 14)


def test_a_number_that_is_not_a_number_is_named_in_the_error(clean_env):
    clean_env.setenv("SESSION_IDLE_MINUTES", "twee uur")
    with pytest.raises(ConfigError, match="SESSION_IDLE_MINUTES must be a whole number"):
        build_config({"BOARD_ENV": "test"})


def test_unknown_environment_is_refused(clean_env):
    clean_env.setenv("BOARD_ENV", "staging")
    with pytest.raises(ConfigError, match="BOARD_ENV must be development, production or test"):
        build_config()


def test_production_without_secret_key_is_refused_with_advice():
    with pytest.raises(ConfigError) as caught:
        build_config({"BOARD_ENV": "production"})
    assert "SECRET_KEY is not set" in str(caught.value)
    assert "token_urlsafe" in str(caught.value)


def test_production_settings_are_strict(clean_env):
    clean_env.setenv("SECRET_KEY", "s" * 48)
    cfg = build_config({"BOARD_ENV": "production"})
    assert cfg["SECRET_KEY"] == "s" * 48
    assert cfg["SESSION_COOKIE_NAME"] == "__Host-wurkje"
    assert cfg["SESSION_COOKIE_SECURE"] is True
    assert cfg["SESSION_COOKIE_HTTPONLY"] is True
    assert cfg["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert cfg["SESSION_COOKIE_PATH"] == "/"
    assert cfg.get("SESSION_COOKIE_DOMAIN") in (None, False)
    assert cfg["WTF_CSRF_SSL_STRICT"] is True
    assert cfg["TESTING"] is False
    assert cfg["PREFERRED_URL_SCHEME"] == "https"
    assert cfg["ARGON2_TIME_COST"] >= 3 and cfg["ARGON2_MEMORY_COST"] >= 65536


def test_development_keeps_its_generated_secret_in_the_instance_folder(clean_env, tmp_path):
    clean_env.setattr(config_module, "INSTANCE_DIR", tmp_path)
    first = build_config({"BOARD_ENV": "development"})["SECRET_KEY"]
    second = build_config({"BOARD_ENV": "development"})["SECRET_KEY"]
    assert first == second and len(first) >= 40
    key_file = tmp_path / "secret_key"
    assert key_file.read_text() == first
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_explicit_overrides_win(clean_env):
    clean_env.setenv("SESSION_IDLE_MINUTES", "30")
    cfg = build_config({"BOARD_ENV": "test", "SESSION_IDLE_MINUTES": 5})
    assert cfg["SESSION_IDLE_MINUTES"] == 5


def test_redis_url_moves_rate_limits_to_redis_outside_tests(clean_env):
    clean_env.setenv("REDIS_URL", "redis://cache:6379/0")
    clean_env.setenv("SECRET_KEY", "s" * 48)
    assert build_config({"BOARD_ENV": "production"})["RATELIMIT_STORAGE_URI"] == (
        "redis://cache:6379/0"
    )
    assert build_config({"BOARD_ENV": "test"})["RATELIMIT_STORAGE_URI"] == "memory://"
