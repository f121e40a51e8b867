-- Model 17: a criminal record of an offense committed under 18 with a sentence of at most
-- five years that is not sealed.

-- step: records
SELECT record_id, offense_on
FROM offense_records
WHERE decision_type = 'criminal_judgment' AND offense_on IS NOT NULL AND offender_birth_on IS NOT NULL
  AND sentence_months IS NOT NULL AND sentence_months <= 60
  AND NOT COALESCE(sealed, FALSE)
  AND {{ age_years(offender_birth_on, offense_on) }} < 18

-- step: clues
SELECT record_id AS clue_key, 'orange' AS severity, offense_on AS event_on, CAST(NULL AS STRING) AS region_code,
       CAST(NULL AS STRING) AS actions, CAST(NULL AS STRING) AS detail
FROM records

-- step: items
SELECT record_id AS clue_key, 'subject' AS item, 'offender' AS role, 'offense_records' AS dataset, record_id,
       '' AS prefix, CAST(NULL AS STRING) AS org_code, CAST(NULL AS STRING) AS note
FROM records
UNION ALL
SELECT record_id, 'evidence', NULL, 'offense_records', record_id, NULL, NULL, 'juvenile record, not sealed' FROM records
