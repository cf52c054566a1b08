"""Loads the versioned rule lexicons from ``models/lexicons`` and compiles their patterns."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from analyzer.errors import AnalyzerError

# Vietnamese letters for a regex character class: "[{UPPER_LETTERS}]" is a capital.
UPPER_LETTERS = "A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"
LOWER_LETTERS = "a-zđàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ"


class LexiconError(AnalyzerError):
    code = "lexicon_missing"
    http_status = 500


def models_dir() -> Path:
    """The ``models/`` folder: ``BIENBAN_MODELS_DIR`` if set, else the one beside the package."""
    configured = os.environ.get("BIENBAN_MODELS_DIR")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent.parent / "models"


@cache
def load(name: str) -> dict[str, Any]:
    path = models_dir() / "lexicons" / f"{name}.yaml"
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(
            f"Không đọc được tệp từ điển quy tắc {path}: {exc}. Hãy cài lại bienban từ kho mã."
        ) from exc
    if not isinstance(data, dict):
        raise LexiconError(f"Tệp từ điển quy tắc {path} không đúng định dạng.")
    return data


def fold(text: str) -> str:
    """Vietnamese without diacritics ("Đồng chí" → "Dong chi"), as minutes typed without them."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def with_folded(phrases: Iterable[str]) -> frozenset[str]:
    """The phrases and their forms without diacritics."""
    items = {p.strip() for p in phrases if p.strip()}
    # Short single words lose too much without diacritics ("cô" → "co", "bà" → "ba", "chú" →
    # "Chu", a family name), so only longer or multi-word phrases get a folded form.
    folded = {fold(p) for p in items if " " in p or "/" in p or len(p) >= 4}
    return frozenset(items | folded)


def phrase_pattern(phrases: Iterable[str]) -> str:
    """An alternation matching any phrase or its form without diacritics, longest first; a
    space matches blanks or one line break."""
    ordered = sorted(with_folded(phrases), key=len, reverse=True)
    return "|".join(r"[ \t]*\n?[ \t]*".join(map(re.escape, p.split())) for p in ordered)


@dataclass(frozen=True)
class Cues:
    """The cue lexicon with its compiled alternations (case-insensitive)."""

    version: int
    honorific: str
    speech_verb: str
    speech_adverb: str
    after_listening: str
    colon_speech_verb: str
    presentation_verb: str
    reported_speech_verbs: frozenset[str]
    workplace: str
    role: str
    chair_roles: frozenset[str]
    secretary_roles: frozenset[str]
    group_subject: str
    group_verb: str
    field_labels: frozenset[str]
    family_names: frozenset[str]
    birth_order_names: frozenset[str]
    anonymous: str
    unnamed: str
    titles: frozenset[str]
    role_abbreviations: dict[str, str]
    section_keywords: tuple[tuple[str, re.Pattern[str]], ...]
    section_openers: tuple[tuple[str, re.Pattern[str]], ...]


@cache
def cues() -> Cues:
    data = load("cues")
    return Cues(
        version=int(data["version"]),
        honorific=phrase_pattern(data["honorifics"]),
        speech_verb=phrase_pattern(data["speech_verbs"]),
        speech_adverb=phrase_pattern(data["speech_adverbs"]),
        after_listening=phrase_pattern(data["after_listening"]),
        colon_speech_verb=phrase_pattern(data["colon_speech_verbs"]),
        presentation_verb=phrase_pattern(data["presentation_verbs"]),
        reported_speech_verbs=with_folded(data["reported_speech_verbs"]),
        workplace=phrase_pattern(data["workplaces"]),
        role=phrase_pattern(data["roles"]),
        chair_roles=with_folded(data["chair_roles"]),
        secretary_roles=with_folded(data["secretary_roles"]),
        group_subject=phrase_pattern(data["group_subjects"]),
        group_verb=phrase_pattern(data["group_verbs"]),
        field_labels=with_folded(data["field_labels"]),
        family_names=with_folded(data["family_names"]),
        birth_order_names=frozenset(w.lower() for w in data["birth_order_names"]),
        anonymous=phrase_pattern(data["anonymous_cues"]),
        unnamed=phrase_pattern(data["unnamed_people"]),
        titles=with_folded(data["titles"]),
        role_abbreviations={k.lower(): v for k, v in data["role_abbreviations"].items()},
        section_keywords=tuple(
            (kind, re.compile(rf"(?<!\w)(?:{phrase_pattern(words)})(?!\w)", re.I))
            for kind, words in data["section_keywords"].items()
        ),
        section_openers=tuple(
            (kind, re.compile(rf"(?:{phrase_pattern(words)})(?!\w)", re.I))
            for kind, words in data["section_openers"].items()
        ),
    )


def expand_role(phrase: str) -> str | None:
    """The role an abbreviation in capitals stands for ("TT" → "tổ trưởng"), else None."""
    key = phrase.strip(" .()")
    head, _, rest = key.partition(" ")
    if rest and rest.islower() and head.isupper():
        # "BT chi bộ" → "bí thư chi bộ", "CT công đoàn" → "chủ tịch công đoàn"
        expanded = cues().role_abbreviations.get(head.lower())
        return f"{expanded} {rest}" if expanded else None
    if not key.isupper() or " " in key:
        return None
    return cues().role_abbreviations.get(key.lower())


@cache
def meeting_kinds() -> tuple[tuple[str, re.Pattern[str]], ...]:
    data = load("meeting_kinds")
    return tuple(
        (kind, re.compile(rf"(?<!\w)(?:{phrase_pattern(words)})(?!\w)", re.I))
        for kind, words in data["kinds"].items()
    )
