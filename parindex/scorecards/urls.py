from django.urls import path

from parindex.scorecards import views

app_name = "scorecards"

urlpatterns = [
    path("", views.index, name="index"),
]
