"""Clauses that are never items whatever cue words they hold: lead-ins that announce a list
("Chi bộ thống nhất các nội dung sau:"), headings in capitals, topic lines ("a- Về nhân lực và
tay nghề"), table header rows, closing formulas ("Cuộc họp kết thúc lúc 11 giờ", "Biên bản đã
được đọc lại trước hội nghị") and thanks or leave-taking ("Ok hết rồi, cảm ơn mọi người").

The phrases come from ``not_items`` in ``models/lexicons/items.yaml``.
"""

from __future__ import annotations

import re
from functools import cache

from analyzer import lexicon
from analyzer.accents import rx
from analyzer.lexicon import UPPER_LETTERS as _UPPER

_MAX_LEAD_WORDS = 14
_MAX_FORMULA_WORDS = 16
_MAX_TOPIC_WORDS = 8
_MAX_COURTESY_WORDS = 12
_MARGIN = 12  # a list marker before the clause, a colon after it
_LIST_MARKER = re.compile(r"[ \t]*(?:[-–+•*]|\d{1,2}[./)]|[a-zđ][.)-]|[IVX]{1,4}[./])?[ \t]*", re.I)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = lexicon.load("items")["not_items"]

    def alt(key: str) -> str:
        return lexicon.phrase_pattern(data[key])

    verbs, nouns = f"(?:{alt('lead_verbs')})", f"(?:{alt('lead_nouns')})"
    count = rf"(?:{alt('lead_quantities')}|\d{{1,2}})"
    return {
        "lead": re.compile(
            rf"(?<!\w)(?:{verbs}(?:[ \t]+{count})?(?:[ \t]+{nouns}(?:[ \t]+\S+){{0,5}})?"
            rf"|{count}[ \t]+{nouns}(?:[ \t]+\S+){{0,5}})[ \t]*$",
            re.I,
        ),
        # Said aloud, a lead-in ends with a full stop: "Chi bộ thống nhất mấy việc như sau."
        "lead_counted": re.compile(
            rf"(?<!\w){verbs}[ \t]+{count}[ \t]+{nouns}(?:[ \t]+(?:như[ \t]+)?sau)?[ \t]*$",
            re.I,
        ),
        "lead_verb": re.compile(rf"(?<!\w){verbs}(?!\w)", re.I),
        "closing": re.compile(
            rf"^\W*(?:[^\W\d_]+[ \t]+){{0,3}}(?:{alt('closing_verbs')})(?!\w)[^.;\n]{{0,40}}?\d",
            re.I,
        ),
        "minutes": re.compile(
            rf"^\W*(?:{alt('minutes_words')})(?!\w)"
            rf"(?![^.;]*(?<!\w)(?:{alt('minutes_adopted')})(?!\w))"
            rf"[^.;\n]*?(?<!\w)(?:{alt('minutes_verbs')})(?!\w)",
            re.I,
        ),
        "topic": re.compile(rf"^(?:{alt('topic_openers')})(?!\w)[^\d.;!?]*$", re.I),
        "courtesy": re.compile(rf"(?<!\w)(?:{alt('courtesies')})(?!\w)", re.I),
        "header_cell": re.compile(rf"^(?:{alt('table_headers')})$", re.I),
        # A signature block laid out as a table: roles over names ("| Thư ký | Tổ trưởng |").
        "signature_cell": re.compile(
            rf"^(?:(?:tm\.|t/m|thay[ \t]+mặt)(?:[ \t]*[\w.]+){{1,4}}"
            rf"|(?:người[ \t]+ghi(?:[ \t]+biên[ \t]+bản)?[ \t]*)?"
            rf"(?:{lexicon.phrase_pattern(lexicon.load('cues')['roles'])})?"
            rf"(?:[ \t]*(?-i:[{_UPPER}])[\w.]*){{0,5}})$",
            re.I,
        ),
    }


def is_boilerplate(text: str, start: int, end: int) -> bool:
    clause = text[start:end]
    words = clause.split()
    if not words:
        return True
    patterns = _patterns()
    if rx(patterns["lead"]) is not patterns["lead"]:  # minutes typed without diacritics
        patterns = {k: rx(p) for k, p in patterns.items()}
    if "|" in clause:
        # Cells of the row, and of the rule under a header row ("----+------").
        cells = [c.strip(" \t*:-=+") for c in re.split(r"[|\n]", clause.strip().strip("|"))]
        filled = [c for c in cells if c]
        return bool(filled) and (
            all(patterns["header_cell"].match(c) for c in filled)
            or all(patterns["signature_cell"].match(c) for c in filled)
        )
    if _signature_block(clause, patterns) or rx(_name_only()).match(clause):
        return True
    if _is_lead_in(text, end, words, clause, patterns):
        return True
    if _is_heading(text, start, end, clause) or _markdown_heading(text, start):
        return True
    if (
        len(words) <= _MAX_TOPIC_WORDS
        and (_whole_line(text, start, end) or text.startswith(",", end))
        and patterns["topic"].match(clause)
    ):
        # "a- Về nhân lực và tay nghề"; "Về định hướng" cut from "Về định hướng, đồng chí ..."
        return True
    if len(words) <= _MAX_COURTESY_WORDS and patterns["courtesy"].search(clause):
        return True
    return len(words) <= _MAX_FORMULA_WORDS and bool(
        patterns["closing"].search(clause) or patterns["minutes"].search(clause)
    )


# Where the cells of a signature block laid out with spaces part: runs of blanks, line breaks,
# a colon ("Người ghi: Cấn Thị Lý      Trưởng ca A: Ngô Quang Trung").
_CELL_BREAK = re.compile(r"[ \t]{2,}|\t|[ \t]*\n[ \t]*|:[ \t]*")


def _signature_block(clause: str, patterns) -> bool:  # type: ignore[no-untyped-def]
    """Roles over names, laid out with spaces: "Thư ký        Chủ trì\nQuàng Thị Ỏn    Lò Văn
    Pánh"."""
    if "\n" not in clause and "  " not in clause and "\t" not in clause and ":" not in clause:
        return False
    cells = [c for c in _CELL_BREAK.split(clause.strip()) if c]
    return len(cells) >= 2 and all(patterns["signature_cell"].match(c) for c in cells)


def is_name_only(clause: str) -> bool:
    """The clause only names a person ("Đồng chí Tạ Quang Vinh", "Bùi Thị Tâm (vắng mặt)")."""
    return rx(_name_only()).match(clause) is not None


@cache
def _name_only() -> re.Pattern[str]:
    """A clause that only names a person: a heading over a member's self-review ("Đồng chí Tạ
    Quang Vinh", "Đồng chí Hoàng Minh Tuấn – Tổ trưởng tổ Toán – Tin", "Đồng chí Bùi Thị Thanh
    Tâm (vắng mặt)"). With no predicate it carries no item."""
    honorifics = lexicon.cues().honorific
    word = rf"(?-i:[{_UPPER}])\w*"
    return re.compile(
        rf"^\W*(?:(?:{honorifics})[ \t]+{word}(?:[ \t]+{word}){{0,4}}|{word}(?:[ \t]+{word}){{1,4}})"
        rf"(?:[ \t]*[–-][ \t]*{word}[^.;:!?\n]{{0,60}})?(?:[ \t]*\([^()\n]{{0,40}}\))?\W*$",
        re.I,
    )


def _is_lead_in(text: str, end: int, words: list[str], clause: str, patterns) -> bool:  # type: ignore[no-untyped-def]
    after = text[end : end + 8].lstrip(" \t")
    if after.startswith(".") and len(words) <= _MAX_LEAD_WORDS:
        return bool(patterns["lead_counted"].search(clause))
    return (
        after.startswith(":")
        and not after[1:].lstrip(" \t")[:1].isdigit()  # "...các nội dung trên: 12/12" is a vote
        and len(words) <= _MAX_LEAD_WORDS
        and bool(patterns["lead_verb"].search(clause))
        and bool(patterns["lead"].search(clause))
    )


def _whole_line(text: str, start: int, end: int) -> bool:
    """The clause is its line, but for a list marker before it and a colon or stop after it.
    Only a few characters around the clause are looked at, so a document on one line stays
    linear."""
    before = text[max(0, start - _MARGIN) : start]
    after = text[end : end + _MARGIN]
    if "\n" in before:
        before = before[before.rfind("\n") + 1 :]
    elif start > _MARGIN:
        return False
    if "\n" in after:
        after = after[: after.find("\n")]
    elif end + _MARGIN < len(text):
        return False
    return _LIST_MARKER.fullmatch(before) is not None and after.strip(" \t:.") == ""


_MARKDOWN_HEADING = re.compile(r"[ \t]*#{1,6}[ \t]+(?:[IVX]{1,4}[./]|\d{1,2}[./)])?[ \t]*")


def _markdown_heading(text: str, start: int) -> bool:
    """The clause is (the start of) a Markdown heading: "## V. Chi bộ thống nhất"."""
    line_start = text.rfind("\n", max(0, start - _MARGIN), start) + 1
    if line_start == 0 and start > _MARGIN:
        return False
    return _MARKDOWN_HEADING.fullmatch(text, line_start, start) is not None


_SUB_NUMBER = re.compile(r"[ \t]*\d{1,2}\.\d{1,2}[.)]?[ \t]*")


def _is_heading(text: str, start: int, end: int, clause: str) -> bool:
    """A whole line in capitals ("III. KẾ HOẠCH THÁNG 02/2025"), or a short line numbered as a
    sub-part ("5.1. Đánh giá chung")."""
    line_start = text.rfind("\n", max(0, start - _MARGIN), start) + 1
    line_end = text.find("\n", end, end + _MARGIN)
    if (
        (line_start > 0 or start <= _MARGIN)
        and _SUB_NUMBER.fullmatch(text, line_start, start)
        and not text[end : line_end if line_end >= 0 else end + _MARGIN].strip(" \t:")
        and len(clause.split()) <= 12
        and not clause.rstrip().endswith((".", ";"))
    ):
        return True
    if not _whole_line(text, start, end):
        return False
    letters = [c for c in clause if c.isalpha()]
    return (
        len(clause.split()) >= 2
        and len(letters) >= 6
        and sum(c.isupper() for c in letters) / len(letters) > 0.8
    )
