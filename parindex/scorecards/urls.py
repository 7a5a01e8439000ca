from django.urls import path

from parindex.scorecards import views

app_name = "scorecards"

urlpatterns = [
    path("", views.index, name="index"),
    path("frameworks/", views.framework_list, name="frameworks"),
    path("frameworks/import/", views.framework_import, name="framework_import"),
    path("frameworks/<int:year>/edit/", views.framework_edit, name="framework_edit"),
    path("frameworks/<int:year>/export.xlsx", views.framework_export, name="framework_export"),
    path("open/", views.assessment_open, name="assessment_open"),
    path("ranking/", views.ranking, name="ranking"),
    path("<str:agency>/<int:year>/", views.scorecard, name="scorecard"),
    path(
        "<str:agency>/<int:year>/export.<str:fmt>", views.scorecard_export, name="scorecard_export"
    ),
    path("<str:agency>/<int:year>/move/", views.assessment_move, name="move"),
    path("<str:agency>/<int:year>/reopen/", views.assessment_reopen, name="reopen"),
    path("<str:agency>/<int:year>/mine/", views.worklist, name="worklist"),
    path("<str:agency>/<int:year>/assignments/", views.assignments, name="assignments"),
    path(
        "<str:agency>/<int:year>/assignments/<str:code>/",
        views.assignment_edit,
        name="assignment_edit",
    ),
    path("<str:agency>/<int:year>/ledger/", views.ledger, name="ledger"),
    path("<str:agency>/<int:year>/snapshots/", views.snapshots, name="snapshots"),
    path("<str:agency>/<int:year>/leaf/<str:code>/", views.leaf, name="leaf"),
    path(
        "<str:agency>/<int:year>/leaf/<str:code>/evidence/<int:pk>/",
        views.evidence_download,
        name="evidence",
    ),
]
