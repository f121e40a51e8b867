-- Model 11: repeated domestic violence between the same victim and suspect, and the police
-- never issued a warning letter, a penalty, or filed a case.

-- step: incidents
SELECT record_id AS incident_id, reported_at, CAST(reported_at AS DATE) AS reported_on, disposition, region_code
FROM police_incidents
WHERE category = 'domestic_violence' AND reported_at IS NOT NULL

-- step: pair_incidents
-- One row per (victim, suspect, incident), in that order.
SELECT v.person_id AS victim_id, s.person_id AS suspect_id, i.incident_id, i.reported_at, i.reported_on,
       i.disposition, i.region_code, min(v.record_id) AS victim_party, min(s.record_id) AS suspect_party,
       min({{ age_years(v.birth_on, i.reported_on) }}) AS victim_age
FROM incidents i
JOIN incident_parties v ON v.incident_record_id = i.incident_id AND v.role = 'victim'
JOIN incident_parties s ON s.incident_record_id = i.incident_id AND s.role = 'suspect'
WHERE v.person_id IS NOT NULL AND s.person_id IS NOT NULL AND v.person_id <> s.person_id
GROUP BY v.person_id, s.person_id, i.incident_id, i.reported_at, i.reported_on, i.disposition, i.region_code

-- step: windows
-- For each incident X of a pair: the pair's incidents in the 365 days before X, X included.
SELECT x.victim_id, x.suspect_id, x.incident_id, x.reported_at, x.reported_on, x.region_code,
       e.incident_id AS other_id, e.disposition AS other_disposition
FROM pair_incidents x
JOIN pair_incidents e
  ON e.victim_id = x.victim_id AND e.suspect_id = x.suspect_id
 AND e.reported_on >= {{ add_days(x.reported_on, -365) }}
 AND (e.reported_at < x.reported_at OR (e.reported_at = x.reported_at AND e.incident_id <= x.incident_id))

-- step: arising
SELECT victim_id, suspect_id, incident_id, reported_at, reported_on, region_code, count(*) AS incidents
FROM windows
GROUP BY victim_id, suspect_id, incident_id, reported_at, reported_on, region_code
HAVING count(*) >= 2
   AND max(CASE WHEN other_disposition IN ('warning_letter', 'administrative_penalty', 'case_filed')
                THEN 1 ELSE 0 END) = 0

-- step: latest
-- One clue per pair, keyed by the latest incident at which a clue arises.
SELECT * FROM (
  SELECT a.*, row_number() OVER (PARTITION BY victim_id, suspect_id
                                 ORDER BY reported_at DESC, incident_id DESC) AS rn
  FROM arising a
) t WHERE rn = 1

-- step: window_rows
SELECT l.incident_id AS clue_key, l.incidents, p.*
FROM latest l
JOIN windows w ON w.victim_id = l.victim_id AND w.suspect_id = l.suspect_id AND w.incident_id = l.incident_id
JOIN pair_incidents p ON p.victim_id = w.victim_id AND p.suspect_id = w.suspect_id AND p.incident_id = w.other_id

-- step: children_present
-- A child present who is a minor on the incident date, or whose age is unknown.
SELECT DISTINCT r.clue_key, c.record_id AS party_id
FROM window_rows r
JOIN incident_parties c ON c.incident_record_id = r.incident_id AND c.role = 'child_present'
WHERE c.birth_on IS NULL OR {{ age_years(c.birth_on, r.reported_on) }} < 18

-- step: clues
SELECT l.incident_id AS clue_key,
       CASE WHEN l.incidents >= 3 OR cp.n > 0 OR vm.n > 0 THEN 'red' ELSE 'orange' END AS severity,
       l.reported_on AS event_on, l.region_code, CAST(NULL AS STRING) AS actions,
       CAST(l.incidents AS STRING) AS detail
FROM latest l
LEFT JOIN (SELECT clue_key, count(*) AS n FROM children_present GROUP BY clue_key) cp ON cp.clue_key = l.incident_id
LEFT JOIN (SELECT clue_key, count(*) AS n FROM window_rows WHERE victim_age < 18 GROUP BY clue_key) vm
       ON vm.clue_key = l.incident_id

-- step: items
-- A victim under 18 at the keyed incident is the minor the clue protects.
SELECT r.clue_key, 'subject' AS item,
       CASE WHEN r.victim_age < 18 THEN 'minor' ELSE 'victim' END AS role,
       'incident_parties' AS dataset, r.victim_party AS record_id, '' AS prefix,
       CAST(NULL AS STRING) AS org_code, CAST(NULL AS STRING) AS note
FROM window_rows r WHERE r.incident_id = r.clue_key
UNION ALL
SELECT r.clue_key, 'subject', 'suspect', 'incident_parties', r.suspect_party, '', NULL, NULL
FROM window_rows r WHERE r.incident_id = r.clue_key
UNION ALL
SELECT clue_key, 'subject', 'child_present', 'incident_parties', party_id, '', NULL, NULL FROM children_present
UNION ALL
SELECT clue_key, 'evidence', NULL, 'police_incidents', incident_id, NULL, NULL,
       'domestic violence incident, disposition ' || COALESCE(disposition, 'unknown')
FROM window_rows
UNION ALL
SELECT clue_key, 'evidence', NULL, 'incident_parties', victim_party, NULL, NULL, 'victim' FROM window_rows
UNION ALL
SELECT clue_key, 'evidence', NULL, 'incident_parties', suspect_party, NULL, NULL, 'suspect' FROM window_rows
UNION ALL
SELECT clue_key, 'evidence', NULL, 'incident_parties', party_id, NULL, NULL, 'child present' FROM children_present
