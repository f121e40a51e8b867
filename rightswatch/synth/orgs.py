"""Organisations of the synthetic city: hotels, venues, schools, hospitals, employers."""

from __future__ import annotations

import numpy as np

from . import idnumbers, regions

# org_type: (count per 3.7 million residents, minimum, name suffixes, business scope)
KINDS = {
    "hotel": (1300, 8, ("大酒店", "宾馆", "快捷酒店", "商务酒店", "精品民宿"), "住宿服务；餐饮服务"),
    "internet_cafe": (400, 5, ("网咖", "网吧", "电竞馆"), "互联网上网服务"),
    "ktv": (150, 3, ("KTV", "量贩式KTV", "歌城"), "歌舞娱乐活动"),
    "bar": (120, 3, ("酒吧", "清吧", "音乐酒馆"), "酒吧服务；酒类零售"),
    "dance_hall": (40, 2, ("歌舞厅", "舞厅"), "歌舞娱乐活动"),
    "game_arcade": (80, 3, ("电玩城", "游艺厅"), "游艺娱乐活动"),
    "other_entertainment": (60, 2, ("剧本杀馆", "桌游吧", "密室逃脱"), "休闲娱乐服务"),
    "kindergarten": (700, 6, ("幼儿园",), "学前教育"),
    "primary_school": (400, 5, ("小学", "实验小学"), "初等教育"),
    "secondary_school": (240, 5, ("中学", "初级中学", "高级中学", "职业学校"), "中等教育"),
    "special_education_school": (8, 1, ("特殊教育学校",), "特殊教育"),
    "training_institution": (300, 3, ("培训学校", "艺术培训中心", "教育咨询有限公司"), "校外培训"),
    "child_welfare": (10, 1, ("儿童福利院",), "儿童福利服务"),
    "pediatric_care": (40, 2, ("儿科诊所", "妇幼保健所"), "儿科诊疗"),
    "youth_sports": (30, 1, ("青少年体育俱乐部", "业余体校"), "体育培训"),
    "childrens_activity_center": (10, 1, ("少年宫", "青少年活动中心"), "校外活动"),
    "hospital": (60, 3, ("人民医院", "中医院", "妇幼保健院", "第二人民医院"), "医疗服务"),
    "tobacco_retailer": (2000, 5, ("烟酒店", "便利店"), "卷烟零售"),
    "lottery_retailer": (500, 3, ("彩票站",), "彩票代销"),
    "tattoo_parlor": (50, 2, ("纹身工作室",), "纹身服务"),
    "other": (3000, 12, ("建筑工程有限公司", "物流有限公司", "机械制造有限公司", "商贸有限公司",
                         "电子科技有限公司", "餐饮管理有限公司", "汽车零部件有限公司", "物业管理有限公司"), "经营"),
}
# hospitals are registered with org_type `other` (the code list has no hospital type)
ORG_TYPE = {k: ("other" if k == "hospital" else k) for k in KINDS}
BRANDS = ["长江", "江城", "鸠兹", "赭山", "镜湖", "神山", "滨江", "新华", "金港", "海螺", "奇瑞", "皖南", "银湖", "华强", "方特", "徽商", "天门", "雨耕", "青弋", "三山"]


def build(residents: int, rng) -> dict[str, np.ndarray]:
    f = residents / 3_700_000
    kind_l, name_l = [], []
    for kind, (per_city, minimum, suffixes, _) in KINDS.items():
        n = max(minimum, int(round(per_city * f)))
        kind_l.append(np.full(n, kind, dtype=object))
        brand = np.array(BRANDS, dtype=object)[rng.integers(0, len(BRANDS), n)]
        suffix = np.array(suffixes, dtype=object)[rng.integers(0, len(suffixes), n)]
        number = np.arange(1, n + 1).astype(str).astype(object)
        if kind in ("primary_school", "secondary_school", "kindergarten"):
            name_l.append("芜湖市" + brand + "第" + number + suffix)
        else:
            name_l.append("芜湖" + brand + suffix + np.where(np.arange(n) >= len(BRANDS), "（" + number + "店）", ""))
    kind = np.concatenate(kind_l)
    name = np.concatenate(name_l)
    n = len(kind)
    region = rng.choice(regions.CODES, size=n, p=regions.SHARES)
    centre = np.array([regions.CENTRES[int(r)] for r in regions.CODES])
    pos = np.searchsorted(regions.CODES, region)
    lat = centre[pos, 0] + rng.normal(0, 0.025, n)
    lon = centre[pos, 1] + rng.normal(0, 0.03, n)
    reg_kind = np.where(np.isin(kind, ["primary_school", "secondary_school", "kindergarten",
                                       "special_education_school", "child_welfare", "hospital"]), 1,
                        np.where(np.isin(kind, ["childrens_activity_center", "youth_sports"]), 5, 9))
    code = idnumbers.org_codes(region, reg_kind, rng).astype(str).astype(object)
    school_type = np.full(n, None, dtype=object)
    school_type[kind == "kindergarten"] = "kindergarten"
    school_type[kind == "primary_school"] = "primary"
    school_type[kind == "special_education_school"] = "special_education"
    sec = np.flatnonzero(kind == "secondary_school")
    school_type[sec] = np.select(
        [np.char.endswith(name[sec].astype(str), "初级中学"), np.char.endswith(name[sec].astype(str), "高级中学"),
         np.char.endswith(name[sec].astype(str), "职业学校")],
        ["junior_secondary", "senior_secondary", "vocational"], "junior_secondary")
    # every kind of secondary school must exist so that every student has a place
    for i, t in zip(sec[:3], ("junior_secondary", "senior_secondary", "vocational")):
        school_type[i] = t
    rooms = np.where(kind == "hotel", rng.integers(20, 120, n), 0)
    licence = rng.choice(["valid", "expired", "revoked", "none"], size=n, p=[0.93, 0.04, 0.01, 0.02])
    licence[np.isin(kind, ["hotel", "internet_cafe", "ktv", "bar", "dance_hall"])] = "valid"
    return {
        "kind": kind, "org_type": np.array([ORG_TYPE[k] for k in kind], dtype=object), "name": name,
        "code": code, "region": region, "lat": lat, "lon": lon, "school_type": school_type,
        "rooms": rooms, "licence": licence,
        "scope": np.array([KINDS[k][3] for k in kind], dtype=object),
        "planted": np.zeros(n, dtype=bool),
        "address": np.array(regions.STREETS, dtype=object)[rng.integers(0, len(regions.STREETS), n)]
        + (rng.integers(1, 400, n)).astype(str).astype(object) + "号",
    }


def of_kind(orgs: dict, kind: str) -> np.ndarray:
    return np.flatnonzero(orgs["kind"] == kind)


VENUES_NEAR_SCHOOLS = ("internet_cafe", "ktv", "bar", "dance_hall", "tobacco_retailer", "lottery_retailer",
                       "tattoo_parlor")
SCHOOLS = ("kindergarten", "primary_school", "secondary_school", "special_education_school")
EARTH_KM = 6371.0088


def distance_m(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2) - np.radians(lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_KM * 1000 * np.arcsin(np.sqrt(a))


def keep_venues_clear(orgs: dict, margin_m: float = 300.0) -> None:
    """Move every venue of model 16's types away from schools (the background stays clean)."""
    venues = np.flatnonzero(np.isin(orgs["kind"], VENUES_NEAR_SCHOOLS))
    schools = np.flatnonzero(np.isin(orgs["kind"], SCHOOLS))
    for _ in range(50):
        d = distance_m(orgs["lat"][venues][:, None], orgs["lon"][venues][:, None],
                       orgs["lat"][schools][None, :], orgs["lon"][schools][None, :])
        near = venues[(d < margin_m).any(axis=1)]
        if not len(near):
            return
        orgs["lat"][near] += 0.004  # about 450 m north
    raise RuntimeError("could not move venues away from schools")
