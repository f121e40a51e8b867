"""Model 12: the respondent of a protection order in force is a suspect in an incident
against its applicant. Each couple's order follows an incident answered with a warning
letter, so that model 11 stays silent."""

from __future__ import annotations

import datetime as dt

from .context import PlantContext
from .domestic_violence_without_warning import _couple, incident


def _order(ctx: PlantContext, issued: dt.date, expires: dt.date, status: str = "issued",
           applicant_dirt: str | None = None) -> tuple[int, int]:
    victim, respondent = _couple(ctx)
    incident(ctx, victim, respondent, issued - dt.timedelta(days=20), "warning_letter")
    ctx.add("protection_orders", pid=victim, dirt=applicant_dirt, pid1=respondent, issued_on=issued,
            expires_on=expires, status=status)
    return victim, respondent


def plant(ctx: PlantContext) -> None:
    issued = ctx.day(-150 - 5 * ctx.rep)
    expires = issued + dt.timedelta(days=180)
    one = dt.timedelta(days=1)

    # positives ------------------------------------------------------------------------------
    v, r = _order(ctx, issued, expires)
    ctx.truth(incident(ctx, v, r, issued, "case_filed"))  # on the day of issue
    past = ctx.day(-200)
    v, r = _order(ctx, past, past + dt.timedelta(days=180))
    ctx.truth(incident(ctx, v, r, past + dt.timedelta(days=180), "case_filed", category="other"))  # on expiry
    v, r = _order(ctx, issued, expires)
    ctx.truth(incident(ctx, v, r, issued + dt.timedelta(days=40), "mediated", category="family_dispute"))
    v, r = _order(ctx, issued, expires)
    ctx.truth(incident(ctx, v, r, issued + dt.timedelta(days=60), "warning_letter", suspect_dirt="bad_check"))
    v, r = _order(ctx, issued, expires, applicant_dirt="fifteen")
    ctx.truth(incident(ctx, v, r, issued + dt.timedelta(days=10), "administrative_penalty"))

    # near-misses ----------------------------------------------------------------------------
    v, r = _order(ctx, issued, expires)
    incident(ctx, v, r, issued - one, "warning_letter")
    v, r = _order(ctx, past, past + dt.timedelta(days=180))
    incident(ctx, v, r, past + dt.timedelta(days=181), "warning_letter")
    for status in ("revoked", "rejected"):
        v, r = _order(ctx, issued, expires, status=status)
        incident(ctx, v, r, issued + dt.timedelta(days=30), "warning_letter")
    v, r = _order(ctx, issued, expires)
    incident(ctx, r, v, issued + dt.timedelta(days=30), "warning_letter")  # roles reversed
    v, r = _order(ctx, issued, expires)
    incident(ctx, v, r, issued + dt.timedelta(days=30), "warning_letter", suspect_role="witness")
