"""No page fails on an absurd query value (issue 12, item 11): every screen without a path
argument is opened with years and dates far outside the window; each answers below 500."""

from django.urls import URLPattern, URLResolver, get_resolver

from parindex.dossiers.tests.helpers import make_procedure

QUERIES = [
    "year=99999999999",
    "year=-5",
    "year=0",
    "from=31/12/9999&to=31/12/9999",
    "since=31/12/9999&until=01/01/0001",
    "month=99999999999&year=2026",
    "page=99999999999",
    "as_of=31/12/9999",
]


def screens(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from screens(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            if "<" in route or route.startswith(("api/", "django-admin/", "^")):
                continue
            if "logout" in route or route.endswith(".ics"):
                continue
            yield "/" + route


def test_no_screen_fails_on_an_absurd_year_or_date(org, client_for):
    make_procedure(org.agency, "1.001", unit=org.unit_a)
    client = client_for(org.secretariat)
    failures = []
    for url in sorted(set(screens(get_resolver().url_patterns))):
        for query in QUERIES:
            try:
                status = client.get(f"{url}?{query}").status_code
            except Exception as exc:  # noqa: BLE001 - the failure is what the test reports
                status = f"{type(exc).__name__}: {exc}"
            if not isinstance(status, int) or status >= 500:
                failures.append((url, query, status))
    assert failures == []
