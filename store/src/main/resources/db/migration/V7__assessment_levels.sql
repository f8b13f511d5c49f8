-- mcp-risk-catalogue store, schema version 7: each cached assessment's category and risk level as
-- columns, so the run summary counts tools by category and risk level with one GROUP BY instead of
-- parsing every assessment's JSON. Portable SQL (H2 2.x and PostgreSQL 12+), like V1.

-- The assessment cache is derived data (a pure function of the definition and the classifier
-- version): it is emptied rather than back-filled, and the next run classifies again.
DELETE FROM assessments;

ALTER TABLE assessments ADD COLUMN category VARCHAR(32) NOT NULL;
ALTER TABLE assessments ADD COLUMN risk_level VARCHAR(32) NOT NULL;
