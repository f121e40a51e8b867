"""Home (dashboard), "needs action", notifications."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from rightswatch.platform import scope
from rightswatch.platform.accounts.models import Role
from rightswatch.platform.clues.catalogue import model_name
from rightswatch.platform.clues.models import OPEN_STATES, Severity, State
from rightswatch.platform.consultations.models import ActionItem
from rightswatch.platform.suggestions.models import SuggestionStatus
from rightswatch.platform.transfers.models import OPEN_TRANSFER, TransferStatus


@login_required
def home(request):
    user = request.user
    if user.role == Role.AUDITOR:
        return redirect("audit:log")
    if user.role == Role.ADMIN:
        return redirect("admin:index")
    if user.role in (Role.PARTNER, Role.PUBLICIST):
        return redirect("core:todo")
    clues = scope.clues_for(user)
    transfers = scope.transfers_for(user)
    suggestions = scope.suggestions_for(user)
    today = timezone.localdate()
    by_model = [(model_name(r["model_id"]) or "-", r["n"])
                for r in clues.values("model_id").annotate(n=Count("id")).order_by("-n")[:20]]
    by_severity = {r["severity"]: r["n"] for r in clues.values("severity").annotate(n=Count("id"))}
    by_state = {r["state"]: r["n"] for r in clues.values("state").annotate(n=Count("id"))}
    by_district = list(clues.values("region_code").annotate(n=Count("id")).order_by("region_code")[:50])
    by_month = [(r["m"].strftime("%Y-%m") if r["m"] else "-", r["n"]) for r in
                clues.exclude(event_on=None).annotate(m=TruncMonth("event_on")).values("m")
                .annotate(n=Count("id")).order_by("m")]
    t_total = transfers.exclude(status=TransferStatus.REVOKED).count()
    t_done = transfers.filter(status=TransferStatus.DONE).count()
    closed_as = clues.filter(state__in=[State.CLOSED, State.DISMISSED])
    confirmed = closed_as.filter(state=State.CLOSED).count()
    dismissed = closed_as.filter(state=State.DISMISSED).count()
    precision = [
        {"model": model_name(r["model_id"]), "confirmed": r["c"], "dismissed": r["d"],
         "precision": (r["c"] / (r["c"] + r["d"])) if r["c"] + r["d"] else None}
        for r in clues.values("model_id").annotate(
            c=Count("id", filter=Q(state=State.CLOSED)), d=Count("id", filter=Q(state=State.DISMISSED))
        ).filter(Q(c__gt=0) | Q(d__gt=0)).order_by("model_id")
    ]
    chart = {
        "by_model": {"labels": [str(m) for m, _ in by_model], "values": [n for _, n in by_model]},
        "by_severity": [{"name": str(Severity(s).label), "value": by_severity.get(s, 0), "key": s}
                        for s in Severity.values],
        "by_state": {"labels": [str(State(s).label) for s in State.values],
                     "values": [by_state.get(s, 0) for s in State.values]},
        "by_district": {"labels": [r["region_code"] or "-" for r in by_district],
                        "values": [r["n"] for r in by_district]},
        "by_month": {"labels": [m for m, _ in by_month], "values": [n for _, n in by_month]},
    }
    context = {
        "total": sum(by_state.values()),
        "open": clues.filter(state__in=OPEN_STATES).count(),
        "new": by_state.get(State.NEW, 0),
        "red": clues.filter(severity=Severity.RED, state__in=OPEN_STATES).count(),
        "transfers_total": t_total,
        "feedback_rate": (t_done / t_total) if t_total else None,
        "overdue_transfers": transfers.filter(status__in=OPEN_TRANSFER, due_on__lt=today).count(),
        "suggestions_issued": suggestions.filter(status__in=[SuggestionStatus.ISSUED, SuggestionStatus.REPLIED,
                                                             SuggestionStatus.CHECKED]).count(),
        "suggestions_adopted": suggestions.filter(adopted=True).count(),
        "overdue_replies": suggestions.filter(status=SuggestionStatus.ISSUED, reply_due_on__lt=today).count(),
        "precision_overall": confirmed / (confirmed + dismissed) if confirmed + dismissed else None,
        "precision": precision,
        "chart": chart,
    }
    return render(request, "core/home.html", context)


def todo_items(user):
    """What needs this user's (or their agency's) action, with overdue flags."""
    today = timezone.localdate()
    soon = today + timedelta(days=7)
    items = {"transfers": [], "suggestions": [], "follow_ups": [], "actions": [], "clues": []}
    transfers = scope.transfers_for(user).select_related("clue", "agency")
    if user.role == Role.PARTNER:
        items["transfers"] = list(transfers.filter(status__in=OPEN_TRANSFER).order_by("due_on")[:200])
    elif user.works_clues:
        items["transfers"] = list(transfers.filter(
            Q(status__in=OPEN_TRANSFER, due_on__lt=soon) | Q(status=TransferStatus.REJECTED,
                                                            clue__state=State.TRANSFERRED)
        ).order_by("due_on")[:200])
        suggestions = scope.suggestions_for(user).select_related("clue", "recipient")
        items["suggestions"] = list(suggestions.filter(
            Q(status=SuggestionStatus.ISSUED, reply_due_on__lt=soon) | Q(status=SuggestionStatus.DRAFT)
            | Q(status=SuggestionStatus.APPROVED)).order_by("reply_due_on")[:200])
        items["follow_ups"] = list(suggestions.filter(status=SuggestionStatus.REPLIED).order_by("follow_up_due_on")[:200])
        clues = scope.clues_for(user)
        mine = Q(assignee=user) | Q(assignee=None)
        items["clues"] = list(clues.filter(mine, state__in=[State.NEW, State.FEEDBACK_RECEIVED])
                              .order_by("-id")[:50])
    if user.agency_id:
        items["actions"] = list(ActionItem.objects.filter(owner_agency_id=user.agency_id, done=False)
                                .select_related("consultation").order_by("due_on")[:200])
    return items


@login_required
def todo(request):
    return render(request, "core/todo.html", {"items": todo_items(request.user), "today": timezone.localdate()})


@login_required
def notifications(request):
    notes = list(request.user.notifications.all()[:200])
    return render(request, "core/notifications.html", {"notes": notes})


@login_required
@require_POST
def notifications_read(request):
    request.user.notifications.filter(read=False).update(read=True)
    return redirect("core:notifications")
