"""Demo accounts: one per role, and one partner per partner agency."""

from __future__ import annotations

import secrets

from rightswatch.platform.accounts.models import Agency, AgencyKind, Role, User


def ensure_agencies() -> dict[str, Agency]:
    names = {
        AgencyKind.PROCURATORATE: "市人民检察院", AgencyKind.WOMENS_FEDERATION: "市妇女联合会",
        AgencyKind.PUBLIC_SECURITY: "市公安局", AgencyKind.EDUCATION: "市教育局",
        AgencyKind.CIVIL_AFFAIRS: "市民政局", AgencyKind.HEALTH: "市卫生健康委员会",
        AgencyKind.CULTURE_TOURISM: "市文化和旅游局", AgencyKind.MARKET_REGULATION: "市市场监督管理局",
        AgencyKind.HUMAN_RESOURCES: "市人力资源和社会保障局", AgencyKind.COURT: "市中级人民法院",
    }
    out = {}
    for kind, name in names.items():
        out[kind], _ = Agency.objects.get_or_create(code=kind.replace("_", "-"), defaults={"kind": kind, "name": name})
    return out


def create_demo_users(jurisdiction: str = "", password: str | None = None) -> tuple[str, list[tuple[str, str, str]]]:
    password = password or f"Rw-{secrets.token_urlsafe(9)}"
    agencies = ensure_agencies()
    proc = agencies[AgencyKind.PROCURATORATE]
    rows = []

    def make(username, role, agency, **flags):
        user, _ = User.objects.get_or_create(username=username)
        user.role, user.agency, user.jurisdiction = role, agency, flags.pop("jurisdiction", jurisdiction)
        user.is_staff = user.is_superuser = role == Role.ADMIN
        for k, v in flags.items():
            setattr(user, k, v)
        user.set_password(password)
        user.save()
        rows.append((username, str(role), agency.name if agency else ""))

    make("prosecutor", Role.PROSECUTOR, proc, can_export=True)
    make("leader", Role.LEADER, proc, can_view_sealed=True, can_reidentify=True, can_export=True)
    make("analyst", Role.ANALYST, proc)
    make("publicist", Role.PUBLICIST, proc)
    make("auditor", Role.AUDITOR, proc)
    make("admin", Role.ADMIN, proc)
    for kind, agency in agencies.items():
        if kind != AgencyKind.PROCURATORATE:
            make(f"partner-{agency.code}", Role.PARTNER, agency, jurisdiction="")
    return password, rows
