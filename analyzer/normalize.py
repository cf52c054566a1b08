"""Normalise decoded text before analysis: one newline style, NFC, new-style tone placement.

Every later offset points into the text this module returns, so it runs once, first, and is
idempotent: ``normalize_text(normalize_text(x).text).text == normalize_text(x).text``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from analyzer.legacy_fonts import convert_legacy, damaged_forms
from analyzer.schema import Warning_

_NEWLINES = re.compile(r"\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_ODD_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# C0/C1 control characters other than the newline (Word leaves \x07 cell marks, PDFs \x00).
_CONTROLS = re.compile("[\x00-\x09\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")
# Not text: the noncharacters U+FFFE/U+FFFF are dropped; a lone surrogate (JSON input may
# carry one, "\ud800") cannot be encoded, so it becomes U+FFFD like any undecodable character.
_NONCHARACTERS = re.compile("[\ufffe\uffff]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_WORD = re.compile(r"\w+")
_MIN_DAMAGED_HITS = 2
# A page number on a line of its own, as text taken from a PDF keeps it: "Trang 2/4", "- 3 -",
# "2/5", "Page 2 of 4".
_PAGE_NUMBER = re.compile(
    r"[ ]*(?:(?:trang|page)[ ]+(\d{1,3})(?:[ ]*(?:/|trên|of)[ ]*(\d{1,3}))?|[-–—][ ]*(\d{1,3})[ ]*[-–—]|"
    r"(\d{1,3})[ ]*/[ ]*(\d{1,3}))[ ]*",
    re.I,
)

# Markdown bold around a name or a label ("- **BS Vương Hải Nam**: ...", "**Thời gian:** 15h30"):
# the markers go, the words stay. Markers touching another "*" or "_" ("****x****") are left as
# they are, so that dropping a pair never makes a new one and normalising twice changes nothing.
_BOLD = re.compile(r"(?<![*_])(\*\*|__)(?![\s*_])([^*_\n]{1,200}?)(?<![\s*_])\1(?![*_])")


@dataclass(frozen=True)
class Normalized:
    text: str
    warnings: tuple[Warning_, ...]


def normalize_text(text: str) -> Normalized:
    """Clean spaces and newlines, convert legacy-font mojibake, NFC, drop Markdown bold markers,
    fix tone placement."""
    warnings: list[Warning_] = []
    text = _clean_characters(text)
    # NFC before detection: NFD or Windows-1258 text must not look like mojibake.
    text = unicodedata.normalize("NFC", text)
    conversion = convert_legacy(text)
    if conversion.family is not None:
        text = conversion.text
        warnings.append(
            Warning_(
                code="legacy_font_converted",
                message=(
                    f"Văn bản được gõ bằng phông {conversion.family} cũ; đã chuyển "
                    f"{conversion.lines_converted} dòng sang Unicode, nên soát lại dấu tiếng Việt."
                ),
            )
        )
    # The soft hyphen is the letter "ư" in TCVN3, so it is dropped only after the conversion.
    text = unicodedata.normalize("NFC", text.replace("\u00ad", ""))
    text, dropped = strip_page_furniture(text)
    if dropped:
        warnings.append(
            Warning_(
                code="page_furniture_removed",
                message=(
                    f"Đã bỏ {dropped} dòng số trang và tiêu đề trang lặp lại (văn bản chép từ PDF)."
                ),
            )
        )
    text = _BOLD.sub(r"\2", text)
    text = _WORD.sub(_retone_match, text)
    damaged = _count_damaged(text)
    if damaged >= _MIN_DAMAGED_HITS:
        warnings.append(
            Warning_(
                code="damaged_diacritics",
                message=(
                    f"Có {damaged} từ bị mất dấu ư/ơ (ví dụ “Trờng” thay cho “Trường”) "
                    "do chuyển mã cũ; không thể tự sửa, nên kiểm tra lại bản gốc."
                ),
            )
        )
    return Normalized(text=text, warnings=tuple(warnings))


def clean_characters(text: str) -> str:
    """What ``normalize_text`` does to characters first (newlines, invisible and odd spaces,
    control characters, noncharacters, lone surrogates), for short strings such as roster
    names that do not go through the whole normalisation."""
    return _clean_characters(text)


def _clean_characters(text: str) -> str:
    text = _NEWLINES.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    text = _NONCHARACTERS.sub("", text)
    text = _SURROGATES.sub("\ufffd", text)
    return _CONTROLS.sub("", text)


@cache
def _token_normalizer() -> Callable[[str], str]:
    # Imported lazily: it loads underthesea's rule tables (~0.5 s).
    from underthesea.pipeline.text_normalize import token_normalize

    return token_normalize  # type: ignore[no-any-return]


@lru_cache(maxsize=65536)
def retone(token: str) -> str:
    """New-style tone placement for one word ("hoà" → "hòa"), never changing its length."""
    if token.isascii():
        return token
    result = _token_normalizer()(token)
    if not isinstance(result, str) or len(result) != len(token):
        return token
    return result


def _retone_match(match: re.Match[str]) -> str:
    return retone(match.group())


def _count_damaged(text: str) -> int:
    return sum(1 for _ in damaged_forms().finditer(text))


def strip_page_furniture(text: str) -> tuple[str, int]:
    """``text`` without the page numbers of a PDF and the running header or footer printed
    beside them, and how many lines went. Page numbers count only as a run that goes up ("Trang
    2/4", "Trang 3/4"), so a lone "12/12" vote is kept; a line counts as a running header or
    footer when it sits next to two page numbers or more."""
    lines = text.split("\n")
    forms: dict[int, list[tuple[int, int, int | None]]] = {}
    for index, line in enumerate(lines):
        match = _PAGE_NUMBER.fullmatch(line)
        if match:
            form = next(k for k in (0, 2, 3) if match.group(k + 1))  # "Trang n", "- n -", "n/N"
            total = match.group(2) if form == 0 else match.group(5) if form == 3 else None
            page = int(match.group(form + 1))
            forms.setdefault(form, []).append((index, page, int(total) if total else None))
    numbers = []
    for found in forms.values():
        pages_seen = [page for _, page, _ in found]
        totals = {total for _, _, total in found}
        if len(found) >= 2 and pages_seen == sorted(set(pages_seen)) and len(totals) == 1:
            numbers += found
    if not numbers:
        return text, 0
    drop = {index for index, _, _ in numbers}
    beside: dict[str, set[int]] = {}
    for index, _, _ in numbers:
        for near in range(max(0, index - 2), min(len(lines), index + 3)):
            key = lines[near].strip()
            if near not in drop and key:
                beside.setdefault(key, set()).add(near)
    running = {key for key, where in beside.items() if len(where) >= 2}
    for index, _, _ in numbers:
        for near in range(max(0, index - 2), min(len(lines), index + 3)):
            if lines[near].strip() in running:
                drop.add(near)
    # The page break goes with the blank lines around it: a sentence runs on across pages.
    kept: list[str] = []
    index = 0
    while index < len(lines):
        if index not in drop:
            kept.append(lines[index])
            index += 1
            continue
        block_end = index
        while block_end < len(lines) and (block_end in drop or not lines[block_end].strip()):
            block_end += 1
        blank = any(not lines[k].strip() for k in range(index, block_end))
        while kept and not kept[-1].strip():
            kept.pop()
            blank = True
        if blank and kept and kept[-1].rstrip()[-1:] in ".:;!?…" and block_end < len(lines):
            kept.append("")  # a paragraph ended with the page: keep the break
        index = block_end
    return "\n".join(kept), len(drop)
