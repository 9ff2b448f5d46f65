-- 008: the directive chain walked on numbers.
-- 007's walk joined `edges` on its VARCHAR ids (64 hex digits): on the 1 M-task
-- bench most of the time of the most-cited directive's chain (124,656 nodes)
-- went to reading and hashing those strings, six times over. Here each node
-- also has a number, the first 64 bits of the sha256 of its id (the same on
-- every machine and in every ingest order: a function of the id, not of a
-- sequence), the walk reads two integer columns, and only the nodes reached
-- are turned back into ids. Two ids sharing a number would merge two nodes;
-- among 10^6 nodes the odds are about 3 in 10^8.
CREATE OR REPLACE MACRO node_no(id) AS CAST(('0x' || left(sha256(id), 16)) AS UBIGINT);

-- Who cites whom, as numbers (one row per pair: the walk needs no relation).
-- Kept with `edges` by graph.refresh / graph.forget: always its projection.
CREATE TABLE IF NOT EXISTS chain_edges (
    from_no UBIGINT NOT NULL,
    to_no   UBIGINT NOT NULL,
    PRIMARY KEY (from_no, to_no)
);

-- A node's number back to its id. Append-only: a number whose edges went is
-- never reached again, so a stale row is never read.
CREATE TABLE IF NOT EXISTS chain_nodes (
    no UBIGINT PRIMARY KEY,
    id VARCHAR NOT NULL
);

INSERT INTO chain_edges SELECT DISTINCT node_no(from_id), node_no(to_id) FROM edges ON CONFLICT DO NOTHING;
INSERT INTO chain_nodes
    SELECT node_no(id), id FROM (SELECT from_id AS id FROM edges UNION SELECT to_id FROM edges)
    ON CONFLICT DO NOTHING;

-- Same rows as 007's (node, least depth, via); `via` is now the node one level up
-- with the least number (007: the least id), still one fixed choice per graph.
CREATE OR REPLACE MACRO chain_down(start_id, max_depth) AS TABLE
    WITH RECURSIVE reach(no, depth, via) USING KEY (no) AS (
        SELECT node_no(CAST(start_id AS VARCHAR)), 0, CAST(NULL AS UBIGINT)
        UNION
        SELECT e.from_no, any_value(r.depth) + 1, min(r.no)
        FROM reach r JOIN chain_edges e ON e.to_no = r.no
        WHERE r.depth < max_depth AND e.from_no NOT IN (SELECT no FROM recurring.reach)
        GROUP BY e.from_no
    )
    SELECT CASE WHEN r.depth = 0 THEN CAST(start_id AS VARCHAR) ELSE n.id END AS node, r.depth, v.id AS via
    FROM reach r LEFT JOIN chain_nodes n ON n.no = r.no AND r.depth > 0 LEFT JOIN chain_nodes v ON v.no = r.via;

CREATE OR REPLACE MACRO chain_up(start_id, max_depth) AS TABLE
    WITH RECURSIVE reach(no, depth, via) USING KEY (no) AS (
        SELECT node_no(CAST(start_id AS VARCHAR)), 0, CAST(NULL AS UBIGINT)
        UNION
        SELECT e.to_no, any_value(r.depth) + 1, min(r.no)
        FROM reach r JOIN chain_edges e ON e.from_no = r.no
        WHERE r.depth < max_depth AND e.to_no NOT IN (SELECT no FROM recurring.reach)
        GROUP BY e.to_no
    )
    SELECT CASE WHEN r.depth = 0 THEN CAST(start_id AS VARCHAR) ELSE n.id END AS node, r.depth, v.id AS via
    FROM reach r LEFT JOIN chain_nodes n ON n.no = r.no AND r.depth > 0 LEFT JOIN chain_nodes v ON v.no = r.via;
