-- Model 18: a woman or minor victim in a filed case who receives hardship benefits or has a
-- registered disability on the incident date.

-- step: victims
SELECT p.record_id, p.person_id, i.region_code, CAST(i.reported_at AS DATE) AS incident_on,
       {{ age_years(p.birth_on, CAST(i.reported_at AS DATE)) }} AS age, p.gender
FROM incident_parties p
JOIN police_incidents i ON i.record_id = p.incident_record_id
WHERE p.role = 'victim' AND i.disposition = 'case_filed' AND i.reported_at IS NOT NULL AND p.person_id IS NOT NULL

-- step: women_minors
SELECT * FROM victims WHERE gender = 'F' OR age < 18

-- step: benefit
SELECT DISTINCT v.record_id, b.record_id AS source_id, 'welfare_benefits' AS source
FROM women_minors v
JOIN welfare_benefits b ON b.person_id = v.person_id
WHERE b.benefit_type IN ('minimum_living', 'disadvantaged', 'orphan', 'de_facto_unsupported')
  AND b.start_on <= v.incident_on AND (b.end_on IS NULL OR b.end_on >= v.incident_on)

-- step: disability
SELECT DISTINCT v.record_id, d.record_id AS source_id, 'disabilities' AS source
FROM women_minors v
JOIN disabilities d ON d.person_id = v.person_id
WHERE d.registered_on IS NULL OR d.registered_on <= v.incident_on

-- step: grounds
SELECT * FROM benefit UNION ALL SELECT * FROM disability

-- step: eligible
SELECT v.* FROM women_minors v WHERE v.record_id IN (SELECT record_id FROM grounds)

-- step: clues
SELECT record_id AS clue_key, 'yellow' AS severity, incident_on AS event_on, region_code,
       CAST(NULL AS STRING) AS actions, CAST(NULL AS STRING) AS detail
FROM eligible

-- step: items
SELECT record_id AS clue_key, 'subject' AS item, CASE WHEN age < 18 THEN 'minor' ELSE 'victim' END AS role,
       'incident_parties' AS dataset, record_id, '' AS prefix, CAST(NULL AS STRING) AS org_code,
       CAST(NULL AS STRING) AS note
FROM eligible
UNION ALL
SELECT record_id, 'evidence', NULL, 'incident_parties', record_id, NULL, NULL, 'victim in a filed case' FROM eligible
UNION ALL
SELECT record_id, 'evidence', NULL, source, source_id, NULL, NULL,
       CASE WHEN source = 'welfare_benefits' THEN 'benefit on the incident date' ELSE 'registered disability' END
FROM grounds WHERE record_id IN (SELECT record_id FROM eligible)
