from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.utils.translation import gettext_lazy as _

from parindex.org.choices import Language, Role, UnitKind
from parindex.org.models import Agency, Council, Unit


class UnitForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20)
    name = forms.CharField(label=_("Name"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitKind.choices)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class UnitCreateForm(UnitForm):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none())

    field_order = ["agency", "code", "name", "kind"]

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        del self.fields["is_active"]
        if agencies is not None and agencies.count() == 1:
            self.fields["agency"].initial = agencies.first()


class AgencyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    parent_body = forms.CharField(
        label=_("Parent body"),
        max_length=255,
        required=False,
        help_text=_("Upper case as printed in document headers, e.g. UBND TỈNH QUẢNG NGÃI"),
    )
    place_name = forms.CharField(label=_("Place name"), max_length=100, required=False)
    document_code = forms.CharField(label=_("Document code"), max_length=30, required=False)


class PersonForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class MembershipForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    agency = forms.ModelChoiceField(
        label=_("Agency"), queryset=Agency.objects.none(), required=False
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    council = forms.ModelChoiceField(
        label=_("Appraisal council"), queryset=Council.objects.none(), required=False
    )

    def __init__(self, *args, targets=None, **kwargs):
        super().__init__(*args, **kwargs)
        targets = targets or {}
        self.fields["role"].choices = [("", "—"), *targets.get("roles", Role.choices)]
        for name, key in (("agency", "agencies"), ("unit", "units"), ("council", "councils")):
            self.fields[name].queryset = targets.get(key, self.fields[name].queryset)
        self.fields["unit"].label_from_instance = lambda u: f"{u.agency.code} · {u.name}"

    def target(self):
        data = self.cleaned_data
        return data.get("unit") or data.get("agency") or data.get("council")


class PersonCreateForm(PersonForm, MembershipForm):
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput,
        required=False,
        help_text=password_validators_help_text_html,
    )

    field_order = ["username", "full_name", "email", "position", "phone", "language", "password"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["is_active"]
        self.fields["role"].required = False


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100)


class UnitImportForm(forms.Form):
    agency_code = forms.CharField(label=_("Agency code"), max_length=20)
    agency_name = forms.CharField(label=_("Agency name (for a new agency)"), required=False)
    file = forms.FileField(label=_("File (.xlsx or .csv)"))
