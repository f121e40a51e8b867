"""Small agency files written by hand, for ingest tests."""

from __future__ import annotations

import hashlib
from pathlib import Path

HOTEL_HEADER = ("record_id,hotel_org_code,hotel_name,region_code,room_number,id_type,id_number,name,gender,birth_on,"
                "checkin_at,checkout_at,guardian_contact_recorded,relationship_recorded,reported_to_police")
# Synthetic numbers (their check characters are computed below), never real people.
GIRL_17 = "34020220120307124"
MAN_17 = "34020219850101123"


def hotel_csv(path: Path, rows: list[str] | None = None, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "\n".join([HOTEL_HEADER, *(rows if rows is not None else hotel_rows())]) + "\n"
    path.write_bytes(body.encode(encoding))
    return path


def hotel_rows() -> list[str]:
    girl, man = valid_number(GIRL_17), valid_number(MAN_17)
    return [
        f"HS-1,91340200MA2N0XXXX1,镜湖宾馆,340202,302,,{girl},張小花,F,2012/3/7,2026-03-14 22:10,2026-03-15 10:00,否,0,N",
        f"HS-2,91340200ma2n0xxxx1,镜湖宾馆,340202,302,,{man},李四,M,1985-01-01,2026年3月14日 21时30分,,是,1,Y",
    ]


def valid_number(first17: str) -> str:
    from rightswatch.contract.normalise.idnumber import check_character

    return first17 + check_character(first17)


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under root with its content hash: equal digests mean an untouched tree."""
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()} | {
        str(p.relative_to(root)) + "/": "dir" for p in sorted(root.rglob("*")) if p.is_dir()}
