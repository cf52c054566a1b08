"""Vote results: counts for, against and abstaining, the total, the percentage and the method."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzer.accents import rx

_I = re.I
_WHO = r"(?:[ \t]*(?:đồng[ \t]+chí|đảng[ \t]+viên|đại[ \t]+biểu|thành[ \t]+viên|người|phiếu|bạn|đoàn[ \t]+viên|thầy[ \t]+cô|giáo[ \t]+viên|ý[ \t]+kiến|hộ))?"
_YES = r"(?<!không[ \t])(?<!không)(?:tán[ \t]+thành|đồng[ \t]+ý|nhất[ \t]+trí)"
_RATIO_YES = re.compile(
    r"(\d{1,4})[ \t]*(?:/|trên)[ \t]*(\d{1,4})" + _WHO + r"[^.;\n\d]{0,40}?" + _YES, _I
)
_YES_N = re.compile(_YES + r"[ \t]*(?:là|:|=)?[ \t]*(\d{1,4})(?![\d/%])", _I)
_N_YES = re.compile(
    r"(\d{1,4})(?![\d/%])" + _WHO + r"[ \t]*(?:có[ \t]+mặt[ \t]+)?(?:đều[ \t]+)?" + _YES, _I
)
_NO = r"(?:không[ \t]+(?:tán[ \t]+thành|đồng[ \t]+ý|nhất[ \t]+trí)|phản[ \t]+đối)"
_NO_N = re.compile(_NO + r"[ \t]*(?:là|:|=)?[ \t]*(\d{1,4})(?![\d%])", _I)
_N_NO = re.compile(r"(\d{1,4})(?![\d/%])" + _WHO + r"[ \t]*" + _NO, _I)
_ZERO_NO = re.compile(
    r"không[ \t]+có[ \t]+(?:ý[ \t]+kiến[ \t]+)?(?:không[ \t]+tán[ \t]+thành|phản[ \t]+đối)", _I
)
_ABSTAIN = r"(?:không[ \t]+(?:có[ \t]+)?ý[ \t]+kiến|phiếu[ \t]+trắng|không[ \t]+biểu[ \t]+quyết|vắng[ \t]+phiếu|ý[ \t]+kiến[ \t]+khác)"
_ABSTAIN_N = re.compile(_ABSTAIN + r"[ \t]*(?:là|:|=)?[ \t]*(\d{1,4})(?![\d%])", _I)
_N_ABSTAIN = re.compile(r"(\d{1,4})(?![\d/%])" + _WHO + r"[ \t]*" + _ABSTAIN, _I)
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


def parse_vote(text: str, present: int | None = None) -> VoteCounts:
    """Counts as written; a unanimous vote of the members present fills in from ``present``."""
    votes_for = total = None
    ratio = rx(_RATIO_YES).search(text)
    if ratio:
        votes_for, total = int(ratio.group(1)), int(ratio.group(2))
    else:
        votes_for = _first(_YES_N, text)
        if votes_for is None:
            votes_for = _first(_N_YES, text)
    against = _first(_NO_N, text)
    if against is None:
        against = _first(_N_NO, text)
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
    if (
        votes_for is None
        and percent == 100.0
        and present is not None
        and rx(_UNANIMOUS).search(text)
    ):
        votes_for = total = present
    if total is None and votes_for is not None and against is not None:
        total = votes_for + against + (abstain or 0)
    if votes_for is not None and total is not None and percent is None and total > 0:
        percent = round(100 * votes_for / total, 1)
    if votes_for is not None and total is not None and votes_for == total:
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
