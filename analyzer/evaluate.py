"""Evaluation on the annotated corpus, and training of the item classifier.

``bienban evaluate --split dev`` runs the analyzer on every document of a split and compares it
with the annotations: turn segmentation F1, speaker accuracy, meeting-facts accuracy, per-kind
item precision/recall/F1, assignee and deadline accuracy, exact vote counts. Spans match when
their character IoU is at least 0.5 (one-to-one, best first).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import platform
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

from analyzer.items import ITEM_KINDS, NONE

IOU = 0.5


def corpus_dir() -> Path:
    configured = os.environ.get("BIENBAN_CORPUS_DIR")
    return Path(configured) if configured else Path(__file__).resolve().parent.parent / "corpus"


@cache
def splits() -> dict[str, list[str]]:
    return json.loads((corpus_dir() / "splits.json").read_text(encoding="utf-8"))


def load_split(split: str) -> list[dict[str, Any]]:
    docs = corpus_dir() / "docs"
    return [
        json.loads((docs / f"{doc_id}.json").read_text(encoding="utf-8"))
        for doc_id in splits()[split]
    ]


def corpus_version() -> str:
    return (corpus_dir() / "VERSION").read_text(encoding="utf-8").strip()


def corpus_hash(split: str) -> str:
    digest = hashlib.sha256()
    for doc_id in splits()[split]:
        digest.update((corpus_dir() / "src" / f"{doc_id}.txt").read_bytes())
    return digest.hexdigest()


def _offset_map(gold: str, system: str) -> Callable[[int], int]:
    """Map offsets in the annotated text to offsets in the analyzer's normalised text."""
    if gold == system or len(gold) == len(system):
        return lambda offset: offset
    if len(unicodedata.normalize("NFC", gold)) == len(system):
        return _cluster_map(gold)
    table = list(range(len(gold) + 1))
    matcher = difflib.SequenceMatcher(None, gold, system, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        for k in range(a0, a1 + 1):
            table[k] = b0 + (min(k - a0, b1 - b0) if tag != "equal" else k - a0)
    return lambda offset: table[min(max(offset, 0), len(gold))]


def _cluster_map(gold: str) -> Callable[[int], int]:
    """Offsets through NFC composition: each base letter and its combining marks become one."""
    table = [0] * (len(gold) + 1)
    out = 0
    i = 0
    while i < len(gold):
        j = i + 1
        while j < len(gold) and unicodedata.combining(gold[j]):
            j += 1
        composed = len(unicodedata.normalize("NFC", gold[i:j]))
        for k in range(i, j):
            table[k] = out
        out += composed
        i = j
    table[len(gold)] = out
    return lambda offset: table[min(max(offset, 0), len(gold))]


def analyse_doc(doc: dict[str, Any], estimator: Any = None):  # type: ignore[no-untyped-def]
    from analyzer.ingest import read_text
    from analyzer.pipeline import analyze_raw

    return analyze_raw(read_text(doc["text"], f"{doc['id']}.txt"), estimator=estimator)


def _iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def match_spans(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index) with IoU >= 0.5, best first."""
    pairs = sorted(
        (
            (_iou(g, p), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(pred)
            if _iou(g, p) >= IOU
        ),
        reverse=True,
    )
    used_g, used_p, result = set(), set(), []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            result.append((gi, pi))
    return result


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, n_pred: int, n_gold: int) -> None:
        self.tp += tp
        self.fp += n_pred - tp
        self.fn += n_gold - tp

    def scores(self) -> dict[str, float | int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f, 3),
            "support": self.tp + self.fn,
        }


@dataclass
class Ratio:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    def value(self) -> dict[str, float | int]:
        return {
            "accuracy": round(self.right / self.total, 3) if self.total else 0.0,
            "n": self.total,
        }


@dataclass
class Report:
    split: str
    documents: int = 0
    turns: Counts = field(default_factory=Counts)
    speakers: Ratio = field(default_factory=Ratio)
    facts: dict[str, Ratio] = field(default_factory=lambda: defaultdict(Ratio))
    items: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    # Conclusions and decisions matched whichever of the two kinds each side gives.
    either: Counts = field(default_factory=Counts)
    assignee: Ratio = field(default_factory=Ratio)
    deadline: Ratio = field(default_factory=Ratio)
    votes: Ratio = field(default_factory=Ratio)
    links: Ratio = field(default_factory=Ratio)

    def as_dict(self) -> dict[str, Any]:
        facts_all = Ratio(
            sum(r.right for r in self.facts.values()), sum(r.total for r in self.facts.values())
        )
        items = {kind: self.items[kind].scores() for kind in ITEM_KINDS}
        both = Counts()
        for kind in ("conclusion", "decision"):
            both.tp += self.items[kind].tp
            both.fp += self.items[kind].fp
            both.fn += self.items[kind].fn
        items["conclusion+decision"] = both.scores()
        items["conclusion|decision (either kind)"] = self.either.scores()
        micro = Counts()
        for kind in ITEM_KINDS:
            micro.tp += self.items[kind].tp
            micro.fp += self.items[kind].fp
            micro.fn += self.items[kind].fn
        items["all (micro)"] = micro.scores()
        return {
            "split": self.split,
            "documents": self.documents,
            "turns": self.turns.scores(),
            "speaker_accuracy": self.speakers.value(),
            "facts_accuracy": facts_all.value(),
            "facts": {k: v.value() for k, v in sorted(self.facts.items())},
            "items": items,
            "assignee_accuracy": self.assignee.value(),
            "deadline_accuracy": self.deadline.value(),
            "vote_counts_exact": self.votes.value(),
            "proposal_status_accuracy": self.links.value(),
        }


def _norm(value: Any) -> str:
    return " ".join(str(value).casefold().split()) if value not in (None, "", "none") else ""


def score_document(report: Report, doc: dict[str, Any], analysis: Any) -> None:
    to_sys = _offset_map(doc["text"], analysis.text)
    report.documents += 1
    gold_turns = [(to_sys(t["start"]), to_sys(t["end"])) for t in doc["turns"]]
    pred_turns = [(t.start, t.end) for t in analysis.turns]
    pairs = match_spans(gold_turns, pred_turns)
    report.turns.add(len(pairs), len(pred_turns), len(gold_turns))
    for gi, pi in pairs:
        gold = doc["turns"][gi]["speaker"]
        pred = analysis.turns[pi].speaker_id
        report.speakers.add((pred or "?") == gold)
    meeting = analysis.meeting
    gold_meeting = doc.get("meeting") or {}
    predicted = {
        "date": str(meeting.date) if meeting.date else None,
        "start_time": meeting.start_time,
        "end_time": meeting.end_time,
        "chair": meeting.chair.member_id if meeting.chair else None,
        "secretary": meeting.secretary.member_id if meeting.secretary else None,
        "total": meeting.attendance.total,
        "present": meeting.attendance.present,
        "absent": meeting.attendance.absent,
        "kind": meeting.kind,
    }
    attendance = gold_meeting.get("attendance") or {}
    expected = {
        **{
            k: gold_meeting.get(k) for k in ("date", "start_time", "end_time", "chair", "secretary")
        },
        **{k: attendance.get(k) for k in ("total", "present", "absent")},
        "kind": doc.get("kind"),
    }
    for key, value in expected.items():
        if value is not None:
            report.facts[key].add(_norm(predicted[key]) == _norm(value))
    by_kind_gold: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in doc["items"]:
        by_kind_gold[item["kind"]].append(item)
    by_kind_pred: dict[str, list[Any]] = defaultdict(list)
    for item in analysis.items:
        by_kind_pred[item.kind].append(item)
    either = ("conclusion", "decision")
    either_gold = [g for kind in either for g in by_kind_gold[kind]]
    either_pred = [p for kind in either for p in by_kind_pred[kind]]
    pairs = match_spans(
        [(to_sys(g["start"]), to_sys(g["end"])) for g in either_gold],
        [(p.start, p.end) for p in either_pred],
    )
    report.either.add(len(pairs), len(either_pred), len(either_gold))
    matched_ids: dict[str, str] = {}
    for kind in ITEM_KINDS:
        gold_items = by_kind_gold[kind]
        pred_items = by_kind_pred[kind]
        pairs = match_spans(
            [(to_sys(g["start"]), to_sys(g["end"])) for g in gold_items],
            [(p.start, p.end) for p in pred_items],
        )
        report.items[kind].add(len(pairs), len(pred_items), len(gold_items))
        for gi, pi in pairs:
            gold, pred = gold_items[gi], pred_items[pi]
            matched_ids[pred.id] = gold["id"]
            if kind == "action_item":
                report.assignee.add(_norm(pred.assignee) == _norm(gold.get("assignee")))
                report.deadline.add(_norm(pred.deadline) == _norm(gold.get("deadline")))
            elif kind == "vote":
                fields = (
                    ("votes_for", "for"),
                    ("against", "against"),
                    ("abstain", "abstain"),
                    ("total", "total"),
                )
                report.votes.add(
                    all(_norm(getattr(pred, attr)) == _norm(gold.get(key)) for attr, key in fields)
                )
            elif kind == "proposal":
                report.links.add(pred.status == gold.get("status", "open"))


def evaluate(split: str = "dev", estimator: Any = None) -> dict[str, Any]:
    report = Report(split)
    for doc in load_split(split):
        analysis, _ = analyse_doc(doc, estimator)
        score_document(report, doc, analysis)
    return report.as_dict()


def _label(cand_span: tuple[int, int], gold: list[tuple[tuple[int, int], str]]) -> str | None:
    """The kind of the annotated item the clause matches; None when it only partly overlaps one
    (neither a clean example of the kind nor of "none", so it is left out of training)."""
    best, kind = 0.0, NONE
    touched = False
    for span, gold_kind in gold:
        overlap = _iou(cand_span, span)
        touched = touched or overlap > 0
        if overlap > best:
            best, kind = overlap, gold_kind
    if best >= IOU:
        return kind
    return None if touched else NONE


def _prepared(doc: dict[str, Any]):  # type: ignore[no-untyped-def]
    """A document analysed without items, and its candidate clauses' feature rows, labels (None
    for a clause left out of training, see ``_label``) and turns, in text order."""
    from analyzer import items
    from analyzer.accents import folded_patterns

    analysis, spacy_doc = analyse_doc(doc, estimator=_NoItems())
    to_sys = _offset_map(doc["text"], analysis.text)
    gold = [((to_sys(i["start"]), to_sys(i["end"])), i["kind"]) for i in doc["items"]]
    # The same patterns as at prediction time (minutes without diacritics use folded ones).
    with folded_patterns(spacy_doc.user_data["bienban"]["unaccented"]):
        found, features = items.prepare(spacy_doc, analysis)
    labels = [_label((cand.start, cand.end), gold) for cand in found]
    return analysis, spacy_doc, (features, labels, [cand.turn for cand in found])


def training_documents(
    docs: list[dict[str, Any]],
) -> list[tuple[list[str], list[str | None], list[int | None]]]:
    """Per document: the candidate clauses' feature rows in text order, their labels (None for a
    clause left out of training, see ``_label``) and their turns."""
    return [_prepared(doc)[2] for doc in docs]


def cross_validate(folds: int = 4, seed: int = 0) -> dict[str, Any]:
    """Scores by k-fold cross-validation on the train split, folds by document (document i, in
    split order, is held out in fold i mod k): each fold trains the item model on the others,
    as ``bienban train`` does, and scores the held-out documents."""
    from analyzer import item_model, items
    from analyzer.accents import folded_patterns

    prepared = [(doc, *_prepared(doc)) for doc in load_split("train")]
    report = Report(f"train ({folds}-fold cross-validation)")
    for fold in range(folds):
        model = item_model.ItemModel.fit(
            [rows for i, (*_, rows) in enumerate(prepared) if i % folds != fold], seed
        )
        for i, (doc, analysis, spacy_doc, _) in enumerate(prepared):
            if i % folds != fold:
                continue
            with folded_patterns(spacy_doc.user_data["bienban"]["unaccented"]):
                analysis.items = items.extract(spacy_doc, analysis, model)
            score_document(report, doc, analysis)
    return report.as_dict()


class _NoItems:
    """A stand-in estimator that labels nothing (used while building training rows)."""

    classes_: ClassVar[list[str]] = [NONE]

    def predict_proba(self, rows: list[str]):  # type: ignore[no-untyped-def]
        import numpy as np

        return np.ones((len(rows), 1))


def train(
    seed: int = 0, version: str | None = None, command: str = "bienban train"
) -> dict[str, Any]:
    import numpy as np
    import sklearn
    import spacy
    import underthesea

    from analyzer import item_model

    np.random.seed(seed)
    documents = training_documents(load_split("train"))
    labels = [label for _, doc_labels, _ in documents for label in doc_labels if label is not None]
    estimator = item_model.ItemModel.fit(documents, seed)
    dev = evaluate("dev", estimator)
    card = {
        "name": item_model.MODEL_NAME,
        "version": version or item_model.MODEL_VERSION,
        "command": command,
        "corpus_version": corpus_version(),
        "corpus_sha256": corpus_hash("train"),
        "train_documents": len(splits()["train"]),
        "train_candidates": len(labels),
        "label_counts": {k: labels.count(k) for k in sorted(set(labels))},
        "seed": seed,
        "libraries": {
            "python": platform.python_version(),
            "scikit-learn": sklearn.__version__,
            "spacy": spacy.__version__,
            "underthesea": underthesea.__version__,
            "numpy": np.__version__,
        },
        "dev_scores": dev["items"],
        "dev_report": dev,
    }
    item_model.save(estimator, card, version or item_model.MODEL_VERSION)
    return card
