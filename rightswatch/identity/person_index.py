"""The deterministic person index: (dataset, record_id, prefix) → person_id, link_method.

Rules (docs/architecture.md, "Linking persons"):
- a valid resident identity number links by its token: person_id `T:<token>`, method `id`;
- a number of another document type links by its token: `D:<token>`, method `document`;
- a row whose number is missing, malformed or has a bad check character links to the
  unique valid person with the same (name_key, birth date, gender): `T:<token>`,
  method `name_birth_gender`;
- otherwise the row stands alone: `U:<dataset>/<record_id>[/<prefix>]`, method `unlinked`.

The interface is narrow on purpose: `prepare` builds what the index needs, and
`person_columns` adds `{p}person_id`, `{p}link_method`, `{p}link_probability` to a
dataset relation. A probabilistic index (Splink) replaces this class behind the same
two methods. This module only writes SQL; the engine hands it a backend to run it on.
"""

from __future__ import annotations

from dataclasses import dataclass

TRIPLES = "rw_person_triples"


@dataclass(frozen=True)
class Mention:
    """One person group of one dataset, as the index sees it."""

    dataset: str
    relation: str  # the relation holding the dataset's analytic rows (record ids unique)
    prefix: str
    birth_column: str
    gender_column: str
    has_name: bool


LINKS = "rw_person_links"
UNLINKED = "rw_person_unlinked"
LINKABLE = "('missing', 'malformed', 'bad_check')"


class DeterministicPersonIndex:
    link_methods = ("id", "document", "name_birth_gender", "unlinked")

    def prepare(self, backend, mentions: list[Mention]) -> None:
        """Materialise the links of rows without a valid number (a small table).

        Only the (name_key, birth, gender) triples of such rows are looked up among valid
        persons, so the cost is one scan of the valid rows, not a grouping of all of them.
        A triple links when exactly one valid person (one token) holds it.
        """
        named = [m for m in mentions if m.has_name]
        empty = ("SELECT CAST(NULL AS STRING) AS dataset, CAST(NULL AS STRING) AS prefix, "
                 "CAST(NULL AS STRING) AS record_id, CAST(NULL AS STRING) AS name_key, "
                 "CAST(NULL AS DATE) AS birth_on, CAST(NULL AS STRING) AS gender WHERE 1 = 0")
        backend.create_table(UNLINKED, "\nUNION ALL\n".join(
            f"SELECT '{m.dataset}' AS dataset, '{m.prefix}' AS prefix, record_id, {m.prefix}name_key AS name_key, "
            f"{m.birth_column} AS birth_on, {m.gender_column} AS gender FROM {m.relation} "
            f"WHERE {m.prefix}id_status IN {LINKABLE} AND {m.prefix}name_key IS NOT NULL "
            f"AND {m.birth_column} IS NOT NULL AND {m.gender_column} IS NOT NULL"
            for m in named) or empty)
        wanted = f"(SELECT DISTINCT name_key, birth_on, gender FROM {UNLINKED})"
        parts = [
            f"SELECT v.{m.prefix}person_token AS token, w.name_key, w.birth_on, w.gender FROM {m.relation} v "
            f"JOIN {wanted} w ON w.name_key = v.{m.prefix}name_key AND w.birth_on = v.{m.birth_column} "
            f"AND w.gender = v.{m.gender_column} WHERE v.{m.prefix}id_status = 'valid'"
            for m in named
        ] or ["SELECT CAST(NULL AS STRING) AS token, CAST(NULL AS STRING) AS name_key, "
              "CAST(NULL AS DATE) AS birth_on, CAST(NULL AS STRING) AS gender WHERE 1 = 0"]
        backend.create_table(
            TRIPLES,
            f"SELECT name_key, birth_on, gender, min(token) AS token FROM ({' UNION ALL '.join(parts)}) v "
            "GROUP BY name_key, birth_on, gender HAVING count(DISTINCT token) = 1",
        )
        backend.create_table(
            LINKS,
            f"SELECT u.dataset, u.prefix, u.record_id, t.token FROM {UNLINKED} u JOIN {TRIPLES} t "
            "ON t.name_key = u.name_key AND t.birth_on = u.birth_on AND t.gender = u.gender",
        )

    def person_columns(self, m: Mention, alias: str, join_alias: str) -> tuple[str, str]:
        """(LEFT JOIN clause, select list) adding the person columns of group `m` to `alias`."""
        p = m.prefix
        join = (
            f"LEFT JOIN (SELECT record_id, token FROM {LINKS} WHERE dataset = '{m.dataset}' AND prefix = '{p}') "
            f"{join_alias} ON {join_alias}.record_id = {alias}.record_id"
        ) if m.has_name else ""
        linked = f"{join_alias}.token" if m.has_name else "CAST(NULL AS STRING)"
        alone = f"'U:{m.dataset}/' || {alias}.record_id" + (f" || '/{p.rstrip('_')}'" if p else "")
        select = (
            f"CASE WHEN {alias}.{p}id_status = 'valid' THEN 'T:' || {alias}.{p}person_token "
            f"WHEN {alias}.{p}id_status = 'other_document' AND {alias}.{p}person_token IS NOT NULL "
            f"THEN 'D:' || {alias}.{p}person_token "
            f"WHEN {linked} IS NOT NULL THEN 'T:' || {linked} "
            f"WHEN {alias}.{p}person_token IS NULL AND {alias}.{p}name_key IS NULL THEN CAST(NULL AS STRING) "
            f"ELSE {alone} END AS {p}person_id, "
            f"CASE WHEN {alias}.{p}id_status = 'valid' THEN 'id' "
            f"WHEN {alias}.{p}id_status = 'other_document' AND {alias}.{p}person_token IS NOT NULL THEN 'document' "
            f"WHEN {linked} IS NOT NULL THEN 'name_birth_gender' "
            f"WHEN {alias}.{p}person_token IS NULL AND {alias}.{p}name_key IS NULL THEN CAST(NULL AS STRING) "
            f"ELSE 'unlinked' END AS {p}link_method, "
            f"CAST(1.0 AS DOUBLE) AS {p}link_probability"
        )
        return join, select
