"""Clue pages: inbox (filters, search, keyset pagination), detail, transitions, transfer, re-identification,
submission (form and file), export. Each view fetches within scope, validates, calls one domain function."""

from __future__ import annotations

import csv
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rightswatch.platform import scope
from rightswatch.platform.audit import signals as audit
from rightswatch.platform.clues import workflow
from rightswatch.platform.clues.catalogue import MODEL_NAMES
from rightswatch.platform.clues.forms import (
    FilterForm,
    ReidentifyForm,
    SubmitClueForm,
    TransferForm,
    TransitionForm,
    UploadForm,
)
from rightswatch.platform.clues.models import OPEN_STATES
from rightswatch.platform.clues.submission import SubmissionError, submit, submit_file
from rightswatch.platform.suggestions.forms import SuggestionForm
from rightswatch.platform.transfers import services as transfers


def filtered(request, user):
    form = FilterForm(request.GET or None)
    qs = scope.clues_for(user)
    if form.is_valid():
        d = form.cleaned_data
        if d["q"]:
            qs = scope.search(qs, d["q"])
        if d["model"]:
            qs = qs.filter(model_id=d["model"])
        if d["severity"]:
            qs = qs.filter(severity=d["severity"])
        if d["state"]:
            qs = qs.filter(state=d["state"])
        if d["district"]:
            qs = qs.filter(region_code__startswith=d["district"])
        if d["date_from"]:
            qs = qs.filter(event_on__gte=d["date_from"])
        if d["date_to"]:
            qs = qs.filter(event_on__lte=d["date_to"])
        if d["assignee"] == "me":
            qs = qs.filter(assignee=user)
        elif d["assignee"] == "none":
            qs = qs.filter(assignee=None)
    return form, qs


def page_of(qs, request, size: int):
    """Keyset pagination on id (newest first): cost independent of the page number, no OFFSET, no COUNT."""
    after = request.GET.get("after", "")
    before = request.GET.get("before", "")
    if after.isdigit():
        rows = list(qs.filter(pk__lt=int(after)).order_by("-pk")[: size + 1])
        has_next, has_prev = len(rows) > size, True
        rows = rows[:size]
    elif before.isdigit():
        rows = list(qs.filter(pk__gt=int(before)).order_by("pk")[: size + 1])
        has_prev, has_next = len(rows) > size, True
        rows = list(reversed(rows[:size]))
    else:
        rows = list(qs.order_by("-pk")[: size + 1])
        has_next, has_prev = len(rows) > size, False
        rows = rows[:size]
    return {
        "rows": rows,
        "next": rows[-1].pk if rows and has_next else None,
        "prev": rows[0].pk if rows and has_prev else None,
    }


MULTIPLE_SIGNALS = "child_with_multiple_signals"
PRIORITY_SHOWN = 20


def children_first(qs, request) -> list:
    """Open clues about a child who appears in several models (model 20), shown above the inbox
    on its first page: the prosecutor should see that child first (issue 7)."""
    if request.GET.get("after") or request.GET.get("before"):
        return []
    return list(qs.filter(model_id=MULTIPLE_SIGNALS, state__in=OPEN_STATES).select_related("assignee")
                .order_by("-pk")[:PRIORITY_SHOWN])


@login_required
def inbox(request):
    user = request.user
    if not (user.works_clues or user.is_partner):
        raise Http404
    form, qs = filtered(request, user)
    page = page_of(qs.select_related("assignee"), request, settings.RIGHTSWATCH_PAGE_SIZE)
    context = {"form": form, "page": page, "models": sorted(MODEL_NAMES.items()),
               "priority": children_first(qs, request)}
    partial = (request.headers.get("HX-Target") == "clue-table"
               and not request.headers.get("HX-History-Restore-Request"))
    template = "clues/_table.html" if partial else "clues/inbox.html"
    return render(request, template, context)


def _sealed_visible(user) -> bool:
    return bool(getattr(user, "can_view_sealed", False))


@login_required
def detail(request, pk, reidentified: dict | None = None):
    clue = scope.clue_or_404(request.user, pk)
    user = request.user
    audit.send("view", user=user, object_type="clue", object_id=clue.pk, request=request,
               detail={"subjects": len(clue.subjects or [])})
    context = {
        "clue": clue,
        "subjects": list(enumerate(clue.subjects or [])),
        "evidence": clue.evidence or [],
        "show_sealed": _sealed_visible(user),
        "transitions": workflow.available(clue, user),
        "transition_form": TransitionForm(initial={"version": clue.version}),
        "transfer_form": TransferForm(initial={"version": clue.version}) if user.acts_on_clues and
        clue.state in ("verifying", "transferred") else None,
        "suggestion_form": SuggestionForm() if user.acts_on_clues and clue.state == "case_opened" else None,
        "reidentify_form": ReidentifyForm() if user.can_reidentify else None,
        "events": clue.events.select_related("actor").prefetch_related("documents"),
        "transfers": scope.transfers_for(user).filter(clue=clue).select_related("agency"),
        "suggestions": scope.suggestions_for(user).filter(clue=clue),
        "reidentified": reidentified,
    }
    return render(request, "clues/detail.html", context)


@login_required
@require_POST
def transition(request, pk, name):
    clue = scope.clue_or_404(request.user, pk)
    form = TransitionForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete; nothing was saved."))
        return redirect("clues:detail", pk=clue.pk)
    files = [form.cleaned_data["document"]] if form.cleaned_data.get("document") else []
    try:
        workflow.apply(clue, name, request.user, reason=form.cleaned_data["reason"],
                       expected_version=form.cleaned_data["version"], files=files)
    except (workflow.TransitionError, workflow.ConflictError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Saved: the clue is now “%(state)s”.") % {"state": clue.get_state_display()})
    return redirect("clues:detail", pk=clue.pk)


@login_required
@require_POST
def assign_me(request, pk):
    clue = scope.clue_or_404(request.user, pk)
    if request.user.acts_on_clues:
        type(clue).objects.filter(pk=clue.pk).update(assignee=request.user)
    return redirect("clues:detail", pk=clue.pk)


@login_required
@require_POST
def transfer(request, pk):
    clue = scope.clue_or_404(request.user, pk)
    form = TransferForm(request.POST)
    if not form.is_valid():
        for field, errs in form.errors.items():
            messages.error(request, f"{form.fields[field].label if field in form.fields else field}: {errs[0]}")
        return redirect("clues:detail", pk=clue.pk)
    d = form.cleaned_data
    try:
        t = transfers.send(clue, d["agency"], request.user, note=d["note"], due_on=d["due_on"],
                           expected_version=d["version"],
                           shared_evidence=None if d["share_all"] else [])
    except (workflow.TransitionError, workflow.ConflictError) as exc:
        messages.error(request, str(exc))
        return redirect("clues:detail", pk=clue.pk)
    messages.success(request, _("Transferred to %(agency)s; feedback due %(due)s.") % {
        "agency": t.agency.name, "due": t.due_on.isoformat()})
    return redirect("clues:detail", pk=clue.pk)


def vault_reidentify():
    """The identity vault's re-identification hook, or None when the vault does not offer one."""
    try:
        from rightswatch.identity import vault
    except ImportError:
        return None
    return getattr(vault, "reidentify", None)


@login_required
@require_POST
def reidentify(request, pk):
    clue = scope.clue_or_404(request.user, pk)
    user = request.user
    if not user.can_reidentify:
        raise Http404
    form = ReidentifyForm(request.POST)
    if not form.is_valid() or not form.cleaned_data["reason"].strip():
        messages.error(request, _("Re-identification needs a reason."))
        return redirect("clues:detail", pk=clue.pk)
    index = form.cleaned_data["subject"]
    subjects = clue.subjects or []
    if index >= len(subjects):
        raise Http404
    subject = subjects[index]
    hook = vault_reidentify()
    logged = {"reason": form.cleaned_data["reason"].strip()[:500], "subject": index,
              "person_id": subject.get("person_id", ""), "vault": hook is not None}
    audit.send("reidentify", user=user, object_type="clue", object_id=clue.pk, detail=logged, request=request)
    if hook is None:
        messages.error(request, _("The identity vault is unavailable: re-identification is not possible now."))
        return redirect("clues:detail", pk=clue.pk)
    try:
        found = hook(subject.get("person_id", ""))
    except Exception:
        messages.error(request, _("The identity vault could not re-identify this person."))
        return redirect("clues:detail", pk=clue.pk)
    if isinstance(found, dict):
        found = {k: str(v) for k, v in found.items() if k in ("name", "id_number")}
    else:
        found = {"id_number": str(found)}
    # Rendered in this response only: never stored, never put in a URL or a log.
    response = detail(request, clue.pk, reidentified={"subject": index, **found})
    response.headers["Cache-Control"] = "no-store"
    return response


@login_required
def submit_view(request):
    user = request.user
    if not (user.is_partner or user.acts_on_clues) or (user.is_partner and not user.agency_id):
        raise Http404
    form = SubmitClueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        clue = submit(user, **form.cleaned_data)
        messages.success(request, _("Clue received: %(key)s.") % {"key": clue.clue_key})
        return redirect("clues:detail", pk=clue.pk)
    return render(request, "clues/submit.html", {"form": form, "upload_form": UploadForm()})


@login_required
@require_POST
def upload_view(request):
    user = request.user
    if not (user.is_partner or user.acts_on_clues) or (user.is_partner and not user.agency_id):
        raise Http404
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to upload."))
        return redirect("clues:submit")
    try:
        created, errors = submit_file(user, form.cleaned_data["file"])
    except SubmissionError as exc:
        messages.error(request, str(exc))
        return redirect("clues:submit")
    messages.success(request, _("%(n)d clue(s) received.") % {"n": created})
    for e in errors[:20]:
        messages.warning(request, e)
    return redirect("clues:inbox")


@login_required
def export(request):
    user = request.user
    if not (user.works_clues and user.can_export):
        raise Http404
    _form, qs = filtered(request, user)
    audit.send("export", user=user, object_type="clue", detail={"filters": request.GET.dict()}, request=request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="clues.csv"'
    response.write("\ufeff")
    w = csv.writer(response)
    w.writerow(["clue_key", "model_id", "severity", "state", "region_code", "event_on", "summary_zh", "subjects"])
    for c in qs.order_by("-pk").iterator(chunk_size=2000):
        subjects = [{k: s.get(k) for k in ("role", "name_masked", "id_masked", "org_code") if s.get(k)}
                    for s in c.subjects or []]
        w.writerow([c.clue_key, c.model_id, c.severity, c.state, c.region_code, c.event_on or "", c.summary_zh,
                    json.dumps(subjects, ensure_ascii=False)])
    return response
