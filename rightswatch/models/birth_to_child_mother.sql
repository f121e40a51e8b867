-- Model 6: the mother was a child under 14 at estimated conception.

-- step: births_est
-- Conception = child_birth_on − (gestation_weeks − 2) × 7 days, 39 weeks when empty.
SELECT record_id, region_code, child_birth_on, mother_person_id, father_person_id, father_birth_on,
       mother_birth_on,
       {{ add_days(child_birth_on, (2 - COALESCE(gestation_weeks, 39)) * 7) }} AS conceived_on
FROM births
WHERE child_birth_on IS NOT NULL AND mother_birth_on IS NOT NULL

-- step: child_mothers
SELECT * FROM births_est WHERE {{ age_years(mother_birth_on, conceived_on) }} < 14

-- step: mother_victim
-- Already handled: she is a victim of a sexual assault or child abuse incident reported by as_of.
SELECT DISTINCT b.record_id
FROM child_mothers b
JOIN incident_parties p ON p.person_id = b.mother_person_id AND p.role = 'victim'
JOIN police_incidents i ON i.record_id = p.incident_record_id
WHERE i.category IN ('sexual_assault', 'child_abuse') AND CAST(i.reported_at AS DATE) <= {{ as_of }}

-- step: father_convicted
-- Already handled: the father's rape or child sexual abuse offense in the 365 days before the birth.
SELECT DISTINCT b.record_id
FROM child_mothers b
JOIN offense_records o ON o.person_id = b.father_person_id
WHERE o.category IN ('rape', 'child_sexual_abuse') AND o.offense_on IS NOT NULL
  AND o.offense_on BETWEEN {{ add_days(b.child_birth_on, -365) }} AND b.child_birth_on

-- step: flagged
SELECT b.*,
       b.father_person_id IS NOT NULL AND b.father_birth_on IS NOT NULL
         AND {{ age_years(b.father_birth_on, b.conceived_on) }} >= 18 AS adult_father
FROM child_mothers b
LEFT JOIN mother_victim v ON v.record_id = b.record_id
LEFT JOIN father_convicted f ON f.record_id = b.record_id
WHERE v.record_id IS NULL AND f.record_id IS NULL

-- step: clues
SELECT record_id AS clue_key, 'red' AS severity, child_birth_on AS event_on, region_code,
       CAST(NULL AS STRING) AS actions, CAST(NULL AS STRING) AS detail
FROM flagged

-- step: items
SELECT record_id AS clue_key, 'subject' AS item, 'minor' AS role, 'births' AS dataset, record_id,
       'mother_' AS prefix, CAST(NULL AS STRING) AS org_code, CAST(NULL AS STRING) AS note
FROM flagged
UNION ALL
SELECT record_id, 'subject', 'suspect', 'births', record_id, 'father_', NULL, NULL FROM flagged WHERE adult_father
UNION ALL
SELECT record_id, 'evidence', NULL, 'births', record_id, NULL, NULL, 'birth to a mother under 14 at conception'
FROM flagged
