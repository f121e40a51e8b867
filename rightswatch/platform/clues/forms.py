from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rightswatch.platform.accounts.models import Agency
from rightswatch.platform.clues.models import Severity, State


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    model = forms.CharField(label=_("Supervision model"), required=False, max_length=80)
    severity = forms.ChoiceField(label=_("Severity"), required=False,
                                 choices=[("", _("All"))] + list(Severity.choices))
    state = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All"))] + list(State.choices))
    district = forms.CharField(label=_("District code"), required=False, max_length=12)
    date_from = forms.DateField(label=_("Event from"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Event to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    assignee = forms.ChoiceField(label=_("Assignee"), required=False,
                                 choices=[("", _("Anyone")), ("me", _("Me")), ("none", _("Unassigned"))])


class TransitionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    document = forms.FileField(label=_("Document"), required=False)


class TransferForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.exclude(kind="procuratorate"))
    note = forms.CharField(label=_("Note to the agency"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    due_on = forms.DateField(label=_("Feedback due (empty: the agency's default)"), required=False,
                             widget=forms.DateInput(attrs={"type": "date"}))
    share_all = forms.BooleanField(label=_("Share all evidence rows"), required=False, initial=True)


class ReidentifyForm(forms.Form):
    subject = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason for re-identification"), max_length=500,
                             widget=forms.TextInput(attrs={"size": 40}))


class SubmitClueForm(forms.Form):
    summary = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)
    region_code = forms.RegexField(label=_("Region code"), regex=r"^\d{6}$", max_length=6,
                                   error_messages={"invalid": _("A region code has six digits.")})
    event_on = forms.DateField(label=_("Date of the event"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices, initial=Severity.ORANGE)
    subject_surname = forms.CharField(label=_("Surname of the person concerned"), required=False, max_length=4)
    subject_id_number = forms.CharField(label=_("Identity number (stored masked only)"), required=False,
                                        max_length=18)
    channel = forms.CharField(label=_("Channel (e.g. 12338 hotline)"), required=False, max_length=60)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File (JSON Lines of clue records, or CSV with columns summary, region_code, "
                                   "event_on, severity)"))
