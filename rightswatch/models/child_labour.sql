-- Model 15: a person under 16 full years employed (past employments included).
-- Age only grows, so "under 16 on any day of the employment up to as_of" is "under 16 on hired_on".

-- step: posts
SELECT record_id, org_code, org_name, region_code, hired_on
FROM staff_rosters
WHERE COALESCE(org_type, 'other') <> 'youth_sports' AND hired_on IS NOT NULL AND birth_on IS NOT NULL
  AND hired_on <= {{ as_of }}
  AND {{ age_years(birth_on, hired_on) }} < 16

-- step: clues
SELECT record_id AS clue_key, 'red' AS severity, hired_on AS event_on, region_code,
       CAST(NULL AS STRING) AS actions, CAST(NULL AS STRING) AS detail
FROM posts

-- step: items
SELECT record_id AS clue_key, 'subject' AS item, 'minor' AS role, 'staff_rosters' AS dataset, record_id,
       '' AS prefix, CAST(NULL AS STRING) AS org_code, CAST(NULL AS STRING) AS note
FROM posts
UNION ALL
SELECT record_id, 'subject', 'employer', 'staff_rosters', record_id, NULL, org_code, org_name FROM posts
UNION ALL
SELECT record_id, 'evidence', NULL, 'staff_rosters', record_id, NULL, NULL, 'employment of a child under 16' FROM posts
