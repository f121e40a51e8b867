from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from rightswatch.platform import scope
from rightswatch.platform.accounts.models import Agency
from rightswatch.platform.consultations.models import ActionItem, Consultation
from rightswatch.platform.masking import mask_text


class ConsultationForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    held_on = forms.DateField(label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    agencies = forms.ModelMultipleChoiceField(label=gettext_lazy("Participating agencies"),
                                              queryset=Agency.objects.all())
    clue_ids = forms.CharField(label=gettext_lazy("Linked clue numbers (comma-separated)"), required=False)
    minutes = forms.CharField(label=gettext_lazy("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    decisions = forms.CharField(label=gettext_lazy("Decisions"), required=False,
                                widget=forms.Textarea(attrs={"rows": 3}))


class ActionItemForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Action item"), max_length=500)
    owner_agency = forms.ModelChoiceField(label=gettext_lazy("Owner agency"), queryset=Agency.objects.all())
    due_on = forms.DateField(label=gettext_lazy("Due"), widget=forms.DateInput(attrs={"type": "date"}))


@login_required
def consultation_list(request):
    user = request.user
    if not (user.works_clues or user.is_partner):
        raise Http404
    return render(request, "consultations/list.html", {
        "consultations": scope.consultations_for(user).prefetch_related("agencies")[:200],
        "form": ConsultationForm() if user.acts_on_clues else None})


@login_required
@require_POST
def consultation_create(request):
    user = request.user
    if not user.acts_on_clues:
        raise Http404
    form = ConsultationForm(request.POST)
    if not form.is_valid():
        for field, errs in form.errors.items():
            messages.error(request, f"{form.fields[field].label}: {errs[0]}")
        return redirect("consultations:list")
    d = form.cleaned_data
    ids = [int(x) for x in d["clue_ids"].replace("，", ",").split(",") if x.strip().isdigit()]
    clues = list(scope.clues_for(user).filter(pk__in=ids))  # only clues this user can see
    c = Consultation.objects.create(title=mask_text(d["title"]), held_on=d["held_on"],
                                    region_code=user.jurisdiction, minutes=mask_text(d["minutes"]),
                                    decisions=mask_text(d["decisions"]), created_by=user)
    c.agencies.set(d["agencies"])
    c.clues.set(clues)
    return redirect("consultations:detail", pk=c.pk)


@login_required
def consultation_detail(request, pk):
    c = scope.consultation_or_404(request.user, pk)
    user = request.user
    visible_clues = scope.clues_for(user).filter(consultations=c)
    return render(request, "consultations/detail.html", {
        "c": c, "clues": visible_clues, "items": c.action_items.select_related("owner_agency"),
        "item_form": ActionItemForm() if user.acts_on_clues else None, "today": timezone.localdate()})


@login_required
@require_POST
def action_item_add(request, pk):
    c = scope.consultation_or_404(request.user, pk)
    if not request.user.acts_on_clues:
        raise Http404
    form = ActionItemForm(request.POST)
    if form.is_valid():
        ActionItem.objects.create(consultation=c, text=mask_text(form.cleaned_data["text"]),
                                  owner_agency=form.cleaned_data["owner_agency"], due_on=form.cleaned_data["due_on"])
    else:
        for field, errs in form.errors.items():
            messages.error(request, f"{form.fields[field].label}: {errs[0]}")
    return redirect("consultations:detail", pk=c.pk)


@login_required
@require_POST
def action_item_done(request, pk, item_pk):
    c = scope.consultation_or_404(request.user, pk)
    item = c.action_items.filter(pk=item_pk).first()
    if item is None or not (request.user.acts_on_clues or request.user.agency_id == item.owner_agency_id):
        raise Http404
    ActionItem.objects.filter(pk=item.pk).update(done=True, done_at=timezone.now())
    messages.success(request, _("Saved."))
    return redirect("consultations:detail", pk=c.pk)
