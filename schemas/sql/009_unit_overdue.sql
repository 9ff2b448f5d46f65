-- 009: one unit's overdue list without reading every task.
-- `overdue_at(today) WHERE unit_id = ? ORDER BY deadline LIMIT 50` builds the full
-- row (tasks, documents, replies, units joined on 64-hex doc ids) for every overdue
-- task of the unit before the sort: ~10,000 rows for the heaviest unit of the 1 M-task
-- bench, most of the time spent reading the doc_id columns of all 1 M tasks and 200 k
-- documents to join them (150-300 ms). Here the unit's rows are picked and cut to the
-- first n on `task_units` alone, and only those n are joined to their task and document.

-- The task's deadline, copied onto each of its units: a task and its units are written
-- (store._child_rows) and deleted (store._delete) together, and a deadline is never
-- changed in place, so the copy cannot drift. It is what lets the unit's overdue rows be
-- found and ordered without joining the 1 M tasks.
ALTER TABLE task_units ADD COLUMN deadline DATE;
UPDATE task_units SET deadline = t.deadline FROM tasks t
WHERE t.doc_id = task_units.doc_id AND t.task_no = task_units.task_no AND t.deadline IS NOT NULL;

-- The tasks of a handful of documents: with a one-column index DuckDB turns a semi-join's
-- short key list into an index lookup (the primary key (doc_id, task_no) is not used for it).
CREATE INDEX IF NOT EXISTS tasks_doc ON tasks (doc_id);

-- The first `n` (n >= 1) overdue tasks of unit `uid` on `today`: the same rows, in the same order,
-- as `SELECT * FROM overdue_at(today) WHERE unit_id = uid ORDER BY deadline, code, file,
-- task_no, role DESC, unit, doc_id LIMIT n` (tests/test_unit_overdue.py holds them equal).
-- Overdue = a deadline before `today`, in a kept copy, and no reply of this unit dated on
-- or before `today` (or undated): so answered_by / answered_code / answered_on are NULL.
-- Equal on every database the store writes: each task_units row has its task and its
-- document, and each reply its document (graph.forget drops the replies of a document
-- that goes), so neither is checked again here (a check would join all 200 k documents).
-- Each step reads as few columns of as few rows as it can: on the heaviest unit of the
-- bench (38 k task-units) its rows are picked on narrow columns, and the wide ones (the
-- unit as printed, action, span, the document's) are read for about n rows only. DuckDB
-- looks a short key list (up to 50 keys, its dynamic_or_filter_threshold) up in an index,
-- a longer one by reading the whole column: so each lookup below is by one column, from a
-- list of its own.
CREATE OR REPLACE MACRO unit_overdue_at(today, uid, n) AS TABLE
    -- the unit's rows, picked on unit_id alone: for a unit of a few hundred rows DuckDB then
    -- reads them through the task_units_unit index (with the deadline in the same scan it
    -- reads all 2 M); the printed unit, a wide column, is read later for the rows kept
    WITH mine AS MATERIALIZED (
        SELECT rowid AS r, doc_id, task_no, role, deadline FROM task_units WHERE unit_id = uid
    ),
    c AS MATERIALIZED (
        SELECT tu.r, tu.doc_id, tu.task_no, tu.role, tu.deadline
        FROM mine tu
        WHERE tu.deadline < CAST(today AS DATE)
          -- copies are 1 in 100 documents: leaving them out is a small anti-join, where
          -- keeping only the kept ones would join all 200 k documents
          AND tu.doc_id NOT IN (SELECT doc_id FROM documents WHERE duplicate_of IS NOT NULL)
          AND NOT EXISTS (SELECT 1 FROM task_replies tr
                          WHERE tr.unit_id = uid AND tr.doc_id = tu.doc_id AND tr.task_no = tu.task_no
                            AND (tr.reply_date IS NULL OR tr.reply_date <= CAST(today AS DATE)))
    ),
    cut AS MATERIALIZED (SELECT coalesce((SELECT deadline FROM c ORDER BY deadline LIMIT 1 OFFSET n - 1),
                                         DATE '9999-12-31') AS day),
    -- every row up to the n-th deadline, ties included: the order past the deadline needs
    -- the document's code and file. Those before that day are fewer than n, those on it
    -- few: their documents are looked up as two lists, each short (copies are out already:
    -- a second filter on the scan would make it read the whole table)
    k AS MATERIALIZED (SELECT c.* FROM c, cut WHERE c.deadline <= cut.day),
    d AS MATERIALIZED (
        SELECT doc_id, code, doc_type, date, issuer_unit_id, file FROM documents
        WHERE doc_id IN (SELECT DISTINCT doc_id FROM k, cut WHERE k.deadline < cut.day)
        UNION
        SELECT doc_id, code, doc_type, date, issuer_unit_id, file FROM documents
        WHERE doc_id IN (SELECT DISTINCT doc_id FROM k, cut WHERE k.deadline = cut.day)
    ),
    -- the first n up to the printed unit (read next, for these rows only): ties kept
    p AS MATERIALIZED (
        SELECT * FROM (
            SELECT k.*, d.code, d.doc_type, d.date, d.issuer_unit_id, d.file,
                   rank() OVER (ORDER BY k.deadline, d.code, d.file, k.task_no, k.role DESC) AS rk
            FROM k JOIN d ON d.doc_id = k.doc_id)
        WHERE rk <= n
    ),
    -- by row id: one scan of task_units with the ids as its filter, the unit text read for those
    w AS MATERIALIZED (SELECT rowid AS r, unit, unit_id FROM task_units WHERE rowid IN (SELECT r FROM p)),
    top AS MATERIALIZED (
        SELECT p.*, w.unit, w.unit_id FROM p JOIN w ON w.r = p.r
        ORDER BY p.deadline, p.code, p.file, p.task_no, p.role DESC, w.unit, p.doc_id
        LIMIT n
    ),
    t AS MATERIALIZED (SELECT doc_id, task_no, action, span FROM tasks
                       WHERE doc_id IN (SELECT DISTINCT doc_id FROM top))
    SELECT top.doc_id, top.code, top.doc_type, top.date AS issued, top.issuer_unit_id,
           top.task_no, t.action, top.role, top.unit, top.unit_id, u.name AS unit_name,
           top.deadline, CAST(top.deadline - CAST(today AS DATE) AS INTEGER) AS days_left,
           CAST(NULL AS VARCHAR) AS answered_by, CAST(NULL AS VARCHAR) AS answered_code,
           CAST(NULL AS DATE) AS answered_on, 'overdue' AS status,
           top.file, CAST(json_extract(t.span, '$.page') AS INTEGER) AS page,
           CAST(json_extract(t.span, '$.start') AS INTEGER) AS span_start,
           CAST(json_extract(t.span, '$.end') AS INTEGER) AS span_end
    FROM top
    JOIN t ON t.doc_id = top.doc_id AND t.task_no = top.task_no
    LEFT JOIN units u ON u.unit_id = top.unit_id
    ORDER BY top.deadline, top.code, top.file, top.task_no, top.role DESC, top.unit, top.doc_id;
