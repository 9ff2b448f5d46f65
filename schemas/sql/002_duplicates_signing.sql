-- 002: one dispatch read from several files (a .docx and the .pdf made from it,
-- or the same scan dropped twice) is one document for analysts: later copies
-- point at the first one loaded, and the task views show each task once.
-- Nghị định 30 (Phụ lục VI) flags duplicates on số + ký hiệu + issuing body;
-- congvan adds the date and the trích yếu, since drafts share a blank number.
ALTER TABLE documents ADD COLUMN dedup_key VARCHAR;      -- code, issuer, date and subject, canonical
ALTER TABLE documents ADD COLUMN duplicate_of VARCHAR;   -- doc_id of the first copy loaded, else NULL
-- Earliest signing time of the file's digital signatures (or of the signature
-- stamp printed in its text layer): provenance, and the fallback date of a
-- document whose printed day is blank (flag date_from_signature; see v_documents in 003).
ALTER TABLE documents ADD COLUMN signed_at TIMESTAMP;

CREATE OR REPLACE MACRO tasks_due(today) AS TABLE
    SELECT t.doc_id, d.file, d.code, d.doc_type, t.task_no, t.action,
           tu.unit, tu.unit_key, u.name AS unit_name, tu.role,
           t.deadline,
           CAST(t.deadline - CAST(today AS DATE) AS INTEGER) AS days_left,
           CASE WHEN t.deadline IS NULL THEN 'open'
                WHEN t.deadline < CAST(today AS DATE) THEN 'overdue'
                ELSE 'due' END AS status
    FROM tasks t
    JOIN documents d USING (doc_id)
    LEFT JOIN task_units tu ON tu.doc_id = t.doc_id AND tu.task_no = t.task_no
    LEFT JOIN units u ON u.unit_key = tu.unit_key
    WHERE d.duplicate_of IS NULL;

CREATE OR REPLACE VIEW v_tasks_due AS SELECT * FROM tasks_due(current_date);

CREATE OR REPLACE VIEW v_duplicates AS
    SELECT d.doc_id, d.file, d.code, d.duplicate_of, f.file AS first_file
    FROM documents d JOIN documents f ON f.doc_id = d.duplicate_of;
