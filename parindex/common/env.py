"""Strict reading of the environment into settings.

A wrong value must stop start-up with a message naming the variable, never fall back silently:
an office server that quietly runs on the wrong database loses data.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dj_database_url

ENVIRONMENTS = ("development", "production")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class EnvError(ValueError):
    """An environment variable holds a value parindex cannot use."""


@dataclass(frozen=True)
class Config:
    """The settings parindex reads from the environment."""

    env: str
    data_dir: Path
    database: dict[str, Any]
    secret_key: str
    allowed_hosts: list[str]
    csrf_trusted_origins: list[str]
    base_url: str
    email: dict[str, Any] = field(default_factory=dict)
    # Django's debug pages (tracebacks, settings) instead of the product's own 404/500 pages.
    debug: bool = False
    replica_database: dict[str, Any] | None = None
    cache: dict[str, Any] = field(default_factory=dict)
    # Wrong passwords before a user name is locked, and for how long (docs/security.md).
    login_failure_limit: int = 5
    login_lockout_minutes: int = 30
    # Refuse giving one person a self-assessing role and an appraising role for one agency.
    separate_self_and_appraisal: bool = True

    @property
    def production(self) -> bool:
        return self.env == "production"


def parse_bool(name: str, raw: str | None, default: bool) -> bool:
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise EnvError(f"{name} must be true or false, not {raw!r}")


def parse_int(name: str, raw: str | None, default: int, *, low: int = 0, high: int = 65535) -> int:
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise EnvError(f"{name} must be a whole number, not {raw!r}") from None
    if not low <= value <= high:
        raise EnvError(f"{name} must be between {low} and {high}, not {value}")
    return value


def parse_list(raw: str | None, default: list[str]) -> list[str]:
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def parse_base_url(raw: str | None, env: str) -> str:
    """The address people open parindex at, for links in e-mails (no trailing slash)."""
    if raw is None or not raw.strip():
        return "" if env == "production" else "http://127.0.0.1:8000"
    value = raw.strip().rstrip("/")
    if not value.startswith(("http://", "https://")) or "://" not in value[:8] or len(value) < 10:
        raise EnvError(f"PARINDEX_BASE_URL must start with http:// or https://, not {raw!r}")
    return value


def parse_database(raw: str | None, data_dir: Path) -> dict[str, Any]:
    """Turn DATABASE_URL into Django's DATABASES entry (SQLite or PostgreSQL only)."""
    if raw is None or not raw.strip():
        raw = f"sqlite:///{data_dir / 'parindex.sqlite3'}"
    raw = raw.strip()
    scheme = raw.split("://", 1)[0].lower() if "://" in raw else ""
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise EnvError(
            f"DATABASE_URL must start with sqlite:/// or postgres://, not {raw.split('://')[0]!r}"
        )
    try:
        db = dj_database_url.parse(raw, conn_max_age=0 if scheme == "sqlite" else 60)
    except Exception as exc:  # the library raises several types for malformed URLs
        raise EnvError(f"DATABASE_URL cannot be read: {exc}") from None
    if scheme == "sqlite":
        if not db.get("NAME") or db["NAME"] == ":memory:":
            raise EnvError("DATABASE_URL for SQLite must name a file: sqlite:///path/to/db.sqlite3")
        # WAL lets the web server read while an import writes; the busy timeout makes a
        # concurrent writer wait instead of failing with "database is locked".
        db["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    else:
        if not db.get("NAME"):
            raise EnvError("DATABASE_URL for PostgreSQL must name a database: postgres://…/name")
        db["CONN_HEALTH_CHECKS"] = True
    return db


def parse_replica(raw: str | None, primary: dict[str, Any]) -> dict[str, Any] | None:
    """DATABASE_REPLICA_URL: a PostgreSQL streaming replica of the primary (reads only)."""
    if raw is None or not raw.strip():
        return None
    if primary.get("ENGINE") != "django.db.backends.postgresql":
        raise EnvError("DATABASE_REPLICA_URL needs DATABASE_URL to point to PostgreSQL")
    raw = raw.strip()
    if raw.split("://", 1)[0].lower() not in {"postgres", "postgresql", "pgsql"}:
        raise EnvError("DATABASE_REPLICA_URL must start with postgres://")
    try:
        db = dj_database_url.parse(raw, conn_max_age=60)
    except Exception as exc:  # the library raises several types for malformed URLs
        raise EnvError(f"DATABASE_REPLICA_URL cannot be read: {exc}") from None
    if not db.get("NAME"):
        raise EnvError("DATABASE_REPLICA_URL must name a database: postgres://…/name")
    db["CONN_HEALTH_CHECKS"] = True
    # The test runner creates no database there: the standby replays the primary's.
    db["TEST"] = {"MIRROR": "default"}
    return db


CACHE_TABLE = "parindex_cache"


def parse_cache(raw: str | None) -> dict[str, Any]:
    """REDIS_URL: Django's Redis cache; unset, the database cache (a table every process sees)."""
    if raw is None or not raw.strip():
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
            "KEY_PREFIX": "parindex",
        }
    raw = raw.strip()
    if raw.split("://", 1)[0].lower() not in {"redis", "rediss", "unix"}:
        raise EnvError("REDIS_URL must start with redis://, rediss:// or unix://")
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": raw,
        "KEY_PREFIX": "parindex",
    }


def _secret_key(env: str, raw: str | None, data_dir: Path) -> str:
    if raw and raw.strip():
        key = raw.strip()
        if env == "production" and (len(key) < 50 or len(set(key)) < 5):
            raise EnvError("SECRET_KEY must be at least 50 random characters in production")
        return key
    if env == "production":
        raise EnvError("SECRET_KEY is required when PARINDEX_ENV=production")
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key


def _email(environ: Mapping[str, str], env: str) -> dict[str, Any]:
    host = environ.get("EMAIL_HOST", "").strip()
    use_tls = parse_bool("EMAIL_USE_TLS", environ.get("EMAIL_USE_TLS"), False)
    use_ssl = parse_bool("EMAIL_USE_SSL", environ.get("EMAIL_USE_SSL"), False)
    if use_tls and use_ssl:
        raise EnvError("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be true")
    if host or env == "production":
        backend = "django.core.mail.backends.smtp.EmailBackend"
    else:
        backend = "django.core.mail.backends.console.EmailBackend"
    return {
        "EMAIL_BACKEND": backend,
        "EMAIL_HOST": host or "localhost",
        "EMAIL_PORT": parse_int("EMAIL_PORT", environ.get("EMAIL_PORT"), 25, low=1),
        "EMAIL_HOST_USER": environ.get("EMAIL_HOST_USER", ""),
        "EMAIL_HOST_PASSWORD": environ.get("EMAIL_HOST_PASSWORD", ""),
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_USE_SSL": use_ssl,
        "DEFAULT_FROM_EMAIL": environ.get("DEFAULT_FROM_EMAIL", "parindex <noreply@localhost>"),
    }


def read_config(
    environ: Mapping[str, str] | None = None, *, base_dir: Path | None = None
) -> Config:
    """Read and validate every setting parindex takes from the environment."""
    environ = os.environ if environ is None else environ
    base_dir = base_dir or Path.cwd()
    env = environ.get("PARINDEX_ENV", "development").strip().lower()
    if env not in ENVIRONMENTS:
        raise EnvError(f"PARINDEX_ENV must be development or production, not {env!r}")
    data_dir = Path(environ.get("PARINDEX_DATA_DIR", "").strip() or base_dir / "var")
    if not data_dir.is_absolute():
        data_dir = (base_dir / data_dir).resolve()
    if data_dir.exists() and not data_dir.is_dir():
        raise EnvError(f"PARINDEX_DATA_DIR {data_dir} exists and is not a directory")
    default_hosts = [] if env == "production" else ["127.0.0.1", "localhost", "[::1]", "testserver"]
    hosts = parse_list(environ.get("ALLOWED_HOSTS"), default_hosts)
    if env == "production" and not hosts:
        raise EnvError("ALLOWED_HOSTS is required when PARINDEX_ENV=production")
    debug = parse_bool("PARINDEX_DEBUG", environ.get("PARINDEX_DEBUG"), False)
    if debug and env == "production":
        raise EnvError("PARINDEX_DEBUG cannot be true when PARINDEX_ENV=production")
    database = parse_database(environ.get("DATABASE_URL"), data_dir)
    return Config(
        env=env,
        data_dir=data_dir,
        database=database,
        replica_database=parse_replica(environ.get("DATABASE_REPLICA_URL"), database),
        secret_key=_secret_key(env, environ.get("SECRET_KEY"), data_dir),
        allowed_hosts=hosts,
        csrf_trusted_origins=parse_list(environ.get("CSRF_TRUSTED_ORIGINS"), []),
        base_url=parse_base_url(environ.get("PARINDEX_BASE_URL"), env),
        email=_email(environ, env),
        debug=debug,
        cache=parse_cache(environ.get("REDIS_URL")),
        login_failure_limit=parse_int(
            "PARINDEX_LOGIN_FAILURE_LIMIT",
            environ.get("PARINDEX_LOGIN_FAILURE_LIMIT"),
            5,
            low=1,
            high=100,
        ),
        separate_self_and_appraisal=parse_bool(
            "PARINDEX_SEPARATE_SELF_AND_APPRAISAL",
            environ.get("PARINDEX_SEPARATE_SELF_AND_APPRAISAL"),
            True,
        ),
        login_lockout_minutes=parse_int(
            "PARINDEX_LOGIN_LOCKOUT_MINUTES",
            environ.get("PARINDEX_LOGIN_LOCKOUT_MINUTES"),
            30,
            low=1,
            high=7 * 24 * 60,
        ),
    )
