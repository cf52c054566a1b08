"""Speaker cue shapes from DOMAIN.md, one row each."""

from __future__ import annotations

import pytest

from analyzer.cues import find_inline_cue, parse_line_cue

# (line, kind, name, role, verb); kind None means "not a cue".
CASES = [
    ("Đồng chí Nguyễn Văn Hùng: nhất trí với báo cáo", "person", "Nguyễn Văn Hùng", None, None),
    ("Đ/c Hùng phát biểu: cần đẩy mạnh", "person", "Hùng", None, "phát biểu"),
    ("đ/c Lan (Phó bí thư) đề nghị tăng cường", "person", "Lan", "phó bí thư", "đề nghị"),
    ("Ý kiến của đồng chí Minh: thống nhất", "person", "Minh", None, None),
    ("Ý kiến đồng chí Thảo:", "person", "Thảo", None, None),
    ("Ông Trần Văn Nam cho rằng cần", "person", "Trần Văn Nam", None, "cho rằng"),
    ("Bà Lê Thị Hoa: đồng ý", "person", "Lê Thị Hoa", None, None),
    ("Bạn Minh Anh góp ý: nên tổ chức", "person", "Minh Anh", None, "góp ý"),
    (
        "Cô Nguyễn Thị Hoa (Tổ trưởng tổ Toán): đề xuất",
        "person",
        "Nguyễn Thị Hoa",
        "tổ trưởng",
        None,
    ),
    ("Thầy Bình: em xin ý kiến", "person", "Bình", None, None),
    ("Cô Nga nhắc lại: không dạy trước chương trình", "person", "Nga", None, "nhắc lại"),
    # A short phrase and a comma before the speaker; a rank instead of an honorific.
    (
        "Tiếp theo, đ/c Trịnh Thị Lan, Chi hội trưởng Phụ nữ nêu ý kiến: có 2 hộ",
        "person",
        "Trịnh Thị Lan",
        "Chi hội trưởng Phụ nữ",
        "nêu ý kiến",
    ),
    (
        "Trả lời ý kiến của đ/c Lan, đ/c Bí thư cho biết danh sách",
        "role",
        None,
        "bí thư",
        "cho biết",
    ),
    ("Thiếu tá Lê Đức Hạnh trả lời: gây tiếng ồn", "person", "Lê Đức Hạnh", None, "trả lời"),
    ("Sau khi thảo luận, đồng chí Hùng được giao phụ trách", None, None, None, None),
    # Role abbreviations as labels; a bare name after one is a signature.
    ("TT trả lời: đồng ý cho lớp Nhỡ 4", "role", None, "tổ trưởng", "trả lời"),
    ("TK: Thu", None, None, None, None),
    # A discussion kept as a table: the person cell opens the turn; lists of people do not.
    (
        "Bà Nông Thị Duyên (PGĐ) | Nhất trí số liệu báo cáo, nên ký với Phương Bắc",
        "person",
        "Nông Thị Duyên",
        "phó giám đốc",
        None,
    ),
    (
        "| 1 | Đ/c Nguyễn Thị Xuân | đề nghị hủy lô thuốc hết hạn trong tháng |",
        "person",
        "Nguyễn Thị Xuân",
        None,
        None,
    ),
    ("1 | Mai Xuân Đỉnh | Tổ 6 | Đang nằm viện", None, None, None, None),
    (
        "2 | Đinh Công Tuấn | Giải Ba GV dạy giỏi cấp huyện | Giấy khen Hiệu trưởng",
        None,
        None,
        None,
        None,
    ),
    ("1 | Hoàn thiện kết nối LIS cho máy sinh hóa | đ/c Quyết | 15/9/2025", None, None, None, None),
    # A ballot result, not a contribution.
    ("Lường Thị Xuân: HTTNV 8/8 phiếu (100%).", None, None, None, None),
    ("Chị Diễm điểm lại số liệu: doanh số đạt", "person", "Diễm", None, "điểm lại"),
    ("Đ/c Lan kế toán: quỹ còn 3 triệu", "person", "Lan", "kế toán", None),
    # A word between the name and the verb: "cũng", or having listened first.
    ("Chị Thoa cũng nói nên làm mái tôn che sân phơi", "person", "Thoa", None, "nói"),
    ("Ông Hai nghe hết rồi chốt như sau. Từ ngày 1/12 giá sỉ", "person", "Hai", None, "chốt"),
    (
        "Đ/c Bí thư nghe xong các ý kiến và kết luận: chi bộ thống nhất",
        "role",
        None,
        "bí thư",
        "kết luận",
    ),
    ("Đ/c Hà vẫn giữ ý kiến cần tăng mức đóng quỹ", "person", "Hà", None, "giữ ý kiến"),
    # "KL (đ/c Oanh):" in hurried notes: the conclusion and who gives it.
    ("KL (đ/c Oanh): T2 chuyền đạt 96% KH", "person", "Oanh", None, "kết luận"),
    ("Ý kiến (đ/c Minh): nhất trí", "person", "Minh", None, None),
    ("KL (a Khoa): T1-T2 CĐ Bản Chạc hoạt động tốt", "person", "Khoa", None, "kết luận"),
    # ballots written count first under a member's label: a result, not a contribution
    ("Đ/c Trọng: 6 phiếu HTTNV (85,71%), 1 phiếu HTXSNV (14,29%).", None, None, None, None),
    # Not a speaker: "nghe" without a speech verb after it.
    ("Ông Hai nghe hết rồi đi về", None, None, None, None),
    (
        "Đ/c Võ Thanh Tâm – Chi ủy viên phát biểu: x",
        "person",
        "Võ Thanh Tâm",
        "chi ủy viên",
        "phát biểu",
    ),
    ("ĐỒNG CHÍ PHẠM VĂN ĐỨC: đồng ý", "person", "Phạm Văn Đức", None, None),
    # A rank or title between the honorific and the name.
    (
        "Đồng chí Thượng sĩ Vừ A Dính, Tiểu đội trưởng: tôi đồng ý",
        "person",
        "Vừ A Dính",
        "Tiểu đội trưởng",
        None,
    ),
    ("Đồng chí Đại úy Lò Văn Khum kết luận:", "person", "Lò Văn Khum", None, "kết luận"),
    ("Đồng chí chủ trì kết luận:", "role", None, "chủ trì", "kết luận"),
    ("Đồng chí Bí thư kết luận: chi bộ thống nhất", "role", None, "bí thư", "kết luận"),
    ("Tổ trưởng: đề nghị các thầy cô", "role", None, "tổ trưởng", None),
    ("Các đồng chí đều nhất trí với báo cáo", "group", None, None, "nhất trí"),
    ("Tất cả các đồng chí đều thống nhất", "group", None, None, "thống nhất"),
    ("Ý kiến 1: cần làm rõ", "anonymous", None, None, None),
    ("Ý kiến thứ hai: đồng ý", "anonymous", None, None, None),
    ("Đồng chí ........: ", "placeholder", None, None, None),
    ("Đồng chí …………: ", "placeholder", None, None, None),
    ("Nguyễn Văn An: chào mọi người", "person", "Nguyễn Văn An", None, None),
    # Not cues: field lines, people lists, narration.
    ("Địa điểm: Hội trường", None, None, None, None),
    ("Chủ trì: đồng chí Nguyễn Văn Hùng – Bí thư chi bộ", None, None, None, None),
    ("Thư ký: Lê Thị Lan", None, None, None, None),
    ("Đồng chí Nguyễn Văn A – Bí thư chi bộ", None, None, None, None),
    ("Công tác tháng 3: hoàn thành", None, None, None, None),
    ("Chi bộ thống nhất giao đồng chí Minh phụ trách", None, None, None, None),
    ("Bà con khu phố đồng tình", None, None, None, None),
    # a guest who attended and directed, not a speaker
    ("Đồng chí Lê Văn Kiên, Bí thư Đảng ủy xã về dự và chỉ đạo.", None, None, None, None),
]


@pytest.mark.parametrize(("line", "kind", "name", "role", "verb"), CASES)
def test_line_cue_shapes(
    line: str, kind: str | None, name: str | None, role: str | None, verb: str | None
) -> None:
    cue = parse_line_cue(line, 0, len(line), transcript=False)
    if kind is None:
        assert cue is None
        return
    assert cue is not None
    assert (cue.kind, cue.name, cue.role, cue.verb) == (kind, name, role, verb)
    assert 0 <= cue.start < cue.end <= len(line)


@pytest.mark.parametrize(
    ("line", "transcript", "name"),
    [
        ("hùng: mình nghĩ là nên làm", True, "Hùng"),
        ("lan anh: em đồng ý", True, "Lan Anh"),
        ("hùng: mình nghĩ là nên làm", False, None),
        ("Hùng: mình nghĩ", True, "Hùng"),
        ("Thời gian: 14 giờ", True, None),
    ],
)
def test_transcript_labels(line: str, transcript: bool, name: str | None) -> None:
    cue = parse_line_cue(line, 0, len(line), transcript=transcript)
    assert (cue.name if cue else None) == name


@pytest.mark.parametrize(
    ("sentence", "name", "verb"),
    [
        (
            "Chi bộ nghe đồng chí Trần Văn Bình thông qua báo cáo tháng 2.",
            "Trần Văn Bình",
            "thông qua",
        ),
        ("Hội nghị nghe đ/c Mai, Chi ủy viên trình bày chuyên đề.", "Mai", "trình bày"),
        (
            "Tiếp theo, đồng chí Hoàng Anh Tuấn báo cáo tình hình thu chi.",
            "Hoàng Anh Tuấn",
            "báo cáo",
        ),
        ("Giao đồng chí Trần Văn Bình báo cáo kết quả trước ngày 30/6.", None, None),
        ("Chi bộ thống nhất với báo cáo.", None, None),
    ],
)
def test_reported_speech(sentence: str, name: str | None, verb: str | None) -> None:
    cue = find_inline_cue(sentence, 0, len(sentence))
    assert (cue.name if cue else None, cue.verb if cue else None) == (name, verb)
    if cue:
        assert cue.inline


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Đ/c Ông Văn Lực phát biểu", "Ông Văn Lực"),  # "Ông" is the family name before "Văn"
        ("Ông Nguyễn Văn Lực phát biểu", "Nguyễn Văn Lực"),  # "Ông" is "Mr."
        ("Bà Trần Thị Mai phát biểu", "Trần Thị Mai"),
    ],
)
def test_a_name_after_an_honorific_or_mr(text: str, name: str) -> None:
    from analyzer.cues import _capitalised_name

    start = text.index("Ông") if text.startswith("Đ/c") else 0
    found = _capitalised_name(text, start, len(text))
    assert found is not None
    assert found[0] == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Vũ\nThị Thanh Tâm – UV BCH", "Vũ Thị Thanh Tâm"),
        ("Ninh Văn\nTú - Bí thư", "Ninh Văn Tú"),
        # a name never ends in a middle name, but a full one ends at the line's end
        ("Nguyễn Văn An\nBáo cáo tình hình", "Nguyễn Văn An"),
        ("Vũ\nNội dung họp", "Vũ"),
        ("Lan\nThị trấn Phú Lộc", "Lan"),
        ("Vũ\n\nThị Thanh Tâm", "Vũ"),
    ],
)
def test_a_name_hard_wrapped_onto_the_next_line(text: str, name: str) -> None:
    from analyzer.cues import _capitalised_name

    found = _capitalised_name(text, 0, len(text))
    assert found is not None and found[0] == name


def test_a_two_word_given_name_opens_a_turn() -> None:
    """ "Đỗ Gia Bảo" is called "Gia Bảo"; nobody is called "Thị Lan"."""
    from analyzer.cues import KnownSpeakers, given_names

    text = "Chủ trì: Hà Minh Nhật. Phụ trách phong trào: Đỗ Gia Bảo.\nGia Bảo trình bày bản nháp: chia 3 đội.\n"
    names = given_names(text)
    start = text.index("Gia Bảo trình")
    cue = parse_line_cue(
        text, start, len(text) - 1, transcript=False, known=KnownSpeakers(frozenset(), names)
    )
    assert cue is not None and (cue.name, cue.verb) == ("Gia Bảo", "trình bày")
    assert "thị lan" not in given_names("Thư ký: Lê Thị Lan.")
