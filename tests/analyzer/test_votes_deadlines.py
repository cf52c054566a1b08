"""Vote counts and deadlines: phrasing tables from DOMAIN.md."""

from __future__ import annotations

import datetime as dt

import pytest

from analyzer.deadlines import find_deadline
from analyzer.votes import digitised, parse_vote, spoken_number

VOTES = [
    ("biểu quyết 15/15 đồng chí tán thành (100%)", (15, 0, 0, 15, 100.0, "unspecified")),
    ("Biểu quyết: 12/14 đồng chí có mặt tán thành", (12, None, None, 14, 85.7, "unspecified")),
    ("Tán thành: 10; không tán thành: 1; không ý kiến: 1", (10, 1, 1, 12, 83.3, "unspecified")),
    (
        # V3 of the annotation guide: 8 + 1 = 9, so nobody abstained.
        "Kết quả bỏ phiếu kín: 8/9 phiếu đồng ý, 1 phiếu không đồng ý",
        (8, 1, 0, 9, 88.9, "secret_ballot"),
    ),
    (
        "100% đảng viên có mặt biểu quyết tán thành bằng hình thức giơ tay",
        (9, 0, 0, 9, 100.0, "show_of_hands"),
    ),
    ("ai đồng ý giơ tay, 7 trên 8 đồng ý", (7, None, None, 8, 87.5, "show_of_hands")),
    (
        "Chi bộ bỏ phiếu kín, không công bố số phiếu",
        (None, None, None, None, None, "secret_ballot"),
    ),
    # notes in a hurry: "PH" (phụ huynh), "ko" (không), "giơ" without "tay"
    ("Biểu quyết mức quỹ: 7/9 đồng ý, 2 PH không đồng ý", (7, 2, 0, 9, 77.8, "unspecified")),
    ("cho giơ tay mức 40k: 5/9 giơ tay, 4 người ko giơ", (5, 0, 4, 9, 55.6, "show_of_hands")),
    # one option of several: the hands it received, of the members present
    ("Phương án 1: 6 bạn", (6, None, None, 9, 66.7, "unspecified")),
    ("HTTNV 7 phiếu (87,5%), 1 phiếu để trống", (7, 0, 1, 8, 87.5, "unspecified")),
    ("mức quỹ: 7/9 PH giơ tay đồng ý, 2 PH ko ý kiến", (7, 0, 2, 9, 77.8, "show_of_hands")),
    # households raising hands in a residential group, more than the 9 present of the fixture
    ("31 hộ anh ạ", (31, None, None, None, None, "unspecified")),
]


@pytest.mark.parametrize(("text", "expected"), VOTES)
def test_vote_counts(text: str, expected: tuple[object, ...]) -> None:
    got = parse_vote(text, present=9)
    assert (got.votes_for, got.against, got.abstain, got.total, got.percent, got.method) == expected


# Counts said aloud in transcripts and written without a "tán thành" (guide rules V1–V4);
# 9 members present.
SPOKEN_AND_BARE_VOTES = [
    ("13 trên 13, trăm phần trăm", (13, 0, 0, 13)),
    ("mười hai trên mười ba đồng chí, một đồng chí không đồng ý", (12, 1, 0, 13)),
    ("hai mươi mốt trên hai mươi lăm bạn đồng ý", (21, None, None, 25)),
    ("7 trên 8, anh Khải không đồng ý", (7, 1, 0, 8)),
    ("tất cả giơ tay", (9, 0, 0, 9)),
    ("Tất cả các đồng chí đều nhất trí", (9, 0, 0, 9)),
    ("9 trên 9 đồng chí có mặt giơ tay, không ai không đồng ý", (9, 0, 0, 9)),
    ("8 đồng chí. Còn một đồng chí chưa giơ tay", (8, 0, 1, 9)),
    ("Dạ có 23 trên 25 bạn đồng ý, 2 bạn online không biểu quyết, đạt 92%", (23, 0, 2, 25)),
    ("đại hội biểu quyết 17/17", (17, 0, 0, 17)),
    ("Biểu quyết 5/6, 1 đ/c không biểu quyết", (5, 0, 1, 6)),
    ("Nguyễn Văn A | HTTNV | 8/10 | HTTNV", (8, None, None, 10)),
    ("Lê Quang Vũ: 16 phiếu (94,12%)", (16, None, None, 17)),
    ("Biểu quyết thông qua nghị quyết tháng 4/2023: 9/9 đồng chí có mặt nhất trí", (9, 0, 0, 9)),
    ("Ngày 16/11 tổ chức hiến máu", (None, None, None, None)),
    ("năm 2024 có năm người tham gia", (None, None, None, None)),
]


@pytest.mark.parametrize(("text", "expected"), SPOKEN_AND_BARE_VOTES)
def test_spoken_and_bare_vote_counts(text: str, expected: tuple[object, ...]) -> None:
    got = parse_vote(text, present=9)
    assert (got.votes_for, got.against, got.abstain, got.total) == expected


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("một", 1),
        ("mười", 10),
        ("mười hai", 12),
        ("mười lăm", 15),
        ("hai mươi", 20),
        ("hai mươi mốt", 21),
        ("hai mươi tư", 24),
        ("ba mươi lăm", 35),
        ("một trăm linh năm", 105),
        ("hai nghìn hai mươi lăm", 2025),
        ("hai nghìn không trăm hai mươi lăm", 2025),
        ("nghìn", None),
        ("mốt", None),
        ("mười mười", None),
        ("lăm", None),
    ],
)
def test_spoken_numbers(words: str, value: int | None) -> None:
    assert spoken_number(words) == value


def test_numbers_said_in_words_are_written_in_digits_with_their_offsets() -> None:
    text = "ngày mùng sáu tháng ba năm hai nghìn hai mươi lăm, có mặt mười ba, không ai vắng"
    digits, back = digitised(text)
    assert digits == "ngày mùng 6 tháng 3 năm 2025, có mặt 13, không ai vắng"
    assert len(back) == len(digits) + 1
    year = digits.index("2025")
    assert text[back[year] :].startswith("hai nghìn hai mươi lăm")
    assert back[digits.index(", có")] == text.index(", có")


MEETING = dt.date(2024, 3, 15)  # a Friday

DEADLINES = [
    (
        "Giao đồng chí Minh hoàn thành trước ngày 30/6/2024",
        "trước ngày 30/6/2024",
        dt.date(2024, 6, 30),
    ),
    ("xong trước 30/6", "trước 30/6", dt.date(2024, 6, 30)),
    ("báo cáo trước ngày 5 tháng 4", "trước ngày 5 tháng 4", dt.date(2024, 4, 5)),
    ("thực hiện trong tháng 7", "trong tháng 7", dt.date(2024, 7, 31)),
    ("thu xong cuối tháng này", "cuối tháng này", dt.date(2024, 3, 31)),
    ("hoàn thành trong quý III", "trong quý III", dt.date(2024, 9, 30)),
    ("nộp hồ sơ chiều thứ Bảy", "chiều thứ Bảy", dt.date(2024, 3, 16)),
    ("gửi lại thứ sáu tuần sau", "thứ sáu tuần sau", dt.date(2024, 3, 22)),
    ("hoàn thành trong 10 ngày", "trong 10 ngày", dt.date(2024, 3, 25)),
    ("báo cáo trước kỳ sinh hoạt tới", "trước kỳ sinh hoạt tới", None),
    ("trước 15/1", "trước 15/1", dt.date(2025, 1, 15)),
    # The meeting's own day and the next.
    ("gửi minutes lên channel trước trưa nay", "trước trưa nay", MEETING),
    ("review hết trong hôm nay", "trong hôm nay", MEETING),
    ("báo lại group ngày mai", "ngày mai", dt.date(2024, 3, 16)),
    ("cắm biển cảnh báo ngay trong ngày mai", "ngày mai", dt.date(2024, 3, 16)),
    # A day that comes back every week is no deadline.
    ("gửi thực đơn lên nhóm Zalo sáng thứ Hai hằng tuần", "sáng thứ Hai hằng tuần", None),
    ("trực cổng vào thứ Sáu hàng tuần", "thứ Sáu hàng tuần", None),
    # A date said to be due beats an earlier one that is not.
    ("mượn bể bơi đợt 15/6-30/6, nộp trước 25/5", "trước 25/5", dt.date(2024, 5, 25)),
    # Without a date written, the phrase said to be due beats an earlier one that is not.
    (
        "lập dự trù đủ dùng đến hết quý II, gửi khoa Dược chậm nhất thứ Hai tuần sau",
        "thứ Hai tuần sau",
        dt.date(2024, 3, 18),
    ),
    ("phát hành PO trong hôm nay, xin họ giao đợt đầu trước thứ Bảy", "trong hôm nay", MEETING),
]


@pytest.mark.parametrize(("text", "phrase", "date"), DEADLINES)
def test_deadlines(text: str, phrase: str, date: dt.date | None) -> None:
    found = find_deadline(text, MEETING)
    assert found is not None
    assert (found.text, found.date) == (phrase, date)
    assert text[found.start : found.end] == found.text


def test_relative_deadline_without_meeting_date_keeps_the_phrase() -> None:
    found = find_deadline("hoàn thành cuối tháng", None)
    assert found is not None and found.date is None and found.text == "cuối tháng"


def test_absent_today_is_not_a_deadline() -> None:
    assert find_deadline("Đồng chí Út vắng hôm nay thì tôi thông báo lại", MEETING) is None


def test_no_deadline() -> None:
    assert find_deadline("Giao đồng chí Minh theo dõi việc này", MEETING) is None


@pytest.mark.parametrize("mode", [True, "mixed"])
def test_deadlines_typed_without_diacritics(mode: bool | str) -> None:
    """What the rules look up in the words they matched is read without diacritics too."""
    from analyzer.accents import folded_patterns

    meeting = dt.date(2025, 3, 10)  # a Monday
    with folded_patterns(mode):
        within = find_deadline("lam xong trong 3 ngay", meeting)
        friday = find_deadline("nop truoc thu Sau tuan sau", meeting)
    assert within is not None and within.date == dt.date(2025, 3, 13)
    assert friday is not None and friday.date == dt.date(2025, 3, 21)
