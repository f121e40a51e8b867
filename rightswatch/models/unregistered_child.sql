-- Model 19: a child born more than 90 days before as_of with no residents row.

-- step: births_due
SELECT record_id, child_person_id, mother_person_id, child_birth_on, region_code
FROM births
WHERE child_birth_on IS NOT NULL AND child_birth_on < {{ add_days(as_of, -90) }}

-- step: by_number
SELECT DISTINCT b.record_id
FROM births_due b JOIN residents r ON r.person_id = b.child_person_id

-- step: by_household
-- The mother's household holds a member born on the child's birth date.
SELECT DISTINCT b.record_id
FROM births_due b
JOIN residents m ON m.person_id = b.mother_person_id AND m.household_id IS NOT NULL AND m.household_id <> ''
JOIN residents c ON c.household_id = m.household_id AND c.birth_on = b.child_birth_on

-- step: unregistered
SELECT b.*
FROM births_due b
LEFT JOIN by_number n ON n.record_id = b.record_id
LEFT JOIN by_household h ON h.record_id = b.record_id
WHERE n.record_id IS NULL AND h.record_id IS NULL

-- step: clues
SELECT record_id AS clue_key, 'yellow' AS severity, child_birth_on AS event_on, region_code,
       CAST(NULL AS STRING) AS actions, CAST(NULL AS STRING) AS detail
FROM unregistered

-- step: items
SELECT record_id AS clue_key, 'subject' AS item, 'minor' AS role, 'births' AS dataset, record_id,
       'child_' AS prefix, CAST(NULL AS STRING) AS org_code, CAST(NULL AS STRING) AS note
FROM unregistered
UNION ALL
SELECT record_id, 'subject', 'mother', 'births', record_id, 'mother_', NULL, NULL FROM unregistered
UNION ALL
SELECT record_id, 'evidence', NULL, 'births', record_id, NULL, NULL, 'birth certificate, no household registration'
FROM unregistered
