"""Vote results: counts for, against and abstaining, the total, the percentage and the method.

Counts are read as written, in digits or said aloud in a transcript ("mười hai trên mười ba",
"một đồng chí không đồng ý"); the rules are those of the annotation guide (corpus/README.md,
V1–V4): a count not said stays unknown unless the counts said add up to the total, and a total
not said is the number of members present.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from analyzer import lexicon
from analyzer.accents import rx

_I = re.I
_WHO = r"(?:[ \t]*(?:đồng[ \t]+chí|đ/c|đảng[ \t]+viên|đại[ \t]+biểu|thành[ \t]+viên|người|phiếu|bạn|đoàn[ \t]+viên|thầy[ \t]+cô|giáo[ \t]+viên|ý[ \t]+kiến|hộ|phụ[ \t]+huynh|(?-i:PH)))?"
_YES = r"(?<!không[ \t])(?<!không)(?<!ko[ \t])(?:tán[ \t]+thành|đồng[ \t]+ý|nhất[ \t]+trí)"
_RATIO = r"(\d{1,4})[ \t]*(?:/|trên)[ \t]*(\d{1,4})"
_RATIO_YES = re.compile(_RATIO + _WHO + r"[^.;\n\d]{0,40}?" + _YES, _I)
# A ratio that is a count, not a date, a class or a document number ("tháng 4/2023", "lớp 7/2").
_RATIO_ANY = re.compile(
    r"(?<![\d/.])(?<!tháng[ \t])(?<!ngày[ \t])(?<!quý[ \t])(?<!lớp[ \t])(?<!số[ \t])(?<!tuần[ \t])"
    + _RATIO
    + r"(?![\d/])",
    _I,
)
_YES_N = re.compile(_YES + r"[ \t]*(?:là|:|=)?[ \t]*(\d{1,4})(?![\d/%])", _I)
_N_YES = re.compile(
    r"(\d{1,4})(?![\d/%])" + _WHO + r"[ \t]*(?:có[ \t]+mặt[ \t]+)?(?:đều[ \t]+)?" + _YES, _I
)
# "12 đồng chí." said after a call to vote: the count of hands raised.
_N_WHO_ONLY = re.compile(
    r"^\W*(?:dạ[ \t,]+)?(?:có[ \t]+)?(\d{1,4})[ \t]+(?:đồng[ \t]+chí|đ/c|người|bạn|phiếu|thành[ \t]+viên|đại[ \t]+biểu|hộ)(?![ \t]*(?:có[ \t]+mặt|vắng))",
    _I,
)
# "Lê Quang Vũ: 16 phiếu (94,12%)": the ballots a candidate received.
_N_BALLOTS = re.compile(
    r"(?<![\d/])(\d{1,4})[ \t]+phiếu(?![ \t]*(?:phát[ \t]+ra|thu[ \t]+về|hợp[ \t]+lệ))", _I
)
# "Phương án 1: 11 bạn": the hands one option of several received.
_OPTION_N = re.compile(
    r":[ \t]*(\d{1,4})[ \t]+(?:đồng[ \t]+chí|đ/c|người|phiếu|bạn|thành[ \t]+viên|hộ|phụ[ \t]+huynh|"
    r"(?-i:PH))[ \t.;,]*$",
    _I,
)
_NO = r"(?:(?:không|ko)[ \t]+(?:tán[ \t]+thành|đồng[ \t]+ý|nhất[ \t]+trí)|phản[ \t]+đối)"
_NO_N = re.compile(_NO + r"[ \t]*(?:là|:|=)?[ \t]*(\d{1,4})(?![\d%])", _I)
_N_NO = re.compile(r"(\d{1,4})(?![\d/%])" + _WHO + r"[ \t]*" + _NO, _I)
# One person named as disagreeing: "7 trên 8, anh Khải không đồng ý".
_ONE_NO = re.compile(
    r"(?:anh|chị|đồng[ \t]+chí|đ/c|bạn|ông|bà|cô|thầy)[ \t]+(?-i:[A-ZĐ])\w*(?:[ \t]+(?-i:[A-ZĐ])\w*){0,3}[ \t]+"
    + _NO,
    _I,
)
_ZERO_NO = re.compile(
    r"không[ \t]+có[ \t]+(?:ý[ \t]+kiến[ \t]+)?(?:không[ \t]+tán[ \t]+thành|phản[ \t]+đối)|"
    r"không[ \t]+(?:ai|có[ \t]+ai)[ \t]+(?:không[ \t]+(?:đồng[ \t]+ý|tán[ \t]+thành|nhất[ \t]+trí)|phản[ \t]+đối)",
    _I,
)
_ABSTAIN = (
    r"(?:(?:không|ko)[ \t]+(?:có[ \t]+)?ý[ \t]+kiến|phiếu[ \t]+trắng|(?:để|bỏ)[ \t]+trống|"
    r"không[ \t]+biểu[ \t]+quyết|vắng[ \t]+phiếu|"
    r"ý[ \t]+kiến[ \t]+khác|(?:không|chưa|ko)[ \t]+giơ(?:[ \t]+tay)?(?!\w))"
)
_ABSTAIN_N = re.compile(_ABSTAIN + r"[ \t]*(?:là|:|=)?[ \t]*(\d{1,4})(?![\d%])", _I)
_N_ABSTAIN = re.compile(
    r"(\d{1,4})(?![\d/%])"
    + _WHO
    + r"(?:[ \t]+(?:online|trực[ \t]+tuyến|còn[ \t]+lại))?[ \t]*"
    + _ABSTAIN,
    _I,
)
_PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d{1,2})?)[ \t]*%", _I)
_TOTAL = re.compile(
    r"(?:tổng[ \t]+số|có[ \t]+mặt|số[ \t]+phiếu[ \t]+phát[ \t]+ra)[ \t]*:?[ \t]*(\d{1,4})", _I
)
_HANDS = re.compile(r"giơ[ \t]+tay|biểu[ \t]+quyết[ \t]+công[ \t]+khai|giơ[ \t]+thẻ", _I)
_SECRET = re.compile(r"bỏ[ \t]+phiếu(?:[ \t]+kín)?|phiếu[ \t]+kín|kiểm[ \t]+phiếu", _I)
_HUNDRED_SPOKEN = re.compile(
    r"(?:một[ \t]+)?trăm[ \t]+phần[ \t]+trăm", re.I
)  # "trăm phần trăm" said aloud
_UNANIMOUS = re.compile(
    r"(?:100[ \t]*%|tuyệt[ \t]+đối|toàn[ \t]+thể|tất[ \t]+cả|trăm[ \t]+phần[ \t]+trăm)", _I
)
# Everyone raised a hand or agreed: "tất cả giơ tay", "toàn thể đồng ý".
_ALL_YES = re.compile(
    r"(?:tất[ \t]+cả|toàn[ \t]+thể|cả[ \t]+(?:chi[ \t]+bộ|lớp|tổ|hội[ \t]+nghị))(?:[ \t]+(?:các[ \t]+)?\w+){0,3}?[ \t]+(?:đều[ \t]+)?"
    r"(?:giơ[ \t]+tay|" + _YES + r")",
    _I,
)

# --- numbers said aloud ------------------------------------------------------------------------

_DIGITS = {
    "không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
    "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
}  # fmt: skip
_NUMBER_WORDS = r"một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|bẩy|tám|chín|mười|mươi|trăm|linh|lẻ"
_NUMBER_WORD = rf"(?:{_NUMBER_WORDS})"
_SPOKEN = re.compile(rf"(?<!\w){_NUMBER_WORD}(?:[ \t]+{_NUMBER_WORD})*(?!\w)", _I)
# With thousands and zero: years and times said aloud ("hai nghìn không trăm hai mươi lăm").
_LONG_NUMBER_WORD = rf"(?:{_NUMBER_WORDS}|nghìn|ngàn|không)"
_LONG_SPOKEN = re.compile(rf"(?<!\w){_LONG_NUMBER_WORD}(?:[ \t]+{_LONG_NUMBER_WORD})*(?!\w)", _I)
_NON_BLANK = re.compile(r"\S+")
_MAX_NUMBER_WORDS = 7  # "hai nghìn không trăm hai mươi lăm"
# A spoken number is read as a count only next to "trên" or before the people it counts.
_COUNT_AFTER = re.compile(
    r"[ \t]+(?:trên|/)[ \t]|[ \t]+(?:đồng[ \t]+chí|đ/c|đảng[ \t]+viên|người|bạn|phiếu|thành[ \t]+viên|đại[ \t]+biểu|phụ[ \t]+huynh)(?!\w)",
    _I,
)
_COUNT_BEFORE = re.compile(r"(?:trên|/)[ \t]+$", _I)


def spoken_number(words: str) -> int | None:
    """The value of a Vietnamese number said in words ("mười hai" 12, "hai mươi mốt" 21,
    "một trăm linh năm" 105), or None when the words are not a well-formed number."""
    tokens = words.lower().split()
    value = 0
    for thousand in ("nghìn", "ngàn"):
        if thousand in tokens:
            # "hai nghìn hai mươi lăm", "hai nghìn không trăm hai mươi lăm": a year said aloud.
            at = tokens.index(thousand)
            if at != 1 or tokens[0] not in _DIGITS:
                return None
            rest = tokens[at + 1 :]
            if rest[:2] == ["không", "trăm"]:
                rest = rest[2:]
            below = spoken_number(" ".join(rest)) if rest else 0
            if below is None or below >= 1000:
                return None
            return 1000 * _DIGITS[tokens[0]] + below
    if "trăm" in tokens:
        at = tokens.index("trăm")
        head = tokens[:at]
        if len(head) != 1 or head[0] not in _DIGITS:
            return None
        value = 100 * _DIGITS[head[0]]
        tokens = tokens[at + 1 :]
        if tokens and tokens[0] in ("linh", "lẻ"):
            tokens = tokens[1:]
            if len(tokens) != 1 or tokens[0] not in _DIGITS:
                return None
            return value + _DIGITS[tokens[0]]
    if not tokens:
        return value or None
    tens = 0
    if tokens[0] == "mười":
        tens, tokens = 10, tokens[1:]
    elif len(tokens) >= 2 and tokens[1] == "mươi" and tokens[0] in _DIGITS:
        tens, tokens = 10 * _DIGITS[tokens[0]], tokens[2:]
    if len(tokens) > 1 or (tokens and tokens[0] not in _DIGITS):
        return None
    unit = _DIGITS[tokens[0]] if tokens else 0
    if (unit == 1 and tokens[0] == "mốt" and tens < 20) or (
        tokens and tokens[0] == "lăm" and not tens
    ):
        return None
    total = value + tens + unit
    return total if total or tokens else None


def _digits(text: str) -> str:
    """``text`` with the counts said in words written in digits ("13 trên 13")."""

    def replace(match: re.Match[str]) -> str:
        after = text[match.end() : match.end() + 30]
        before = text[max(0, match.start() - 8) : match.start()]
        if not (rx(_COUNT_AFTER).match(after) or rx(_COUNT_BEFORE).search(before)):
            return match.group()
        value = spoken_number(match.group())
        return str(value) if value is not None else match.group()

    return rx(_SPOKEN).sub(replace, text)


def digitised(text: str) -> tuple[str, list[int]]:
    """``text`` with every number said in words written in digits ("mười lăm đồng chí có mặt
    mười ba" → "15 đồng chí có mặt 13"), and for each of its characters (and its end) the offset
    in ``text`` it comes from. "năm" before a number is the word "year", a lone "không" the
    word "no"."""
    out: list[str] = []
    back: list[int] = []
    pos = 0
    for run in _LONG_SPOKEN.finditer(text):
        words = [(m.start(), m.end()) for m in _NON_BLANK.finditer(text, run.start(), run.end())]
        i = 0
        while i < len(words):
            value, last = None, i
            for j in range(min(len(words), i + _MAX_NUMBER_WORDS), i, -1):
                value = spoken_number(text[words[i][0] : words[j - 1][1]])
                if value is not None:
                    last = j
                    break
            single = last == i + 1 and text[words[i][0] : words[i][1]].lower()
            if value is None or single == "không" or (single == "năm" and i + 1 < len(words)):
                i += 1
                continue
            a, b = words[i][0], words[last - 1][1]
            out.append(text[pos:a])
            back.extend(range(pos, a))
            out.append(str(value))
            back.extend([a] * len(str(value)))
            pos, i = b, last
    out.append(text[pos:])
    back.extend(range(pos, len(text) + 1))
    return "".join(out), back


@dataclass(frozen=True)
class VoteCounts:
    votes_for: int | None
    against: int | None
    abstain: int | None
    total: int | None
    percent: float | None
    method: str


def _first(pattern: re.Pattern[str], text: str) -> int | None:
    match = rx(pattern).search(text)
    return int(match.group(1)) if match else None


def _count_ratio(text: str) -> tuple[int, int] | None:
    """The first "N/M" or "N trên M" that reads as a count of votes (N ≤ M, not a year)."""
    for match in rx(_RATIO_ANY).finditer(text):
        n, m = int(match.group(1)), int(match.group(2))
        if 0 < m < 1000 and n <= m:
            return n, m
    return None


def parse_vote(text: str, present: int | None = None) -> VoteCounts:
    """Counts as written; a unanimous vote of the members present fills in from ``present``."""
    text = _digits(text)
    votes_for = total = None
    ratio = rx(_RATIO_YES).search(text)
    if ratio and int(ratio.group(1)) <= int(ratio.group(2)):
        votes_for, total = int(ratio.group(1)), int(ratio.group(2))
    else:
        votes_for = _first(_YES_N, text)
        if votes_for is None:
            votes_for = _first(_N_YES, text)
        if votes_for is None and (counted := _count_ratio(text)):
            votes_for, total = counted
        if votes_for is None:
            votes_for = _first(_N_WHO_ONLY, text)
        if votes_for is None:
            votes_for = _first(_N_BALLOTS, text)
        if votes_for is None:
            votes_for = _first(_OPTION_N, text)
    against = _first(_NO_N, text)
    if against is None:
        against = _first(_N_NO, text)
    if against is None and rx(_ONE_NO).search(text):
        against = 1
    if against is None and rx(_ZERO_NO).search(text):
        against = 0
    abstain = _first(_ABSTAIN_N, text)
    if abstain is None:
        abstain = _first(_N_ABSTAIN, text)
    if total is None:
        total = _first(_TOTAL, text)
    percent_match = rx(_PERCENT).search(text)
    percent = float(percent_match.group(1).replace(",", ".")) if percent_match else None
    if percent is None and rx(_HUNDRED_SPOKEN).search(text):
        percent = 100.0
    if votes_for is None and present is not None and rx(_ALL_YES).search(text):
        votes_for = total = present
    if (
        votes_for is None
        and percent == 100.0
        and present is not None
        and rx(_UNANIMOUS).search(text)
    ):
        votes_for = total = present
    if total is None and votes_for is not None and percent:
        # "16 phiếu (94,12%)": the ballots the percentage is of, when it is a whole number.
        ballots = votes_for * 100 / percent
        if abs(ballots - round(ballots)) < 0.05 and round(ballots) >= votes_for:
            total = round(ballots)
    if total is None and votes_for is not None and against is not None:
        total = votes_for + against + (abstain or 0)
    if total is None and votes_for is not None and present is not None and votes_for <= present:
        total = present
    if votes_for is not None and total is not None and percent is None and total > 0:
        percent = round(100 * votes_for / total, 1)
    if (
        votes_for is not None
        and total is not None
        and votes_for + (against or 0) + (abstain or 0) == total
    ):
        # The counts said account for everyone: the ones not said are zero.
        against = 0 if against is None else against
        abstain = 0 if abstain is None else abstain
    method = (
        "secret_ballot"
        if rx(_SECRET).search(text)
        else "show_of_hands"
        if rx(_HANDS).search(text)
        else "unspecified"
    )
    return VoteCounts(votes_for, against, abstain, total, percent, method)


# A count of ballots: "16 phiếu", "5/9 phiếu", "7/9 (77,8%)", "36/40 phiếu, đạt 90%".
_BALLOT_COUNT = re.compile(
    r"(?<![\d/.])\d{1,4}(?:[ \t]*/[ \t]*\d{1,4})?[ \t]*(?:phiếu(?![ \t]*(?:phát|thu|hợp))|"
    r"(?=[ \t]*[(,][ \t]*(?:đạt[ \t]*)?\d{1,3}(?:[,.]\d{1,2})?[ \t]*%))",
    _I,
)
_RATIO_CELL = re.compile(r"^\d{1,4}[ \t]*/[ \t]*\d{1,4}(?:[ \t]*phiếu)?$", _I)
_MAX_OPTION_WORDS = 18


@cache
def _options() -> str:
    return lexicon.phrase_pattern(lexicon.load("items")["ballot_options"])


@cache
def _listed_option() -> re.Pattern[str]:
    return re.compile(rf"^\W*(?:{_options()})(?!\w)", _I)


@cache
def _option_pattern() -> re.Pattern[str]:
    options = _options()
    return re.compile(
        rf"^\W*(?:(?:đ/c|đồng[ \t]+chí)[ \t]+)?(?:(?:{options})(?!\w)|(?-i:[A-ZĐ])\w*(?:[ \t]+(?-i:[A-ZĐ])\w*){{1,4}})"
        r"[ \t]*[:–-]?[ \t]*(?:được[ \t]+|đạt[ \t]+)?",
        _I,
    )


def _at_most(ratio: str) -> bool:
    """ "8/10" can be a count of ballots, "08/05" in a table is a date."""
    n, m = (int(part.split()[0]) for part in ratio.split("/"))
    return n <= m


def is_ballot_count(clause: str) -> bool:
    """A clause that is only the ballots someone received: "28/30 phiếu, đạt 93,3%", "16 phiếu
    (94,12%)", "19/30 phiếu"."""
    clause = clause.strip()
    count = rx(_BALLOT_COUNT).match(clause)
    return bool(count and rx(_COUNT_REST).fullmatch(clause, count.end()))


# What may follow a ballot count: its share ("đạt 93,3%", "(63,3%)"), "trúng cử".
_COUNT_REST = re.compile(
    r"[ \t,;(]*(?:(?:đạt|bằng|chiếm)?[ \t]*(?:tỷ|tỉ)?[ \t]*(?:lệ)?[ \t]*\d{1,3}(?:[,.]\d{1,2})?[ \t]*%)?"
    r"[ \t)]*(?:[,;-][ \t]*)?(?:trúng[ \t]+cử|không[ \t]+trúng[ \t]+cử)?[ \t).]*",
    _I,
)


@cache
def _count_first() -> re.Pattern[str]:
    """The ballots before the option: "6 phiếu HTTNV (85,71%)"; not "9/11 phiếu đồng ý, 2 phiếu
    không đồng ý", the for and against of one vote."""
    assent = {"tán thành", "không tán thành", "đồng ý", "không đồng ý"}
    options = lexicon.phrase_pattern(
        o for o in lexicon.load("items")["ballot_options"] if o not in assent
    )
    return re.compile(
        rf"^\W*\d{{1,4}}(?:[ \t]*/[ \t]*\d{{1,4}})?[ \t]*phiếu[ \t]+(?:{options})(?!\w)", _I
    )


def is_ballot_option(clause: str) -> bool:
    """One option of a ballot or a rating with the ballots it received: "Lê Văn A: 16 phiếu
    (94,12%)", "HTTNV 7/9 (77,8%)", "6 phiếu HTTNV (85,71%)", or a table row "Hồ Văn A | HTTNV |
    10/10 | HTTNV"."""
    if len(clause.split()) > _MAX_OPTION_WORDS:
        return False
    if rx(_count_first()).match(clause):
        return True
    option = rx(_option_pattern())
    if "|" in clause:
        cells = [c.strip(" \t*") for c in clause.strip().strip("|").split("|")]
        ratios = [c for c in cells if rx(_RATIO_CELL).match(c) and _at_most(c)]
        return bool(ratios) and any(rx(_listed_option()).fullmatch(c) for c in cells)
    start = option.match(clause)
    if not start:
        return False
    if rx(_BALLOT_COUNT).match(clause, start.end()):
        return True
    # A rating code (not a name) and a bare ratio that ends the clause: "HTXSNV 2/9".
    return bool(
        rx(_listed_option()).match(clause)
        and rx(_RATIO_CELL).match(clause[start.end() :].strip(" ."))
    )
