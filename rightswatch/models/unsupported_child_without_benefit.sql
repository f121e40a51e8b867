-- Model 10: a child whose parents cannot support them and who receives no orphan or
-- de facto unsupported child benefit.

-- step: children
SELECT record_id, person_id, region_code, {{ age_years(birth_on, as_of) }} AS age
FROM residents
WHERE COALESCE(status, 'active') = 'active' AND person_id IS NOT NULL AND birth_on IS NOT NULL
  AND birth_on <= {{ as_of }} AND {{ age_years(birth_on, as_of) }} < 18

-- step: parent_links
SELECT f.record_id AS relation_id, f.person_person_id AS child_id, f.relative_person_id AS parent_id, f.relation
FROM family_relations f
WHERE f.relation IN ('father', 'mother') AND f.person_person_id IS NOT NULL AND f.relative_person_id IS NOT NULL
  AND f.person_person_id IN (SELECT person_id FROM children)

-- step: parent_residents
SELECT person_id, max(CASE WHEN status = 'deceased' THEN 1 ELSE 0 END) AS deceased,
       max(CASE WHEN status = 'missing' THEN 1 ELSE 0 END) AS missing
FROM residents WHERE person_id IN (SELECT parent_id FROM parent_links)
GROUP BY person_id

-- step: parent_custody
SELECT person_id, min(record_id) AS custody_id
FROM custody_records
WHERE custody_type IN ('prison_sentence', 'detention', 'compulsory_drug_rehab')
  AND start_on <= {{ as_of }} AND (end_on IS NULL OR end_on >= {{ as_of }})
  AND person_id IN (SELECT parent_id FROM parent_links)
GROUP BY person_id

-- step: parent_disability
SELECT person_id, min(record_id) AS disability_id
FROM disabilities
WHERE grade IN (1, 2) AND (registered_on IS NULL OR registered_on <= {{ as_of }})
  AND person_id IN (SELECT parent_id FROM parent_links)
GROUP BY person_id

-- step: parents
-- "Unable" = in custody on as_of, disability grade 1 or 2, or status missing; deceased also
-- leaves the child without that parent's support.
SELECT l.*, COALESCE(r.deceased, 0) = 1 AS deceased, COALESCE(r.missing, 0) = 1 AS missing,
       c.person_id IS NOT NULL AS in_custody, d.person_id IS NOT NULL AS disabled,
       COALESCE(r.deceased, 0) = 1 OR COALESCE(r.missing, 0) = 1 OR c.person_id IS NOT NULL
         OR d.person_id IS NOT NULL AS cannot_support
FROM parent_links l
LEFT JOIN parent_residents r ON r.person_id = l.parent_id
LEFT JOIN parent_custody c ON c.person_id = l.parent_id
LEFT JOIN parent_disability d ON d.person_id = l.parent_id

-- step: unsupported
-- At least one parent recorded (none at all is a data gap); an unrecorded parent counts as
-- missing; no recorded parent able to support.
SELECT child_id,
       max(CASE WHEN relation = 'father' AND in_custody THEN 1 ELSE 0 END)
         + max(CASE WHEN relation = 'mother' AND in_custody THEN 1 ELSE 0 END) AS parents_in_custody
FROM parents
GROUP BY child_id
HAVING max(CASE WHEN cannot_support THEN 0 ELSE 1 END) = 0

-- step: benefit
SELECT DISTINCT person_id FROM welfare_benefits
WHERE benefit_type IN ('orphan', 'de_facto_unsupported') AND start_on <= {{ as_of }}
  AND (end_on IS NULL OR end_on >= {{ as_of }})

-- step: flagged
SELECT c.record_id AS clue_key, c.person_id, c.region_code, c.age, u.parents_in_custody
FROM children c
JOIN unsupported u ON u.child_id = c.person_id
LEFT JOIN benefit b ON b.person_id = c.person_id
WHERE b.person_id IS NULL

-- step: clues
SELECT clue_key, CASE WHEN parents_in_custody = 2 OR age < 6 THEN 'red' ELSE 'orange' END AS severity,
       {{ as_of }} AS event_on, region_code, CAST(NULL AS STRING) AS actions, CAST(NULL AS STRING) AS detail
FROM flagged

-- step: items
SELECT clue_key, 'subject' AS item, 'minor' AS role, 'residents' AS dataset, clue_key AS record_id,
       '' AS prefix, CAST(NULL AS STRING) AS org_code, CAST(NULL AS STRING) AS note
FROM flagged
UNION ALL
SELECT f.clue_key, 'subject', p.relation, 'family_relations', p.relation_id, 'relative_', NULL, NULL
FROM flagged f JOIN parents p ON p.child_id = f.person_id
UNION ALL
SELECT clue_key, 'evidence', NULL, 'residents', clue_key, NULL, NULL, 'the child' FROM flagged
UNION ALL
SELECT f.clue_key, 'evidence', NULL, 'family_relations', p.relation_id, NULL, NULL, p.relation || ' recorded'
FROM flagged f JOIN parents p ON p.child_id = f.person_id
UNION ALL
SELECT f.clue_key, 'evidence', NULL, 'residents', r.record_id, NULL, NULL, 'parent status ' || r.status
FROM flagged f JOIN parents p ON p.child_id = f.person_id
JOIN residents r ON r.person_id = p.parent_id AND r.status IN ('deceased', 'missing')
UNION ALL
SELECT f.clue_key, 'evidence', NULL, 'custody_records', c.record_id, NULL, NULL, 'parent in custody on as_of'
FROM flagged f JOIN parents p ON p.child_id = f.person_id
JOIN custody_records c ON c.person_id = p.parent_id
 AND c.custody_type IN ('prison_sentence', 'detention', 'compulsory_drug_rehab')
 AND c.start_on <= {{ as_of }} AND (c.end_on IS NULL OR c.end_on >= {{ as_of }})
UNION ALL
SELECT f.clue_key, 'evidence', NULL, 'disabilities', d.record_id, NULL, NULL, 'parent disability grade 1 or 2'
FROM flagged f JOIN parents p ON p.child_id = f.person_id
JOIN disabilities d ON d.person_id = p.parent_id AND d.grade IN (1, 2)
 AND (d.registered_on IS NULL OR d.registered_on <= {{ as_of }})
