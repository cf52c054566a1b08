"""Physical layout: lines with their list markers, and logical paragraphs.

Minutes arrive hard-wrapped, as one long line, or with every list style Word knows. This module
turns the text into lines (real or virtual) with offsets, recognises numbering and bullets, and
joins hard-wrapped lines into paragraphs. Everything downstream works on these offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# "I." "II/" "1." "1/" "1)" "(1)" "1-" "1.2." "a." "a)" "(a)" and bullets, followed by a blank.
_MARKER = re.compile(
    r"[ \t]*(?:"
    r"(?P<roman>[IVXLC]{1,5})[ \t]*[./)\-–:]"
    r"|\(?(?P<arabic>\d{1,2}(?:\.\d{1,2}){0,2})[ \t]*[./)\-–]"
    r"|\(?(?P<letter>[a-zđA-Z])[ \t]*[.)/\-–]"
    # a bullet, and the task box of a Markdown checklist after it ("- [x] Sỹ: ...")
    r"|(?P<bullet>[-–—+*•·●○▪■◦►✓❖➢→⇒➔➜>](?:[ \t]+\[[ xX✓]?\])?)"
    # A transcript's time stamp: "[00:12:31]", "(01:05)", "00:12:31.500".
    r"|(?P<stamp>[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?(?=[ \t]+[^\W\d_]))"
    r")[ \t]+(?=\S)"
)
_TERMINAL = re.compile(r"[.!?:;…\"”)]\s*$")
# Where a very long line may be cut: after a sentence end, before a list marker.
_VIRTUAL_BREAK = re.compile(
    r"(?<=[.:;!?])[ \t]+(?=(?:[-–+•*]|\d{1,2}[./)\-–]|[IVX]{1,4}[./]|[a-đ]\))[ \t]+\S)"
    r"|(?<![ \t])[ \t]+(?=[-–+•*][ \t]+(?P<upper>\w))"
    r"|(?<=[.;!?])[ \t]+(?=(?:Đ/c|Đ/C|Đồng chí|Ý kiến|Ông|Bà|Cô|Thầy|Anh|Chị|Bạn|Chú|Bác|Dì)[ \t])"
)
_LONG_LINE = 600
# Markers that note an outcome ("→ Thăm c. Ngần 300k từ quỹ tổ", "⇒ Đ/c Chủ tịch kết luận:").
OUTCOME_MARKERS = frozenset({"→", "⇒", "➔", "➜"})


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    content_start: int
    marker: str | None
    marker_kind: str | None  # "roman" | "arabic" | "letter" | "bullet" | "stamp" | None
    text: str  # the content, after the marker

    @property
    def level(self) -> int:
        return {"roman": 1, "arabic": 2, "letter": 3, "bullet": 4, "stamp": 4}.get(
            self.marker_kind or "", 0
        )

    @property
    def depth(self) -> int:
        """How deep the line sits in a list: "-" items above "+" and "•" items, any item below
        an unmarked line, and numbered items by their level."""
        if self.marker_kind == "bullet":
            if self.marker in OUTCOME_MARKERS:
                return 0  # "⇒ Đ/c Chủ tịch kết luận:", "→ Chốt ...": a line of its own, no item
            return 4 if self.marker in ("-", "–", "—") else 5
        return self.level

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True)
class Paragraph:
    lines: tuple[Line, ...]

    @property
    def first(self) -> Line:
        return self.lines[0]

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def content_start(self) -> int:
        return self.lines[0].content_start

    @property
    def end(self) -> int:
        return self.lines[-1].end


# A Markdown heading: "## 1. Việc tuần trước" (numbered inside), "## Quyết định".
_MARKDOWN_HEADING = re.compile(r"#{1,6}[ \t]+(?=\S)")


def make_line(text: str, start: int, end: int) -> Line:
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in " \t":
        end -= 1
    heading = _MARKDOWN_HEADING.match(text, start, end)
    if heading:
        numbered = _MARKER.match(text, heading.end(), end)
        if numbered and not numbered.group("bullet"):
            kind = next(k for k in ("roman", "arabic", "letter", "stamp") if numbered.group(k))
            marker = text[heading.end() : numbered.end()].strip()
            return Line(start, end, numbered.end(), marker, kind, text[numbered.end() : end])
        # An unnumbered heading is a part of the minutes, like "I. ...".
        return Line(start, end, heading.end(), "#", "roman", text[heading.end() : end])
    match = _MARKER.match(text, start, end)
    if match:
        kind = next(k for k in ("roman", "arabic", "letter", "bullet", "stamp") if match.group(k))
        marker = text[start : match.end()].strip()
        return Line(start, end, match.end(), marker, kind, text[match.end() : end])
    return Line(start, end, start, None, None, text[start:end])


def lines(text: str) -> list[Line]:
    """All lines with their markers; overlong lines are cut at sentence ends before markers."""
    result: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        if end - start > _LONG_LINE:
            cut = start
            for brk in _VIRTUAL_BREAK.finditer(text, start, end):
                if brk.group("upper") is not None and not brk.group("upper").isupper():
                    continue  # "- " before a lower-case word is a dash inside a sentence
                result.append(make_line(text, cut, brk.start()))
                cut = brk.end()
            result.append(make_line(text, cut, end))
        else:
            result.append(make_line(text, start, end))
    return result


def is_heading_like(line: Line) -> bool:
    """Short, and numbered or in capitals: a candidate section heading."""
    body = line.text.strip()
    if not body or len(body) > 120:
        return False
    words = body.split()
    letters = [c for c in body if c.isalpha()]
    upper = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
    if upper and len(letters) >= 4:
        return True
    if line.marker_kind is None and len(words) <= 12 and CLOCK_HEADING.match(body):
        return True
    return line.marker_kind in ("roman", "arabic", "letter") and len(words) <= 14


# A part of a congress's programme headed by its time: "09 giờ 40 – Bầu cử BCH khóa V",
# "14h00: Khai mạc".
CLOCK_HEADING = re.compile(
    r"\d{1,2}[ \t]*(?:giờ|g|h)[ \t]*\d{0,2}[ \t]*(?:phút)?[ \t]*[–—:-][ \t]*[^\W\d_][^.!?;]*$", re.I
)


def paragraphs(all_lines: list[Line], is_break) -> list[Paragraph]:  # type: ignore[no-untyped-def]
    """Join hard-wrapped lines into paragraphs.

    A line continues the previous one when it has no list marker, is not a cue or heading
    (``is_break`` says so), and the previous line does not end a sentence or the line starts
    in lower case.
    """
    result: list[list[Line]] = []
    previous: Line | None = None
    for line in all_lines:
        if line.blank:
            previous = None
            continue
        if previous is not None and result and _continues(previous, line) and not is_break(line):
            result[-1].append(line)
        else:
            result.append([line])
        previous = line
    return [Paragraph(tuple(group)) for group in result]


def _continues(previous: Line, line: Line) -> bool:
    if line.marker_kind is not None or is_heading_like(previous):
        return False
    first = line.text.lstrip()[:1]
    if _TERMINAL.search(previous.text):
        return False
    return first.islower() or len(previous.text) >= 50 or first.isdigit()
