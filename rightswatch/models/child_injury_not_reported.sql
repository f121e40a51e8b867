-- Model 7: a minor's injury that suggests abuse, with no report from 30 days before to 7
-- days after the visit. Phrases come from lexicons/suspicious_injury.yml.

-- step: visits
SELECT record_id, hospital_org_code, hospital_name, region_code, COALESCE(person_id, 'row:' || record_id) AS patient,
       person_id, visit_at, CAST(visit_at AS DATE) AS visit_on,
       {{ age_years(birth_on, CAST(visit_at AS DATE)) }} AS age,
       {{ regex_replace_all(upper(COALESCE(diagnosis_codes, '')), '[. ]', '') }} AS codes,
       {{ lexicon_clean('suspicious_injury', diagnosis_text) }} AS text_clean
FROM medical_visits
WHERE visit_at IS NOT NULL AND birth_on IS NOT NULL AND {{ age_years(birth_on, CAST(visit_at AS DATE)) }} < 18

-- step: flags
SELECT v.*,
       {{ regex_match(codes, '(^|[;,，；、])(T74|T76)') }} AS maltreatment_code,
       {{ regex_match(codes, '(^|[;,，；、])(S[0-9][0-9]|T0[0-9]|T1[0-4])') }} AS injury_code,
       {{ lexicon_extract('suspicious_injury', 'sexual', text_clean) }} <> ''
         OR {{ lexicon_extract('suspicious_injury', 'genital', text_clean) }} <> ''
         OR {{ lexicon_extract('suspicious_injury', 'burn', text_clean) }} <> '' AS suspicious_text,
       {{ lexicon_extract('suspicious_injury', 'fracture', text_clean) }} <> '' AND v.age < 2 AS infant_fracture
FROM visits v

-- step: injuries
SELECT * FROM flags WHERE injury_code

-- step: third
-- An injury visit that makes three injury visits of the patient within 180 days (all hospitals).
SELECT i.record_id
FROM injuries i
JOIN injuries e ON e.patient = i.patient AND e.visit_on >= {{ add_days(i.visit_on, -180) }}
 AND (e.visit_at < i.visit_at OR (e.visit_at = i.visit_at AND e.record_id <= i.record_id))
GROUP BY i.record_id
HAVING count(*) >= 3

-- step: candidates
SELECT f.*, t.record_id IS NOT NULL AS repeated
FROM flags f LEFT JOIN third t ON t.record_id = f.record_id
WHERE f.maltreatment_code OR f.suspicious_text OR f.infant_fracture OR t.record_id IS NOT NULL

-- step: unreported
SELECT * FROM candidates c
WHERE NOT {{ reported_between(c.person_id, add_days(c.visit_on, -30), add_days(c.visit_on, 7)) }}

-- step: repeat_keys
-- For repeated injuries only the visit that makes three is a key; a later one within 180 days joins it.
SELECT u.record_id
FROM unreported u
WHERE NOT (u.repeated AND NOT u.maltreatment_code AND NOT u.suspicious_text AND NOT u.infant_fracture
           AND EXISTS (SELECT 1 FROM unreported p WHERE p.patient = u.patient AND p.repeated
                       AND p.visit_on >= {{ add_days(u.visit_on, -180) }}
                       AND (p.visit_at < u.visit_at OR (p.visit_at = u.visit_at AND p.record_id < u.record_id))))

-- step: keyed
SELECT u.* FROM unreported u JOIN repeat_keys k ON k.record_id = u.record_id

-- step: clues
SELECT record_id AS clue_key,
       CASE WHEN maltreatment_code OR age < 2 THEN 'red' ELSE 'orange' END AS severity,
       visit_on AS event_on, region_code, CAST(NULL AS STRING) AS actions, CAST(NULL AS STRING) AS detail
FROM keyed

-- step: items
SELECT record_id AS clue_key, 'subject' AS item, 'minor' AS role, 'medical_visits' AS dataset, record_id,
       '' AS prefix, CAST(NULL AS STRING) AS org_code, CAST(NULL AS STRING) AS note
FROM keyed
UNION ALL
SELECT record_id, 'subject', 'hospital', 'medical_visits', record_id, NULL, hospital_org_code, hospital_name FROM keyed
UNION ALL
SELECT record_id, 'evidence', NULL, 'medical_visits', record_id, NULL, NULL, 'injury visit, not reported' FROM keyed
UNION ALL
SELECT k.record_id, 'evidence', NULL, 'medical_visits', i.record_id, NULL, NULL, 'injury visit within 180 days'
FROM keyed k JOIN injuries i ON i.patient = k.patient AND i.record_id <> k.record_id
 AND i.visit_on BETWEEN {{ add_days(k.visit_on, -180) }} AND {{ add_days(k.visit_on, 180) }}
WHERE k.repeated
