"""The review queue, in plain Python for the platform (no Django here).

    queue = ReviewQueue(workspace)
    items = queue.pending(limit=50)                 # pairs awaiting a human, masked
    queue.decide(items[0].pair_id, "reject", who="analyst7", reason="different mothers")
    queue.split("U:hotel_stays/HS-00000042", detach=[node], who="analyst7", reason="...")
    queue.history(node)                             # who linked this row to whom, and when

Every decision and split is appended (never updated) and re-clusters at once from the
last build's scored pairs, so the next model run sees it; the next build honours it too:
a rejected pair is never linked again, a split cluster never joins again.
Records are shown only masked (`张某`, `340202********123X`) with derived birth date,
gender and the datasets the record comes from.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from rightswatch.errors import RightsWatchError
from rightswatch.identity.linkage.settings import Thresholds
from rightswatch.identity.linkage.state import pending_sql, recluster
from rightswatch.identity.linkage.store import export_links, node_order, open_store

DECISIONS = ("confirm", "reject")


@dataclass(frozen=True)
class RecordView:
    """One side of a pair, masked."""

    node: str
    name_masked: str | None
    id_masked: str | None
    birth_on: dt.date | None
    gender: str | None
    datasets: list[str]
    n_rows: int
    person_id: str | None


@dataclass(frozen=True)
class ReviewItem:
    """A pair awaiting a human. `kind` is `splink` (a scored pair in the grey zone, or caught
    in a conflicted cluster) or `valid_number_typo` (two valid numbers one typing slip apart
    under the same name: no match probability, never linked without a reviewer)."""

    pair_id: str
    probability: float | None
    match_weight: float | None
    left: RecordView
    right: RecordView
    kind: str = "splink"


@dataclass(frozen=True)
class Decision:
    decision_id: int
    a: str
    b: str
    decision: str
    who: str
    decided_at: dt.datetime
    reason: str | None
    source: str
    split_id: int | None


def pair_id(a: str, b: str) -> str:
    """A short, stable id for a pair (URL-safe; node ids hold record ids, not identities)."""
    a, b = node_order(a, b)
    return hashlib.sha256(f"{a}\x1f{b}".encode()).hexdigest()[:20]


_VIEW = """n.node, n.name_masked, n.id_masked, n.birth_on, n.gender, n.datasets, n.n_rows, c.person_id"""


def _view(row: tuple) -> RecordView:
    node, name_masked, id_masked, birth_on, gender, datasets, n_rows, person_id = row
    return RecordView(node, name_masked, id_masked, birth_on, gender,
                      (datasets or "").split(",") if datasets else [], int(n_rows or 0), person_id)


class ReviewQueue:
    def __init__(self, workspace: Path | str, thresholds: Thresholds | None = None):
        self.workspace = Path(workspace)
        self.thresholds = thresholds or Thresholds.from_env()

    # -- reading -------------------------------------------------------------------
    def pending(self, limit: int = 50, offset: int = 0) -> list[ReviewItem]:
        """Pairs awaiting review: valid-number typos first, then by probability (highest first)."""
        with open_store(self.workspace, read_only=True) as con:
            rows = con.execute(f"""
                SELECT q.a, q.b, q.probability, q.match_weight, q.kind FROM ({pending_sql(self.thresholds)}) q
                ORDER BY q.kind = 'splink', q.probability DESC, q.a, q.b
                LIMIT {int(limit)} OFFSET {int(offset)}""").fetchall()
            views = self._views(con, {n for r in rows for n in r[:2]})
        return [ReviewItem(pair_id(a, b), p, w, views[a], views[b], k) for a, b, p, w, k in rows]

    def pending_count(self) -> int:
        with open_store(self.workspace, read_only=True) as con:
            return con.execute(f"SELECT count(*) FROM ({pending_sql(self.thresholds)})").fetchall()[0][0]

    def cluster(self, person_id: str) -> list[RecordView]:
        """The records the index currently puts under one person."""
        with open_store(self.workspace, read_only=True) as con:
            rows = con.execute(f"SELECT {_VIEW} FROM clusters c JOIN nodes n USING (node) "
                               "WHERE c.person_id = ? ORDER BY n.node", [person_id]).fetchall()
        return [_view(r) for r in rows]

    def person_of(self, dataset: str, record_id: str, prefix: str = "") -> str | None:
        with open_store(self.workspace, read_only=True) as con:
            rows = con.execute("SELECT person_id FROM links WHERE dataset = ? AND record_id = ? AND prefix = ?",
                               [dataset, record_id, prefix]).fetchall()
        return rows[0][0] if rows else None

    def node_of(self, dataset: str, record_id: str, prefix: str = "") -> str | None:
        with open_store(self.workspace, read_only=True) as con:
            rows = con.execute("SELECT node FROM members WHERE dataset = ? AND record_id = ? AND prefix = ?",
                               [dataset, record_id, prefix]).fetchall()
        return rows[0][0] if rows else None

    def decisions(self, node: str | None = None) -> list[Decision]:
        with open_store(self.workspace, read_only=True) as con:
            where, params = ("WHERE a = ? OR b = ?", [node, node]) if node else ("", [])
            rows = con.execute("SELECT decision_id, a, b, decision, who, decided_at, reason, source, split_id "
                               f"FROM decisions {where} ORDER BY decision_id", params).fetchall()
        return [Decision(*r) for r in rows]

    def history(self, dataset: str, record_id: str, prefix: str = "") -> list[dict]:
        """Every change of the person a row was linked to, oldest first, with the run
        (build or review) that made it and who ran it."""
        with open_store(self.workspace, read_only=True) as con:
            rows = con.execute("""
                SELECT h.run_id, r.kind, r.who, r.finished_at, h.previous_person_id, h.person_id, h.link_method,
                       h.link_probability
                FROM link_history h LEFT JOIN runs r USING (run_id)
                WHERE h.dataset = ? AND h.record_id = ? AND h.prefix = ? ORDER BY h.run_id""",
                               [dataset, record_id, prefix]).fetchall()
        keys = ("run_id", "kind", "who", "at", "from_person_id", "to_person_id", "link_method", "link_probability")
        return [dict(zip(keys, r)) for r in rows]

    def splits(self) -> list[dict]:
        with open_store(self.workspace, read_only=True) as con:
            rows = con.execute("SELECT split_id, person_id, who, split_at, reason, members_before, detached "
                               "FROM splits ORDER BY split_id").fetchall()
        keys = ("split_id", "person_id", "who", "at", "reason", "members_before", "detached")
        return [dict(zip(keys, r)) for r in rows]

    # -- writing -------------------------------------------------------------------
    def decide(self, pair: str | tuple[str, str], decision: str, who: str, reason: str | None = None) -> dict:
        """Confirm or reject a pair (by `pair_id` or by its two nodes)."""
        if decision not in DECISIONS:
            raise RightsWatchError(f"decision must be one of {', '.join(DECISIONS)}, not {decision!r}")
        _require_who(who)
        with open_store(self.workspace) as con:
            a, b, probability = self._resolve(con, pair)
            con.execute("BEGIN")
            con.execute("INSERT INTO decisions VALUES (nextval('decision_seq'), ?, ?, ?, ?, now(), ?, 'review', "
                        "NULL, ?)", [a, b, decision, who, reason, probability])
            result = self._recluster(con, who)
            con.execute("COMMIT")
            export_links(con, self.workspace)
        return result

    def split(self, person_id: str, detach: list[str], who: str, reason: str | None = None) -> dict:
        """Take `detach` (nodes) out of the person's cluster: every detached node is
        rejected against every remaining one, and the cluster as it was is kept."""
        _require_who(who)
        with open_store(self.workspace) as con:
            members = [r[0] for r in con.execute("SELECT node FROM clusters WHERE person_id = ? ORDER BY node",
                                                 [person_id]).fetchall()]
            gone = sorted(set(detach))
            if not members:
                raise RightsWatchError(f"no person {person_id!r} in the index")
            if not gone or not set(gone) < set(members):
                raise RightsWatchError("detach must name some, not all, of the person's records")
            stay = [m for m in members if m not in gone]
            con.execute("BEGIN")
            split_id = con.execute("SELECT nextval('split_seq')").fetchall()[0][0]
            con.execute("INSERT INTO splits VALUES (?, ?, ?, now(), ?, ?, ?)",
                        [split_id, person_id, who, reason, members, gone])
            con.executemany(
                "INSERT INTO decisions VALUES (nextval('decision_seq'), ?, ?, 'reject', ?, now(), ?, 'split', ?, NULL)",
                [(*node_order(g, s), who, reason, split_id) for g in gone for s in stay])
            result = self._recluster(con, who)
            con.execute("COMMIT")
            export_links(con, self.workspace)
        return {"split_id": split_id, **result}

    # -- internals -----------------------------------------------------------------
    def _resolve(self, con, pair) -> tuple[str, str, float | None]:
        if isinstance(pair, tuple):
            a, b = node_order(*pair)
            known = con.execute("SELECT count(*) FROM nodes WHERE node IN (?, ?)", [a, b]).fetchall()[0][0]
            if known != 2:
                raise RightsWatchError("both records of a decision must be in the person index")
            rows = con.execute("SELECT probability FROM pairs WHERE a = ? AND b = ?", [a, b]).fetchall()
            return a, b, rows[0][0] if rows else None
        rows = con.execute("SELECT a, b, probability FROM pairs WHERE left(sha256(a || chr(31) || b), 20) = ? "
                           "UNION ALL SELECT a, b, NULL FROM typo_pairs WHERE left(sha256(a || chr(31) || b), 20) = ?",
                           [pair, pair]).fetchall()
        if rows:
            return rows[0]
        raise RightsWatchError(f"no scored pair {pair!r}")

    def _recluster(self, con, who: str) -> dict:
        run_id = con.execute("SELECT nextval('run_seq')").fetchall()[0][0]
        counts = recluster(con, run_id, self.thresholds)
        con.execute("INSERT INTO runs VALUES (?, 'review', ?, now(), now(), ?, ?, NULL, NULL, ?, ?, NULL)",
                    [run_id, who, self.thresholds.high, self.thresholds.low, counts["auto_links"],
                     counts["pending_review"]])
        return {"run_id": run_id, **counts}

    @staticmethod
    def _views(con, nodes: set[str]) -> dict[str, RecordView]:
        if not nodes:
            return {}
        rows = con.execute(f"SELECT {_VIEW} FROM nodes n LEFT JOIN clusters c USING (node) "
                           "WHERE list_contains(?, n.node)", [sorted(nodes)]).fetchall()
        return {r[0]: _view(r) for r in rows}


def _require_who(who: str) -> None:
    if not who or not who.strip():
        raise RightsWatchError("a decision needs the name of who made it")
