"""The partner-system API (django-ninja, OpenAPI at /api/v1/openapi.json).

Bearer-token authentication; a token acts as its user with exactly the user's scope, so an id
outside it answers 404 as the pages do. Bad input answers 4xx naming the field; never 500.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.http import Http404
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer
from pydantic import Field, field_validator

from rightswatch.platform import scope
from rightswatch.platform.accounts.models import ApiToken
from rightswatch.platform.clues import workflow
from rightswatch.platform.clues.submission import submit
from rightswatch.platform.transfers import services
from rightswatch.platform.transfers.models import TransferStatus


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        if not token or len(token) > 200:
            return None
        row = ApiToken.objects.select_related("user", "user__agency").filter(
            key_hash=ApiToken.hash(token), revoked=False, user__is_active=True).first()
        if row is None:
            return None
        request.user = row.user
        return row.user


api = NinjaAPI(title="RightsWatch partner API", version="1.0.0", auth=TokenAuth(), docs_url=None,
               urls_namespace="api")


class ErrorOut(Schema):
    detail: str


class FieldError(Schema):
    field: str
    message: str


class ValidationOut(Schema):
    detail: str
    errors: list[FieldError]


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    errors = []
    for e in exc.errors:
        loc = [str(p) for p in e.get("loc", []) if p not in ("body", "payload", "query", "path")]
        errors.append({"field": ".".join(loc) or "body", "message": str(e.get("msg", "invalid"))})
    fields = ", ".join(sorted({e["field"] for e in errors}))
    return api.create_response(request, {"detail": f"invalid input: {fields}", "errors": errors}, status=422)


@api.exception_handler(Http404)
def on_404(request, exc):
    return api.create_response(request, {"detail": "not found"}, status=404)


@api.exception_handler(AuthenticationError)
def on_auth(request, exc):
    return api.create_response(request, {"detail": "missing or invalid token"}, status=401)


def _conflict(exc) -> HttpError:
    status = 409 if isinstance(exc, workflow.ConflictError) else 400
    return HttpError(status, str(exc))


class TextIn(Schema):
    @field_validator("*", mode="before")
    @classmethod
    def no_control_characters(cls, value):
        if isinstance(value, str) and any(ord(ch) < 32 and ch not in "\n\r\t" for ch in value):
            raise ValueError("control characters are not allowed")
        return value


class ClueIn(TextIn):
    summary: str = Field(min_length=1, max_length=2000, description="What happened (identity numbers are masked).")
    region_code: str = Field(pattern=r"^\d{6}$", description="Six-digit region code.")
    event_on: date | None = None
    severity: Literal["red", "orange", "yellow"] = "orange"
    subject_surname: str = Field("", max_length=4)
    subject_id_number: str = Field("", max_length=18, pattern=r"^(|\d{15}|\d{17}[\dXx])$")
    channel: str = Field("", max_length=60)


class ClueOut(Schema):
    id: int
    clue_key: str
    state: str


class TransferOut(Schema):
    id: int
    clue_key: str
    status: str
    due_on: date
    version: int
    summary: str
    region_code: str
    severity: str
    legal_basis: list[str]
    shared_evidence: list[dict]
    feedback: str
    outcome: str


class VersionIn(TextIn):
    version: int | None = Field(None, ge=1, description="The version you read (optimistic locking).")


class RejectIn(VersionIn):
    reason: str = Field(min_length=1, max_length=2000)


class FeedbackIn(VersionIn):
    feedback: str = Field(min_length=1, max_length=5000)
    outcome: Literal["confirmed", "not_confirmed", "action_taken", "other"]


def _out(t) -> dict:
    show_sealed = False
    return {
        "id": t.pk, "clue_key": t.clue.clue_key, "status": t.status, "due_on": t.due_on, "version": t.version,
        "summary": t.clue.summary_zh, "region_code": t.clue.region_code, "severity": t.clue.severity,
        "legal_basis": [str(x) for x in t.clue.legal_basis or []],
        "shared_evidence": [e for e in t.shared_evidence or [] if show_sealed or not e.get("sealed")],
        "feedback": t.feedback, "outcome": t.outcome,
    }


@api.post("/clues", response={201: ClueOut, 400: ErrorOut, 403: ErrorOut, 422: ValidationOut},
          summary="Submit a clue of your agency")
def submit_clue(request, payload: ClueIn):
    user = request.auth
    if not (user.is_partner and user.agency_id) and not user.acts_on_clues:
        raise HttpError(403, "your role may not submit clues")
    clue = submit(user, **payload.dict())
    return api.create_response(request, {"id": clue.pk, "clue_key": clue.clue_key, "state": clue.state}, status=201)


@api.get("/transfers", response={200: list[TransferOut], 422: ValidationOut},
         summary="Transfers to my agency (or, for the procuratorate, of my jurisdiction)")
def list_transfers(request, status: Literal["pending", "accepted", "rejected", "done", "revoked"] | None = None,
                   limit: int = 100, after_id: int = 0):
    if not 1 <= limit <= 500:
        raise HttpError(400, "limit: between 1 and 500")
    qs = scope.transfers_for(request.auth).select_related("clue").order_by("pk")
    if status:
        qs = qs.filter(status=status)
    if after_id:
        qs = qs.filter(pk__gt=after_id)
    return [_out(t) for t in qs[:limit]]


def _get(request, transfer_id: int):
    if transfer_id < 1 or transfer_id > 2**62:
        raise Http404
    return scope.transfer_or_404(request.auth, transfer_id)


@api.get("/transfers/{transfer_id}", response={200: TransferOut, 404: ErrorOut}, summary="One transfer")
def get_transfer(request, transfer_id: int):
    return _out(_get(request, transfer_id))


@api.post("/transfers/{transfer_id}/accept", response={200: TransferOut, 400: ErrorOut, 404: ErrorOut,
                                                        409: ErrorOut, 422: ValidationOut})
def accept_transfer(request, transfer_id: int, payload: VersionIn | None = None):
    t = _get(request, transfer_id)
    try:
        t = services.accept(t, request.auth, expected_version=payload.version if payload else None)
    except (workflow.TransitionError, workflow.ConflictError) as exc:
        raise _conflict(exc) from None
    return _out(t)


@api.post("/transfers/{transfer_id}/reject", response={200: TransferOut, 400: ErrorOut, 404: ErrorOut,
                                                        409: ErrorOut, 422: ValidationOut})
def reject_transfer(request, transfer_id: int, payload: RejectIn):
    t = _get(request, transfer_id)
    try:
        t = services.reject(t, request.auth, reason=payload.reason, expected_version=payload.version)
    except (workflow.TransitionError, workflow.ConflictError) as exc:
        raise _conflict(exc) from None
    return _out(t)


@api.post("/transfers/{transfer_id}/feedback", response={200: TransferOut, 400: ErrorOut, 404: ErrorOut,
                                                          409: ErrorOut, 422: ValidationOut})
def post_feedback(request, transfer_id: int, payload: FeedbackIn):
    t = _get(request, transfer_id)
    try:
        t = services.complete(t, request.auth, feedback=payload.feedback, outcome=payload.outcome,
                              expected_version=payload.version)
    except (workflow.TransitionError, workflow.ConflictError) as exc:
        raise _conflict(exc) from None
    return _out(t)


__all__ = ["api", "TransferStatus"]
