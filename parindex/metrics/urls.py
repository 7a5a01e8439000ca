from django.urls import path

from parindex.metrics import views

app_name = "metrics"

urlpatterns = [
    path("", views.index, name="index"),
    path("frameworks/<int:year>/bindings/", views.bindings, name="bindings"),
    path("initiatives/missing/", views.initiative_gaps, name="initiative_gaps"),
    path("indicators/", views.indicator_list, name="indicator_list"),
    path("indicators/new/", views.indicator_create, name="indicator_create"),
    path("indicators/import/", views.indicator_import, name="indicator_import"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("indicators/<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path("<str:agency>/<int:year>/", views.assessment, name="assessment"),
    path("<str:agency>/<int:year>/risks/", views.risks, name="risks"),
    path("<str:agency>/<int:year>/indexes/", views.index_pair, name="index_pair"),
]
