from django.urls import path

from parindex.people.views import rating, staff, training

app_name = "people"

urlpatterns = [
    path("", staff.index, name="index"),
    path("positions/", staff.position_list, name="position_list"),
    path("staff/", staff.staff_list, name="staff_list"),
    path("staff/<str:agency>/<str:code>/", staff.staff_detail, name="staff_detail"),
    path("import/", staff.import_view, name="import"),
    path("placement/", staff.placement_view, name="placement"),
    path("placement/rotation/", staff.rotation_plan_add, name="rotation_plan_add"),
    path("placement/quota/", staff.quota_set_view, name="quota_set"),
    path("training/", training.training_list, name="training_list"),
    path("training/<int:pk>/", training.training_detail, name="training_detail"),
    path(
        "training/<int:pk>/certificate/",
        training.training_certificate,
        name="training_certificate",
    ),
    path("rating/", rating.season_list, name="season_list"),
    path("rating/<str:agency>/<int:year>/", rating.season_detail, name="season"),
    path(
        "rating/<str:agency>/<int:year>/<str:code>/",
        rating.rating_detail,
        name="rating_detail",
    ),
    path("rating/<str:agency>/<int:year>/<str:code>/self/", rating.rating_self, name="rating_self"),
    path(
        "rating/<str:agency>/<int:year>/<str:code>/propose/",
        rating.rating_propose,
        name="rating_propose",
    ),
    path(
        "rating/<str:agency>/<int:year>/<str:code>/decide/",
        rating.rating_decide,
        name="rating_decide",
    ),
    path(
        "rating/<str:agency>/<int:year>/<str:code>/form.docx",
        rating.rating_form,
        name="rating_form",
    ),
]
