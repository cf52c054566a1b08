"""Meeting facts: date, time, place, chair, secretary and attendance phrasings."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.analyzer.builders import PHONE_NOTES_HEADER, facts_of, minutes


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        (
            "Vào hồi 14 giờ 00, ngày 15 tháng 3 năm 2024, tại Hội trường, chi bộ họp.",
            dt.date(2024, 3, 15),
        ),
        ("Vào lúc 8h30 ngày 15/3/2024 tại phòng họp.", dt.date(2024, 3, 15)),
        ("Thời gian: 14 giờ, ngày 15-03-2024.", dt.date(2024, 3, 15)),
        ("Thời gian: 7 giờ 30 phút ngày 05.09.2025", dt.date(2025, 9, 5)),
        ("Hôm nay, ngày 02 tháng 01 năm 2025, lúc 9 giờ, chi bộ họp.", dt.date(2025, 1, 2)),
        ("Hôm nay mùng 4 tháng 11 năm 2025, chi bộ họp.", dt.date(2025, 11, 4)),
        # Said without a year: the year the text names.
        ("Hôm nay thứ năm 6 tháng 11, chi bộ họp bàn kế hoạch năm 2026.", dt.date(2026, 11, 6)),
    ],
)
def test_date_phrasings(opening: str, expected: dt.date) -> None:
    assert facts_of(minutes("Nội dung: họp.", opening=opening)).date == expected


def test_invalid_date_is_skipped() -> None:
    text = minutes("x", opening="Vào hồi 8 giờ ngày 31/02/2025, ngày 1/3/2025 tại phòng họp.")
    assert facts_of(text).date == dt.date(2025, 3, 1)


@pytest.mark.parametrize(
    ("opening", "closing", "start", "end", "minutes_"),
    [
        (
            "Vào hồi 14 giờ 00, ngày 15/3/2024.",
            "Cuộc họp kết thúc vào lúc 16 giờ 30 cùng ngày.",
            "14:00",
            "16:30",
            150,
        ),
        (
            "Bắt đầu lúc 8h30 ngày 15/3/2024.",
            "Buổi sinh hoạt kết thúc lúc 10h15.",
            "08:30",
            "10:15",
            105,
        ),
        (
            "Thời gian: 7 giờ 30 phút ngày 5/9/2025.",
            "Hội nghị kết thúc hồi 10 giờ 15 phút.",
            "07:30",
            "10:15",
            165,
        ),
        ("Thời gian: từ 14h00 – 16h00 ngày 1/6/2025.", "", "14:00", "16:00", 120),
        (
            "Vào lúc 2 giờ chiều ngày 1/6/2025.",
            "Cuộc họp kết thúc lúc 4 giờ 30 chiều.",
            "14:00",
            "16:30",
            150,
        ),
        ("Vào lúc 14:00 ngày 1/6/2025.", "Cuộc họp kết thúc vào 15:40.", "14:00", "15:40", 100),
        (
            "Hôm nay, 15h30 thứ Hai ngày 3/11/2025, chi ủy họp.",
            "Kết thúc lúc 17h.",
            "15:30",
            "17:00",
            90,
        ),
        (
            "Thời gian, địa điểm: Từ 14h00 ngày 19/6/2025.",
            "Họp kết thúc 16h10.",
            "14:00",
            "16:10",
            130,
        ),
        ("- Thời gian: 14h00 ngày 10/6/2025.", "Họp xong 15h10 cùng ngày.", "14:00", "15:10", 70),
        # A clock time right after the date in the header.
        ("Thứ Hai 07/04/2025, 14:00, Teams.", "Kết thúc 15:10.", "14:00", "15:10", 70),
        (
            "Sáng 20/9/2025, tại phòng lớp.\n8h00 phụ huynh ký tên.",
            "9h35 kết thúc. Cô đọc lại biên bản.",
            "08:00",
            "09:35",
            95,
        ),
    ],
)
def test_time_phrasings(opening: str, closing: str, start: str, end: str, minutes_: int) -> None:
    facts = facts_of(minutes("Nội dung: họp.", closing, opening=opening))
    assert (facts.start_time, facts.end_time, facts.duration_minutes) == (start, end, minutes_)


@pytest.mark.parametrize(
    ("lines", "total", "present", "absent"),
    [
        (["Tổng số đảng viên: 14 đồng chí; có mặt 12/14 đồng chí."], 14, 12, 2),
        (["Có mặt 12/14 đồng chí."], 14, 12, 2),
        (["Tổng số đảng viên của chi bộ: 20", "Có mặt: 18", "Vắng: 2"], 20, 18, 2),
        (["Đảng viên có mặt: 9 đồng chí, vắng 1 đồng chí."], 10, 9, 1),
        (
            [
                "Đảng viên chính thức: có mặt 10/11 đồng chí.",
                "Đảng viên dự bị: có mặt 2/3 đồng chí.",
            ],
            14,
            12,
            2,
        ),
        (["Tổng số: 15, có mặt đầy đủ."], 15, 15, 0),
        (["Thành phần: 9/10 đ/c. Vắng: đ/c Lò Văn Pọm (ốm)."], 10, 9, 1),
        (["Tham dự (6/7 thành viên):"], 7, 6, 1),
        (["Chi bộ có 21 đảng viên, hôm nay có mặt 19."], 21, 19, 2),
        (["Tổ mình 8 người, hôm nay có 7, chị Hạnh đi tập huấn."], 8, 7, 1),
        (["- Dự: 3/3 đ/c chi ủy viên. Chủ trì: đ/c Đỗ Quang Vinh, BT."], 3, 3, 0),
        (["Hiện diện: 8/9 ủy viên BCH. Vắng: anh Đoàn Minh Trí (đi đào tạo)."], 9, 8, 1),
    ],
)
def test_attendance_phrasings(lines: list[str], total: int, present: int, absent: int) -> None:
    facts = facts_of(minutes("I. THÀNH PHẦN", *lines, "II. NỘI DUNG", "Chi bộ nghe báo cáo."))
    assert (facts.total, facts.present, facts.absent) == (total, present, absent)


def test_attendance_on_a_line_after_the_roles() -> None:
    """The counts on a line the sections do not take for the attendance part."""
    text = minutes(
        "Thời gian: 19h30 ngày 12/9/2025",
        "Chủ trì: đồng chí Hồ Sỹ Toàn - bí thư chi bộ",
        "Tổng số đảng viên 15 đ/c, có mặt 12 đ/c. vắng 3: đ/c Đậu Văn Thành (ốm).",
        "1. Nội dung",
        "- Đ/c bí thư quán triệt nghị quyết.",
        opening="",
    )
    facts = facts_of(text)
    assert (facts.total, facts.present, facts.absent) == (15, 12, 3)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Chủ trì: đồng chí Nguyễn Văn Hùng – Bí thư chi bộ.", "Nguyễn Văn Hùng"),
        ("- Chủ trì hội nghị: Đ/c Trần Thị Mai, Phó bí thư", "Trần Thị Mai"),
        ("Chủ tọa: Ông Lê Quang Vinh", "Lê Quang Vinh"),
        ("Đồng chí Phạm Đức Long – Bí thư chi bộ, chủ trì.", "Phạm Đức Long"),
        ("Chủ trì đ/c Vi Văn Sằn – Bí thư. Thư ký đ/c Hà Thị Nguyệt.", "Vi Văn Sằn"),
        ("Chủ trì: đồng trí Mạc Văn Khiêm – bí thư", "Mạc Văn Khiêm"),
        ("Đồng chí Kiều Minh Tâm, Bí thư\nchi bộ, Trưởng phòng chủ trì.", "Kiều Minh Tâm"),
        ("đ/c Ninh Văn\nTú - Bí thư chi đoàn chủ trì; đ/c Ông Thị Lựu làm thư ký.", "Ninh Văn Tú"),
        ("Đoàn Chủ tịch 02 đ/c: Âu Văn Thịnh, Lữ Thị Hoa.", "Âu Văn Thịnh"),
        ("Tôi Đàm Quang Hiếu, bí thư chi bộ, chủ trì buổi sinh hoạt.", "Đàm Quang Hiếu"),
        # The role in brackets after the name.
        (
            "Có mặt 4/5 đ/c: đ/c Đào Thị Thanh Xuân – Bí thư (chủ trì), đ/c Nông Văn Quý.",
            "Đào Thị Thanh Xuân",
        ),
        (
            "Chi ủy giới thiệu Đoàn Chủ tịch gồm 03 đồng chí: Lò Văn Thắm (chủ trì), Nguyễn Thị "
            "Thu Hằng, Hoàng Đức Mạnh.",
            "Lò Văn Thắm",
        ),
    ],
)
def test_chair(line: str, name: str) -> None:
    facts = facts_of(minutes("I. THÀNH PHẦN", line, "II. NỘI DUNG", "Chi bộ nghe báo cáo."))
    assert facts.chair is not None and facts.chair.name == name


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Thư ký: đồng chí Lê Thị Lan.", "Lê Thị Lan"),
        ("- Thư ký cuộc họp: Đ/c Vũ Minh Châu – Chi ủy viên", "Vũ Minh Châu"),
        ("Đồng chí Đỗ Thu Trang làm thư ký.", "Đỗ Thu Trang"),
        ("Ghi biên bản: Khổng Thị Loan – văn thư", "Khổng Thị Loan"),
        ("Cô Thu Hà ghi biên bản giúp tổ nhé.", "Thu Hà"),
        ("Thư ký: CNĐD Lã Thị Diệu Hoa, Chi ủy viên", "Lã Thị Diệu Hoa"),
        ("Chủ trì: cô Phạm Thị Thu Hằng.     Thư kí: thầy Nguyễn Hoàng Phúc.", "Nguyễn Hoàng Phúc"),
        (
            "Chủ trì: đ/c Đặng Thị Kim Oanh. Thư ký: đ/c Vũ\nThị Thanh Tâm – UV BCH.",
            "Vũ Thị Thanh Tâm",
        ),
        ("Thư ký Đại hội: đồng chí Tòng Thị Xuân.", "Tòng Thị Xuân"),
        ("đ/c Lưu Đức Toàn, đ/c Ninh Thị Hải Đường (ghi biên bản).", "Ninh Thị Hải Đường"),
        # A name right after the label; the chair's role before it is not the secretary's.
        ("chủ trì ông Lê Văn Tâm tổ trưởng, ghi biên bản Thanh Hoài tổ phó", "Thanh Hoài"),
        # the role hard-wrapped after "làm"
        ("đồng chí Diệp Minh Quân, chi ủy viên làm\nthư ký.", "Diệp Minh Quân"),
    ],
)
def test_secretary(line: str, name: str) -> None:
    facts = facts_of(minutes("I. THÀNH PHẦN", line, "II. NỘI DUNG", "Chi bộ nghe báo cáo."))
    assert facts.secretary is not None and facts.secretary.name == name


def test_the_secretary_line_after_a_line_read_as_a_report_still_counts() -> None:
    """An attendance line with a presentation verb ("triển khai") is read as the start of a
    report; the "Thư ký:" line after it is still part of the opening."""
    text = minutes(
        "II. THÀNH PHẦN",
        "- Đại biểu dự: đồng chí Đàm Thị Nguyệt, Tổ trưởng Tổ công tác triển khai Đề án 06 của xã,"
        + " theo dõi việc thực hiện Nghị quyết của Đảng ủy xã về chuyển đổi số" * 6
        + ".",
        "- Chủ trì: đồng chí Nông Văn Khải, Bí thư chi bộ.",
        "- Thư ký: đồng chí Trung úy Hoàng Thị Thu Hà, Chi ủy viên.",
        "III. NỘI DUNG",
        "Chi bộ nghe báo cáo.",
    )
    facts = facts_of(text)
    assert facts.secretary is not None and facts.secretary.name == "Hoàng Thị Thu Hà"


def test_the_secretary_from_the_signatures_when_the_opening_names_none() -> None:
    text = minutes(
        "Chi bộ nghe báo cáo.",
        "",
        "        THƯ KÝ                                   BÍ THƯ CHI BỘ",
        "        (đã ký)                                     (đã ký)",
        "     Diệp Minh Quân                               Lâm Văn Khải",
    )
    facts = facts_of(text)
    assert facts.secretary is not None and facts.secretary.name == "Diệp Minh Quân"
    assert text[facts.secretary.start : facts.secretary.end] == "Diệp Minh Quân"


def test_a_chat_log_runs_from_its_first_stamp_to_its_last() -> None:
    log = (
        "Weekly tech – T2 17/03/2025",
        "[09:00] Minh: ok mn vào đủ chưa",
        "[09:03] Thư: rollback SDK mất khoảng 1 ngày",
        "[09:26] Hằng: thanks anh",
    )
    facts = facts_of("\n".join(log))
    assert (facts.start_time, facts.end_time, facts.duration_minutes) == ("09:00", "09:26", 26)
    offsets = "\n".join(line.replace("[09:", "[00:") for line in log)
    assert facts_of(offsets).start_time is None


def test_a_recording_offset_is_not_the_start_time() -> None:
    facts = facts_of(
        minutes(
            "00:00:09 Khải: rồi các đồng chí trật tự chút nhé chúng ta bắt đầu",
            "00:04:58 Loan: em báo cáo tình hình tháng hai",
            opening="Ngày ghi âm: 05/03/2026",
        )
    )
    assert facts.start_time is None


def test_transcript_facts_said_aloud() -> None:
    text = (
        "Hạnh: Mình xin phép bắt đầu nhé, hôm nay thứ hai 9 tháng 3, tổ công đoàn họp tháng 3.\n"
        "Hạnh: Tổ mình 11 người, hôm nay có 10, anh Đức đi công tác. Em Ngân làm thư ký nhé.\n"
        "Ngân: Dạ vâng chị.\n"
        "Khôi: Em đề nghị tổ chức đi dã ngoại vào tháng 4 năm 2026.\n"
    )
    facts = facts_of(text)
    assert facts.chair is not None and facts.chair.name == "Hạnh"
    assert facts.secretary is not None and facts.secretary.name == "Ngân"
    assert (facts.total, facts.present, facts.absent) == (11, 10, 1)
    assert facts.date == dt.date(2026, 3, 9)
    assert facts.kind == "trade_union"


def test_absentees_with_reasons() -> None:
    facts = facts_of(
        minutes(
            "I. THÀNH PHẦN",
            "Có mặt 12/14 đồng chí.",
            "Vắng 02 đồng chí: đồng chí Trần Văn Bình (có lý do: đi công tác), đồng chí Phạm Minh Tuấn (không lý do).",
            "II. NỘI DUNG",
            "Chi bộ nghe báo cáo.",
        )
    )
    got = [(a.name, a.excused, a.reason) for a in facts.absentees]
    assert got == [("Trần Văn Bình", True, "đi công tác"), ("Phạm Minh Tuấn", False, None)]


def test_place_and_guests() -> None:
    facts = facts_of(
        minutes(
            "Địa điểm: Phòng họp tầng 2, UBND xã.",
            "Khách mời: đồng chí Hoàng Văn Sơn – Đảng ủy viên, dự và chỉ đạo.",
            "II. NỘI DUNG",
            "Chi bộ nghe báo cáo.",
        )
    )
    assert facts.place == "Phòng họp tầng 2, UBND xã"
    assert [g.name for g in facts.guests] == ["Hoàng Văn Sơn"]


def test_place_from_opening_sentence() -> None:
    facts = facts_of(minutes("Nội dung: họp."))
    assert facts.place == "Nhà văn hóa tổ 5"


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("BIÊN BẢN SINH HOẠT CHI BỘ ĐỊNH KỲ THÁNG 4", "chi_bo_regular"),
        ("BIÊN BẢN SINH HOẠT CHUYÊN ĐỀ QUÝ II", "chi_bo_thematic"),
        ("BIÊN BẢN HỌP CHI ỦY", "committee"),
        ("BIÊN BẢN HỌP HỘI ĐỒNG SƯ PHẠM", "school_council"),
        ("BIÊN BẢN SINH HOẠT TỔ CHUYÊN MÔN TOÁN – TIN", "professional_group"),
        ("BIÊN BẢN SINH HOẠT CHI ĐOÀN", "youth_union"),
        ("BIÊN BẢN HỌP BAN CHẤP HÀNH CÔNG ĐOÀN", "trade_union"),
        ("BIÊN BẢN HỌP PHỤ HUYNH HỌC SINH", "class_or_parents"),
        ("BIÊN BẢN HỌP GIAO BAN PHÒNG KỸ THUẬT", "team"),
        ("BIÊN BẢN KIỂM ĐIỂM TẬP THỂ CHI BỘ NĂM 2024", "self_review"),
        ("BIÊN BẢN ĐẠI HỘI CHI BỘ NHIỆM KỲ 2025 - 2027", "congress"),
        # "sinh hoạt định kỳ" alone does not make a party-cell meeting.
        ("BIÊN BẢN CHI ĐOÀN SINH HOẠT ĐỊNH KỲ", "youth_union"),
        ("BIÊN BẢN TỔ CÔNG ĐOÀN SINH HOẠT ĐỊNH KỲ", "trade_union"),
    ],
)
def test_meeting_kind(title: str, kind: str) -> None:
    facts = facts_of(minutes("Nội dung: họp.", title=title, org="ĐƠN VỊ X"))
    assert facts.kind == kind
    assert facts.title == title


def test_organization_from_two_column_header() -> None:
    text = (
        "ĐẢNG BỘ PHƯỜNG HÒA BÌNH          ĐẢNG CỘNG SẢN VIỆT NAM\n"
        "CHI BỘ KHU PHỐ 3                 Hòa Bình, ngày 15 tháng 3 năm 2024\n\n"
        "BIÊN BẢN\nSINH HOẠT CHI BỘ THÁNG 3\n\nVào hồi 14 giờ, chi bộ họp.\n"
    )
    facts = facts_of(text)
    assert facts.organization == "CHI BỘ KHU PHỐ 3"
    assert facts.date == dt.date(2024, 3, 15)


def test_minutes_typed_without_diacritics() -> None:
    from analyzer.lexicon import fold

    body = [
        "I. THÀNH PHẦN",
        "- Chủ trì: đồng chí Nguyễn Văn Hùng – Bí thư chi bộ.",
        "- Thư ký: đồng chí Lê Thị Lan.",
        "- Tổng số đảng viên: 14 đồng chí; có mặt 12/14 đồng chí.",
        "II. NỘI DUNG",
        "- Đồng chí Lê Thị Lan: nhất trí với báo cáo, đề nghị bổ sung số liệu thu quỹ khuyến học.",
        "Cuộc họp kết thúc vào lúc 10 giờ 30 cùng ngày.",
    ]
    text = fold(minutes(*body))
    facts = facts_of(text)
    assert facts.date == dt.date(2025, 4, 10)
    assert (facts.start_time, facts.end_time) == ("08:00", "10:30")
    assert facts.chair is not None and facts.chair.name == "Nguyen Van Hung"
    assert (facts.total, facts.present) == (14, 12)


def test_facts_of_a_meeting_app_transcript() -> None:
    text = (
        "Weekly Supply Chain – W35 – Công ty CP Thực phẩm Đông Vân\n"
        "Cuộc họp Microsoft Teams · Thứ Hai 26/08/2024 · 09:00 – 09:25 · Bản ghi lời thoại\n\n"
        "Võ Thị Ngọc Hân   09:01\n"
        "Ok chào mọi người, mình bắt đầu nha. Hôm nay có 5 trên 6 bạn, Linh nghỉ phép.\n\n"
        "Đặng Quốc Huy   09:02\n"
        "Dạ em update forecast.\n"
    )
    facts = facts_of(text)
    assert facts.kind == "team"
    assert facts.date == dt.date(2024, 8, 26)
    assert (facts.start_time, facts.end_time) == ("09:00", "09:25")
    assert (facts.total, facts.present, facts.absent) == (6, 5, 1)


def test_facts_said_by_the_chair_of_a_transcript() -> None:
    text = (
        "Chi đoàn Công ty Du lịch Biển Xanh – họp chi đoàn tháng 3/2026\n"
        "20h00 thứ Ba 10/3/2026, canteen nhân viên khu B. Chủ trì: Nguyễn Khánh Vy (bí thư). "
        "Ghi âm, gõ lại: Đàng Thị Mỹ Hạnh (phó bí thư).\n\n"
        "[Khánh Vy] Ok mọi người ơi. Chi đoàn mình 22 đoàn viên, tối nay có 18 bạn, vắng 4.\n"
        "[Mỹ Hạnh] Ok chị, em ghi rồi.\n"
    )
    facts = facts_of(text)
    assert facts.start_time == "20:00"
    assert facts.secretary is not None and facts.secretary.name == "Đàng Thị Mỹ Hạnh"
    assert (facts.total, facts.present, facts.absent) == (22, 18, 4)


def test_facts_said_in_words_by_speech_to_text() -> None:
    text = (
        "Chi bộ Hạt Kiểm lâm – gỡ băng ghi âm buổi sinh hoạt chi bộ tháng 3\n\n"
        "Chị Hạnh bí thư: ờ mình bắt đầu nhé bây giờ là hai giờ chiều ngày mùng sáu tháng ba năm "
        "hai nghìn hai mươi lăm tổng số đảng viên của chi bộ là mười lăm đồng chí có mặt mười ba "
        "vắng hai đồng chí\n"
        "Anh Sơn hạt trưởng: vâng tôi báo cáo nhanh\n"
        "Chị Hạnh bí thư: không còn ý kiến thì mình kết thúc lúc bốn giờ mười lăm\n"
    )
    facts = facts_of(text)
    assert facts.date == dt.date(2025, 3, 6)
    assert (facts.start_time, facts.end_time) == ("14:00", "16:15")
    assert (facts.total, facts.present, facts.absent) == (15, 13, 2)
    start, end = facts.evidence["start_time"]
    assert text[start:end].startswith("bây giờ là hai giờ")


def test_the_place_of_the_date_line_is_no_attendee() -> None:
    """ "Hà Nội, ngày ..." under the header reads like "Name, role" but names a place."""
    text = "\n".join(
        [
            "CHI BỘ KHOA KẾ TOÁN",
            "                         Hà Trung, ngày 10 tháng 6 năm 2025",
            "",
            "BIÊN BẢN HỌP CHI ỦY",
            "Chủ trì: đ/c Đặng Thị Minh Nguyệt - Bí thư chi bộ.",
            "Đ/c Nguyệt: tôi đồng ý.",
        ]
    )
    assert "Hà Trung" not in [p.name for p in facts_of(text).attendees]


def test_a_title_before_the_name_of_the_chair_and_the_secretary() -> None:
    facts = facts_of(
        minutes(
            "Thành phần: 5/5 đ/c chi ủy viên gồm PGS.TS Đặng Thị Minh Nguyệt - Bí thư chi bộ, "
            "chủ trì; TS Khổng Văn Lực - Phó Bí thư; ThS Mạc Thị Hải Yến - chi ủy viên, thư ký.",
        )
    )
    assert facts.chair is not None and facts.chair.name == "Đặng Thị Minh Nguyệt"
    assert facts.secretary is not None and facts.secretary.name == "Mạc Thị Hải Yến"


def test_a_role_abbreviation_before_a_full_name_is_not_part_of_it() -> None:
    facts = facts_of(minutes("Chủ trì: HT Lê Đăng Khoa. Thư ký: Đỗ Thị Thanh Nga."))
    assert facts.chair is not None and facts.chair.name == "Lê Đăng Khoa"


def test_a_heading_in_capitals_is_not_a_secretary_label() -> None:
    text = minutes(
        "Chủ trì: HT Lê Đăng Khoa. Thư ký: Đỗ Thị Thanh Nga.",
        title="GỠ BĂNG GHI ÂM HỌP HỘI ĐỒNG SƯ PHẠM THÁNG 01/2026",
    )
    facts = facts_of(text)
    assert facts.secretary is not None and facts.secretary.name == "Đỗ Thị Thanh Nga"


def test_the_subject_after_the_title_does_not_decide_the_kind() -> None:
    text = minutes(
        "Nội dung: họp.",
        title="BIÊN BẢN HỌP CHI ỦY (V/v chuẩn bị sinh hoạt chuyên đề quý II)",
    )
    assert facts_of(text).kind == "committee"
    text = minutes("Nội dung: họp.", title="BIÊN BẢN (V/v sinh hoạt chuyên đề quý II)")
    assert facts_of(text).kind == "chi_bo_thematic"


def test_the_line_under_the_title_tells_the_kind() -> None:
    """ "BIÊN BẢN⏎Sinh hoạt chi bộ thường kỳ ...", "BIÊN BẢN HỌP CHI BỘ⏎Kiểm điểm, đánh giá ...";
    an opening sentence under the title is not read for the kind."""
    body = ("Nội dung: họp.",)
    title = "BIÊN BẢN HỌP CHI BỘ\nKiểm điểm, đánh giá, xếp loại chất lượng đảng viên năm 2025"
    assert facts_of(minutes(*body, title=title)).kind == "self_review"
    title = "BIÊN BẢN\nSinh hoạt chi bộ thường kỳ tháng 7/2025"
    assert facts_of(minutes(*body, title=title)).kind == "chi_bo_regular"
    title = "BIÊN BẢN HỌP CÔNG ĐOÀN"
    opening = "Hôm nay chi bộ và công đoàn họp."
    assert facts_of(minutes(*body, title=title, opening=opening)).kind == "trade_union"


def test_the_title_stops_at_the_first_numbered_heading() -> None:
    text = minutes(
        "I. THỜI GIAN, ĐỊA ĐIỂM",
        "- Thời gian: 14 giờ ngày 05/9/2024.",
        title="BIÊN BẢN\nSINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 9 NĂM 2024",
        opening="",
    )
    assert facts_of(text).title == "BIÊN BẢN SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 9 NĂM 2024"


def test_the_header_above_the_title_names_no_attendee() -> None:
    """ "ĐOÀN TNCS HỒ CHÍ MINH" opens with a family name ("Đoàn") but names the youth union."""
    text = "\n".join(
        [
            "ĐOÀN TNCS HỒ CHÍ MINH",
            "CHI ĐOÀN ẤP 3",
            "",
            "BIÊN BẢN SINH HOẠT CHI ĐOÀN THÁNG 3/2025",
            "Chủ trì: đ/c Lâm Thanh Tú – Bí thư chi đoàn.",
            "Đ/c Tú: em nhất trí.",
        ]
    )
    assert [p.name for p in facts_of(text).attendees if "Hồ Chí Minh" in p.name] == []


def test_a_role_after_the_name_in_minutes_typed_without_diacritics() -> None:
    """Without diacritics "chi bộ" reads as "chị" + "bộ": no other person is named there."""
    text = "\n".join(
        [
            "BIEN BAN SINH HOAT CHI BO DINH KY THANG 6/2023",
            "Thoi gian: 15h30 ngay 07/6/2023 tai phong giao ban phan xuong Lo nung.",
            "Thanh phan:",
            "- Dang vien: tong so 11, co mat 10, vang 1 (dong chi Ha Thi Lanh nghi om).",
            "- Dong chi Le Dinh Khoa - Bi thu chi bo, Quan doc PX chu tri. "
            "Thu ky: dong chi Mai Thi Tuyet - Chi uy vien.",
            "NOI DUNG",
            "1/ Dong chi Truong Cong Hieu thong qua bao cao thang 5 ve san xuat va an toan.",
        ]
    )
    facts = facts_of(text)
    assert facts.chair is not None and facts.chair.name == "Le Dinh Khoa"
    assert facts.secretary is not None and facts.secretary.name == "Mai Thi Tuyet"


def test_the_header_and_title_without_diacritics_name_no_attendee() -> None:
    """Without diacritics "CHI BO PHAN XUONG" reads as the honorific "chị" before a name."""
    text = "\n".join(
        [
            "DANG BO CONG TY CO PHAN MAY SONG HONG          DANG CONG SAN VIET NAM",
            "CHI BO PHAN XUONG MAY 2",
            "",
            "BIEN BAN",
            "SINH HOAT CHI BO THUONG KY THANG 9 NAM 2024",
            "",
            "- Chu tri: dong chi Pham Thi Thu Ha - Bi thu chi bo.",
            "- Thu ky: dong chi Vu Duc Thang - Chi uy vien.",
            "- Co mat 13/15 dong chi. Vang: dong chi Tran Van Toi (di cong tac).",
            "Dong chi Nguyen Van Hai: nhat tri voi bao cao, de nghi bo sung so lieu quy III.",
        ]
    )
    names = {p.name for p in facts_of(text).attendees}
    assert names <= {"Pham Thi Thu Ha", "Vu Duc Thang"}


def test_absentees_listed_without_an_honorific() -> None:
    facts = facts_of(
        minutes(
            "Thành phần: Đảng viên chi bộ: 11 đ/c; có mặt 9 đ/c; vắng 02 đ/c: Nguyễn Văn Toàn "
            "(đi học), Lê Thị Ngân (không lý do).",
        )
    )
    assert [(a.name, a.excused, a.reason) for a in facts.absentees] == [
        ("Nguyễn Văn Toàn", True, "đi học"),
        ("Lê Thị Ngân", False, None),
    ]


def test_chair_and_secretary_introduced_with_la() -> None:
    facts = facts_of(
        minutes(
            "Chủ trì là đồng chí Trương Quốc Bảo, Bí thư chi bộ; thư ký là đồng chí Lại Thị Hồng "
            "Nhung, chi ủy viên. Có mặt 9/10 đảng viên."
        )
    )
    assert facts.chair is not None and facts.chair.name == "Trương Quốc Bảo"
    assert facts.secretary is not None and facts.secretary.name == "Lại Thị Hồng Nhung"


def test_presidium_listed_after_gom_names_the_chair_first() -> None:
    facts = facts_of(
        minutes(
            "Đồng chí Mạc Thị Hà, Phó Bí thư, giới thiệu Đoàn Chủ tịch gồm: đồng chí Kiều Văn Lộc "
            "(Bí thư) chủ trì, đồng chí Mạc Thị Hà; Thư ký đại hội là đồng chí Ông Thị Lụa.",
            title="BIÊN BẢN ĐẠI HỘI CHI ĐOÀN",
        )
    )
    assert facts.chair is not None and facts.chair.name == "Kiều Văn Lộc"
    assert facts.secretary is not None and facts.secretary.name == "Ông Thị Lụa"


def test_a_middle_name_typed_in_lower_case() -> None:
    facts = facts_of(minutes("Chủ trì đ/c Hoàng văn Sơn - BT chi bộ, thư ký đ/c Lê thị Mai."))
    assert facts.chair is not None and facts.chair.name == "Hoàng văn Sơn"
    assert facts.secretary is not None and facts.secretary.name == "Lê thị Mai"


def test_a_given_name_wrapped_alone_onto_the_next_line() -> None:
    facts = facts_of(
        minutes("Chủ trì: thầy Vũ Đức Long, tổ trưởng. Thư ký: cô Đào Thị Thanh\nXuân.")
    )
    assert facts.secretary is not None and facts.secretary.name == "Đào Thị Thanh Xuân"


def test_team_notes_list_attendees_by_name_with_roles() -> None:
    facts = facts_of(
        "# Họp team Kho vận tuần 12\n\n"
        "**Thời gian:** 18/03/2026, 9:00 – 9:40\n"
        "**Có mặt:** chị Hằng (lead, chủ trì), Tuấn (BA, note), Vy (QA), Lộc (Dev)\n"
        "**Vắng:** Sơn (nghỉ phép)\n\n"
        "## 1. Tiến độ\n- Tuấn: xong phần nhập kho.\n"
    )
    assert facts.chair is not None and facts.chair.name == "Hằng"
    assert facts.secretary is not None and facts.secretary.name == "Tuấn"
    assert (facts.total, facts.present, facts.absent) == (5, 4, 1)


def test_a_sentence_after_the_present_label_is_no_name_list() -> None:
    facts = facts_of(minutes("Có mặt: hầu hết các đồng chí trong chi bộ, trừ người đi công tác."))
    assert (facts.total, facts.present, facts.absent) == (None, None, None)


@pytest.mark.parametrize(
    "opening",
    [
        "Ok mọi người vào đủ chưa? Tùng đâu rồi?",
        "Ok 9 rưỡi rồi, mình start nha.",
        "agenda: 1/ release, 2/ on-call",
    ],
)
def test_the_one_who_opens_a_team_call_chairs_it(opening: str) -> None:
    text = (
        "Weekly team Kho vận – thứ Hai 09/03/2026\n\n"
        f"[09:00] Nam: {opening}\n"
        "[09:01] Thư: dạ bản 2.7 crash trên Android 9.\n"
        "[09:02] Nam: ok, Thư rollback luôn.\n"
    )
    facts = facts_of(text)
    assert facts.chair is not None and facts.chair.name == "Nam"


def test_times_typed_without_diacritics_under_a_header_with_them() -> None:
    """The header was typed at a desk, the rest on a phone during the meeting."""
    facts = facts_of(
        "\n".join(
            [
                *PHONE_NOTES_HEADER,
                "a Thai: BCH can bau bo sung 1 PCT.",
                "Ket thuc 21h10.",
            ]
        )
    )
    assert (facts.start_time, facts.end_time, facts.kind) == ("19:30", "21:10", "youth_union")


@pytest.mark.parametrize(
    ("header", "title", "kind"),
    [
        # a Markdown heading is the title, not a line of the header
        ("**CHI BỘ KHU DÂN CƯ SỐ 4**", "# BIÊN BẢN HỌP CHI ỦY THÁNG 10/2024", "committee"),
        ("CHI BỘ PHÒNG KIỂM TRA", "BIÊN BẢN SINH HOẠT CHI BỘ THEO CHUYÊN ĐỀ", "chi_bo_thematic"),
    ],
)
def test_meeting_kind_from_the_title(header: str, title: str, kind: str) -> None:
    facts = facts_of(
        "\n".join([header, "", title, "", "- Chủ trì: đ/c Nghiêm Xuân Lộc – Bí thư chi bộ"])
    )
    assert facts.kind == kind


def test_notes_that_open_with_the_meeting_and_list_members_without_honorifics() -> None:
    """No "BIÊN BẢN" title: the first line says which meeting it is. Full names listed after
    "Có mặt:" with their roles in brackets are attendees, a Hmong or an unlisted family name
    included ("Vàng Seo Chẩu", "Ung Thị Lựu")."""
    facts = facts_of(
        "\n".join(
            [
                "Họp chi ủy thôn Lũng Cáo – tối 09/01/2025, 19h00, nhà Bí thư.",
                "Có mặt: Vàng Seo Chẩu (Bí thư), Nông Văn Thiện (Phó bí thư), Ung Thị Lựu "
                "(chi hội trưởng phụ nữ). Vắng: Lầu A Sểnh, đi học.",
                "Bí thư: Bắt đầu nhé. Hôm nay ba việc.",
            ]
        )
    )
    assert facts.kind == "committee"
    assert [(p.name, p.role) for p in facts.attendees] == [
        ("Vàng Seo Chẩu", "Bí thư"),
        ("Nông Văn Thiện", "Phó bí thư"),
        ("Ung Thị Lựu", "chi hội trưởng phụ nữ"),
    ]


def test_a_health_workers_title_before_the_name_is_not_part_of_it() -> None:
    facts = facts_of(
        "TRẠM Y TẾ XÃ HƯƠNG LÂM - BIÊN BẢN HỌP CHUYÊN MÔN THÁNG 5/2025. Chủ trì: BS Trương Công "
        "Lộ, trạm trưởng; thư ký: NHS Lê Thị Thùy Vy. Có mặt 7/8 người."
    )
    assert facts.secretary is not None and facts.secretary.name == "Lê Thị Thùy Vy"
    assert facts.kind == "professional_group"


@pytest.mark.parametrize(
    ("line", "total", "present"),
    [
        ("Thành viên Ban Chỉ huy dự 19/23", 23, 19),
        ("Số hộ đến họp: 47/62 hộ.", 62, 47),
        ("BCH 13 đ/c, có mặt 11. Vắng: Chu Thị Hoa (đi tập huấn), Hứa Văn Pha (ko báo)", 13, 11),
        ("Tổ mình 21 hộ, bữa nay có mặt 13.", 21, 13),
    ],
)
def test_attendance_counts_said_in_other_words(line: str, total: int, present: int) -> None:
    facts = facts_of(minutes(line, "I. NỘI DUNG", "Đồng chí Hà Văn Lực báo cáo tình hình."))
    assert (facts.total, facts.present, facts.absent) == (total, present, total - present)


def test_hurried_notes_header() -> None:
    """ "BB HOP BCH" is the title; "Tg:" the time, "Ghi BB:" the secretary; a header typed
    without diacritics names a youth union; "Ket thuc 21h05" under a header with them ends it."""
    facts = facts_of(
        "\n".join(
            [
                "DOAN TNCS HO CHI MINH XA BANG LANG SON",
                "BCH Đoàn xã",
                "",
                "BB HOP BCH THANG 2/2026",
                "",
                "- Tg: 19h30 t5 26/2/2026, p.họp tầng 2 UBND xã",
                "- BCH 13 đ/c, có mặt 11. Vắng: Chu Thị Hoa (đi tập huấn), Hứa Văn Pha (ko báo)",
                "- Chủ trì: Nông Đức Khoa (BT). Ghi BB: Lăng Thị Thu Thảo (PBT)",
                "",
                "1. RA QUÂN THÁNG THANH NIÊN",
                "- a Khoa: ra quân sáng CN 1/3 tại sân nhà văn hóa thôn Bản Chạc.",
                "",
                "Ket thuc 21h05.",
            ]
        )
    )
    assert (facts.kind, facts.start_time, facts.end_time) == ("youth_union", "19:30", "21:05")
    assert facts.secretary is not None and facts.secretary.name == "Lăng Thị Thu Thảo"
    assert (facts.total, facts.present, facts.absent) == (13, 11, 2)


@pytest.mark.parametrize(
    ("head", "secretary"),
    [
        # a role "ghi" after the name, or a label "ghi:"
        ("Có mặt: Vàng Seo Chẩu (Bí thư), Nông Văn Thiện (Phó bí thư, ghi).", "Nông Văn Thiện"),
        (
            "**Dự:** Tô Quang Hiệp (tổ trưởng, chủ trì), Bế Thu Hằng (ghi), Đặng Ngọc Sỹ.",
            "Bế Thu Hằng",
        ),
        ("chủ trì: anh Nghiêm Văn Khởi (tổ trưởng CĐ)     ghi: Trang (QC)", "Trang"),
        # who typed the recording out
        (
            "[Ghi âm họp tổ, tối thứ Bảy 16/8/2025, tại nhà anh Ba Thành. Út Hồng gõ lại.]",
            "Út Hồng",
        ),
        ("Bản ghi do Nhàn gỡ từ Teams, sửa lỗi nhận dạng, giữ nguyên lời nói.", "Nhàn"),
        # a one-letter honorific with a dot
        ("chu tri: a. Giap Van Hung (bi thu) - thu ky: c. Than Thi Thu", "Than Thi Thu"),
    ],
)
def test_the_secretary_named_in_other_words(head: str, secretary: str) -> None:
    from analyzer.lexicon import fold

    text = f"{head}\n\nI. NỘI DUNG\n" + "Đồng chí Hà Văn Lực báo cáo tình hình tháng 3. " * 8
    facts = facts_of(fold(text) if head.isascii() else text)
    assert facts.secretary is not None and facts.secretary.name == secretary


def test_untangling_is_not_typing_out() -> None:
    from analyzer.facts import _typist

    assert _typist("Đ/c Hùng gỡ khó cho các hộ kinh doanh.", 100) is None
    typist = _typist("Bản ghi do Nhàn gỡ từ Teams.", 100)
    assert typist is not None and typist.name == "Nhàn"
