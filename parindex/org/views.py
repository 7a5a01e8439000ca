"""Screens for agencies, units, people and roles. Thin: forms in, services and selectors out."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from parindex.audit.selectors import history_for
from parindex.common.forms import call_service, form_page, import_upload
from parindex.common.listing import Column, render_list
from parindex.org import access, imports, selectors, services
from parindex.org.access import Action, can
from parindex.org.filters import PersonFilter, UnitFilter
from parindex.org.forms import (
    AgencyForm,
    ApiTokenForm,
    MembershipForm,
    PersonCreateForm,
    PersonForm,
    ProfileForm,
    UnitCreateForm,
    UnitForm,
    UnitImportForm,
)
from parindex.org.lockout import is_locked
from parindex.org.models import ApiToken, Membership

UNIT_COLUMNS = (
    Column(gettext_lazy("Code"), "code", link=True),
    Column(gettext_lazy("Name"), "name", link=True),
    Column(gettext_lazy("Kind"), "get_kind_display"),
    Column(gettext_lazy("Agency"), "agency.code"),
    Column(gettext_lazy("People"), "member_count", numeric=True),
    Column(gettext_lazy("Active"), "is_active"),
)


def _roles_text(person) -> str:
    return "; ".join(
        f"{m.get_role_display()} – {m.target}" if m.target else m.get_role_display()
        for m in person.memberships.all()
    )


PERSON_COLUMNS = (
    Column(gettext_lazy("User name"), "username", link=True),
    Column(gettext_lazy("Full name"), "full_name", link=True),
    Column(gettext_lazy("Position"), "position"),
    Column(gettext_lazy("E-mail"), "email"),
    Column(gettext_lazy("Roles"), _roles_text),
    Column(gettext_lazy("Active"), "is_active"),
)


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    return render_list(
        request,
        queryset=selectors.units_for_user(request.user),
        columns=UNIT_COLUMNS,
        filterset_class=UnitFilter,
        title=_("Units"),
        export_name="units",
        empty_message=_("No unit yet. The secretariat adds units or imports them from a file."),
        context={
            "can_create": access.may_create(request.user),
            "editable_agencies": selectors.agencies_for_user(request.user, Action.CHANGE),
        },
        template="org/unit_list.html",
    )


@login_required
def unit_detail(request: HttpRequest, agency_code: str, code: str) -> HttpResponse:
    unit = selectors.get_unit_for_user(request.user, agency_code, code)
    members = Membership.objects.filter(unit=unit).select_related("user").order_by("role")
    return render(
        request,
        "org/unit_detail.html",
        {
            "unit": unit,
            "members": members,
            # Only the people the viewer may open are links (others would answer 404).
            "openable": selectors.openable_people(request.user, [m.user_id for m in members]),
            "can_change": can(request.user, Action.CHANGE, unit),
            "history": history_for(unit),
        },
    )


@login_required
def unit_create(request: HttpRequest) -> HttpResponse:
    agencies = selectors.agencies_for_user(request.user, Action.CHANGE)
    if not agencies.exists():
        raise PermissionDenied
    form = UnitCreateForm(request.POST or None, agencies=agencies)
    return form_page(
        request,
        form,
        lambda data: services.unit_create(
            actor=request.user,
            agency=data["agency"],
            code=data["code"],
            name=data["name"],
            kind=data["kind"],
        ),
        _("Unit created."),
        {"title": _("New unit")},
    )


@login_required
def unit_edit(request: HttpRequest, agency_code: str, code: str) -> HttpResponse:
    unit = selectors.get_unit_for_user(request.user, agency_code, code, write=True)
    initial = {f: getattr(unit, f) for f in services.UNIT_FIELDS}
    form = UnitForm(request.POST or None, initial=initial)
    if not access.may_manage_agency(request.user, unit.agency_id):
        # A unit head sees the code and the state but cannot change them (the service refuses).
        for name in ("code", "is_active"):
            form.fields[name].disabled = True
    return form_page(
        request,
        form,
        lambda data: services.unit_update(actor=request.user, unit=unit, **data),
        _("Unit saved."),
        {"title": _("Edit unit"), "object": unit, "cancel_url": unit.get_absolute_url()},
        then=unit,
    )


@login_required
def unit_import(request: HttpRequest) -> HttpResponse:
    if not access.may_create(request.user):
        raise PermissionDenied
    form = UnitImportForm(request.POST or None, request.FILES or None)
    result = errors = None
    if request.method == "POST" and form.is_valid():
        result, errors = import_upload(
            form,
            imports.import_units,
            agency_code=form.cleaned_data["agency_code"],
            agency_name=form.cleaned_data["agency_name"] or None,
            actor=request.user,
        )
    return render(
        request, "org/unit_import.html", {"form": form, "result": result, "errors": errors}
    )


@login_required
def agency_edit(request: HttpRequest, code: str) -> HttpResponse:
    agency = selectors.get_agency_for_user(request.user, code, write=True)
    form = AgencyForm(
        request.POST or None,
        initial={
            f: getattr(agency, f) for f in ("name", "parent_body", "place_name", "document_code")
        },
    )
    return form_page(
        request,
        form,
        lambda data: services.agency_update(actor=request.user, agency=agency, **data),
        _("Agency saved."),
        {"title": _("Agency settings"), "object": agency, "history": history_for(agency)},
        then="org:unit_list",
    )


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    return render_list(
        request,
        queryset=selectors.people_for_user(request.user),
        columns=PERSON_COLUMNS,
        filterset_class=PersonFilter,
        title=_("People"),
        export_name="people",
        empty_message=_("Nobody here yet."),
        context={"can_create": access.may_create(request.user)},
        template="org/person_list.html",
    )


@login_required
def person_detail(request: HttpRequest, username: str) -> HttpResponse:
    person = selectors.get_person_for_user(request.user, username)
    can_change = can(request.user, Action.CHANGE, person)
    targets = selectors.assignable_targets(request.user)
    return render(
        request,
        "org/person_detail.html",
        {
            "person": person,
            "can_change": can_change,
            "role_form": MembershipForm(targets=targets) if can_change else None,
            "locked": can_change and is_locked(person.username),
            "history": history_for(person),
        },
    )


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    if not access.may_create(request.user):
        raise PermissionDenied
    form = PersonCreateForm(
        request.POST or None, targets=selectors.assignable_targets(request.user)
    )
    return form_page(
        request,
        form,
        lambda data: services.person_create(
            actor=request.user,
            username=data["username"],
            full_name=data["full_name"],
            password=data["password"] or None,
            role=data["role"] or None,
            target=form.target(),
            email=data["email"],
            position=data["position"],
            phone=data["phone"],
            language=data["language"],
        ),
        _("Person created."),
        {"title": _("New person")},
    )


@login_required
def person_edit(request: HttpRequest, username: str) -> HttpResponse:
    person = selectors.get_person_for_user(request.user, username, write=True)
    form = PersonForm(
        request.POST or None, initial={f: getattr(person, f) for f in services.PERSON_FIELDS}
    )
    return form_page(
        request,
        form,
        lambda data: services.person_update(actor=request.user, user=person, **data),
        _("Person saved."),
        {"title": _("Edit person"), "object": person, "cancel_url": person.get_absolute_url()},
        then=person,
    )


@login_required
@require_POST
def membership_add(request: HttpRequest, username: str) -> HttpResponse:
    person = selectors.get_person_for_user(request.user, username, write=True)
    form = MembershipForm(request.POST, targets=selectors.assignable_targets(request.user))
    if form.is_valid() and call_service(
        form,
        lambda: services.membership_add(
            actor=request.user, user=person, role=form.cleaned_data["role"], target=form.target()
        ),
    ):
        messages.success(request, _("Role assigned."))
    else:
        for error in form.errors.values():
            messages.error(request, " ".join(error))
    return redirect(person)


@login_required
@require_POST
def membership_remove(request: HttpRequest, username: str, pk: int) -> HttpResponse:
    person = selectors.get_person_for_user(request.user, username, write=True)
    membership = get_object_or_404(Membership, pk=pk, user=person)
    services.membership_remove(actor=request.user, membership=membership)
    messages.success(request, _("Role removed."))
    return redirect(person)


@login_required
@require_POST
def person_unlock(request: HttpRequest, username: str) -> HttpResponse:
    person = selectors.get_person_for_user(request.user, username, write=True)
    services.person_unlock(actor=request.user, user=person)
    messages.success(request, _("Login unlocked."))
    return redirect(person)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(
        request.POST or None,
        initial={
            "full_name": user.full_name,
            "email": user.email,
            "phone": user.phone,
            "language": user.language,
        },
        prefix="profile",
    )
    if request.method == "POST" and "profile-full_name" in request.POST and form.is_valid():
        if call_service(
            form, lambda: services.person_update(actor=user, user=user, **form.cleaned_data)
        ):
            messages.success(request, _("Your profile is saved."))
            return redirect("org:profile")
    tokens = selectors.active_tokens_for(user)
    return render(
        request,
        "org/profile.html",
        {
            "form": form,
            "token_form": ApiTokenForm(),
            "tokens": tokens,
            "password_form": PasswordChangeForm(user),
        },
    )


@login_required
@require_POST
def password_change(request: HttpRequest) -> HttpResponse:
    from django.contrib.auth import update_session_auth_hash

    form = PasswordChangeForm(request.user, request.POST)
    if form.is_valid():
        services.person_set_password(
            actor=request.user, user=request.user, password=form.cleaned_data["new_password1"]
        )
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Your password is changed."))
    else:
        for error in form.errors.values():
            messages.error(request, " ".join(error))
    return redirect("org:profile")


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    key = None
    if form.is_valid():
        result = call_service(
            form,
            lambda: services.api_token_create(actor=request.user, name=form.cleaned_data["name"]),
        )
        key = result[1] if result else None
    tokens = selectors.active_tokens_for(request.user)
    return render(
        request, "org/_tokens.html", {"token_form": form, "tokens": tokens, "new_key": key}
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user, revoked_at__isnull=True)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("Token revoked."))
    return redirect("org:profile")


@require_POST
def language_switch(request: HttpRequest) -> HttpResponse:
    """The footer's language switch: Django's set_language (cookie, safe redirect), and for a
    signed-in user also their saved language, which otherwise wins over the cookie."""
    from django.views.i18n import set_language

    response = set_language(request)
    language = request.POST.get("language")
    user = request.user
    if (
        user.is_authenticated
        and language in {code for code, _name in settings.LANGUAGES}
        and language != user.language
    ):
        services.person_update(actor=user, user=user, language=language)
    return response


@login_required
def unit_lineage(request: HttpRequest, agency_code: str, code: str) -> HttpResponse:
    """The unit's figures for a year beside those of the units it continues, each labelled."""
    import datetime as dt

    from django.utils import timezone

    from parindex.org.changes import lineage, unit_history

    unit = selectors.get_unit_for_user(request.user, agency_code, code)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    year = min(max(year, 2000), 2100)
    end = min(dt.date(year, 12, 31), today) if year == today.year else dt.date(year, 12, 31)
    return render(
        request,
        "org/unit_lineage.html",
        {
            "unit": unit,
            "year": year,
            "predecessors": lineage(unit),
            "rows": unit_history(unit, dt.date(year, 1, 1), end, on=min(end, today)),
        },
    )
