"""Screens for reorganisations with an effective date (docs/people.md, "Organisation changes"):
the secretariat merges, splits and renames its agency's units; an administrator merges agencies.
The writes are the services of `parindex.org.changes`, as for the commands and the API."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parindex.common.forms import call_service
from parindex.common.widgets import DateField, DateInput, SearchableSelectMultiple
from parindex.org import access, changes, selectors
from parindex.org.models import Agency, OrgChange, Unit

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class UnitChangeForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Change"), choices=OrgChange.Kind.choices)
    agency = forms.ModelChoiceField(label=gettext_lazy("Agency"), queryset=Agency.objects.none())
    effective_on = DateField(
        label=gettext_lazy("Takes effect on"),
        input_formats=DATE_FORMATS,
        widget=DateInput(),
    )
    decision = forms.CharField(
        label=gettext_lazy("Decision"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("e.g. Quyết định 12/QĐ-SKHCN"),
    )
    units = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Merging units (merge)"),
        queryset=Unit.objects.none(),
        required=False,
        widget=SearchableSelectMultiple(),
    )
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit (split, rename)"), queryset=Unit.objects.none(), required=False
    )
    into = forms.CharField(
        label=gettext_lazy("Successor's code (merge)"),
        max_length=20,
        required=False,
        help_text=gettext_lazy("A new code creates the unit; a merging unit's code keeps it."),
    )
    name = forms.CharField(
        label=gettext_lazy("Name (a new successor of a merge; the new name of a rename)"),
        max_length=255,
        required=False,
    )
    successors = forms.CharField(
        label=gettext_lazy("Resulting units (split)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "VP: Văn phòng\nTC: Phòng Tổ chức"}),
        help_text=gettext_lazy("One per line: CODE: Name."),
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        units = Unit.objects.filter(agency__in=agencies, is_active=True).select_related("agency")
        self.fields["units"].queryset = units
        self.fields["unit"].queryset = units
        if agencies.count() == 1:
            self.fields["agency"].initial = agencies.first()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind, agency = data.get("kind"), data.get("agency")
        if agency is not None:
            for field in ("units", "unit"):
                chosen = data.get(field)
                chosen = list(chosen) if field == "units" else ([chosen] if chosen else [])
                if any(u.agency_id != agency.pk for u in chosen):
                    self.add_error(field, _("Choose units of the chosen agency."))
        if kind == OrgChange.Kind.MERGE:
            if len(data.get("units") or []) < 1:
                self.add_error("units", _("Choose the units that merge."))
            if not (data.get("into") or "").strip():
                self.add_error("into", _("Give the successor's code."))
        elif kind == OrgChange.Kind.SPLIT:
            if not data.get("unit"):
                self.add_error("unit", _("Choose the unit that is split."))
            parts = []
            for number, line in enumerate((data.get("successors") or "").splitlines(), 1):
                if not line.strip():
                    continue
                code, _sep, name = line.partition(":")
                if not code.strip() or not name.strip():
                    self.add_error(
                        "successors",
                        _("Line %(n)d: write CODE: Name.") % {"n": number},
                    )
                    continue
                parts.append((code.strip().upper(), name.strip()))
            if not parts and "successors" not in self.errors:
                self.add_error("successors", _("Give the resulting units, one per line."))
            data["parts"] = parts
        elif kind == OrgChange.Kind.RENAME:
            if not data.get("unit"):
                self.add_error("unit", _("Choose the unit that is renamed."))
            if not (data.get("name") or "").strip():
                self.add_error("name", _("Give the unit's new name."))
        return data

    def apply(self, actor: Any) -> OrgChange:
        data = self.cleaned_data
        common = {"effective_on": data["effective_on"], "decision": data["decision"]}
        if data["kind"] == OrgChange.Kind.MERGE:
            return changes.unit_merge(
                actor=actor,
                agency=data["agency"],
                predecessors=list(data["units"]),
                successor_code=data["into"].strip().upper(),
                successor_name=data["name"].strip(),
                **common,
            )
        if data["kind"] == OrgChange.Kind.SPLIT:
            return changes.unit_split(
                actor=actor,
                agency=data["agency"],
                predecessor=data["unit"],
                successors=data["parts"],
                **common,
            )
        return changes.unit_rename(actor=actor, unit=data["unit"], name=data["name"], **common)


class AgencyMergeForm(forms.Form):
    predecessors = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Merging agencies"),
        queryset=Agency.objects.filter(is_active=True),
        widget=SearchableSelectMultiple(),
    )
    successor = forms.ModelChoiceField(
        label=gettext_lazy("Continued by"), queryset=Agency.objects.filter(is_active=True)
    )
    effective_on = UnitChangeForm.base_fields["effective_on"]
    decision = UnitChangeForm.base_fields["decision"]


@login_required
def change_list(request: HttpRequest) -> HttpResponse:
    """The reorganisations the user may see, with the forms for those the user may record."""
    agencies = selectors.agencies_for_user(request.user).filter(
        pk__in=access.managed_agency_ids(request.user)
    )
    if access.is_admin(request.user):
        agencies = Agency.objects.filter(is_active=True)
    may_change_units = agencies.exists()
    may_merge_agencies = access.is_admin(request.user)
    unit_form = agency_form = None
    if may_change_units:
        unit_form = UnitChangeForm(
            request.POST if request.POST.get("form") == "units" else None, agencies=agencies
        )
    if may_merge_agencies:
        agency_form = AgencyMergeForm(
            request.POST if request.POST.get("form") == "agencies" else None
        )
    if request.method == "POST":
        chosen = {"units": unit_form, "agencies": agency_form}.get(request.POST.get("form"))
        if chosen is None:
            raise PermissionDenied
        done = None
        if chosen.is_valid():
            if chosen is unit_form:
                done = call_service(unit_form, lambda: unit_form.apply(request.user))
            else:
                data = agency_form.cleaned_data
                done = call_service(
                    agency_form,
                    lambda: changes.agency_merge(
                        actor=request.user,
                        predecessors=list(data["predecessors"]),
                        successor=data["successor"],
                        effective_on=data["effective_on"],
                        decision=data["decision"],
                    ),
                )
        if done is not None:
            messages.success(request, _("The change is recorded: %(change)s.") % {"change": done})
            return redirect(reverse("org:change_list"))
    history = (
        OrgChange.objects.restrict(request.user)
        .select_related("agency")
        .prefetch_related("unit_links__successor", "agency_links__predecessor")
    )[:200]
    if not (may_change_units or may_merge_agencies or history):
        raise PermissionDenied
    return render(
        request,
        "org/changes.html",
        {
            "title": _("Organisation changes"),
            "changes": history,
            "unit_form": unit_form,
            "agency_form": agency_form,
        },
    )
