"""The corpus: sources and built documents agree, splits are fixed and disjoint."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

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


def _docs() -> list[dict]:  # type: ignore[type-arg]
    return [
        json.loads(p.read_text(encoding="utf-8")) for p in sorted((CORPUS / "docs").glob("*.json"))
    ]


def _count(value: object) -> int | None:
    return None if value in (None, "none") else int(str(value))


def test_version_has_a_changelog_entry() -> None:
    version = int((CORPUS / "VERSION").read_text(encoding="utf-8").strip())
    changes = (CORPUS / "CHANGES.md").read_text(encoding="utf-8")
    assert version >= 3
    assert f"version {version - 1} → {version}" in changes
    assert "K1" in changes and "M1" in changes


def test_proposal_status_follows_its_answer() -> None:
    """Rule K6: adopted by a decision or a task, addressed by a conclusion."""
    expected = {"decision": "adopted", "action_item": "adopted", "conclusion": "addressed"}
    for doc in _docs():
        by_id = {item["id"]: item for item in doc["items"]}
        for item in doc["items"]:
            if item["kind"] == "proposal" and item.get("answer"):
                kind = by_id[item["answer"]]["kind"]
                assert item["status"] == expected[kind], (doc["id"], item["text"])


def test_vote_counts_that_add_up_leave_no_unknown() -> None:
    """Rule V3: when for + against + abstain said make the total, the others are 0."""
    for doc in _docs():
        for item in doc["items"]:
            if item["kind"] != "vote":
                continue
            votes = [_count(item.get(k)) for k in ("for", "against", "abstain", "total")]
            yes, against, abstain, total = votes
            if yes is not None and total is not None:
                assert yes <= total, (doc["id"], item["text"])
                if yes + (against or 0) + (abstain or 0) == total:
                    assert None not in (against, abstain), (doc["id"], item["text"])


def test_member_ids_come_from_the_text() -> None:
    """Rule M1: a member's name as recorded is written in the text (compared as ``build.py``
    does: without case, diacritics or line breaks, so minutes typed without diacritics count)."""
    sys.path.insert(0, str(CORPUS))
    import build

    for doc in _docs():
        text = build._plain(doc["text"])
        for member in doc["members"]:
            assert build._plain(member["name"]) in text, (doc["id"], member["name"])


def test_unit_assignees_are_written_without_quantifiers() -> None:
    """Rule A1: "giáo viên chủ nhiệm", not "Các đồng chí giáo viên chủ nhiệm"."""
    for doc in _docs():
        for item in doc["items"]:
            if item["kind"] == "action_item" and item.get("assignee"):
                first = item["assignee"].split()[0].casefold()
                assert first not in {"các", "cac", "mỗi", "moi", "giao"}, (
                    doc["id"],
                    item["assignee"],
                )


def test_a_member_name_the_text_never_writes_fails_the_build() -> None:
    sys.path.insert(0, str(CORPUS))
    import build

    def source(name: str) -> str:
        return (
            "---\nid: x\nkind: committee\nstyle: minutes\nmeeting: {}\nmembers:\n"
            f"  - {{id: {build.slug(name)}, name: {name}, roles: [], present: true}}\n"
            "---\nChủ trì: đ/c Ngân.\nĐ/c Ngân: nhất trí.\n"
        )

    assert build.parse(source("Ngân"), "x")["members"][0]["id"] == "ngan"
    with pytest.raises(build.AnnotationError, match="not in the text"):
        build.parse(source("Võ Thị Kim Ngân"), "x")
