from django.urls import path

from parindex.org import reorganisation, views

app_name = "org"

urlpatterns = [
    path("units/", views.unit_list, name="unit_list"),
    path("units/new/", views.unit_create, name="unit_create"),
    path("units/import/", views.unit_import, name="unit_import"),
    path("changes/", reorganisation.change_list, name="change_list"),
    path("agencies/<str:agency_code>/units/<str:code>/", views.unit_detail, name="unit_detail"),
    path("agencies/<str:agency_code>/units/<str:code>/edit/", views.unit_edit, name="unit_edit"),
    path(
        "agencies/<str:agency_code>/units/<str:code>/lineage/",
        views.unit_lineage,
        name="unit_lineage",
    ),
    path("agencies/<str:code>/edit/", views.agency_edit, name="agency_edit"),
    path("people/", views.person_list, name="person_list"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<str:username>/", views.person_detail, name="person_detail"),
    path("people/<str:username>/edit/", views.person_edit, name="person_edit"),
    path("people/<str:username>/roles/", views.membership_add, name="membership_add"),
    path("people/<str:username>/unlock/", views.person_unlock, name="person_unlock"),
    path(
        "people/<str:username>/roles/<int:pk>/remove/",
        views.membership_remove,
        name="membership_remove",
    ),
    path("profile/", views.profile, name="profile"),
    path("profile/password/", views.password_change, name="password_change"),
    path("profile/tokens/", views.token_create, name="token_create"),
    path("profile/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
