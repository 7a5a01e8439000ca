from django.urls import path

from parindex.dossiers import views

app_name = "dossiers"

urlpatterns = [
    path("", views.dashboard, name="index"),
]
