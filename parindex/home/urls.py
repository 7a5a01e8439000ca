from django.urls import path

from parindex.home import views

app_name = "home"

urlpatterns = [path("", views.overview, name="overview")]
