"""Meeting facts: title, kind, organisation, date, times, place, chair, secretary, attendance,
absentees and guests, read with patterns over the normalised text.

Each finder returns values with the character span they were read from, so callers can show the
evidence; ``MeetingFacts`` collects them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from analyzer import lexicon
from analyzer.accents import MIXED, folded, folded_patterns, rx
from analyzer.cues import _capitalised_name, _line_end, display_name, is_middle_name
from analyzer.layout import Paragraph
from analyzer.lexicon import UPPER_LETTERS as _UPPER
from analyzer.sections import SectionSpan, title_index

_I = re.I
_S = r"[ \t]+"
_HON = None  # compiled lazily from the lexicon


def _hon() -> str:
    return lexicon.cues().honorific


_DATE_WORDS = re.compile(
    r"(?:ngày|mùng|mồng)[ \t]*(\d{1,2})[ \t]*(?:tháng|/|-)[ \t]*(\d{1,2})[ \t]*(?:năm|/|-)[ \t]*(\d{4})",
    _I,
)
_DATE_NUMERIC = re.compile(
    r"(?<![\d/.\-])(\d{1,2})[ \t]*([/.\-])[ \t]*(\d{1,2})[ \t]*\2[ \t]*(\d{4})(?!\d)"
)
# A date said without its year ("thứ ba 12 tháng 12", "hôm nay mùng 8/10"): the year is then the
# one the text names most often.
_DATE_NO_YEAR = re.compile(
    r"(?:ngày|mùng|mồng|thứ[ \t]+(?:hai|ba|tư|năm|sáu|bảy|[2-7]))[ \t,]*(\d{1,2})[ \t]*"
    r"(?:tháng[ \t]*|/)(\d{1,2})(?![\d/])",
    _I,
)
_YEAR = re.compile(r"(?<![\d/.])(?:19|20)\d\d(?!\d)")
_TIME = (
    r"(?P<h>\d{1,2})[ \t]*(?:giờ|g|h|:)[ \t]*(?:(?P<m>\d{1,2})(?![\d/])[ \t]*(?:phút|p|')?)?"
    r"(?:[ \t]*(?P<period>sáng|trưa|chiều|tối))?(?!\w)"
)
_ENDING = r"(?:kết[ \t]+thúc|bế[ \t]+mạc|(?:họp|sinh[ \t]+hoạt)[ \t]+xong|tan[ \t]+họp)(?!\w)"
_START = re.compile(
    r"(?:vào[ \t]+(?:hồi|lúc)|bắt[ \t]+đầu(?:[ \t]+(?:vào|từ))?(?:[ \t]+(?:hồi|lúc))?|"
    r"(?<!\w)(?:hồi|lúc)|giờ[ \t]+họp[ \t]*:?|hôm[ \t]+nay[ \t]*,?|bây[ \t]+giờ[ \t]+là|(?:^|\n)[ \t]*(?:từ)?|"
    r"(?:thời[ \t]+gian|(?<!\w)tg(?=[ \t]*:))(?:[ \t]*,[ \t]*địa[ \t]+điểm)?[ \t]*(?:họp|sinh[ \t]+hoạt|bắt[ \t]+đầu)?[ \t]*:?[ \t]*"
    r"(?:từ|khai[ \t]+mạc|bắt[ \t]+đầu)?(?:[ \t]+(?:lúc|hồi))?)[ \t]*"
    + _TIME
    # not a recording offset ("00:04:58 Khải: ..."), which has seconds, nor the end
    + r"(?!:\d)(?![ \t]*+[-–:,]?[ \t]*+"
    + _ENDING
    + r")",
    _I,
)
_END = re.compile(_ENDING + r"[^.\n\d]{0,25}?(?:(?:vào[ \t]+)?(?:hồi|lúc)[ \t]*)?" + _TIME, _I)
# Minutes kept like a notebook, each line led by its time: "9h35 kết thúc.", "11h40: bế mạc".
# (Possessive blanks: a long run of them after a time is scanned once.)
_END_LINE = re.compile(
    r"(?:^|\n)[ \t]*+(?P<h>\d{1,2})[ \t]*+(?:giờ|g|h|:)[ \t]*+"
    r"(?:(?P<m>\d{1,2})(?![\d/])[ \t]*+(?:phút|p|')?)?[ \t]*+[-–:,]?[ \t]*+" + _ENDING,
    _I,
)
_CLOCK_RANGE = re.compile(
    r"(?<![\d/.:])(?=\d{1,2}[ \t]*(?:giờ|g|h|:)[ \t]*\d{2}[ \t]*(?:-|–|—|đến)[ \t]*\d)" + _TIME, _I
)
# A clock time right after the meeting's date in the header: "Thứ Hai 07/04/2025, 14:00, Teams".
_DATE_THEN_TIME = re.compile(
    r"(?<![\d/])\d{1,2}[ \t]*/[ \t]*\d{1,2}[ \t]*/[ \t]*(?:19|20)\d\d[ \t]*[,·–-]?[ \t]*(?:lúc[ \t]+)?"
    + _TIME
    + r"(?!:\d)",
    _I,
)
_RANGE_END = re.compile(r"[ \t]*(?:-|–|—|đến|tới)[ \t]*" + _TIME, _I)
_PLACE_LABEL = re.compile(
    r"địa[ \t]+điểm(?:[ \t]+(?:họp|sinh[ \t]+hoạt|tổ[ \t]+chức))?[ \t]*:[ \t]*([^\n]+)", _I
)
_PLACE_AT = re.compile(
    r"(?<!\w)tại[ \t]+(.+?)(?=,[ \t]*(?:chi[ \t]+bộ|hội|tổ|ban|cuộc|đảng|công[ \t]+đoàn|chi[ \t]+đoàn|đã|"
    r"tiến[ \t]+hành|nhóm|lớp|phòng)|[.;\n]|,[ \t]*ngày)",
    _I,
)
_ORG_LINE = re.compile(
    r"(?:chi[ \t]+bộ|đảng[ \t]+bộ|đảng[ \t]+ủy|trường|công[ \t]+đoàn|chi[ \t]+đoàn|đoàn|hội[ \t]+đồng|"
    r"tổ|công[ \t]+ty|phòng|ubnd|ủy[ \t]+ban|ban|khoa|lớp|nhóm|liên[ \t]+đội|huyện[ \t]+ủy)(?!\w)",
    _I,
)
_NOT_ORG = re.compile(r"cộng[ \t]+hòa|độc[ \t]+lập|đảng[ \t]+cộng[ \t]+sản|^\W*$", _I)
_TOTAL = re.compile(
    r"tổng[ \t]+số(?:[ \t]+[^\W\d_]+){0,6}?[ \t]*(?:là|gồm|có)?[ \t]*:?[ \t]*(\d{1,4})(?![\d/])", _I
)
_PEOPLE = (
    r"đảng[ \t]+viên|đoàn[ \t]+viên|hội[ \t]+viên|thành[ \t]+viên|ủy[ \t]+viên|đồng[ \t]+chí|người|bạn|"
    r"cán[ \t]+bộ|giáo[ \t]+viên|thầy[ \t]+cô|đ/c|hộ"
)
_PRESENT = re.compile(
    r"(?:có[ \t]+mặt|tham[ \t]+dự|dự[ \t]+họp|hiện[ \t]+diện)[ \t]*(?:là|gồm)?[ \t]*[:(]?[ \t]*(\d{1,4})(?:[ \t]*/[ \t]*(\d{1,4}))?|"
    # "Thành phần: 10/11 đ/c", "Dự: 3/3 đ/c": a count after the label only as "present/total".
    # "Thành viên dự 19/23", "Số hộ đến họp: 47/62 hộ" likewise.
    r"(?:thành[ \t]+phần[ \t]*(?:dự[ \t]+họp)?[ \t]*[:(]?|(?<!\w)(?:dự|đến[ \t]+họp|đến[ \t]+dự)[ \t]*:?)"
    r"[ \t]*(\d{1,4})[ \t]*/[ \t]*(\d{1,4})|"
    # Said aloud: "Hôm nay có 5 trên 6 bạn".
    r"(?<!\w)có[ \t]+(\d{1,4})[ \t]*(?:/|trên)[ \t]*(\d{1,4})[ \t]+(?:" + _PEOPLE + r")(?!\w)",
    _I,
)
# Said aloud: "Chi bộ có 14 đảng viên, hôm nay có mặt 13", "Tổ mình 12 người, hôm nay có 11".
_SPOKEN_COUNT = re.compile(
    r"(?<![\d/])(\d{1,4})[ \t]+(?:" + _PEOPLE + r")(?!\w)"
    r"[^\n.;:\d]{0,30}?[,;][ \t]*(?:(?:hôm|sáng|chiều|tối|bữa)[ \t]+nay|hiện[ \t]+nay|hiện|nay|buổi[ \t]+này)?[ \t]*"
    r"(?:(?:có[ \t]+mặt|có|tham[ \t]+dự|dự)[ \t]+)(\d{1,4})(?![\d/])",
    _I,
)
_PRESENT_ALL = re.compile(
    r"có[ \t]+mặt[ \t]+(?:đầy[ \t]+)?đủ|(?:100|100,0)[ \t]*%[ \t]*(?:đảng[ \t]+viên[ \t]+)?có[ \t]+mặt",
    _I,
)
_ABSENT = re.compile(r"vắng(?:[ \t]+mặt)?[ \t]*(?:là)?[ \t]*:?[ \t]*(\d{1,4})(?!\d)", _I)
_ABSENT_BLOCK = re.compile(
    r"vắng(?:[ \t]+mặt)?(?!\w)[^\n]*(?:\n(?![ \t]*(?:\d+[./)]|[IVX]+[./]|[^\n:]{1,30}:))[^\n]*){0,8}",
    _I,
)
# Where a name listed without an honorific may start in an absence list: after ":" or ",".
_LISTED_NAME = re.compile(r"[:,;][ \t]*")
_GUEST_LINE = re.compile(
    r"(?:khách[ \t]+mời|đại[ \t]+biểu(?:[ \t]+cấp[ \t]+trên|[ \t]+tham[ \t]+dự)?|mời[ \t]+dự)[ \t]*:[^\n]*|"
    # Anchored at line starts: unanchored, a long line without the phrase is scanned from every
    # position (quadratic on a document pasted on one line).
    r"^[^\n]*?(?:dự[ \t]+và[ \t]+chỉ[ \t]+đạo|về[ \t]+dự|dự[ \t]+và[ \t]+phát[ \t]+biểu)[^\n]*",
    _I | re.M,
)


@dataclass
class Person:
    name: str
    start: int
    end: int
    role: str | None = None


@dataclass
class AbsenteeFact:
    name: str
    start: int
    end: int
    excused: bool | None
    reason: str | None


@dataclass
class MeetingFacts:
    title: str | None = None
    kind: str = "other"
    organization: str | None = None
    date: dt.date | None = None
    start_time: str | None = None
    end_time: str | None = None
    duration_minutes: int | None = None
    place: str | None = None
    chair: Person | None = None
    secretary: Person | None = None
    total: int | None = None
    present: int | None = None
    absent: int | None = None
    absentees: list[AbsenteeFact] = field(default_factory=list)
    guests: list[Person] = field(default_factory=list)
    attendees: list[Person] = field(default_factory=list)
    # Where each fact was read: field name → (start, end) in the text.
    evidence: dict[str, tuple[int, int]] = field(default_factory=dict)


def parse_date(text: str, pos: int = 0, end: int | None = None) -> tuple[dt.date, int, int] | None:
    """The first valid date at or after ``pos``: (date, start, end)."""
    end = len(text) if end is None else end
    candidates = []
    for pattern in (rx(_DATE_WORDS), rx(_DATE_NUMERIC)):
        for match in pattern.finditer(text, pos, end):
            groups = [g for g in match.groups() if g and g not in "/.-"]
            day, month, year = (int(g) for g in groups)
            try:
                candidates.append((dt.date(year, month, day), match.start(), match.end()))
            except ValueError:
                continue
            break
    return min(candidates, key=lambda c: c[1]) if candidates else None


def _clock(match: re.Match[str]) -> str | None:
    hour = int(match.group("h"))
    minute = int(match.group("m") or 0)
    period = (match.groupdict().get("period") or "").lower()  # a chat stamp has none
    if period in ("chiều", "tối") and hour < 12:
        hour += 12
    if period == "trưa" and hour < 11:
        hour += 12
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _minutes(clock: str) -> int:
    hour, minute = clock.split(":")
    return int(hour) * 60 + int(minute)


def _clean(value: str) -> str:
    return " ".join(value.strip(" \t.;,:-–").split())


def find_facts(text: str, paras: list[Paragraph], sections: list[SectionSpan]) -> MeetingFacts:
    facts = MeetingFacts()
    head_end = _head_region_end(text, sections)
    title_para = title_index(text, paras)
    title_end = _find_title_and_org(text, paras, title_para, facts)
    facts.kind = _find_kind(text, facts.title, head_end, _subtitle(text, title_end))
    _find_times(text, head_end, facts)
    if (facts.start_time is None or facts.end_time is None) and not folded():
        # A header with diacritics over notes typed without them ("Thoi gian: 19h30 toi thu 3",
        # "Ket thuc 21h05"): read again with letters with or without diacritics.
        again = MeetingFacts()
        with folded_patterns(MIXED):
            _find_times(text, head_end, again)
        if (again.start_time, again.end_time).count(None) < (
            facts.start_time,
            facts.end_time,
        ).count(None):
            facts.start_time, facts.end_time = again.start_time, again.end_time
            facts.duration_minutes = again.duration_minutes
            for key in ("start_time", "end_time"):
                facts.evidence.pop(key, None)
                if key in again.evidence:
                    facts.evidence[key] = again.evidence[key]
    _find_date(text, head_end, facts)
    _find_place(text, head_end, facts)
    facts.chair = _find_role_person(text, head_end, _CHAIR_LABEL, r"điều\s+hành")
    facts.secretary = (
        _find_role_person(text, head_end, _SECRETARY_LABEL)
        or _signing_secretary(text)
        or _typist(text, head_end)
    )
    attendance_text_spans = [
        (s.start, s.end) for s in sections if s.kind in ("attendance", "header")
    ]
    if not attendance_text_spans:
        attendance_text_spans = [(0, head_end)]
    _find_attendance(text, attendance_text_spans, facts)
    if facts.total is None and facts.present is None and attendance_text_spans != [(0, head_end)]:
        # The counts on a line the sections did not take for the attendance ("Tổng số đảng viên
        # 15 đ/c, có mặt 12 đ/c" after "Thư ký: ..."): the whole opening part.
        _find_attendance(text, [(0, head_end)], facts)
    # The header and the title name bodies ("ĐOÀN TNCS HỒ CHÍ MINH"; without diacritics "CHI BO
    # PHAN XUONG" reads as "chị Bộ Phận Xưởng"), not people.
    _find_people(text, attendance_text_spans, facts, title_end)
    if facts.start_time is None or facts.date is None or facts.total is None:
        _find_spoken_numbers(text, head_end, attendance_text_spans, facts)
    return facts


def _find_spoken_numbers(
    text: str, head_end: int, spans: list[tuple[int, int]], facts: MeetingFacts
) -> None:
    """Times, the date and the counts said in words, as a transcript typed by speech-to-text
    gives them ("bây giờ là hai giờ chiều ngày mùng sáu tháng ba năm hai nghìn hai mươi lăm")."""
    import bisect

    from analyzer.votes import digitised

    digits, back = digitised(text)
    if digits == text:
        return

    def forward(offset: int) -> int:
        return bisect.bisect_left(back, offset)

    def original(span: tuple[int, int]) -> tuple[int, int]:
        return back[span[0]], back[max(span[0], span[1] - 1)] + 1

    spoken = MeetingFacts()
    _find_times(digits, forward(head_end), spoken)
    _find_date(digits, forward(head_end), spoken)
    _find_attendance(digits, [(forward(a), forward(b)) for a, b in spans], spoken)
    if facts.start_time is None and spoken.start_time:
        facts.start_time, facts.end_time = spoken.start_time, facts.end_time or spoken.end_time
        for key in ("start_time", "end_time"):
            if key in spoken.evidence:
                facts.evidence[key] = original(spoken.evidence[key])
    if facts.date is None and spoken.date:
        facts.date = spoken.date
        facts.evidence["date"] = original(spoken.evidence["date"])
    if facts.total is None and facts.present is None and spoken.total is not None:
        facts.total, facts.present, facts.absent = spoken.total, spoken.present, spoken.absent
        if "attendance" in spoken.evidence:
            facts.evidence["attendance"] = original(spoken.evidence["attendance"])


def _head_region_end(text: str, sections: list[SectionSpan]) -> int:
    """Where the opening part (header, time, place, attendance) ends: at least to the end of its
    last "Chủ trì: ...", "Thư ký: ..." line, which a line read as the start of a report before
    it ("- Đại biểu dự: đồng chí A, Tổ trưởng Tổ công tác triển khai Đề án 06") does not end."""
    limit = max(1500, len(text) // 3)
    end = min(len(text), limit)
    for section in sections:
        if section.kind in ("report", "discussion", "conclusion", "vote"):
            end = max(min(section.start + 400, len(text)), 600) if section.start < limit else limit
            break
    labels = list(rx(_ROLE_LINE).finditer(text, 0, limit))
    return max(end, labels[-1].end()) if labels else end


def _find_title_and_org(
    text: str, paras: list[Paragraph], title_para: int | None, facts: MeetingFacts
) -> int:
    """Set the title and the organisation; return where the title ends (0 without one)."""
    title_end = 0
    header_paras = paras[: title_para if title_para is not None else min(6, len(paras))]
    if title_para is not None:
        parts = [text[paras[title_para].content_start : paras[title_para].end]]
        title_end = paras[title_para].end
        for para in paras[title_para + 1 : title_para + 3]:
            if para.first.marker_kind in ("roman", "arabic"):
                break  # the first heading of the minutes ("I. THỜI GIAN, ĐỊA ĐIỂM")
            body = text[para.content_start : para.end].strip()
            letters = [c for c in body if c.isalpha()]
            upper = letters and sum(c.isupper() for c in letters) / len(letters) > 0.8
            if (upper and len(body) < 150 and ":" not in body) or body.startswith("("):
                parts.append(body)
                title_end = para.end
            else:
                break
        facts.title = _clean(" ".join(parts).replace("**", "").lstrip("#"))
    orgs: list[str] = []
    for para in header_paras:
        body = text[para.content_start : para.end]
        for cell in re.split(
            r"[ \t]{2,}|\t|[ \t]*\|[ \t]*|[ \t]\*[ \t]|\n|[ \t](?=(?:CHI BỘ|CHI ĐOÀN|CÔNG ĐOÀN)[ \t])",
            body,
        ):
            cell = _clean(cell).strip(" *")
            if (
                cell
                and rx(_ORG_LINE).match(cell)
                and not rx(_NOT_ORG).search(cell)
                and len(cell) < 120
            ):
                orgs.append(cell)
    if orgs:
        specific = [
            o for o in orgs if re.match(r"chi[ \t]+bộ|tổ|chi[ \t]+đoàn|nhóm|lớp|phòng|khoa", o, _I)
        ]
        facts.organization = (specific or orgs)[-1]
    return title_end


# The subject of the minutes after the title ("(V/v chuẩn bị sinh hoạt chuyên đề ...)"): what the
# meeting was about, read for the kind only after the title's own words.
_SUBJECT = re.compile(r"[ \t]*(?:\([ \t]*)?(?:v/v|về[ \t]+việc)(?!\w).*", re.I | re.S)


# The line under a title in capitals, in ordinary case and without a colon: "BIÊN BẢN⏎Sinh hoạt
# chi bộ thường kỳ tháng 7/2025", "BIÊN BẢN HỌP CHI BỘ⏎Kiểm điểm, đánh giá, xếp loại ...".
_SUBTITLE = re.compile(r"[ \t]*\n(?:[ \t]*\n)?[ \t]*(?![\dIVX(*#-])([^\n:]{5,120})[ \t]*(?:\n|$)")


def _subtitle(text: str, title_end: int) -> str:
    match = _SUBTITLE.match(text, title_end) if title_end else None
    line = match.group(1).strip() if match else ""
    if not line or len(line.split()) > 15 or line.isupper() or line.endswith((".", ";", ",")):
        return ""  # none, a heading in capitals, or the opening sentence of the minutes
    return line


_COMMITTEE_MEETING = re.compile(r"(?<!\w)(?:họp|hội[ \t]+nghị)[ \t]+(?:chi|cấp)[ \t]+ủy(?!\w)", _I)


def _find_kind(text: str, title: str | None, head_end: int, subtitle: str = "") -> str:
    """The meeting kind from the title and the line under it, else from the opening lines."""
    heading = rx(_SUBJECT).sub("", title) if title else ""
    heading = f"{heading} {subtitle}".strip()
    header = text[: min(head_end, 2000)]
    for source in (heading, title or "", header):
        for kind, pattern in lexicon.meeting_kinds():
            if kind == "committee" and source is header:
                # "ĐẢNG ỦY ..." in any header names the parent body, not the meeting; "Họp chi ủy
                # thôn ..." opening notes without a title names the meeting.
                if rx(_COMMITTEE_MEETING).search(header):
                    return kind
                continue
            if pattern.search(source):
                return kind
    return "other"


def _find_times(text: str, head_end: int, facts: MeetingFacts) -> None:
    # A clock range anywhere in the header ("Cuộc họp Teams · 26/08/2024 · 09:00 – 09:25") when
    # no phrase introduces the start.
    start = (
        rx(_START).search(text, 0, head_end)
        or rx(_CLOCK_RANGE).search(text, 0, head_end)
        or rx(_DATE_THEN_TIME).search(text, 0, head_end)
    )
    if start and (clock := _clock(start)):
        facts.start_time = clock
        facts.evidence["start_time"] = start.span()
        rng = rx(_RANGE_END).match(text, start.end())
        if rng and (end_clock := _clock(rng)):
            facts.end_time = end_clock
            facts.evidence["end_time"] = rng.span()
    tail_from = max(0, len(text) - max(3000, len(text) // 3))
    ends = sorted(
        [*rx(_END).finditer(text, tail_from), *rx(_END_LINE).finditer(text, tail_from)],
        key=lambda match: match.start(),
    )
    if ends and (clock := _clock(ends[-1])):
        facts.end_time = clock
        facts.evidence["end_time"] = ends[-1].span()
    if facts.start_time is None:
        _chat_times(text, facts)
    if facts.start_time and facts.end_time:
        minutes = _minutes(facts.end_time) - _minutes(facts.start_time)
        if minutes <= 0 and _minutes(facts.end_time) < 12 * 60:
            minutes += 12 * 60  # "2 giờ 30" written for the afternoon
            facts.end_time = f"{int(facts.end_time[:2]) + 12:02d}{facts.end_time[2:]}"
        facts.duration_minutes = minutes if 0 < minutes <= 16 * 60 else None


# A chat log's clock stamp at the start of a line: "[09:12] Minh: ...".
_CHAT_STAMP = re.compile(r"^[ \t]*(\[(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)\])[ \t]+\S", re.M)
_MIN_STAMPS = 3


def _chat_times(text: str, facts: MeetingFacts) -> None:
    """A chat log without a stated time runs from its first stamp to its last. Stamps before
    05:00 are a recording's minutes and seconds ("[00:09]"), not the time of day; stamps that go
    back in time are not a log's either."""
    stamps = list(_CHAT_STAMP.finditer(text))
    minutes = [int(m.group("h")) * 60 + int(m.group("m")) for m in stamps]
    if len(stamps) < _MIN_STAMPS or minutes[0] < 5 * 60 or minutes != sorted(minutes):
        return
    first, last = stamps[0], stamps[-1]
    facts.start_time = _clock(first)
    facts.evidence["start_time"] = first.span(1)
    if facts.end_time is None and minutes[-1] > minutes[0]:
        facts.end_time = _clock(last)
        facts.evidence["end_time"] = last.span(1)


def _find_date(text: str, head_end: int, facts: MeetingFacts) -> None:
    opening = rx(_START).search(text, 0, head_end)
    if opening:
        found = parse_date(text, opening.start(), min(len(text), opening.end() + 120))
        if found:
            facts.date = found[0]
            facts.evidence["date"] = found[1:]
            return
    found = parse_date(text, 0, head_end) or parse_date(text, 0, min(len(text), 4000))
    if found:
        facts.date = found[0]
        facts.evidence["date"] = found[1:]
        return
    spoken = rx(_DATE_NO_YEAR).search(text, 0, head_end)
    years = [int(y) for y in rx(_YEAR).findall(text)]
    if spoken and years:
        year = max(set(years), key=lambda y: (years.count(y), -years.index(y)))
        try:
            facts.date = dt.date(year, int(spoken.group(2)), int(spoken.group(1)))
        except ValueError:
            return
        facts.evidence["date"] = spoken.span()


def _find_place(text: str, head_end: int, facts: MeetingFacts) -> None:
    label = rx(_PLACE_LABEL).search(text, 0, head_end)
    if label:
        facts.place = _clean(_close_parenthesis(text, label.start(1), label.end(1)))
        facts.evidence["place"] = label.span()
        return
    opening = rx(_START).search(text, 0, head_end)
    window_start = opening.start() if opening else 0
    at = rx(_PLACE_AT).search(text, window_start, min(len(text), window_start + 400))
    if at:
        facts.place = _clean(_close_parenthesis(text, at.start(1), at.end(1)))
        facts.evidence["place"] = at.span(1)


def _close_parenthesis(text: str, start: int, end: int) -> str:
    """Extend a value cut by a hard wrap inside parentheses to the closing one."""
    value = text[start:end]
    if value.count("(") > value.count(")"):
        close = text.find(")", end, end + 200)
        if close > 0:
            return " ".join(text[start : close + 1].split())
    return value


def _person_after(text: str, pos: int, end: int) -> Person | None:
    """A name after ``pos`` (with or without an honorific) and a role after a dash or comma."""
    # (or a one-letter honorific with a dot in hurried notes: "thu ky: c. Than Thi Thu")
    match = _local_compile(rf"[ \t]*(?:(?:{_hon()})(?!\w)\.?[ \t]*|(?-i:[ac])\.[ \t]*)?", _I).match(
        text, pos, end
    )
    name_pos = match.end() if match else pos
    title = _title_pattern().match(text, name_pos, end)
    if title and text[title.end() : title.end() + 1].isupper():
        name_pos = title.end()  # "Thư ký: CNĐD Lã Thị Diệu Linh"
    named = _capitalised_name(text, name_pos, end)
    if not named:
        # A misspelt honorific ("đồng trí Hồ Sỹ Toàn"): at most two lower-case words before it.
        cursor = name_pos
        for _ in range(2):
            word = _local_compile(r"[ \t]*([^\W\d_]+)[ \t]+").match(text, cursor, end)
            if not word or not word.group(1).islower():
                return None
            cursor = word.end()
            named = _capitalised_name(text, cursor, end)
            if named:
                break
        if not named or len(named[0].split()) < 2:
            return None
        name_pos = cursor
    name, name_end = named
    role = None
    role_match = _local_compile(r"[ \t]*(?:[-–—,(][ \t]*)([^\n;()]{1,80})").match(
        text, name_end, end
    )
    if role_match:
        role = (
            _clean(
                re.split(r",?[ \t]*(?:dự[ \t]+và|về[ \t]+dự|dự[ \t]+họp)", role_match.group(1))[0]
            )
            or None
        )
    return Person(display_name(name), name_pos, name_end, role)


_CHAIR_LABEL = r"chủ\s+(?:trì|tọa)|đoàn\s+chủ\s+tịch|chủ\s+tịch\s+đoàn"
# A transcript's typist is its secretary: "Gỡ băng: ...", "Ghi âm, gõ lại: ...".
_SECRETARY_TITLE = r"thư\s+k[ýí]"
_SECRETARY_LABEL = rf"{_SECRETARY_TITLE}|ghi\s+biên\s+bản|ghi\s+bb|ghi(?=[ \t]*[:)])|ghi\s+chép|note(?:\s+taker)?|người\s+ghi|(?:người\s+)?gỡ\s+băng|ghi\s+âm(?:[ \t]*,[ \t]*gõ\s+lại)?"
# A line that opens with "Chủ trì:" or "Thư ký:" (after a list marker), to its end.
_ROLE_LINE = re.compile(
    rf"^[ \t]*(?:[-+•*]|\d{{1,2}}[./)])?[ \t]*(?:{_CHAIR_LABEL}|{_SECRETARY_TITLE})[ \t]*:[^\n]*",
    re.I | re.M,
)
# "Mình là Huỳnh Ngọc Bảo Trâm, bí thư, điều hành": the speaker introduces themself.
_FIRST_PERSON = r"(?<!\w)(?:tôi|mình|em)(?:[ \t]+là)?[ \t]+"


def _title_pattern() -> re.Pattern[str]:
    from analyzer.cues import _patterns

    return _patterns().title


def _find_role_person(text: str, head_end: int, label: str, spoken: str = "") -> Person | None:
    """The person holding a role: after its label ("Chủ trì: đ/c A", "Chủ trì đ/c A"), or named
    with it ("đồng chí B – Bí thư chi bộ, chủ trì", "bạn C làm thư ký", "Tôi là D, chủ trì")."""
    hon = _hon()
    labelled = _local_compile(
        rf"(?<!\w)(?:{label})(?:[ \t]+(?:hội[ \t]+nghị|đại[ \t]+hội|cuộc[ \t]+họp|buổi[ \t]+(?:họp|sinh[ \t]+hoạt)|kỳ[ \t]+họp))?"
        # "Đoàn Chủ tịch (gồm) 03 đ/c: A, B, C": the first of a presidium.
        rf"(?:(?:[ \t]+gồm)?[ \t]+\d{{1,2}}[ \t]+(?:{hon}))?"
        # "Chủ trì là đồng chí A", "Đoàn Chủ tịch gồm: đồng chí B (Bí thư) chủ trì, ..."
        rf"(?:[ \t]+(?:là|gồm)(?!\w))?"
        rf"(?:[ \t]*:|[ \t]+(?=(?:{hon})(?!\w))"
        # "ghi biên bản Thanh Hoài tổ phó": a capitalised name right after the label
        rf"|[ \t]+(?=(?-i:[{_UPPER}])\w*[ \t]+(?-i:[{_UPPER}])))",
        _I,
    )
    for match in labelled.finditer(text, 0, head_end):
        if match.group().isupper() and not match.group().rstrip().endswith(":"):
            continue  # a heading in capitals ("GỠ BĂNG GHI ÂM HỌP HỘI ĐỒNG"), not a label
        window = min(len(text), match.end() + 300)
        line_end = _line_end(text, match.end(), window)
        if line_end < window:
            # A name may be hard-wrapped onto the next line ("Thư ký: đ/c Vũ\nThị Thanh Tâm").
            line_end = _line_end(text, line_end + 1, window)
        person = _person_after(text, match.end(), line_end)
        if person:
            return person
    # The role after the name, within the clause and before anyone else is named.
    # Another person named: an honorific before a capitalised word (without diacritics "chị"
    # and "chi bộ" read alike).
    # So is the next entry of a list of names with their roles ("anh Quân (EM, chủ trì), Diễm
    # (PM, note)").
    listed = rf"(?<=[:,])[ \t]*(?=(?-i:[{_UPPER}])\w*(?:[ \t]+(?-i:[{_UPPER}])\w*){{0,3}}[ \t]*\()"
    # Not a name in brackets right after the first ("ông Huỳnh Văn Lành (ông Hai, chủ cơ sở,
    # chủ trì)"): that is what people call the same person.
    other = rf"(?<!\w)(?<!\()(?<!\([ \t])(?:{hon})(?!\w)\.?[ \t]+(?-i:[{_UPPER}])|,{listed}"
    for opener, role in (
        (rf"(?<!\w)(?:{hon})(?!\w)\.?[ \t]+", label),
        # "PGS.TS Đặng Thị Minh Nguyệt - Bí thư chi bộ, chủ trì": a title instead of "đ/c"
        (rf"(?<!\w)(?:{_title_pattern().pattern})(?=(?-i:[{_UPPER}]))", label),
        (_FIRST_PERSON, f"{label}|{spoken}" if spoken else label),
        (listed, label),
    ):
        role_after = _local_compile(
            rf"(?:(?!{other}|\n[ \t]*\n)[^.;]){{0,80}}?(?:làm|là|,|-|–|\(|[ \t])[ \t]*\n?[ \t]*(?:{role})(?!\w)"
            # not a label for the next person ("ông Tâm tổ trưởng, ghi biên bản Thanh Hoài")
            rf"(?![ \t]*:?[ \t]*(?:(?:{hon})[ \t]+)?(?-i:[{_UPPER}]))",
            _I,
        )
        for match in _local_compile(opener, _I).finditer(text, 0, head_end):
            named = _wrapped_name(text, match.end(), head_end)
            if named and role_after.match(text, named[1], head_end):
                return Person(display_name(named[0]), match.end(), named[1])
    return None


# Who typed a recording out: "Út Hồng gõ lại", "Bản ghi do Nhàn gỡ từ Teams", "Nhi note minutes".
_TYPED = re.compile(
    r"(?<!\w)(?:gõ|gỡ(?=[ \t]+(?:từ|lại|băng))|note)(?!\w)", re.I
)  # not "Đ/c Hùng gỡ khó cho ..."
_TYPIST_BEFORE = re.compile(
    rf"(?:^|[\n.\[(;:]|(?<!\w)do)[ \t]*(?:(?:{_hon()})(?!\w)[ \t]+)?"
    rf"((?-i:[{_UPPER}])\w*(?:[ \t]+(?-i:[{_UPPER}])\w*){{0,3}})[ \t]+$",
    re.I,
)


def _typist(text: str, head_end: int) -> Person | None:
    """In a typed-out recording with no secretary named, the one who typed it."""
    for verb in rx(_TYPED).finditer(text, 0, head_end):
        before = text[max(0, verb.start() - 50) : verb.start()]
        named = rx(_TYPIST_BEFORE).search(before)
        if named:
            start = verb.start() - len(before) + named.start(1)
            return Person(display_name(named.group(1)), start, start + len(named.group(1)))
    return None


# The signatures under the minutes: "THƯ KÝ        CHỦ TRÌ⏎(đã ký)⏎Diệp Minh Quân      Lâm Văn Khải".
_SIGNATURE_TAIL = 800
_CELL = re.compile(r"\S+(?:[ \t]\S+)*")  # columns set apart by two blanks or more
_SIGNING_SECRETARY = re.compile(rf"(?:người\s+)?{_SECRETARY_TITLE}|tk", re.I)


def _signing_secretary(text: str) -> Person | None:
    """The name in the secretary's column of the signatures, when the opening names none."""
    tail = max(0, len(text) - _SIGNATURE_TAIL)
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text[tail:])]
    for i, (_, line) in enumerate(lines):
        cells = list(_CELL.finditer(line))
        column = next(
            (k for k, c in enumerate(cells) if _SIGNING_SECRETARY.fullmatch(c.group())), None
        )
        if column is None:
            continue
        for below_offset, below in lines[i + 1 : i + 5]:
            row = list(_CELL.finditer(below))
            if any(c.group().startswith("(") for c in row):
                continue  # "(đã ký)", "(ký, ghi rõ họ tên)"
            if len(row) != len(cells):
                break
            cell = row[column]
            named = _capitalised_name(below, cell.start(), cell.end())
            if named and named[1] == cell.end() and len(named[0].split()) >= 2:
                start = tail + below_offset + cell.start()
                return Person(display_name(named[0]), start, start + len(named[0]))
            break
    return None


def _wrapped_name(text: str, pos: int, end: int) -> tuple[str, int] | None:
    """A capitalised name that may continue after a hard line break ("đ/c Thái Văn⏎Quyết")."""
    named = _capitalised_name(text, pos, end)
    if named and text.startswith("\n", named[1]) and len(named[0].split()) < 4:
        rest = _capitalised_name(text, named[1] + 1, end)
        if rest and len(named[0].split()) + len(rest[0].split()) <= 4:
            return f"{named[0]} {rest[0]}", rest[1]
    return named


def opening_speaker(text: str, turns, attendees: Sequence[Person] = ()) -> Person | None:  # type: ignore[no-untyped-def]
    """In a transcript without a named chair: the speaker who says they chair ("Tôi chủ trì"),
    else the one who opens the meeting ("mình bắt đầu nhé", "xin khai mạc", "tối nay mình bàn
    ba việc") in the first turns. A speaker labelled by a role ("Bí thư:") is the one person
    the list of those present gives that role ("Vàng Seo Chẩu (Bí thư)")."""
    speakers = []
    for turn in turns[:3]:
        cue = turn.cue
        if cue.kind == "person" and cue.name and all(w[:1].isupper() for w in cue.name.split()):
            speakers.append((turn, Person(cue.name, cue.start, cue.end)))
        elif cue.kind == "role" and cue.role:
            holders = [
                person
                for person in attendees
                if person.role and person.role.split(",")[0].strip().lower() == cue.role
            ]
            if len(holders) == 1:
                speakers.append((turn, holders[0]))
    for pattern in (_SELF_CHAIR, _OPENING):
        for turn, person in speakers[:2] if pattern is _OPENING else speakers:
            if rx(pattern).search(text, turn.start, min(turn.end, turn.start + 600)):
                return person
    return None


_SELF_CHAIR = re.compile(
    r"(?<!\w)(?:tôi|mình|em)[ \t]+(?:xin[ \t]+)?(?:chủ[ \t]+trì|điều[ \t]+hành)(?!\w)", re.I
)
_OPENING = re.compile(
    r"(?<!\w)(?:(?:xin[ \t]+phép[ \t]+)?bắt[ \t]+đầu|khai[ \t]+mạc|vào[ \t]+họp|bắt[ \t]+đầu[ \t]+họp|"
    # a team call: "mọi người vào đủ chưa", "mình start nha", "agenda tuần này"
    r"vào[ \t]+đủ[ \t]+chưa|(?:mình|mình[ \t]+cùng|chúng[ \t]+ta)[ \t]+start|agenda"
    # an online call: "mọi người nghe (chị) rõ không?", "các điểm cầu nghe rõ chưa?"
    r"|nghe(?:[ \t]+[^\W\d_]+)?[ \t]+rõ[ \t]+(?:không|chưa)|họp[ \t]+gấp"
    # setting the agenda: "Tối nay Ban chấp hành mình bàn ba việc", "hôm nay họp hai nội dung"
    r"|(?:hôm|tối|sáng|chiều|trưa|bữa)[ \t]+nay(?:[ \t]+[^\W\d_]+){0,5}?[ \t]+(?:bàn|họp|có)"
    r"(?:[ \t]+[^\W\d_]+)?[ \t]+(?:\d+|hai|ba|bốn|năm|mấy)[ \t]+(?:việc|chuyện|nội[ \t]+dung|vấn[ \t]+đề))(?!\w)",
    _I,
)


def _find_attendance(text: str, spans: list[tuple[int, int]], facts: MeetingFacts) -> None:
    totals: list[int] = []
    presents: list[int] = []
    absents: list[int] = []
    for start, end in spans:
        for match in rx(_TOTAL).finditer(text, start, end):
            facts.evidence.setdefault("attendance", match.span())
            totals.append(int(match.group(1)))
        for match in rx(_PRESENT).finditer(text, start, end):
            facts.evidence.setdefault("attendance", match.span())
            present, total = next(match.group(i, i + 1) for i in (1, 3, 5) if match.group(i))
            presents.append(int(present))
            if total:
                totals.append(int(total))
        if not totals:
            spoken = rx(_SPOKEN_COUNT).search(text, start, end)
            if spoken and int(spoken.group(2)) <= int(spoken.group(1)):
                facts.evidence.setdefault("attendance", spoken.span())
                totals.append(int(spoken.group(1)))
                if not presents:
                    presents.append(int(spoken.group(2)))
        for match in rx(_ABSENT).finditer(text, start, end):
            absents.append(int(match.group(1)))
        if rx(_PRESENT_ALL).search(text, start, end) and not presents:
            presents.append(-1)
    if not totals and not presents and not absents:
        # No counts, only lists of names: "Có mặt: anh Quân (EM), Diễm (PM), Khải", "Vắng: Phúc".
        for start, end in spans:
            for match in rx(_NAME_LIST).finditer(text, start, end):
                count = _listed_names(match.group("names"))
                if count:
                    facts.evidence.setdefault("attendance", match.span())
                    (absents if match.group("label").lower().startswith("v") else presents).append(
                        count
                    )
    total = max(totals) if totals else None
    present = sum(presents) if presents and -1 not in presents else None
    if presents == [-1] and total is not None:
        present = total
    absent = sum(absents) if absents else None
    # Counts split over groups ("chính thức ... dự bị ..."): several totals that add up.
    if len(totals) > 1 and present is not None and present > max(totals):
        total = sum(totals)
    if total is None and present is not None and absent is not None:
        total = present + absent
    if absent is None and total is not None and present is not None and total >= present:
        absent = total - present
    if present is None and total is not None and absent is not None and total >= absent:
        present = total - absent
    facts.total, facts.present, facts.absent = total, present, absent


# A line listing who attended or was absent, by name.
_NAME_LIST = re.compile(
    r"^[ \t*#>-]*(?P<label>có[ \t]+mặt|tham[ \t]+dự|dự[ \t]+họp|vắng(?:[ \t]+mặt)?)[ \t*]*:[ \t*]*"
    r"(?P<names>[^\n]+)",
    _I | re.M,
)
_PAREN = re.compile(r"\([^()]*\)")


def _listed_names(names: str) -> int:
    """How many people a comma-separated list names, or 0 when an entry is not a name (a count,
    a sentence)."""
    entries = [e.strip() for e in _PAREN.sub("", names).split(",") if e.strip()]
    honorific = _local_compile(rf"(?:{_hon()})(?!\w)\.?[ \t]+", _I)
    count = 0
    for entry in entries:
        entry = re.split(r"[ \t]+[-–][ \t]", entry)[0]
        lead = honorific.match(entry)
        name = entry[lead.end() :] if lead else entry
        words = name.split()
        if not words or len(words) > 5 or not all(w[0].isupper() for w in words):
            return 0
        count += 1
    return count


def _find_people(
    text: str, spans: list[tuple[int, int]], facts: MeetingFacts, title_end: int = 0
) -> None:
    honorific = _local_compile(rf"(?<!\w)(?:{_hon()})(?!\w)\s+", _I)
    absent_ranges: list[tuple[int, int]] = []
    guest_ranges: list[tuple[int, int]] = []
    for start, end in spans:
        for block in rx(_ABSENT_BLOCK).finditer(text, start, end):
            absent_ranges.append(block.span())
            found = []
            for hon in honorific.finditer(text, block.start(), block.end()):
                named = _capitalised_name(text, hon.end(), block.end())
                if named:
                    found.append((hon.start(), hon.end(), named))
            # Full names listed without an honorific ("vắng 02 đ/c: Nguyễn Văn Toàn (đi học),
            # Lê Thị Ngân (không lý do)").
            for sep in rx(_LISTED_NAME).finditer(text, block.start(), block.end()):
                named = _capitalised_name(text, sep.end(), block.end())
                if (
                    named
                    and _full_name(named[0])
                    and all(not (a <= sep.end() < n[1]) for a, _, n in found)
                ):
                    found.append((sep.start(), sep.end(), named))
            found.sort(key=lambda f: f[1])
            for i, (_, name_start, named) in enumerate(found):
                stop = found[i + 1][0] if i + 1 < len(found) else block.end()
                excused, reason = _reason(text[named[1] : stop])
                facts.absentees.append(
                    AbsenteeFact(display_name(named[0]), name_start, named[1], excused, reason)
                )
        for line in rx(_GUEST_LINE).finditer(text, start, end):
            guest_ranges.append(line.span())
            for hon in honorific.finditer(text, line.start(), line.end()):
                person = _person_after(text, hon.start(), line.end())
                if person:
                    facts.guests.append(person)
        for hon in honorific.finditer(text, max(start, title_end), end):
            if any(a <= hon.start() < b for a, b in absent_ranges + guest_ranges):
                continue
            window = min(end, hon.end() + 300)  # bounded: a document on one line stays linear
            line_end = text.find("\n", hon.end(), window)
            person = _person_after(text, hon.start(), line_end if line_end >= 0 else window)
            if person:
                facts.attendees.append(person)
        _listed_present(text, start, end, absent_ranges + guest_ranges, facts)
        _table_names(text, start, end, [(0, title_end), *absent_ranges, *guest_ranges], facts)


# "Có mặt: Vàng Seo Chẩu (Bí thư), Nông Văn Thiện (Phó bí thư, ghi), ...": full names listed
# without an honorific after the present-list label.
_PRESENT_LIST = re.compile(r"(?:có[ \t]+mặt|dự[ \t]+họp|tham[ \t]+dự)[^\n:.;]{0,30}:", _I)


def _listed_present(
    text: str, start: int, end: int, skip: list[tuple[int, int]], facts: MeetingFacts
) -> None:
    for label in rx(_PRESENT_LIST).finditer(text, start, end):
        line_end = text.find("\n", label.end(), end)
        stop = min([line_end if line_end >= 0 else end] + [a for a, _ in skip if a > label.end()])
        known = {p.name for p in facts.attendees}
        positions = [label.end()] + [
            sep.end() for sep in rx(_LISTED_NAME).finditer(text, label.end(), stop)
        ]
        for pos in positions:
            named = _capitalised_name(text, _SPACES.match(text, pos).end(), stop)
            if named is None or (not _full_name(named[0]) and not _middle_named(named[0])):
                continue
            person = _person_after(text, pos, stop)
            if person is not None and person.name not in known:
                facts.attendees.append(person)
                known.add(person.name)


_SPACES = re.compile(r"[ \t]*")


def _middle_named(name: str) -> bool:
    """Three or four words with a middle name second ("Ung Thị Lựu", "Vàng Seo Chẩu" is caught
    by its family name): a family name the lexicon lacks."""
    words = name.split()
    return 3 <= len(words) <= 4 and is_middle_name(words[1])


_PLACE_DATE = re.compile(r"[ \t]*,[ \t]*ngày(?!\w)", re.I)


def _full_name(name: str) -> bool:
    """Two to five capitalised words opening with a family name: a person written without an
    honorific ("Nguyễn Văn An"), not a capitalised phrase."""
    words = name.split()
    return 2 <= len(words) <= 5 and words[0].lower() in lexicon.cues().family_names


def _table_names(
    text: str, start: int, end: int, skip: list[tuple[int, int]], facts: MeetingFacts
) -> None:
    """Names in attendance tables and lists without honorifics ("1 | Nguyễn Văn An | Bí thư")."""
    cell = _local_compile(r"(?:^|\|)[ \t]*(?:\d{1,3}[ \t]*[.)|]?[ \t]*)?(?=[^\W\d_])", re.M)
    role_pattern = _local_compile(rf"(?:{lexicon.cues().role})(?!\w)", _I)
    for match in cell.finditer(text, start, end):
        pos = match.end()
        if any(a <= pos < b for a, b in skip) or role_pattern.match(text, pos, end):
            continue  # "Phó Bí thư chi bộ" is a role, not Mr Phó Bí
        named = _capitalised_name(text, pos, end)
        if not named:
            continue
        if (
            _full_name(named[0])
            and not text[named[1] : named[1] + 2].lstrip().startswith(":")
            # "Hà Nội, ngày 10 tháng 6 năm 2025": the place of the date line, not a person
            and not rx(_PLACE_DATE).match(text, named[1], end)
        ):
            if any(p.start == pos for p in facts.attendees):
                continue
            role_match = _local_compile(r"[ \t]*[|,\-–][ \t]*([^|\n]{1,60})").match(
                text, named[1], end
            )
            role = _clean(role_match.group(1)) if role_match else None
            facts.attendees.append(Person(display_name(named[0]), pos, named[1], role))


def _reason(segment: str) -> tuple[bool | None, str | None]:
    """Whether an absence was excused, and the reason, from the words after the name."""
    # The reason is the first clause after the name: "(có lý do: đi công tác)", "nghỉ ốm".
    clause = re.split(r"[;.]|,(?![^()]*\))|\)", segment.replace("(", " ", 1), maxsplit=1)[0]
    raw = _clean(" ".join(clause.split()[:12]))
    lowered = raw.lower()
    if re.search(r"không[ \t]+(?:có[ \t]+)?lý[ \t]+do", lowered):
        excused: bool | None = False
    elif re.search(
        r"lý[ \t]+do|ốm|công[ \t]+tác|phép|việc[ \t]+riêng|bệnh|nghỉ|học|thai[ \t]+sản|hiếu|hỷ|điều[ \t]+trị",
        lowered,
    ):
        excused = True
    else:
        excused = None
    reason = re.sub(r"(?:không[ \t]+)?(?:có[ \t]+)?lý[ \t]+do[ \t]*[:\-–,]?", " ", raw, flags=_I)
    reason = _clean(reason)
    return excused, reason or None


def _local_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return rx(re.compile(pattern, flags))
