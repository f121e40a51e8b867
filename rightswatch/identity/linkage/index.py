"""The person index the engine can choose instead of the deterministic one.

Same narrow interface as `rightswatch.identity.person_index.DeterministicPersonIndex`
(`prepare`, `person_columns`, `link_methods`). It reads only `linkage/person_links.parquet`,
written by the privileged build and refreshed by every review decision, so a model run
never touches the vault. A row the last build did not see (imported since) falls back
to the deterministic rules, so the index is never less complete than before.
"""

from __future__ import annotations

from pathlib import Path

from rightswatch.identity.linkage.store import aliases_path, links_path
from rightswatch.identity.person_index import DeterministicPersonIndex, Mention

SPLINK_LINKS = "rw_person_splink_links"
ALIASES = "rw_person_aliases"


class SplinkPersonIndex(DeterministicPersonIndex):
    link_methods = ("id", "document", "splink", "splink_unique", "review", "name_birth_gender", "unlinked")

    def __init__(self, workspace: Path | str):
        self.links_file = links_path(workspace)
        self.aliases_file = aliases_path(workspace)

    def prepare(self, backend, mentions: list[Mention]) -> None:
        super().prepare(backend, mentions)
        if self.links_file.exists():
            source = f"SELECT * FROM {backend.parquet_sql([self.links_file])}"
        else:
            source = ("SELECT CAST(NULL AS STRING) AS dataset, CAST(NULL AS STRING) AS record_id, "
                      "CAST(NULL AS STRING) AS prefix, CAST(NULL AS STRING) AS person_id, "
                      "CAST(NULL AS STRING) AS link_method, CAST(NULL AS DOUBLE) AS link_probability WHERE 1 = 0")
        backend.create_table(SPLINK_LINKS, source)
        if self.aliases_file.exists():
            source = f"SELECT from_person_id, person_id FROM {backend.parquet_sql([self.aliases_file])}"
        else:
            source = ("SELECT CAST(NULL AS STRING) AS from_person_id, CAST(NULL AS STRING) AS person_id WHERE 1 = 0")
        backend.create_table(ALIASES, source)

    def person_columns(self, m: Mention, alias: str, join_alias: str) -> tuple[str, str]:
        base_join, base_select = super().person_columns(m, alias, join_alias)
        p, s = m.prefix, f"{join_alias}s"
        join = (f"{base_join} LEFT JOIN (SELECT record_id, person_id, link_method, link_probability "
                f"FROM {SPLINK_LINKS} WHERE dataset = '{m.dataset}' AND prefix = '{p}') {s} "
                f"ON {s}.record_id = {alias}.record_id")
        # A valid number wins, unless a reviewer confirmed it as a typo of another person's
        # valid number; otherwise the Splink link, else the deterministic rules.
        valid = f"{alias}.{p}id_status = 'valid'"
        a = f"{join_alias}a"
        join += (f" LEFT JOIN {ALIASES} {a} ON {valid} AND {a}.from_person_id = 'T:' || {alias}.{p}person_token")
        parts = dict(_split_select(base_select, p))
        select = (
            f"CASE WHEN {a}.person_id IS NOT NULL THEN {a}.person_id "
            f"WHEN NOT ({valid}) AND {s}.person_id IS NOT NULL THEN {s}.person_id "
            f"ELSE {parts['person_id']} END AS {p}person_id, "
            f"CASE WHEN {a}.person_id IS NOT NULL THEN 'review' "
            f"WHEN NOT ({valid}) AND {s}.person_id IS NOT NULL THEN {s}.link_method "
            f"ELSE {parts['link_method']} END AS {p}link_method, "
            f"CASE WHEN {a}.person_id IS NOT NULL THEN CAST(1.0 AS DOUBLE) "
            f"WHEN NOT ({valid}) AND {s}.person_id IS NOT NULL THEN {s}.link_probability "
            f"ELSE {parts['link_probability']} END AS {p}link_probability"
        )
        return join, select


def _split_select(select: str, prefix: str) -> list[tuple[str, str]]:
    """The three expressions of the deterministic select list, by column name."""
    out = []
    rest = select
    for name in ("person_id", "link_method", "link_probability"):
        marker = f" AS {prefix}{name}"
        expr, _, rest = rest.partition(marker)
        out.append((name, expr.strip().lstrip(",").strip()))
    return out
