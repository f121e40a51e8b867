"""Who sees what. Every page, API endpoint and search goes through these functions.

- prosecutors, leaders and analysts: clues whose region code starts with their jurisdiction;
- partners: only transfers to their agency (and the clues their agency submitted);
- publicists, auditors and administrators: no clue content;
- the person index's review queue (masked record pairs): analysts only. Its pairs carry no region
  code (a record without a valid number has none), so jurisdictions cannot scope it.
Anything out of scope is indistinguishable from anything that does not exist: 404.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from rightswatch.platform.accounts.models import Role
from rightswatch.platform.clues.models import Clue
from rightswatch.platform.consultations.models import Consultation
from rightswatch.platform.suggestions.models import Suggestion
from rightswatch.platform.transfers.models import Transfer


def _authenticated(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def reviews_links(user) -> bool:
    """Who may see and decide the linkage review queue (issue 5): analysts."""
    return _authenticated(user) and user.role == Role.ANALYST


def clues_for(user) -> QuerySet[Clue]:
    if not _authenticated(user):
        return Clue.objects.none()
    if user.works_clues:
        qs = Clue.objects.all()
        return qs.filter(region_code__startswith=user.jurisdiction) if user.jurisdiction else qs
    if user.role == Role.PARTNER and user.agency_id:
        return Clue.objects.filter(submitted_by_agency_id=user.agency_id)
    return Clue.objects.none()


def transfers_for(user) -> QuerySet[Transfer]:
    if not _authenticated(user):
        return Transfer.objects.none()
    if user.works_clues:
        qs = Transfer.objects.all()
        return qs.filter(clue__region_code__startswith=user.jurisdiction) if user.jurisdiction else qs
    if user.role == Role.PARTNER and user.agency_id:
        return Transfer.objects.filter(agency_id=user.agency_id)
    return Transfer.objects.none()


def suggestions_for(user) -> QuerySet[Suggestion]:
    if not _authenticated(user) or not user.works_clues:
        return Suggestion.objects.none()
    qs = Suggestion.objects.all()
    return qs.filter(clue__region_code__startswith=user.jurisdiction) if user.jurisdiction else qs


def consultations_for(user) -> QuerySet[Consultation]:
    if not _authenticated(user):
        return Consultation.objects.none()
    if user.works_clues:
        qs = Consultation.objects.all()
        return qs.filter(region_code__startswith=user.jurisdiction) if user.jurisdiction else qs
    if user.role == Role.PARTNER and user.agency_id:
        return Consultation.objects.filter(agencies__id=user.agency_id).distinct()
    return Consultation.objects.none()


def get_or_404(qs: QuerySet, pk):
    try:
        return qs.get(pk=int(pk))
    except (ValueError, TypeError, qs.model.DoesNotExist):
        raise Http404 from None


def clue_or_404(user, pk) -> Clue:
    return get_or_404(clues_for(user), pk)


def transfer_or_404(user, pk) -> Transfer:
    return get_or_404(transfers_for(user).select_related("clue", "agency"), pk)


def suggestion_or_404(user, pk) -> Suggestion:
    return get_or_404(suggestions_for(user).select_related("clue", "recipient"), pk)


def consultation_or_404(user, pk) -> Consultation:
    return get_or_404(consultations_for(user), pk)


def search(qs: QuerySet[Clue], text: str) -> QuerySet[Clue]:
    """Full-text search inside an already scoped queryset: every word must match."""
    for word in (text or "").lower().split()[:8]:
        qs = qs.filter(search_text__contains=word)
    return qs


def visible_clue_q(user) -> Q:
    return Q(pk__in=clues_for(user).values("pk"))
