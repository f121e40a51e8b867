-- Model 16: a licensed venue unsuitable for minors within 200 m of a school.

-- step: venues
SELECT record_id, org_code, org_name, region_code, lat, lon
FROM organisations
WHERE org_type IN ('internet_cafe', 'ktv', 'bar', 'dance_hall', 'tobacco_retailer', 'lottery_retailer', 'tattoo_parlor')
  AND licence_status = 'valid' AND lat IS NOT NULL AND lon IS NOT NULL AND org_code IS NOT NULL

-- step: schools
SELECT record_id, org_code, org_name, lat, lon
FROM organisations
WHERE org_type IN ('kindergarten', 'primary_school', 'secondary_school', 'special_education_school')
  AND lat IS NOT NULL AND lon IS NOT NULL

-- step: near
-- Bounding box first (0.0025° of latitude ≈ 278 m; longitude widened by 1/cos(latitude)),
-- then the great-circle (haversine) distance on a sphere of radius 6371.0088 km.
SELECT v.record_id AS venue_row, v.org_code, v.org_name, v.region_code, s.record_id AS school_row,
       s.org_code AS school_code, s.org_name AS school_name,
       2 * 6371008.8 * asin(sqrt(
         power(sin(radians(s.lat - v.lat) / 2), 2)
         + cos(radians(v.lat)) * cos(radians(s.lat)) * power(sin(radians(s.lon - v.lon) / 2), 2))) AS metres
FROM venues v
JOIN schools s
  ON s.lat BETWEEN v.lat - 0.0025 AND v.lat + 0.0025
 AND s.lon BETWEEN v.lon - 0.0025 / cos(radians(v.lat)) AND v.lon + 0.0025 / cos(radians(v.lat))

-- step: within
SELECT * FROM near WHERE metres <= 200

-- step: clues
SELECT org_code AS clue_key, CASE WHEN min(metres) <= 50 THEN 'red' ELSE 'orange' END AS severity,
       {{ as_of }} AS event_on, min(region_code) AS region_code, CAST(NULL AS STRING) AS actions,
       CAST(CAST(round(min(metres)) AS BIGINT) AS STRING) AS detail
FROM within
GROUP BY org_code

-- step: items
SELECT org_code AS clue_key, 'subject' AS item, 'venue' AS role, 'organisations' AS dataset, venue_row AS record_id,
       CAST(NULL AS STRING) AS prefix, org_code, org_name AS note
FROM within
UNION ALL
SELECT org_code, 'subject', 'school', 'organisations', school_row, NULL, school_code, school_name FROM within
UNION ALL
SELECT org_code, 'evidence', NULL, 'organisations', venue_row, NULL, NULL, 'licensed venue' FROM within
UNION ALL
SELECT org_code, 'evidence', NULL, 'organisations', school_row, NULL, NULL,
       'school ' || CAST(CAST(round(metres) AS BIGINT) AS STRING) || ' m away' FROM within
