"""Sections of the minutes: header, attendance, agenda, report, discussion, conclusion, vote,
closing, signatures, other.

Boundaries come from headings (numbered or in capitals, classified by keywords from the
lexicon), from paragraphs that open a part without a heading ("Chi bộ nghe ...", "Cuộc họp kết
thúc ..."), and from speaker cues (the first opinion after a report opens the discussion; the
chair's "kết luận" opens the conclusion).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from analyzer import lexicon
from analyzer.accents import rx
from analyzer.cues import Cue
from analyzer.layout import CLOCK_HEADING, Line, Paragraph, is_heading_like

# The title, also as a Markdown heading or in bold ("# BIÊN BẢN HỌP CHI ỦY", "**BIÊN BẢN**"),
# or shortened in hurried notes ("BB HỌP TỔ CĐ THÁNG 3", "BB HOP BCH", with or without diacritics).
_TITLE = re.compile(
    r"[ \t]*(?:#{1,6}[ \t]+)?(?:\*\*|__)?[ \t]*"
    r"(?:biên[ \t]+bản|(?-i:BB)(?=[ \t]+(?:h[ọo]p|sinh[ \t]+ho[ạa]t)(?!\w)))(?!\w)",
    re.I,
)
_SUBTITLE = re.compile(r"[ \t]*(?:\(|v/v|về việc|kỳ|tháng|quý|năm|chuyên đề|sinh hoạt)", re.I)
_ATTENDANCE_LABEL = re.compile(
    r"[ \t]*(?:thành[ \t]+phần|có[ \t]+mặt|vắng|chủ[ \t]+trì|chủ[ \t]+tọa|thư[ \t]+ký|"
    r"thời[ \t]+gian|địa[ \t]+điểm|tổng[ \t]+số|khách[ \t]+mời|đại[ \t]+biểu|số[ \t]+đảng[ \t]+viên|"
    r"đảng[ \t]+viên|tham[ \t]+dự|dự[ \t]+họp|người[ \t]+dự)(?!\w)",
    re.I,
)
_SIGNATURE = re.compile(
    r"thư[ \t]+ký|chủ[ \t]+trì|chủ[ \t]+tọa|t/m|người[ \t]+ghi|ký[ \t,]+ghi[ \t]+rõ", re.I
)
_CONCLUDING_VERBS = {"kết luận", "tổng kết", "chốt"}
_PRESENTING_VERBS = {
    "trình bày",
    "báo cáo",
    "thông qua",
    "quán triệt",
    "phổ biến",
    "đọc",
    "khai mạc",
    "triển khai",
    "giới thiệu",
    "thông tin",
}


@dataclass(frozen=True)
class SectionSpan:
    kind: str
    title: str | None
    start: int
    end: int


@dataclass
class _Boundary:
    kind: str
    title: str | None
    start: int
    level: int
    number: str | None = None  # "5" for a heading numbered "5." or "5.1."


_NUMBER = re.compile(r"\(?(\d{1,2})(\.\d{1,2})?")


def _number(marker: str | None) -> tuple[str, bool] | None:
    """The part number of a heading's marker, and whether it numbers a sub-part ("5.1.")."""
    match = _NUMBER.match(marker.strip()) if marker else None
    return (match.group(1), match.group(2) is not None) if match else None


def _upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def heading_kind(title: str) -> str | None:
    """The kind whose keyword comes first in the heading ("Kiểm điểm ... nghị quyết": report)."""
    best: tuple[int, int, str] | None = None
    for rank, (kind, pattern) in enumerate(lexicon.cues().section_keywords):
        match = pattern.search(title)
        if match and (best is None or (match.start(), rank) < best[:2]):
            best = (match.start(), rank, kind)
    return best[2] if best else None


def title_index(text: str, paras: list[Paragraph]) -> int | None:
    """Index of the paragraph holding the document title ("BIÊN BẢN ..."), if any."""
    for index, para in enumerate(paras[:40]):
        if rx(_TITLE).match(text, para.content_start, para.end):
            return index
    return None


def header_end(text: str, paras: list[Paragraph]) -> int:
    """Number of leading paragraphs that form the header (organisation, motto, title)."""
    title = title_index(text, paras)
    if title is not None:
        end = title + 1
        while end < len(paras) and end <= title + 3:
            body = text[paras[end].content_start : paras[end].end]
            if paras[end].first.marker_kind is not None:
                break  # "I. CHƯƠNG TRÌNH": the first numbered part, not a subtitle
            if _upper(body) or (
                rx(_SUBTITLE).match(body)
                and len(body) < 120
                and not rx(_ATTENDANCE_LABEL).match(body)
            ):
                end += 1
            else:
                break
        return end
    end = 0
    while end < len(paras) and end < 8:
        body = text[paras[end].content_start : paras[end].end]
        if _upper(body) and paras[end].first.marker_kind is None:
            end += 1
        else:
            break
    return end


def find_sections(text: str, paras: list[Paragraph], cues: dict[int, Cue]) -> list[SectionSpan]:
    """Contiguous sections from the first paragraph to the end of the text."""
    if not paras:
        return []
    boundaries: list[_Boundary] = []
    n_header = header_end(text, paras)
    if n_header:
        boundaries.append(_Boundary("header", None, paras[0].start, 0))
    current: _Boundary | None = boundaries[-1] if boundaries else None
    seen_discussion = False
    openers = lexicon.cues().section_openers
    lead_depth: int | None = None  # the depth of the paragraph ending with ":" before a list
    # The last numbered paragraph of each numbering style ("arabic." / "arabic)" / "roman." /
    # "nội dung"), a part of the minutes or not: (its number, where it starts).
    last_numbered: dict[str, tuple[int, int]] = {}
    people_listed = False  # that paragraph leads in a list of people ("Vắng: 03 đ/c, gồm:")
    for index in range(n_header, len(paras)):
        if current is not None and current.kind == "signatures":
            break  # names, "(đã ký)" and titles under the signatures belong to them
        para = paras[index]
        body = text[para.content_start : para.end]
        first = para.first
        cue = cues.get(index)
        sibling = _next_sibling(first, last_numbered, para.start)
        kind: str | None = None
        title: str | None = None
        level = 99
        if cue is None and is_heading_like(first):
            title = " ".join(first.text.split()).rstrip(":").strip()
            kind = heading_kind(title)
            level = (
                first.level
                if first.marker_kind
                else (1 if _upper(title) or CLOCK_HEADING.match(title) else 5)
            )
            if kind is None and level > 1:
                title = None
            elif kind is None:
                kind = "other"
            numbered = _number(first.marker) if first.marker_kind == "arabic" else None
            if (
                kind is not None
                and current is not None
                and (
                    (
                        level > current.level
                        and (current.kind == kind or kind == "other")
                        and current.kind != "header"  # the header has no parts
                    )
                    # "5.1. Đánh giá chung" under "5. Kết luận của đồng chí chủ trì"
                    or (numbered is not None and numbered[1] and numbered[0] == current.number)
                )
            ):
                kind = None  # a sub-heading inside the current section
            if kind == "signatures" and index < len(paras) * 0.6:
                kind = None
            if level >= 3 and kind not in ("discussion", "conclusion", "vote", "closing"):
                kind = None  # lettered items inside a part are not parts of the minutes
            if kind == "agenda" and seen_discussion:
                kind = None
            if kind is None:
                title = None
            if (
                kind is None
                and sibling is not None
                and current is not None
                and current.title is None
                and current.kind in ("conclusion", "vote")
                and sibling < current.start
            ):
                # "2. CÔNG TRÌNH THANH NIÊN" after the chair's "chốt" on item 1: the next item
                # of a list that began before the conclusion, a new part, not a point of it.
                kind, title, level = "other", " ".join(first.text.split()), first.level
        if (
            kind is None
            and first.marker_kind is None  # "V. KẾT LUẬN CỦA ĐỒNG CHÍ CHỦ TRÌ" is a heading
            and _is_signature(body)
            and index >= len(paras) * 0.6
        ):
            kind, title = "signatures", None
        depth = first.depth
        in_list = lead_depth is not None and first.marker_kind is not None and depth > lead_depth
        listing_people = in_list and people_listed
        if body.rstrip().endswith(":"):
            lead_depth = depth
            people_listed = bool(rx(_PEOPLE_LEAD).search(body))
        elif not in_list:
            lead_depth = None
        if kind is None and cue is None and not in_list:
            # "a) Các ý kiến đều ..." under "... kết luận phần thảo luận:" is a point of the
            # list, not a new part of the minutes.
            for opener_kind, pattern in openers:
                if pattern.match(text, para.content_start, para.end):
                    kind, title = opener_kind, None
                    break
        if (
            kind is None
            and cue is None
            and not seen_discussion
            and (current is None or current.kind in ("header", "attendance", "other"))
            and rx(_ATTENDANCE_LABEL).match(body)
        ):
            kind = "attendance"
        if (
            kind is None
            and cue is not None
            and not (listing_people and current is not None and current.kind == "attendance")
        ):
            # (not "+ Đ/c Trần Văn Lực: đi làm xa, có lý do." in the list of the absent)
            kind = _kind_from_cue(cue, current.kind if current else None)
        if kind is None:
            continue
        if title is None and current is not None and current.kind == kind:
            continue
        boundary = _Boundary(kind, title, para.start if title else para.content_start, level)
        if title is not None and first.marker_kind == "arabic":
            parsed = _number(first.marker)
            boundary.number = parsed[0] if parsed else None
        if title is None and kind in ("discussion", "conclusion", "vote", "closing", "report"):
            boundary.level = current.level if current is not None else 99
        boundaries.append(boundary)
        current = boundary
        seen_discussion = seen_discussion or kind in ("discussion", "conclusion", "report")
    return _spans(text, paras, boundaries)


def _next_sibling(line: Line, last_numbered: dict[str, tuple[int, int]], start: int) -> int | None:
    """Where the paragraph numbered one less than ``line`` in the same style starts, when there
    is one; records ``line`` as the last of its style."""
    numbered = _numbering(line)
    if numbered is None:
        return None
    style, number = numbered
    before = last_numbered.get(style)
    last_numbered[style] = (number, start)
    return before[1] if before and before[0] == number - 1 else None


def _numbering(line: Line) -> tuple[str, int] | None:
    """The numbering style and number of a line: "arabic." 2 for "2. CÔNG TRÌNH ...", "roman."
    3 for "III. ...", "nội dung" 2 for "NỘI DUNG 2. CHI QUỸ ..." (a topic numbered without a
    list marker); None for anything else, "5.1." included."""
    if line.marker_kind is None:
        topic = _TOPIC_NUMBER.match(line.text)
        if not topic:
            return None
        value = topic.group(2)
        number = int(value) if value.isdigit() else _roman(value)
        return " ".join(topic.group(1).lower().split()), number
    if line.marker_kind not in ("roman", "arabic") or not line.marker:
        return None
    marker = line.marker.strip().lstrip("(")
    digits = marker.rstrip("./)-–: \t")
    if line.marker_kind == "arabic" and not digits.isdigit():
        return None  # "5.1."
    number = int(digits) if line.marker_kind == "arabic" else _roman(digits)
    return line.marker_kind + marker[len(digits) :].strip(), number


_TOPIC_NUMBER = re.compile(
    r"[ \t]*(nội[ \t]+dung|vấn[ \t]+đề|mục|phần|việc|chuyên[ \t]+đề)[ \t]+(\d{1,2}|[IVX]{1,4})(?=[ \t]*[.:)–-])",
    re.I,
)


def _roman(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, char in enumerate(numeral):
        value = values.get(char, 0)
        total += -value if i + 1 < len(numeral) and values.get(numeral[i + 1], 0) > value else value
    return total


# A line that leads in a list of people: the absent, the present, the participants.
_PEOPLE_LEAD = re.compile(
    r"(?<!\w)(?:vắng|có[ \t]+mặt|thành[ \t]+phần|tham[ \t]+dự|dự[ \t]+họp|đại[ \t]+biểu)(?!\w)",
    re.I,
)


def _is_signature(body: str) -> bool:
    return len(body) < 160 and _upper(body) and bool(rx(_SIGNATURE).search(body))


def _kind_from_cue(cue: Cue, current: str | None) -> str | None:
    verb = cue.verb or ""
    if verb in _CONCLUDING_VERBS and cue.kind in ("role", "person"):
        return "conclusion"
    if cue.inline or verb in _PRESENTING_VERBS:
        return "report" if current in (None, "header", "attendance", "agenda", "other") else None
    if cue.kind == "group":
        return None
    if current in (None, "header", "attendance", "agenda", "report", "other"):
        return "discussion"
    return None


def _spans(text: str, paras: list[Paragraph], boundaries: list[_Boundary]) -> list[SectionSpan]:
    spans: list[SectionSpan] = []
    if paras and boundaries and boundaries[0].start > paras[0].start:
        boundaries.insert(0, _Boundary("other", None, paras[0].start, 99))
    for i, boundary in enumerate(boundaries):
        end = boundaries[i + 1].start if i + 1 < len(boundaries) else len(text)
        while end > boundary.start and text[end - 1].isspace():
            end -= 1
        kind = boundary.kind
        if kind == "agenda" and end - boundary.start > 1500:
            kind = "report"  # "NỘI DUNG" heading over the whole proceedings, not a short agenda
        if end > boundary.start:
            spans.append(SectionSpan(kind, boundary.title, boundary.start, end))
    return spans


def section_at(sections: list[SectionSpan], offset: int) -> SectionSpan | None:
    """The section that contains ``offset``; sections are in document order and do not overlap,
    so this is a binary search (a scan made documents with thousands of headings quadratic)."""
    index = bisect_right(sections, offset, key=lambda section: section.start) - 1
    if index >= 0 and sections[index].start <= offset < sections[index].end:
        return sections[index]
    return None


def _local_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return rx(re.compile(pattern, flags))
