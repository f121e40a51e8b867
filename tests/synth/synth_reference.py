"""An independent, slow, row-by-row reading of MODELS.md over a bundle's files.

It exists to prove the bundle: its clue keys must equal truth.jsonl exactly (so the
background raises nothing and every planted positive is found). It shares nothing with
the generator but the contract's normalisers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

from rightswatch.contract.codes import code_list
from rightswatch.contract.normalise import idnumber
from rightswatch.contract.normalise import names as cnames

from .synth_readers import read

CHILD_CONTACT = {"kindergarten", "primary_school", "secondary_school", "special_education_school",
                 "training_institution", "child_welfare", "pediatric_care", "youth_sports", "childrens_activity_center"}
DISQUALIFYING = {"rape", "child_sexual_abuse", "indecency", "forced_prostitution", "trafficking", "abuse",
                 "abuse_of_ward", "intentional_injury", "homicide", "robbery"}
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?|(\d{4})(\d{2})(\d{2})")
_TIME = re.compile(r"(\d{1,2})\s*[:时]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2}))?")


def pdate(v) -> dt.date | None:
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, int | float):
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(v))
    m = _DATE.search(str(v))
    g = [x for x in m.groups() if x is not None]
    return dt.date(int(g[0]), int(g[1]), int(g[2]))


def pts(v) -> dt.datetime | None:
    d = pdate(v)
    if d is None:
        return None
    s = str(v)
    rest = s[_DATE.search(s).end():]
    m = _TIME.search(rest)
    if not m:
        return dt.datetime.combine(d, dt.time())
    return dt.datetime(d.year, d.month, d.day, int(m.group(1)), int(m.group(2)), int(m.group(3) or 0))


def pbool(v) -> bool | None:
    s = str(v).strip().lower() if v is not None else ""
    if s in ("true", "1", "是", "y"):
        return True
    if s in ("false", "0", "否", "n"):
        return False
    return None


def age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - (1 if (on.month, on.day) <= (born.month, born.day) else 0)


class Bundle:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.as_of = dt.date.fromisoformat((folder / "as_of.txt").read_text().strip())
        self.data = {}
        self._names = {}
        self._triples = defaultdict(set)

    def rows(self, name: str) -> list[dict]:
        if name not in self.data:
            self.data[name] = read(self.folder, name)
        return self.data[name]

    def prepare(self, groups: list[tuple[str, str, str | None, str | None, str | None]]) -> None:
        """groups: (dataset, id column, name column, birth column, gender column)."""
        raw = {r[n] for ds, _, n, _, _ in groups if n for r in self.rows(ds) if r.get(n)}
        raw = [x for x in raw if x not in self._names]
        shaped = [cnames._shape(str(x)) for x in raw]
        for x, s in zip(raw, cnames.to_simplified_many(shaped)):
            self._names[x] = s.upper()
        for ds, idc, n, _, _ in groups:
            for r in self.rows(ds):
                p = idnumber.parse(r.get(idc) or None, self._id_type(r, ds))
                if p.status == "valid" and n and r.get(n):
                    self._triples[(self._names[r[n]], p.birth_on, p.gender)].add(p.number)
        self.groups = {(g[0], g[1]): g for g in groups}

    @staticmethod
    def _id_type(r: dict, ds: str) -> str | None:
        return code_list("id_type").normalise(r.get("id_type"))[0] if "id_type" in r else None

    def person(self, ds: str, r: dict, idc: str) -> tuple[object, dt.date | None, str | None]:
        """(person key, birth date, gender) with the contract's linkage."""
        _, _, n, b, g = self.groups[(ds, idc)]
        p = idnumber.parse(r.get(idc) or None, self._id_type(r, ds))
        recorded_birth = pdate(r.get(b)) if b else None
        recorded_gender = code_list("gender").normalise(r.get(g))[0] if g and r.get(g) else None
        birth = p.birth_on if p.status == "valid" else (recorded_birth or p.birth_on)
        gender = p.gender or recorded_gender
        if p.status == "valid":
            return p.number, birth, gender
        name = self._names.get(r.get(n)) if n else None
        if name and birth and gender:
            hit = self._triples.get((name, birth, gender), set())
            if len(hit) == 1:
                return next(iter(hit)), birth, gender
        return ("unlinked", ds, r["record_id"], idc), birth, gender


def norm_code(v) -> str:
    return idnumber.clean(v)


def quarter(d: dt.date) -> str:
    return f"{d.year}-Q{(d.month - 1) // 3 + 1}"


def evaluate(folder: Path) -> set[str]:
    MINORS.clear()
    b = Bundle(folder)
    b.prepare([
        ("residents", "id_number", "name", "birth_on", "gender"),
        ("hotel_stays", "id_number", "name", "birth_on", "gender"),
        ("venue_visits", "id_number", "name", "birth_on", None),
        ("staff_rosters", "id_number", "name", "birth_on", None),
        ("offense_records", "id_number", "name", "offender_birth_on", None),
        ("medical_visits", "id_number", "name", "birth_on", "gender"),
        ("mandatory_reports", "subject_id_number", "subject_name", None, None),
        ("incident_parties", "id_number", "name", "birth_on", None),
        ("school_enrollments", "id_number", "name", "birth_on", None),
        ("family_relations", "person_id_number", None, None, None),
        ("family_relations", "relative_id_number", None, None, None),
        ("custody_records", "id_number", "name", None, None),
        ("disabilities", "id_number", "name", None, None),
        ("welfare_benefits", "id_number", "name", None, None),
        ("protection_orders", "applicant_id_number", None, None, None),
        ("protection_orders", "respondent_id_number", None, None, None),
        ("births", "child_id_number", "child_name", "child_birth_on", "gender"),
        ("births", "mother_id_number", "mother_name", "mother_birth_on", None),
        ("births", "father_id_number", "father_name", None, None),
    ])
    keys: set[str] = set()
    for f in (_hotels, _venues, _staff, _pregnancy, _school, _support, _violence, _jobs, _births, _injuries,
              _dropout, _witness, _labour, _near_school, _sealing, _aid):
        keys |= f(b)
    return keys | _multiple(b, keys)


def _related(b: Bundle):
    pairs = set()
    for r in b.rows("family_relations"):
        x = b.person("family_relations", r, "person_id_number")[0]
        y = b.person("family_relations", r, "relative_id_number")[0]
        pairs |= {(x, y), (y, x)}
    household = {}
    for r in b.rows("residents"):
        if r["household_id"]:
            household[b.person("residents", r, "id_number")[0]] = r["household_id"]
    return lambda x, y: (x, y) in pairs or (x in household and household.get(y) == household[x])


def _hotels(b: Bundle) -> set[str]:
    related = _related(b)
    end = dt.datetime.combine(b.as_of + dt.timedelta(days=1), dt.time())
    rooms = defaultdict(list)
    for r in b.rows("hotel_stays"):
        who, born, _ = b.person("hotel_stays", r, "id_number")
        cin = pts(r["checkin_at"])
        cout = pts(r["checkout_at"]) or end
        a = age(born, cin.date()) if born else None
        rooms[(norm_code(r["hotel_org_code"]), r["room_number"])].append((r, who, a, cin, cout))
    keys = set()
    for (hotel, _), stays in rooms.items():
        for r, who, a, cin, cout in stays:
            if a is None or a >= 18:
                continue
            related_adult = False
            for r2, who2, a2, cin2, cout2 in stays:
                if r2 is r or a2 is None or a2 < 18 or not (cin < cout2 and cin2 < cout):
                    continue
                if related(who, who2):
                    related_adult = True
                else:
                    keys.add(f"hotel_minor_with_unrelated_adult:{r['record_id']}")
                    MINORS[f"hotel_minor_with_unrelated_adult:{r['record_id']}"].add(who)
            if not related_adult and not pbool(r["guardian_contact_recorded"]):
                k = f"hotel_minor_checkin_without_inquiry:{hotel}|{quarter(cin.date())}"
                keys.add(k)
                MINORS[k].add(who)
    return keys


def _venues(b: Bundle) -> set[str]:
    keys = set()
    for r in b.rows("venue_visits"):
        if r["venue_type"] not in ("internet_cafe", "ktv", "bar", "dance_hall"):
            continue
        who, born, _ = b.person("venue_visits", r, "id_number")
        t = pts(r["entered_at"])
        if born and age(born, t.date()) < 18:
            k = f"venue_admits_minor:{norm_code(r['venue_org_code'])}|{t.year}-{t.month:02d}"
            keys.add(k)
            MINORS[k].add(who)
    return keys


def _staff(b: Bundle) -> set[str]:
    barred = set()
    for r in b.rows("offense_records"):
        if r["category"] in DISQUALIFYING and pdate(r["decided_on"]) <= b.as_of:
            barred.add(b.person("offense_records", r, "id_number")[0])
    keys = set()
    for r in b.rows("staff_rosters"):
        left = pdate(r["left_on"])
        employed = pdate(r["hired_on"]) <= b.as_of and (left is None or left > b.as_of)
        if r["org_type"] in CHILD_CONTACT and employed and b.person("staff_rosters", r, "id_number")[0] in barred:
            keys.add(f"barred_person_in_child_contact_post:{r['record_id']}")
    return keys


_PREG_CODE = re.compile(r"^(O\d|O9A|Z321|Z3[3-7]|Z39)")
_PREG_TEXT = re.compile(r"妊娠|怀孕|早孕|流产|引产|分娩")
_NEGATED = re.compile(r"(未见|排除|否认|无)(妊娠|怀孕|早孕)")


def _reported(b: Bundle):
    times = defaultdict(list)
    for r in b.rows("mandatory_reports"):
        times[b.person("mandatory_reports", r, "subject_id_number")[0]].append(pts(r["reported_at"]).date())
    when = {r["record_id"]: pts(r["reported_at"]).date() for r in b.rows("police_incidents")}
    for r in b.rows("incident_parties"):
        if r["role"] in ("victim", "child_present"):
            times[b.person("incident_parties", r, "id_number")[0]].append(when[r["incident_record_id"]])
    return times


def _pregnancy(b: Bundle) -> set[str]:
    reports = _reported(b)
    first = {}
    for r in b.rows("medical_visits"):
        who, born, gender = b.person("medical_visits", r, "id_number")
        t = pts(r["visit_at"])
        if gender != "F" or not born or age(born, t.date()) >= 14:
            continue
        codes = [c.strip().upper().replace(".", "") for c in (r["diagnosis_codes"] or "").split(";") if c.strip()]
        text = _NEGATED.sub("", r["diagnosis_text"] or "")
        if not (any(_PREG_CODE.match(c) for c in codes) or _PREG_TEXT.search(text)):
            continue
        d = t.date()
        if any(d - dt.timedelta(days=180) <= x <= d + dt.timedelta(days=7) for x in reports.get(who, [])):
            continue
        k = (who, norm_code(r["hospital_org_code"]))
        if k not in first or t < first[k][0]:
            first[k] = (t, r["record_id"])
    for (who, _), (_, rid) in first.items():
        MINORS[f"minor_pregnancy_not_reported:{rid}"].add(who)
    return {f"minor_pregnancy_not_reported:{rid}" for _, rid in first.values()}


def _school(b: Bundle) -> set[str]:
    from rightswatch.synth.dates import compulsory_birth_range, term_of

    term = term_of(b.as_of)
    lo, hi = compulsory_birth_range(term)
    ok = set()
    for r in b.rows("school_enrollments"):
        who = b.person("school_enrollments", r, "id_number")[0]
        if r["term"] == term and r["school_type"] != "kindergarten" and r["status"] in (
                "enrolled", "suspended", "deferred", "exempt"):
            ok.add(who)
        if r["status"] == "graduated" and r["school_type"] == "junior_secondary":
            ok.add(who)
    keys = set()
    for r in b.rows("residents"):
        who, born, _ = b.person("residents", r, "id_number")
        if r["status"] == "active" and born and lo <= born <= hi and who not in ok:
            keys.add(f"compulsory_education_out_of_school:{r['record_id']}|{term}")
            MINORS[f"compulsory_education_out_of_school:{r['record_id']}|{term}"].add(who)
    return keys


def _support(b: Bundle) -> set[str]:
    day = b.as_of
    status = {}
    for r in b.rows("residents"):
        status[b.person("residents", r, "id_number")[0]] = r["status"]
    unable = set(k for k, s in status.items() if s == "missing")
    for r in b.rows("custody_records"):
        end = pdate(r["end_on"])
        if r["custody_type"] in ("prison_sentence", "detention", "compulsory_drug_rehab") and pdate(
                r["start_on"]) <= day and (end is None or end >= day):
            unable.add(b.person("custody_records", r, "id_number")[0])
    for r in b.rows("disabilities"):
        if int(r["grade"]) <= 2:
            unable.add(b.person("disabilities", r, "id_number")[0])
    covered = set()
    for r in b.rows("welfare_benefits"):
        end = pdate(r["end_on"])
        if r["benefit_type"] in ("orphan", "de_facto_unsupported") and pdate(r["start_on"]) <= day and (
                end is None or end >= day):
            covered.add(b.person("welfare_benefits", r, "id_number")[0])
    parents = defaultdict(dict)
    for r in b.rows("family_relations"):
        if r["relation"] in ("father", "mother"):
            child = b.person("family_relations", r, "person_id_number")[0]
            parents[child][r["relation"]] = b.person("family_relations", r, "relative_id_number")[0]
    keys = set()
    for r in b.rows("residents"):
        who, born, _ = b.person("residents", r, "id_number")
        if r["status"] != "active" or age(born, day) >= 18 or who in covered or not parents.get(who):
            continue
        states = []
        for role in ("father", "mother"):
            p = parents[who].get(role)
            states.append("unable" if p is None or p in unable else "dead" if status.get(p) == "deceased" else "able")
        if "able" not in states:
            keys.add(f"unsupported_child_without_benefit:{r['record_id']}")
            MINORS[f"unsupported_child_without_benefit:{r['record_id']}"].add(who)
    return keys


def _violence(b: Bundle) -> set[str]:
    inc = {r["record_id"]: r for r in b.rows("police_incidents")}
    parties = defaultdict(lambda: defaultdict(list))
    for r in b.rows("incident_parties"):
        parties[r["incident_record_id"]][r["role"]].append(b.person("incident_parties", r, "id_number")[0])
    pair_incidents = defaultdict(list)
    for iid, roles in parties.items():
        for v in roles["victim"]:
            for s in roles["suspect"]:
                pair_incidents[(v, s)].append(iid)
    keys = set()
    strong = {"warning_letter", "administrative_penalty", "case_filed"}
    for _pair, ids in pair_incidents.items():
        dv = sorted((pts(inc[i]["reported_at"]).date(), i) for i in ids if inc[i]["category"] == "domestic_violence")
        latest = None
        for d, i in dv:
            window = [(d2, i2) for d2, i2 in dv if d - dt.timedelta(days=365) <= d2 <= d]
            earlier = [x for x in window if x[1] != i and x[0] <= d and (x[0], x[1]) < (d, i)]
            if earlier and not any(inc[i2]["disposition"] in strong for _, i2 in window):
                latest = i
        if latest:
            keys.add(f"domestic_violence_without_warning:{latest}")
    for r in b.rows("protection_orders"):
        if r["status"] != "issued":
            continue
        a = b.person("protection_orders", r, "applicant_id_number")[0]
        s = b.person("protection_orders", r, "respondent_id_number")[0]
        lo, hi = pdate(r["issued_on"]), pdate(r["expires_on"])
        for iid, roles in parties.items():
            if a in roles["victim"] and s in roles["suspect"] and lo <= pts(inc[iid]["reported_at"]).date() <= hi:
                keys.add(f"protection_order_violated:{iid}")
    return keys


_JOB = re.compile(r"限男|只招男|仅招男|男性优先|男士优先|男生优先|已婚已育|未婚|婚育情况|年内不生育|不得生育|孕检|妊娠检查")
_JOB_NEG = re.compile(r"不问婚育情况|无需孕检|不需孕检|男女不限|性别不限|不限性别")


def _jobs(b: Bundle) -> set[str]:
    keys = set()
    for r in b.rows("job_postings"):
        if "矿山井下" in (r["title"] or ""):
            continue
        if _JOB.search(_JOB_NEG.sub("", r["text"] or "")):
            keys.add(f"recruitment_gender_discrimination:{r['record_id']}")
    return keys


# --- issue 7 ---------------------------------------------------------------------------------
MINORS: dict[str, set] = defaultdict(set)  # clue key → the persons with the role `minor`


def _births(b: Bundle) -> set[str]:
    sexual = set()
    when = {r["record_id"]: r for r in b.rows("police_incidents")}
    for r in b.rows("incident_parties"):
        inc = when[r["incident_record_id"]]
        if r["role"] == "victim" and inc["category"] in ("sexual_assault", "child_abuse") and pts(
                inc["reported_at"]).date() <= b.as_of:
            sexual.add(b.person("incident_parties", r, "id_number")[0])
    offenses = defaultdict(list)
    for r in b.rows("offense_records"):
        if r["category"] in ("rape", "child_sexual_abuse") and r["offense_on"]:
            offenses[b.person("offense_records", r, "id_number")[0]].append(pdate(r["offense_on"]))
    keys = set()
    residents = {}
    for r in b.rows("residents"):
        who, born, _ = b.person("residents", r, "id_number")
        residents.setdefault(r["household_id"], set()).add(born)
        residents[who] = r["household_id"]
    for r in b.rows("births"):
        mother, mborn, _ = b.person("births", r, "mother_id_number")
        father = b.person("births", r, "father_id_number")[0] if r["father_id_number"] or r["father_name"] else None
        child = b.person("births", r, "child_id_number")[0]
        born = pdate(r["child_birth_on"])
        weeks = r["gestation_weeks"] if r["gestation_weeks"] not in (None, "") else 39
        conception = born - dt.timedelta(days=(int(weeks) - 2) * 7)
        if mborn and age(mborn, conception) < 14 and mother not in sexual and not any(
                born - dt.timedelta(days=365) <= d <= born for d in offenses.get(father, [])):
            k = f"birth_to_child_mother:{r['record_id']}"
            keys.add(k)
            MINORS[k].add(mother)
        if (b.as_of - born).days > 90:
            registered = isinstance(child, str) and child in residents
            hh = residents.get(mother)
            if not registered and not (hh and born in residents.get(hh, set())):
                keys.add(f"unregistered_child:{r['record_id']}")
    return keys


_INJURY = re.compile(r"^(S\d\d|T0\d|T1[0-4])")
_ABUSE_TEXT = re.compile(r"性侵|(会阴|外阴|阴道|肛|乳房|生殖器)[^，；;]*(撕裂|挫伤)|烟头烫伤|烙伤|多处烫伤|手套状烫伤|袜套状烫伤")


def _injuries(b: Bundle) -> set[str]:
    reports = _reported(b)
    visits = defaultdict(list)
    for r in b.rows("medical_visits"):
        who, born, _ = b.person("medical_visits", r, "id_number")
        t = pts(r["visit_at"])
        if not born or age(born, t.date()) >= 18:
            continue
        codes = [c.strip().upper().replace(".", "") for c in (r["diagnosis_codes"] or "").split(";") if c.strip()]
        text = r["diagnosis_text"] or ""
        special = any(c.startswith(("T74", "T76")) for c in codes) or bool(_ABUSE_TEXT.search(text)) or (
            age(born, t.date()) < 2 and "骨折" in text)
        visits[who].append((t, r["record_id"], special, any(_INJURY.match(c) for c in codes)))
    keys = set()
    for who, vs in visits.items():
        vs.sort()
        last_key_day = None
        for i, (t, rid, special, injury) in enumerate(vs):
            d = t.date()
            if any(d - dt.timedelta(days=30) <= x <= d + dt.timedelta(days=7) for x in reports.get(who, [])):
                continue
            third = injury and sum(1 for t2, _, _, inj in vs[:i + 1]
                                   if inj and (d - t2.date()).days <= 180) >= 3
            if third and last_key_day is not None and (d - last_key_day).days <= 180:
                third = False  # joins the earlier clue's evidence
            if special or third:
                k = f"child_injury_not_reported:{rid}"
                keys.add(k)
                MINORS[k].add(who)
                if third:
                    last_key_day = d
    return keys


def _dropout(b: Bundle) -> set[str]:
    from rightswatch.synth.dates import term_of

    calendars = defaultdict(dict)
    for r in b.rows("school_attendance_days"):
        calendars[r["region_code"]][pdate(r["school_day"])] = (r["start_time"] or "08:00", r["end_time"] or "17:00")

    def school_time(region: str, t: dt.datetime) -> bool:
        prefix = max((c for c in calendars if region.startswith(c)), key=len, default=None)
        if prefix is None:
            return False
        hours = calendars[prefix].get(t.date())
        return bool(hours) and hours[0] <= t.strftime("%H:%M") <= hours[1]

    events = defaultdict(list)
    for r in b.rows("hotel_stays"):
        events[b.person("hotel_stays", r, "id_number")[0]].append((r["region_code"], pts(r["checkin_at"])))
    for r in b.rows("venue_visits"):
        if r["venue_type"] in ("internet_cafe", "ktv", "bar", "dance_hall"):
            events[b.person("venue_visits", r, "id_number")[0]].append((r["region_code"], pts(r["entered_at"])))
    keys = set()
    for r in b.rows("school_enrollments"):
        if r["status"] != "enrolled" or r["school_type"] not in ("primary", "junior_secondary", "special_education"):
            continue
        who = b.person("school_enrollments", r, "id_number")[0]
        days = {t.date() for region, t in events.get(who, []) if term_of(t.date()) == r["term"] and school_time(region, t)}
        if len(days) >= 3:
            k = f"hidden_dropout:{r['record_id']}"
            keys.add(k)
            MINORS[k].add(who)
    return keys


def _witness(b: Bundle) -> set[str]:
    members = defaultdict(list)
    household = {}
    for r in b.rows("residents"):
        who, born, _ = b.person("residents", r, "id_number")
        if r["household_id"]:
            household[who] = r["household_id"]
            members[r["household_id"]].append((who, born))
    parties = defaultdict(list)
    for r in b.rows("incident_parties"):
        parties[r["incident_record_id"]].append((r["role"], *b.person("incident_parties", r, "id_number")))
    keys = set()
    for r in b.rows("police_incidents"):
        if r["category"] != "domestic_violence" or r["disposition"] not in ("mediated", "no_action"):
            continue
        d = pts(r["reported_at"]).date()
        kids = set()
        for role, who, born, _ in parties[r["record_id"]]:
            if role == "child_present" and (born is None or age(born, d) < 18):
                kids.add(who)
            if role in ("victim", "suspect") and who in household:
                kids |= {m for m, mb in members[household[who]] if mb and mb <= d and age(mb, d) < 18}
        if kids:
            k = f"child_witness_of_domestic_violence:{r['record_id']}"
            keys.add(k)
            MINORS[k] |= kids
    return keys


def _labour(b: Bundle) -> set[str]:
    keys = set()
    for r in b.rows("staff_rosters"):
        who, born, _ = b.person("staff_rosters", r, "id_number")
        hired = pdate(r["hired_on"])
        if r["org_type"] != "youth_sports" and born and hired <= b.as_of and age(born, hired) < 16:
            k = f"child_labour:{r['record_id']}"
            keys.add(k)
            MINORS[k].add(who)
    return keys


def _near_school(b: Bundle) -> set[str]:
    from rightswatch.synth.orgs import distance_m

    orgs = [r for r in b.rows("organisations") if r["lat"] not in (None, "") and r["lon"] not in (None, "")]
    schools = [(float(r["lat"]), float(r["lon"])) for r in orgs if r["org_type"] in (
        "kindergarten", "primary_school", "secondary_school", "special_education_school")]
    keys = set()
    for r in orgs:
        if r["org_type"] in ("internet_cafe", "ktv", "bar", "dance_hall", "tobacco_retailer", "lottery_retailer",
                             "tattoo_parlor") and r["licence_status"] == "valid":
            lat, lon = float(r["lat"]), float(r["lon"])
            if any(distance_m(lat, lon, a, o) <= 200 for a, o in schools if abs(a - lat) < 0.01):
                keys.add(f"venue_near_school:{norm_code(r['org_code'])}")
    return keys


def _sealing(b: Bundle) -> set[str]:
    keys = set()
    for r in b.rows("offense_records"):
        _, born, _ = b.person("offense_records", r, "id_number")
        months = r["sentence_months"]
        if r["decision_type"] == "criminal_judgment" and born and r["offense_on"] and months not in (None, "") and \
                float(months) <= 60 and age(born, pdate(r["offense_on"])) < 18 and not pbool(r["sealed"]):
            keys.add(f"juvenile_record_not_sealed:{r['record_id']}")
    return keys


def _aid(b: Bundle) -> set[str]:
    inc = {r["record_id"]: r for r in b.rows("police_incidents")}
    benefits = defaultdict(list)
    for r in b.rows("welfare_benefits"):
        benefits[b.person("welfare_benefits", r, "id_number")[0]].append((pdate(r["start_on"]), pdate(r["end_on"])))
    disabled = defaultdict(list)
    for r in b.rows("disabilities"):
        disabled[b.person("disabilities", r, "id_number")[0]].append(pdate(r["registered_on"]))
    keys = set()
    for r in b.rows("incident_parties"):
        i = inc[r["incident_record_id"]]
        if r["role"] != "victim" or i["disposition"] != "case_filed":
            continue
        who, born, gender = b.person("incident_parties", r, "id_number")
        d = pts(i["reported_at"]).date()
        minor = born is not None and age(born, d) < 18
        if not (gender == "F" or minor):
            continue
        on_benefit = any(s <= d and (e is None or e >= d) for s, e in benefits.get(who, []))
        if on_benefit or any(x is not None and x <= d for x in disabled.get(who, [])):
            k = f"victim_eligible_for_judicial_aid:{r['record_id']}"
            keys.add(k)
            if minor:
                MINORS[k].add(who)
    return keys


def _multiple(b: Bundle, keys: set[str]) -> set[str]:
    """Model 20 over the other models' clues: only the minors this reference tracks."""
    resident = {}
    for r in b.rows("residents"):
        resident[b.person("residents", r, "id_number")[0]] = r["record_id"]
    models = defaultdict(set)
    for k in keys:
        for who in MINORS.get(k, ()):
            models[who].add(k.split(":")[0])
    return {f"child_with_multiple_signals:{resident[w]}" for w, m in models.items() if len(m) >= 2 and w in resident}
