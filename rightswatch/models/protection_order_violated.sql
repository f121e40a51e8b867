-- Model 12: the respondent of a personal safety protection order in force is a suspect in
-- an incident against the applicant.

-- step: orders
SELECT record_id AS order_id, applicant_person_id AS applicant_id, respondent_person_id AS respondent_id,
       issued_on, expires_on
FROM protection_orders
WHERE status = 'issued' AND issued_on IS NOT NULL
  AND applicant_person_id IS NOT NULL AND respondent_person_id IS NOT NULL

-- step: incidents
SELECT i.record_id AS incident_id, CAST(i.reported_at AS DATE) AS reported_on, i.region_code,
       v.person_id AS victim_id, v.record_id AS victim_party,
       {{ age_years(v.birth_on, CAST(i.reported_at AS DATE)) }} AS victim_age,
       s.person_id AS suspect_id, s.record_id AS suspect_party
FROM police_incidents i
JOIN incident_parties v ON v.incident_record_id = i.record_id AND v.role = 'victim'
JOIN incident_parties s ON s.incident_record_id = i.record_id AND s.role = 'suspect'
WHERE i.reported_at IS NOT NULL AND v.person_id IS NOT NULL AND s.person_id IS NOT NULL

-- step: violations
-- Reported between issued_on and expires_on, both included; an order with no expiry stays in force.
SELECT x.*, o.order_id
FROM incidents x
JOIN orders o
  ON o.applicant_id = x.victim_id AND o.respondent_id = x.suspect_id
 AND x.reported_on >= o.issued_on AND (o.expires_on IS NULL OR x.reported_on <= o.expires_on)

-- step: clues
SELECT incident_id AS clue_key, 'red' AS severity, min(reported_on) AS event_on, min(region_code) AS region_code,
       CAST(NULL AS STRING) AS actions, CAST(NULL AS STRING) AS detail
FROM violations
GROUP BY incident_id

-- step: items
SELECT incident_id AS clue_key, 'subject' AS item, CASE WHEN victim_age < 18 THEN 'minor' ELSE 'victim' END AS role,
       'incident_parties' AS dataset, victim_party AS record_id, '' AS prefix,
       CAST(NULL AS STRING) AS org_code, CAST(NULL AS STRING) AS note
FROM violations
UNION ALL
SELECT incident_id, 'subject', 'suspect', 'incident_parties', suspect_party, '', NULL, NULL FROM violations
UNION ALL
SELECT incident_id, 'evidence', NULL, 'police_incidents', incident_id, NULL, NULL, 'incident' FROM violations
UNION ALL
SELECT incident_id, 'evidence', NULL, 'incident_parties', victim_party, NULL, NULL, 'victim, the order''s applicant'
FROM violations
UNION ALL
SELECT incident_id, 'evidence', NULL, 'incident_parties', suspect_party, NULL, NULL, 'suspect, the order''s respondent'
FROM violations
UNION ALL
SELECT incident_id, 'evidence', NULL, 'protection_orders', order_id, NULL, NULL, 'order in force' FROM violations
