from django.urls import path

from parindex.dossiers import views

app_name = "dossiers"

urlpatterns = [
    path("", views.dashboard, name="index"),
    path("list/", views.dossier_list, name="dossier_list"),
    path("late/", views.late_list, name="late_list"),
    path("overdue/", views.overdue_list, name="overdue_list"),
    path("review/", views.review, name="review"),
    path("procedures/", views.procedure_list, name="procedure_list"),
    path("publication/", views.publication, name="publication"),
    path("apologies/", views.apologies, name="apologies"),
    path("review/outcomes/", views.review_outcomes, name="review_outcomes"),
    path("review/outcomes/<int:pk>/decide/", views.review_decide, name="review_decide"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/import/", views.calendar_import, name="calendar_import"),
    path("calendar/<int:pk>/delete/", views.calendar_delete, name="calendar_delete"),
    path("imports/", views.import_list, name="import_list"),
    path("imports/new/", views.import_upload, name="import_upload"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/<int:pk>/rejected/", views.import_rejected, name="import_rejected"),
    path(
        "<str:agency_code>/procedures/<str:code>/", views.procedure_detail, name="procedure_detail"
    ),
    path(
        "<str:agency_code>/procedures/<str:code>/edit/", views.procedure_edit, name="procedure_edit"
    ),
    path("<str:agency_code>/<str:code>/", views.dossier_detail, name="dossier_detail"),
    path("<str:agency_code>/<str:code>/apology/", views.apology_edit, name="apology_edit"),
    path("<str:agency_code>/<str:code>/apology/file/", views.apology_file, name="apology_file"),
]
