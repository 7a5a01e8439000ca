"""Running parindex in a process of its own, as a deployment does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def fresh_env(**values: str) -> dict[str, str]:
    """This process's environment without the suite's database and replica, plus `values`."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_REPLICA_URL")}
    env.update(values)
    return env


def parindex(*args: str, env: dict[str, str], check: bool = False) -> subprocess.CompletedProcess:
    """`python -m parindex …` in its own process with `env` as its whole environment."""
    return subprocess.run(
        [sys.executable, "-m", "parindex", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=check,
    )
