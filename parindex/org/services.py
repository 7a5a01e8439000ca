"""Changes to agencies, units, people and roles. Each is atomic, checked and audited."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from parindex.audit.services import audited, record, record_created
from parindex.common.errors import DomainError, refuse_unknown
from parindex.org import access
from parindex.org.access import Action, can
from parindex.org.choices import (
    AGENCY_ROLES,
    COUNCIL_ROLES,
    PROVINCE_ROLES,
    UNIT_ROLES,
    Role,
    UnitKind,
)
from parindex.org.models import Agency, ApiToken, Council, Membership, Province, Unit, User

AGENCY_FIELDS = ("code", "name", "parent_body", "place_name", "document_code", "is_active")
UNIT_FIELDS = ("code", "name", "kind", "is_active")
NAME_MAX = Unit._meta.get_field("name").max_length or 255
PERSON_FIELDS = ("username", "full_name", "email", "position", "phone", "language", "is_active")


def _require(actor: Any, action: str, obj: Any) -> None:
    if actor is not None and not can(actor, action, obj):
        raise PermissionDenied


def _require_admin(actor: Any) -> None:
    if actor is not None and not access.is_admin(actor):
        raise PermissionDenied


def _clean_code(code: str) -> str:
    code = (code or "").strip().upper()
    if not code:
        raise DomainError(_("A code is required."), field="code")
    if len(code) > 20 or any(ch.isspace() for ch in code):
        raise DomainError(_("A code has at most 20 characters and no spaces."), field="code")
    return code


# Agencies -----------------------------------------------------------------------------------


@transaction.atomic
def agency_create(*, actor: Any, code: str, name: str, **fields: Any) -> Agency:
    """Create an agency; only administrators (or the system, actor=None) may."""
    _require_admin(actor)
    code = _clean_code(code)
    if Agency.objects.filter(code=code).exists():
        raise DomainError(_("An agency with this code already exists."), field="code")
    if not (name or "").strip():
        raise DomainError(_("A name is required."), field="name")
    if fields.get("province") is None:
        # One province per deployment (docs/province.md): a new agency joins it.
        provinces = list(Province.objects.all()[:2])
        fields["province"] = provinces[0] if len(provinces) == 1 else None
    agency = Agency.objects.create(code=code, name=name.strip(), **fields)
    record_created(actor, "agency.created", agency, AGENCY_FIELDS)
    return agency


@transaction.atomic
def province_create(*, actor: Any, code: str, name: str) -> Province:
    """Create a province (the level above agencies); only administrators may."""
    _require_admin(actor)
    code = _clean_code(code)
    if Province.objects.filter(code=code).exists():
        raise DomainError(_("A province with this code already exists."), field="code")
    if not (name or "").strip():
        raise DomainError(_("A name is required."), field="name")
    province = Province.objects.create(code=code, name=name.strip())
    record_created(actor, "province.created", province, ("code", "name"), province=province)
    return province


@transaction.atomic
def agency_update(*, actor: Any, agency: Agency, **changes: Any) -> Agency:
    _require(actor, Action.CHANGE, agency)
    if "code" in changes:
        changes["code"] = _clean_code(changes["code"])
        if Agency.objects.filter(code=changes["code"]).exclude(pk=agency.pk).exists():
            raise DomainError(_("An agency with this code already exists."), field="code")
    with audited(actor, "agency.updated", agency, AGENCY_FIELDS):
        for key, value in changes.items():
            setattr(agency, key, value)
        agency.save()
    return agency


# Units --------------------------------------------------------------------------------------


def _check_unit_fields(
    agency: Agency, code: str, name: str, kind: str, exclude: int | None
) -> None:
    if not (name or "").strip():
        raise DomainError(_("A name is required."), field="name")
    if kind not in UnitKind.values:
        raise DomainError(_("Unknown kind of unit."), field="kind")
    clash = Unit.objects.filter(agency=agency, code=code)
    if exclude:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise DomainError(_("This agency already has a unit with this code."), field="code")


@transaction.atomic
def unit_create(
    *, actor: Any, agency: Agency, code: str, name: str, kind: str = UnitKind.OFFICE
) -> Unit:
    if actor is not None and not access.may_manage_agency(actor, agency):
        raise PermissionDenied
    code = _clean_code(code)
    _check_unit_fields(agency, code, name, kind, None)
    unit = Unit.objects.create(agency=agency, code=code, name=name.strip(), kind=kind)
    record_created(actor, "unit.created", unit, UNIT_FIELDS)
    return unit


@transaction.atomic
def unit_update(*, actor: Any, unit: Unit, **changes: Any) -> Unit:
    _require(actor, Action.CHANGE, unit)
    refuse_unknown("unit_update", changes, UNIT_FIELDS)
    code = _clean_code(changes.get("code", unit.code))
    # The code is the key every import uses, and deactivating hides the unit everywhere: the
    # secretariat's call, not the unit head's (who may still rename it or change its kind).
    deactivating = unit.is_active and changes.get("is_active", True) is False
    if (code != unit.code or deactivating) and actor is not None:
        if not access.may_manage_agency(actor, unit.agency_id):
            raise DomainError(
                _("Only the secretariat may change a unit's code or deactivate it."),
                field="code" if code != unit.code else "is_active",
            )
    _check_unit_fields(
        unit.agency, code, changes.get("name", unit.name), changes.get("kind", unit.kind), unit.pk
    )
    changes["code"] = code
    with audited(actor, "unit.updated", unit, UNIT_FIELDS):
        for key, value in changes.items():
            setattr(unit, key, value.strip() if isinstance(value, str) and key == "name" else value)
        unit.save()
    return unit


# People -------------------------------------------------------------------------------------


@transaction.atomic
def person_create(
    *,
    actor: Any,
    username: str,
    full_name: str,
    password: str | None = None,
    role: str | None = None,
    target: Agency | Unit | Council | None = None,
    **fields: Any,
) -> User:
    """Create a person, optionally with a first role (the secretariat must give one)."""
    if actor is not None and not access.is_admin(actor):
        if not access.may_create(actor):
            raise PermissionDenied
        if role is None:
            raise DomainError(_("Give the new person a role in your agency."), field="role")
    username = (username or "").strip()
    if not username:
        raise DomainError(_("A user name is required."), field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(_("This user name is taken."), field="username")
    user = User(username=username, full_name=(full_name or "").strip(), **fields)
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise DomainError(" ".join(exc.messages), field="password") from None
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    record_created(actor, "person.created", user, PERSON_FIELDS, agency=_agency_of(target))
    if role is not None:
        membership_add(actor=actor, user=user, role=role, target=target)
    return user


def _agency_of(target: Agency | Unit | Council | None) -> Agency | None:
    if isinstance(target, Agency):
        return target
    if isinstance(target, Unit):
        return target.agency
    return None


@transaction.atomic
def person_update(*, actor: Any, user: User, **changes: Any) -> User:
    if actor is not None and actor.pk != user.pk:
        _require(actor, Action.CHANGE, user)
    refuse_unknown("person_update", changes, PERSON_FIELDS)
    if "username" in changes:
        changes["username"] = changes["username"].strip()
        if User.objects.filter(username__iexact=changes["username"]).exclude(pk=user.pk).exists():
            raise DomainError(_("This user name is taken."), field="username")
    with audited(actor, "person.updated", user, PERSON_FIELDS):
        for key, value in changes.items():
            setattr(user, key, value)
        user.save()
    return user


@transaction.atomic
def person_set_password(*, actor: Any, user: User, password: str) -> None:
    if actor is not None and actor.pk != user.pk:
        _require(actor, Action.CHANGE, user)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="password") from None
    user.set_password(password)
    user.save(update_fields=["password"])
    record(actor=actor, action="person.password_set", target=user)


@transaction.atomic
def person_unlock(*, actor: Any, user: User) -> int:
    """Clear the failed logins that locked `user` out (django-axes); returns how many records
    were cleared. The person's secretariat or an administrator (whoever may change the person),
    or the operator's command (`actor` None); never the person themselves."""
    from axes.utils import reset

    if actor is not None and (actor.pk == user.pk or not can(actor, Action.CHANGE, user)):
        raise PermissionDenied
    cleared = reset(username=user.get_username())
    record(actor=actor, action="person.unlocked", target=user, after={"cleared": cleared})
    return cleared


# Roles --------------------------------------------------------------------------------------


def _may_assign(actor: Any, role: str, target: Any) -> bool:
    return access.may_assign_role(actor, role, _agency_of(target))


#: Roles that write or sign an agency's self-assessment.
SELF_ASSESSING_ROLES = frozenset({Role.SECRETARIAT, Role.LEADER, Role.UNIT_HEAD, Role.UNIT_STAFF})


def _refuse_self_and_appraisal(user: User, role: str, target: Any) -> None:
    """One person must not both self-assess and appraise the same agency (a conflict of
    interest): refuse the role that would join the two, unless the administrator turned the
    rule off (PARINDEX_SEPARATE_SELF_AND_APPRAISAL=false)."""
    from django.conf import settings

    if not getattr(settings, "PARINDEX_SEPARATE_SELF_AND_APPRAISAL", True):
        return
    if role == Role.APPRAISER:
        appraised = set(target.agencies.values_list("pk", flat=True))
        own = Membership.objects.filter(user=user, role__in=SELF_ASSESSING_ROLES).filter(
            Q(agency__in=appraised) | Q(unit__agency__in=appraised)
        )
    elif role in SELF_ASSESSING_ROLES:
        agency = _agency_of(target)
        own = Membership.objects.filter(user=user, role=Role.APPRAISER, council__agencies=agency)
    else:
        return
    if own.exists():
        raise DomainError(
            _(
                "This person would both self-assess and appraise the same agency; "
                "give the appraisal to someone else."
            ),
            field="role",
        )


#: Where each kind of role is held: its roles, the class of what it is held in, the membership
#: field naming that, and the message for a target of another kind (the administrator role is
#: held nowhere).
ROLE_PLACES = (
    (AGENCY_ROLES, Agency, "agency", gettext_noop("This role is held in an agency.")),
    (UNIT_ROLES, Unit, "unit", gettext_noop("This role is held in a unit.")),
    (
        COUNCIL_ROLES,
        Council,
        "council",
        gettext_noop("This role is held in an appraisal council."),
    ),
    (PROVINCE_ROLES, Province, "province", gettext_noop("This role is held in a province.")),
)


@transaction.atomic
def membership_add(
    *, actor: Any, user: User, role: str, target: Agency | Unit | Council | None = None
) -> Membership:
    """Give `user` a role in an agency, unit or council (admin: no target)."""
    if role not in Role.values:
        raise DomainError(_("Unknown role."), field="role")
    kwargs: dict[str, Any] = {}
    for roles, place, field, elsewhere in ROLE_PLACES:
        if role in roles:
            if not isinstance(target, place):
                raise DomainError(_(elsewhere), field=field)
            kwargs[field] = target
            break
    else:
        if target is not None:
            raise DomainError(_("The administrator role has no agency or unit."), field="role")
    if actor is not None and not _may_assign(actor, role, target):
        raise PermissionDenied
    if Membership.objects.filter(user=user, role=role, **kwargs).exists():
        raise DomainError(_("This person already holds this role."), field="role")
    _refuse_self_and_appraisal(user, role, target)
    membership = Membership.objects.create(user=user, role=role, **kwargs)
    record(
        actor=actor,
        action="membership.added",
        target=user,
        agency=_agency_of(target),
        after={"role": role, "target": str(target) if target else ""},
    )
    return membership


@transaction.atomic
def membership_remove(*, actor: Any, membership: Membership) -> None:
    if actor is not None and not _may_assign(actor, membership.role, membership.target):
        raise PermissionDenied
    target = membership.target
    record(
        actor=actor,
        action="membership.removed",
        target=membership.user,
        agency=_agency_of(target),
        before={"role": membership.role, "target": str(target) if target else ""},
    )
    membership.delete()


# API tokens ---------------------------------------------------------------------------------


@transaction.atomic
def api_token_create(*, actor: User, name: str) -> tuple[ApiToken, str]:
    """Create a token for the actor; the key is returned once and never stored."""
    if not (name or "").strip():
        raise DomainError(_("Name the token, e.g. after the system that uses it."), field="name")
    key = "pi_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor, name=name.strip(), prefix=key[:8], key_hash=ApiToken.hash_key(key)
    )
    record(actor=actor, action="api_token.created", target=actor, after={"token": str(token)})
    return token, key


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> None:
    if token.user_id != actor.pk and not access.is_admin(actor):
        raise PermissionDenied
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(actor=actor, action="api_token.revoked", target=token.user, before={"token": str(token)})
