-- Model 9: a student on the roll who checks in to hotels or enters venues unsuitable for
-- minors during school hours on three or more distinct school days of the term.

-- step: students
SELECT record_id, person_id, term
FROM school_enrollments
WHERE status = 'enrolled' AND school_type IN ('primary', 'junior_secondary', 'special_education')
  AND person_id IS NOT NULL AND term IS NOT NULL

-- step: events
SELECT 'hotel_stays' AS dataset, h.record_id, h.person_id, h.region_code, h.checkin_at AS at
FROM hotel_stays h
WHERE h.checkin_at IS NOT NULL AND h.person_id IN (SELECT person_id FROM students)
UNION ALL
SELECT 'venue_visits', v.record_id, v.person_id, v.region_code, v.entered_at
FROM venue_visits v
WHERE v.entered_at IS NOT NULL AND v.venue_type IN ('internet_cafe', 'ktv', 'bar', 'dance_hall')
  AND v.person_id IN (SELECT person_id FROM students)

-- step: dated
SELECT e.*, CAST(e.at AS DATE) AS on_day, {{ seconds_of_day(e.at) }} AS secs, {{ term_of(CAST(e.at AS DATE)) }} AS term
FROM events e

-- step: calendar_regions
SELECT DISTINCT region_code FROM school_attendance_days WHERE region_code IS NOT NULL AND region_code <> ''

-- step: event_region
-- The longest calendar region that is a prefix of the event's region (its calendar is used whole).
SELECT dataset, record_id, calendar FROM (
  SELECT d.dataset, d.record_id, c.region_code AS calendar,
         row_number() OVER (PARTITION BY d.dataset, d.record_id ORDER BY length(c.region_code) DESC) AS rn
  FROM dated d JOIN calendar_regions c ON substr(COALESCE(d.region_code, ''), 1, length(c.region_code)) = c.region_code
) t WHERE rn = 1

-- step: by_calendar
SELECT d.*
FROM dated d
JOIN event_region r ON r.dataset = d.dataset AND r.record_id = d.record_id
JOIN school_attendance_days s ON s.region_code = r.calendar AND s.school_day = d.on_day
WHERE d.secs BETWEEN COALESCE({{ seconds_of_day(s.start_time) }}, 28800)
                 AND COALESCE({{ seconds_of_day(s.end_time) }}, 61200)

-- step: by_default
-- No calendar region: Monday to Friday in March–June and September–December, 08:00–17:00.
SELECT d.*
FROM dated d
LEFT JOIN event_region r ON r.dataset = d.dataset AND r.record_id = d.record_id
WHERE r.record_id IS NULL AND {{ iso_weekday(d.on_day) }} <= 5
  AND (month(d.on_day) BETWEEN 3 AND 6 OR month(d.on_day) BETWEEN 9 AND 12)
  AND d.secs BETWEEN 28800 AND 61200

-- step: in_school_hours
SELECT * FROM by_calendar UNION ALL SELECT * FROM by_default

-- step: truant
SELECT s.record_id AS enrolment, s.term, e.dataset, e.record_id, e.on_day
FROM students s JOIN in_school_hours e ON e.person_id = s.person_id AND e.term = s.term

-- step: flagged
SELECT enrolment, count(DISTINCT on_day) AS days, min(on_day) AS first_day
FROM truant GROUP BY enrolment HAVING count(DISTINCT on_day) >= 3

-- step: clues
SELECT enrolment AS clue_key, CASE WHEN days >= 10 THEN 'orange' ELSE 'yellow' END AS severity,
       first_day AS event_on, CAST(NULL AS STRING) AS region_code, CAST(NULL AS STRING) AS actions,
       CAST(days AS STRING) AS detail
FROM flagged

-- step: items
SELECT enrolment AS clue_key, 'subject' AS item, 'minor' AS role, 'school_enrollments' AS dataset,
       enrolment AS record_id, '' AS prefix, CAST(NULL AS STRING) AS org_code, CAST(NULL AS STRING) AS note
FROM flagged
UNION ALL
SELECT enrolment, 'evidence', NULL, 'school_enrollments', enrolment, NULL, NULL, 'enrolled this term' FROM flagged
UNION ALL
SELECT t.enrolment, 'evidence', NULL, t.dataset, t.record_id, NULL, NULL, 'during school hours on a school day'
FROM truant t WHERE t.enrolment IN (SELECT enrolment FROM flagged)
