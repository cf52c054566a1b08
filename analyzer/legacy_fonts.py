"""Detect and convert text typed in legacy TCVN3 (ABC) or VNI fonts.

Such documents keep the font's bytes, so after a careless conversion to Unicode they read as
mojibake: "§ång chÝ" (TCVN3) or "Ñoàng chí" (VNI) for "Đồng chí". The tables live in
``models/lexicons/legacy_fonts.yaml``. A line is converted only when the conversion raises its
score of well-formed Vietnamese syllables, so correct Unicode lines in the same document stay
as they are.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from analyzer import lexicon

_TONES = "\u0300\u0301\u0303\u0309\u0323"
_STOP_CODA = ("c", "ch", "p", "t")
_ONSET = r"(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?"
_RHYME = (
    r"[ou]?(?:(?:iê|yê|uô|ươ|ia|ya|ua|ưa|[aăâeêioôơuưy])(?:ch|nh|ng|[cmnpt])?"
    r"|ai|ay|ao|au|ây|âu|eo|êu|iu|iêu|yêu|oi|ôi|ơi|ui|uôi|ưi|ươi|ưu|ươu|yu)"
)
_SYLLABLE = re.compile(_ONSET + _RHYME)
_WORD = re.compile(r"[^\W\d_]+")
_ASCII_UPPER = re.compile("[A-Z]")
_ASCII_LOWER = re.compile("[a-z]")
# Latin-1 letters that Vietnamese also uses; any other Latin-1 letter or sign inside a word is
# evidence of mojibake.
_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
# Minimum summed line gain before a family is applied to a document.
_MIN_DOCUMENT_GAIN = 2


@dataclass(frozen=True)
class Family:
    """One legacy encoding: its name, its mojibake-to-Unicode table and derived patterns."""

    name: str
    table: Mapping[str, str]
    token: re.Pattern[str]
    sequence: re.Pattern[str]
    foreign: frozenset[str]
    foreign_char: re.Pattern[str]
    # TCVN3 has no precomposed capitals with tones: its capital fonts (.VnTimeH) draw the
    # lowercase bytes as capitals, so a token in a capitalised line is uppercased.
    capitals_from_lowercase: bool

    def convert_token(self, token: str, capitals: bool = False) -> str:
        converted = self.sequence.sub(lambda m: self.table[m.group()], token)
        if capitals and self.capitals_from_lowercase and _all_ascii_upper(token):
            converted = converted.upper()
        return unicodedata.normalize("NFC", converted)


def _all_ascii_upper(token: str) -> bool:
    letters = [c for c in token if c.isascii() and c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _is_capital_line(line: str) -> bool:
    """Whether a line is written in capitals (judged on its ASCII letters)."""
    upper = len(_ASCII_UPPER.findall(line))
    lower = len(_ASCII_LOWER.findall(line))
    return upper + lower >= 3 and upper >= 4 * lower


@dataclass(frozen=True)
class Conversion:
    text: str
    family: str | None
    lines_converted: int


def _build_family(data: Mapping[str, Any]) -> Family:
    table = {str(k): str(v) for k, v in data["map"].items()}
    chars = sorted({c for key in table for c in key})
    keys = sorted(table, key=len, reverse=True)
    foreign = frozenset(c for c in chars if not c.isascii() and c not in _VIETNAMESE_LATIN1)
    return Family(
        name=str(data["name"]),
        table=table,
        token=re.compile(r"(?:\w|[" + re.escape("".join(chars)) + r"])+"),
        sequence=re.compile("|".join(map(re.escape, keys))),
        foreign=foreign,
        foreign_char=re.compile("[" + re.escape("".join(sorted(foreign))) + "]"),
        capitals_from_lowercase=bool(data.get("capitals_from_lowercase", False)),
    )


@cache
def families() -> tuple[Family, ...]:
    data = lexicon.load("legacy_fonts")
    return (_build_family(data["tcvn3"]), _build_family(data["vni"]))


@lru_cache(maxsize=65536)
def _judge(family_name: str, token: str, capitals: bool) -> tuple[str, int, bool]:
    """A token's conversion, its score change, and whether it holds a mojibake-only sign."""
    family = next(f for f in families() if f.name == family_name)
    converted = family.convert_token(token, capitals)
    if converted == token:
        return token, 0, False
    delta = syllable_score(converted) - syllable_score(token)
    return converted, delta, family.foreign_char.search(token) is not None


@cache
def _common_syllables() -> frozenset[str]:
    return frozenset(lexicon.load("legacy_fonts")["common_syllables"])


@cache
def damaged_forms() -> re.Pattern[str]:
    """Words that lost ư/ơ in an old conversion, as one case-insensitive pattern."""
    forms = sorted(lexicon.load("legacy_fonts")["damaged_forms"], key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=65536)
def syllable_score(token: str) -> int:
    """0 for a token that is not a Vietnamese syllable, 1 for one, 2 for a frequent one."""
    if not (token.islower() or token.isupper() or token.istitle()):
        return 0
    lowered = unicodedata.normalize("NFC", token.lower())
    decomposed = unicodedata.normalize("NFD", lowered)
    tones = [c for c in decomposed if c in _TONES]
    if len(tones) > 1:
        return 0
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    match = _SYLLABLE.fullmatch(base)
    if match is None:
        return 0
    # Syllables closed by a stop take only the sắc or nặng tone.
    if tones and tones[0] not in "\u0301\u0323" and base.endswith(_STOP_CODA):
        return 0
    return 2 if lowered in _common_syllables() else 1


def _convert_line(line: str, family: Family) -> tuple[str, int]:
    """The line converted token by token, and the score gain (<= 0: keep the original)."""
    gain = 0
    evidence = False
    pieces: list[str] = []
    last = 0
    capitals = _is_capital_line(line)
    for match in family.token.finditer(line):
        token = match.group()
        converted, delta, has_foreign = _judge(family.name, token, capitals)
        if converted == token:
            continue
        if len(token) == 1:
            # A lone sign proves nothing ("·" bullets, "§ 3", "3 × 4"); in a converted line it
            # is a one-letter word, except in bullet position at the start of the line.
            # "§/c" is "Đ/c", the usual abbreviation of "Đồng chí", even at the line start.
            if not line[: match.start()].strip() and line[match.end() : match.end() + 1] != "/":
                continue
        elif delta < 0 or (delta == 0 and not has_foreign):
            gain += delta
            continue
        else:
            gain += delta
            evidence = evidence or has_foreign
        pieces.append(line[last : match.start()])
        pieces.append(converted)
        last = match.end()
    if not evidence:
        return line, 0
    pieces.append(line[last:])
    return "".join(pieces), gain


def _best_lines(text: str, family: Family) -> tuple[list[str], list[int]]:
    lines = text.split("\n")
    converted: list[str] = []
    gains: list[int] = []
    for line in lines:
        if family.foreign_char.search(line):
            new, gain = _convert_line(line, family)
        else:
            new, gain = line, 0
        converted.append(new)
        gains.append(gain)
    return converted, gains


def convert_legacy(text: str) -> Conversion:
    """Convert the lines of ``text`` that are TCVN3 or VNI mojibake; one family per document."""
    present = set(text)
    best: tuple[int, Family, list[str], list[int]] | None = None
    for family in families():
        if not present & family.foreign:
            continue
        lines, gains = _best_lines(text, family)
        total = sum(g for g in gains if g > 0)
        if total >= _MIN_DOCUMENT_GAIN and (best is None or total > best[0]):
            best = (total, family, lines, gains)
    if best is None:
        return Conversion(text=text, family=None, lines_converted=0)
    _, family, lines, gains = best
    originals = text.split("\n")
    out = [new if gain > 0 else old for new, old, gain in zip(lines, originals, gains, strict=True)]
    return Conversion(
        text="\n".join(out), family=family.name, lines_converted=sum(g > 0 for g in gains)
    )


def detect_legacy_font(text: str) -> str | None:
    """The name of the legacy font family ``text`` is written in, if any ("TCVN3" or "VNI")."""
    return convert_legacy(text).family


def vietnamese_ratio(text: str, limit: int = 5000) -> float:
    """Share of non-ASCII word tokens (among the first ``limit``) that are Vietnamese syllables."""
    total = valid = 0
    for match in _WORD.finditer(text):
        token = match.group()
        if token.isascii():
            continue
        total += 1
        valid += syllable_score(token) > 0
        if total >= limit:
            break
    return valid / total if total else 0.0
