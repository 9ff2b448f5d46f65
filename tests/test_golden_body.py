"""References and tasks on the dev corpus, scored with ../shared/eval/score.py.

The seeds (s000.txt, s003.md) must come out exactly as a reader lists them:
every task with its units and deadline, every cited code with its date. The
rest of the corpus is held to floors (what the extractors reach now minus a
margin). The corpus is third-party and stays in ../shared: without it the
tests skip. Formats whose reader is not installed are left out.
"""
from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from corpus import DEV, load_scorer, needs_corpus
from pipeline.errors import CongvanError
from pipeline.extract import extract_file
from extractors.normalize import canon

SEEDS = ("s000.txt", "s003.md")
# field -> floor on the txt/md documents of the text subset
FLOORS = {"references": 0.9, "reference_date": 0.9, "tasks": 0.85, "task_assignees": 0.85, "task_deadline": 0.85}


def _gold(name: str) -> dict:
    return json.loads((DEV / name.rsplit(".", 1)[0]).with_suffix(".gold.json").read_text(encoding="utf-8"))


@needs_corpus
@pytest.mark.parametrize("name", SEEDS)
def test_seed_tasks_as_a_reader_lists_them(name):
    gold = _gold(name)
    record = extract_file(DEV / name).contract()
    assert len(record["tasks"]) == len(gold["tasks"])
    for g, p in zip(gold["tasks"], record["tasks"]):
        assert [canon(x) for x in p["assignees"]] == [canon(x) for x in g["assignees"]]
        assert [canon(x) for x in p["coordinators"]] == [canon(x) for x in g["coordinators"]]
        assert p["deadline"] == g["deadline"]
        assert difflib.SequenceMatcher(None, canon(p["action"]), canon(g["action"])).ratio() >= 0.5


@needs_corpus
@pytest.mark.parametrize("name", SEEDS)
def test_seed_references(name):
    gold = _gold(name)
    record = extract_file(DEV / name).contract()
    assert [(r["code"], r["date"]) for r in record["references"]] == [(r["code"], r["date"]) for r in gold["references"]]


@needs_corpus
def test_seed_deadline_typo_is_flagged():
    record = extract_file(DEV / "s000.txt")
    assert any("2025-01-23" in f for f in record.flags)


@needs_corpus
def test_text_corpus_floors():
    score = load_scorer()
    gold = score.load_gold(DEV, "text")
    per_doc = []
    for path, g in gold.items():
        if Path(path).suffix.lower() not in (".txt", ".md"):
            continue
        try:
            pred = extract_file(path).contract()
        except CongvanError:
            pred = {}
        per_doc.append(score.score_document(g, pred))
    for field, floor in FLOORS.items():
        values = [s[field] for s in per_doc if s[field] is not None]
        assert sum(values) / len(values) >= floor, field
