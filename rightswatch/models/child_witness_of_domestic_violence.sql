-- Model 13: a child witnessed domestic violence (present, or living in the household of the
-- victim or suspect) and the police only mediated or took no action.

-- step: incidents
SELECT record_id AS incident_id, CAST(reported_at AS DATE) AS incident_on, region_code
FROM police_incidents
WHERE category = 'domestic_violence' AND disposition IN ('mediated', 'no_action') AND reported_at IS NOT NULL

-- step: present
-- A child present who is a minor on the incident date, or whose age is unknown.
SELECT i.incident_id, p.record_id AS child_row, 'incident_parties' AS child_dataset
FROM incidents i JOIN incident_parties p ON p.incident_record_id = i.incident_id AND p.role = 'child_present'
WHERE p.birth_on IS NULL OR {{ age_years(p.birth_on, i.incident_on) }} < 18

-- step: household
-- A resident of the victim's or suspect's household, born by the incident date and under 18 then.
SELECT DISTINCT i.incident_id, c.record_id AS child_row, 'residents' AS child_dataset
FROM incidents i
JOIN incident_parties p ON p.incident_record_id = i.incident_id AND p.role IN ('victim', 'suspect')
JOIN residents a ON a.person_id = p.person_id AND a.household_id IS NOT NULL AND a.household_id <> ''
JOIN residents c ON c.household_id = a.household_id AND c.person_id <> p.person_id
WHERE c.birth_on IS NOT NULL AND c.birth_on <= i.incident_on AND {{ age_years(c.birth_on, i.incident_on) }} < 18

-- step: children
SELECT * FROM present UNION ALL SELECT * FROM household

-- step: flagged
SELECT i.* FROM incidents i WHERE i.incident_id IN (SELECT incident_id FROM children)

-- step: clues
SELECT incident_id AS clue_key, 'orange' AS severity, incident_on AS event_on, region_code,
       CAST(NULL AS STRING) AS actions, CAST(NULL AS STRING) AS detail
FROM flagged

-- step: items
SELECT incident_id AS clue_key, 'subject' AS item, 'minor' AS role, child_dataset AS dataset,
       child_row AS record_id, '' AS prefix, CAST(NULL AS STRING) AS org_code, CAST(NULL AS STRING) AS note
FROM children
UNION ALL
SELECT f.incident_id, 'subject', p.role, 'incident_parties', p.record_id, '', NULL, NULL
FROM flagged f JOIN incident_parties p ON p.incident_record_id = f.incident_id AND p.role IN ('victim', 'suspect')
UNION ALL
SELECT incident_id, 'evidence', NULL, 'police_incidents', incident_id, NULL, NULL,
       'domestic violence incident, mediated or no action' FROM flagged
UNION ALL
SELECT incident_id, 'evidence', NULL, child_dataset, child_row, NULL, NULL, 'child witness' FROM children
