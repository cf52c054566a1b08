"""Vote counts and deadlines: phrasing tables from DOMAIN.md."""

from __future__ import annotations

import datetime as dt

import pytest

from analyzer.deadlines import find_deadline
from analyzer.votes import parse_vote

VOTES = [
    ("biểu quyết 15/15 đồng chí tán thành (100%)", (15, 0, 0, 15, 100.0, "unspecified")),
    ("Biểu quyết: 12/14 đồng chí có mặt tán thành", (12, None, None, 14, 85.7, "unspecified")),
    ("Tán thành: 10; không tán thành: 1; không ý kiến: 1", (10, 1, 1, 12, 83.3, "unspecified")),
    (
        "Kết quả bỏ phiếu kín: 8/9 phiếu đồng ý, 1 phiếu không đồng ý",
        (8, 1, None, 9, 88.9, "secret_ballot"),
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
]


@pytest.mark.parametrize(("text", "expected"), VOTES)
def test_vote_counts(text: str, expected: tuple[object, ...]) -> None:
    got = parse_vote(text, present=9)
    assert (got.votes_for, got.against, got.abstain, got.total, got.percent, got.method) == expected


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


def test_no_deadline() -> None:
    assert find_deadline("Giao đồng chí Minh theo dõi việc này", MEETING) is None
