"""Small helpers several planters share."""

from __future__ import annotations

import datetime as dt

from .context import PlantContext


def family(ctx: PlantContext, child_birth: dt.date, *, girl: bool = False, father: bool = True, mother: bool = True,
           child_flags: int = 0, child_status: int = 0) -> dict:
    """A household with a child and (optionally) parents recorded in family_relations."""
    hh = ctx.household()
    kid = ctx.person(child_birth, not girl, household=hh, rel=3 if girl else 2, flags=child_flags,
                     status=child_status, status_on=ctx.day(-100) if child_status else None)
    out = {"child": kid, "household": hh}
    for role, male, rel in (("father", True, 0), ("mother", False, 1)):
        if (role == "father" and father) or (role == "mother" and mother):
            parent = ctx.person(child_birth - dt.timedelta(days=int(365.25 * (28 + ctx.rng.integers(0, 8)))), male,
                                household=hh, rel=rel)
            ctx.relate(kid, parent, role, guardian=True)
            out[role] = parent
    return out


def stay(ctx: PlantContext, hotel: int, room: int, pid: int, checkin, checkout, *, guardian=True,
         dirt: str | None = None) -> str:
    return ctx.add("hotel_stays", pid=pid, dirt=dirt, org=hotel, room_number=room, checkin_at=checkin,
                   checkout_at=checkout, guardian_contact_recorded=guardian, relationship_recorded=None,
                   reported_to_police=None)
