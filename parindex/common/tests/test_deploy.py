"""Production mode: settings start, `check --deploy` is clean, gunicorn serves health and static."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def production_env(tmp_path: Path) -> dict[str, str]:
    # A fresh SQLite deployment: neither the suite's database nor its replica.
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_REPLICA_URL")}
    env.update(
        PARINDEX_ENV="production",
        SECRET_KEY="a-production-secret-key-that-is-long-and-random-0123456789",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PARINDEX_DATA_DIR=str(tmp_path / "data"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
    )
    return env


def parindex(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "parindex", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_check_deploy_is_clean_in_production_mode(tmp_path):
    result = parindex("check", "--deploy", "--fail-level", "WARNING", env=production_env(tmp_path))
    assert result.returncode == 0, result.stderr


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
    finally:
        server.terminate()
        server.wait(timeout=10)


pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="gunicorn is POSIX-only")
