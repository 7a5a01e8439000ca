"""The systemd units shipped in deploy/systemd/ start commands that exist."""

import configparser
from pathlib import Path

from django.core.management import get_commands

UNITS = Path(__file__).resolve().parents[3] / "deploy" / "systemd"


def read(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read_string(path.read_text())
    return parser


def test_every_timer_starts_an_existing_parindex_command():
    commands = get_commands()
    timers = sorted(UNITS.glob("*.timer"))
    assert {t.stem for t in timers} >= {
        "parindex-send_reminders",
        "parindex-send_summary",
        "parindex-send_feedback_reminders",
        "parindex-run_scheduled_reports",
    }
    for timer in timers:
        unit = read(timer)["Timer"]["Unit"]
        assert unit and read(timer)["Timer"]["OnCalendar"]
        if unit.startswith("parindex@"):
            assert unit.removeprefix("parindex@").removesuffix(".service") in commands, timer
        else:
            exec_start = read(UNITS / unit)["Service"]["ExecStart"].split()
            assert exec_start[1] in commands, timer


def test_the_worker_service_runs_the_worker_and_restarts():
    service = read(UNITS / "parindex-worker.service")["Service"]
    assert service["ExecStart"].split()[1:] == ["worker"]
    assert service["Restart"] == "always"
    assert "worker" in get_commands()
