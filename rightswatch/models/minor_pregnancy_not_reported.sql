-- Model 5: a girl under 14 seen for a pregnancy, with no report about her from 180 days
-- before to 7 days after the visit.

-- step: visits
SELECT record_id, hospital_org_code, hospital_name, region_code, COALESCE(person_id, 'row:' || record_id) AS patient,
       person_id, visit_at, CAST(visit_at AS DATE) AS visit_on,
       {{ regex_replace_all(upper(COALESCE(diagnosis_codes, '')), '[. ]', '') }} AS codes,
       {{ lexicon_clean('pregnancy', diagnosis_text) }} AS text_clean
FROM medical_visits
WHERE gender = 'F' AND hospital_org_code IS NOT NULL AND visit_at IS NOT NULL AND birth_on IS NOT NULL
  AND {{ age_years(birth_on, CAST(visit_at AS DATE)) }} < 14

-- step: pregnancies
-- ICD-10 chapter O (O00–O99, O9A), Z32.1, Z33–Z37, Z39.*; or the text (negations removed).
SELECT *
FROM visits
WHERE {{ regex_match(codes, '(^|[;,，；、])(O[0-9][0-9]|O9A|Z321|Z3[3-7]|Z39)') }}
   OR {{ lexicon_extract('pregnancy', 'pregnancy', text_clean) }} <> ''

-- step: qualifying
SELECT *
FROM pregnancies v
WHERE NOT {{ reported_between(v.person_id, add_days(v.visit_on, -180), add_days(v.visit_on, 7)) }}

-- step: keyed
-- One clue per (patient, hospital), keyed by the earliest qualifying visit there.
SELECT q.*, first_value(q.record_id) OVER (PARTITION BY q.patient, q.hospital_org_code
                                           ORDER BY q.visit_at, q.record_id) AS clue_key
FROM qualifying q

-- step: clues
SELECT clue_key, 'red' AS severity, min(visit_on) AS event_on, min(region_code) AS region_code,
       CAST(NULL AS STRING) AS actions, CAST(count(*) AS STRING) AS detail
FROM keyed
GROUP BY clue_key

-- step: items
SELECT clue_key, 'subject' AS item, 'minor' AS role, 'medical_visits' AS dataset, record_id,
       '' AS prefix, CAST(NULL AS STRING) AS org_code, CAST(NULL AS STRING) AS note
FROM keyed
UNION ALL
SELECT clue_key, 'subject', 'hospital', 'medical_visits', record_id, NULL, hospital_org_code, hospital_name FROM keyed
UNION ALL
SELECT clue_key, 'evidence', NULL, 'medical_visits', record_id, NULL, NULL, 'pregnancy-related visit, not reported'
FROM keyed
