"""The corpus: sources and built documents agree, splits are fixed and disjoint."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_built_documents_match_sources() -> None:
    result = subprocess.run(
        [sys.executable, str(CORPUS / "build.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_splits_cover_every_document_once() -> None:
    splits = json.loads((CORPUS / "splits.json").read_text(encoding="utf-8"))
    ids = [doc_id for split in ("train", "dev", "test") for doc_id in splits[split]]
    assert len(ids) == len(set(ids))
    assert set(ids) == {p.stem for p in (CORPUS / "src").glob("*.txt")}
    assert len(ids) >= 60
    sys.path.insert(0, str(CORPUS))
    import build

    for split in ("train", "dev", "test"):
        assert all(build.split_of(doc_id) == split for doc_id in splits[split])


def test_annotations_point_at_their_text() -> None:
    for path in (CORPUS / "docs").glob("*.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for record in doc["turns"] + doc["items"]:
            assert doc["text"][record["start"] : record["end"]] == record["text"]
