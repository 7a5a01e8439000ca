"""People fixtures on top of the root `org` personas: file writers and a command runner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

POSITION_HEADER = ["Mã vị trí", "Tên vị trí", "Đơn vị", "Nhóm", "Ngạch yêu cầu", "Số lượng"]
STAFF_HEADER = [
    "Mã cán bộ",
    "Họ và tên",
    "Đơn vị",
    "Mã vị trí",
    "Ngạch",
    "Ngày nhận vị trí",
    "Diện chuyển đổi",
    "Ngày nghỉ",
]
TRAINING_HEADER = [
    "Mã khóa",
    "Tên khóa",
    "Mã cán bộ",
    "Trong kế hoạch",
    "Năm kế hoạch",
    "Ngày hoàn thành",
]


class Runner:
    """Runs a `parindex` command; returns (exit code, stdout, stderr)."""

    def __call__(self, *args: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command(*args, stdout=out, stderr=err)
        except CommandError as exc:
            return exc.returncode, out.getvalue(), err.getvalue() + str(exc)
        return 0, out.getvalue(), err.getvalue()

    def json(self, *args: str) -> dict:
        code, out, err = self(*args, "--format", "json")
        assert code == 0, err
        return json.loads(out)


@pytest.fixture
def run() -> Runner:
    return Runner()


@pytest.fixture
def write_csv(tmp_path):
    def write(name: str, header: list[str], rows: list[list[object]]) -> Path:
        path = tmp_path / name
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(header)
            writer.writerows(rows)
        return path

    return write


@pytest.fixture
def scheme(org, run, write_csv):
    """A small scheme: unit A has a head post and two experts, unit B one expert and a driver."""
    path = write_csv(
        "positions.csv",
        POSITION_HEADER,
        [
            ["TP-A", "Trưởng phòng", "QLCN", "lãnh đạo, quản lý", "chuyên viên chính", 1],
            ["PP-A", "Phó trưởng phòng", "QLCN", "lãnh đạo, quản lý", "", 1],
            [
                "CV-A",
                "Chuyên viên quản lý công nghệ",
                "QLCN",
                "chuyên môn, nghiệp vụ",
                "chuyên viên; chuyên viên chính",
                2,
            ],
            ["CV-B", "Chuyên viên đo lường", "TDC", "chuyên môn, nghiệp vụ", "chuyên viên", 1],
            ["LX-B", "Lái xe", "TDC", "hỗ trợ, phục vụ", "", 1],
        ],
    )
    code, out, err = run("import_positions", str(path), "--agency", "SKHCN")
    assert code == 0, err
    return path
