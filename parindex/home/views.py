from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from parindex.common.db import reads_from_replica
from parindex.home.selectors import director_for, overview_for


@login_required
@reads_from_replica
def overview(request: HttpRequest) -> HttpResponse:
    context = overview_for(request.user)
    context.update(director_for(request.user, agency_code=request.GET.get("agency")))
    return render(request, "home/overview.html", context)


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
