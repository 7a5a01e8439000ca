"""The people screens show a tab or menu entry only to roles that may open it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "placement", "import_"),
    [
        ("secretariat", True, True),
        ("director", True, False),
        ("head_a", False, False),
        ("staff_a", False, False),
    ],
)
def test_people_tabs_are_shown_only_to_roles_that_may_open_them(
    org, client_for, persona, placement, import_
):
    client = client_for(org.by_name(persona))
    page = client.get("/people/").content.decode()
    assert ('href="/people/placement/' in page) is placement
    assert ('href="/people/import/"' in page) is import_
    assert client.get("/people/placement/").status_code == (200 if placement else 403)
    assert client.get("/people/import/").status_code == (200 if import_ else 403)


@pytest.mark.parametrize(
    "persona", ["appraiser", "viewer", "province_secretariat", "province_council"]
)
def test_roles_without_people_screens_see_no_staff_menu(org, client_for, persona):
    client = client_for(org.by_name(persona))
    assert 'href="/people/"' not in client.get("/").content.decode()
    assert client.get("/people/").status_code == 403


def test_feedback_deadline_links_are_the_secretariats(org, client_for):
    assert "/citizens/feedback/settings/" not in (
        client_for(org.director).get("/citizens/feedback/").content.decode()
    )
    assert "/citizens/feedback/settings/SKHCN/" in (
        client_for(org.secretariat).get("/citizens/feedback/").content.decode()
    )
