-- Model 20: a child who is the minor of clues of two or more different models in this run.
-- Reads rw_run_subjects: the person subjects of the clues the run's other models found
-- (model_id, clue_key, role, person_id, dataset, record_id, prefix).

-- step: minors
SELECT DISTINCT model_id, clue_key, person_id, dataset, record_id, prefix
FROM rw_run_subjects
WHERE role = 'minor' AND person_id IS NOT NULL AND model_id <> 'child_with_multiple_signals'

-- step: children
SELECT person_id FROM minors GROUP BY person_id HAVING count(DISTINCT model_id) >= 2

-- step: resident_rows
SELECT r.person_id, min(r.record_id) AS record_id
FROM residents r JOIN children c ON c.person_id = r.person_id
GROUP BY r.person_id

-- step: first_rows
-- For a child with no residents row: the first row naming the child, by dataset, then record_id.
SELECT person_id, dataset, record_id, prefix FROM (
  SELECT m.person_id, m.dataset, m.record_id, m.prefix,
         row_number() OVER (PARTITION BY m.person_id ORDER BY m.dataset, m.record_id) AS rn
  FROM minors m JOIN children c ON c.person_id = m.person_id
) t WHERE rn = 1

-- step: keyed
SELECT c.person_id,
       CASE WHEN r.record_id IS NOT NULL THEN r.record_id ELSE f.dataset || '/' || f.record_id END AS clue_key,
       CASE WHEN r.record_id IS NOT NULL THEN 'residents' ELSE f.dataset END AS subject_dataset,
       CASE WHEN r.record_id IS NOT NULL THEN r.record_id ELSE f.record_id END AS subject_row,
       CASE WHEN r.record_id IS NOT NULL THEN '' ELSE f.prefix END AS subject_prefix
FROM children c
LEFT JOIN resident_rows r ON r.person_id = c.person_id
JOIN first_rows f ON f.person_id = c.person_id

-- step: clues
SELECT k.clue_key, 'red' AS severity, {{ as_of }} AS event_on, CAST(NULL AS STRING) AS region_code,
       CAST(NULL AS STRING) AS actions, CAST(count(DISTINCT m.model_id) AS STRING) AS detail
FROM keyed k JOIN minors m ON m.person_id = k.person_id
GROUP BY k.clue_key

-- step: items
SELECT clue_key, 'subject' AS item, 'minor' AS role, subject_dataset AS dataset, subject_row AS record_id,
       subject_prefix AS prefix, CAST(NULL AS STRING) AS org_code, CAST(NULL AS STRING) AS note
FROM keyed
UNION ALL
SELECT DISTINCT k.clue_key, 'evidence', NULL, 'clues', m.clue_key, NULL, NULL, 'clue of ' || m.model_id
FROM keyed k JOIN minors m ON m.person_id = k.person_id
