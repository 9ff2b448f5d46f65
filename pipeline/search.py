"""BM25 search over the stored documents, accent-insensitive (`chuyen doi so` finds `chuyển đổi số`).

A Tantivy index next to the database (`congvan.duckdb.search/`), derived data only: the
`fold`-ed subject, task actions, body and code of every kept copy; it stores just the doc_id
and a hit is read back from DuckDB. `indexed.json` ((doc_id, fingerprint) pairs) is written
after Tantivy's commit, so a sync that dies midway is repaired by the next one. Snippets are
cut from the ORIGINAL text, the matched words marked «like this».
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import regex
import tantivy

from extractors.normalize import fold
from pipeline.errors import CongvanError

COLUMNS = ["score", "code", "doc_type", "date", "subject", "snippet", "file", "doc_id"]
# field -> boost: a word in the trích yếu says more about a dispatch than one in its body
WEIGHTS = {"subject": 3.0, "tasks": 2.0, "code": 2.0, "body": 1.0}
MARKER = "indexed.json"
# a few bytes summing up what the marker holds (see _digest): a search on an unchanged
# database reads this instead of the marker, which holds an entry per document (~15 MB,
# 0.2-0.4 s to read and compare at 200,000 documents)
DIGEST = "digest.json"
VERSION = 1  # bump when the schema or what is indexed changes: the next sync rebuilds
SNIPPET_WIDTH = 160
MAX_TERMS = 32  # a pasted paragraph must not become a thousand-clause query

# Tantivy's "default" analyzer, rebuilt here so a query is cut into exactly the terms
# the index holds; the query is never given to Tantivy's query parser (`"`, `(a`, `AND`).
_ANALYZER = (
    tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
    .filter(tantivy.Filter.remove_long(40)).filter(tantivy.Filter.lowercase()).build()
)
# the same words in Python, on folded text: SimpleTokenizer splits on non-alphanumerics
_WORD = regex.compile(r"[\p{Alphabetic}\p{N}]+")
_SPACE = regex.compile(r"\s+")
_JOINED = regex.compile(r"\s+|[-/.]")  # what may sit between two words under one mark


_builder = tantivy.SchemaBuilder()
_builder.add_text_field("doc_id", stored=True, tokenizer_name="raw")  # raw: one term, for deletes
for _name in WEIGHTS:
    _builder.add_text_field(_name)  # default tokenizer, positions kept for phrase queries
SCHEMA = _builder.build()


class _FoldTable(dict):
    # a str.translate table filled by fold() one char at a time: fold() walks the text in
    # Python (~2.5 ms per 5 kB), this ~0.8 ms; casefold and NFD work per char, so the words
    # come out the same, only a space stays a space instead of runs collapsing

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        self[code] = out = " " if ch.isspace() else fold(ch)
        return out


_FOLD = _FoldTable()


def fold_fast(text: str | None) -> str:
    """`fold(text)` with whitespace kept as it is (not collapsed)."""
    return text.translate(_FOLD) if text else ""


def index_dir(db_path: str | Path, directory: str | Path | None = None) -> Path:
    """Where the index of a database lives: `<db file>.search/`, or `directory` if given."""
    if directory is not None:
        return Path(directory)
    if str(db_path) == ":memory:":
        raise CongvanError("an in-memory database has no place for a search index; pass a directory")
    return Path(db_path).with_name(Path(db_path).name + ".search")


def _columns(con: duckdb.DuckDBPyConnection) -> set[str]:
    # an older database opened read-only has not been migrated: no `text` column yet
    sql = "SELECT column_name FROM information_schema.columns WHERE table_name = 'documents'"
    return {r[0] for r in con.execute(sql).fetchall()}


def _current(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """doc_id -> fingerprint of every document that should be indexed; one cheap SELECT."""
    cols = _columns(con)
    # `text` is filled by migration 005 and later loads: a row gaining it must be re-indexed
    has_text = "text IS NOT NULL" if "text" in cols else "false"
    kept = "WHERE duplicate_of IS NULL" if "duplicate_of" in cols else ""
    sql = f"SELECT doc_id, CAST(loaded_at AS VARCHAR), {has_text} FROM documents {kept}"
    rows = con.execute(sql).fetchall()
    return {doc_id: f"{loaded}|{'t' if text else '-'}" for doc_id, loaded, text in rows}


def _digest(con: duckdb.DuckDBPyConnection) -> str:
    """What `_current` would return, summed up in SQL: over the kept copies, the count and the
    xor and the sum of a hash of each (doc_id, loaded_at); the same over those that have a
    body text. A document added, dropped, reloaded or given its text changes it. The text is
    its own scan: `text IS NOT NULL` as a scan filter reads the validity mask only, inside an
    expression it reads every body (~4x the time). The DuckDB version is part of the digest
    because `hash` may change between versions: a changed one only costs one full compare."""
    cols = _columns(con)
    kept = "WHERE duplicate_of IS NULL" if "duplicate_of" in cols else "WHERE true"
    texts = (f"(SELECT count(*) || ':' || coalesce(bit_xor(hash(doc_id)), 0) FROM documents {kept}"
             f" AND text IS NOT NULL)") if "text" in cols else "'-'"
    row = con.execute(
        f"SELECT (SELECT count(*) || ':' || coalesce(bit_xor(h), 0) || ':' || coalesce(sum(CAST(h AS HUGEINT)), 0)"
        f" FROM (SELECT hash(doc_id, loaded_at) AS h FROM documents {kept})), {texts}").fetchall()[0]
    return f"{duckdb.__version__}|{row[0]}|{row[1]}"


def _up_to_date(directory: Path, digest: str) -> bool:
    """True when the last complete sync left the index at the database's present state."""
    try:
        data = json.loads((directory / DIGEST).read_text(encoding="utf-8"))
        if data["version"] != VERSION or data["digest"] != digest:
            return False
        # as in _open: an index that lost documents (a removed meta.json) is not up to date
        return tantivy.Index(SCHEMA, path=str(directory), reuse=True).searcher().num_docs == data["docs"]
    except (OSError, ValueError, KeyError, TypeError):  # none yet, half-written by hand, another schema
        return False


def _write_digest(directory: Path, digest: str, docs: int) -> None:
    tmp = directory / (DIGEST + ".tmp")
    tmp.write_text(json.dumps({"version": VERSION, "digest": digest, "docs": docs}), encoding="utf-8")
    os.replace(tmp, directory / DIGEST)


def _read_marker(directory: Path) -> dict[str, str] | None:
    try:
        data = json.loads((directory / MARKER).read_text(encoding="utf-8"))
        return data["docs"] if data["version"] == VERSION and isinstance(data["docs"], dict) else None
    except (OSError, ValueError, KeyError, TypeError):  # missing, half-written by hand, old
        return None


def _write_marker(directory: Path, docs: dict[str, str]) -> None:
    # write-then-rename: a reader sees the old marker or the new one, never half of one
    tmp = directory / (MARKER + ".tmp")
    tmp.write_text(json.dumps({"version": VERSION, "docs": docs}), encoding="utf-8")
    os.replace(tmp, directory / MARKER)


def _open(directory: Path) -> tuple[tantivy.Index, dict[str, str]]:
    """The index and what it holds; a fresh empty index when the two cannot be trusted."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a database on read-only media: say so in one line
        raise CongvanError(f"cannot write the search index at {directory}: {exc.strerror}") from None
    known = _read_marker(directory)
    if known is not None:
        try:
            index = tantivy.Index(SCHEMA, path=str(directory), reuse=True)
            # the count catches a crash between commit and marker, or a removed meta.json
            if index.searcher().num_docs == len(known):
                return index, known
        except ValueError:  # an index of another schema
            pass
    (directory / DIGEST).unlink(missing_ok=True)  # the digest speaks for the marker: first
    (directory / MARKER).unlink(missing_ok=True)  # a crash from here on rebuilds again
    return tantivy.Index(SCHEMA, path=str(directory), reuse=False), {}


def _fields(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> dict[str, tuple]:
    """doc_id -> (code, doc_type, date, subject, file, tasks, body), original spelling."""
    body = "d.text" if "text" in _columns(con) else "NULL"
    # the tasks picked by doc_id alone: for a page of hits (up to 50 ids) DuckDB looks them up
    # in the tasks_doc index (schema 009), where the correlated form read all 1 M tasks (~50 ms)
    rows = con.execute(
        f"""WITH t AS (SELECT doc_id, string_agg(action, '\n' ORDER BY task_no) AS actions FROM tasks
                       WHERE doc_id IN (SELECT unnest($ids)) GROUP BY doc_id)
            SELECT d.doc_id, d.code, d.doc_type, d.date, d.subject, d.file, t.actions, {body}
            FROM documents d LEFT JOIN t ON t.doc_id = d.doc_id WHERE d.doc_id IN (SELECT unnest($ids))""",
        {"ids": doc_ids},
    ).fetchall()
    return {r[0]: r[1:] for r in rows}


def sync(con: duckdb.DuckDBPyConnection, directory: str | Path) -> tuple[int, int]:
    """Bring the index up to date with the database; returns (added_or_updated, deleted)."""
    directory = Path(directory)
    # taken before `wanted`: should the database change in between, the digest written is
    # of the older state, and the next sync compares the marker again (never the reverse)
    digest = _digest(con)
    if _up_to_date(directory, digest):
        return 0, 0
    index, known = _open(directory)
    wanted = _current(con)
    changed = [d for d, fp in wanted.items() if known.get(d) != fp]
    gone = [d for d in known if d not in wanted]
    if not changed and not gone:
        _write_digest(directory, digest, len(wanted))  # e.g. an index synced before digests
        return 0, 0
    try:
        writer = index.writer(heap_size=50_000_000, num_threads=1)
    except ValueError as exc:  # LockBusy: another process is syncing
        raise CongvanError(f"search index {directory} is being updated by another process") from exc
    # every add is preceded by a delete of its doc_id, so re-running a half-done sync is harmless
    for doc_id in gone + changed:
        writer.delete_documents_by_term("doc_id", doc_id)
    for doc_id, (code, _, _, subject, _, tasks, body) in _fields(con, changed).items():
        folded = dict(code=code, subject=subject, tasks=tasks, body=body)
        writer.add_document(tantivy.Document(doc_id=doc_id, **{k: fold_fast(v) for k, v in folded.items()}))
    writer.commit()
    writer.wait_merging_threads()
    _write_marker(directory, wanted)
    _write_digest(directory, digest, len(wanted))  # after the marker: it vouches for it
    return len(changed), len(gone)


def terms(text: str) -> list[str]:
    """The index terms of a user's query, in order, each once."""
    return list(dict.fromkeys(_ANALYZER.analyze(fold(text))))[:MAX_TERMS]


def _query(words: list[str]) -> tantivy.Query:
    # built from terms, never parsed: every word may match in every field (OR, BM25 sums),
    # and the words as a phrase count again, so `chuyen doi so` beats three scattered words
    clauses = []
    for field, weight in WEIGHTS.items():
        for word in words:
            q = tantivy.Query.term_query(SCHEMA, field, word)
            clauses.append((tantivy.Occur.Should, tantivy.Query.boost_query(q, weight)))
        if len(words) > 1:
            q = tantivy.Query.phrase_query(SCHEMA, field, words)
            clauses.append((tantivy.Occur.Should, tantivy.Query.boost_query(q, weight)))
    return tantivy.Query.boolean_query(clauses)


def _matches(original: str, wanted: set[str]) -> list[tuple[int, int, str]]:
    """(start, end, term) in `original` of every word whose folded form is a query term."""
    # fold() is not length-preserving (casefold: ß -> ss, ﬁ -> fi; it collapses whitespace),
    # so fold char by char; NFC Vietnamese keeps one char for one, and the offsets are the
    # original's; otherwise `origin` maps each folded char back
    flat = fold_fast(original)
    origin = range(len(original)) if len(flat) == len(original) else \
        [i for i, ch in enumerate(original) for _ in fold_fast(ch)]
    return [(origin[m.start()], origin[m.end() - 1] + 1, m.group().lower())
            for m in _WORD.finditer(flat) if m.group().lower() in wanted]


def snippet(sources: list[str | None], words: list[str], width: int = SNIPPET_WIDTH) -> str:
    """About `width` characters of the best source around its best matches, marked «…»."""
    best: tuple[tuple[int, int], str, list[tuple[int, int, str]]] | None = None
    for text in filter(None, sources):
        found = _matches(text, set(words))
        j = 0
        for i in range(len(found)):  # each run of matches fitting in `width`
            j = max(j, i)
            while j + 1 < len(found) and found[j + 1][1] - found[i][0] <= width:
                j += 1
            score = (len({m[2] for m in found[i:j + 1]}), j - i + 1)  # distinct terms, then hits
            if best is None or score > best[0]:  # earlier sources win ties
                best = (score, text, found[i:j + 1])
    if best is None:  # a hit on the code alone: show the start of what there is
        text = next(filter(None, sources), "")
        return _cut(text, 0, min(len(text), width), [])
    _, text, hits = best
    start, end = hits[0][0], hits[-1][1]
    pad = max(0, width - (end - start))
    left = max(0, start - pad // 2)
    right = min(len(text), end + pad - (start - left))
    left = max(0, min(left, right - width))
    return _cut(text, left, right, hits)


def _cut(text: str, left: int, right: int, hits: list[tuple[int, int, str]]) -> str:
    # snap to word boundaries so no word is shown cut in half
    if left > 0 and not text[left - 1].isspace():
        space = _SPACE.search(text, left, hits[0][0] if hits else right)
        left = space.end() if space else left
    if right < len(text) and not text[right].isspace():
        spaces = list(_SPACE.finditer(text, hits[-1][1] if hits else left, right))
        right = spaces[-1].start() if spaces and spaces[-1].start() > left else right
    parts, pos = ["…" if left > 0 else ""], left
    for k, (s, e, _) in enumerate(hits):
        parts.append(text[pos:s])
        # matched words next to each other share one mark: «chuyển đổi số», «591-CV/TU»
        opens = k == 0 or not _JOINED.fullmatch(text, hits[k - 1][1], s)
        closes = k == len(hits) - 1 or not _JOINED.fullmatch(text, e, hits[k + 1][0])
        parts.append(("«" if opens else "") + text[s:e] + ("»" if closes else ""))
        pos = e
    parts += [text[pos:right], "…" if right < len(text) else ""]
    return regex.sub(r"\s+", " ", "".join(parts)).strip()


def search(
    con: duckdb.DuckDBPyConnection, directory: str | Path, text: str, limit: int = 20
) -> tuple[list[str], list[tuple]]:
    """Documents matching `text`, best first, as (COLUMNS, rows). Syncs the index first."""
    words = terms(text or "")
    if not words:
        shown = text if len(text or "") <= 60 else text[:60] + "…"
        raise CongvanError(f"nothing to search for in {shown!r}: give a word or number (under 40 letters)")
    sync(con, directory)
    searcher = tantivy.Index(SCHEMA, path=str(directory), reuse=True).searcher()
    hits = searcher.search(_query(words), max(1, limit)).hits
    ranked = [(score, searcher.doc(addr)["doc_id"][0]) for score, addr in hits]
    found = _fields(con, [d for _, d in ranked]) if ranked else {}
    rows = []
    for score, doc_id in ranked:
        if doc_id not in found:  # deleted between sync and now
            continue
        code, doc_type, date, subject, file, tasks, body = found[doc_id]
        # the body first: the subject is a column of its own, so context from the text says more
        cut = snippet([body, tasks, subject], words)
        rows.append((round(score, 3), code, doc_type, date, subject, cut, file, doc_id))
    return COLUMNS, rows
