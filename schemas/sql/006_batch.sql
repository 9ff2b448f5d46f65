-- 006: batches an office can leave running.
-- `files` is what the last runs saw at each path of the inbox, so an unchanged
-- file is known by its size and modification time without reading it; it is
-- written in the same transaction as the document it led to.
CREATE TABLE IF NOT EXISTS files (
    path     VARCHAR PRIMARY KEY,                -- as ingested (a name that is not UTF-8 is kept with \x escapes)
    size     BIGINT NOT NULL,
    mtime_ns BIGINT NOT NULL,
    doc_id   VARCHAR,                            -- the document its bytes are (NULL when it failed)
    load_id  VARCHAR NOT NULL,
    seen_at  TIMESTAMP NOT NULL
);

-- A file edited under the same name replaces the document it was: the old
-- document's rows go, in the new one's transaction, and the history stays here.
CREATE TABLE IF NOT EXISTS replacements (
    file       VARCHAR NOT NULL,
    old_doc_id VARCHAR NOT NULL,
    new_doc_id VARCHAR NOT NULL,
    load_id    VARCHAR NOT NULL,
    "at"       TIMESTAMP NOT NULL
);

-- which process ran a load: a `running` row whose process is gone was interrupted
ALTER TABLE loads ADD COLUMN pid INTEGER;
ALTER TABLE loads ADD COLUMN deferred INTEGER DEFAULT 0;     -- files still being written, left for the next run
