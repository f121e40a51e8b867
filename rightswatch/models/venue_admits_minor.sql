-- Model 3: a venue unsuitable for minors let a minor in.

-- step: visits
-- On the 18th birthday itself the visitor is still a minor (day-after rule, in age_years).
SELECT record_id, venue_org_code, venue_name, region_code, COALESCE(person_id, 'row:' || record_id) AS visitor,
       CAST(entered_at AS DATE) AS entered_on
FROM venue_visits
WHERE venue_type IN ('internet_cafe', 'ktv', 'bar', 'dance_hall')
  AND venue_org_code IS NOT NULL AND entered_at IS NOT NULL AND birth_on IS NOT NULL
  AND {{ age_years(birth_on, CAST(entered_at AS DATE)) }} < 18

-- step: keyed
SELECT v.*, v.venue_org_code || '|' || {{ month_of(v.entered_on) }} AS clue_key FROM visits v

-- step: clues
SELECT clue_key,
       CASE WHEN count(DISTINCT visitor) >= 10 THEN 'red'
            WHEN count(DISTINCT visitor) >= 3 THEN 'orange' ELSE 'yellow' END AS severity,
       min(entered_on) AS event_on, min(region_code) AS region_code,
       CAST(NULL AS STRING) AS actions, CAST(count(DISTINCT visitor) AS STRING) AS detail
FROM keyed
GROUP BY clue_key

-- step: items
SELECT clue_key, 'subject' AS item, 'venue' AS role, 'venue_visits' AS dataset, record_id,
       CAST(NULL AS STRING) AS prefix, venue_org_code AS org_code, venue_name AS note
FROM keyed
UNION ALL
SELECT clue_key, 'subject', 'minor', 'venue_visits', record_id, '', NULL, NULL FROM keyed
UNION ALL
SELECT clue_key, 'evidence', NULL, 'venue_visits', record_id, NULL, NULL, 'minor''s entry' FROM keyed
