from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from rightswatch.platform import scope
from rightswatch.platform.audit import signals as audit
from rightswatch.platform.clues import workflow
from rightswatch.platform.transfers import services
from rightswatch.platform.transfers.models import Outcome, TransferStatus


class AnswerForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=gettext_lazy("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class FeedbackForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(label=gettext_lazy("Outcome"), choices=Outcome.choices)
    feedback = forms.CharField(label=gettext_lazy("Feedback"), widget=forms.Textarea(attrs={"rows": 4}))


@login_required
def transfer_list(request):
    user = request.user
    if not (user.works_clues or user.is_partner):
        raise Http404
    qs = scope.transfers_for(user).select_related("clue", "agency")
    status = request.GET.get("status", "")
    if status in TransferStatus.values:
        qs = qs.filter(status=status)
    return render(request, "transfers/list.html", {"transfers": qs[:300], "status": status,
                                                   "statuses": TransferStatus.choices})


@login_required
def transfer_detail(request, pk):
    t = scope.transfer_or_404(request.user, pk)
    user = request.user
    audit.send("view", user=user, object_type="transfer", object_id=t.pk, request=request)
    receiving = user.agency_id == t.agency_id
    return render(request, "transfers/detail.html", {
        "t": t, "clue": t.clue, "receiving": receiving,
        "answer_form": AnswerForm(initial={"version": t.version}),
        "feedback_form": FeedbackForm(initial={"version": t.version}),
        "events": t.events.select_related("actor"),
        "show_sealed": user.can_view_sealed,
        "subjects": t.clue.subjects or [],
    })


@login_required
@require_POST
def transfer_answer(request, pk, action):
    t = scope.transfer_or_404(request.user, pk)
    form_class = FeedbackForm if action == "complete" else AnswerForm
    form = form_class(request.POST)
    if not form.is_valid():
        for field, errs in form.errors.items():
            label = form.fields[field].label if field in form.fields else field
            messages.error(request, f"{label}: {errs[0]}")
        return redirect("transfers:detail", pk=t.pk)
    d = form.cleaned_data
    try:
        if action == "accept":
            services.accept(t, request.user, expected_version=d["version"])
        elif action == "reject":
            services.reject(t, request.user, reason=d["reason"], expected_version=d["version"])
        elif action == "complete":
            services.complete(t, request.user, feedback=d["feedback"], outcome=d["outcome"],
                              expected_version=d["version"])
        elif action == "revoke":
            services.revoke(t, request.user, reason=d["reason"], expected_version=d["version"])
        else:
            raise Http404
    except (workflow.TransitionError, workflow.ConflictError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Saved."))
    return redirect("transfers:detail", pk=t.pk)
