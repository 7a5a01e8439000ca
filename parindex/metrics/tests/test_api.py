"""API: metrics, values, risks and projection within the caller's scope."""

import pytest

from parindex.metrics.tests.conftest import days, initiative
from parindex.scorecards.rules import METRIC_KEYS
from parindex.workplan.choices import TaskStatus


@pytest.fixture
def data(org, year, make_task):
    make_task(due=days(-10), status=TaskStatus.DONE, done_at=days(-11))
    make_task(due=days(-1))
    initiative(org, org.unit_a)
    return year


def test_metric_list_and_values(org, data, client_for):
    client = client_for(org.director)
    keys = [m["key"] for m in client.get("/api/v1/metrics/").json()]
    assert "tasks.on_time_rate" in keys and len(keys) == len(METRIC_KEYS)
    values = client.get(
        "/api/v1/metrics/SKHCN/values?date_from=2026-01-01&date_to=2026-06-15"
    ).json()
    by_key = {m["key"]: m for m in values["metrics"]}
    assert by_key["tasks.on_time_rate"]["value"] == 0.5  # a fraction, as everywhere in JSON
    assert by_key["tasks.on_time_rate"]["denominator"] == 2
    empty = client.get(
        "/api/v1/metrics/SKHCN/values?date_from=2025-01-01&date_to=2025-12-31"
    ).json()
    assert {m["key"]: m for m in empty["metrics"]}["tasks.on_time_rate"]["value"] is None


def test_risk_list_follows_the_scope(org, data, client_for):
    full = client_for(org.director).get("/api/v1/metrics/SKHCN/2026/risks").json()
    assert [i["code"] for i in full["items"]] == ["1.1", "1.2"]  # 2 points each: by code
    mine = client_for(org.head_b).get("/api/v1/metrics/SKHCN/2026/risks").json()
    assert [i["code"] for i in mine["items"]] == ["1.2"]
    assert client_for(org.outsider).get("/api/v1/metrics/SKHCN/2026/risks").status_code == 404


def test_projection_for_readers_of_the_whole_agency(org, data, client_for):
    doc = client_for(org.secretariat).get("/api/v1/metrics/SKHCN/2026/projection").json()
    assert doc["index"] is not None and len(doc["leaves"]) == 4
    assert client_for(org.head_a).get("/api/v1/metrics/SKHCN/2026/projection").status_code == 404
