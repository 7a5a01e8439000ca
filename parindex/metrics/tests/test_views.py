"""Screens: the director's page, the risk list, bound leaves, bindings, indicators; scope."""

from decimal import Decimal

from django.urls import reverse

from parindex.metrics.models import Indicator, IndicatorValue
from parindex.metrics.tests.conftest import days
from parindex.scorecards.models import Node
from parindex.scorecards.rules import METRIC_KEYS


def test_the_director_sees_projection_risks_and_links(org, data, client_for):
    page = client_for(org.director).get("/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="director"' in html
    d = page.context["director"]
    assert d["risk_total"] == Decimal("3.6")
    assert [r.code for r in d["risks"]] == ["1.2", "1.1"]
    assert d["overdue_tasks"] == 1
    assert [u.code for u in d["without_initiative"]] == ["HCTH"]
    assert "/metrics/SKHCN/2026/risks/" in html
    assert "<svg" in html  # the points-at-risk chart, no CDN
    assert d["projection"].index is not None
    assert d["assessment"] == data


def test_a_unit_head_sees_the_page_for_their_unit_only(org, data, client_for):
    d = client_for(org.head_a).get("/").context["director"]
    assert d["unit_view"]
    assert [r.code for r in d["risks"]] == ["1.1"]
    assert d["risk_total"] == Decimal("1.6")
    assert d["without_initiative"] == []
    d = client_for(org.head_b).get("/").context["director"]
    assert [r.code for r in d["risks"]] == ["1.2"]
    assert d["overdue_tasks"] == 0


def test_staff_and_appraisers_keep_their_own_overview_and_viewers_read_the_directors(
    org, data, client_for
):
    for user in (org.staff_a, org.appraiser, org.outsider):
        page = client_for(user).get("/")
        assert page.status_code == 200
        assert not page.context.get("director")
    assert client_for(org.viewer).get("/").context.get("director")


def test_the_director_page_is_honest_when_modules_hold_nothing(org, client_for, frozen):
    page = client_for(org.director).get("/")
    html = page.content.decode()
    assert "No framework for this year yet." in html
    assert "No plan or task yet." in html


def test_the_risk_list_page_and_its_unit_filter(org, data, client_for):
    client = client_for(org.director)
    page = client.get("/metrics/SKHCN/2026/risks/")
    assert [r.code for r in page.context["rows"]] == ["1.2", "1.1"]
    assert "tasks on time 60 % / needs 100 %: 2 tasks short" in page.content.decode()
    page = client.get("/metrics/SKHCN/2026/risks/?unit=QLCN")
    assert [r.code for r in page.context["rows"]] == ["1.1"]


def test_a_unit_head_cannot_see_another_units_risks(org, data, client_for):
    client = client_for(org.head_a)
    assert [r.code for r in client.get("/metrics/SKHCN/2026/risks/").context["rows"]] == ["1.1"]
    assert client.get("/metrics/SKHCN/2026/risks/?unit=TDC").status_code == 404


def test_another_agencys_data_is_hidden(org, data, client_for):
    client = client_for(org.other_secretariat)
    assert client.get("/metrics/SKHCN/2026/risks/").status_code == 404
    assert client.get("/metrics/SKHCN/2026/").status_code == 404
    assert client.get("/api/v1/metrics/SKHCN/2026/risks").status_code == 404


def test_bound_leaves_page_warns_of_an_over_claim(org, data, client_for):
    page = client_for(org.secretariat).get("/metrics/SKHCN/2026/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Self score above what the data supports" in html
    assert page.context["projection"] is not None


def test_the_leaf_page_shows_value_suggested_and_self_side_by_side(org, data, client_for):
    html = client_for(org.head_a).get("/scorecards/SKHCN/2026/leaf/1.1/").content.decode()
    assert 'id="metric-card"' in html
    assert 'id="over-claim"' in html
    assert "2.4" in html and "2,4" not in html  # suggested, in the English reader's notation
    org.head_a.language = "vi"
    org.head_a.save(update_fields=["language"])
    html = client_for(org.head_a).get("/scorecards/SKHCN/2026/leaf/1.1/").content.decode()
    assert "2,4" in html  # the Vietnamese reader's


def test_the_province_secretariat_binds_and_unbinds_a_leaf(org, data, client_for):
    client = client_for(org.province_secretariat)
    assert client.get("/metrics/frameworks/2026/bindings/").status_code == 200
    page = client.post(
        "/metrics/frameworks/2026/bindings/",
        {"code": "1.3", "metric": "tasks.on_time_rate", "rule": "steps 100:1, 80:0,5"},
    )
    assert page.status_code == 302
    node = Node.objects.get(framework__year=2026, code="1.3")
    assert (node.metric_key, node.rule) == ("tasks.on_time_rate", "steps 100:1, 80:0.5")
    page = client.post(
        "/metrics/frameworks/2026/bindings/",
        {"code": "1.3", "metric": "tasks.on_time_rate", "rule": "half 50"},
    )
    assert page.status_code == 200
    assert "The rule cannot be read" in page.content.decode()
    client.post(
        "/metrics/frameworks/2026/bindings/",
        {"code": "1.3", "unbind": "1", "metric": "", "rule": ""},
    )
    node.refresh_from_db()
    assert (node.metric_key, node.rule) == ("", "")


def test_only_the_secretariat_binds_leaves(org, data, client_for):
    page = client_for(org.head_a).post(
        "/metrics/frameworks/2026/bindings/",
        {"code": "1.3", "metric": "tasks.on_time_rate", "rule": "full_at 50"},
    )
    assert page.status_code == 403


def test_units_without_an_initiative_list(org, data, client_for):
    page = client_for(org.director).get("/metrics/initiatives/missing/?agency=SKHCN&year=2026")
    assert [u.code for u in page.context["missing"]] == ["HCTH"]


def test_metrics_index_lists_every_metric(org, data, client_for):
    page = client_for(org.director).get("/metrics/")
    assert page.status_code == 200
    assert len(page.context["rows"]) == len(METRIC_KEYS)


def test_indicators_are_created_valued_and_flagged(org, client_for, frozen):
    client = client_for(org.secretariat)
    page = client.post(
        "/metrics/indicators/new/",
        {
            "code": "PCI-1",
            "name": "Chi phí gia nhập thị trường",
            "unit": org.unit_a.pk,
            "target": "7.5",
            "direction": "higher",
            "measure": "điểm",
        },
    )
    assert page.status_code == 302, page.content
    indicator = Indicator.objects.get(code="PCI-1")
    page = client.post(indicator.get_absolute_url(), {"period_end": "2026-03-31", "value": "6.8"})
    assert page.status_code == 302
    page = client.get(indicator.get_absolute_url())
    assert page.context["row"]["at_risk"]
    assert "<svg" in page.content.decode()
    # The unit's head may enter values; another unit's head may not even see it.
    assert (
        client_for(org.head_a)
        .post(indicator.get_absolute_url(), {"period_end": "2026-06-30", "value": "8"})
        .status_code
        == 302
    )
    assert IndicatorValue.objects.filter(indicator=indicator).count() == 2
    assert client_for(org.head_b).get(indicator.get_absolute_url()).status_code == 404
    assert client_for(org.other_secretariat).get("/metrics/indicators/").context["rows"] == []


def test_indicator_list_query_count_is_bounded(
    org, client_for, django_assert_max_num_queries, frozen
):
    for n in range(15):
        ind = Indicator.objects.create(agency=org.agency, code=f"I{n}", name="x", target=5)
        IndicatorValue.objects.create(indicator=ind, period_end=days(-n), value=n)
    client = client_for(org.secretariat)
    with django_assert_max_num_queries(12):
        assert client.get("/metrics/indicators/").status_code == 200


def test_risk_list_query_count_does_not_grow_with_leaves(
    org, data, client_for, django_assert_max_num_queries
):
    client = client_for(org.director)
    with django_assert_max_num_queries(40):
        assert client.get("/metrics/SKHCN/2026/risks/").status_code == 200


def test_vietnamese_director_page_by_default(org, data, client_for):
    org.director.language = "vi"
    org.director.save()
    html = client_for(org.director).get("/").content.decode()
    assert "Điểm có nguy cơ bị trừ" in html
    assert "nhiệm vụ đúng hạn 60 % / cần 100 %: thiếu 2 nhiệm vụ" in html


def test_the_director_page_lists_missed_targets_within_the_scope(org, data, client_for):
    ind = Indicator.objects.create(
        agency=org.agency, code="PCI-1", name="x", target=7, unit=org.unit_a
    )
    IndicatorValue.objects.create(indicator=ind, period_end=days(-30), value=6)
    assert [
        r["indicator"]
        for r in client_for(org.director).get("/").context["director"]["indicators_at_risk"]
    ] == [ind]
    assert [
        r["indicator"]
        for r in client_for(org.head_a).get("/").context["director"]["indicators_at_risk"]
    ] == [ind]
    assert client_for(org.head_b).get("/").context["director"]["indicators_at_risk"] == []


def test_permissions_of_the_indicator_and_other_pages(org, data, client_for):
    ind = Indicator.objects.create(
        agency=org.agency, code="PCI-1", name="x", target=7, unit=org.unit_a
    )
    assert client_for(org.head_a).get("/metrics/indicators/new/").status_code == 403
    assert client_for(org.staff_a).get("/metrics/indicators/import/").status_code == 403
    assert client_for(org.viewer).get(f"/metrics/indicators/{ind.pk}/edit/").status_code == 403
    assert (
        client_for(org.other_secretariat).get(f"/metrics/indicators/{ind.pk}/").status_code == 404
    )
    assert (
        client_for(org.staff_a)
        .post(ind.get_absolute_url(), {"period_end": "2026-03-31", "value": "1"})
        .status_code
        == 403
    )
    # Another agency's secretariat asking for SKHCN gets its own agency's pages.
    page = client_for(org.other_secretariat).get(
        "/metrics/initiatives/missing/?agency=SKHCN&year=2026"
    )
    assert page.context["agency"] == org.other_agency
    page = client_for(org.other_secretariat).get("/metrics/?agency=SKHCN")
    assert page.context["agency"] == org.other_agency
    # Someone with no role sees no agency at all.
    assert client_for(org.outsider).get("/metrics/").context["agency"] is None
    assert client_for(org.outsider).get("/metrics/initiatives/missing/").status_code == 404


def test_a_unit_staff_member_sees_their_units_values_on_the_metrics_page(org, data, client_for):
    page = client_for(org.staff_a).get("/metrics/")
    assert page.context["unit"] == org.unit_a
    tasks = {r["metric"].key: r["reading"] for r in page.context["rows"]}["tasks.on_time_rate"]
    assert (tasks.numerator, tasks.denominator) == (3, 5)


def test_both_indexes_side_by_side_in_one_format_with_the_line_that_tells_them_apart(
    org, data, client_for
):
    """The scorecard counts only the council's scores; the projection estimates the rest."""
    from parindex.scorecards.models import Score
    from parindex.scorecards.selectors import scorecard_for

    Score.objects.filter(assessment=data, node__code="1.3").update(appraised_points=3)
    expected = scorecard_for(data).index
    client = client_for(org.director)
    for url in (
        reverse("metrics:assessment", args=["SKHCN", 2026]),
        reverse("metrics:index_pair", args=["SKHCN", 2026]),
    ):
        page = client.get(url)
        assert page.status_code == 200, url
        html = page.content.decode()
        projected = page.context["projection"].index
        assert f'id="scorecard-index">{expected:.2f} %' in html, url
        assert f'id="projected-index">{projected:.2f} %' in html, url
        assert "score where there is one and the unit" in html, url
    card = client.get(reverse("scorecards:scorecard", args=["SKHCN", 2026])).content.decode()
    assert reverse("metrics:index_pair", args=["SKHCN", 2026]) in card
    staff = client_for(org.staff_a)
    assert staff.get(reverse("metrics:index_pair", args=["SKHCN", 2026])).status_code in (403, 404)
    card = staff.get(reverse("scorecards:scorecard", args=["SKHCN", 2026]))
    if card.status_code == 200:
        assert reverse("metrics:index_pair", args=["SKHCN", 2026]) not in card.content.decode()
