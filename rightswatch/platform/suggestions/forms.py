from django import forms
from django.utils.translation import gettext_lazy as _

from rightswatch.platform.accounts.models import Agency


class SuggestionForm(forms.Form):
    recipient = forms.ModelChoiceField(label=_("Recipient agency"),
                                       queryset=Agency.objects.exclude(kind="procuratorate"))
    facts = forms.CharField(label=_("Facts found"), widget=forms.Textarea(attrs={"rows": 3}))
    legal_basis = forms.CharField(label=_("Legal basis"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    content = forms.CharField(label=_("Suggestions"), widget=forms.Textarea(attrs={"rows": 3}))


class StepForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    adopted = forms.BooleanField(label=_("Suggestion adopted"), required=False)
    on = forms.DateField(label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
