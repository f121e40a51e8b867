-- Model 1: a minor and an unrelated adult registered in the same hotel room at the same time.
-- Reads the shared relation hotel_room_sharing (models/shared/): minors' stays and the adults
-- whose stays overlap them in the same room, with whether the two are related.

-- step: pairs
SELECT * FROM hotel_room_sharing WHERE adult_stay IS NOT NULL

-- step: unrelated
-- The rule is per (minor, adult) pair: a parent also in the room does not clear a stranger.
SELECT * FROM pairs WHERE NOT related

-- step: repeat_adults
-- An adult who shares rooms with two or more distinct minors within 90 days makes the clue red.
SELECT DISTINCT u1.minor_stay, u1.adult_id
FROM unrelated u1
JOIN unrelated u2
  ON u2.adult_id = u1.adult_id AND u2.minor_id <> u1.minor_id
 AND u2.checkin_on BETWEEN {{ add_days(u1.checkin_on, -90) }} AND {{ add_days(u1.checkin_on, 90) }}

-- step: clues
SELECT u.minor_stay AS clue_key,
       CASE WHEN min(u.minor_age) < 14 OR count(r.adult_id) > 0 THEN 'red' ELSE 'orange' END AS severity,
       min(u.checkin_on) AS event_on,
       min(u.region_code) AS region_code,
       -- The hotel also failed its own duty: a procuratorial suggestion to its regulator as well.
       CASE WHEN max(CASE WHEN COALESCE(u.relationship_recorded, FALSE) AND COALESCE(u.guardian_contact_recorded, FALSE)
                               AND COALESCE(u.reported_to_police, FALSE) THEN 0 ELSE 1 END) = 1
            THEN 'criminal_case_supervision;procuratorial_suggestion'
            ELSE 'criminal_case_supervision' END AS actions,
       CAST(NULL AS STRING) AS detail
FROM unrelated u
LEFT JOIN repeat_adults r ON r.minor_stay = u.minor_stay AND r.adult_id = u.adult_id
GROUP BY u.minor_stay

-- step: items
SELECT minor_stay AS clue_key, 'subject' AS item, 'minor' AS role, 'hotel_stays' AS dataset,
       minor_stay AS record_id, '' AS prefix, CAST(NULL AS STRING) AS org_code, CAST(NULL AS STRING) AS note
FROM unrelated
UNION ALL
SELECT minor_stay, 'subject', 'adult', 'hotel_stays', adult_stay, '', NULL, NULL FROM unrelated
UNION ALL
SELECT minor_stay, 'subject', 'hotel', 'hotel_stays', minor_stay, NULL, hotel_org_code, hotel_name FROM unrelated
UNION ALL
SELECT minor_stay, 'evidence', NULL, 'hotel_stays', minor_stay, NULL, NULL, 'minor''s stay' FROM unrelated
UNION ALL
SELECT p.minor_stay, 'evidence', NULL, 'hotel_stays', p.adult_stay, NULL, NULL,
       CASE WHEN p.related THEN 'overlapping stay of a related adult' ELSE 'overlapping adult stay' END
FROM pairs p
WHERE p.minor_stay IN (SELECT minor_stay FROM unrelated)
