from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rightswatch.platform import scope
from rightswatch.platform.clues import workflow
from rightswatch.platform.suggestions import services
from rightswatch.platform.suggestions.forms import StepForm, SuggestionForm


@login_required
def suggestion_list(request):
    if not request.user.works_clues:
        raise Http404
    qs = scope.suggestions_for(request.user).select_related("clue", "recipient")
    return render(request, "suggestions/list.html", {"suggestions": qs[:300]})


@login_required
def suggestion_detail(request, pk):
    s = scope.suggestion_or_404(request.user, pk)
    return render(request, "suggestions/detail.html", {
        "s": s, "form": StepForm(initial={"version": s.version}), "events": s.events.select_related("actor")})


@login_required
@require_POST
def suggestion_create(request, clue_pk):
    clue = scope.clue_or_404(request.user, clue_pk)
    form = SuggestionForm(request.POST)
    if not form.is_valid():
        for field, errs in form.errors.items():
            messages.error(request, f"{form.fields[field].label}: {errs[0]}")
        return redirect("clues:detail", pk=clue.pk)
    try:
        s = services.draft(clue, request.user, **form.cleaned_data)
    except workflow.TransitionError as exc:
        messages.error(request, str(exc))
        return redirect("clues:detail", pk=clue.pk)
    return redirect("suggestions:detail", pk=s.pk)


@login_required
@require_POST
def suggestion_step(request, pk, step):
    s = scope.suggestion_or_404(request.user, pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete; nothing was saved."))
        return redirect("suggestions:detail", pk=s.pk)
    d = form.cleaned_data
    try:
        if step == "approve":
            services.approve(s, request.user, expected_version=d["version"])
        elif step == "issue":
            services.issue(s, request.user, delivered_on=d["on"], expected_version=d["version"])
        elif step == "reply":
            services.record_reply(s, request.user, reply_text=d["text"], adopted=d["adopted"], replied_on=d["on"],
                                  expected_version=d["version"])
        elif step == "check":
            services.record_follow_up(s, request.user, result=d["text"], expected_version=d["version"])
        else:
            raise Http404
    except (workflow.TransitionError, workflow.ConflictError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Saved."))
    return redirect("suggestions:detail", pk=s.pk)
