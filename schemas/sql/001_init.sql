-- congvan schema, version 1.
-- Versioned DDL: later versions only ADD tables, views or columns (ALTER TABLE
-- ... ADD COLUMN); a released file is never edited. pipeline/store.py applies
-- the files in order and records each in schema_version.
-- Every row carries the doc_id (sha256 of the file's bytes) of its document;
-- children are replaced as a whole when a document is reloaded.

CREATE TABLE IF NOT EXISTS loads (
    load_id           VARCHAR PRIMARY KEY,
    started_at        TIMESTAMP NOT NULL,
    finished_at       TIMESTAMP,
    status            VARCHAR NOT NULL,          -- running | ok | partial | failed
    files_read        INTEGER DEFAULT 0,
    loaded            INTEGER DEFAULT 0,
    skipped           INTEGER DEFAULT 0,         -- unchanged: same sha256 already stored
    failed            INTEGER DEFAULT 0,
    extractor_version VARCHAR,
    schema_version    INTEGER,
    inbox             VARCHAR
);

CREATE TABLE IF NOT EXISTS ingest_errors (
    load_id VARCHAR NOT NULL,
    file    VARCHAR NOT NULL,
    stage   VARCHAR NOT NULL,                    -- read | extract | load
    reason  VARCHAR NOT NULL,                    -- one line
    "at"    TIMESTAMP NOT NULL                   -- quoted: AT is a keyword in DuckDB 2
);

CREATE TABLE IF NOT EXISTS documents (
    doc_id           VARCHAR PRIMARY KEY,        -- sha256 of the file's bytes
    file             VARCHAR NOT NULL,           -- path as ingested
    format           VARCHAR,                    -- txt md docx doc pdf image
    reader           VARCHAR,                    -- which reader read it
    doc_type         VARCHAR,
    code             VARCHAR,                    -- số và ký hiệu as printed
    code_key         VARCHAR,                    -- canonical code, for citation lookups
    place            VARCHAR,
    date             DATE,
    subject          VARCHAR,
    signer_name      VARCHAR,
    signer_title     VARCHAR,
    signer_authority VARCHAR,
    flags            VARCHAR[],
    warnings         VARCHAR[],
    confidence       JSON,                       -- field -> 0..1
    spans            JSON,                       -- field -> [{page,start,end,zone}]
    load_id          VARCHAR NOT NULL,
    loaded_at        TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS units (
    unit_key VARCHAR PRIMARY KEY,                -- extractors.unit_keys.unit_key()
    name     VARCHAR NOT NULL                    -- first spelling seen
);

CREATE TABLE IF NOT EXISTS issuers (
    doc_id   VARCHAR NOT NULL,
    position INTEGER NOT NULL,                   -- 0 = parent body
    name     VARCHAR NOT NULL,
    unit_key VARCHAR,
    PRIMARY KEY (doc_id, position)
);

CREATE TABLE IF NOT EXISTS recipients (
    doc_id   VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    text     VARCHAR NOT NULL,
    span     JSON,
    unit_key VARCHAR,
    PRIMARY KEY (doc_id, position)
);

CREATE TABLE IF NOT EXISTS cc (
    doc_id   VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    text     VARCHAR NOT NULL,
    span     JSON,
    PRIMARY KEY (doc_id, position)
);

CREATE TABLE IF NOT EXISTS citations (
    doc_id       VARCHAR NOT NULL,               -- the citing document
    position     INTEGER NOT NULL,
    code         VARCHAR,                        -- cited số và ký hiệu as printed
    code_key     VARCHAR,
    doc_type     VARCHAR,
    title        VARCHAR,
    date         DATE,
    issuer       VARCHAR,
    relation     VARCHAR,                        -- căn cứ, thực hiện, theo, ...
    span         JSON,
    flags        VARCHAR[],
    cited_doc_id VARCHAR,                        -- set when the cited code is in the store
    PRIMARY KEY (doc_id, position)
);

CREATE TABLE IF NOT EXISTS tasks (
    doc_id     VARCHAR NOT NULL,
    task_no    INTEGER NOT NULL,                 -- 1-based, document order
    action     VARCHAR NOT NULL,
    deadline   DATE,
    recurrence VARCHAR,
    flags      VARCHAR[],
    span       JSON,
    PRIMARY KEY (doc_id, task_no)
);

CREATE TABLE IF NOT EXISTS task_units (
    doc_id   VARCHAR NOT NULL,
    task_no  INTEGER NOT NULL,
    position INTEGER NOT NULL,
    unit     VARCHAR NOT NULL,                   -- as printed
    unit_key VARCHAR NOT NULL,
    role     VARCHAR NOT NULL,                   -- lead | coordinate
    PRIMARY KEY (doc_id, task_no, role, position)
);

-- Tasks with their units and a status against a given day. A table macro so
-- `congvan tasks --today` and tests can pin the day; v_tasks_due uses today.
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
    LEFT JOIN units u ON u.unit_key = tu.unit_key;

CREATE OR REPLACE VIEW v_tasks_due AS SELECT * FROM tasks_due(current_date);

-- Cited documents that are not in the store (by code), one row per citing place.
CREATE OR REPLACE VIEW v_missing_citations AS
    SELECT c.code, c.code_key, c.doc_type, c.date, c.issuer, c.title, c.relation,
           c.doc_id AS citing_doc_id, d.code AS citing_code, d.file AS citing_file
    FROM citations c
    JOIN documents d ON d.doc_id = c.doc_id
    WHERE NOT EXISTS (SELECT 1 FROM documents x WHERE x.code_key = c.code_key AND c.code_key IS NOT NULL);
