from django.urls import path

from parindex.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.run_list, name="index"),
    path("new/", views.run_create, name="create"),
    path("inbox/", views.inbox, name="inbox"),
    path("schedules/", views.schedule_list, name="schedules"),
    path("schedules/new/", views.schedule_create, name="schedule_create"),
    path("schedules/<int:pk>/delete/", views.schedule_delete, name="schedule_delete"),
    path("<uuid:uuid>/", views.run_detail, name="detail"),
    path("<uuid:uuid>/edit/", views.run_edit, name="edit"),
    path("<uuid:uuid>/edit/conclusion/", views.conclusion_row_add, name="conclusion_row"),
    path("<uuid:uuid>/preview/", views.run_preview, name="preview"),
    path("<uuid:uuid>/issue/", views.run_issue, name="issue"),
    path("<uuid:uuid>/refresh/", views.run_action, {"action": "refresh"}, name="refresh"),
    path("<uuid:uuid>/supersede/", views.run_action, {"action": "supersede"}, name="supersede"),
    path("<uuid:uuid>/delete/", views.run_action, {"action": "delete"}, name="delete"),
    path("<uuid:uuid>/download/<str:fmt>/", views.run_download, name="download"),
    path("<uuid:uuid>/pdf/", views.run_pdf, name="pdf"),
]
