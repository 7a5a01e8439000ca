from typing import Any

from django.http import HttpRequest

from parindex.home.navigation import nav_for
from parindex.org.access import scope_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav": nav_for(scope_for(user), request.path)}
