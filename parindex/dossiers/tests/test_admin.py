"""The admin site shows dossiers but never changes them: the import keeps audit and counts."""

from parindex.dossiers.tests.helpers import at, make_dossier, make_procedure


def test_the_admin_cannot_add_change_or_delete_a_dossier(org, client_for):
    dossier = make_dossier(make_procedure(org.agency), "H1", at("02/03/2026"), at("05/03/2026"))
    org.admin.is_staff = org.admin.is_superuser = True
    org.admin.save()
    client = client_for(org.admin)
    base = "/django-admin/dossiers/dossier/"
    assert client.get(base).status_code == 200
    assert client.get(f"{base}add/").status_code == 403
    assert client.get(f"{base}{dossier.pk}/delete/").status_code == 403
    response = client.post(base, {"action": "delete_selected", "_selected_action": [dossier.pk]})
    assert response.status_code in (200, 302)
    assert type(dossier).objects.filter(pk=dossier.pk).exists()
