"""Deadlines of action items: the phrase as written and, when possible, an ISO date.

Absolute dates ("trước ngày 30/6/2024", "ngày 5 tháng 7") are read directly; a missing year is
the meeting's year. Relative phrases are resolved against the meeting date: "cuối tháng" (this
month), "trong tháng 7", "quý III", "cuối năm", "tuần sau", "thứ Sáu tuần này", "trong 10 ngày".
Phrases that name no date ("trước kỳ sinh hoạt tới") keep the phrase with no date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from analyzer.accents import rx
from analyzer.lexicon import fold

_I = re.I
_LEAD = r"(?:trước|chậm[ \t]+nhất(?:[ \t]+là)?|hạn(?:[ \t]+chót)?|trong|đến|tới|vào|cuối|đầu|giữa)?"
_ABS_WORDS = re.compile(
    _LEAD + r"[ \t]*(?:ngày[ \t]*)?(\d{1,2})[ \t]*tháng[ \t]*(\d{1,2})(?:[ \t]*năm[ \t]*(\d{4}))?",
    _I,
)
_ABS_NUM = re.compile(
    _LEAD + r"[ \t]*(?:ngày[ \t]*)?(?<![\d/])(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2,4}))?(?![\d/])",
    _I,
)
_QUARTER = re.compile(
    r"(?:trong[ \t]+|hết[ \t]+|cuối[ \t]+)?quý[ \t]+(IV|III|II|I|[1-4])(?:[ \t]*(?:năm[ \t]*|/)?[ \t]*(\d{4}))?",
    _I,
)
_MONTH = re.compile(
    r"(?:trong[ \t]+|cuối[ \t]+|hết[ \t]+|trước[ \t]+|đầu[ \t]+|giữa[ \t]+)?tháng[ \t]+(\d{1,2})(?:[ \t]*(?:năm[ \t]*|/)[ \t]*(\d{4}))?",
    _I,
)
_THIS_MONTH = re.compile(r"(?:trong|cuối|hết)[ \t]+tháng(?:[ \t]+này)?(?![ \t]*\d)", _I)
_NEXT_MONTH = re.compile(r"(?:trong[ \t]+|cuối[ \t]+)?tháng[ \t]+(?:sau|tới)", _I)
_YEAR_END = re.compile(r"(?:cuối|trong|hết)[ \t]+năm(?:[ \t]+(?:nay|này|(\d{4})))?", _I)
_WEEK = re.compile(r"(?:trong|cuối|hết)[ \t]+tuần(?:[ \t]+(này|sau|tới))?|tuần[ \t]+(sau|tới)", _I)
_WEEKDAY = re.compile(
    r"(?:(sáng|chiều|tối)[ \t]+)?(?:ngày[ \t]+)?(thứ[ \t]+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ[ \t]+nhật)(?:[ \t]+(tuần[ \t]+(?:này|sau|tới)))?",
    _I,
)
_WITHIN = re.compile(
    r"trong[ \t]+(?:vòng[ \t]+)?(\d{1,3})[ \t]+(ngày|tuần|tháng)(?:[ \t]+tới)?", _I
)
# The meeting's own day and the next ("gửi trước trưa nay", "báo lại ngày mai").
_TODAY = re.compile(
    r"(?:trong|trước|ngay|xong)[ \t]+hôm[ \t]+nay|(?:trong[ \t]+|trước[ \t]+)?(?:sáng|trưa|chiều|tối)[ \t]+nay|"
    r"(?:ngay[ \t]+)?trong[ \t]+ngày(?![ \t]*(?:\d|mai|kia))",
    _I,
)
_TOMORROW = re.compile(r"(?:ngày|sáng|trưa|chiều|tối)[ \t]+mai(?!\w)", _I)
_DUE = re.compile(r"trước|chậm[ \t]+nhất|hạn|xong|hoàn[ \t]+thành|nộp", _I)
_DUE_WITHIN = re.compile(rf"{_DUE.pattern}|trong", _I)
_NAMED_ONLY = re.compile(
    r"(?:trước|trong|tại|đến)[ \t]+(?:kỳ|buổi|cuộc)[ \t]+(?:sinh[ \t]+hoạt|họp)[^,.;\n]{0,20}|"
    r"(?:ngay|sớm)[ \t]+(?:sau[ \t]+(?:cuộc|buổi)[ \t]+họp|trong[ \t]+tuần)|thường[ \t]+xuyên|(?:hằng|hàng)[ \t]+(?:tháng|tuần|ngày|quý)",
    _I,
)
_EVERY_WEEK = re.compile(r"[ \t]*+,?[ \t]*+(?:hằng|hàng|mỗi|các)[ \t]+tuần(?!\w)", _I)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
# (keys without diacritics: what the text says is looked up folded, as minutes typed without
# them write it)
_WEEKDAYS = {
    "hai": 0,
    "ba": 1,
    "tu": 2,
    "nam": 3,
    "sau": 4,
    "bay": 5,
    "2": 0,
    "3": 1,
    "4": 2,
    "5": 3,
    "6": 4,
    "7": 5,
}


@dataclass(frozen=True)
class Deadline:
    text: str
    start: int
    end: int
    date: dt.date | None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_deadline(
    text: str, meeting: dt.date | None, start: int = 0, end: int | None = None
) -> Deadline | None:
    """The first deadline phrase in ``text[start:end]``, resolved against ``meeting``."""
    end = len(text) if end is None else end
    found: list[tuple[int, int, dt.date | None]] = []
    year = meeting.year if meeting else None
    for pattern in (rx(_ABS_WORDS), rx(_ABS_NUM)):
        for m in pattern.finditer(text, start, end):
            day, month = int(m.group(1)), int(m.group(2))
            y = m.group(3)
            if y:
                full = int(y) + (2000 if len(y) == 2 else 0)
            elif year:
                full = year
            else:
                found.append((m.start(), m.end(), None))
                continue
            when = _safe(full, month, day)
            if when and meeting and not y and when < meeting - dt.timedelta(days=14):
                when = _safe(full + 1, month, day)  # "trước 15/1" written in December
            if when or not y:
                found.append((m.start(), m.end(), when))
    n_absolute = len(found)
    for m in rx(_QUARTER).finditer(text, start, end):
        q = m.group(1).lower()
        quarter = _ROMAN.get(q) or int(q)
        y = int(m.group(2)) if m.group(2) else year
        found.append((m.start(), m.end(), _month_end(y, quarter * 3) if y else None))
    for m in rx(_MONTH).finditer(text, start, end):
        month = int(m.group(1))
        if not 1 <= month <= 12:
            continue
        y = int(m.group(2)) if m.group(2) else year
        if y and meeting and not m.group(2) and month < meeting.month:
            y += 1
        found.append((m.start(), m.end(), _month_end(y, month) if y else None))
    for m in rx(_THIS_MONTH).finditer(text, start, end):
        found.append(
            (m.start(), m.end(), _month_end(meeting.year, meeting.month) if meeting else None)
        )
    for m in rx(_NEXT_MONTH).finditer(text, start, end):
        if meeting:
            nxt = meeting.replace(day=1) + dt.timedelta(days=32)
            found.append((m.start(), m.end(), _month_end(nxt.year, nxt.month)))
        else:
            found.append((m.start(), m.end(), None))
    for m in rx(_YEAR_END).finditer(text, start, end):
        y = int(m.group(1)) if m.group(1) else year
        found.append((m.start(), m.end(), dt.date(y, 12, 31) if y else None))
    for m in rx(_WEEK).finditer(text, start, end):
        which = (m.group(1) or m.group(2) or "này").lower()
        if meeting:
            sunday = meeting + dt.timedelta(days=6 - meeting.weekday())
            found.append(
                (
                    m.start(),
                    m.end(),
                    sunday + dt.timedelta(days=7 if which in ("sau", "tới") else 0),
                )
            )
        else:
            found.append((m.start(), m.end(), None))
    for m in rx(_WEEKDAY).finditer(text, start, end):
        said = fold(m.group(2).lower())
        target = 6 if "chu" in said else _WEEKDAYS.get(said.split()[-1])
        if every := rx(_EVERY_WEEK).match(text, m.end(), end):
            found.append((m.start(), every.end(), None))  # "sáng thứ Hai hằng tuần": no one date
        elif meeting and target is not None:
            ahead = (target - meeting.weekday()) % 7 or 7
            when = meeting + dt.timedelta(days=ahead)
            week = fold(m.group(3).lower()) if m.group(3) else ""
            if ("sau" in week or "toi" in week) and ahead <= (6 - meeting.weekday()):
                when += dt.timedelta(days=7)
            found.append((m.start(), m.end(), when))
        else:
            found.append((m.start(), m.end(), None))
    for m in rx(_WITHIN).finditer(text, start, end):
        n, unit = int(m.group(1)), fold(m.group(2).lower())
        days = n * {"ngay": 1, "tuan": 7, "thang": 30}[unit]
        found.append((m.start(), m.end(), meeting + dt.timedelta(days=days) if meeting else None))
    for m in rx(_TODAY).finditer(text, start, end):
        found.append((m.start(), m.end(), meeting))
    for m in rx(_TOMORROW).finditer(text, start, end):
        found.append((m.start(), m.end(), meeting + dt.timedelta(days=1) if meeting else None))
    for m in rx(_NAMED_ONLY).finditer(text, start, end):
        found.append((m.start(), m.end(), None))
    absolute = [f for f in found[:n_absolute] if f[2] is not None]
    if not found:
        return None

    # An explicit date beats a relative phrase ("quý IV trước ngày 15/12", "thứ Bảy 25/10"), and a
    # date said to be due ("nộp trước 25/5") beats another ("đợt 15/6-30/6"); otherwise the
    # earliest phrase, and at one position the longest.
    def said_due(f: tuple[int, int, dt.date | None], pattern: re.Pattern[str] = _DUE) -> bool:
        return bool(rx(pattern).search(text, max(start, f[0] - 12), f[1]))

    due = [f for f in absolute if said_due(f)]
    if not absolute:
        # "đủ dùng đến hết quý I/2025, gửi khoa Dược chậm nhất thứ Hai tuần sau": the phrase
        # said to be due (or to be done within), when no date is written
        due = [f for f in found if f[2] is not None and said_due(f, _DUE_WITHIN)]
    s, e, when = min(due or absolute or found, key=lambda f: (f[0], -(f[1] - f[0])))
    phrase = text[s:e].strip(" ,.;")
    offset = text.find(phrase, s, e + 1)
    return Deadline(phrase, offset, offset + len(phrase), when)
