-- Model 4: a person employed in a post in close contact with minors has a disqualifying record.
-- Sealed records feed this model (the pre-employment query is lawful); the clue shows only
-- that a sealed record exists, never its content.

-- step: posts
SELECT record_id, org_code, org_name, region_code, person_id
FROM staff_rosters
WHERE org_type IN ('kindergarten', 'primary_school', 'secondary_school', 'special_education_school',
                   'training_institution', 'child_welfare', 'pediatric_care', 'youth_sports',
                   'childrens_activity_center')
  AND hired_on <= {{ as_of }} AND (left_on IS NULL OR left_on > {{ as_of }})
  AND person_id IS NOT NULL

-- step: offenses
SELECT record_id, person_id, category, COALESCE(sealed, FALSE) AS sealed
FROM offense_records
WHERE category IN ('rape', 'child_sexual_abuse', 'indecency', 'forced_prostitution', 'trafficking', 'abuse',
                   'abuse_of_ward', 'intentional_injury', 'homicide', 'robbery')
  AND decided_on <= {{ as_of }} AND person_id IS NOT NULL

-- step: matches
SELECT p.record_id AS clue_key, p.org_code, p.org_name, p.region_code, o.record_id AS offense_id, o.category, o.sealed
FROM posts p JOIN offenses o ON o.person_id = p.person_id

-- step: clues
SELECT clue_key,
       CASE WHEN max(CASE WHEN category IN ('rape', 'child_sexual_abuse', 'indecency', 'forced_prostitution',
                                           'trafficking') THEN 1 ELSE 0 END) = 1
            THEN 'red' ELSE 'orange' END AS severity,
       {{ as_of }} AS event_on, min(region_code) AS region_code, CAST(NULL AS STRING) AS actions,
       -- Only an unsealed record's category may reach the summary.
       min(CASE WHEN NOT sealed THEN category END) AS detail
FROM matches
GROUP BY clue_key

-- step: items
SELECT DISTINCT clue_key, 'subject' AS item, 'staff' AS role, 'staff_rosters' AS dataset, clue_key AS record_id,
       '' AS prefix, CAST(NULL AS STRING) AS org_code, CAST(NULL AS STRING) AS note
FROM matches
UNION ALL
SELECT DISTINCT clue_key, 'subject', 'employer', 'staff_rosters', clue_key, NULL, org_code, org_name FROM matches
UNION ALL
SELECT DISTINCT clue_key, 'evidence', NULL, 'staff_rosters', clue_key, NULL, NULL, 'current post' FROM matches
UNION ALL
SELECT clue_key, 'evidence', NULL, 'offense_records', offense_id, NULL, NULL,
       CASE WHEN sealed THEN NULL ELSE category END
FROM matches
