-- Shared relation: minors' stays and the adults overlapping them in the same room.
-- Output: the last step, one row per (minor stay, overlapping adult stay), or one row with
-- NULL adult columns for a minor's stay that no adult overlaps.

-- step: minors
SELECT record_id AS minor_stay, hotel_org_code, hotel_name, upper(trim(room_number)) AS room, region_code,
       person_id AS minor_id, checkin_at, {{ open_end(checkout_at) }} AS checkout_at,
       CAST(checkin_at AS DATE) AS checkin_on, {{ age_years(birth_on, CAST(checkin_at AS DATE)) }} AS minor_age,
       guardian_contact_recorded, relationship_recorded, reported_to_police
FROM hotel_stays
WHERE hotel_org_code IS NOT NULL AND checkin_at IS NOT NULL AND birth_on IS NOT NULL
  AND {{ age_years(birth_on, CAST(checkin_at AS DATE)) }} < 18

-- step: adults
SELECT record_id AS adult_stay, hotel_org_code, upper(trim(room_number)) AS room, person_id AS adult_id,
       checkin_at, {{ open_end(checkout_at) }} AS checkout_at
FROM hotel_stays
WHERE hotel_org_code IS NOT NULL AND room_number IS NOT NULL AND checkin_at IS NOT NULL AND birth_on IS NOT NULL
  AND {{ age_years(birth_on, CAST(checkin_at AS DATE)) }} >= 18

-- step: overlapping
SELECT m.minor_stay, a.adult_stay, a.adult_id
FROM minors m
JOIN adults a
  ON a.hotel_org_code = m.hotel_org_code AND a.room = m.room
 AND {{ overlaps(m.checkin_at, m.checkout_at, a.checkin_at, a.checkout_at) }}
WHERE a.adult_id <> m.minor_id

-- step: with_minor
SELECT o.*, m.minor_id FROM overlapping o JOIN minors m ON m.minor_stay = o.minor_stay

-- step: related
{{ related_pairs(with_minor, minor_id, adult_id) }}

-- step: sharing
SELECT m.*, o.adult_stay, o.adult_id, r.person_a IS NOT NULL AS related
FROM minors m
LEFT JOIN with_minor o ON o.minor_stay = m.minor_stay
LEFT JOIN related r ON r.person_a = o.minor_id AND r.person_b = o.adult_id
