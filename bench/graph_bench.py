"""Task-graph figures: the 005 macros and views, and the CLI, on a synthetic store. Prints figures; asserts nothing.

Builds (or reuses, when its counts match) a DuckDB file in the project's current schema -- opened with store.connect,
so the real migrations create it -- holding N tasks over N/5 documents and N/50 units, filled by bulk SQL only.

    .venv/bin/python bench/graph_bench.py [--db PATH] [--rebuild] [--tasks N]

Shape (N = 1,000,000):
- 20,000 units, unit_id 'u' + 12 hex of sha1(unit_key) as unit_resolve.unit_id: ~100 central (Chính phủ, TW, Bộ,
  Cục), 33 provinces x 30 (UBND, Đảng bộ, Văn phòng, HĐND, 18 Sở, 4 Trung tâm, 4 Hội), ~3,150 communes x 6 (UBND
  xã, Đảng ủy, Phòng, Văn phòng, collective, person_role; every 10th a huyện); parent_id Bộ -> Chính phủ, Sở ->
  UBND tỉnh, Trung tâm -> Sở, UBND xã -> UBND tỉnh, Phòng -> UBND xã. A third have 2-3 aliases.
- 200,000 documents as directive trees: R = ceil(D/3280) level-0 directives and a heap of branching 3 (document d
  cites its parent (d-R)//3), so levels 0..7 exist at every scale; level l is dated 2024-01-01 + 100*l + [0, 90)
  days, so a citing document is always later; issuers follow the level. 1% are copies (duplicate_of the previous).
- citations: 1-3 per document: the parent, then "căn cứ" to earlier levels skewed to the top (a few directives are
  cited by thousands, as 57-NQ/TW is); ~10% cite decrees/laws not stored (target_key = code_key|year as
  graph.stub_key makes it, skewed so some are cited by hundreds). edges = v_edge_candidates.
- 1,000,000 tasks (1..9 per document, the total exact), 30% without deadline, others 2026-06-01 +- 1 year (never
  before issue + 7 days); a lead and 0-2 coordinating units each, Zipf-like (rank = U*rand^2.5, Sở and UBND first):
  the heaviest units get tens of thousands of task-units, the median one ~60.
- task_replies for ~20% of task-units: the reply is a child document (it cites the assigning one), so it is later.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import inspect
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline import store  # noqa: E402

TODAY = "2026-06-01"
PATTERN = [1, 3, 5, 8, 2, 6, 4, 9, 7, 5]  # tasks per document by d % 10: 5 on average, counts exact
# the word lists every name, code and sentence is made of ("|"-separated to keep them short)
PROVINCES = ("thành phố Hà Nội|thành phố Huế|tỉnh Lai Châu|tỉnh Điện Biên|tỉnh Sơn La|tỉnh Lạng Sơn|tỉnh Quảng Ninh|"
             "tỉnh Thanh Hóa|tỉnh Nghệ An|tỉnh Hà Tĩnh|tỉnh Cao Bằng|tỉnh Tuyên Quang|tỉnh Lào Cai|tỉnh Thái Nguyên|"
             "tỉnh Phú Thọ|tỉnh Bắc Ninh|tỉnh Hưng Yên|thành phố Hải Phòng|tỉnh Ninh Bình|tỉnh Quảng Trị|"
             "thành phố Đà Nẵng|tỉnh Quảng Ngãi|tỉnh Gia Lai|tỉnh Khánh Hòa|tỉnh Lâm Đồng|tỉnh Đắk Lắk|"
             "Thành phố Hồ Chí Minh|tỉnh Đồng Nai|tỉnh Tây Ninh|thành phố Cần Thơ|tỉnh Vĩnh Long|tỉnh Đồng Tháp|"
             "tỉnh Cà Mau|tỉnh An Giang").split("|")
CENTRAL = [("Chính phủ", "chinh_phu"), ("Ban Chấp hành Trung ương Đảng", "dang_uy"),
           ("Văn phòng Chính phủ", "van_phong"), ("Thủ tướng Chính phủ", "person_role")]
SO = ("Sở Nội vụ|Sở Tài chính|Sở Xây dựng|Sở Tư pháp|Sở Y tế|Sở Giáo dục và Đào tạo|Sở Công Thương|"
      "Sở Nông nghiệp và Môi trường|Sở Khoa học và Công nghệ|Sở Văn hóa, Thể thao và Du lịch|Sở Ngoại vụ|Thanh tra|"
      "Sở Dân tộc và Tôn giáo|Ban Quản lý các khu công nghiệp|Công an|Bộ Chỉ huy Quân sự|"
      "Đài Phát thanh và Truyền hình|Bảo hiểm xã hội").split("|")
MINISTRIES = ["Bộ" + so[2:] for so in SO[:10]] + ["Bộ Ngoại giao", "Bộ Công an", "Bộ Quốc phòng", "Bộ Dân tộc và Tôn giáo"]
SO_ABBR = "SNV STC SXD STP SYT SGDĐT SCT SNNMT SKHCN SVHTTDL SNgV TTr SDTTG BQLKCN CAT BCHQS ĐPTTH BHXH".split()
CENTRES = ["Trung tâm " + c for c in ("Phục vụ hành chính công", "Công nghệ thông tin", "Kiểm soát bệnh tật", "Xúc tiến")]
HOI = "Hội Liên hiệp Phụ nữ|Hội Nông dân|Hội Cựu chiến binh|Đoàn Thanh niên".split("|")
SYL_A = "Tân Hòa Phú Bình An Long Thạnh Đông Tây Nam Bắc Xuân Mỹ Hưng Phước Thuận Vĩnh Trung Quang Hiệp".split()
SYL_B = "Hà Lộc Sơn Thành Lợi Phong Hải Điền Khánh Thịnh Hội Tiến Mỹ Đức Lâm Giang Hưng Yên Châu Minh".split()
TOPICS = ("chuyển đổi số|cải cách hành chính|phòng, chống thiên tai|xây dựng nông thôn mới|an toàn thực phẩm|"
          "giải ngân vốn đầu tư công|phòng cháy, chữa cháy|bảo vệ môi trường|sắp xếp đơn vị hành chính|Đề án 06|"
          "giảm nghèo bền vững|quản lý đất đai").split("|")
VERBS = "Triển khai|Tăng cường|Đẩy mạnh|Tổ chức thực hiện|Báo cáo kết quả|Rà soát|Kiểm tra".split("|")
TAILS = "năm 2025|trên địa bàn|giai đoạn 2026-2030|quý III|đến năm 2030".split("|")


def lit(values: list[str]) -> str:  # a DuckDB list literal (indexed from 1 in SQL)
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def pick(values: list[str], expr: str) -> str:  # the element at expr, cycling
    return f"{lit(values)}[1 + CAST({expr} AS BIGINT) % {len(values)}]"


def shape(n_tasks: int) -> dict[str, int]:
    docs, units = n_tasks // 5, n_tasks // 50
    central, provinces = max(len(CENTRAL) + len(MINISTRIES), units // 200), max(2, units // 600)
    tasks = docs // 10 * sum(PATTERN) + sum(PATTERN[: docs % 10])
    # R level-0 directives make a heap of branching 3 and 8 levels (3280 = 1 + 3 + ... + 3^7); M codes not stored
    return {"D": docs, "U": units, "C": central, "P": provinces, "R": -(-docs // 3280), "M": max(20, docs // 100),
            "tasks": tasks}


def generation_sql(s: dict[str, int]) -> list[tuple[str, str]]:
    D, U, C, P, R, M = s["D"], s["U"], s["C"], s["P"], s["R"], s["M"]
    n_prov, nb = len(PROVINCES), len(MINISTRIES)

    def prov(p: str) -> str:  # province p's name; numbered past the 34 real ones
        return (f"({lit(PROVINCES)}[1 + ({p}) % {n_prov}]"
                f" || CASE WHEN ({p}) >= {n_prov} THEN ' ' || (({p}) // {n_prov} + 1) ELSE '' END)")

    lvl_start = f"({R} * (CAST(pow(3, lvl) AS BIGINT) - 1) // 2)"  # the first document of level lvl
    topic, verb, tail = (pick(w, "floor(random() * 1000)") for w in (TOPICS, VERBS, TAILS))
    return [
        ("seed", "SELECT setseed(0.42)"),
        # units: each section's index decides name, kind, level and parent index
        ("units", f"""CREATE TEMP TABLE gu AS
        WITH b AS (SELECT i, CASE WHEN i < {C} THEN 'c' WHEN i < {C} + 30 * {P} THEN 'p' ELSE 'x' END AS sec,
                          (i - {C}) // 30 AS pv, (i - {C}) % 30 AS j, (i - {C} - 30 * {P}) // 6 AS m,
                          (i - {C} - 30 * {P}) % 6 AS k FROM range({U}) t(i)),
        x AS (SELECT *, CASE WHEN m % 10 = 9 THEN 'huyện ' ELSE 'xã ' END
                      || {lit(SYL_A)}[1 + (m // {P}) % 20] || ' ' || {lit(SYL_B)}[1 + (m // {P} // 20) % 20]
                      || CASE WHEN m // {P} >= 400 THEN ' ' || (m // {P} // 400 + 1) ELSE '' END
                      || ', ' || {prov(f'm % {P}')} AS cl FROM b),
        n AS (SELECT i, sec, CASE
            WHEN sec = 'c' AND i < {len(CENTRAL)} THEN {lit([c[0] for c in CENTRAL])}[i + 1]
            WHEN sec = 'c' AND i < {len(CENTRAL) + nb} THEN {lit(MINISTRIES)}[i - {len(CENTRAL) - 1}]
            WHEN sec = 'c' THEN 'Cục ' || i || ' thuộc ' || {lit(MINISTRIES)}[1 + i % {nb}]
            WHEN sec = 'p' THEN CASE WHEN j = 0 THEN 'Ủy ban nhân dân ' WHEN j = 1 THEN 'Đảng bộ '
                WHEN j = 2 THEN 'Văn phòng Ủy ban nhân dân ' WHEN j = 3 THEN 'Hội đồng nhân dân '
                WHEN j < 22 THEN {lit(SO)}[j - 3] || ' ' WHEN j < 26 THEN {lit(CENTRES)}[j - 21] || ' '
                ELSE {lit(HOI)}[j - 25] || ' ' END || {prov('pv')}
            ELSE ['Ủy ban nhân dân ', 'Đảng ủy ', 'Phòng Kinh tế ', 'Văn phòng HĐND và UBND ',
                  'Các thôn, tổ dân phố ', 'Chủ tịch Ủy ban nhân dân '][k + 1] || cl END AS name,
          CASE WHEN sec = 'c' AND i < {len(CENTRAL)} THEN {lit([c[1] for c in CENTRAL])}[i + 1]
               WHEN sec = 'c' AND i < {len(CENTRAL) + nb} THEN 'bo_nganh' WHEN sec = 'c' THEN 'cuc'
               WHEN sec = 'p' THEN CASE WHEN j = 0 THEN 'ubnd' WHEN j = 1 THEN 'dang_uy' WHEN j = 2 THEN 'van_phong'
                   WHEN j = 3 THEN 'hdnd' WHEN j < 22 THEN 'so_ban_nganh' WHEN j < 26 THEN 'trung_tam' ELSE 'hoi' END
               ELSE ['ubnd', 'dang_uy', 'phong', 'van_phong', 'collective', 'person_role'][k + 1] END AS kind,
          CASE WHEN sec = 'c' THEN 'trung_uong' WHEN sec = 'p' THEN 'tinh' WHEN m % 10 = 9 THEN 'huyen' ELSE 'xa' END AS level,
          CASE sec WHEN 'c' THEN 'Việt Nam' WHEN 'p' THEN {prov('pv')} ELSE cl END AS place,
          CASE WHEN sec = 'c' THEN CASE WHEN i IN (0, 1) THEN NULL WHEN i < {len(CENTRAL) + nb} THEN 0
                                        ELSE {len(CENTRAL)} + i % {nb} END
               WHEN sec = 'p' THEN CASE WHEN j = 0 THEN 0 WHEN j = 1 THEN 1 WHEN j = 3 THEN NULL
                                        WHEN j BETWEEN 22 AND 25 THEN i - 18 ELSE i - j END
               WHEN k = 0 THEN {C} + 30 * (m % {P}) WHEN k = 1 THEN {C} + 30 * (m % {P}) + 1 ELSE i - k END AS pidx
        FROM x)
        SELECT *, lower(name) AS unit_key, 'u' || substr(sha1(lower(name)), 1, 12) AS unit_id,
               CASE WHEN kind IN ('collective', 'person_role') THEN 0.5 WHEN i % 17 = 0 THEN 0.3
                    WHEN sec = 'x' THEN 0.9 ELSE 1.0 END AS confidence,
               -- task-load rank: Sở and UBND draw the most tasks, collectives the fewest
               row_number() OVER (ORDER BY CASE kind WHEN 'so_ban_nganh' THEN 0 WHEN 'ubnd' THEN 1
                   WHEN 'van_phong' THEN 2 WHEN 'bo_nganh' THEN 2 WHEN 'trung_tam' THEN 3 ELSE 4 END, hash(i)) - 1
                   AS trank
        FROM n"""),
        ("units", """INSERT INTO units (unit_key, name, unit_id, kind, level, place, parent_id, confidence)
        SELECT g.unit_key, g.name, g.unit_id, g.kind, g.level, g.place, p.unit_id, g.confidence
        FROM gu g LEFT JOIN gu p ON p.i = g.pidx"""),
        # documents: level from the heap index, dates by level, issuer by level
        ("documents", f"""CREATE TEMP TABLE gd0 AS
        WITH b AS (SELECT d, CAST(floor(ln(2.0 * d / {R} + 1) / ln(3) + 1e-9) AS INTEGER) AS lvl, random() AS r
                   FROM range({D}) t(d))
        SELECT d, lvl, sha256('bench:' || d) AS doc_id,
               DATE '2024-01-01' + CAST(lvl * 100 + floor(random() * 90) AS INTEGER) AS date,
               CASE WHEN lvl = 0 THEN [0, 1, 3][1 + d % 3]
                    WHEN lvl = 1 THEN {C} + 30 * CAST(floor({P} * r) AS BIGINT) + d % 2
                    WHEN lvl = 2 OR {U} <= {C} + 30 * {P} + 6 OR r < 0.3
                         THEN {C} + 30 * CAST(floor({P} * random()) AS BIGINT) + 2 + CAST(floor(28 * r) AS BIGINT)
                    ELSE {C} + 30 * {P} + 6 * CAST(floor(({U} - {C} - 30 * {P}) // 6 * random()) AS BIGINT)
                         + [0, 0, 1, 3][1 + d % 4] END AS iu,
               'V/v ' || lower({verb}) || ' ' || {topic} || ' ' || {tail} AS subject
        FROM b"""),
        ("documents", f"""CREATE TEMP TABLE gd AS
        SELECT g.d, g.lvl, g.doc_id, s.date, s.iu, s.subject, u.name AS issuer, u.unit_id AS issuer_unit_id,
               u.unit_key AS issuer_key, u.kind, u.place, g.d % 100 = 99 AS dup, s.doc_id AS first_id,
               CASE WHEN s.lvl = 0 AND u.kind = 'dang_uy' THEN 'Nghị quyết' WHEN s.lvl = 0 THEN 'Chỉ thị'
                    WHEN s.d % 3 = 0 THEN 'Kế hoạch' WHEN s.d % 7 = 0 THEN 'Báo cáo' ELSE 'Công văn' END AS doc_type,
               (s.d + 1) || CASE u.kind WHEN 'ubnd' THEN '/UBND-VP' WHEN 'dang_uy' THEN
                   CASE WHEN s.lvl = 0 THEN '-NQ/TW' ELSE '-CV/ĐU' END WHEN 'chinh_phu' THEN '/NQ-CP'
                   WHEN 'person_role' THEN '/CT-TTg' WHEN 'van_phong' THEN '/VP-TH' WHEN 'hdnd' THEN '/HĐND-VP'
                   WHEN 'so_ban_nganh' THEN '/' || {lit(SO_ABBR)}[1 + s.iu % {len(SO_ABBR)}] || '-VP'
                   WHEN 'trung_tam' THEN '/TT-HCC' WHEN 'phong' THEN '/PKT'
                   ELSE '/' || upper(replace(u.kind, '_', ''))[1:3] || '-VP' END AS code
        FROM gd0 g JOIN gd0 s ON s.d = CASE WHEN g.d % 100 = 99 THEN g.d - 1 ELSE g.d END JOIN gu u ON u.i = s.iu"""),
        ("tasks", f"""CREATE TEMP TABLE gt AS
        SELECT d, doc_id, k + 1 AS task_no, {verb} || ' ' || {topic} || ' ' || {tail} || '.' AS action,
               CASE WHEN random() < 0.3 THEN NULL ELSE greatest(date + 7,
                    DATE '{TODAY}' + CAST(floor(random() * 731) - 365 AS INTEGER)) END AS deadline
        FROM (SELECT d, doc_id, date, unnest(range({PATTERN}[1 + d % 10])) AS k FROM gd)"""),
        ("documents", """INSERT INTO documents (doc_id, file, format, reader, doc_type, code, code_key, place, date,
            subject, signer_name, signer_title, flags, warnings, confidence, load_id, loaded_at, dedup_key,
            duplicate_of, issuer_unit_id, text)
        SELECT g.doc_id, 'inbox/' || year(g.date) || '/' || replace(g.code, '/', '_') || CASE WHEN g.dup THEN '.docx'
               ELSE '.pdf' END, CASE WHEN g.dup THEN 'docx' ELSE 'pdf' END, 'pdf_text', g.doc_type, g.code,
               lower(g.code), g.place, g.date, g.subject, 'Nguyễn Văn ' || chr(65 + CAST(g.d % 26 AS INTEGER)),
               'Chủ tịch', [], [], '{"code": 0.95}', 'bench-' || (g.d // 10000), g.date + INTERVAL 3 DAY,
               lower(g.code) || '|' || g.date, CASE WHEN g.dup THEN g.first_id END, g.issuer_unit_id,
               upper(g.issuer) || E'\\nSố: ' || g.code || E'\\n' || g.subject || E'\\n' || t.body
        FROM gd g JOIN (SELECT doc_id, string_agg(action, E'\\n' ORDER BY task_no) AS body FROM gt GROUP BY doc_id) t
             USING (doc_id)"""),
        ("loads", """INSERT INTO loads (load_id, started_at, finished_at, status, loaded, inbox)
        SELECT load_id, min(loaded_at), max(loaded_at), 'ok', count(*), 'inbox' FROM documents GROUP BY load_id"""),
        ("issuers", """INSERT INTO issuers (doc_id, position, name, unit_key, unit_id)
        SELECT g.doc_id, 0, coalesce(p.name, u.name), coalesce(p.unit_key, u.unit_key), coalesce(p.unit_id, u.unit_id)
        FROM gd g JOIN gu u ON u.i = g.iu LEFT JOIN gu p ON p.i = u.pidx UNION ALL
        SELECT g.doc_id, 1, u.name, u.unit_key, u.unit_id FROM gd g JOIN gu u ON u.i = g.iu
        WHERE u.pidx IS NOT NULL"""),
        ("tasks", """INSERT INTO tasks (doc_id, task_no, action, deadline, flags, span)
        SELECT doc_id, task_no, action, deadline, [],
               '{"page": 1, "start": ' || (task_no * 180) || ', "end": ' || (task_no * 180 + 120) || '}' FROM gt"""),
        # deadline: the task's, as store._child_rows copies it (schema 009)
        ("task_units", f"""INSERT INTO task_units (doc_id, task_no, position, unit, unit_key, role, unit_id, deadline)
        SELECT t.doc_id, t.task_no, greatest(t.s - 1, 0), u.name, u.unit_key, CASE WHEN t.s = 0 THEN 'lead'
               ELSE 'coordinate' END, u.unit_id, t.deadline
        FROM (SELECT doc_id, task_no, deadline, s, CAST(floor({U} * pow(random(), 2.5)) AS BIGINT) AS rk
              FROM (SELECT doc_id, task_no, deadline, unnest(range(1 + CAST(floor(random() * 3) AS INTEGER))) AS s
                    FROM gt)) t
        JOIN gu u ON u.trank = t.rk"""),
        ("unit_aliases", f"""INSERT INTO unit_aliases (alias_key, unit_id, unit_key, text, doc_id, source, name,
            parent_id, kind, level, place, confidence)
        SELECT lower(a.text), u.unit_id, u.unit_key, a.text, d.doc_id, ['issuer', 'recipient', 'task'][a.n], u.name,
               p.unit_id, u.kind, u.level, u.place, u.confidence
        FROM (SELECT i, n, CASE n WHEN 1 THEN upper(name)
                  WHEN 2 THEN replace(replace(name, 'Ủy ban nhân dân', 'UBND'), 'Hội đồng nhân dân', 'HĐND')
                  ELSE trim(replace(name, place, '')) END AS text
              FROM gu, range(1, 3 + CAST(i % 2 AS INTEGER)) r(n) WHERE i % 3 = 0) a
        JOIN gu u ON u.i = a.i LEFT JOIN gu p ON p.i = u.pidx JOIN gd d ON d.d = (a.i * 31 + a.n) % {D}"""),
        # citations: the parent (a chain), then "căn cứ" skewed to the top levels, ~10% to codes not stored
        ("citations", f"""CREATE TEMP TABLE gc AS
        SELECT d, doc_id, pos, lvl, random() AS rr,
               CASE WHEN pos = 0 AND d >= {R} THEN (d - {R}) // 3
                    WHEN pos > 0 AND lvl > 0 AND random() >= 0.2
                         THEN CAST(floor({lvl_start} * pow(random(), 2)) AS BIGINT) END AS target,
               CAST(floor({M} * pow(random(), 3)) AS BIGINT) AS ext
        FROM (SELECT d, doc_id, lvl, unnest(range(1 + CAST(floor(random() * 3) AS INTEGER))) AS pos FROM gd)"""),
        ("citations", f"""INSERT INTO citations (doc_id, position, code, code_key, doc_type, title, date, issuer,
            relation, flags, cited_doc_id, issuer_unit_id, target_key)
        SELECT doc_id, pos, code, lower(code), doc_type, title, date, issuer, relation, [], cited, iu,
               lower(code) || '|' || year(date)
        FROM (SELECT c.doc_id, c.pos,
                coalesce(t.code, c.ext || CASE c.ext % 3 WHEN 0 THEN '/' || (2019 + c.ext % 5) || '/NĐ-CP'
                         WHEN 1 THEN '-NQ/TW' ELSE '/' || (2019 + c.ext % 5) || '/QH15' END) AS code,
                coalesce(t.doc_type, ['Nghị định', 'Nghị quyết', 'Luật'][1 + c.ext % 3]) AS doc_type,
                coalesce(t.subject, 'về ' || {pick(TOPICS, 'c.ext')}) AS title,
                coalesce(t.date, make_date(2019 + CAST(c.ext % 5 AS INTEGER), 1 + CAST(c.ext % 12 AS INTEGER),
                                           1 + CAST(c.ext % 28 AS INTEGER))) AS date,
                coalesce(t.issuer, ['Chính phủ', 'Ban Chấp hành Trung ương', 'Quốc hội'][1 + c.ext % 3]) AS issuer,
                CASE WHEN c.pos > 0 THEN CASE WHEN c.rr < 0.8 THEN 'căn cứ' ELSE 'theo' END
                     WHEN c.rr < 0.5 THEN 'thực hiện' WHEN c.rr < 0.75 THEN 'căn cứ' WHEN c.rr < 0.9 THEN 'theo'
                     ELSE 'trả lời' END AS relation,
                t.doc_id AS cited,
                coalesce(t.issuer_unit_id, (SELECT unit_id FROM gu WHERE i = c.ext % 3 AND i < 2)) AS iu
              FROM gc c LEFT JOIN gd t ON t.d = c.target)"""),
        ("task_replies", f"""INSERT INTO task_replies (doc_id, task_no, unit_id, reply_doc_id, how, reply_date)
        SELECT DISTINCT tu.doc_id, tu.task_no, tu.unit_id, r.doc_id, CASE WHEN tu.task_no % 4 = 0 THEN 'trả lời'
               ELSE 'thực hiện' END, r.date
        FROM task_units tu JOIN gd a ON a.doc_id = tu.doc_id JOIN gd r ON r.d = {R} + 3 * a.d + tu.task_no % 3
        WHERE random() < 0.6 AND {R} + 3 * a.d + 2 < {D}"""),
        ("edges", "INSERT INTO edges SELECT * FROM v_edge_candidates"),
        # schema 008's numbered copy of the edges, as graph.refresh keeps it
        ("edges", "INSERT INTO chain_edges SELECT DISTINCT node_no(from_id), node_no(to_id) FROM edges"),
        ("edges", "INSERT INTO chain_nodes SELECT node_no(id), id FROM (SELECT from_id AS id FROM edges"
                  " UNION SELECT to_id FROM edges)"),
    ]


INDEX_RE = re.compile(r"CREATE INDEX IF NOT EXISTS (\w+) ON [^;]+;")
Row = tuple[str, Any, Any]  # what, rows, median ms (or why not)


def generate(con: Any, s: dict[str, int]) -> dict[str, float]:
    took: dict[str, float] = {}
    # the schema's secondary indexes, dropped for the load and built once at the end: 52 s against 76 s at 1M tasks
    # when the INSERTs maintain them; read from the schema files so the bench follows the schema as it changes
    indexes = [(m.group(1), m.group(0)) for _, _, sql in store.sql_files() for m in INDEX_RE.finditer(sql)]
    steps = [(f"DROP INDEX IF EXISTS {name}", "") for name, _ in indexes]
    steps += [(sql, label) for label, sql in generation_sql(s)] + [(ddl, "indexes") for _, ddl in indexes]
    steps += [(f"DROP TABLE {t}", "") for t in ("gu", "gd0", "gd", "gt", "gc")] + [("CHECKPOINT", "checkpoint")]
    for sql, label in steps:
        start = time.perf_counter()
        con.execute(sql)
        if label:
            took[label] = took.get(label, 0.0) + time.perf_counter() - start
    return took


def median_ms(run: Callable[[], int], runs: int = 5, warm: int = 1) -> tuple[int, float]:
    times, rows = [], 0
    for i in range(warm + runs):
        start = time.perf_counter()
        rows = run()
        if i >= warm:
            times.append((time.perf_counter() - start) * 1000)
    return rows, statistics.median(times)


def table(title: str, lines: list[Row]) -> None:
    print(f"\n{title}\n{'':-<96}\n{'what':<64}{'rows':>12}{'median ms':>20}")
    for name, rows, ms in lines:
        print(f"{name:<64}{rows!s:>12}{f'{ms:,.1f}' if isinstance(ms, float) else ms:>20}")


def doc_id(d: int) -> str:
    return hashlib.sha256(f"bench:{d}".encode()).hexdigest()  # the SQL's sha256('bench:' || d)


def search_dir(db: Path) -> Path:
    return db.with_name(db.name + ".search")  # where search.index_dir puts it for `congvan search --db`


def sql_timings(con: Any, db: Path, s: dict[str, int]) -> tuple[list[Row], str]:  # and the heaviest unit
    by_load = ("WITH c AS (SELECT unit_id, count(*) AS n FROM task_units GROUP BY unit_id) SELECT unit_id, n FROM c"
               " ORDER BY n DESC LIMIT 1 OFFSET ?")
    n_units = con.execute("SELECT count(DISTINCT unit_id) FROM task_units").fetchone()[0]
    (heavy, n_heavy), (typical, n_typical) = (con.execute(by_load, [k]).fetchone() for k in (0, n_units // 2))

    def q(sql: str, params: list[Any] | None = None) -> Callable[[], int]:  # fetched: DuckDB is lazy
        return lambda: len(con.execute(sql, params or []).fetchall())

    od = f"SELECT * FROM overdue_at(DATE '{TODAY}') WHERE unit_id = ? ORDER BY deadline LIMIT 50"
    # schema 009's macro: the unit's first 50 cut on task_units before any task or document is read
    # (same rows as od in a total order; `tasks --unit --overdue --limit` runs it)
    uo = f"SELECT * FROM unit_overdue_at(DATE '{TODAY}', ?, 50)"
    wl = f"SELECT * FROM workload_at(DATE '{TODAY}')"
    plan = [
        (f"overdue, heavy unit ({n_heavy:,} task-units)", q(uo, [heavy])),
        (f"overdue, typical unit ({n_typical:,} task-units)", q(uo, [typical])),
        ("  heavy, as overdue_at(...) WHERE unit_id ORDER BY deadline LIMIT 50", q(od, [heavy])),
        ("  typical, the same overdue_at form", q(od, [typical])),
        ("workload, one unit (the heavy one)", q(wl + " WHERE unit_id = ?", [heavy])),
        ("workload, all units, top 20 overdue", q(wl + " ORDER BY overdue DESC LIMIT 20")),
        ("chain_down(most-cited level-0 directive, 6)", q("SELECT * FROM chain_down(?, 6)", [doc_id(0)])),
        # the same walk without turning ~10^5 rows into Python tuples (DuckDB's fetchall costs
        # ~0.3 us a value): what the query costs in the database, apart from the client
        ("  the same, computed in DuckDB (count(*), no fetch)",
         lambda: con.execute("SELECT count(*) FROM chain_down(?, 6)", [doc_id(0)]).fetchall()[0][0]),
        # every row fetched, as columns (one numpy array per column) instead of a tuple per row
        ("  the same, every row fetched as columns (fetchnumpy)",
         lambda: len(con.execute("SELECT * FROM chain_down(?, 6)", [doc_id(0)]).fetchnumpy()["node"])),
        ("chain_up(level-6 document, 6)", q("SELECT * FROM chain_up(?, 6)", [doc_id(s["R"] * (3 ** 6 - 1) // 2)])),
        ("v_missing_documents top 20", q("SELECT * FROM v_missing_documents ORDER BY cited_by DESC LIMIT 20")),
    ]
    if s["R"] > 1:  # a directive fewer documents cite (at 10,000 tasks there is one tree)
        other = q("SELECT * FROM chain_down(?, 6)", [doc_id(s["R"] - 1)])
        plan.insert(9, ("chain_down(another level-0 directive, 6)", other))   # after the most-cited's three rows
    return [(name, *median_ms(run)) for name, run in plan] + search_timings(con, db), heavy


def search_timings(con: Any, db: Path) -> list[Row]:
    # pipeline/search.py is written in parallel: time it only when its API is there
    mod = importlib.import_module("pipeline.search") if importlib.util.find_spec("pipeline.search") else None
    fn = getattr(mod, "search", None)
    if fn is None or list(inspect.signature(fn).parameters)[:4] != ["con", "directory", "text", "limit"]:
        return [("search 'chuyen doi so'", "-", "not available")]

    def hits() -> int:
        found = fn(con, search_dir(db), "chuyen doi so", 20)
        return len(found[1]) if isinstance(found, tuple) else len(found)  # (columns, rows) or rows

    what = "search index sync (" + ("index already built)" if search_dir(db).exists() else "first build)")
    start = time.perf_counter()
    if callable(getattr(mod, "sync", None)):
        mod.sync(con, search_dir(db))
        out: list[Row] = [(what, "-", (time.perf_counter() - start) * 1000)]
    else:  # the first search builds the index
        out = [("first search (builds the index)", hits(), (time.perf_counter() - start) * 1000)]
    return out + [("search 'chuyen doi so' limit 20", *median_ms(hits))]


def cli_timings(db: Path, info: dict[str, str]) -> list[Row]:
    exe, env = str(ROOT / ".venv/bin/congvan"), {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "200"}

    def wall(cmd: list[str]) -> tuple[int, float, str]:
        times, lines, err = [], 0, ""
        for _ in range(3):
            start = time.perf_counter()
            p = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
            times.append((time.perf_counter() - start) * 1000)
            lines, err = len(p.stdout.splitlines()), "" if p.returncode == 0 else f"rc={p.returncode}"
        return lines, statistics.median(times), err

    out: list[Row] = [("python -c 'import pipeline.cli' (floor)", "-",
                       wall([str(ROOT / ".venv/bin/python"), "-c", "import pipeline.cli"])[1])]
    calls = [["tasks", "--db", str(db), "--unit", info["unit"], "--overdue", "--today", TODAY, "--limit", "50"],
             ["chain", info["code"], "--down", "--db", str(db)],
             *([["chain", info["other"], "--down", "--depth", "6", "--db", str(db)]] if info.get("other") else []),
             ["chain", info["leaf"], "--up", "--depth", "6", "--db", str(db)],
             ["missing", "--db", str(db), "--limit", "20"],
             ["units", "--db", str(db), "--search", info["name"]], ["search", "chuyen doi so", "--db", str(db)]]
    for args in calls:
        name = "congvan " + " ".join("DB" if a == str(db) else a for a in args)
        name = name if len(name) <= 62 else name[:61] + "…"
        # the verbs are being written in parallel: a verb or option its --help does not show is not timed
        shown = subprocess.run([exe, args[0], "--help"], capture_output=True, text=True, env=env, cwd=ROOT)
        if shown.returncode or any(not re.search(re.escape(a) + r"\b", shown.stdout) for a in args if a[:2] == "--"):
            out.append((name, "-", "not available"))
            continue
        lines, ms, err = wall([exe, *args])
        out.append((name, f"{lines} lines", f"{err} {ms:,.1f}" if err else ms))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=ROOT / "bench/out/graph.duckdb")
    ap.add_argument("--rebuild", action="store_true", help="build the database again even if it is there")
    ap.add_argument("--tasks", type=int, default=1_000_000, help="documents = tasks/5, units = tasks/50; >= 5000")
    args = ap.parse_args()
    s, db = shape(max(args.tasks, 5000)), args.db.resolve()
    db.parent.mkdir(parents=True, exist_ok=True)
    con = store.connect(db) if db.exists() and not args.rebuild else None
    found = con and con.execute("SELECT (SELECT count(*) FROM units), (SELECT count(*) FROM documents), (SELECT"
                                " count(*) FROM tasks), (SELECT count(*) > 0 FROM edges)").fetchone()  # edges last
    if con is not None and found != (s["U"], s["D"], s["tasks"], True):
        con = con.close()
    gen = "reused"
    if con is None:
        for path in (db, db.with_name(db.name + ".wal")):
            path.unlink(missing_ok=True)
        shutil.rmtree(search_dir(db), ignore_errors=True)  # an old file's index would be synced, not built
        con = store.connect(db)
        start = time.perf_counter()
        steps = generate(con, s)
        gen = f"{time.perf_counter() - start:.1f} s (" + ", ".join(f"{k} {v:.1f}" for k, v in steps.items()) + ")"
        con.close()  # reopened, so the timings below are those of a later session (reused file), not of the writer
        con = store.connect(db)
    con.execute("SET enable_progress_bar = false")  # DuckDB draws one for queries over 2 s on a terminal
    sizes = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in
             ("units", "unit_aliases", "documents", "tasks", "task_units", "citations", "edges", "task_replies")}
    sizes["unresolved"] = con.execute("SELECT count(*) FROM citations WHERE cited_doc_id IS NULL").fetchone()[0]
    print(f"congvan graph bench: {db}\ngeneration: {gen}\nrows: " + ", ".join(f"{k} {v:,}" for k, v in sizes.items()))
    info = {"code": con.execute("SELECT code FROM documents WHERE doc_id = ?", [doc_id(0)]).fetchone()[0]}
    code_of = "SELECT code FROM documents WHERE doc_id = ?"
    info["leaf"] = con.execute(code_of, [doc_id(s["R"] * (3 ** 6 - 1) // 2)]).fetchone()[0]
    if s["R"] > 1:
        info["other"] = con.execute(code_of, [doc_id(s["R"] - 1)]).fetchone()[0]
    lines, info["unit"] = sql_timings(con, db, s)
    info["name"] = con.execute("SELECT name FROM units WHERE unit_id = ?", [info["unit"]]).fetchone()[0]
    con.close()  # the CLI opens the file read-only: DuckDB refuses that while this process holds it for writing
    table("SQL (median of 5 after 1 warm-up)", lines)
    table("CLI as whole processes (wall, median of 3)", cli_timings(db, info))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\ndatabase file: {db.stat().st_size / 2**20:,.1f} MiB; peak RSS of this process: {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
