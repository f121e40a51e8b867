"""Review queue pages. The queue itself (`rightswatch.identity.linkage.review.ReviewQueue`) is plain
Python over the workspace's linkage database; these views only check who may review, validate the
form, call one queue method, audit it and redirect. Records are shown masked only; nothing here
re-identifies, and no name or identity number is put in a URL, a message or the audit log."""

from __future__ import annotations

import os
import re
from pathlib import Path

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from rightswatch.platform import scope
from rightswatch.platform.audit import signals as audit
from rightswatch.platform.masking import mask_text

PAGE_SIZE = 50
PAIR_ID = re.compile(r"^[0-9a-f]{20}$")


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("confirm", "confirm"), ("reject", "reject")])
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=500, required=False)


class SplitForm(forms.Form):
    person_id = forms.CharField(max_length=300)
    detach = forms.MultipleChoiceField(choices=(), required=False)
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=500, required=False)

    def __init__(self, *args, nodes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["detach"].choices = [(n, n) for n in nodes]


def workspace() -> Path:
    """The workspace the same way re-identification finds it (rightswatch.identity.vault.reidentify)."""
    return Path(os.environ.get("RIGHTSWATCH_WORKSPACE", "workspace"))


def _review_queue():
    """The workspace's review queue, or None when no person index has been built there."""
    from rightswatch.identity.linkage.review import ReviewQueue
    from rightswatch.identity.linkage.store import linkage_dir

    ws = workspace()
    if not (linkage_dir(ws) / "linkage.duckdb").exists():
        return None
    return ReviewQueue(ws)


def _reviewer_or_404(user) -> None:
    if not scope.reviews_links(user):
        raise Http404


def _busy_error(exc: Exception) -> bool:
    """DuckDB refuses a second writer (a build running) with an IO/connection error."""
    import duckdb

    return isinstance(exc, (duckdb.IOException, duckdb.ConnectionException))


@login_required
def queue(request):
    user = request.user
    _reviewer_or_404(user)
    q = _review_queue()
    if q is None:
        return render(request, "linkage/queue.html", {"built": False})
    try:
        page = max(int(request.GET.get("page", "1")), 1)
    except ValueError:
        page = 1
    try:
        total = q.pending_count()
        items = q.pending(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    except Exception as exc:
        if not _busy_error(exc):
            raise
        return render(request, "linkage/queue.html", {"built": True, "busy": True})
    audit.send("view", user=user, object_type="linkage_queue", object_id=page, request=request,
               detail={"pairs": [i.pair_id for i in items]})
    return render(request, "linkage/queue.html", {
        "built": True, "items": items, "total": total, "page": page,
        "previous_page": page - 1 if page > 1 else None,
        "next_page": page + 1 if page * PAGE_SIZE < total else None,
    })


@login_required
@require_POST
def decide(request, pair_id):
    user = request.user
    _reviewer_or_404(user)
    if not PAIR_ID.match(pair_id):
        raise Http404
    q = _review_queue()
    if q is None:
        raise Http404
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to confirm or to reject the pair."))
        return redirect("linkage:queue")
    decision = form.cleaned_data["decision"]
    reason = mask_text(form.cleaned_data["reason"]).strip()
    if not reason:
        messages.error(request, _("A decision on a pair needs a reason."))
        return redirect("linkage:queue")
    from rightswatch.errors import RightsWatchError

    try:
        result = q.decide(pair_id, decision, who=user.username, reason=reason)
    except RightsWatchError:
        raise Http404 from None  # an unknown pair is indistinguishable from a missing page
    except Exception as exc:
        if not _busy_error(exc):
            raise
        messages.error(request, _("The person index is being rebuilt right now. Nothing was saved; please try again in a minute."))
        return redirect("linkage:queue")
    audit.send("state_change", user=user, object_type="linkage_pair", object_id=pair_id, request=request,
               detail={"decision": decision, "reason": reason, "run_id": result.get("run_id")})
    messages.success(request, _("Pair confirmed: the two records are now one person.") if decision == "confirm"
                     else _("Pair rejected: the two records will never be linked again."))
    messages.info(request, _("Clues that rest on these records are updated in place at the next model run."))
    return redirect("linkage:queue")


def _person_url(person_id: str) -> str:
    return reverse("linkage:person") + "?" + urlencode({"id": person_id})


@login_required
def person(request):
    """One person's records (masked), with the split form."""
    user = request.user
    _reviewer_or_404(user)
    q = _review_queue()
    person_id = (request.GET.get("id") or "").strip()[:300]
    if q is None or not person_id:
        raise Http404
    try:
        records = q.cluster(person_id)
    except Exception as exc:
        if not _busy_error(exc):
            raise
        messages.error(request, _("The person index is being rebuilt right now. Please try again in a minute."))
        return redirect("linkage:queue")
    if not records:
        raise Http404
    audit.send("view", user=user, object_type="linkage_person", object_id=person_id[:64], request=request)
    return render(request, "linkage/person.html", {"person_id": person_id, "records": records})


@login_required
@require_POST
def split(request):
    user = request.user
    _reviewer_or_404(user)
    q = _review_queue()
    person_id = (request.POST.get("person_id") or "").strip()[:300]
    if q is None or not person_id:
        raise Http404
    try:
        nodes = [r.node for r in q.cluster(person_id)]
    except Exception as exc:
        if not _busy_error(exc):
            raise
        messages.error(request, _("The person index is being rebuilt right now. Please try again in a minute."))
        return redirect("linkage:queue")
    if not nodes:
        raise Http404
    form = SplitForm(request.POST, nodes=nodes)
    back = redirect(_person_url(person_id))
    if not form.is_valid():
        messages.error(request, _("Choose records of this person to split off."))
        return back
    detach = form.cleaned_data["detach"]
    reason = mask_text(form.cleaned_data["reason"]).strip()
    if not detach or len(detach) >= len(nodes):
        messages.error(request, _("Choose some, but not all, of this person's records to split off."))
        return back
    if not reason:
        messages.error(request, _("A split needs a reason."))
        return back
    from rightswatch.errors import RightsWatchError

    try:
        result = q.split(person_id, detach, who=user.username, reason=reason)
    except RightsWatchError:
        messages.error(request, _("Choose some, but not all, of this person's records to split off."))
        return back
    except Exception as exc:
        if not _busy_error(exc):
            raise
        messages.error(request, _("The person index is being rebuilt right now. Nothing was saved; please try again in a minute."))
        return back
    audit.send("state_change", user=user, object_type="linkage_person", object_id=person_id[:64], request=request,
               detail={"decision": "split", "person_id": person_id, "detached": detach, "reason": reason,
                       "split_id": result.get("split_id"), "run_id": result.get("run_id")})
    messages.success(request, _("Split saved: the records split off will never be linked to this person again."))
    messages.info(request, _("Clues that rest on these records are updated in place at the next model run."))
    return redirect("linkage:queue")
