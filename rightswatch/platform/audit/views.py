from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from rightswatch.platform.accounts.models import Role
from rightswatch.platform.audit.models import AuditEntry, verify


@login_required
def log(request):
    if request.user.role != Role.AUDITOR:
        raise Http404
    qs = AuditEntry.objects.order_by("-seq")
    action = request.GET.get("action", "")
    if action in AuditEntry.Action.values:
        qs = qs.filter(action=action)
    actor = request.GET.get("actor", "").strip()
    if actor:
        qs = qs.filter(actor=actor)
    before = request.GET.get("before", "")
    if before.isdigit():
        qs = qs.filter(seq__lt=int(before))
    entries = list(qs[:100])
    context = {"entries": entries, "actions": AuditEntry.Action.choices, "action": action, "actor": actor,
               "next": entries[-1].seq if len(entries) == 100 else None}
    if request.GET.get("verify"):
        count, bad, why = verify()
        context["verified"] = {"count": count, "bad": getattr(bad, "seq", bad), "why": why}
    return render(request, "audit/log.html", context)
