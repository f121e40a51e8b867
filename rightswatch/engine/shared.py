"""Relations every model may read, defined once over the dataset relations.

- `rw_family_links(person_a, person_b)`: a family_relations row, in both directions;
- `rw_households(person_id, household_id)`: residents with a household;
- `rw_reports(person_id, reported_on)`: the local dates on which a person was reported,
  as a mandatory_reports subject or an incident_parties victim / child present.
The macros `is_related` and `reported_between` read them.
"""

from __future__ import annotations

from rightswatch.engine.backend import Backend

SHARED_INPUTS = {"family_relations", "residents", "mandatory_reports", "incident_parties", "police_incidents"}

SHARED_VIEWS = {
    "rw_family_links": """
SELECT person_person_id AS person_a, relative_person_id AS person_b FROM family_relations
WHERE person_person_id IS NOT NULL AND relative_person_id IS NOT NULL
UNION ALL
SELECT relative_person_id AS person_a, person_person_id AS person_b FROM family_relations
WHERE person_person_id IS NOT NULL AND relative_person_id IS NOT NULL""",
    "rw_households": """
SELECT person_id, household_id FROM residents
WHERE person_id IS NOT NULL AND household_id IS NOT NULL AND household_id <> ''""",
    "rw_reports": """
SELECT subject_person_id AS person_id, CAST(reported_at AS DATE) AS reported_on FROM mandatory_reports
WHERE subject_person_id IS NOT NULL AND reported_at IS NOT NULL
UNION ALL
SELECT p.person_id, CAST(i.reported_at AS DATE) AS reported_on
FROM incident_parties p JOIN police_incidents i ON i.record_id = p.incident_record_id
WHERE p.role IN ('victim', 'child_present') AND p.person_id IS NOT NULL AND i.reported_at IS NOT NULL""",
}


# Which inputs make a relation worth materialising once for the run.
_FED_BY = {"rw_family_links": "family_relations", "rw_households": "residents", "rw_reports": "mandatory_reports"}


def register_shared(backend: Backend, inputs: set[str] | None = None) -> None:
    """Define the shared relations; materialise those the run's models will read.

    Duplicates are harmless to every reader (EXISTS, joins deduplicated by UNION), so
    the relations skip the cost of DISTINCT.
    """
    for name, sql in SHARED_VIEWS.items():
        if inputs is None or _FED_BY[name] in inputs:
            backend.create_table(name, sql.strip())
        else:
            backend.create_view(name, sql.strip())
