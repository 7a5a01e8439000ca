from django.urls import path

from parindex.registers import views

app_name = "registers"

urlpatterns = [
    path("", views.index, name="index"),
    path("documents/", views.document_list, name="document_list"),
    path("documents/new/", views.document_create, name="document_create"),
    path("documents/<str:agency>/<path:code>/edit/", views.document_edit, name="document_edit"),
    path("documents/<str:agency>/<path:code>/", views.document_detail, name="document_detail"),
    path("inspections/", views.inspection_list, name="inspection_list"),
    path("inspections/new/", views.inspection_create, name="inspection_create"),
    path(
        "inspections/<str:agency>/<path:code>/edit/", views.inspection_edit, name="inspection_edit"
    ),
    path(
        "inspections/<str:agency>/<path:code>/conclude/",
        views.inspection_conclude,
        name="inspection_conclude",
    ),
    path(
        "inspections/<str:agency>/<path:code>/", views.inspection_detail, name="inspection_detail"
    ),
    path("recommendations/", views.recommendation_list, name="recommendation_list"),
    path("recommendations/board/", views.recommendation_board, name="recommendation_board"),
    path("recommendations/new/", views.recommendation_create, name="recommendation_create"),
    path(
        "recommendations/<str:agency>/<path:code>/",
        views.recommendation_detail,
        name="recommendation_detail",
    ),
    path("import/", views.import_file, name="import"),
    path("reviews/", views.review_list, name="review_list"),
    path("reviews/new/", views.review_create, name="review_create"),
    path("reviews/<str:agency>/<path:code>/", views.review_detail, name="review_detail"),
]
