from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache

from parindex.common.db import reads_from_replica
from parindex.home.selectors import appraisals_for, director_for, my_work_for, overview_for


@login_required
@reads_from_replica
def overview(request: HttpRequest) -> HttpResponse:
    """Each role lands on what it works on: the director's page for those who read the agency
    (read-only for viewers), a unit member's criteria, tasks and late dossiers, and a council
    member's agencies to appraise."""
    context = overview_for(request.user)
    context.update(director_for(request.user, agency_code=request.GET.get("agency")))
    context["work"] = my_work_for(request.user)
    context["appraisals"] = appraisals_for(request.user)
    return render(request, "home/overview.html", context)


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask /favicon.ico whatever the page says: send them to the icon (its static
    address is read per request, so production's hashed file names work)."""
    return redirect(static("parindex/favicon.svg"), permanent=True)


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers a query, 503 otherwise (for load balancers and monitors)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
