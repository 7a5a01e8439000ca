"""Bad values become field or row errors, never a crash (issue 12, item 11): over-long text,
NUL characters, numbers beyond their column, dates such as 9999-12-31. Run on PostgreSQL too,
where each of these was a database error (HTTP 500)."""

import io
import json

import pytest

from parindex.common import tabular
from parindex.common.errors import DomainError
from parindex.dossiers.tests.helpers import make_procedure
from parindex.org.services import api_token_create
from parindex.workplan.tests.helpers import make_plan

LONG = "x" * 5000


@pytest.fixture
def api(org, client):
    make_procedure(org.agency, "1.001", unit=org.unit_a)
    key = api_token_create(actor=org.secretariat, name="x")[1]

    def call(method, url, data=None):
        body = {} if data is None else {"data": json.dumps(data)}
        return getattr(client, method)(
            url, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}", **body
        )

    return call


@pytest.fixture
def plan(org):
    return make_plan(org)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/dossiers/figures?agency=SKHCN&from=2026-01-01&to=9999-12-31",
        "/api/v1/dossiers/review?agency=SKHCN&from=2026-01-01&to=9999-12-31",
        "/api/v1/dossiers/publication?agency=SKHCN&from=0001-01-01&to=2026-12-31",
        "/api/v1/metrics/SKHCN/values?date_to=9999-12-31",
        "/api/v1/metrics/SKHCN/99999/risks",
        "/api/v1/people/figures?agency=SKHCN&year=99999",
        "/api/v1/registers/figures/legal?agency=SKHCN&year=2026&as_of=9999-12-31",
    ],
)
def test_a_figure_period_outside_the_window_is_a_field_error(api, url):
    response = api("get", url)
    assert response.status_code in (400, 422), response.content


def test_a_plan_title_longer_than_its_column_is_a_field_error(api):
    response = api(
        "post",
        "/api/v1/workplan/plans",
        {"agency": "SKHCN", "code": "K1", "plan_type": "par_annual", "year": 2026, "title": LONG},
    )
    assert response.status_code == 400
    assert response.json()["field"] == "title"


def test_a_nul_character_in_api_input_is_a_field_error(api, plan):
    response = api(
        "post",
        "/api/v1/workplan/tasks",
        {"plan": plan.pk, "title": "a\x00b", "lead_unit": "QLCN", "due_date": "2026-10-10"},
    )
    assert response.status_code == 400
    assert response.json()["field"] == "title"
    bulk = api("post", "/api/v1/dossiers/bulk", {"agency": "SKHCN", "rows": [{"code": "A\x00"}]})
    assert bulk.status_code == 400 and bulk.json()["field"] == "rows[0].code"


def test_a_nul_in_the_query_string_names_the_parameter_and_an_escaped_one_passes(api, plan):
    response = api("get", "/api/v1/workplan/tasks?agency=SK%00HCN")
    assert response.status_code == 400 and response.json()["field"] == "agency"
    typed = api(
        "post",
        "/api/v1/workplan/tasks",
        {"plan": plan.pk, "title": "a\\u0000b", "lead_unit": "QLCN", "due_date": "2026-10-10"},
    )
    assert typed.status_code == 201, typed.content


def test_a_count_beyond_its_column_is_a_row_error(api):
    row = {
        "code": "H1",
        "procedure": "1.001",
        "received_at": "02/03/2026 08:00",
        "due_at": "10/03/2026",
        "status": 4,
        "supplement_count": 10**12,
    }
    response = api("post", "/api/v1/dossiers/bulk", {"agency": "SKHCN", "rows": [row]})
    assert response.status_code == 400
    assert [e["row"] for e in response.json()["errors"]] == [1]


def test_a_service_refuses_a_number_beyond_its_column(org):
    with pytest.raises(DomainError) as refused:
        make_plan(org, code="K3", year=10**10, title="t")
    assert refused.value.field == "year"


def test_a_nul_character_in_an_import_file_names_the_row():
    data = "Mã đơn vị,Tên đơn vị\nA,ok\nB,x\x00y\n".encode()
    columns = [tabular.Column("code", "Mã đơn vị"), tabular.Column("name", "Tên đơn vị")]
    with (
        tabular.open_table(io.BytesIO(data), columns, filename="d.csv") as table,
        pytest.raises(tabular.TableError, match="3"),
    ):
        list(table.rows())
