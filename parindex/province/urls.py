from django.urls import path

from parindex.province import views

app_name = "province"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:code>/", views.page, name="page"),
    path("<str:code>/refresh/", views.refresh, name="refresh"),
]
