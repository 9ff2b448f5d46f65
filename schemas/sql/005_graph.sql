-- 005: the task graph.
-- Units become real bodies resolved in their document's context (pipeline/graph.py,
-- extractors/units.py): `units.unit_key` is from now on the key of the RESOLVED
-- name (`Sở Tài chính` in a dispatch of UBND tỉnh Lâm Đồng -> `sở tài chính tỉnh
-- lâm đồng`), one row per body; `unit_aliases` keeps every spelling seen and where.
-- Ids are derived from keys, never from arrival order, so every ingest order of
-- the same files gives the same graph. Rows of older databases are re-resolved
-- once when this file is applied (pipeline.graph.rebuild).

ALTER TABLE units ADD COLUMN unit_id VARCHAR;            -- 'u' + 12 hex of sha1(unit_key)
ALTER TABLE units ADD COLUMN kind VARCHAR;               -- ubnd, hdnd, so_ban_nganh, van_phong, dang_uy, ... (extractors.units.KINDS)
ALTER TABLE units ADD COLUMN level VARCHAR;              -- trung_uong | tinh | huyen | xa | NULL
ALTER TABLE units ADD COLUMN place VARCHAR;              -- its jurisdiction as printed / as the gazetteer spells it
ALTER TABLE units ADD COLUMN parent_id VARCHAR;          -- the body it belongs to, where a document shows it
ALTER TABLE units ADD COLUMN confidence DOUBLE;          -- 1 place in the gazetteer ... 0.3 unresolved
-- a unit's row is an aggregate of its aliases (most frequent name and parent, ties
-- by text), recomputed for the units a load touches: no first-seen wins.

CREATE TABLE IF NOT EXISTS unit_aliases (
    alias_key VARCHAR NOT NULL,                          -- extractors.unit_keys.unit_key(text): the spelling's key
    unit_id   VARCHAR NOT NULL,
    unit_key  VARCHAR NOT NULL,                          -- the resolved key (units.unit_key)
    text      VARCHAR NOT NULL,                          -- as printed
    doc_id    VARCHAR NOT NULL,                          -- where it was seen
    source    VARCHAR NOT NULL,                          -- issuer | recipient | task | citation
    name      VARCHAR,                                   -- the resolved name this spelling gave there
    parent_id VARCHAR,                                   -- the parent that document shows
    kind      VARCHAR,
    level     VARCHAR,
    place     VARCHAR,
    confidence DOUBLE,
    PRIMARY KEY (alias_key, unit_id, doc_id, source)
);

ALTER TABLE issuers ADD COLUMN unit_id VARCHAR;
ALTER TABLE recipients ADD COLUMN unit_id VARCHAR;
ALTER TABLE task_units ADD COLUMN unit_id VARCHAR;
ALTER TABLE citations ADD COLUMN issuer_unit_id VARCHAR; -- the cited document's issuer, resolved
ALTER TABLE citations ADD COLUMN target_key VARCHAR;     -- stub key of the cited document (graph.stub_key)
ALTER TABLE documents ADD COLUMN issuer_unit_id VARCHAR; -- the issuing body (the header's lowest line), resolved
ALTER TABLE documents ADD COLUMN text VARCHAR;           -- the normalised text every span points into

CREATE INDEX IF NOT EXISTS task_units_unit ON task_units (unit_id);
CREATE INDEX IF NOT EXISTS citations_cited ON citations (cited_doc_id);
CREATE INDEX IF NOT EXISTS citations_target ON citations (target_key);
CREATE INDEX IF NOT EXISTS documents_code ON documents (code_key);
CREATE INDEX IF NOT EXISTS units_id ON units (unit_id);

-- A task answered by a unit: a later document issued by one of the task's units
-- that cites the assigning document as what it implements or answers
-- (`Thực hiện`, `Phúc đáp`, `Theo đề nghị tại`). Kept up to date at every load
-- for the documents on both ends (pipeline/graph.py: refresh_replies).
CREATE TABLE IF NOT EXISTS task_replies (
    doc_id       VARCHAR NOT NULL,                       -- the assigning document (the copy kept)
    task_no      INTEGER NOT NULL,
    unit_id      VARCHAR NOT NULL,
    reply_doc_id VARCHAR NOT NULL,
    how          VARCHAR,                                -- the citation's relation: thực hiện | trả lời | theo
    reply_date   DATE,
    PRIMARY KEY (doc_id, task_no, unit_id, reply_doc_id)
);

-- The candidate replies; refresh_replies inserts those touching the loaded documents.
CREATE OR REPLACE VIEW v_reply_candidates AS
    SELECT DISTINCT t.doc_id, t.task_no, tu.unit_id, rd.doc_id AS reply_doc_id, c.relation AS how,
           rd.date AS reply_date
    FROM citations c
    JOIN documents rd ON rd.doc_id = c.doc_id AND rd.duplicate_of IS NULL
    JOIN documents cd ON cd.doc_id = c.cited_doc_id
    JOIN tasks t ON t.doc_id = coalesce(cd.duplicate_of, cd.doc_id)
    JOIN task_units tu ON tu.doc_id = t.doc_id AND tu.task_no = t.task_no
    JOIN issuers i ON i.doc_id = rd.doc_id AND i.unit_id = tu.unit_id
    WHERE c.relation IN ('thực hiện', 'trả lời', 'theo')
      AND rd.doc_id <> t.doc_id
      AND (rd.date IS NULL OR cd.date IS NULL OR rd.date >= cd.date);

-- One row per task and unit, with its status on `today`: answered (by a reply
-- dated on or before that day), overdue, due (a deadline still ahead) or open
-- (no deadline). Where the task was read: file, page and character span.
CREATE OR REPLACE MACRO tasks_at(today) AS TABLE
    SELECT t.doc_id, d.code, d.doc_type, d.date AS issued, d.issuer_unit_id,
           t.task_no, t.action, tu.role, tu.unit, tu.unit_id, u.name AS unit_name,
           t.deadline, CAST(t.deadline - CAST(today AS DATE) AS INTEGER) AS days_left,
           r.reply_doc_id AS answered_by, r.reply_code AS answered_code, r.reply_date AS answered_on,
           CASE WHEN r.reply_doc_id IS NOT NULL THEN 'answered'
                WHEN t.deadline IS NULL THEN 'open'
                WHEN t.deadline < CAST(today AS DATE) THEN 'overdue'
                ELSE 'due' END AS status,
           d.file, CAST(json_extract(t.span, '$.page') AS INTEGER) AS page,
           CAST(json_extract(t.span, '$.start') AS INTEGER) AS span_start,
           CAST(json_extract(t.span, '$.end') AS INTEGER) AS span_end
    FROM tasks t
    JOIN documents d ON d.doc_id = t.doc_id AND d.duplicate_of IS NULL
    LEFT JOIN task_units tu ON tu.doc_id = t.doc_id AND tu.task_no = t.task_no
    LEFT JOIN units u ON u.unit_id = tu.unit_id
    LEFT JOIN (
        SELECT tr.doc_id, tr.task_no, tr.unit_id,
               arg_min(tr.reply_doc_id, coalesce(tr.reply_date, DATE '9999-12-31')) AS reply_doc_id,
               arg_min(rd.code, coalesce(tr.reply_date, DATE '9999-12-31')) AS reply_code,
               min(tr.reply_date) AS reply_date
        FROM task_replies tr JOIN documents rd ON rd.doc_id = tr.reply_doc_id
        WHERE tr.reply_date IS NULL OR tr.reply_date <= CAST(today AS DATE)
        GROUP BY tr.doc_id, tr.task_no, tr.unit_id
    ) r ON r.doc_id = t.doc_id AND r.task_no = t.task_no AND r.unit_id = tu.unit_id;

CREATE OR REPLACE VIEW v_tasks AS SELECT * FROM tasks_at(current_date);

CREATE OR REPLACE MACRO overdue_at(today) AS TABLE
    SELECT * FROM tasks_at(today) WHERE status = 'overdue';

CREATE OR REPLACE VIEW v_overdue AS SELECT * FROM overdue_at(current_date);

-- Per unit: tasks open (no deadline), due within 7 days, overdue, answered, on `today`.
CREATE OR REPLACE MACRO workload_at(today) AS TABLE
    SELECT u.unit_id, u.name, u.kind, u.level, u.place,
           count(*) FILTER (WHERE t.status = 'open') AS open,
           count(*) FILTER (WHERE t.status = 'due' AND t.days_left <= 7) AS due_7d,
           count(*) FILTER (WHERE t.status = 'due') AS due,
           count(*) FILTER (WHERE t.status = 'overdue') AS overdue,
           count(*) FILTER (WHERE t.status = 'answered') AS answered,
           count(*) AS tasks
    FROM tasks_at(today) t JOIN units u ON u.unit_id = t.unit_id
    GROUP BY ALL;

CREATE OR REPLACE VIEW v_unit_workload AS SELECT * FROM workload_at(current_date);

-- Cited documents not in the store: one row per distinct dispatch (its stub key),
-- counted over distinct citing dispatches (copies of one citing dispatch count once).
CREATE OR REPLACE VIEW v_missing_documents AS
    SELECT c.target_key,
           any_value(c.code ORDER BY c.code) AS code,
           any_value(c.doc_type ORDER BY c.doc_type) AS doc_type,
           max(c.date) AS date,
           any_value(c.issuer ORDER BY length(c.issuer) DESC) AS issuer,
           any_value(c.title ORDER BY length(c.title) DESC) AS title,
           count(DISTINCT coalesce(d.duplicate_of, d.doc_id)) AS cited_by,
           string_agg(DISTINCT coalesce(d.code, d.file), '; ' ORDER BY coalesce(d.code, d.file)) AS cited_in
    FROM citations c JOIN documents d ON d.doc_id = c.doc_id
    WHERE c.cited_doc_id IS NULL AND c.target_key IS NOT NULL
    GROUP BY c.target_key;

-- Edges of the citation graph between kept copies: a citing document -> the
-- document it cites (stored) or its stub ('stub:' || target_key). A table, kept
-- for the documents a load touches (graph.refresh), so a chain step is one
-- indexed join; v_edge_candidates is what it holds.
CREATE OR REPLACE VIEW v_edge_candidates AS
    SELECT DISTINCT coalesce(d.duplicate_of, d.doc_id) AS from_id,
           CASE WHEN c.cited_doc_id IS NOT NULL THEN coalesce(cd.duplicate_of, cd.doc_id)
                ELSE 'stub:' || c.target_key END AS to_id,
           coalesce(c.relation, '') AS relation
    FROM citations c
    JOIN documents d ON d.doc_id = c.doc_id
    LEFT JOIN documents cd ON cd.doc_id = c.cited_doc_id
    WHERE c.cited_doc_id IS NOT NULL OR c.target_key IS NOT NULL;

CREATE TABLE IF NOT EXISTS edges (
    from_id  VARCHAR NOT NULL,
    to_id    VARCHAR NOT NULL,
    relation VARCHAR NOT NULL,
    PRIMARY KEY (from_id, to_id, relation)
);
CREATE INDEX IF NOT EXISTS edges_to ON edges (to_id);

-- The directive chain from one node, cycle-guarded: down = everything that
-- implements it (documents citing it, then those citing them ...), up = what it
-- implements, to the top. `start_id` is a doc_id or a 'stub:' key.
CREATE OR REPLACE MACRO chain_down(start_id, max_depth) AS TABLE
    WITH RECURSIVE reach(node, depth, via, path) AS (
        SELECT start_id, 0, CAST(NULL AS VARCHAR), [start_id]
        UNION ALL
        SELECT e.from_id, r.depth + 1, r.node, list_append(r.path, e.from_id)
        FROM reach r JOIN edges e ON e.to_id = r.node
        WHERE NOT list_contains(r.path, e.from_id) AND r.depth < max_depth
    )
    SELECT node, min(depth) AS depth, arg_min(via, depth) AS via FROM reach GROUP BY node;

CREATE OR REPLACE MACRO chain_up(start_id, max_depth) AS TABLE
    WITH RECURSIVE reach(node, depth, via, path) AS (
        SELECT start_id, 0, CAST(NULL AS VARCHAR), [start_id]
        UNION ALL
        SELECT e.to_id, r.depth + 1, r.node, list_append(r.path, e.to_id)
        FROM reach r JOIN edges e ON e.from_id = r.node
        WHERE NOT list_contains(r.path, e.to_id) AND r.depth < max_depth
    )
    SELECT node, min(depth) AS depth, arg_min(via, depth) AS via FROM reach GROUP BY node;

-- Both directions from a document, with what each node is: depth < 0 above it.
CREATE OR REPLACE VIEW v_chain AS
    SELECT e.from_id, e.to_id, e.relation,
           f.code AS from_code, coalesce(t.code, c.code) AS to_code
    FROM edges e
    LEFT JOIN documents f ON f.doc_id = e.from_id
    LEFT JOIN documents t ON t.doc_id = e.to_id
    LEFT JOIN (SELECT target_key, any_value(code) AS code FROM citations GROUP BY target_key) c
           ON 'stub:' || c.target_key = e.to_id;
