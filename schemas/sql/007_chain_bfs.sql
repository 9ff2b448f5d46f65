-- 007: the directive chain as a breadth-first walk.
-- 005's macros followed every simple path (a path list per row, `NOT list_contains`),
-- so a directive cited through many routes was reached once per route: 6 levels
-- under the most-cited directive of the 1 M-task bench took ~300 ms in SQL. Here
-- each node is reached once, at its least depth (USING KEY keeps one row per
-- node; a node already reached is never added again, which also cuts cycles).
-- Same rows as 005's (node, least depth); `via` is the least id among the nodes
-- one level up that reach it (005 took any of them).
CREATE OR REPLACE MACRO chain_down(start_id, max_depth) AS TABLE
    WITH RECURSIVE reach(node, depth, via) USING KEY (node) AS (
        SELECT CAST(start_id AS VARCHAR), 0, CAST(NULL AS VARCHAR)
        UNION
        SELECT e.from_id, any_value(r.depth) + 1, min(r.node)
        FROM reach r JOIN edges e ON e.to_id = r.node
        WHERE r.depth < max_depth AND e.from_id NOT IN (SELECT node FROM recurring.reach)
        GROUP BY e.from_id
    )
    SELECT node, depth, via FROM reach;

CREATE OR REPLACE MACRO chain_up(start_id, max_depth) AS TABLE
    WITH RECURSIVE reach(node, depth, via) USING KEY (node) AS (
        SELECT CAST(start_id AS VARCHAR), 0, CAST(NULL AS VARCHAR)
        UNION
        SELECT e.to_id, any_value(r.depth) + 1, min(r.node)
        FROM reach r JOIN edges e ON e.from_id = r.node
        WHERE r.depth < max_depth AND e.to_id NOT IN (SELECT node FROM recurring.reach)
        GROUP BY e.to_id
    )
    SELECT node, depth, via FROM reach;
