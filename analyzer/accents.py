"""Minutes typed without diacritics ("Dong chi Nguyen Van Hung ... co mat 12/14").

Rule patterns are written with diacritics. For a document that has (almost) none, the pipeline
switches to the same patterns with their diacritics removed; for one typed partly without them
(a header with diacritics, the notes taken on a phone without), to patterns whose letters match
with or without them. ``rx`` returns the right variant.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from analyzer.lexicon import fold

# True: patterns without diacritics; MIXED: letters with or without them; False: as written.
MIXED = "mixed"
_folded: ContextVar[bool | str] = ContextVar("bienban_folded_patterns", default=False)


def accent_mode(text: str, sample: int = 20000) -> bool | str:
    """True for a text without diacritics, ``MIXED`` for one with too few for Vietnamese typed
    with them throughout (in the corpus, minutes with diacritics have 15% or more of their
    letters marked; those typed partly without them 3–6%), else False."""
    letters = [c for c in text[:sample] if c.isalpha()]
    if len(letters) < 200:
        return False
    marked = sum(1 for c in letters if not c.isascii()) / len(letters)
    if marked < 0.01:
        return True
    return MIXED if marked < 0.1 else False


@contextmanager
def folded_patterns(on: bool | str) -> Iterator[None]:
    token = _folded.set(on)
    try:
        yield
    finally:
        _folded.reset(token)


@lru_cache(maxsize=512)
def _fold_compiled(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(fold(pattern.pattern), pattern.flags)


def either_source(source: str) -> str:
    """A regular expression whose letters with diacritics also match without them: "ư" becomes
    "[ưu]", and a character class gets the letters without diacritics of those it holds."""
    out: list[str] = []
    extra: list[str] = []  # the unmarked letters a class being copied lacks
    in_class = False
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            out.append(source[i : i + 2])
            i += 2
            continue
        if in_class:
            if char == "]":
                out.append("".join(dict.fromkeys(extra)))
                in_class = False
            elif (plain := fold(char)) != char:
                extra.append(plain)
            out.append(char)
            i += 1
            continue
        if char == "[":
            in_class, extra = True, []
            start = i + 1
            if source[start : start + 1] == "^":
                start += 1
            if source[start : start + 1] == "]":  # a "]" first in a class is itself
                start += 1
            out.append(source[i:start])
            i = start
            continue
        plain = fold(char)
        out.append(char if plain == char else f"[{char}{plain}]")
        i += 1
    return "".join(out)


@lru_cache(maxsize=512)
def _either_compiled(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(either_source(pattern.pattern), pattern.flags)


def folded() -> bool:
    """Are the patterns without diacritics in use (a document typed without them)?"""
    return _folded.get() is True


def rx(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern``, or its form for a document typed without diacritics, or partly without."""
    mode = _folded.get()
    if not mode:
        return pattern
    return _fold_compiled(pattern) if mode is True else _either_compiled(pattern)
