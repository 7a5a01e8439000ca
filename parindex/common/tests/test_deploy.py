"""Production mode: settings start, `check --deploy` is clean, gunicorn serves health and static."""

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from parindex.common.tests.helpers import ROOT, fresh_env, parindex


def production_env(tmp_path: Path) -> dict[str, str]:
    # A fresh SQLite deployment: neither the suite's database nor its replica.
    return fresh_env(
        PARINDEX_ENV="production",
        SECRET_KEY="a-production-secret-key-that-is-long-and-random-0123456789",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PARINDEX_DATA_DIR=str(tmp_path / "data"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
    )


def test_check_deploy_is_clean_in_production_mode(tmp_path):
    result = parindex("check", "--deploy", "--fail-level", "WARNING", env=production_env(tmp_path))
    assert result.returncode == 0, result.stderr


def test_deploy_checks_report_nothing_at_all_with_every_production_variable_set(tmp_path):
    """`check --deploy` as docs/deploy.md runs it, with the environment file of that guide:
    not a warning, not even a note (only the one documented silenced check, axes.W006)."""
    env = production_env(tmp_path)
    env.update(
        ALLOWED_HOSTS="cchc.example.gov.vn",
        CSRF_TRUSTED_ORIGINS="https://cchc.example.gov.vn",
        PARINDEX_BASE_URL="https://cchc.example.gov.vn",
        EMAIL_HOST="mail.example.gov.vn",
        EMAIL_PORT="587",
        EMAIL_USE_TLS="true",
        DEFAULT_FROM_EMAIL="Chỉ số CCHC <parindex@example.gov.vn>",
    )
    result = parindex("check", "--deploy", "--fail-level", "DEBUG", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_redis_url_without_the_redis_client_is_a_check_error(tmp_path):
    import importlib.util

    if importlib.util.find_spec("redis"):
        pytest.skip("the Redis client is installed here")
    env = production_env(tmp_path)
    env["REDIS_URL"] = "redis://127.0.0.1:6379/0"
    result = parindex("check", "--deploy", env=env)
    assert result.returncode != 0
    assert "parindex.E001" in result.stderr and "parindex[redis]" in result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    result = parindex("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorn_serves_healthz_and_static_files_through_whitenoise(tmp_path):
    env = production_env(tmp_path)
    assert parindex("migrate", "--noinput", env=env).returncode == 0
    assert parindex("collectstatic", "--noinput", env=env).returncode == 0
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "parindex.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        health = None
        for _ in range(60):
            try:
                # Behind nginx the forwarded scheme is https; without it we would be redirected.
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/healthz", headers={"X-Forwarded-Proto": "https"}
                )
                health = urllib.request.urlopen(request, timeout=5)  # noqa: S310
                break
            except OSError:
                time.sleep(0.25)
        assert health is not None and health.status == 200
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/static/parindex/app.css",
            headers={"X-Forwarded-Proto": "https"},
        )
        css = urllib.request.urlopen(request, timeout=5)  # noqa: S310
        assert css.status == 200
        assert b"--brand" in css.read()
        # The date picker's files come from the XStatic packages, hashed like our own.
        manifest = json.loads((tmp_path / "data" / "static" / "staticfiles.json").read_text())
        hashed = manifest["paths"]["xstatic/jquery-ui/jquery-ui.min.js"]
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/static/{hashed}", headers={"X-Forwarded-Proto": "https"}
        )
        script = urllib.request.urlopen(request, timeout=5)  # noqa: S310
        assert script.status == 200 and b"datepicker" in script.read()
    finally:
        server.terminate()
        server.wait(timeout=10)


pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="gunicorn is POSIX-only")
