"""Item extraction: contract, fields, links, and a missing or corrupt model."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analyzer import analyze, item_model
from analyzer.items import (
    ITEM_KINDS,
    Candidate,
    _chair_id,
    _doer,
    _join_qualified,
    _list_lead,
    _Members,
    _names_pattern,
    _own_body,
    _split,
    _task_row,
    _trim,
    find_assignee,
)
from analyzer.links import link_proposals
from analyzer.schema import Item
from tests.analyzer.builders import PHONE_NOTES_HEADER, analysis_of, minutes

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


class _Readings:
    """A stand-in classifier that gives every clause the same probabilities for its kinds."""

    def __init__(self, **probabilities: float) -> None:
        self.classes_ = list(probabilities)
        self._row = list(probabilities.values())

    def predict_proba(self, rows: list[str]):  # type: ignore[no-untyped-def]
        import numpy as np

        return np.tile(self._row, (len(rows), 1))


# Every clause a decision, a question its second reading.
_ALL_DECISIONS = _Readings(none=0.05, decision=0.55, question=0.4)
# Every clause a vote.
_ALL_VOTES = _Readings(none=0.1, vote=0.9)
# Every clause "none", "vote" a distant second.
_UNSURE_OF_VOTES = _Readings(none=0.9, vote=0.1)
# Unsure of everything: "none" first, "decision" a distant second.
_NOTHING_LIKELY = _Readings(none=0.8, decision=0.2)


def _clauses(text: str, names: re.Pattern[str] | None = None) -> list[str]:
    """The candidate clauses ``_split`` cuts from the whole of ``text``."""
    return [text[s:e] for s, e in _split(text, 0, len(text), names)]


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
        # "tổ chức" begins with the unit word "tổ" but ends the unit's name
        ("Giao Chi đoàn Trạm tổ chức buổi sinh hoạt về kỷ luật", "Chi đoàn Trạm"),
        ("Trung đội 1 chủ trì lập danh sách quân nhân sắp xuất ngũ", "Trung đội 1"),
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


def test_the_second_pass_sees_the_neighbours_kinds_in_the_same_turn_only() -> None:
    import numpy as np

    from analyzer.item_model import CONTEXT_STEPS, CONTEXT_WEIGHT, _context

    # First-pass readings of four clauses (kinds 0, 1, 1, 0); the last is in another turn.
    probabilities = np.array([[0.9, 0.1], [0.2, 0.8], [0.3, 0.7], [0.6, 0.4]])
    context = _context(probabilities, [0, 0, 0, 1]) / CONTEXT_WEIGHT
    width = 3  # two kinds and "no neighbour there"
    slots = dict(zip(CONTEXT_STEPS, range(len(CONTEXT_STEPS)), strict=True))

    def seen(row: int, step: int) -> int:
        cells = context[row, slots[step] * width : (slots[step] + 1) * width]
        return int(cells.argmax())

    assert [seen(1, step) for step in (-2, -1, 1, 2)] == [2, 0, 1, 2]
    assert [seen(2, step) for step in (-2, -1, 1, 2)] == [0, 1, 2, 2]  # row 3 is another turn
    assert [seen(3, step) for step in (-2, -1, 1, 2)] == [2, 2, 2, 2]
    assert context.sum(axis=1).tolist() == [len(CONTEXT_STEPS)] * 4


def test_model_round_trip_and_card(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    documents = [
        (
            [
                f"đề nghị tăng cường việc {i} zcueproposal",
                f"còn hạn chế ở khâu {i} zcueconcern",
                f"trời hôm nay {i} đẹp",
                f"một câu nửa vời {i}",
            ],
            ["proposal", "concern", "none", None],
            [0, 0, 1, 1],
        )
        for i in range(6)
    ]
    estimator = item_model.ItemModel.fit(documents, seed=0)
    rows, _, groups = documents[0]
    monkeypatch.setenv("BIENBAN_MODELS_DIR", str(tmp_path))
    card = {
        "version": "test",
        "command": "pytest",
        "corpus_version": "0",
        "corpus_sha256": "x",
        "train_documents": 0,
        "train_candidates": 18,
        "seed": 0,
        "libraries": {},
        "dev_scores": {},
    }
    item_model.save(estimator, card, "test")
    try:
        loaded = item_model.load("test")
        assert loaded.predict(rows, groups) == estimator.predict(rows, groups)
        assert estimator.predict(rows, groups)[:3] == ["proposal", "concern", "none"]
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


# --- who is to act: assignees by rule A1 of the annotation guide (corpus/README.md) ------------

ROSTER_MINUTES = minutes(
    "I. THÀNH PHẦN",
    "- Chủ trì: đồng chí Nguyễn Văn Hùng – Bí thư chi bộ.",
    "- Thư ký: đồng chí Lê Thị Lan – Chi ủy viên.",
    "II. THẢO LUẬN",
    "- Đồng chí Út: đề nghị sửa lò sấy trước vụ Đông Xuân.",
)
ROSTER = [
    "Nguyễn Văn Hùng",
    "Lê Thị Lan, Chi ủy viên",
    "Trương Văn Út",
    "Phạm Thu Hà",
    "Ngô Thu Hà",
    "Đào Văn Bình, Kế toán",
]


@pytest.fixture(scope="module")
def roster_members() -> _Members:
    return _Members(analyze(ROSTER_MINUTES, roster=ROSTER))


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # a given name resolves when one member has it
        ("Giao đ/c Út liên hệ thợ báo giá", ("truong-van-ut", "Trương Văn Út")),
        ("Út liên hệ thợ báo giá", ("truong-van-ut", "Trương Văn Út")),
        # two members share it: not guessed
        ("Giao đồng chí Hà làm báo cáo", (None, "Hà")),
        # the one-letter honorific of hurried notes
        ("a Út mượn bao tải của thôn", ("truong-van-ut", "Trương Văn Út")),
        ("Đồng chí Thu Hà chủ trì sửa nội quy", (None, "Thu Hà")),
        # a role held by one member is that member, but not when the clause speaks of many
        ("Kế toán lập dự toán trước 15/7", ("dao-van-binh", "Đào Văn Bình")),
        ("Các kế toán lập dự toán trước 15/7", ("kế toán", "kế toán")),
        # the first member among the doers, before a unit named with them
        ("Phòng Nhân sự và đồng chí Lan hướng dẫn hồ sơ", ("le-thi-lan", "Lê Thị Lan")),
        # a unit as written, not a member whose role starts with it ("Chi ủy viên")
        ("Chi ủy tự chấm điểm chất lượng sinh hoạt", ("Chi ủy", "Chi ủy")),
        ("Chi bộ thống nhất giao Chi ủy thông tin công khai", ("Chi ủy", "Chi ủy")),
        # the subject who asks is not who acts
        ("Đồng chí Bí thư yêu cầu đồng chí Út lấy ba báo giá", ("truong-van-ut", "Trương Văn Út")),
        ("Đồng chí Lan yêu cầu đồng chí Út sửa lò trước 15/7", ("truong-van-ut", "Trương Văn Út")),
        (
            "Các đồng chí giáo viên chủ nhiệm nhắn tin cho phụ huynh",
            ("giáo viên chủ nhiệm", "giáo viên chủ nhiệm"),
        ),
        ("Mỗi đảng viên viết bản cam kết, nộp chi ủy", ("đảng viên", "đảng viên")),
        ("Đội kho bên em sẽ làm sạch dữ liệu", ("Đội kho", "Đội kho")),
        ("Thư viện cho học sinh khó khăn mượn sách", ("Thư viện", "Thư viện")),
        ("Hội Cựu chiến binh xây dựng lịch tuần tra", ("Hội Cựu chiến binh", "Hội Cựu chiến binh")),
        # the speaker takes the task
        ("tôi làm công văn gửi Tổng giám đốc", ("le-thi-lan", "Lê Thị Lan")),
        ("em xin nhận phần hậu cần", ("le-thi-lan", "Lê Thị Lan")),
        # nobody
        ("Sửa chữa khẩn cấp cống số 3 từ nguồn dự phòng", (None, None)),
        # "giao ban" is a briefing, not an assignment
        ("Đồng chí Lan kiểm tra đột xuất, báo cáo tại giao ban tuần", ("le-thi-lan", "Lê Thị Lan")),
        # the subject before a later "phân công"
        (
            "Đồng chí Út lập danh sách để phân công đảng viên giúp đỡ",
            ("truong-van-ut", "Trương Văn Út"),
        ),
        # a member named in brackets after the unit, a member after a job title
        ("Tổ ANTT (đ/c Út) nhắc nhở buổi tối", ("truong-van-ut", "Trương Văn Út")),
        ("Thủ quỹ Trương Văn Út nhận tiền qua tài khoản", ("truong-van-ut", "Trương Văn Út")),
        # a task-table row with an honorific in the "who" cell
        ("Thu đảng phí quý III | đ/c Út | 30/9", ("truong-van-ut", "Trương Văn Út")),
        # a line break after "Giao"
        ("Giao\nđ/c Út phối hợp Công an xã lập danh sách trực", ("truong-van-ut", "Trương Văn Út")),
        # a topic before "thì", the doer after it
        ("Nhóm Zalo các tổ thì Út lập luôn", ("truong-van-ut", "Trương Văn Út")),
        ("Đoàn phí thì mình nhắn riêng từng bạn", ("le-thi-lan", "Lê Thị Lan")),
        ("Đồng chí Út vắng hôm nay thì tôi báo lại", ("le-thi-lan", "Lê Thị Lan")),
        # but not a condition: the first doer stays
        ("Đồng chí Út làm báo cáo, nếu chậm thì tôi làm", ("truong-van-ut", "Trương Văn Út")),
        ("Tổ 2 thì hoàn thành trước 30/9", ("Tổ 2", "Tổ 2")),
        # a unit named in lower case ends at its task verb
        ("Tổ biên tập tiếp thu, hoàn chỉnh báo cáo chính trị", ("Tổ biên tập", "Tổ biên tập")),
        ("Ban đại diện sắp xếp lịch cho phụ huynh", ("Ban đại diện", "Ban đại diện")),
        # a group with what narrows it, without "các", "mỗi"
        (
            "Các đồng chí đảng viên là giảng viên đăng ký sản phẩm khoa học",
            ("đảng viên là giảng viên", "đảng viên là giảng viên"),
        ),
        (
            "các đồng chí chưa nộp phải hoàn thành trước thứ Hai",
            ("đồng chí chưa nộp", "đồng chí chưa nộp"),
        ),
        ("các đảng viên còn lại nộp bản cam kết", ("đảng viên còn lại", "đảng viên còn lại")),
        # what narrows the group goes on over a list of numbers, and "dạy", "ở" narrow it too
        (
            "Đảng viên chưa nộp đảng phí tháng 01, 02 nộp bổ sung trước ngày 28/02",
            (
                "Đảng viên chưa nộp đảng phí tháng 01, 02",
                "Đảng viên chưa nộp đảng phí tháng 01, 02",
            ),
        ),
        (
            "các thầy cô dạy Toán 6, 7 gửi danh sách cho tổ trưởng",
            ("thầy cô dạy Toán 6, 7", "thầy cô dạy Toán 6, 7"),
        ),
        ("Giao BCH khóa III cụ thể hóa Nghị quyết", ("BCH khóa III", "BCH khóa III")),
        ("Mỗi giáo viên đăng ký một tiết dạy mẫu", ("giáo viên", "giáo viên")),
        ("Các đồng chí có trách nhiệm nhắc nhở con cháu", ("đồng chí", "đồng chí")),
        # task-table rows: a member in brackets after a unit or a role, a title before a name,
        # a role's one holder, a unit as written, a "who" cell with a number
        (
            "Niêm yết các khoản thu | Phòng Tài vụ (đ/c Út) | 15/8",
            ("truong-van-ut", "Trương Văn Út"),
        ),
        ("Rà soát quy trình gọi bảo vệ | BS Út | cuối tháng 7", ("truong-van-ut", "Trương Văn Út")),
        ("Lập dự toán quý IV | Kế toán, Thủ quỹ | 30/9", ("dao-van-binh", "Đào Văn Bình")),
        ("Hỗ trợ phụ huynh nhập học | Đoàn trường | 15/7 - 20/7", ("Đoàn trường", "Đoàn trường")),
        (
            "Lập danh sách học sinh miễn học phí | GVCN lớp 10 | tháng 9",
            ("GVCN lớp 10", "GVCN lớp 10"),
        ),
        # the speaker takes the task further into the clause, or with the subject left out
        ("Thôn nên chờ thêm, tôi sẽ hỏi lại Công an xã", ("le-thi-lan", "Lê Thị Lan")),
        ("Năm nay lớp nên có đội bóng, em xin nhận gom người", ("le-thi-lan", "Lê Thị Lan")),
        ("xin hứa từ nay ký lệnh dừng tổ thợ vi phạm", ("le-thi-lan", "Lê Thị Lan")),
        ("Đồng chí xin nhận trực tiếp gặp gia đình các em", ("le-thi-lan", "Lê Thị Lan")),
        ("Sáng Chủ nhật 28/9 tôi xuống nhà văn hóa hướng dẫn", ("le-thi-lan", "Lê Thị Lan")),
        ("Tiền chích thì chủ chó chịu, tui sẽ mời hai nhà ngồi lại", ("le-thi-lan", "Lê Thị Lan")),
        ("Dự kiến bên em gửi tài khoản cho team trước thứ Sáu", ("le-thi-lan", "Lê Thị Lan")),
        ("Phân công: tôi làm công văn gửi Tổng giám đốc", ("le-thi-lan", "Lê Thị Lan")),
        # a capitalised name of a unit is not cut at a word that is also a verb ("tự")
        ("Tổ Tự nhiên xây dựng kế hoạch phụ đạo", ("Tổ Tự nhiên", "Tổ Tự nhiên")),
        ("Các đ/c đảng viên báo tên người vận động được", ("đảng viên", "đảng viên")),
        # ... but not as an object, nor "các em"
        ("Cô Loan nắm danh sách báo cáo tôi trước thứ Sáu", ("Loan", "Loan")),
        ("Hiệu phó hướng dẫn các em sẽ nộp bài", (None, None)),
    ],
)
def test_assignee_rules(
    roster_members: _Members, clause: str, expected: tuple[str | None, str | None]
) -> None:
    assert find_assignee(clause, 0, len(clause), roster_members, "le-thi-lan") == expected


# --- features that follow the guide's K1–K5 -----------------------------------------------------


def _candidate(text: str) -> Candidate:
    return Candidate(0, len(text), "conclusion", None, False, "none")


@pytest.mark.parametrize(
    ("clause", "doer"),
    [
        ("Giao đồng chí Minh đôn đốc thu đảng phí", "person"),
        ("Đồng chí Hà xây dựng kế hoạch", "person"),
        ("Giao Chi đoàn thực hiện công trình thanh niên", "unit"),
        ("Tổ 2 phối hợp với ban công tác Mặt trận", "unit"),
        ("Chi bộ thống nhất mở lớp dạy bơi", "body"),
        ("Vậy chi đoàn đăng ký 12 bạn hiến máu", "body"),
        ("Mỗi đảng viên đăng ký một việc làm cụ thể", "group"),
        ("Các đồng chí gửi bản đăng ký trước ngày 6/10", "group"),
        ("tôi sẽ đưa vào buổi đối thoại", "self"),
        ("Sửa chữa khẩn cấp cống số 3", None),
        # K1 inside an adopting sentence: whoever comes after "thống nhất", "đồng ý để".
        ("Thống nhất giao đ/c Trung hoàn chỉnh đề dẫn", "person"),
        ("Đồng ý để đ/c Hà My liên hệ qua email", "person"),
        ("Vậy chốt cho tổ Toán ra đề", "unit"),
        ("Thống nhất tổ chức hội nghị vào tháng 5", None),
        ("Thống nhất với ý kiến của đ/c Lan", None),
        # the doer after a topic, and a name hard-wrapped after its honorific
        ("Về an ninh, chi bộ đồng ý bổ sung 2 đoàn viên vào tổ tuần tra", "body"),
        ("Về phòng máy, tôi sẽ làm việc với bên bảo hành", "self"),
        ("Đối với đ/c Toàn, chi bộ thống nhất với nhận xét của đ/c Hạnh", "body"),
        ("cô\nPhượng dạy minh họa tại lớp 8A3", "person"),
        # the one-letter honorific of hurried notes, before a capitalised name only
        ("c Yến lo loa đài, băng rôn, xong tối mai", "person"),
        ("a. Tuân mượn bao tải của thôn", "person"),
        ("a Hưng + a Tuân lấy 3 báo giá đèn", "person"),
    ],
)
def test_doer_of_a_clause(clause: str, doer: str | None) -> None:
    assert _doer(clause, _candidate(clause), None) == doer


def test_doer_by_member_name_after_a_comma() -> None:
    names = re.compile(r",\s+(?=(?:Khang)[ \t]+(?-i:[a-zđ]))")
    clause = "Khang nộp về Đoàn trường ngày 25/10"
    assert _doer(clause, _candidate(clause), names) == "person"


@pytest.mark.parametrize(
    ("kind", "clause", "doer"),
    [
        # K2: the meeting body as subject makes no task, whatever the meeting calls itself.
        ("professional_group", "Tổ tổ chức buổi làm đồ dùng dạy học vào sáng thứ Bảy", "own"),
        ("school_council", "Nhà trường thuê thêm một bảo vệ cho điểm lẻ", "own"),
        ("youth_union", "Chi đoàn mở lớp tiếng Anh cho thiếu nhi", "own"),
        ("trade_union", "Hội nghị cơ bản tán thành báo cáo", "own"),
        # another body, or a role of the body's own, is still a unit given a task
        ("professional_group", "Tổ trưởng nộp kế hoạch về tổ", "unit"),
        ("chi_bo_regular", "Chi đoàn thay bóng đèn đường trục thôn", "unit"),
        ("team", "Tổ 2 bố trí người trực lễ", "unit"),
    ],
)
def test_the_meeting_body_as_subject(kind: str, clause: str, doer: str) -> None:
    assert _doer(clause, _candidate(clause), None, _own_body(kind)) == doer


def test_a_markdown_heading_leads_the_list_under_it() -> None:
    notes = "## 2. Tiến độ\n- Khải: còn 2 bug.\n\n### Chốt\n\n- Lùi release sang thứ Năm\n- Tắt cờ POD\n"
    assert _list_lead(notes, notes.index("Lùi"), 0) == "decision"
    assert _list_lead(notes, notes.index("Tắt"), 0) == "decision"
    assert _list_lead(notes, notes.index("Khải"), 0) is None


@pytest.mark.parametrize(
    ("line", "clause"),
    [
        ("- [ ] @Khải: fix lỗi gom đơn (hạn 11/3)", "Khải: fix lỗi gom đơn (hạn 11/3)"),
        ("- [x] Ngân chạy regression", "Ngân chạy regression"),
        ("- @Bình viết offline queue", "Bình viết offline queue"),
        ("- gửi email cho @ops", "gửi email cho @ops"),
    ],
)
def test_a_task_box_and_a_mention_are_not_part_of_the_clause(line: str, clause: str) -> None:
    start, end = _trim(line, 0, len(line))
    assert line[start:end] == clause


LIST = "Kết luận:\nChi bộ thống nhất các nội dung sau:\n1- Làm A;\n2- Làm B\nhard wrap\nPhân công:\n- Đ/c X làm C\n\nKhác"


@pytest.mark.parametrize(
    ("word", "lead"),
    [
        ("Làm A", "decision"),
        ("Làm B", "decision"),
        ("Đ/c X", "task"),
        ("Khác", None),
        ("Kết luận", None),
    ],
)
def test_list_lead_is_the_line_ending_with_a_colon(word: str, lead: str | None) -> None:
    assert _list_lead(LIST, LIST.index(word), 0) == lead


def test_the_targets_a_congress_adopts_lead_a_list_of_decisions() -> None:
    text = (
        "Đại hội thông qua Nghị quyết.\nCác chỉ tiêu chủ yếu nhiệm kỳ 2025 - 2027:\n"
        "- Kết nạp ít nhất 6 đoàn viên\n- Không để xảy ra tai nạn lao động"
    )
    assert _list_lead(text, text.index("Kết nạp"), 0) == "decision"
    assert _list_lead(text, text.index("Không để"), 0) == "decision"


def test_comma_before_a_member_name_and_a_verb_splits_clauses() -> None:
    a = analyze(
        minutes(
            "II. THẢO LUẬN",
            "- Đồng chí Khang Văn Minh: nhất trí.",
            "- Đồng chí Trần Thị Tiên: nhất trí.",
            "III. KẾT LUẬN",
            "Thủ quỹ Tiên nhận tiền qua tài khoản, chốt danh sách ngày 22/10, Minh nộp về Đoàn trường ngày 25/10.",
        )
    )
    pattern = _names_pattern(a)
    assert pattern is not None
    text = "Thủ quỹ Tiên nhận tiền qua tài khoản, chốt danh sách ngày 22/10, Minh nộp về Đoàn trường ngày 25/10"
    clauses = _clauses(text, pattern)
    assert "Minh nộp về Đoàn trường ngày 25/10" in clauses
    assert "chốt danh sách ngày 22/10" not in clauses  # a comma before a verb does not split


def test_transcript_chair_is_the_one_who_opens_and_leads() -> None:
    from analyzer.pipeline import analyze as analyze_named

    a = analyze_named(
        "Trâm: Mình xin phép bắt đầu ạ, hôm nay chi đoàn sinh hoạt định kỳ.\n"
        "Khang: Em báo cáo phần quyên góp.\n"
        "Trâm: Cảm ơn Khang. Các bạn có ý kiến gì không?\n"
        "Duyên: Em đồng ý với mức 30 nghìn.\n"
        "Trâm: Vậy chi đoàn thống nhất mức 30 nghìn.\n",
        name="hop.txt",
    )
    assert a.turns and a.turns[0].speaker_id
    assert _chair_id(a) == a.turns[0].speaker_id


@pytest.mark.parametrize(
    ("transcript", "chair"),
    [
        # the first speaker who sets the agenda
        (
            "Hồng: Alo, mọi người nghe rõ không? Tối nay Ban chấp hành mình bàn ba việc thôi nhé.\n"
            "Nhàn: Dạ, em báo cáo quỹ: còn 486 triệu.\n"
            "Hồng: Vậy thống nhất mức quà Tết 600 nghìn.\n"
            "Quý: Em đồng ý.\n",
            "Hồng",
        ),
        # "Bí thư:" who opens is the one person present with that role
        (
            "Có mặt: Vàng Seo Chẩu (Bí thư), Nông Văn Thiện (Phó bí thư), Thào A Páo (trưởng thôn).\n"
            "Bí thư: Bắt đầu nhé. Ba việc thôi.\n"
            "A Páo: Rét lắm, còn 9 hộ thả trâu trên rừng.\n"
            "Bí thư: Thế thì A Páo ngày mai xuống xã lấy bạt.\n"
            "A Páo: Được.\n"
            "Phó bí thư: Xã có cấp rồi.\n",
            "Vàng Seo Chẩu",
        ),
        # called by a nickname given in brackets: the member with the full name
        (
            "HĐQT có mặt: Huỳnh Văn Lượm (Tư Lượm) - Chủ tịch HĐQT, Đặng Thị Mỹ Xuyên - Phó Giám"
            " đốc.\n"
            "[00:15] Tư Lượm: Rồi, đủ rồi hen. Bữa nay bàn ba chuyện thôi.\n"
            "[02:03] Xuyên: Dạ, em đề nghị mua lúa của xã viên giá 6.400.\n"
            "[03:10] Tư Lượm: Vậy chốt giá 6.400.\n"
            "[03:30] Xuyên: Dạ.\n",
            "Huỳnh Văn Lượm",
        ),
        # an online call opened with "nghe rõ chưa?"
        (
            "Bách: Các điểm cầu nghe rõ chưa? Khe Nước bật mic lên. Rồi, được rồi.\n"
            "Tường: Dạ, theo bản tin sáng nay huyện ta mưa to đến rất to.\n"
            "Bách: Các xã sơ tán dân vùng trũng trước 17 giờ ngày mai.\n"
            "Tường: Dạ rõ.\n",
            "Bách",
        ),
    ],
)
def test_transcript_chair_who_opens_the_meeting(transcript: str, chair: str) -> None:
    from analyzer.pipeline import analyze as analyze_named

    a = analyze_named(transcript, name="hop.txt")
    assert a.meeting.chair is not None and a.meeting.chair.name == chair


def test_a_one_letter_honorific_ends_no_sentence() -> None:
    """ "c. Ngần", "a. Bảo" in hurried notes: the dot shortens "chị", "anh"."""
    clauses = _clauses("Hôm nay tổ chốt thăm c. Ngần 300k từ quỹ tổ. Hoa đi thăm CN này.")
    assert clauses == ["Hôm nay tổ chốt thăm c. Ngần 300k từ quỹ tổ", "Hoa đi thăm CN này"]
    # a capital letter before the dot ends the sentence as before
    assert _clauses("Chốt phương án A. Hoa lập danh sách.") == [
        "Chốt phương án A",
        "Hoa lập danh sách",
    ]


def test_a_show_of_hands_after_what_was_adopted_is_a_clause_of_its_own() -> None:
    assert _clauses("Hội nghị nhất trí thông qua nghị quyết, biểu quyết 7/7 đ/c tán thành.") == [
        "Hội nghị nhất trí thông qua nghị quyết",
        "biểu quyết 7/7 đ/c tán thành",
    ]
    # a list then the vote that adopts it stays one vote
    listed = "Danh sách bầu cử gồm 02 đ/c: Lê Quang Vũ, Phan Quốc Bảo, biểu quyết thông qua 17/17."
    assert _clauses(listed) == [listed.rstrip(".")]


def test_a_long_sentence_of_clauses_is_also_a_candidate() -> None:
    parts = [f"việc số {n} giao cho tổ sản xuất làm xong trong tháng" for n in range(8)]
    text = "; ".join(parts)
    assert len(text.split()) > 60
    assert (0, len(text)) in _split(text, 0, len(text))


def test_a_question_is_no_decision() -> None:
    from analyzer.ingest import read_text
    from analyzer.items import _asks
    from analyzer.pipeline import analyze_raw

    text = "Đồng chí nào tán thành? 12 đồng chí. Chi bộ thống nhất lùi hội thao."
    asked = Candidate(0, text.index("?"), "closing", None, False, "chair")
    stated = Candidate(text.index("Chi bộ"), len(text) - 1, "closing", None, False, "chair")
    assert _asks(text, asked)
    assert not _asks(text, stated)

    minutes_text = minutes(
        "IV. KẾT LUẬN",
        "Đồng chí chủ trì kết luận: Chi bộ thống nhất lùi hội thao sang tháng 12. "
        "Đồng chí nào còn ý kiến khác về việc lùi hội thao không?",
    )
    a, _ = analyze_raw(read_text(minutes_text, "test.txt"), estimator=_ALL_DECISIONS)
    decisions = [i.text for i in a.items if i.kind == "decision"]
    assert any("lùi hội thao sang tháng 12" in t for t in decisions)
    assert not any("còn ý kiến khác" in t for t in decisions)
    assert any("còn ý kiến khác" in i.text for i in a.items if i.kind == "question")


def test_a_spoken_enumeration_without_diacritics_splits_too() -> None:
    from analyzer.accents import folded_patterns

    text = "mot la thu quy dung han hai la sua loa thon truoc ngay 20"
    with folded_patterns(True):
        clauses = _clauses(text)
    assert clauses == ["mot la thu quy dung han", "hai la sua loa thon truoc ngay 20"]


def test_a_bracketed_number_opens_a_list_item() -> None:
    text = "(1) Đồng chí Hà đề nghị làm lại đường\n(2) Đồng chí Lan đề nghị sửa cống"
    assert _clauses(text) == [
        "Đồng chí Hà đề nghị làm lại đường",
        "Đồng chí Lan đề nghị sửa cống",
    ]


def test_ballot_lines_per_member_and_per_option_are_clauses_of_their_own() -> None:
    """A ballot result on a line after another member's ("Đ/c Xuân: ..." under "Đ/c Tuấn: ...")
    opens a clause; an option and its count ("Phương án 1: 11 bạn") stay one clause."""
    text = (
        "Đ/c Tuấn: HTXSNV 6/8 phiếu (75%)\nĐ/c Xuân: HTTNV 5/8 phiếu (62,5%)\n\n"
        "Kết quả biểu quyết:\n- Phương án 1: 11 bạn\n- Phương án 2: 8 bạn\n"
        "- Thời gian: 19 giờ ngày 5/3, tại hội trường"
    )
    assert _clauses(text) == [
        "Đ/c Tuấn: HTXSNV 6/8 phiếu (75%)",
        "Đ/c Xuân: HTTNV 5/8 phiếu (62,5%)",
        "Kết quả biểu quyết",
        "Phương án 1: 11 bạn",
        "Phương án 2: 8 bạn",
        "19 giờ ngày 5/3, tại hội trường",
    ]


def test_a_spoken_enumeration_splits_at_each_ordinal() -> None:
    text = (
        "tôi chốt lại nhé thứ nhất thưởng tết có tháng lương mười ba thứ hai chi bộ thống nhất "
        "đề xuất thưởng chuyên cần thứ ba tuyển thêm 30 lao động xong trước thứ ba tuần sau"
    )
    clauses = _clauses(text)
    assert "thứ hai chi bộ thống nhất đề xuất thưởng chuyên cần" in clauses
    # "thứ ba tuần sau" is a day, not the third part
    assert "thứ ba tuyển thêm 30 lao động xong trước thứ ba tuần sau" in clauses
    plain = "Họp vào thứ hai, mọi người đến đúng giờ nhé"
    assert _clauses(plain) == [plain]


def test_speech_without_punctuation_splits_at_fillers_and_suggestions() -> None:
    text = (
        "năm nay khô sớm hơn mọi năm mới tháng hai mà đã có ba ngày cấp dự báo cháy cấp bốn ờ "
        "chòi canh bây giờ chỉ trực ban ngày mà mấy vụ cháy toàn lúc chập tối cho nên là tôi đề "
        "nghị hai chòi canh trực cả đêm với lại em nghĩ là phải xin huyện thêm kinh phí thuê người"
    )
    clauses = _clauses(text)
    assert clauses == [
        "năm nay khô sớm hơn mọi năm mới tháng hai mà đã có ba ngày cấp dự báo cháy cấp bốn",
        "chòi canh bây giờ chỉ trực ban ngày mà mấy vụ cháy toàn lúc chập tối",
        "tôi đề nghị hai chòi canh trực cả đêm",
        "em nghĩ là phải xin huyện thêm kinh phí thuê người",
    ]
    # Written minutes keep their clauses: one comma is enough to leave the rule out.
    punctuated = text.replace(" ờ ", ", ", 1)
    assert _split(punctuated, 0, len(punctuated)) == [(0, len(punctuated))]
    # Without diacritics a filler would be "o" (= "ở"): only the suggestion turns split.
    from analyzer.accents import folded_patterns
    from analyzer.lexicon import fold

    plain = fold(text)
    with folded_patterns(True):
        parts = _clauses(plain)
    assert parts[-2:] == [
        "toi de nghi hai choi canh truc ca dem",
        "em nghi la phai xin huyen them kinh phi thue nguoi",
    ]
    assert " o " in parts[0]


def test_a_call_to_vote_is_not_a_vote_but_its_result_is() -> None:
    from analyzer.ingest import read_text
    from analyzer.pipeline import analyze_raw

    text = minutes(
        "Có mặt 13/13 đồng chí.",
        "IV. BIỂU QUYẾT",
        "Đồng chí nào tán thành xin giơ tay. Mười hai đồng chí. Còn một đồng chí chưa giơ tay.",
        "Giờ mình biểu quyết thông qua toàn bộ kết luận.",
    )
    a, _ = analyze_raw(read_text(text, "test.txt"), estimator=_ALL_VOTES)
    votes = [
        (i.text, i.votes_for, i.against, i.abstain, i.total) for i in a.items if i.kind == "vote"
    ]
    assert not any("giơ tay" in t and n is None for t, n, *_ in votes)
    assert not any(t.startswith("Giờ mình biểu quyết") for t, *_ in votes)
    assert ("Mười hai đồng chí", 12, 0, 1, 13) in votes


@pytest.mark.parametrize(
    ("clause", "date"),
    [
        # A day and month with nothing about votes or people around it: a date.
        ("Mà 5/9 thì mình đóng xong, giao tới siêu thị là sát rằm.", True),
        ("Hàng về 12/10 và 20/10 thì kịp", True),
        # A count of people or votes, or a ratio that is no date.
        ("Biên bản thông qua 9/9 đồng chí", False),
        ("Phương án 2 được 5/9 phiếu", False),
        ("Kết quả 12/15 tán thành", False),
        ("Kết quả 10/12", False),
    ],
)
def test_a_day_and_month_alone_is_no_vote_count(clause: str, date: bool) -> None:
    from analyzer.items import _only_dates

    cand = Candidate(
        0, clause.index(",") if "," in clause else len(clause), None, 0, False, "member"
    )
    assert _only_dates(clause, cand) is date


def test_counts_after_their_verb_right_after_a_call_to_vote_are_a_vote() -> None:
    from analyzer.ingest import read_text
    from analyzer.pipeline import analyze_raw

    text = minutes(
        "Có mặt 15/16 đồng chí.",
        "IV. BIỂU QUYẾT",
        "Đồng chí Thuận: Đồng chí nào đồng ý mua trước 1 máy thì giơ tay. "
        "Có mặt 15, đồng ý 13, không đồng ý 2 là anh Rạng với em Tân.",
    )
    a, _ = analyze_raw(read_text(text, "test.txt"), estimator=_UNSURE_OF_VOTES)
    votes = [(i.text, i.votes_for, i.against, i.total) for i in a.items if i.kind == "vote"]
    assert votes == [("Có mặt 15, đồng ý 13, không đồng ý 2 là anh Rạng với em Tân", 13, 2, 15)]


@pytest.mark.parametrize(
    ("row", "task"),
    [
        ("Hotfix WMS-412, build lên kho Long Hậu | Mạnh, Kiệt | 24/04", True),
        ("Tập huấn an toàn thông tin cho viên chức | đ/c Phước | tháng 9/2025", True),
        ("Lập danh sách đoàn viên ưu tú | Chi đoàn | —", True),
        ("STT | Việc | Người thực hiện | Thời hạn", False),  # the header
        ("Hồ Văn Thịnh | HTTNV | 10/10 | HTTNV", False),  # a vote table
        ("Bàn Thị Dung | Giải Nhì giáo viên dạy giỏi | Giấy khen", False),  # awards
        ("Hôm nay trời đẹp, mọi người đều vui", False),
    ],
)
def test_task_table_rows(row: str, task: bool) -> None:
    import datetime as dt

    assert (
        _task_row(row, Candidate(0, len(row), None, None, False, "none"), dt.date(2025, 4, 21))
        is task
    )


@pytest.mark.parametrize(
    ("text", "clause", "expected"),
    [
        (
            "Chi bộ thống nhất các nội dung sau:\n- Sửa mái nhà văn hóa.",
            "Chi bộ thống nhất các nội dung sau",
            True,
        ),
        ("Hội đồng thống nhất:\n1. Lùi hội thao.", "Hội đồng thống nhất", True),
        ("Tổ thống nhất mấy việc: một là lùi hội thao.", "Tổ thống nhất mấy việc", True),
        # Said aloud, a lead-in ends with a full stop; a decision ending so is no lead-in.
        (
            "Chi bộ thống nhất mấy việc như sau. Một là, lùi hội thao.",
            "Chi bộ thống nhất mấy việc như sau",
            True,
        ),
        (
            "Chi bộ thống nhất lùi hội thao. Giao đồng chí Hòa.",
            "Chi bộ thống nhất lùi hội thao",
            False,
        ),
        # Followed by a count, the clause before the colon is what was voted on.
        (
            "Chi bộ biểu quyết thông qua các nội dung trên: 9/9 đồng chí tán thành.",
            "Chi bộ biểu quyết thông qua các nội dung trên",
            False,
        ),
        # With content of its own it is not a lead-in.
        (
            "Chi bộ thống nhất lùi hội thao sang tháng 12: lý do là mưa bão.",
            "Chi bộ thống nhất lùi hội thao sang tháng 12",
            False,
        ),
        ("III. KẾ HOẠCH THÁNG 12 VÀ NGHỈ TẾT\nNội dung.", "KẾ HOẠCH THÁNG 12 VÀ NGHỈ TẾT", True),
        (
            "TT | Nội dung | Người thực hiện | Thời hạn",
            "TT | Nội dung | Người thực hiện | Thời hạn",
            True,
        ),
        (
            "Buổi sinh hoạt kết thúc lúc 16 giờ 40 phút cùng ngày.",
            "Buổi sinh hoạt kết thúc lúc 16 giờ 40 phút cùng ngày",
            True,
        ),
        (
            "Biên bản đã được đọc lại trước hội nghị.",
            "Biên bản đã được đọc lại trước hội nghị",
            True,
        ),
        # How the minutes were adopted can be a vote.
        (
            "Biên bản đọc lại, 8/8 đồng chí nhất trí.",
            "Biên bản đọc lại, 8/8 đồng chí nhất trí",
            False,
        ),
        (
            "12/12 đồng chí nhất trí, buổi họp kết thúc lúc 21h15.",
            "12/12 đồng chí nhất trí, buổi họp kết thúc lúc 21h15",
            False,
        ),
        ("Giao đồng chí Hòa sửa cống trước 30/4.", "Giao đồng chí Hòa sửa cống trước 30/4", False),
        ("a- Về nhân lực và tay nghề\n– Kèm cặp thợ mới.", "Về nhân lực và tay nghề", True),
        ("Công tác xây dựng Đảng:\n– Kết nạp 1 đảng viên.", "Công tác xây dựng Đảng", True),
        # A topic word opening a sentence with its content is not a topic line; the topic
        # alone, cut off by a comma before the next speech act, carries nothing.
        (
            "Về lịch trực, tổ thống nhất mỗi người hai ngày.",
            "Về lịch trực, tổ thống nhất mỗi người hai ngày",
            False,
        ),
        ("Về định hướng, đồng chí yêu cầu làm chắc từng điểm.", "Về định hướng", True),
        ("Ok hết rồi, cảm ơn mọi người.", "cảm ơn mọi người", True),
        # A Markdown heading, whatever it says.
        ("## V. Chi bộ thống nhất\n\n- Thông qua báo cáo.", "Chi bộ thống nhất", True),
        # A task table headed in English, and a signature block laid out as a table.
        ("STT | Việc | Owner | Deadline", "STT | Việc | Owner | Deadline", True),
        # A header row in plain text, with the rule under it.
        (
            "stt | ai | làm gì | hạn\n----+----+-------+----",
            "stt | ai | làm gì | hạn\n----+----",
            True,
        ),
        ("họp xong 17h20.", "họp xong 17h20", True),
        ("| Thư ký | Tổ trưởng |", "| Thư ký | Tổ trưởng |", True),
        ("| Phan Văn Lực | Trịnh Thị Kim Oanh |", "| Phan Văn Lực | Trịnh Thị Kim Oanh |", True),
        ("| TM. Chi ủy | Thư ký |", "| TM. Chi ủy | Thư ký |", True),
        # The same laid out with spaces, and a heading that only names a member.
        (
            "Thư ký        Trưởng phòng KD\nLý Hoàng Oanh    Lâm Ngọc Diễm",
            "Thư ký        Trưởng phòng KD\nLý Hoàng Oanh    Lâm Ngọc Diễm",
            True,
        ),
        (
            "Đồng chí Hoàng Minh Tuấn – Tổ trưởng tổ Toán – Tin\nTự nhận xếp loại HTTNV.",
            "Đồng chí Hoàng Minh Tuấn – Tổ trưởng tổ Toán – Tin",
            True,
        ),
        ("Đồng chí Bùi Thị Thanh Tâm (vắng mặt)", "Đồng chí Bùi Thị Thanh Tâm (vắng mặt)", True),
        # any honorific of the cues lexicon, a title included
        ("Bác sĩ Nguyễn Văn An – Trưởng khoa", "Bác sĩ Nguyễn Văn An – Trưởng khoa", True),
        ("Giao đồng chí Hòa chủ trì.", "Giao đồng chí Hòa chủ trì", False),
        ("Anh Bảo xác nhận với khách.", "Anh Bảo xác nhận với khách", False),
        # Rows with content are not.
        (
            "| 1 | Lập danh sách đoàn | Lực | 15/7 |",
            "| 1 | Lập danh sách đoàn | Lực | 15/7 |",
            False,
        ),
        ("| Nguyễn Văn An | HTTNV | 10/10 |", "| Nguyễn Văn An | HTTNV | 10/10 |", False),
    ],
)
def test_clauses_that_are_never_items(text: str, clause: str, expected: bool) -> None:
    from analyzer.boilerplate import is_boilerplate

    start = text.index(clause)
    assert is_boilerplate(text, start, start + len(clause)) is expected


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("Lê Quang Vũ: 16 phiếu (94,12%)", True),
        ("HTXSNV 5/9 phiếu (55,6%)", True),
        ("HTXSNV 2/9", True),
        ("Không hoàn thành nhiệm vụ 1/9", True),
        ("Ngô Thị Tường Vi: 36/40 phiếu, đạt 90%", True),
        ("Hồ Văn Thịnh | HTTNV | 10/10 | HTTNV", True),
        ("Kết quả: 15/17 phiếu (88,24%)", True),
        ("6 phiếu HTTNV (85,71%)", True),  # the ballots before the option
        ("1 phiếu HTXSNV", True),
        ("6 phiếu hợp lệ", False),
        ("2 phiếu không đồng ý", False),  # the against of one vote, not an option
        ("Tổng số phiếu phát ra 17 phiếu", False),
        ("Có mặt 12/14 đồng chí", False),
        ("Lớp 7/2", False),
        ("Nguyễn Văn An 12/14", False),
        ("Pipeline CI/CD cho môi trường UAT | Hà My | 08/05", False),  # a task row with a date
    ],
)
def test_ballot_options(clause: str, expected: bool) -> None:
    from analyzer.votes import is_ballot_option

    assert is_ballot_option(clause) is expected


@pytest.mark.parametrize(
    ("present", "results", "expected"),
    [
        (
            9,
            ["Kết quả phiếu kín: HTXSNV 2/9, HTTNV 7/9 (77,8%)."],
            {"HTXSNV 2/9": 2, "HTTNV 7/9 (77,8%)": 7},
        ),
        # the ballots before the option
        (
            7,
            [
                "Kết quả bỏ phiếu kín:",
                "- Đ/c Lực: 6 phiếu HTTNV (85,71%), 1 phiếu HTXSNV (14,29%).",
            ],
            {"6 phiếu HTTNV (85,71%)": 6, "1 phiếu HTXSNV (14,29%)": 1},
        ),
    ],
)
def test_a_list_of_ballot_results_is_one_vote_per_option(
    present: int, results: list[str], expected: dict[str, int]
) -> None:
    text = minutes(
        f"Có mặt {present}/{present} đồng chí.",
        "II. ĐÁNH GIÁ, XẾP LOẠI",
        "Đồng chí Hà Văn Lực tự nhận mức hoàn thành tốt nhiệm vụ.",
        *results,
    )
    votes = {i.text: (i.votes_for, i.total) for i in analyze(text).items if i.kind == "vote"}
    for option, count in expected.items():
        assert votes[option] == (count, present)


def test_each_ballot_option_keeps_its_own_counts() -> None:
    text = minutes(
        "Có mặt 9/9 đồng chí.",
        "IV. BIỂU QUYẾT",
        "Kết quả bỏ phiếu kín: đ/c Lực: HTXSNV 5/9, HTTNV 4/9; đ/c Mai: HTTNV 9/9; "
        "đ/c Hoa: HTTNV 8/9, 1 phiếu trắng.",
    )
    votes = {
        i.text.split(": ")[-1]: (i.votes_for, i.against, i.abstain, i.total)
        for i in analyze(text).items
        if i.kind == "vote"
    }
    # V4: the other options are not against; the blank ballot belongs to Hoa's rating only.
    assert votes["HTXSNV 5/9"] == (5, None, None, 9)
    assert votes["HTTNV 9/9"] == (9, 0, 0, 9)
    assert votes["HTTNV 8/9, 1 phiếu trắng"] == (8, 0, 1, 9)


def test_what_was_voted_on_and_its_count_are_one_vote() -> None:
    from analyzer.ingest import read_text
    from analyzer.pipeline import analyze_raw

    text = minutes(
        "Có mặt 8/8 đồng chí.",
        "IV. BIỂU QUYẾT",
        "Chi bộ biểu quyết thông qua nghị quyết tháng 4: 8/8 đồng chí tán thành (100%).",
        "Chi ủy biểu quyết dự kiến xếp loại: 7 trên 8, đồng chí Khải không đồng ý.",
    )
    a, _ = analyze_raw(read_text(text, "test.txt"), estimator=_ALL_VOTES)
    votes = [(i.text, i.votes_for, i.against, i.total) for i in a.items if i.kind == "vote"]
    assert (
        "Chi bộ biểu quyết thông qua nghị quyết tháng 4: 8/8 đồng chí tán thành (100%)",
        8,
        0,
        8,
    ) in votes
    assert any(t.endswith("không đồng ý") and (n, no, m) == (7, 1, 8) for t, n, no, m in votes)


def test_the_chair_opening_with_a_decision_verb_adopts_it() -> None:
    from analyzer.ingest import read_text
    from analyzer.pipeline import analyze_raw

    text = (
        "Hạnh: Mình bắt đầu nhé, hôm nay tổ họp bàn hội thao.\n"
        "Khôi: Em đề nghị lùi hội thao sang tháng 12 vì mưa bão.\n"
        "Ngân: Chốt lại là em thấy lùi cũng được.\n"
        "Hạnh: Vậy chốt: hội thao lùi sang tháng 12, giữ nguyên các môn thi.\n"
        "Hạnh: Thống nhất giao Khôi liên hệ sân bóng.\n"
    )
    a, _ = analyze_raw(read_text(text, "test.txt"), estimator=_NOTHING_LIKELY)
    decisions = [i.text for i in a.items if i.kind == "decision"]
    assert any(t.startswith("Vậy chốt: hội thao lùi") for t in decisions)
    assert not any("em thấy" in t for t in decisions)  # a member, not the chair
    assert not any("giao Khôi" in t for t in decisions)  # names who is to act: a task (K1)


@pytest.mark.parametrize(
    ("clause", "pieces"),
    [
        (
            "tôi nhất trí với báo cáo, xin bổ sung phần giáo dục nghề nghiệp",
            ["tôi nhất trí với báo cáo", "xin bổ sung phần giáo dục nghề nghiệp"],
        ),
        (
            "Em đồng ý với chị Oanh, chi hội sẽ nhận phần ra quân",
            ["Em đồng ý với chị Oanh", "chi hội sẽ nhận phần ra quân"],
        ),
        # Assent to content of its own, and counts, stay whole.
        ("đồng ý 13, không đồng ý 2", ["đồng ý 13, không đồng ý 2"]),
        (
            "Thống nhất lùi hội thao sang tháng 12, giữ nguyên các môn",
            ["Thống nhất lùi hội thao sang tháng 12, giữ nguyên các môn"],
        ),
    ],
)
def test_assent_then_new_content_is_two_clauses(clause: str, pieces: list[str]) -> None:
    from analyzer.items import _agreement_pieces

    cand = Candidate(0, len(clause), None, 0, True, "member")
    assert [clause[c.start : c.end] for c in _agreement_pieces(clause, cand)] == pieces


def _sentence_and_clauses(text: str, kinds: list[str], whole_kind: str) -> tuple[Item, list[Item]]:
    def item(start: int, end: int, kind: str) -> Item:
        return Item(id="x", kind=kind, text=text[start:end], start=start, end=end, confidence=0.9)

    clauses, pos = [], 0
    for part, kind in zip(text.split("; "), kinds, strict=True):
        start = text.index(part, pos)
        clauses.append(item(start, start + len(part), kind))
        pos = start + len(part)
    return item(0, len(text), whole_kind), clauses


@pytest.mark.parametrize(
    ("text", "kinds", "whole_kind"),
    [
        (
            "Em đề xuất mua thêm máy quét; trước mắt thuê khoán 2 cộng tác viên",
            ["proposal", "proposal"],
            "proposal",
        ),
        (  # K5: a list item of the decisions in three parts is three decisions
            "Huấn luyện lại an toàn hàn; tổ trưởng ký sổ đầu ca; thay cáp hàn hỏng",
            ["decision", "decision", "decision"],
            "decision",
        ),
        (  # K5: a decision and the task that carries it out
            "Thống nhất sửa cống số 3; giao đồng chí Hòa triển khai",
            ["decision", "action_item"],
            "decision",
        ),
        (  # an assessment in two halves is two conclusions
            "Tháng 4 chi bộ hoàn thành tốt nhiệm vụ; tuy nhiên thu quỹ còn chậm",
            ["conclusion", "conclusion"],
            "conclusion",
        ),
    ],
)
def test_a_sentence_of_labelled_clauses_gives_way_to_them(
    text: str, kinds: list[str], whole_kind: str
) -> None:
    from analyzer.items import _clauses_first

    sentence, clauses = _sentence_and_clauses(text, kinds, whole_kind)
    assert _clauses_first([sentence, *clauses]) == clauses
    assert _clauses_first([sentence]) == [sentence]  # no labelled clause: the sentence stands


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # A discourse particle before the subject.
        ("Vậy Thịnh gom toàn bộ đơn miền Trung trước thứ Tư", "nguyen-phuoc-thinh"),
        # "Đồng chí" + the role: its one holder.
        ("Đồng chí Bí thư trực tiếp gặp gia đình trước kỳ sinh hoạt tới", "nguyen-van-hung"),
        # A word that opens another unit does not end the first.
        ("Giao chi hội phụ nữ và chi đoàn ra quân vào sáng chủ nhật", "chi hội phụ nữ và chi đoàn"),
        # "tổ chức" is a verb, not the unit "tổ".
        ("tổ chức huấn luyện lại chậm nhất cuối tháng 4", None),
    ],
)
def test_assignee_openings(clause: str, expected: str | None) -> None:
    a = analyze(
        minutes(
            "I. THÀNH PHẦN",
            "- Chủ trì: đồng chí Nguyễn Văn Hùng – Bí thư chi bộ.",
            "- Thư ký: đồng chí Nguyễn Phước Thịnh.",
            "- Đồng chí Nguyễn Thị Mai – Chi ủy viên.",
            "II. NỘI DUNG",
            "- Đồng chí Nguyễn Phước Thịnh: nhất trí.",
        )
    )
    members = _Members(a)
    assert find_assignee(clause, 0, len(clause), members, None)[0] == expected


def test_indented_lines_without_punctuation_are_clauses() -> None:
    text = (
        "   HS 12 yếu nhất phần trả lời ngắn, làm tròn sai nên mất điểm oan\n"
        "   Đề nghị mỗi tuần 1 đề luyện đúng cấu trúc mới\n"
        "tiếp tục theo dõi kết quả"
    )
    clauses = _clauses(text)
    assert "Đề nghị mỗi tuần 1 đề luyện đúng cấu trúc mới\ntiếp tục theo dõi kết quả" in clauses
    assert "HS 12 yếu nhất phần trả lời ngắn, làm tròn sai nên mất điểm oan" in clauses


def test_a_line_opened_by_an_arrow_or_a_symbol_is_a_clause() -> None:
    """Hurried notes mark what was adopted with an arrow under the ballot ("→ chốt PA1"), or
    list points with symbols: each such line is a clause of its own."""
    text = "+ PA2: 3 đ/c\n→ chốt PA1, khánh thành dịp 26/3\n► Làm xong bàn giao thôn quản lý"
    clauses = _clauses(text)
    assert "chốt PA1, khánh thành dịp 26/3" in clauses
    assert "Làm xong bàn giao thôn quản lý" in clauses
    assert not any("PA2" in clause and "chốt" in clause for clause in clauses)


def _labelled(text: str, parts: list[tuple[str, str]]) -> list[tuple[Candidate, str, float]]:
    """Candidates for each (clause, kind) in order, all in one turn."""
    result, pos = [], 0
    for clause, kind in parts:
        start = text.index(clause, pos)
        pos = start + len(clause)
        result.append((Candidate(start, pos, "discussion", 0, False, "member"), kind, 0.6))
    return result


@pytest.mark.parametrize(
    ("text", "parts", "joined"),
    [
        # A qualifying "nhưng" clause of the same kind belongs to the clause before it (K5).
        (
            "Ý của đồng chí Kiên thì hay, nhưng để tổ Xã hội nghiên cứu thêm, kỳ sau bàn.",
            [
                ("Ý của đồng chí Kiên thì hay", "conclusion"),
                ("nhưng để tổ Xã hội nghiên cứu thêm, kỳ sau bàn", "conclusion"),
            ],
            ["Ý của đồng chí Kiên thì hay, nhưng để tổ Xã hội nghiên cứu thêm, kỳ sau bàn"],
        ),
        (
            "Em đề nghị mua 2 máy, nhưng chia hai đợt thanh toán.",
            [("Em đề nghị mua 2 máy", "proposal"), ("nhưng chia hai đợt thanh toán", "proposal")],
            ["Em đề nghị mua 2 máy, nhưng chia hai đợt thanh toán"],
        ),
        # A concern is read whole across its commas.
        (
            "Đường xuống cấp, nhiều đoạn ngập sâu sau mỗi trận mưa.",
            [("Đường xuống cấp", "concern"), ("nhiều đoạn ngập sâu sau mỗi trận mưa", "concern")],
            ["Đường xuống cấp, nhiều đoạn ngập sâu sau mỗi trận mưa"],
        ),
        # Two proposals joined by a comma stay two; so do parts of different kinds.
        (
            "Đề nghị lắp đèn ở ngõ 5, đề nghị xây thêm bể nước cho điểm trường.",
            [
                ("Đề nghị lắp đèn ở ngõ 5", "proposal"),
                ("đề nghị xây thêm bể nước cho điểm trường", "proposal"),
            ],
            ["Đề nghị lắp đèn ở ngõ 5", "đề nghị xây thêm bể nước cho điểm trường"],
        ),
        (
            "Tôi nhất trí, nhưng còn chậm trả lời đơn thư của dân.",
            [("Tôi nhất trí", "agreement"), ("nhưng còn chậm trả lời đơn thư của dân", "concern")],
            ["Tôi nhất trí", "nhưng còn chậm trả lời đơn thư của dân"],
        ),
        # Different sentences, or "song song" (in parallel), are not joined.
        (
            "Kết quả thu quỹ chưa đạt. Nhưng đường làng đã xong sớm.",
            [("Kết quả thu quỹ chưa đạt", "concern"), ("Nhưng đường làng đã xong sớm", "concern")],
            ["Kết quả thu quỹ chưa đạt", "Nhưng đường làng đã xong sớm"],
        ),
        (
            "Thống nhất họp trực tiếp ở hội trường, song song một phòng Meet cho bạn ở xa.",
            [
                ("Thống nhất họp trực tiếp ở hội trường", "decision"),
                ("song song một phòng Meet cho bạn ở xa", "decision"),
            ],
            ["Thống nhất họp trực tiếp ở hội trường", "song song một phòng Meet cho bạn ở xa"],
        ),
    ],
)
def test_same_kind_clauses_of_a_sentence_join_when_one_qualifies_the_other(
    text: str, parts: list[tuple[str, str]], joined: list[str]
) -> None:
    result = _join_qualified(text, _labelled(text, parts))
    assert [text[cand.start : cand.end] for cand, _, _ in result] == joined
    kinds = [parts[0][1]] if len(joined) == 1 else [kind for _, kind in parts]
    assert [kind for _, kind, _ in result] == kinds


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        # ", nên" before a verb opens a proposal ("should") ...
        (
            "Nhiều hộ không biết lịch bơm, nên lập nhóm Zalo cho mỗi tổ",
            ["Nhiều hộ không biết lịch bơm", "nên lập nhóm Zalo cho mỗi tổ"],
        ),
        # ... before a subject or an adverb it means "so" and the clause goes on.
        (
            "Tổ an toàn đều kiêm nhiệm, nên việc nhắc nhở còn nể nang",
            ["Tổ an toàn đều kiêm nhiệm, nên việc nhắc nhở còn nể nang"],
        ),
        (
            "Lớp tôi có vụ xô xát, nên tôi xin nói trước",
            ["Lớp tôi có vụ xô xát, nên tôi xin nói trước"],
        ),
        (
            "Moi nguoi de tai rieng, nen kho ra bai bao",
            ["Moi nguoi de tai rieng, nen kho ra bai bao"],
        ),
        # "thầy cô" after a comma is the teachers, not a person named next.
        (
            "Tôi đề nghị sau mỗi đợt nhập, thầy cô xuất file đối chiếu",
            ["Tôi đề nghị sau mỗi đợt nhập, thầy cô xuất file đối chiếu"],
        ),
        (
            "Tôi nhất trí với báo cáo, cô Lan bổ sung phần thu quỹ",
            ["Tôi nhất trí với báo cáo", "cô Lan bổ sung phần thu quỹ"],
        ),
        # "song song" (in parallel) goes on the clause; "song" (but) opens one.
        (
            "Họp trực tiếp ở hội trường, song song một phòng Meet cho bạn ở xa",
            ["Họp trực tiếp ở hội trường, song song một phòng Meet cho bạn ở xa"],
        ),
        (
            "Kế hoạch đã rõ, song kinh phí còn thiếu",
            ["Kế hoạch đã rõ", "song kinh phí còn thiếu"],
        ),
        # "giao cô Yến": a task for a person, not the teachers ("thầy cô").
        (
            "Tổ thống nhất làm bộ phiếu đọc hiểu, giao cô Yến chủ trì",
            ["Tổ thống nhất làm bộ phiếu đọc hiểu", "giao cô Yến chủ trì"],
        ),
        # A label that opens a line leads what follows it, as a line of its own would.
        (
            "Đồng chí Lợi phát biểu: ghi nhận.\n5. Kết luận: Chi bộ thống nhất đề nghị công nhận",
            ["Đồng chí Lợi phát biểu: ghi nhận", "Chi bộ thống nhất đề nghị công nhận"],
        ),
        (
            "Phân công: đồng chí Cường phối hợp UBND xã",
            ["đồng chí Cường phối hợp UBND xã"],
        ),
        # A co-doer of the same task ("..., đ/c Tuấn phối hợp") goes on the task.
        (
            "Giao đ/c Cường chủ trì, đ/c Tuấn phối hợp, hoàn thành trước ngày 30/4",
            ["Giao đ/c Cường chủ trì, đ/c Tuấn phối hợp, hoàn thành trước ngày 30/4"],
        ),
    ],
)
def test_clause_breaks_after_a_comma(text: str, pieces: list[str]) -> None:
    from analyzer.items import _clause_break, _pieces

    assert [text[a:b] for a, b in _pieces(_clause_break(), text, 0, len(text))] == pieces


@pytest.mark.parametrize(
    ("text", "parts", "joined"),
    [
        # K5: a clause that only gives the deadline belongs to the task before it.
        (
            "Đ/c Diễm lập danh mục hồ sơ kết nạp; xong trong tháng 5.",
            [
                ("Đ/c Diễm lập danh mục hồ sơ kết nạp", "action_item"),
                ("xong trong tháng 5", "decision"),
            ],
            [("Đ/c Diễm lập danh mục hồ sơ kết nạp; xong trong tháng 5", "action_item")],
        ),
        (
            "Giao Tổ 2 sửa đường ống, hoàn thành trước ngày 30/4.",
            [
                ("Giao Tổ 2 sửa đường ống", "action_item"),
                ("hoàn thành trước ngày 30/4", "action_item"),
            ],
            [("Giao Tổ 2 sửa đường ống, hoàn thành trước ngày 30/4", "action_item")],
        ),
        # Alone, it is nothing.
        ("Xong trong tháng 5.", [("Xong trong tháng 5", "decision")], []),
        # A clause with content of its own and a date is not a tail.
        (
            "Giao Tổ 2 sửa đường ống; Tổ 3 dọn kênh trước ngày 30/4.",
            [
                ("Giao Tổ 2 sửa đường ống", "action_item"),
                ("Tổ 3 dọn kênh trước ngày 30/4", "action_item"),
            ],
            [
                ("Giao Tổ 2 sửa đường ống", "action_item"),
                ("Tổ 3 dọn kênh trước ngày 30/4", "action_item"),
            ],
        ),
    ],
)
def test_a_clause_giving_only_the_deadline_joins_the_item_before_it(
    text: str, parts: list[tuple[str, str]], joined: list[tuple[str, str]]
) -> None:
    import datetime as dt

    from analyzer.items import _join_deadline_tails

    result = _join_deadline_tails(text, _labelled(text, parts), dt.date(2025, 4, 10))
    assert [(text[cand.start : cand.end], kind) for cand, kind, _ in result] == joined


def test_a_task_table_row_is_not_split_at_its_commas() -> None:
    row = "5 | Ma trận, đề kiểm tra giữa kì II KHTN 8, 9 | thầy Khoa, cô Ngân | 05/3/2025"
    text = f"STT | Nội dung | Người thực hiện | Thời hạn\n{row}\n"
    assert "Ma trận, đề kiểm tra giữa kì II KHTN 8, 9 | thầy Khoa, cô Ngân | 05/3/2025" in [
        text[a:b] for a, b in _split(text, 0, len(text))
    ]


def test_a_task_table_row_is_one_task_whatever_its_cells_hold() -> None:
    from analyzer.items import _within_task_rows

    row = "8 | Hỏi vận hành về máy chủ; email xin khách mượn 2 máy | Huy | trong tuần"
    text = f"Việc | Owner | Hạn\n{row}\n"

    def labelled(clause: str, kind: str) -> tuple[Candidate, str, float]:
        start = text.index(clause)
        return (Candidate(start, start + len(clause), None, 0, False, "member"), kind, 0.6)

    found = [
        labelled(row, "action_item"),
        labelled("Hỏi vận hành về máy chủ", "decision"),
        labelled("email xin khách mượn 2 máy | Huy | trong tuần", "action_item"),
    ]
    assert [text[c.start : c.end] for c, _, _ in _within_task_rows(text, found)] == [row]
    # Rows of a table read across lines are not one task row.
    across = labelled(f"Việc | Owner | Hạn\n{row}", "action_item")
    assert len(_within_task_rows(text, [across, *found[1:]])) == 3


def test_an_item_as_long_as_its_sentence_is_kept() -> None:
    from analyzer.items import _clauses_first, _without_overlaps

    text = "Đ/c Diễm lập danh mục hồ sơ; xong trong tháng 5"
    sentence = Item(id="x", kind="action_item", text=text, start=0, end=len(text), confidence=0.6)
    joined = Item(id="y", kind="action_item", text=text, start=0, end=len(text), confidence=0.7)
    assert _without_overlaps(_clauses_first([sentence, joined])) == [joined]


def test_a_role_two_members_hold_is_the_chairs_when_the_chair_holds_it() -> None:
    """ "Đ/c Bí thư" in a cell meeting is the cell's secretary who chairs, not the youth
    branch's secretary; with no chair among them the role stays as written."""
    text = minutes(
        "I. THÀNH PHẦN",
        "- Chủ trì: đồng chí Nguyễn Văn Hùng – Bí thư chi bộ.",
        "- Thư ký: đồng chí Lê Thị Lan – Bí thư chi đoàn.",
        "II. THẢO LUẬN",
        "- Đồng chí Út: đề nghị sửa lò sấy trước vụ Đông Xuân.",
    )
    members = _Members(analyze(text, roster=ROSTER))
    clause = "Đ/c Bí thư gặp riêng đ/c Út trước kỳ sinh hoạt tới"
    assert find_assignee(clause, 0, len(clause), members, None) == (
        "nguyen-van-hung",
        "Nguyễn Văn Hùng",
    )
    clause = "Đ/c Kế toán gặp riêng đ/c Út"
    assert find_assignee(clause, 0, len(clause), members, None)[0] == "dao-van-binh"


def test_clauses_typed_without_diacritics_are_read_with_the_vocabulary_words() -> None:
    """Runs of up to three words take the form with diacritics of the training clauses; meta
    tokens and punctuation stay where they were."""
    model = item_model.load()
    (row,) = model.with_diacritics(
        ["chi bo thong nhat: dang vien dong dang phi truoc ngay 10 hang thang zsecconclusion"]
    )
    assert row == (
        "chi bộ thống nhất: đảng viên đóng đảng phí trước ngày 10 hằng tháng zsecconclusion"
    )


def test_minutes_typed_without_diacritics_give_the_same_items() -> None:
    from analyzer.lexicon import fold

    text = minutes(
        "III. KẾT LUẬN",
        "Đồng chí Nguyễn Văn Hùng kết luận: chi bộ thống nhất từ tháng 5 đảng viên đóng đảng phí "
        "trước ngày 10 hằng tháng; giao đồng chí Lê Thị Lan theo dõi, báo cáo cuối quý.",
        *["Chi bộ đã thảo luận sôi nổi, các ý kiến thẳng thắn, sát thực tế của địa phương."] * 3,
    )
    accented = [(i.kind, fold(i.text)) for i in analyze(text).items]
    assert (
        "decision",
        fold("chi bộ thống nhất từ tháng 5 đảng viên đóng đảng phí trước ngày 10 hằng tháng"),
    ) in accented
    assert [(i.kind, i.text) for i in analyze(fold(text)).items] == accented


def test_minutes_typed_partly_without_diacritics() -> None:
    """The header typed at a desk, the notes on a phone: the rules read both parts, and a
    member named "Thương" in the header is the doer "Thuong" of a task in the notes."""
    from analyzer.accents import MIXED, accent_mode, either_source

    assert re.fullmatch(either_source(r"th[ưu]ơng[ \t]+nhất"), "thuong nhat")
    assert either_source("[^đ]ư") == "[^đd][ưu]"
    text = "\n".join(
        [
            *PHONE_NOTES_HEADER,
            "a Thai: BCH can bau bo sung 1 PCT, ngay hoi SV 5 tot sap toi can chuan bi som.",
            "Tan: de nghi to chuc ngay hoi vao sang thu 5 o hoi truong A, moi cac khoa tham gia.",
            "Ket luan: ngay hoi to chuc 8h sang thu 5 26/3 tai hoi truong A; Thuong lam giay muon"
            " hoi truong gui phong CTSV, nop truoc 20/3.",
            "Ket thuc 21h10.",
        ]
    )
    assert accent_mode(text) == MIXED
    tasks = [i for i in analyze(text).items if i.kind == "action_item"]
    assert [(t.text, t.assignee) for t in tasks] == [
        ("Thuong lam giay muon hoi truong gui phong CTSV, nop truoc 20/3", "vu-thi-hoai-thuong")
    ]


@pytest.mark.parametrize(
    "clause",
    [
        "12/12 đồng chí tán thành",
        "mười trên mười hai đồng chí",
        "tất cả giơ tay",
        "toàn thể đảng viên nhất trí",
        "trăm phần trăm đồng ý",
        "đồng ý 13, không đồng ý 2",
        "9 trên 9",
    ],
)
def test_the_cheap_count_test_holds_whatever_the_count_pattern_finds(clause: str) -> None:
    from analyzer.accents import folded_patterns, rx
    from analyzer.items import _COUNT, _COUNT_HINT
    from analyzer.lexicon import fold

    for text, folded in ((clause, False), (fold(clause), True)):
        with folded_patterns(folded):
            assert rx(_COUNT).search(text) and rx(_COUNT_HINT).search(text)


def test_an_adopting_verb_after_an_assessment_opens_a_clause() -> None:
    """K5: "..., thống nhất tổ chức ..." is a decision of its own; "thống nhất với ..." is not."""
    text = (
        "Tháng 10 chi bộ hoàn thành khá các nhiệm vụ, thống nhất tổ chức ngày hội vào sáng chủ nhật"
    )
    clauses = _clauses(text)
    assert "thống nhất tổ chức ngày hội vào sáng chủ nhật" in clauses
    assert "Tháng 10 chi bộ hoàn thành khá các nhiệm vụ" in clauses
    agreeing = "Chi bộ nghe báo cáo, thống nhất với ý kiến của đồng chí Hoa"
    assert _clauses(agreeing) == [agreeing]
    # a bare "thống nhất thông qua" after its object closes the sentence; it opens nothing
    adopted = "Biên bản đọc lại cho phụ huynh nghe, thống nhất thông qua."
    assert _clauses(adopted) == [adopted.rstrip(".")]


@pytest.mark.parametrize(
    ("text", "lead_kind", "joined"),
    [
        # a candidate's name before the bare count of their ballots, whatever the name was read as
        ("- Đồng chí Võ Trọng Nghĩa: 28/30 phiếu, đạt 93,3%", None, True),
        # a motion before ": <count>", read as a decision
        ("Chi bộ BQ thông qua nghị quyết tháng 11: 17/17 đ/c có mặt nhất trí", "decision", True),
        # a rating code before the count is the option voted on, not part of a name's vote
        ("đồng chí Thủy: HTXSNV 7/9 (77,8%)", None, False),
    ],
)
def test_a_vote_takes_the_name_or_motion_before_its_count(
    text: str, lead_kind: str | None, joined: bool
) -> None:
    from analyzer.items import _join_vote_leads

    colon = text.index(":")
    start = text.index(text.lstrip("- ")[0])
    lead = Candidate(start, colon, "vote", None, False, "none")
    count = Candidate(colon + 2, len(text), "vote", None, False, "none", count=True)
    labelled = [(lead, lead_kind, 0.6)] if lead_kind else []
    labelled.append((count, "vote", 0.9))
    (vote,) = [
        item for item in _join_vote_leads(text, [lead, count], labelled) if item[1] == "vote"
    ]
    assert len(_join_vote_leads(text, [lead, count], labelled)) == 1
    assert vote[0].start == (start if joined else colon + 2)


def test_the_meeting_body_opening_a_clause_names_no_one_to_act() -> None:
    from analyzer.items import _names_actor

    clause = "Tổ tổ chức buổi làm đồ dùng dạy học vào sáng thứ Bảy"
    assert _names_actor(clause, 0, len(clause))
    assert not _names_actor(clause, 0, len(clause), body=True)
    assigning = "Tổ thống nhất giao cô Hoa chuẩn bị"
    assert _names_actor(assigning, 0, len(assigning), body=True)


def test_someone_elected_with_the_count_of_ballots_is_a_vote() -> None:
    from analyzer.ingest import read_text
    from analyzer.pipeline import analyze_raw

    minutes_text = minutes(
        "IV. KẾT LUẬN",
        "Ban Chấp hành họp phiên thứ nhất, bỏ phiếu kín: đ/c Trần Văn An được bầu làm Bí thư "
        "Chi đoàn với 5/5 phiếu; đ/c Lê Thị Hoa được bầu làm Phó Bí thư, 4/5 phiếu.",
        "Chi đoàn thống nhất 3 đồng chí được bầu sẽ phân công nhiệm vụ trong tuần.",
    )
    decisions = _Readings(none=0.05, decision=0.6, vote=0.05, question=0.3)
    a, _ = analyze_raw(read_text(minutes_text, "test.txt"), estimator=decisions)
    votes = [i for i in a.items if i.kind == "vote"]
    assert [(v.votes_for, v.total) for v in votes] == [(5, 5), (4, 5)]
    assert any("phân công nhiệm vụ" in i.text for i in a.items if i.kind == "decision")


def test_a_numbered_sub_part_of_the_conclusion_stays_in_it() -> None:
    """ "5.1. Đánh giá chung" under "5. Kết luận ..." is a sub-heading of the conclusion, not a
    report: the tasks under "5.2." are items, and the sub-headings are not."""
    a = analyze(
        minutes(
            "5. Kết luận của đồng chí chủ trì",
            "Đồng chí Nguyễn Văn Hùng tiếp thu các ý kiến, kết luận:",
            "",
            "5.1. Đánh giá chung",
            "1. Tháng 11 chi bộ lãnh đạo đơn vị hoàn thành tốt nhiệm vụ, sản lượng vượt kế hoạch.",
            "",
            "5.2. Nhiệm vụ tháng 12",
            "2. Giao đồng chí Lê Thị Lan lập dự trù vật tư, trình Giám đốc trước ngày 20/12/2025.",
        )
    )
    assert [s.kind for s in a.sections][-1] == "conclusion"
    assert not any("Đánh giá chung" in i.text or "Nhiệm vụ tháng" in i.text for i in a.items)
    assert any(i.kind == "action_item" and i.text.startswith("Giao đồng chí Lê") for i in a.items)


def test_an_agreed_assignment_is_a_task_not_a_decision() -> None:
    """K1: "Chi bộ thống nhất giao đồng chí Lan ..." adopts that someone acts: a task, even
    when the classifier reads the clause as a decision."""
    from analyzer.ingest import read_text
    from analyzer.pipeline import analyze_raw

    everything_a_decision = _Readings(none=0.05, decision=0.6, action_item=0.35)
    minutes_text = minutes(
        "IV. KẾT LUẬN",
        "Chi bộ thống nhất giao đồng chí Lan hoàn thiện hồ sơ, gửi Đảng ủy xã trong tháng 8.",
        "Chi bộ thống nhất lùi hội thao sang tháng 12.",
    )
    a, _ = analyze_raw(read_text(minutes_text, "test.txt"), estimator=everything_a_decision)
    assert [(i.kind, i.text[:28]) for i in a.items] == [
        ("action_item", "Chi bộ thống nhất giao đồng "),
        ("decision", "Chi bộ thống nhất lùi hội th"),
    ]


def _items_read_as(readings: _Readings, *lines: str) -> list[tuple[str, str]]:
    from analyzer.ingest import read_text
    from analyzer.pipeline import analyze_raw

    a, _ = analyze_raw(read_text(minutes(*lines), "test.txt"), estimator=readings)
    return [(i.kind, i.text) for i in a.items]


def test_the_cu_of_an_election_assigns_nobody() -> None:
    """ "bầu cử", "ứng cử", "đề cử" hold the syllable "cử" (to send someone), but name nobody
    to act: the congress adopting the list of candidates is a decision (K2)."""
    from analyzer.items import _names_actor

    text = "Đại hội thống nhất danh sách bầu cử Chi ủy gồm 06 đồng chí"
    assert not _names_actor(text, 0, len(text), body=True)
    assert _names_actor("Chi bộ thống nhất cử Chi ủy rà soát", 0, 35, body=True)
    found = _items_read_as(
        _Readings(none=0.6, decision=0.3, action_item=0.1),
        "III. BẦU CỬ",
        "Đại hội thống nhất danh sách bầu cử Chi ủy gồm 06 đồng chí như Chi ủy khóa VII giới thiệu.",
    )
    assert [kind for kind, _ in found] == ["decision"]


def test_a_noted_proposal_and_where_it_goes_is_one_conclusion() -> None:
    """K4: "chi bộ ghi nhận, <who passes it on where>" answers a proposal without adopting it:
    the whole sentence is one conclusion, whoever the part after the comma names; a count
    reported with "ghi nhận" is no such answer."""
    found = _items_read_as(
        _Readings(none=0.1, conclusion=0.35, action_item=0.55),
        "II. THẢO LUẬN",
        "- Đồng chí Lê Thị Lan: đề nghị tăng người trực ca đêm.",
        "III. KẾT LUẬN",
        "Về người trực ca đêm, chi bộ ghi nhận, đồng chí Định sẽ báo cáo Ban Giám đốc khi sửa"
        " quy chế, chưa đặt thành nhiệm vụ.",
        "Trạm y tế ghi nhận 214 ca sốt xuất huyết, đồng chí Định tổ chức phun thuốc trước 30/7.",
        "Ý kiến của đồng chí Lan tôi ghi nhận.",
    )
    assert (
        "conclusion",
        "Về người trực ca đêm, chi bộ ghi nhận, đồng chí Định sẽ báo cáo Ban Giám đốc khi sửa"
        " quy chế, chưa đặt thành nhiệm vụ",
    ) in found
    assert not any(kind == "conclusion" and "214 ca" in text for kind, text in found)
    assert not any(kind == "conclusion" and "tôi ghi nhận" in text for kind, text in found)


def test_a_name_that_is_also_a_word_of_time_does_not_split() -> None:
    """ "Hằng năm" (yearly) is no member "Hằng" given a task after the comma."""
    a = analyze(
        minutes(
            "II. THẢO LUẬN",
            "- Đồng chí Lê Thị Hằng: nhất trí.",
            "- Đồng chí Trần Văn Tùng: nhất trí.",
        )
    )
    pattern = _names_pattern(a)
    assert pattern is not None
    assert pattern.search("Đạt chỉ tiêu, Hằng năm chi bộ hoàn thành tốt nhiệm vụ") is None
    assert pattern.search("Đạt chỉ tiêu, Hằng nộp báo cáo ngày 25/10") is not None


def test_a_recap_of_what_was_settled_is_a_conclusion() -> None:
    """K4: "Tóm lại ... chốt", "Hôm nay tổ chốt ..." sums up what the meeting settled before:
    a conclusion; "chốt" alone opening a clause adopts (K2)."""
    found = _items_read_as(
        _Readings(none=0.1, conclusion=0.3, decision=0.6),
        "- Anh Lộc: nhất trí.",
        "- Chị Hoa: Tóm lại tối nay mình chốt quà Tết 600 nghìn tiền mặt.",
        "- Chị Hoa: Hôm nay tổ chốt quỹ 15 nghìn trừ lương như trên.",
        "- Chị Hoa: Chốt lịch trực Tết theo danh sách đã gửi.",
    )
    kinds = [kind for kind, text in found if "chốt" in text.lower()]
    assert kinds == ["conclusion", "conclusion", "decision"]


def test_an_answer_that_adopts_a_members_idea_is_a_decision() -> None:
    """K4: "Ý kiến của đồng chí Đoàn là xác đáng, chi bộ thống nhất từ nay ..." approves an idea
    and says what is adopted: a decision, even when read as a conclusion; the approval alone
    ("Ý Tín hợp lý") adopts nothing yet."""
    found = _items_read_as(
        _Readings(none=0.3, conclusion=0.6, decision=0.1),
        "- Đồng chí Hùng: Ý kiến của đồng chí Đoàn là xác đáng, từ nay đảng viên tổ chức cưới"
        " hỏi gọn nhẹ.",
        "- Đồng chí Hùng: Về đảng phí, ý của bác Sáu là được, đảng viên đi làm ăn xa có thể"
        " chuyển khoản.",
        "- Đồng chí Hùng: Ý Tín hợp lý.",
    )
    assert [kind for kind, _ in found] == ["decision", "decision", "conclusion"]


# The guide's rules over the classifier's reading, in a chair's wrap-up ("IV. KẾT LUẬN"): each
# case gives the readings every clause gets and the kinds the rules make of the lines.
_GUIDE_CASES = [
    pytest.param(
        # K3: every member, or everyone in a role, with no deadline is a standing rule; with a
        # deadline (a date, or one that names none: "trước Tết") a one-off task for the group.
        _Readings(none=0.1, decision=0.3, action_item=0.6),
        [
            "- Mỗi đảng viên vận động ít nhất 3 hộ tham gia bảo hiểm y tế.",
            "- Các đ/c khác dự ít nhất 2 tiết mỗi tháng.",
            "- Các đồng chí gửi bản đăng ký cho đồng chí Duy trước ngày 6/10.",
            "- Các tổ trưởng vận động người mới, phấn đấu trước Tết đạt 95%.",
        ],
        ["decision", "decision", "action_item", "action_item"],
        id="K3-standing-rule",
    ),
    pytest.param(
        # K4: agreeing with an assessment concludes; with the programme or a proposal, adopts.
        _Readings(none=0.1, conclusion=0.3, decision=0.6),
        [
            "- Chi bộ thống nhất với đánh giá trong báo cáo về kết quả 11 tháng qua.",
            "- Đại hội thống nhất cao với đánh giá kết quả nhiệm kỳ trong Báo cáo chính trị.",
            "- Chi bộ nhất trí với chương trình sinh hoạt.",
            "- Chi bộ thống nhất với đề xuất của đồng chí Hà về mức đóng góp.",
        ],
        ["conclusion", "conclusion", "decision", "decision"],
        id="K4-assessment-agreed",
    ),
    pytest.param(
        # K4: weighed, studied or discussed later with no deadline, whoever is named; with a
        # deadline it stays a task.
        _Readings(none=0.1, conclusion=0.2, decision=0.35, action_item=0.35),
        [
            "- Việc tăng người trực ca đêm, Xí nghiệp sẽ cân đối khi xây dựng kế hoạch lao động.",
            "- Phòng ghi hình chưa có nguồn, để chi bộ tính khi lập dự toán năm sau.",
            "- Thí nghiệm vi mô thì để tổ tìm hiểu thêm, kỳ sau bàn.",
            "- Giao đồng chí Hà nghiên cứu, báo cáo chi bộ trước ngày 15/7.",
        ],
        ["conclusion", "conclusion", "conclusion", "action_item"],
        id="K4-put-off",
    ),
    pytest.param(
        # K4: not settled yet, waiting on someone else.
        _Readings(none=0.1, conclusion=0.3, decision=0.6),
        [
            "- Mua máy phun mới thì chưa xem xét, chờ hướng dẫn của Trung tâm Y tế.",
            "- Việc mời giáo viên ngoài dạy chung cả lớp chưa quyết, có kết quả phiếu sẽ bàn tiếp.",
            "- Lùi hội thao sang tháng 12.",
        ],
        ["conclusion", "conclusion", "decision"],
        id="K4-not-settled",
    ),
    pytest.param(
        # K4: the chair's reminder concludes; "nhắc hai lần không sửa thì ..." is a rule.
        _Readings(none=0.1, conclusion=0.3, decision=0.6),
        [
            "- Chi ủy nhắc đảng viên là công chức chấp hành nghiêm giờ làm việc.",
            "- Nhắc các tổ đảng rà soát từng đồng chí, không để ai vắng không lý do.",
            "- Tổ nhắc hai lần không sửa thì trừ nửa ngày công.",
        ],
        ["conclusion", "conclusion", "decision"],
        id="K4-reminder",
    ),
]


@pytest.mark.parametrize(("readings", "lines", "kinds"), _GUIDE_CASES)
def test_the_guides_rules_in_a_wrap_up(
    readings: _Readings, lines: list[str], kinds: list[str]
) -> None:
    found = _items_read_as(readings, "IV. KẾT LUẬN", *lines)
    assert [kind for kind, _ in found] == kinds
