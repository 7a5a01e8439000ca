from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from parindex.api import api
from parindex.home.views import favicon, healthz
from parindex.org.views import language_switch

urlpatterns = [
    path("", include("parindex.home.urls")),
    path("healthz", healthz, name="healthz"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", language_switch, name="set_language"),
    path("favicon.ico", favicon),
    path("org/", include("parindex.org.urls")),
    path("audit/", include("parindex.audit.urls")),
    path("workplan/", include("parindex.workplan.urls")),
    path("scorecards/", include("parindex.scorecards.urls")),
    path("reports/", include("parindex.reports.urls")),
    path("dossiers/", include("parindex.dossiers.urls")),
    path("metrics/", include("parindex.metrics.urls")),
    path("registers/", include("parindex.registers.urls")),
    # Staff screens under /citizens/, public pages (no login) under /p/.
    path("", include("parindex.citizens.urls")),
    path("people/", include("parindex.people.urls")),
    path("province/", include("parindex.province.urls")),
    path("api/v1/", api.urls),
    path("django-admin/", admin.site.urls),
]
