from django.urls import path

from parindex.citizens.views import feedback, outreach, public, surveys

app_name = "citizens"

urlpatterns = [
    # Public addresses (no login), short because they are printed.
    path("p/ks/cam-on/", public.survey_thanks, name="public_thanks"),
    path("p/ks/<str:agency>/<str:survey>/", public.survey_open, name="public_survey"),
    path(
        "p/ks/<str:agency>/<str:survey>/<str:procedure>/",
        public.survey_open,
        name="public_survey_procedure",
    ),
    path("p/ks/<str:token>/", public.survey_by_token, name="public_token"),
    path("p/pakn/tra-cuu/", feedback.public_lookup, name="public_lookup"),
    path("p/pakn/<str:agency>/", feedback.public_feedback, name="public_feedback"),
    path("citizens/", surveys.survey_list, name="index"),
    path("citizens/import/", surveys.survey_import, name="survey_import"),
    path("citizens/feedback/", feedback.feedback_list, name="feedback_list"),
    path(
        "citizens/feedback/settings/<str:agency_code>/",
        feedback.feedback_settings,
        name="feedback_settings",
    ),
    path("citizens/feedback/<str:code>/", feedback.feedback_detail, name="feedback_detail"),
    path("citizens/feedback/<str:code>/assign/", feedback.feedback_assign, name="feedback_assign"),
    path("citizens/feedback/<str:code>/answer/", feedback.feedback_answer, name="feedback_answer"),
    path(
        "citizens/feedback/<str:code>/publish/", feedback.feedback_publish, name="feedback_publish"
    ),
    path(
        "citizens/feedback/<str:code>/attachment/",
        feedback.feedback_attachment,
        name="feedback_attachment",
    ),
    path("citizens/outreach/", outreach.outreach_list, name="outreach_list"),
    path("citizens/outreach/new/", outreach.outreach_new, name="outreach_new"),
    path("citizens/outreach/<int:pk>/", outreach.outreach_detail, name="outreach_detail"),
    path("citizens/outreach/<int:pk>/edit/", outreach.outreach_edit, name="outreach_edit"),
    path("citizens/<str:agency_code>/<str:code>/", surveys.survey_detail, name="survey_detail"),
    path(
        "citizens/<str:agency_code>/<str:code>/forms/", surveys.response_list, name="response_list"
    ),
    path(
        "citizens/<str:agency_code>/<str:code>/settings/",
        surveys.survey_settings,
        name="survey_settings",
    ),
    path("citizens/<str:agency_code>/<str:code>/enter/", surveys.desk_entry, name="desk_entry"),
    path(
        "citizens/<str:agency_code>/<str:code>/invitation/",
        surveys.invitation_new,
        name="invitation_new",
    ),
    path(
        "citizens/<str:agency_code>/<str:code>/poster/<str:procedure>/",
        surveys.poster,
        name="poster",
    ),
    path(
        "citizens/<str:agency_code>/<str:code>/qr/<str:procedure>.<str:fmt>",
        surveys.poster_qr,
        name="poster_qr",
    ),
]
