-- Model 8: a child of compulsory-education age with no school place in the current term.

-- step: period
-- The term containing as_of (August belongs to the spring term just ended) and the year Y
-- whose autumn starts its school year.
SELECT {{ term_of(as_of) }} AS term, {{ term_school_year(term_of(as_of)) }} AS school_year

-- step: children
-- Compulsory-education age (以8月31日为界): born 1 September Y-16 to 31 August Y-6, both included.
SELECT r.record_id, r.person_id, r.region_code, r.birth_on, p.term
FROM residents r CROSS JOIN period p
WHERE COALESCE(r.status, 'active') = 'active' AND r.person_id IS NOT NULL AND r.birth_on IS NOT NULL
  AND year(r.birth_on) * 10000 + month(r.birth_on) * 100 + day(r.birth_on)
      BETWEEN (p.school_year - 16) * 10000 + 901 AND (p.school_year - 6) * 10000 + 831

-- step: schooled
-- A place this term at any school but a kindergarten (a transferred_out row alone does not
-- count), or a junior secondary school finished.
SELECT DISTINCT e.person_id
FROM school_enrollments e CROSS JOIN period p
WHERE e.person_id IS NOT NULL
  AND ((e.term = p.term AND COALESCE(e.school_type, 'other') <> 'kindergarten'
        AND e.status IN ('enrolled', 'suspended', 'deferred', 'exempt'))
       OR (e.school_type = 'junior_secondary' AND e.status = 'graduated'))

-- step: out_of_school
SELECT c.*
FROM children c LEFT JOIN schooled s ON s.person_id = c.person_id
WHERE s.person_id IS NULL

-- step: clues
-- Orange here; the engine makes it red when the child is a subject of another model's clue in the same run.
SELECT record_id || '|' || term AS clue_key, 'orange' AS severity, {{ as_of }} AS event_on, region_code,
       CAST(NULL AS STRING) AS actions, term AS detail
FROM out_of_school

-- step: items
SELECT record_id || '|' || term AS clue_key, 'subject' AS item, 'minor' AS role, 'residents' AS dataset,
       record_id, '' AS prefix, CAST(NULL AS STRING) AS org_code, CAST(NULL AS STRING) AS note
FROM out_of_school
UNION ALL
SELECT record_id || '|' || term, 'evidence', NULL, 'residents', record_id, NULL, NULL,
       'active resident of compulsory-education age with no school place in ' || term
FROM out_of_school
