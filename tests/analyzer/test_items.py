"""Item extraction: contract, fields, links, and a missing or corrupt model."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer import analyze, item_model
from analyzer.items import ITEM_KINDS, _Members, find_assignee
from analyzer.links import link_proposals
from analyzer.schema import Item
from tests.analyzer.builders import analysis_of, minutes

DISCUSSION = minutes(
    "I. THÀNH PHẦN",
    "- Chủ trì: đồng chí Nguyễn Văn Hùng – Bí thư chi bộ.",
    "- Thư ký: đồng chí Lê Thị Lan – Chi ủy viên.",
    "- Có mặt 9/9 đồng chí.",
    "II. THẢO LUẬN",
    "- Đồng chí Lê Thị Lan: nhất trí với báo cáo. Đề nghị chi bộ bổ sung kết quả thu đảng phí quý I.",
    "- Đồng chí Ngô Văn Minh: việc thu đảng phí còn chậm, nhiều đảng viên nộp muộn.",
    "- Đồng chí Phạm Thu Hà: đề xuất tổ chức sinh hoạt chuyên đề về chuyển đổi số trong quý II.",
    "III. KẾT LUẬN",
    "Đồng chí chủ trì kết luận:",
    "+ Chi bộ thống nhất bổ sung kết quả thu đảng phí vào báo cáo.",
    "+ Giao đồng chí Minh đôn đốc thu đảng phí, hoàn thành trước ngày 30/4/2025.",
    "Biểu quyết: 9/9 đồng chí tán thành (100%).",
)


@pytest.fixture(scope="module")
def analysis():  # type: ignore[no-untyped-def]
    return analyze(DISCUSSION)


def test_items_point_into_text_and_turns(analysis) -> None:  # type: ignore[no-untyped-def]
    turn_ids = {t.id for t in analysis.turns}
    assert analysis.items
    for item in analysis.items:
        assert item.kind in ITEM_KINDS
        assert analysis.text[item.start : item.end] == item.text
        assert 0 <= item.confidence <= 1
        assert item.turn_id is None or item.turn_id in turn_ids


def test_item_json_has_only_its_kind_fields(analysis) -> None:  # type: ignore[no-untyped-def]
    for data in analysis.model_dump(mode="json")["items"]:
        if data["kind"] == "vote":
            assert {"for", "against", "total", "method"} <= set(data)
        elif data["kind"] == "action_item":
            assert {"assignee", "task", "deadline", "deadline_text"} <= set(data)
        else:
            assert "for" not in data and "assignee" not in data


def test_vote_and_task_fields(analysis) -> None:  # type: ignore[no-untyped-def]
    votes = [i for i in analysis.items if i.kind == "vote"]
    assert votes and (votes[0].votes_for, votes[0].total) == (9, 9)
    tasks = [i for i in analysis.items if i.kind == "action_item"]
    assert tasks and tasks[0].assignee == "ngo-van-minh"
    assert str(tasks[0].deadline) == "2025-04-30"


def test_document_without_discussion_has_no_items() -> None:
    assert analyze("Hôm nay trời đẹp.\nChúng tôi đi chơi công viên.").items == []


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("Giao đồng chí Minh đôn đốc thu đảng phí", "ngo-van-minh"),
        ("Giao Chi đoàn thanh niên chủ trì tổ chức hội trại", "Chi đoàn thanh niên"),
        ("Đồng chí Lê Thị Lan chịu trách nhiệm tổng hợp", "le-thi-lan"),
        ("Tổ 2 phối hợp với ban công tác Mặt trận", "Tổ 2"),
        ("Cần tăng cường công tác kiểm tra", None),
    ],
)
def test_assignees(analysis, clause: str, expected: str | None) -> None:  # type: ignore[no-untyped-def]
    members = _Members(analysis)
    assignee, _ = find_assignee(clause, 0, len(clause), members, None)
    assert assignee == expected


def _item(id_: str, kind: str, text: str, start: int) -> Item:
    return Item(id=id_, kind=kind, text=text, start=start, end=start + len(text), confidence=1.0)  # type: ignore[arg-type]


def test_proposal_links() -> None:
    proposal = _item("i1", "proposal", "đề nghị bổ sung kết quả thu đảng phí quý I", 0)
    unrelated = _item("i2", "proposal", "đề xuất tổ chức hội thao cho thanh niên", 50)
    decision = _item(
        "i3", "decision", "chi bộ thống nhất bổ sung kết quả thu đảng phí vào báo cáo", 100
    )
    link_proposals([proposal, unrelated, decision])
    assert (proposal.status, proposal.answered_by) == ("adopted", "i3")
    assert (unrelated.status, unrelated.answered_by) == ("open", None)


def test_missing_model_names_the_file_and_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BIENBAN_MODELS_DIR", str(tmp_path))
    item_model.load.cache_clear()
    try:
        with pytest.raises(item_model.ModelError) as caught:
            item_model.load()
        assert str(tmp_path) in caught.value.message and "bienban train" in caught.value.message
    finally:
        item_model.load.cache_clear()


def test_corrupt_model_names_the_file_and_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "items" / item_model.MODEL_VERSION / item_model.MODEL_FILE
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a model")
    monkeypatch.setenv("BIENBAN_MODELS_DIR", str(tmp_path))
    item_model.load.cache_clear()
    try:
        with pytest.raises(item_model.ModelError) as caught:
            item_model.load()
        assert "hỏng" in caught.value.message and "bienban train" in caught.value.message
    finally:
        item_model.load.cache_clear()


def test_model_round_trip_and_card(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [f"đề nghị tăng cường việc {i} zcueproposal" for i in range(4)]
    rows += [f"còn hạn chế ở khâu {i} zcueconcern" for i in range(4)]
    rows += [f"trời hôm nay {i} đẹp" for i in range(4)]
    labels = ["proposal"] * 4 + ["concern"] * 4 + ["none"] * 4
    estimator = item_model.build_estimator(seed=0).fit(rows, labels)
    monkeypatch.setenv("BIENBAN_MODELS_DIR", str(tmp_path))
    card = {
        "version": "test",
        "command": "pytest",
        "corpus_version": "0",
        "corpus_sha256": "x",
        "train_documents": 0,
        "train_candidates": 12,
        "seed": 0,
        "libraries": {},
        "dev_scores": {},
    }
    item_model.save(estimator, card, "test")
    try:
        loaded = item_model.load("test")
        assert list(loaded.predict(rows)) == list(estimator.predict(rows))
        assert (
            (tmp_path / "items" / "test" / "README.md")
            .read_text(encoding="utf-8")
            .startswith("# Item")
        )
    finally:
        item_model.load.cache_clear()


def test_group_statement_agreement_is_an_item() -> None:
    a = analysis_of(minutes("II. THẢO LUẬN", "- Các đồng chí đều nhất trí với báo cáo của chi ủy."))
    assert a.turns and a.turns[0].speaker_id == "group"
