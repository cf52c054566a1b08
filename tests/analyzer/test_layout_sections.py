"""Numbering and bullet styles, hard wraps, and section kinds."""

from __future__ import annotations

import pytest

from analyzer.layout import lines, paragraphs
from tests.analyzer.builders import analysis_of, minutes


@pytest.mark.parametrize(
    ("line", "marker", "kind"),
    [
        ("1. Báo cáo", "1.", "arabic"),
        ("1/ Báo cáo", "1/", "arabic"),
        ("1) Báo cáo", "1)", "arabic"),
        ("(1) Đồng chí A", "(1)", "arabic"),
        ("1- Báo cáo", "1-", "arabic"),
        ("2.1. Báo cáo", "2.1.", "arabic"),
        ("I. THÀNH PHẦN", "I.", "roman"),
        ("II/ NỘI DUNG", "II/", "roman"),
        ("IV- KẾT LUẬN", "IV-", "roman"),
        ("a. Ưu điểm", "a.", "letter"),
        ("b) Hạn chế", "b)", "letter"),
        ("- Đồng chí A", "-", "bullet"),
        ("– Đồng chí A", "–", "bullet"),
        ("+ Ý thứ nhất", "+", "bullet"),
        ("* Ý thứ hai", "*", "bullet"),
        ("• Ý thứ ba", "•", "bullet"),
        ("15/3/2024 là ngày họp", None, None),
        ("Vào hồi 14 giờ", None, None),
    ],
)
def test_markers(line: str, marker: str | None, kind: str | None) -> None:
    (parsed,) = lines(line)
    assert (parsed.marker, parsed.marker_kind) == (marker, kind)
    assert line[parsed.content_start :] == parsed.text


def test_hard_wrapped_lines_join_into_one_paragraph() -> None:
    text = (
        "Đồng chí Lê Văn Tám phát biểu: đề nghị chi bộ quan tâm hơn nữa đến công tác\n"
        "phát triển đảng viên trong khu dân cư, nhất là lực lượng thanh niên\n"
        "- Đồng chí Hà Thu: nhất trí."
    )
    paras = paragraphs(lines(text), lambda line: False)
    assert len(paras) == 2
    assert paras[0].end == text.index("\n- Đồng chí")


def test_one_line_document_is_cut_before_markers() -> None:
    body = (
        "Chi bộ nghe báo cáo tình hình thực hiện nhiệm vụ trong tháng và phương hướng tháng tới. "
        * 8
    )
    text = body + "- Đồng chí Lê Văn Tám: nhất trí. - Đồng chí Hà Thu: đề nghị bổ sung."
    got = [line.text for line in lines(text)]
    assert got[-2:] == ["Đồng chí Lê Văn Tám: nhất trí.", "Đồng chí Hà Thu: đề nghị bổ sung."]

    # numbered with a hyphen, as typed in one breath: "Nội dung: 1- ... 2- ..."
    text = body + "Nội dung: 1- Đ/c Cưng thông qua kết quả tháng 9. 2- Đ/c Diễm thông tin dự báo."
    got = [line.text for line in lines(text)]
    assert got[-2:] == ["Đ/c Cưng thông qua kết quả tháng 9.", "Đ/c Diễm thông tin dự báo."]

    # kin words before a name open a sentence as "Ông" and "Chị" do
    text = body + "Anh Trí nói giá gạo lên. Chú Tỏ nói lò hơi bị xì. Bác Năm nói thêm."
    got = [line.text for line in lines(text)]
    assert got[-2:] == ["Chú Tỏ nói lò hơi bị xì.", "Bác Năm nói thêm."]


STRUCTURED = minutes(
    "I. THÀNH PHẦN",
    "- Chủ trì: đồng chí Nguyễn Văn Hùng – Bí thư chi bộ.",
    "- Thư ký: đồng chí Lê Thị Lan.",
    "- Có mặt 9/10 đồng chí.",
    "II. NỘI DUNG",
    "1. Đồng chí Nguyễn Văn Hùng thông qua báo cáo tình hình tháng 3.",
    "2. Thảo luận",
    "- Đồng chí Lê Thị Lan: nhất trí.",
    "- Đ/c Ngô Văn Minh phát biểu: cần tăng cường kiểm tra.",
    "III. KẾT LUẬN",
    "Đồng chí chủ trì kết luận:",
    "+ Chi bộ thống nhất với báo cáo.",
    "Biểu quyết: 9/9 đồng chí tán thành.",
    "Cuộc họp kết thúc vào lúc 10 giờ cùng ngày.",
    "THƯ KÝ                CHỦ TRÌ",
    "Lê Thị Lan            Nguyễn Văn Hùng",
)


def test_section_kinds_in_order() -> None:
    kinds = [s.kind for s in analysis_of(STRUCTURED).sections]
    assert kinds == [
        "header",
        "attendance",
        "agenda",
        "report",
        "discussion",
        "conclusion",
        "vote",
        "closing",
        "signatures",
    ]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("III. KẾT LUẬN", "conclusion"),
        ("III/ Kết luận của chủ trì", "conclusion"),
        ("3. Ý KIẾN THẢO LUẬN", "discussion"),
        ("III- Thảo luận", "discussion"),
        ("IV. BIỂU QUYẾT", "vote"),
        ("DIỄN BIẾN CUỘC HỌP", "discussion"),
        ("II. BÁO CÁO TÌNH HÌNH", "report"),
        ("V. BẾ MẠC", "closing"),
    ],
)
def test_heading_kinds(heading: str, kind: str) -> None:
    text = minutes(
        "I. THÀNH PHẦN", "Có mặt 9/10 đồng chí.", heading, "Nội dung phần này được ghi ở đây."
    )
    sections = analysis_of(text).sections
    found = [s for s in sections if s.title and heading.endswith(s.title)]
    assert found and found[0].kind == kind


def test_sections_are_ordered_and_inside_text() -> None:
    analysis = analysis_of(STRUCTURED)
    previous_end = 0
    for section in analysis.sections:
        assert previous_end <= section.start < section.end <= len(analysis.text)
        previous_end = section.end


def test_numbered_conclusion_heading_naming_the_chair_is_not_the_signatures() -> None:
    # Late in the minutes, in capitals, naming "CHỦ TRÌ": it looks like a signature line, and
    # "Kết luận của đồng chí ..." like a speaker cue; the numbering says it is a heading.
    text = (
        "BIÊN BẢN SINH HOẠT CHI BỘ\n"
        "Chủ trì: đồng chí Nguyễn Văn Hùng, Bí thư. Thư ký: đồng chí Lê Thị Lan.\n"
        "III. THẢO LUẬN\n"
        "Đồng chí Trần Văn Bình: đề nghị sửa mái nhà văn hóa.\n"
        "IV. KẾT LUẬN CỦA ĐỒNG CHÍ CHỦ TRÌ\n"
        "Chi bộ thống nhất sửa mái nhà văn hóa trong quý II.\n"
        "Giao đồng chí Bình lập dự toán trước ngày 30/3/2025.\n"
        "THƯ KÝ                CHỦ TRÌ\n"
        "Lê Thị Lan            Nguyễn Văn Hùng\n"
    )
    analysis = analysis_of(text)
    kinds = [section.kind for section in analysis.sections]
    assert kinds[-2:] == ["conclusion", "signatures"]
    conclusion = analysis.sections[-2]
    assert conclusion.title == "KẾT LUẬN CỦA ĐỒNG CHÍ CHỦ TRÌ"
    assert "Giao đồng chí Bình" in text[conclusion.start : conclusion.end]
    assert all("CHỦ TRÌ" not in turn.text for turn in analysis.turns)


def test_a_part_with_an_unknown_heading_right_after_the_header_is_a_part() -> None:
    """ "III. BẦU CỬ" names no known kind; it is still a part of the minutes, not a line of
    the header (whose text carries no items)."""
    a = analysis_of(
        minutes(
            "III. BẦU CỬ",
            "Đồng chí Hùng được 9/11 phiếu, trúng cử Bí thư chi bộ.",
        )
    )
    assert [(s.kind, s.title) for s in a.sections] == [("header", None), ("other", "BẦU CỬ")]


def test_the_next_numbered_item_after_a_chairs_wrap_up_is_a_new_part() -> None:
    """ "2. CÔNG TRÌNH THANH NIÊN" after the chair's "chốt" on item 1 continues the numbering
    that began before the conclusion: a new part, whose opinions are discussion again; the
    chair's own numbered points inside a conclusion stay in it."""
    a = analysis_of(
        minutes(
            "1. Ra quân tháng thanh niên",
            "- a Khoa: ra quân sáng Chủ nhật 1/3 tại nhà văn hóa.",
            "- c Yến: đề nghị các chi đoàn thôn xa chỉ giao 10 đoàn viên.",
            "- a Khoa chốt:",
            "+ ra quân 7h Chủ nhật 1/3",
            "2. Công trình thanh niên",
            "- a Chiến: nên bàn giao cho thôn quản lý.",
            "- Đồng chí Khoa kết luận:",
            "1. Ưu điểm",
            "Các chi đoàn chuẩn bị chu đáo.",
            "2. Hạn chế",
            "Chi đoàn thôn xa còn ít đoàn viên.",
        )
    )
    kinds = [(s.kind, s.title) for s in a.sections]
    assert kinds[-4:] == [
        ("conclusion", None),
        ("other", "Công trình thanh niên"),
        ("discussion", None),
        ("conclusion", None),
    ]
    assert a.text[a.sections[-1].start :].rstrip().endswith("còn ít đoàn viên.")


def test_an_arrowed_wrap_up_holds_its_points_and_the_next_topic_is_a_new_part() -> None:
    """ "⇒ Đ/c Chủ tịch kết luận nội dung 1:" opens the conclusion and its "•" points stay in
    it (an arrow is no list item the points sit under); "NỘI DUNG 2. ..." continues the
    numbering of "NỘI DUNG 1. ..." before the conclusion, so it opens a new part."""
    a = analysis_of(
        minutes(
            "NỘI DUNG 1. Ý KIẾN CỦA CÔNG NHÂN",
            "– Đ/c Thạch Văn Sang: khu sấy nóng quá, đề nghị lắp thêm quạt.",
            "⇒ Đ/c Chủ tịch kết luận nội dung 1:",
            "• Các ý kiến phản ánh đúng, sát thực tế.",
            "• BCH thống nhất kiến nghị Công ty lắp thêm 4 quạt hơi nước.",
            "",
            "NỘI DUNG 2. CHI QUỸ TẾT TRUNG THU",
            "– Đ/c Trịnh Văn Lực: nhà Tùng khó khăn lắm, đề nghị thăm thêm.",
        )
    )
    kinds = [(s.kind, s.title) for s in a.sections]
    assert ("conclusion", None) in kinds
    assert kinds[-2:] == [("other", "NỘI DUNG 2. CHI QUỸ TẾT TRUNG THU"), ("discussion", None)]
    wrap_up = next(t for t in a.turns if "kết luận" in t.text)
    assert wrap_up.text.rstrip().endswith("lắp thêm 4 quạt hơi nước.")


def test_a_point_of_a_led_in_list_opens_no_part() -> None:
    """ "a) Các ý kiến đều ..." under "... kết luận phần thảo luận:" is the first point of the
    chair's conclusion, not a new discussion part; the conclusion's turn takes the whole list,
    and a "-" line at the lead-in's own depth after it can open a part again."""
    a = analysis_of(
        minutes(
            "II. THẢO LUẬN",
            "- Bạn Tài: đề nghị làm mới bảng cảnh báo cháy rừng.",
            "- Đ/c Lê Quang Vinh thay mặt Đoàn Chủ tịch kết luận phần thảo luận:",
            "  + Các ý kiến đều xuất phát từ công việc thực tế ở trạm.",
            "  + Thành lập Tổ đoàn trạm A Pát, sinh hoạt mỗi tháng một lần.",
            "- Biểu quyết giơ tay: 30/30 đồng chí tán thành.",
        )
    )
    kinds = [s.kind for s in a.sections]
    assert kinds[-2:] == ["conclusion", "vote"]
    conclusion = a.turns[-1]
    assert conclusion.text.endswith("sinh hoạt mỗi tháng một lần.")


def test_a_programme_part_headed_by_its_time_is_a_part() -> None:
    """A congress's minutes headed by the programme's times ("09 giờ 40 – Bầu cử BCH khóa V")
    have a part per time; a sentence that starts with a time is no heading."""
    a = analysis_of(
        minutes(
            "08 giờ 35 – Thảo luận",
            "- Bạn Tài: đề nghị làm mới bảng cảnh báo cháy rừng.",
            "",
            "09 giờ 40 – Bầu cử BCH khóa V",
            "Đại hội bầu cử bằng phiếu kín.",
            "",
            "11 giờ 00 – Bế mạc",
            "14 giờ 00 – đoàn viên các trạm về dự, đông đủ hơn mọi năm.",
        )
    )
    assert [(s.kind, s.title) for s in a.sections][1:] == [
        ("discussion", "08 giờ 35 – Thảo luận"),
        ("other", "09 giờ 40 – Bầu cử BCH khóa V"),
        ("closing", "11 giờ 00 – Bế mạc"),
    ]


def test_the_list_of_the_absent_holds_no_turns() -> None:
    """ "+ Đ/c Trần Văn Lực: đi làm xa, có lý do." under "Vắng: 02 đ/c, gồm:" says why a
    member is absent; it is no contribution, while a cue under "Nội dung:" is one."""
    a = analysis_of(
        minutes(
            "- Có mặt: 16 đ/c. Vắng: 02 đ/c, gồm:",
            "+ Đ/c Trần Văn Lực: đi làm ở khu công nghiệp Yên Trạch, có lý do.",
            "+ Đ/c Hà Thị Mai: nghỉ sinh con, có lý do.",
            "Nội dung:",
            "1. Đ/c Quyết thông qua kết quả tháng 4: chi đoàn ra quân dọn vệ sinh kênh N3.",
            "2. Đ/c Hà Thị Mai: đề nghị mỗi đoàn viên trồng 5 cây xanh.",
        )
    )
    assert [t.text[:20] for t in a.turns] == ["Đ/c Quyết thông qua ", "Đ/c Hà Thị Mai: đề n"]
