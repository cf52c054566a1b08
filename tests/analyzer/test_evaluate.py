"""Scoring an analysis against an annotated document (``bienban evaluate``)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, ClassVar

from analyzer.evaluate import Report, match_spans, score_document

TEXT = (
    "Chủ trì: đ/c Hà. Đ/c Lan: đề nghị lắp đèn ngõ 5. "
    "Chi bộ đánh giá tháng qua làm tốt. Thống nhất lắp đèn trong tháng 12."
)


def _span(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def _gold_item(id_: str, kind: str, part: str) -> dict[str, Any]:
    start, end = _span(part)
    return {"id": id_, "kind": kind, "start": start, "end": end}


def _item(id_: str, kind: str, part: str) -> SimpleNamespace:
    start, end = _span(part)
    return SimpleNamespace(id=id_, kind=kind, start=start, end=end, status="open")


def _analysis(items: list[SimpleNamespace]) -> SimpleNamespace:
    meeting = SimpleNamespace(
        date=None,
        start_time=None,
        end_time=None,
        chair=None,
        secretary=None,
        attendance=SimpleNamespace(total=None, present=None, absent=None),
        kind=None,
    )
    start, end = _span("Đ/c Lan: đề nghị lắp đèn ngõ 5.")
    turn = SimpleNamespace(start=start, end=end, speaker_id="lan")
    return SimpleNamespace(text=TEXT, turns=[turn], meeting=meeting, items=items)


GOLD = {
    "id": "doc",
    "text": TEXT,
    "kind": None,
    "meeting": {},
    "turns": [{"start": _span("Đ/c Lan")[0], "end": _span("ngõ 5.")[1], "speaker": "lan"}],
    "items": [
        _gold_item("p1", "proposal", "đề nghị lắp đèn ngõ 5"),
        _gold_item("c1", "conclusion", "Chi bộ đánh giá tháng qua làm tốt"),
        _gold_item("d1", "decision", "Thống nhất lắp đèn trong tháng 12"),
    ],
}


def test_a_conclusion_read_as_a_decision_counts_only_when_either_kind_is_accepted() -> None:
    report = Report("dev")
    predicted = [
        _item("i1", "proposal", "đề nghị lắp đèn ngõ 5"),
        _item("i2", "decision", "Chi bộ đánh giá tháng qua làm tốt"),
        _item("i3", "decision", "Thống nhất lắp đèn trong tháng 12"),
    ]
    score_document(report, GOLD, _analysis(predicted))
    items = report.as_dict()["items"]
    # Kind by kind: the conclusion is missed and one decision is wrong.
    assert items["conclusion+decision"] == {
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
        "support": 2,
    }
    # Conclusions and decisions as one group: both found.
    assert items["conclusion|decision (either kind)"]["f1"] == 1.0
    assert items["proposal"]["f1"] == 1.0
    assert report.as_dict()["speaker_accuracy"] == {"accuracy": 1.0, "n": 1}


def test_spans_match_one_to_one_at_half_overlap() -> None:
    gold = [(0, 10), (20, 30)]
    # (0, 9) overlaps the first gold span at 0.9, (18, 30) the second at 10/12; (25, 60) at 5/40.
    assert sorted(match_spans(gold, [(25, 60), (0, 9), (18, 30)])) == [(0, 1), (1, 2)]
    assert match_spans(gold, [(5, 25)]) == []


def test_cross_validation_scores_each_train_document_once_with_a_model_not_trained_on_it(
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    from analyzer import evaluate, item_model

    documents = evaluate.load_split("train")[:4]
    monkeypatch.setattr(evaluate, "load_split", lambda split: documents)
    trained_on: list[list[int]] = []

    class _Untrained:
        """Reads every clause as "none" (no training: this test is about the folds)."""

        classes_: ClassVar[list[str]] = ["none"]

        def predict_proba(self, rows: list[str]):  # type: ignore[no-untyped-def]
            import numpy as np

            return np.ones((len(rows), 1))

    def fit(cls, rows, seed=0):  # type: ignore[no-untyped-def]
        trained_on.append([len(features) for features, _, _ in rows])
        return _Untrained()

    monkeypatch.setattr(item_model.ItemModel, "fit", classmethod(fit))
    report = evaluate.cross_validate(folds=2)
    sizes = [len(evaluate.training_documents([d])[0][0]) for d in documents]
    # Fold 0 holds out documents 0 and 2 and trains on 1 and 3; fold 1 the other way round.
    assert trained_on == [[sizes[1], sizes[3]], [sizes[0], sizes[2]]]
    assert report["documents"] == 4
    # Every gold turn and item is counted once: each document is held out exactly once.
    assert report["turns"]["support"] == sum(len(d["turns"]) for d in documents)
    assert report["items"]["all (micro)"]["support"] == sum(len(d["items"]) for d in documents)
