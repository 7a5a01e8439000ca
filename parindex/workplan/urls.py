from django.urls import path

from parindex.workplan import views

app_name = "workplan"

urlpatterns = [
    path("", views.index, name="index"),
    path("tasks/mine/", views.my_tasks, name="my_tasks"),
    path("tasks/unit/", views.unit_tasks, name="unit_tasks"),
    path("tasks/", views.all_tasks, name="task_list"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path("tasks/<int:pk>/files/<int:file_pk>/", views.task_file, name="task_file"),
    path("board/", views.board, name="board"),
    path("calendar/", views.calendar_view, name="calendar"),
    path("timeline/", views.timeline, name="timeline"),
    path("digest/", views.digest, name="digest"),
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/file/", views.plan_file, name="plan_file"),
    path("plans/<int:pk>/template/", views.plan_apply_template, name="plan_template"),
    path("plans/<int:pk>/tasks/new/", views.task_create, name="task_create"),
    path("initiatives/", views.initiative_list, name="initiative_list"),
    path("initiatives/new/", views.initiative_create, name="initiative_create"),
    path("initiatives/exemptions/", views.exemption, name="exemption"),
    path("initiatives/<int:pk>/", views.initiative_detail, name="initiative_detail"),
    path("initiatives/<int:pk>/edit/", views.initiative_edit, name="initiative_edit"),
    path(
        "initiatives/<int:pk>/files/<int:file_pk>/",
        views.initiative_file,
        name="initiative_file",
    ),
    path("feeds/", views.feed_list, name="feed_list"),
    path("feeds/<int:pk>/revoke/", views.feed_revoke, name="feed_revoke"),
    path("feeds/<str:key>.ics", views.feed_ics, name="feed_ics"),
]
