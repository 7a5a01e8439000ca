"""The province migration on existing data: one province holds every existing agency and the
existing frameworks, nothing else changes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("org", "0001_initial"), ("scorecards", "0001_initial"), ("audit", "0001_initial")]
AFTER = [("org", "0002_province"), ("scorecards", "0002_framework_province")]


@pytest.mark.django_db(transaction=True)
def test_existing_agencies_and_frameworks_join_one_province():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    agency = old.get_model("org", "Agency")
    framework = old.get_model("scorecards", "Framework")
    agency.objects.create(code="SKHCN", name="Sở KH&CN", place_name="Quảng Ngãi")
    agency.objects.create(code="STP", name="Sở Tư pháp")
    framework.objects.create(year=2025, name="Bộ chỉ số 2025")
    try:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(AFTER)
        new = executor.loader.project_state(AFTER).apps
        province = new.get_model("org", "Province").objects.get()
        assert (province.code, province.name) == ("TINH", "Tỉnh Quảng Ngãi")
        agencies = new.get_model("org", "Agency").objects.order_by("code")
        assert [(a.code, a.name, a.province_id) for a in agencies] == [
            ("SKHCN", "Sở KH&CN", province.pk),
            ("STP", "Sở Tư pháp", province.pk),
        ]
        fw = new.get_model("scorecards", "Framework").objects.get()
        assert (fw.year, fw.name, fw.province_id) == (2025, "Bộ chỉ số 2025", province.pk)
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
