-- Model 14: a job advertisement that excludes women, asks about marriage or childbearing,
-- or requires a pregnancy test. Phrases come from lexicons/recruitment_gender.yml.

-- step: postings
SELECT record_id, employer_org_code, employer_name, region_code, published_on,
       {{ lexicon_clean('recruitment_gender', COALESCE(title, '') || '。' || COALESCE(text, '')) }} AS cleaned
FROM job_postings
WHERE NOT {{ lexicon_exempt('recruitment_gender', title) }}

-- step: matched
SELECT p.*,
       {{ lexicon_extract('recruitment_gender', 'gender', cleaned) }} AS gender_phrase,
       {{ lexicon_extract('recruitment_gender', 'marriage', cleaned) }} AS marriage_phrase,
       {{ lexicon_extract('recruitment_gender', 'pregnancy', cleaned) }} AS pregnancy_phrase
FROM postings p

-- step: flagged
SELECT m.*,
       concat_ws('；', nullif(gender_phrase, ''), nullif(marriage_phrase, ''), nullif(pregnancy_phrase, '')) AS phrases
FROM matched m
WHERE gender_phrase <> '' OR marriage_phrase <> '' OR pregnancy_phrase <> ''

-- step: clues
SELECT record_id AS clue_key, CASE WHEN pregnancy_phrase <> '' THEN 'orange' ELSE 'yellow' END AS severity,
       published_on AS event_on, region_code, CAST(NULL AS STRING) AS actions, phrases AS detail
FROM flagged

-- step: items
SELECT record_id AS clue_key, 'subject' AS item, 'employer' AS role, 'job_postings' AS dataset, record_id,
       CAST(NULL AS STRING) AS prefix, employer_org_code AS org_code, employer_name AS note
FROM flagged
UNION ALL
SELECT record_id, 'evidence', NULL, 'job_postings', record_id, NULL, NULL, phrases FROM flagged
