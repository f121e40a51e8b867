-- Model 2: a hotel took in a minor without recording a guardian's contact, and no related
-- adult stayed in the room with the minor. Reads the shared relation hotel_room_sharing.

-- step: minor_stays
-- An empty guardian_contact_recorded counts as not recorded.
SELECT minor_stay AS record_id, hotel_org_code, hotel_name, region_code, checkin_on,
       max(CASE WHEN related THEN 1 ELSE 0 END) AS with_related_adult
FROM hotel_room_sharing
WHERE NOT COALESCE(guardian_contact_recorded, FALSE)
GROUP BY minor_stay, hotel_org_code, hotel_name, region_code, checkin_on

-- step: flagged
SELECT s.*, s.hotel_org_code || '|' || {{ quarter_of(s.checkin_on) }} AS clue_key
FROM minor_stays s
WHERE s.with_related_adult = 0

-- step: clues
SELECT clue_key,
       CASE WHEN count(DISTINCT record_id) >= 3 THEN 'orange' ELSE 'yellow' END AS severity,
       min(checkin_on) AS event_on, min(region_code) AS region_code,
       CAST(NULL AS STRING) AS actions, CAST(count(DISTINCT record_id) AS STRING) AS detail
FROM flagged
GROUP BY clue_key

-- step: items
SELECT clue_key, 'subject' AS item, 'hotel' AS role, 'hotel_stays' AS dataset, record_id,
       CAST(NULL AS STRING) AS prefix, hotel_org_code AS org_code, hotel_name AS note
FROM flagged
UNION ALL
SELECT clue_key, 'subject', 'minor', 'hotel_stays', record_id, '', NULL, NULL FROM flagged
UNION ALL
SELECT clue_key, 'evidence', NULL, 'hotel_stays', record_id, NULL, NULL, 'minor''s stay without guardian contact'
FROM flagged
